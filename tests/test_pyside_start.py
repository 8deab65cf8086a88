"""PySide6 loads through the start-up cache (fgd_app.gui.shell.pyside_start): what it answers from the cache is
exactly what compiling anew gives, a damaged cache is rebuilt, and it can be turned off.

Each case is a fresh process (PySide6 is loaded once per process) with its own cache folder.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

LOAD = """
import json
from fgd_app.gui.shell import pyside_start
from PySide6.QtWidgets import QApplication, QLabel
app = QApplication([])
label = QLabel("Data lokakarya")
label.show()
print("STATS " + json.dumps(pyside_start.stats))
"""

VERIFY = """
import marshal, sys, zlib
from re import _compiler
from fgd_app.gui.shell import pyside_start

code, patterns = marshal.loads(pyside_start.cache_path().read_bytes())
for (pattern, flags), arguments in patterns.items():  # Pattern equality compares flags, text and compiled code
    assert _compiler._sre.compile(pattern, *arguments) == _compiler.compile(pattern, flags), pattern
loader = sys.modules["shibokensupport.feature"].__loader__  # shiboken's importer of its embedded sources
sources = {name: loader.zfile.read(name) for name in loader.zfile.namelist() if name.endswith(".py")}
for (filename, size, crc, future_flags), stored in code.items():
    source = sources[filename]
    assert (len(source), zlib.crc32(source)) == (size, crc), filename
    assert marshal.loads(stored) == compile(source, filename, "exec", future_flags, True), filename

print("VERIFIED", len(code), len(patterns))
"""


def run(script: str, cache: Path, **env: str) -> str:
    environment = os.environ | {"QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(ROOT),
                                "XDG_CACHE_HOME": str(cache)} | env
    done = subprocess.run([sys.executable, "-c", script], env=environment, cwd=ROOT, capture_output=True,
                          text=True, timeout=60)
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout


def stats(output: str) -> dict[str, int]:
    return json.loads(next(line for line in output.splitlines() if line.startswith("STATS "))[6:])


def cache_files(cache: Path) -> list[Path]:
    return sorted((cache / "fgd_app").glob("pyside-start.*.marshal"))


def test_second_start_answers_everything_from_the_cache_and_the_answers_are_exact(tmp_path):
    first = stats(run(LOAD, tmp_path))
    assert first["hits"] == 0 and first["misses"] >= 20  # 14 modules and their patterns
    [cache] = cache_files(tmp_path)
    written = cache.stat().st_mtime_ns
    second = stats(run(LOAD, tmp_path))
    assert second == {"hits": first["misses"], "misses": 0}
    assert cache.stat().st_mtime_ns == written  # nothing missed or unused: not rewritten
    verified = run(VERIFY, tmp_path).split()
    assert verified[0] == "VERIFIED" and int(verified[1]) >= 10 and int(verified[2]) >= 10


def test_a_damaged_cache_is_ignored_and_rebuilt(tmp_path):
    run(LOAD, tmp_path)
    [cache] = cache_files(tmp_path)
    cache.write_bytes(cache.read_bytes()[:1000])  # cut short
    assert stats(run(LOAD, tmp_path))["misses"] >= 20
    assert stats(run(LOAD, tmp_path))["misses"] == 0
    cache.write_bytes(b"\x00not marshal")
    assert stats(run(LOAD, tmp_path))["hits"] == 0


def test_it_can_be_turned_off(tmp_path):
    assert stats(run(LOAD, tmp_path, FGD_NO_START_CACHE="1")) == {"hits": 0, "misses": 0}
    assert cache_files(tmp_path) == []


def test_the_feature_import_hook_is_out_and_nothing_needs_it():
    """PySide6's ``__feature__`` hook is taken out after loading; no module may ask for a feature."""
    import builtins

    from fgd_app.gui.shell import pyside_start

    pyside_start.load_pyside()  # already loaded here: only takes the hook out
    assert builtins.__import__ is not getattr(builtins, "__feature_import__", None)
    from PySide6.QtWidgets import QLabel  # PySide6's lazy class loading still works

    assert QLabel.__name__ == "QLabel"
    users = [path for path in (ROOT / "fgd_app").rglob("*.py")
             if "__feature__" in path.read_text(encoding="utf-8") and path.name != "pyside_start.py"]
    assert users == []
