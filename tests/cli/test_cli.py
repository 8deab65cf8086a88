"""``fgd-app``: the file argument, subcommands, exit codes, language, and no Qt outside the window."""

from __future__ import annotations

import os
import subprocess
import sys
import types

import pytest
from bad_files import fingerprint, make_newer

from fgd_app import __version__, i18n
from fgd_app.cli import commands as cli
from fgd_app.core import Workshop
from fgd_app.core.store import migrations


@pytest.fixture(autouse=True)
def _language_from_environment(monkeypatch):
    """Start in Indonesian; ``--lang`` exports FGD_LANG for the window, so restore it afterwards."""
    monkeypatch.setenv("FGD_LANG", "id")


@pytest.fixture
def fake_window(monkeypatch):
    """Stand in for fgd_app.gui.shell.app so the dispatch to the window is tested without starting Qt."""
    calls = []
    module = types.ModuleType("fgd_app.gui.shell.app")
    module.run = lambda path, **_options: calls.append(path) or 0
    monkeypatch.setitem(sys.modules, "fgd_app.gui.shell.app", module)
    return calls


def test_version_names_app_and_file_format(capsys):
    with pytest.raises(SystemExit) as done:
        cli.main(["--version"])
    assert done.value.code == 0
    out = capsys.readouterr().out
    assert __version__ in out and f"versi {migrations.schema_version()}" in out


def test_no_arguments_start_the_start_screen_and_a_file_opens_it(fake_window, tmp_path):
    assert cli.main([]) == 0
    assert cli.main([str(tmp_path / "serang.fgd.db")]) == 0
    assert fake_window == [None, str(tmp_path / "serang.fgd.db")]


def test_a_file_named_like_a_command_opens_with_a_path(fake_window):
    assert cli.main(["./demo"]) == 0
    assert fake_window == ["./demo"]


def test_demo_writes_a_workshop_and_refuses_to_overwrite_without_force(tmp_path, capsys):
    path = tmp_path / "contoh.fgd.db"
    assert cli.main(["demo", str(path)]) == 0
    assert "Contoh lokakarya ditulis" in capsys.readouterr().out
    with Workshop.open(path, read_only=True) as ws:
        assert ws.participants.count() == 60
    assert cli.main(["demo", str(path)]) == 2
    assert "sudah ada" in capsys.readouterr().err
    assert cli.main(["demo", str(path), "--scale", "2", "--force"]) == 0
    with Workshop.open(path, read_only=True) as ws:
        assert ws.participants.count() == 120


def test_demo_rejects_a_bad_scale_in_indonesian(tmp_path, capsys):
    assert cli.main(["demo", str(tmp_path / "x.db"), "--scale", "0"]) == 2
    assert "Skala harus antara 1 dan" in capsys.readouterr().err
    with pytest.raises(SystemExit) as done:
        cli.main(["demo", str(tmp_path / "x.db"), "--scale", "banyak"])
    assert done.value.code == 2
    assert "nilai int tidak sah" in capsys.readouterr().err
    assert not (tmp_path / "x.db").exists()


def test_check_exit_codes_sound_problems_unreadable(workshop_path, tmp_path, capsys):
    assert cli.main(["check", str(workshop_path)]) == 0
    assert "Hasil: berkas dalam keadaan baik." in capsys.readouterr().out
    make_newer(workshop_path)
    before = fingerprint(workshop_path)
    assert cli.main(["check", str(workshop_path)]) == 1
    assert "9999_from_the_future" in capsys.readouterr().out
    assert fingerprint(workshop_path) == before
    junk = tmp_path / "foto.jpg"
    junk.write_bytes(b"\xff\xd8\xff\xe0" + b"\x00" * 100)
    assert cli.main(["check", str(junk)]) == 2
    assert "bukan berkas lokakarya" in capsys.readouterr().err


def test_lang_option_and_environment_variable_choose_english(workshop_path, capsys, monkeypatch):
    assert cli.main(["--lang", "en", "check", str(workshop_path)]) == 0
    assert "Result: the file is sound." in capsys.readouterr().out
    i18n.set_language("id")
    monkeypatch.setenv("FGD_LANG", "en")
    assert cli.main(["check", str(workshop_path)]) == 0
    assert "Result: the file is sound." in capsys.readouterr().out


def test_unknown_language_and_stray_arguments_are_refused(capsys):
    with pytest.raises(SystemExit) as done:
        cli.main(["--lang", "jv"])
    assert done.value.code == 2
    with pytest.raises(SystemExit) as done:
        cli.main(["a.db", "b.db"])
    assert done.value.code == 2
    assert "argumen tidak dikenal: b.db" in capsys.readouterr().err


