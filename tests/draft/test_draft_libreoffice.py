"""The draft opens in LibreOffice: converted headless to PDF (pages, headings, tables, pictures), no repair.

LibreOffice Writer (libreoffice-writer-nogui, ~275 MB, ~26 s to install) is a test-only Debian package of
packaging/setup.sh; without it these tests are skipped.
"""

from __future__ import annotations

import shutil
import subprocess

import pytest

from fgd_app.cli.commands import main

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
pytestmark = pytest.mark.skipif(SOFFICE is None, reason="LibreOffice is not installed (packaging/setup.sh test)")


def convert(docx_path, folder, home):
    """Convert with a private LibreOffice profile; return the PDF's path."""
    result = subprocess.run([SOFFICE, f"-env:UserInstallation=file://{home}", "--headless", "--norestore",
                             "--convert-to", "pdf", "--outdir", str(folder), str(docx_path)],
                            capture_output=True, text=True, timeout=240)
    pdf = folder / (docx_path.stem + ".pdf")
    assert result.returncode == 0 and pdf.is_file(), result.stderr
    return pdf


def pdf_pages(pdf) -> list[str]:
    from pypdf import PdfReader

    return [page.extract_text() for page in PdfReader(str(pdf)).pages]


def test_the_demo_draft_converts_with_its_chapters_tables_and_pictures(tmp_path):
    from fgd_app.core.demo import write_demo

    source = tmp_path / "demo.fgd.db"
    write_demo(source)
    out = tmp_path / "draf.docx"
    assert main(["draft", str(source), "--out", str(out)]) == 0
    pdf = convert(out, tmp_path, tmp_path / "lo-profile")
    pages = pdf_pages(pdf)
    assert len(pages) > 30
    text = "\n".join(pages)
    for heading in ("Wilayah dan kegiatan bimtek", "Masterplan per dimensi", "Smart Governance",
                    "Manajemen risiko", "Peta jalan dan anggaran", "Lampiran", "Tabel 1. Kegiatan bimtek",
                    "Gambar 1. Inovasi per dimensi"):
        assert heading in text, heading
    assert "Kabupaten Serang \u00b7 Bimtek tahap II" in pages[5]  # the header, after the cover and contents
    from pypdf import PdfReader

    images = {image.name for page in PdfReader(str(pdf)).pages for image in page.images}  # shared per document
    assert len(images) == 5
