"""The builds for the laptops: the PyInstaller recipe, the Windows installer and CI files, the Linux bundle.

The fast tests check what this machine can check of the Windows recipe (the data lists, paths, syntax); the slow
one (FGD_SLOW=1, about a minute with the build environment in place) builds the Linux bundle and runs it.
"""

from __future__ import annotations

import ast
import configparser
import os
import re
import subprocess
import sys
import tarfile
import time
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PACKAGING = ROOT / "packaging"
SPEC = PACKAGING / "fgd_app.spec"
ISS = PACKAGING / "windows" / "fgd-app.iss"
WORKFLOWS = ROOT / ".github" / "workflows"
sys.path.insert(0, str(PACKAGING))
import bundle_data  # noqa: E402

VERSION = bundle_data.version()


def run(*args, **kwargs) -> subprocess.CompletedProcess:
    kwargs.setdefault("timeout", 120)
    return subprocess.run([str(a) for a in args], capture_output=True, text=True, **kwargs)


def test_spec_is_python_and_takes_its_data_from_bundle_data():
    tree = ast.parse(SPEC.read_text(encoding="utf-8"))
    calls = {node.func.id if isinstance(node.func, ast.Name) else getattr(node.func, "attr", "")
             for node in ast.walk(tree) if isinstance(node, ast.Call)}
    assert {"Analysis", "PYZ", "EXE", "COLLECT", "app_datas"} <= calls
    text = SPEC.read_text(encoding="utf-8")
    assert 'name="fgd-app"' in text and '"fgd-app-console"' in text
    assert "console=not WINDOWS" in text, "fgd-app.exe must be windowed on Windows (no console beside the GUI)"
    assert "icon=ICON" in text and "version=str(VERSION_FILES[name])" in text


def test_bundle_carries_the_same_data_files_as_the_wheel(tmp_path):
    """packaging/bundle_data.py and pyproject's [tool.hatch.build.targets.wheel] put the same files in _data."""
    pytest.importorskip("hatchling")
    built = run(sys.executable, "-m", "hatchling", "build", "-t", "wheel", "-d", tmp_path, cwd=ROOT)
    assert built.returncode == 0, built.stderr
    wheel = next(tmp_path.glob("fgd_app-*.whl"))
    in_wheel = {name for name in zipfile.ZipFile(wheel).namelist() if name.startswith("fgd_app/_data/")}
    in_bundle = {f"{folder}/{Path(source).name}" for source, folder in bundle_data.app_datas()}
    assert in_bundle == in_wheel, (sorted(in_bundle - in_wheel), sorted(in_wheel - in_bundle))
    assert any(name.startswith("fgd_app/_data/resources/icons/") for name in in_bundle)
    assert not any("/doc/" in name for name in in_bundle)


def test_windows_version_file_follows_pyproject():
    text = bundle_data.windows_version_file(VERSION, "fgd-app")
    ast.parse(text)  # PyInstaller evaluates it as a Python expression
    numbers = [int(n) for n in re.findall(r"\d+", VERSION)[:4]]
    assert f"filevers={tuple(numbers + [0] * (4 - len(numbers)))}" in text
    assert f"StringStruct('ProductVersion', '{VERSION}')" in text
    assert "StringStruct('OriginalFilename', 'fgd-app.exe')" in text