def test_help_lists_every_subcommand_in_indonesian(capsys):
    with pytest.raises(SystemExit):
        cli.main(["--help"])
    out = capsys.readouterr().out
    assert out.startswith("penggunaan: fgd-app")
    for command in cli.SUBCOMMANDS:
        assert f"  {command.name} " in out
        assert i18n.lookup(command.help), f"no Indonesian help for {command.name}"


def test_every_subcommand_loads_and_accepts_help(capsys):
    for command in cli.SUBCOMMANDS:
        with pytest.raises(SystemExit) as done:
            cli.main([command.name, "--help"])
        assert done.value.code == 0
        out = capsys.readouterr().out
        assert f"fgd-app {command.name}" in out
        # argparse's own words in Indonesian too, the group titles and -h included (made with the parser)
        assert "\nopsi:\n" in out and "tampilkan bantuan ini lalu keluar" in out, out
        assert "options:" not in out and "positional arguments" not in out


def test_version_demo_and_check_never_import_qt(tmp_path):
    code = (
        "import sys\n"
        "from fgd_app.cli.commands import main\n"
        f"assert main(['demo', {str(tmp_path / 'd.db')!r}]) == 0\n"
        f"assert main(['check', {str(tmp_path / 'd.db')!r}]) == 0\n"
        "try:\n    main(['--version'])\nexcept SystemExit:\n    pass\n"
        "assert 'PySide6' not in sys.modules, 'Qt was imported'\n"
        "assert 'reportlab' not in sys.modules, 'ReportLab was imported'\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr


def test_output_into_a_closed_pipe_ends_quietly(workshop_path):
    """``fgd-app check FILE | head -1``: the reader goes away; no traceback."""
    read_end, write_end = os.pipe()
    os.close(read_end)
    try:
        done = subprocess.run([sys.executable, "-m", "fgd_app", "check", str(workshop_path)], stdout=write_end,
                              stderr=subprocess.PIPE, text=True, timeout=60)
    finally:
        os.close(write_end)
    assert "Traceback" not in done.stderr and "Exception ignored" not in done.stderr, done.stderr
    assert done.returncode == 1


@pytest.mark.parametrize(("args", "file", "lang"), [
    ([], None, "id"), (["x.fgd.db"], "x.fgd.db", "id"), (["--lang", "en", "x.fgd.db"], "x.fgd.db", "en"),
    (["--lang=en", "x.fgd.db"], "x.fgd.db", "en"), (["x.fgd.db", "--lang", "en"], "x.fgd.db", "en"),
    (["--lang", "en"], None, "en"), (["--lang", "en", "./demo"], "./demo", "en"),
])
def test_lang_is_read_wherever_it_stands_and_the_rest_opens_the_window(fake_window, args, file, lang):
    assert cli.main(args) == 0
    assert fake_window == [file]
    assert i18n.language() == lang and os.environ["FGD_LANG"] == lang
    i18n.set_language("id")


@pytest.mark.parametrize("args", [["--lang"], ["--la", "en", "x.db"], ["-r"], ["-x.db"], ["x.db", "--bogus"]])
def test_arguments_argparse_refuses_end_with_code_2(fake_window, args):
    with pytest.raises(SystemExit) as done:
        cli.main(args)
    assert done.value.code == 2 and fake_window == []


def test_lang_after_a_subcommand_is_read_too(workshop_path, capsys):
    assert cli.main(["check", str(workshop_path), "--lang", "en"]) == 0
    assert "Result: the file is sound." in capsys.readouterr().out
    i18n.set_language("id")


def test_a_workshop_file_is_opened_before_the_window_and_handed_to_it(workshop_path, tmp_path, monkeypatch):
    calls = []
    module = types.ModuleType("fgd_app.gui.shell.app")
    module.run = lambda path, **options: calls.append((path, options)) or 0
    monkeypatch.setitem(sys.modules, "fgd_app.gui.shell.app", module)
    assert cli.main([str(workshop_path)]) == 0
    [(path, options)] = calls
    opened = options["opened"]
    assert path == str(workshop_path) and opened.path == workshop_path and not opened.read_only
    opened.close()
    calls.clear()  # a file that cannot be opened, or one only to look at, is left to the window
    assert cli.main([str(tmp_path / "tidak-ada.fgd.db")]) == 0
    assert cli.main(["--read-only", str(workshop_path)]) == 0
    assert calls == [(str(tmp_path / "tidak-ada.fgd.db"), {}), (str(workshop_path), {"read_only": True})]
