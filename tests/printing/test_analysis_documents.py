"""The Analisis Strategis worksheet (blank and pre-filled), its report and the report of changes between stages."""

from __future__ import annotations

import subprocess

from fgd_app.core import Workshop
from fgd_app.core.demo import write_demo
from fgd_app.core.workshop.next_stage import carry_to_next_stage
from fgd_app.reports.render import render


def _text(pdf) -> str:
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    return " ".join(text.split())  # words of a wrapped cell on one line


def test_worksheet_blank_and_prefilled_and_report_carry_the_analysis(tmp_path):
    path = tmp_path / "demo.fgd.db"
    write_demo(path)
    with Workshop.open(path) as ws:
        render(ws, ["lembar-analisis-strategis", "analisis-strategis"], tmp_path / "isi")
        render(ws, ["lembar-analisis-strategis"], tmp_path / "kosong", blank=True)
    filled = _text(next((tmp_path / "isi").glob("lembar-analisis-strategis*.pdf")))
    assert "LEMBAR KERJA ANALISIS STRATEGIS" in filled
    assert "Peraturan Bupati" in filled and "SIPANDU" in filled and "Banten Lama" in filled
    blank = _text(next((tmp_path / "kosong").glob("*.pdf")))
    assert "Peraturan Bupati" not in blank and "SIPANDU" not in blank
    assert "Regulasi" in blank and "Smart Branding" in blank  # aspects and dimensions head the empty rows
    report = _text(next((tmp_path / "isi").glob("analisis-strategis*.pdf")))
    assert "Dimensi fokus: Smart Branding." in report
    assert "Masalah tanpa inovasi: 1." in report


def test_the_change_report_lists_a_scripted_edit_field_by_field(tmp_path):
    write_demo(tmp_path / "t2.fgd.db")
    carry_to_next_stage(tmp_path / "t2.fgd.db", tmp_path / "t3.fgd.db")
    with Workshop.open(tmp_path / "t3.fgd.db") as ws:
        first = ws.innovations.list()[0]
        ws.innovations.update(first.id, name="Layanan adminduk keliling")
        ws.innovations.add(dimension_id=first.dimension_id, name="Inovasi baru tahap tiga", lead_opd_id=first.lead_opd_id)
        render(ws, ["perubahan-tahap"], tmp_path / "pdf")
    text = _text(next((tmp_path / "pdf").glob("*.pdf")))
    assert "PERUBAHAN SEJAK TAHAP SEBELUMNYA" in text and "tahap II" in text
    assert "Layanan adminduk keliling" in text and "Inovasi baru tahap tiga" in text
    assert "Diubah" in text