def test_icons_render_from_the_svg(tmp_path):
    svg = ROOT / "resources" / "icons" / "fgd-app.svg"
    assert ET.parse(svg).getroot().tag == "{http://www.w3.org/2000/svg}svg"
    made = run(sys.executable, PACKAGING / "make_icons.py", tmp_path, env=os.environ | {"QT_QPA_PLATFORM": "offscreen"})
    assert made.returncode == 0, made.stderr
    from PIL import Image

    for size in (16, 32, 48, 256):
        with Image.open(tmp_path / f"fgd-app-{size}.png") as png:
            assert png.size == (size, size) and png.getpixel((size // 2, size // 2))[3] == 255  # drawn, opaque
    with Image.open(tmp_path / "fgd-app.ico") as ico:
        assert {(16, 16), (32, 32), (48, 48), (256, 256)} <= set(ico.info["sizes"])


def _iss_sections() -> dict[str, list[str]]:
    sections: dict[str, list[str]] = {}
    current = ""
    for line in ISS.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if not line or line.startswith(";"):
            continue
        if re.fullmatch(r"\[\w+\]", line):
            current = line[1:-1]
            sections[current] = []
        else:
            sections.setdefault(current, []).append(line)
    return sections


def test_installer_is_per_user_and_registers_the_file_type():
    sections = _iss_sections()
    setup = dict(line.split("=", 1) for line in sections["Setup"])
    assert setup["PrivilegesRequired"] == "lowest" and "PrivilegesRequiredOverridesAllowed" not in setup
    assert setup["DefaultDirName"].startswith(("{userpf}", "{localappdata}"))
    assert setup["ChangesAssociations"] == "yes"
    assert any(line.startswith('Name: "{userprograms}\\') for line in sections["Icons"]), "no Start-menu entry"
    registry = sections["Registry"]
    assert registry and all(line.startswith('Root: HKCU; Subkey: "Software\\Classes\\') for line in registry)
    assert any("shell\\open\\command" in line and '""%1""' in line for line in registry)
    assert any(".db\\OpenWithProgids" in line for line in registry)
    assert not re.search(r"HKLM|HKA|{(pf|commonpf|group|commonprograms)}", ISS.read_text(encoding="utf-8"))


def test_installer_takes_the_files_the_build_makes():
    """The .iss reads dist/fgd-app (the spec's COLLECT) and the icon the spec draws under its workpath."""
    text = ISS.read_text(encoding="utf-8")
    spec = SPEC.read_text(encoding="utf-8")
    dist_dir = re.search(r'#define DistDir AddBackslash\(SourcePath\) \+ "([^"]+)"', text).group(1)
    icon = re.search(r'#define IconFile AddBackslash\(SourcePath\) \+ "([^"]+)"', text).group(1)
    app_exe = re.search(r'#define AppExe "([^"]+)"', text).group(1)
    resolve = lambda relative: (ISS.parent / relative.replace("\\", "/")).resolve()  # noqa: E731
    # build_windows.ps1 passes --distpath dist --workpath build\pyinstaller; PyInstaller adds the spec's name
    assert resolve(dist_dir) == ROOT / "dist" / "fgd-app"
    assert 'name="fgd-app",\n)' in spec and app_exe == "fgd-app.exe"
    assert resolve(icon) == ROOT / "build" / "pyinstaller" / SPEC.stem / "generated" / "icons" / "fgd-app.ico"
    assert 'GENERATED = Path(workpath) / "generated"' in spec and '/ "icons"' in spec
    assert resolve(re.search(r"^OutputDir=(.+)$", text, re.M).group(1)) == ROOT / "dist"
    script = (PACKAGING / "build_windows.ps1").read_text(encoding="utf-8")
    assert '"--distpath", $dist, "--workpath", (Join-Path $build "pyinstaller"), "packaging\\fgd_app.spec"' in script
    assert 'packaging\\windows\\fgd-app.iss' in script
    for name in re.findall(r'packaging\\[\w\\.-]+', script):
        assert (ROOT / name.replace("\\", "/")).exists(), name


def test_workflows_parse_and_run_the_smoke_tests():
    yaml = pytest.importorskip("yaml")
    windows = yaml.safe_load((WORKFLOWS / "windows.yml").read_text(encoding="utf-8"))
    linux = yaml.safe_load((WORKFLOWS / "linux.yml").read_text(encoding="utf-8"))
    job = windows["jobs"]["bundle"]
    assert job["runs-on"] == "windows-latest"
    steps = job["steps"]
    python = next(s for s in steps if s.get("uses", "").startswith("actions/setup-python"))
    assert python["with"]["python-version"] == "3.11"
    script = "\n".join(s.get("run", "") for s in steps)
    for needed in ("./packaging/build_windows.ps1", "--version", " demo ", " check ", "FGD_QUIT_AFTER_SHOW",
                   "innosetup", "/VERYSILENT"):
        assert needed in script, needed
    assert any(s.get("env", {}).get("QT_QPA_PLATFORM") == "offscreen" for s in steps)
    assert any(s.get("uses", "").startswith("actions/upload-artifact") for s in steps)
    linux_steps = linux["jobs"]["bundle"]["steps"]
    assert any("tests/packaging/test_bundle.py" in s.get("run", "") and s.get("env", {}).get("FGD_SLOW") == "1"
               for s in linux_steps)


def test_desktop_entry_and_file_type():
    entry = configparser.ConfigParser(interpolation=None)
    entry.optionxform = str
    entry.read(PACKAGING / "linux" / "fgd-app.desktop", encoding="utf-8")
    desktop = entry["Desktop Entry"]
    assert desktop["Type"] == "Application" and desktop["Icon"] == "fgd-app" and desktop["Exec"].endswith(" %f")
    mime = ET.parse(PACKAGING / "linux" / "fgd-app-mime.xml").getroot()
    ns = {"m": "http://www.freedesktop.org/standards/shared-mime-info"}
    mime_type = mime.find("m:mime-type", ns)
    assert desktop["MimeType"] == mime_type.get("type") + ";"
    assert mime_type.find("m:glob", ns).get("pattern") == "*.fgd.db"


def test_packaging_names_no_build_machine_paths():
    files = [p for p in [*PACKAGING.rglob("*"), *WORKFLOWS.rglob("*")] if p.is_file() and "__pycache__" not in p.parts]
    for path in files:
        text = path.read_text(encoding="utf-8", errors="replace")
        assert not re.search(r"/(?:tmp|work|root)/|/home/\w|C:\\Users", text), path


# --- the Linux bundle, built and run (FGD_SLOW=1) -------------------------------------------------------------------

VERSION_PROBE = """
import sys, types
sys.modules.setdefault("pefile", types.ModuleType("pefile"))
import PyInstaller.compat
PyInstaller.compat.win32api = None
from PyInstaller.utils.win32.versioninfo import load_version_info_from_text_file
info = load_version_info_from_text_file(sys.argv[1])
assert len(info.toRaw()) > 500
print(info)
"""


def _clean_env(home: Path, **extra: str) -> dict[str, str]:
    """A user's environment: no virtualenv, no PYTHONPATH; only system folders on PATH."""
    env = {"HOME": str(home), "PATH": "/usr/local/bin:/usr/bin:/bin", "LANG": "C.UTF-8", "FGD_LANG": "en",
           "QT_QPA_PLATFORM": "offscreen", "XDG_RUNTIME_DIR": str(home / "runtime")}
    (home / "runtime").mkdir(mode=0o700, parents=True, exist_ok=True)
    return env | extra


def _glibc_needed(folder: Path) -> str | None:
    """Return the highest GLIBC_x.y symbol version any file of the bundle needs (objdump -T), or None."""
    versions = set()
    for path in folder.rglob("*"):
        if path.is_file() and (".so" in path.name or os.access(path, os.X_OK)):
            dump = run("objdump", "-T", path)
            versions |= set(re.findall(r"GLIBC_(\d+\.\d+(?:\.\d+)?)", dump.stdout))
    return max(versions, key=lambda v: tuple(map(int, v.split(".")))) if versions else None


@pytest.mark.slow
@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the Linux bundle is built on Linux")
def test_linux_bundle_builds_and_runs(tmp_path):
    started = time.perf_counter()
    built = run("bash", PACKAGING / "build_linux.sh", timeout=1800, cwd=ROOT)
    seconds = time.perf_counter() - started
    assert built.returncode == 0, built.stdout[-3000:] + built.stderr[-3000:]
    arch = os.uname().machine
    tarball = ROOT / "dist" / f"fgd-app-{VERSION}-linux-{arch}.tar.gz"
    with tarfile.open(tarball) as archive:
        archive.extractall(tmp_path, filter="tar")
    folder = tmp_path / f"fgd-app-{VERSION}-linux-{arch}"
    app = folder / "fgd-app"
    for part in ("fgd-app.desktop", "fgd-app-mime.xml", "fgd-app.png", "install.sh",
                 "icons/hicolor/16x16/apps/fgd-app.png", "icons/hicolor/256x256/apps/fgd-app.png",
                 "icons/hicolor/scalable/apps/fgd-app.svg", "_internal/fgd_app/_data/resources/icons/fgd-app.svg"):
        assert (folder / part).is_file(), part
    size = sum(p.stat().st_size for p in folder.rglob("*") if p.is_file() and not p.is_symlink())
    left_out = [p.relative_to(folder).as_posix() for p in (folder / "_internal").rglob("*")
                if re.search(r"libQt6(Network|Qml|Quick|Pdf|VirtualKeyboard)|/translations/qt|/qml/|_avif",
                             "/" + p.relative_to(folder).as_posix())]
    assert not left_out, left_out

    home = tmp_path / "home"
    env = _clean_env(home)
    version = run(app, "--version", env=env, cwd=tmp_path)
    assert version.returncode == 0 and f"FGD Smart City {VERSION}" in version.stdout, version.stderr
    workshop = tmp_path / "serang.fgd.db"
    demo = run(app, "demo", workshop, env=env, cwd=tmp_path)
    assert demo.returncode == 0, demo.stderr
    check = run(app, "check", workshop, env=env, cwd=tmp_path)
    assert check.returncode == 0 and "sound" in check.stdout, check.stdout + check.stderr
    printed = run(app, "print", workshop, "--out", tmp_path / "pdf", "--only", "peta-jalan", env=env, cwd=tmp_path)
    assert printed.returncode == 0, printed.stderr
    assert (tmp_path / "pdf" / "peta-jalan.pdf").read_bytes().startswith(b"%PDF")
    draft = run(app, "draft", workshop, "--out", tmp_path / "draf.docx", env=env, cwd=tmp_path)
    assert draft.returncode == 0, draft.stderr  # its charts: ReportLab -> PDF -> PDFium (pypdfium2's library)
    media = [n for n in zipfile.ZipFile(tmp_path / "draf.docx").namelist() if n.startswith("word/media/")]
    assert len(media) == 5 and all(zipfile.ZipFile(tmp_path / "draf.docx").read(n)[:4] == b"\x89PNG" for n in media)
    excel = run(app, "export", workshop, "--excel", tmp_path / "serang.xlsx", env=env, cwd=tmp_path)
    assert excel.returncode == 0, excel.stderr
    assert "xl/workbook.xml" in zipfile.ZipFile(tmp_path / "serang.xlsx").namelist()
    window = run(app, workshop, env=env | {"FGD_QUIT_AFTER_SHOW": "1"}, cwd=tmp_path)
    assert window.returncode == 0 and window.stdout.startswith("shown "), window.stdout + window.stderr
    assert "Traceback" not in window.stderr
    if Path("/usr/bin/xvfb-run").exists():  # a real X11 window: the xcb platform plugin and its libraries
        x11 = run("xvfb-run", "-a", app, env=env | {"QT_QPA_PLATFORM": "xcb", "FGD_QUIT_AFTER_SHOW": "1"},
                  cwd=tmp_path)
        assert x11.returncode == 0 and "shown " in x11.stdout, x11.stdout + x11.stderr

    installed = run("sh", folder / "install.sh", env=env)
    assert installed.returncode == 0, installed.stderr
    data = home / ".local" / "share"
    entry = (data / "applications" / "fgd-app.desktop").read_text(encoding="utf-8")
    assert f'Exec="{home}/.local/opt/fgd-app/fgd-app" %f' in entry
    assert (data / "mime" / "packages" / "fgd-app.xml").is_file()
    if Path("/usr/bin/desktop-file-validate").exists():  # Debian's desktop-file-utils
        valid = run("desktop-file-validate", data / "applications" / "fgd-app.desktop")
        assert valid.returncode == 0 and not valid.stdout.strip(), valid.stdout + valid.stderr
    assert (data / "icons" / "hicolor" / "48x48" / "apps" / "fgd-app.png").is_file()
    again = run(home / ".local" / "bin" / "fgd-app", "--version", env=env)
    assert again.returncode == 0 and VERSION in again.stdout
    removed = run("sh", folder / "install.sh", "--uninstall", env=env)
    assert removed.returncode == 0 and not (home / ".local" / "opt" / "fgd-app").exists(), removed.stderr
    assert not (data / "applications" / "fgd-app.desktop").exists()

    version_file = ROOT / "build" / "pyinstaller" / "fgd_app" / "generated" / "fgd-app-version.txt"
    build_python = ROOT / "build" / "venv" / "bin" / "python"
    if build_python.exists() and not os.environ.get("FGD_BUILD_VENV"):
        # PyInstaller's own parser and encoder of the version resource (its Windows-only imports stubbed)
        loaded = run(build_python, "-c", VERSION_PROBE, version_file)
        assert loaded.returncode == 0 and f"'ProductVersion', '{VERSION}'" in loaded.stdout, loaded.stderr

    glibc = _glibc_needed(folder) if Path("/usr/bin/objdump").exists() else None
    host = os.confstr("CS_GNU_LIBC_VERSION")
    print(f"\nLinux bundle: built in {seconds:.0f} s, {size / 2**20:.0f} MB unpacked, "
          f"{tarball.stat().st_size / 2**20:.0f} MB tarball; needs GLIBC {glibc} (build host: {host})")
