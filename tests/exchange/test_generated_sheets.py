"""Generated spreadsheets, CSV files and user text (issue 14, "done when"): no crash, an exact round trip.

Hypothesis draws (a) user text (control characters, formula-like text, a leading ``+ - @`` tab or CR,
any Unicode, long strings) that goes out through the Excel and CSV exports and must come back exactly;
(b) workbooks and CSV files of random shape and cells, and exported workbooks with random cells edited,
read by the participant-list importer and the edited-workbook import: the only way out is the importer's
translated refusal (``FgdError``), never another exception. Bounded and derandomized (same examples each run).
"""

from __future__ import annotations

import datetime as dt
import io
import shutil

import openpyxl
from conftest import SERANG
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from fgd_app.core import Workshop
from fgd_app.core.errors import FgdError
from fgd_app.core.exchange.excel_export import export_csv, export_workbook
from fgd_app.core.exchange.excel_import import apply_import, preview_import
from fgd_app.core.people.list_files import read_table

BOUNDED = settings(max_examples=25, deadline=None, derandomize=True, database=None,
                   suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])

LEADS = ["=", "+", "-", "@", "\t", "\r", "'", "\n", " ", ""]
FORMULA_LIKE = ["=cmd|' /C calc'!A0", '=HYPERLINK("http://x","klik")', "+62 812 1234", "-5+3", "@SUM(A1:A2)",
                "'=quoted", "_x0041_", "=1/0"]
USER_TEXT = st.one_of(
    st.sampled_from(FORMULA_LIKE),
    st.builds(lambda lead, body: lead + body, st.sampled_from(LEADS),
              st.text(st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=40)),
    st.text(st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=2000),
)


def _new_workshop(folder, name: str) -> Workshop:
    return Workshop.create(folder / name, **SERANG)


def test_user_text_round_trips_through_excel_and_csv_exactly(tmp_path_factory):
    folder = tmp_path_factory.mktemp("roundtrip")
    runs = iter(range(10**6))

    @settings(BOUNDED, max_examples=15)  # each example writes a workbook and a CSV set
    @given(st.lists(USER_TEXT, min_size=1, max_size=4))
    def run(texts):
        number = next(runs)
        ws = _new_workshop(folder, f"w{number}.fgd.db")
        try:
            people = [ws.participants.add(name=f"Peserta {i}", position=text[:200], notes=text)
                      for i, text in enumerate(texts)]
            stored = [ws.participants.get(p.id) for p in people]
            book = export_workbook(ws, folder / f"w{number}.xlsx")
            assert preview_import(ws, book).changes == [], texts  # read back: nothing differs
            export_csv(ws, folder / f"csv{number}")
            table = read_table(folder / f"csv{number}" / "participant.csv")
            notes = table.columns.index("Catatan")
            assert sorted(row[notes] for row in table.rows) == sorted(p.notes for p in stored), texts
            assert [ws.participants.get(p.id) for p in people] == stored
        finally:
            ws.close()
            shutil.rmtree(folder / f"csv{number}", ignore_errors=True)

    run()


CELL = st.one_of(
    st.none(), st.booleans(), st.integers(-(10**15), 10**15),
    st.floats(allow_nan=False, allow_infinity=False),
    st.dates(min_value=dt.date(1900, 3, 1), max_value=dt.date(9999, 12, 31)),
    st.sampled_from(FORMULA_LIKE + ["Nama", "Jabatan", "OPD", "Instansi", "No. HP", "Email", "", "  "]),
    st.text(st.characters(blacklist_categories=("Cs", "Cc")), max_size=30),
)
GRID = st.lists(st.lists(CELL, min_size=0, max_size=8), min_size=0, max_size=12)


def _workbook_bytes(grid: list[list], title: str) -> bytes:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = title
    for row in grid:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


@BOUNDED
@given(grid=GRID, title=st.text(st.characters(whitelist_categories=("L", "N")), min_size=1, max_size=20))
def test_random_workbooks_are_read_or_refused_with_a_message(tmp_path, grid, title):
    path = tmp_path / "daftar.xlsx"
    path.write_bytes(_workbook_bytes(grid, title))
    try:
        table = read_table(path)
    except FgdError as refused:
        assert str(refused)
    else:
        assert all(len(row) <= len(table.columns) for row in table.rows)


@BOUNDED
@given(text=st.text(st.characters(blacklist_categories=("Cs",)), max_size=400),
       separator=st.sampled_from([",", ";", "\t", "|"]),
       rows=st.lists(st.lists(st.text(max_size=12), max_size=6), max_size=10),
       encoding=st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "cp1252", "latin-1"]))
def test_random_csv_files_are_read_or_refused_with_a_message(tmp_path, text, separator, rows, encoding):
    body = text + "\n" + "\n".join(separator.join(row) for row in rows)
    path = tmp_path / "daftar.csv"
    path.write_bytes(body.encode(encoding, errors="replace"))
    try:
        table = read_table(path)
    except FgdError as refused:
        assert str(refused)
    else:
        assert all(len(row) <= len(table.columns) for row in table.rows)


def test_exported_workbooks_with_random_edits_preview_and_apply_or_refuse(tmp_path_factory):
    """Random cells of a real export overwritten with random values: a preview lists or refuses them,
    applying what it accepts never raises anything but a message."""
    folder = tmp_path_factory.mktemp("edited")
    template = folder / "template.fgd.db"
    ws = _new_workshop(folder, "template.fgd.db")
    opd = ws.opds.add(name="Dinas Komunikasi dan Informatika", short_name="Diskominfo")
    ws.participants.add(name="Budi Santoso", position="Staf", opd_id=opd.id)
    item = ws.innovations.add(dimension_id=ws.dimensions.by_code("GOV").id, name="Satu data", lead_opd_id=opd.id)
    ws.plans.add(innovation_id=item.id, activity="Kajian", first_year=2025, last_year=2025, opd_id=opd.id)
    ws.risks.add(innovation_id=item.id, event="Server mati", likelihood=3, impact=4)
    exported = export_workbook(ws, folder / "template.xlsx")
    ws.close()
    sheets = openpyxl.load_workbook(exported).sheetnames
    runs = iter(range(10**6))

    @BOUNDED
    @given(st.lists(st.tuples(st.sampled_from(sheets), st.integers(1, 6), st.integers(1, 12), CELL),
                    min_size=1, max_size=8))
    def run(edits):
        number = next(runs)
        path = folder / f"w{number}.fgd.db"
        shutil.copy(template, path)
        book = openpyxl.load_workbook(exported)
        for sheet, row, column, value in edits:
            book[sheet].cell(row=row, column=column).value = value
        edited = folder / f"w{number}.xlsx"
        book.save(edited)
        ws = Workshop.open(path)
        try:
            try:
                preview = preview_import(ws, edited)
                apply_import(ws, preview)
            except FgdError as refused:
                assert str(refused)
        finally:
            ws.close()

    run()
