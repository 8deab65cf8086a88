"""Spreadsheet bombs (issue 14, defect 7): a hostile .xlsx is refused fast with a message, never a crash.

The bomb files are built here from a small real workbook by rewriting its sheet XML, so no large binary is
committed. Both readers are covered: the list importer (people) and the edited-workbook import (exchange).
"""

from __future__ import annotations

import io
import re
import subprocess
import sys
import textwrap
import time
import zipfile

import openpyxl
import pytest

from fgd_app.core.exchange.excel_export import export_workbook
from fgd_app.core.exchange.excel_import import WorkbookError, preview_import
from fgd_app.core.people.list_files import LIST_LIMITS, ImportFileError, read_table

SHEET = "xl/worksheets/sheet1.xml"


def _small_list() -> bytes:
    book = openpyxl.Workbook()
    book.active.title = "Peserta"
    book.active.append(["Nama", "Jabatan"])
    book.active.append(["Budi", "Staf"])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _rewrite(data: bytes, part: str, change, extra: dict[str, bytes] | None = None) -> bytes:
    """Return the zip ``data`` with ``part`` passed through ``change`` (and ``extra`` parts added)."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            content = source.read(info.filename)
            target.writestr(info.filename, change(content) if info.filename == part else content)
        for name, content in (extra or {}).items():
            target.writestr(name, content)
    return out.getvalue()


_LAUGHS = (b'<?xml version="1.0"?><!DOCTYPE worksheet [<!ENTITY a "aaaaaaaaaa">'
           + b"".join(b'<!ENTITY %s "%s">' % (name.encode(), b"&%s;" % prev.encode() * 10)
                      for prev, name in ("ab", "bc", "cd", "de", "ef"))
           + b"]>")  # "billion laughs": 10 ** 6 characters per &f;


def _dimension(ref: str):
    return lambda xml: re.sub(rb'<dimension ref="[^"]*"/>', b'<dimension ref="%s"/>' % ref.encode(), xml)


def _rows(xml: bytes, rows: bytes) -> bytes:
    return xml.replace(b"</sheetData>", rows + b"</sheetData>")


def _inline(row: int, column: str, text: str) -> bytes:
    return b'<row r="%d"><c r="%s%d" t="inlineStr"><is><t>%s</t></is></c></row>' % (
        row, column.encode(), row, text.encode())


def test_a_declared_huge_dimension_with_a_far_cell_is_refused_without_exhausting_memory(tmp_path):
    """The 4.7 KB bomb: <dimension A1:XFD1048576> and one cell in the last row (MemoryError before the fix)."""
    bomb = _rewrite(_small_list(), SHEET, lambda xml: _rows(_dimension("A1:XFD1048576")(xml),
                                                            _inline(1048576, "A", "akhir")))
    assert len(bomb) < 10_000
    path = tmp_path / "bom.xlsx"
    path.write_bytes(bomb)
    script = textwrap.dedent(f"""
        import resource, time
        resource.setrlimit(resource.RLIMIT_AS, (1 << 30, 1 << 30))
        from fgd_app.core.people.list_files import ImportFileError, read_table
        start = time.monotonic()
        try:
            read_table({str(path)!r})
        except ImportFileError as error:
            print("REFUSED", round(time.monotonic() - start, 2), error)
    """)
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr[-600:]
    assert result.stdout.startswith("REFUSED"), result.stdout
    assert "20.000" in result.stdout  # names the limit
    assert float(result.stdout.split()[1]) < 10


def test_the_declared_dimension_neither_pads_nor_cuts_rows(tmp_path):
    """A stale <dimension A1:B2> hid every row past the second (silently); a huge one padded every row."""
    rows = b"".join(_inline(r, "A", f"Orang {r}") for r in range(3, 8))
    stale = tmp_path / "stale.xlsx"
    stale.write_bytes(_rewrite(_small_list(), SHEET, lambda xml: _rows(xml, rows)))
    table = read_table(stale)
    assert [r[0] for r in table.rows] == ["Budi"] + [f"Orang {r}" for r in range(3, 8)]
    wide = tmp_path / "wide_dimension.xlsx"
    wide.write_bytes(_rewrite(_small_list(), SHEET, _dimension("A1:XFD9")))
    start = time.monotonic()
    table = read_table(wide)
    assert table.columns == ["Nama", "Jabatan"] and table.rows == [["Budi", "Staf"]]
    assert time.monotonic() - start < 2


def test_too_many_rows_are_refused_quickly(tmp_path):
    """A small, highly packed sheet of more rows than a list may hold: refused while streaming."""
    rows = b"".join(_inline(r, "A", "x") for r in range(3, LIST_LIMITS.rows + 10))
    path = tmp_path / "banyak.xlsx"
    path.write_bytes(_rewrite(_small_list(), SHEET, lambda xml: _rows(xml, rows)))
    assert path.stat().st_size < 600_000
    start = time.monotonic()
    with pytest.raises(ImportFileError, match="20.000"):
        read_table(path)
    assert time.monotonic() - start < 10


def test_too_many_csv_rows_are_refused(tmp_path):
    path = tmp_path / "banyak.csv"
    path.write_text("Nama\n" + "x\n" * (LIST_LIMITS.rows + 5), encoding="utf-8")
    with pytest.raises(ImportFileError, match="20.000"):
        read_table(path)


def test_a_row_wider_than_the_column_limit_is_refused(tmp_path):
    path = tmp_path / "lebar.xlsx"
    path.write_bytes(_rewrite(_small_list(), SHEET, lambda xml: _rows(xml, _inline(3, "ZZ", "jauh"))))
    with pytest.raises(ImportFileError, match="200"):
        read_table(path)


def test_a_cell_longer_than_excel_allows_is_refused(tmp_path):
    path = tmp_path / "panjang.xlsx"
    path.write_bytes(_rewrite(_small_list(), SHEET, lambda xml: _rows(xml, _inline(3, "A", "a" * 40_000))))
    with pytest.raises(ImportFileError, match="32.767"):
        read_table(path)


def test_a_zip_bomb_part_is_refused_before_unpacking(tmp_path):
    """A part that unpacks far beyond its packed size (here 60 MB of zeros, ~60 KB packed)."""
    path = tmp_path / "zip.xlsx"
    path.write_bytes(_rewrite(_small_list(), SHEET, lambda xml: xml, {"xl/media/padding.bin": bytes(60 << 20)}))
    assert path.stat().st_size < 200_000
    with pytest.raises(ImportFileError, match="MB"):
        read_table(path)


@pytest.mark.parametrize("damage", [
    pytest.param(lambda data: _rewrite(data, SHEET, lambda xml: xml[:-40]), id="unclosed-xml"),
    pytest.param(lambda data: _rewrite(data, SHEET, lambda xml: xml.replace(b"<sheetData>", b"<sheetData><row>")),
                 id="unbalanced-xml"),
    pytest.param(lambda data: _rewrite(data, "xl/sharedStrings.xml", lambda xml: b"\x00\xff not xml"),
                 id="binary-shared-strings"),
    pytest.param(lambda data: _rewrite(data, SHEET, lambda xml: xml.replace(b'r="A1"', b'r="1A"')),
                 id="bad-cell-reference"),
    pytest.param(lambda data: data[: len(data) // 2], id="truncated-zip"),
    pytest.param(lambda data: data[:4] + bytes(200), id="zip-magic-then-zeros"),
    pytest.param(lambda data: _rewrite(data, SHEET, lambda xml: _LAUGHS + _rows(xml, _inline(3, "A", "&f;" * 10))),
                 id="entity-expansion"),
])
def test_damaged_xml_gives_a_clear_message(tmp_path, damage):
    path = tmp_path / "rusak.xlsx"
    path.write_bytes(damage(_small_list()))
    try:
        table = read_table(path)
    except ImportFileError as error:
        assert "rusak.xlsx" in str(error)
    else:  # the parser may read past some damage; then nothing huge came out of it
        assert all(len(cell) <= LIST_LIMITS.cell_chars for row in table.rows for cell in row)


# --- the edited-workbook import ---------------------------------------------------------------------
def _exported(workshop, tmp_path) -> bytes:
    workshop.opds.add(name="Dinas Kesehatan", short_name="Dinkes")
    return export_workbook(workshop, tmp_path / "ekspor.xlsx").read_bytes()


def _opd_part(data: bytes) -> str:
    book = openpyxl.load_workbook(io.BytesIO(data), read_only=True)
    index = book.sheetnames.index("OPD")
    book.close()
    names = sorted(n for n in zipfile.ZipFile(io.BytesIO(data)).namelist() if n.startswith("xl/worksheets/sheet"))
    return next(n for n in names if n == f"xl/worksheets/sheet{index + 1}.xml")


def test_the_workbook_import_refuses_a_dimension_bomb_and_damaged_xml(workshop, tmp_path):
    data = _exported(workshop, tmp_path)
    part = _opd_part(data)
    bomb = tmp_path / "bom.xlsx"
    bomb.write_bytes(_rewrite(data, part, lambda xml: _rows(_dimension("A1:XFD1048576")(xml),
                                                            _inline(1048576, "A", "akhir"))))
    start = time.monotonic()
    with pytest.raises(WorkbookError, match="200.000"):
        preview_import(workshop, bomb)
    assert time.monotonic() - start < 10
    damaged = tmp_path / "rusak.xlsx"
    damaged.write_bytes(_rewrite(data, part, lambda xml: xml[:-60]))
    with pytest.raises(WorkbookError, match="rusak.xlsx"):
        preview_import(workshop, damaged)


def test_the_workbook_import_still_reads_rows_past_a_stale_dimension(workshop, tmp_path):
    """An export edited by a tool that left <dimension> as it was: the added row is still seen."""
    data = _exported(workshop, tmp_path)
    part = _opd_part(data)
    book = openpyxl.load_workbook(io.BytesIO(data))
    headers = [c.value for c in book["OPD"][1]]
    last = book["OPD"].max_row
    row = b'<row r="%d"><c r="%s%d" t="inlineStr"><is><t>Dinas Sosial</t></is></c></row>' % (
        last + 1, openpyxl.utils.get_column_letter(headers.index("Nama OPD") + 1).encode(), last + 1)
    edited = tmp_path / "tambah.xlsx"
    edited.write_bytes(_rewrite(data, part, lambda xml: _rows(xml, row)))
    preview = preview_import(workshop, edited)
    added = [c for c in preview.changes if c.kind == "add"]
    assert [c.values.get("name") for c in added] == ["Dinas Sosial"]
