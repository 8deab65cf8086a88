"""Consolidating under pressure: a huge input, a full disk. One input refused, the rest kept; never blamed on
an input what the output's disk did."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path

from conftest import SERANG

from fgd_app.core import Workshop
from fgd_app.core.exchange import merge
from fgd_app.core.exchange.merge import merge_files

ROOT = Path(__file__).resolve().parents[2]


def _workshop(path: Path, **facts) -> Path:
    with Workshop.create(path, **facts) as ws:
        for number in range(150):
            ws.opds.add(name=f"Dinas nomor {number}", notes="catatan " * 250)
    return path


def _run(script: str, tmp_path: Path) -> subprocess.CompletedProcess:
    env = os.environ | {"PYTHONPATH": str(ROOT), "FGD_APP_LANGUAGE": "id", "TMPDIR": str(tmp_path)}
    return subprocess.run([sys.executable, "-c", textwrap.dedent(script)], capture_output=True, text=True,
                          env=env, timeout=120, cwd=tmp_path)


def test_a_file_size_limit_reached_while_merging_is_the_output_disk_not_a_damaged_input(tmp_path):
    one = _workshop(tmp_path / "serang.fgd.db", **SERANG)
    two = _workshop(tmp_path / "kota.fgd.db", region_code="36.73", bimtek_stage=3, days=["2024-08-05"])
    out = tmp_path / "hasil"
    out.mkdir()
    size = merge_files(tmp_path / "tanpa_batas.db", [one, two]) and (tmp_path / "tanpa_batas.db").stat().st_size
    for limit in (size // 4, size * 3 // 4):  # full while merging the first input, or the second
        result = _run(f"""
            import resource, signal
            signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a write past the limit fails with EFBIG
            resource.setrlimit(resource.RLIMIT_FSIZE, ({limit}, resource.RLIM_INFINITY))
            from fgd_app import i18n
            i18n.set_language("id")
            from fgd_app.core.errors import FgdError
            from fgd_app.core.exchange.merge import merge_files
            try:
                report = merge_files({str(out / 'nasional.db')!r}, [{str(one)!r}, {str(two)!r}])
                print("\\n".join(report.lines()))
            except FgdError as error:
                print("ERROR", error)
        """, tmp_path)
        assert result.returncode == 0, result.stderr
        assert "Traceback" not in result.stderr
        assert "rusak" not in result.stdout and "damaged" not in result.stdout, result.stdout
        assert result.stdout.startswith("ERROR") and "penuh" in result.stdout, result.stdout
        assert os.listdir(out) == []  # no partial output, no temporary file


def test_a_huge_input_is_read_in_chunks_within_a_memory_limit(tmp_path):
    region = _workshop(tmp_path / "serang.fgd.db", **SERANG)
    big = tmp_path / "besar.fgd.db"
    with Workshop.create(big, region_code="36.73", bimtek_stage=3, days=["2024-08-05"]):
        pass
    conn = sqlite3.connect(big)
    conn.execute("CREATE TABLE padding (blob BLOB)")
    conn.executemany("INSERT INTO padding VALUES (zeroblob(1048576))", [()] * 300)
    conn.commit()
    conn.execute("DROP TABLE padding")  # 300 MB of free pages: the file stays that large
    conn.commit()
    conn.close()
    assert big.stat().st_size > 300_000_000
    result = _run(f"""
        import resource
        from fgd_app import i18n
        from fgd_app.core.exchange.merge import merge_files
        used = int(open("/proc/self/statm").read().split()[0]) * resource.getpagesize()
        resource.setrlimit(resource.RLIMIT_AS, (used + 200_000_000, resource.RLIM_INFINITY))
        report = merge_files({str(tmp_path / 'nasional.db')!r}, [{str(big)!r}, {str(region)!r}])
        print([s.status for s in report.inputs])
    """, tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "['merged', 'merged']"


def test_an_input_that_exhausts_memory_is_refused_and_the_others_are_kept(tmp_path, monkeypatch):
    one = _workshop(tmp_path / "serang.fgd.db", **SERANG)
    two = _workshop(tmp_path / "kota.fgd.db", region_code="36.73", bimtek_stage=3, days=["2024-08-05"])
    original = merge._Merger._merge_attached

    def exhausted(self, path, *args):
        if path.name == "serang.fgd.db":
            raise MemoryError()
        return original(self, path, *args)

    monkeypatch.setattr(merge._Merger, "_merge_attached", exhausted)
    report = merge_files(tmp_path / "nasional.db", [one, two])
    assert [s.status for s in report.inputs] == ["skipped", "merged"]
    assert "memori" in report.inputs[0].reason
