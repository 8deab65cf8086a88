# ruff: noqa: F811 - the fixtures imported from consolidated_files are parameters here
"""fgd-app portfolio: the national summary PDF and the workbook, read back."""

from __future__ import annotations

import openpyxl
import pytest
from consolidated_files import REGIONS, consolidated_master, english  # noqa: F401 - fixtures
from pypdf import PdfReader

from fgd_app.cli.commands import main
from fgd_app.core.portfolio.compare import Comparison
from fgd_app.core.portfolio.workbook import write_workbook

pytestmark = pytest.mark.usefixtures("english")


def test_the_command_writes_pdf_and_workbook(consolidated_master, tmp_path, capsys):
    out = tmp_path / "laporan"
    assert main(["portfolio", str(consolidated_master), "--out", str(out)]) == 0
    text = "\n".join(page.extract_text() for page in PdfReader(out / "ringkasan_nasional.pdf").pages)
    for name in ("Kabupaten Serang", "Kota Serang", "Kota Makassar", "Kabupaten Aceh Selatan"):
        assert name in text
    assert "No quick win chosen yet" in text and "Innovations per dimension" in text and "Quick-win themes" in text
    # the charts: one bar per region and stage (its label, "Kota Serang (II)"), not totals
    for title in ("Innovations per region, by dimension", "Budget estimate per region, by dimension",
                  "Risks per level, per region"):
        assert title in text
    for name in ("Kabupaten Serang (II)", "Kota Serang (II)", "Kota Makassar (II)", "Kabupaten Aceh Selatan (II)"):
        assert text.count(name) >= 3, name
    book = openpyxl.load_workbook(out / "portofolio.xlsx")
    regions = book[book.sheetnames[0]]
    assert regions.max_row == len(REGIONS) + 1
    header = [c.value for c in regions[1]]
    codes = [row[header.index("Code")] for row in regions.iter_rows(min_row=2, values_only=True)]
    assert sorted(codes) == sorted(REGIONS)
    assert all(regions.cell(row=r, column=1).data_type == "s" for r in range(2, regions.max_row + 1))
    assert "National summary written" in capsys.readouterr().out


def test_filters_of_the_command(consolidated_master, tmp_path):
    out = tmp_path / "banten"
    assert main(["portfolio", str(consolidated_master), "--out", str(out), "--province", "36"]) == 0
    sheet = openpyxl.load_workbook(out / "portofolio.xlsx").worksheets[0]
    assert sorted(r[0] for r in sheet.iter_rows(min_row=2, values_only=True)) == ["36.04", "36.73"]


def test_existing_outputs_need_force(consolidated_master, tmp_path, capsys):
    out = tmp_path / "o"
    assert main(["portfolio", str(consolidated_master), "--out", str(out)]) == 0
    before = (out / "ringkasan_nasional.pdf").read_bytes()
    assert main(["portfolio", str(consolidated_master), "--out", str(out)]) == 2
    assert "--force" in capsys.readouterr().err
    assert (out / "ringkasan_nasional.pdf").read_bytes() == before
    assert main(["portfolio", str(consolidated_master), "--out", str(out), "--force"]) == 0


def test_a_workshop_file_given_as_consolidated(consolidated_master, tmp_path, capsys):
    assert main(["portfolio", str(consolidated_master.parent / "36.04.fgd.db"),
                 "--out", str(tmp_path / "x")]) == 2
    err = capsys.readouterr().err
    assert "workshop file of one region" in err and "Traceback" not in err
    assert not (tmp_path / "x").exists()


def test_user_text_is_written_as_text(tmp_path):
    table = Comparison("t", "Hostile", ["Region", "Count"], ["text", "int"], [["=1+1", 3], ["@SUM(A1)", 4]])
    path = write_workbook([table], tmp_path / "t.xlsx")
    sheet = openpyxl.load_workbook(path).active
    assert [c.value for c in sheet["A"]][1:] == ["=1+1", "@SUM(A1)"]
    assert all(c.data_type == "s" for c in sheet["A"])
