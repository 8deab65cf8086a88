"""The draft's charts are the PDF reports' ReportLab drawings, rasterised by PDFium into the DOCX as 200 dpi PNG."""

from __future__ import annotations

import io

import docx
import pytest
from docx.oxml.ns import qn
from PIL import Image, ImageStat
from reportlab.graphics.shapes import Drawing

from fgd_app.core import Workshop
from fgd_app.core.draft import gather_draft
from fgd_app.draft import charts as draft_charts
from fgd_app.draft.docx_writer import write_docx
from fgd_app.reports import charts, render

KINDS = {"innovations_per_dimension", "budget_per_year", "heat_maps", "impact_effort", "roadmap_by_stage"}


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    from fgd_app.core.demo import write_demo

    folder = tmp_path_factory.mktemp("draft_charts")
    write_demo(folder / "demo.fgd.db")
    return folder / "demo.fgd.db"


@pytest.fixture(scope="module")
def draft(demo):
    with Workshop.open(demo) as ws:
        return gather_draft(ws)


def test_the_docx_holds_one_png_per_figure_at_200_dpi_and_a_sensible_size(draft, tmp_path):
    out = tmp_path / "draf.docx"
    write_docx(draft, out)
    document = docx.Document(str(out))
    assert len(document.inline_shapes) == len(draft.figures()) == 5
    for shape in document.inline_shapes:
        blip = shape._inline.graphic.graphicData.pic.blipFill.blip
        part = document.part.related_parts[blip.get(qn("r:embed"))]
        assert part.content_type == "image/png"
        assert part.blob[:8] == b"\x89PNG\r\n\x1a\n"
        image = Image.open(io.BytesIO(part.blob))
        assert round(image.info["dpi"][0]) == 200
        # shown at its own size: 200 dpi on the page, between 10 and 25 cm wide
        width_cm = shape.width / 360000
        assert 10 <= width_cm <= 25
        assert abs(image.width / (width_cm / 2.54) - 200) < 2
        assert 300 < image.height < 2400
        assert ImageStat.Stat(image.convert("L")).stddev[0] > 20  # not blank: text, bars and cells on white


def test_every_chart_is_a_reportlab_drawing_of_the_reports_and_not_blank(draft):
    assert {f.chart.kind for f in draft.figures()} == KINDS
    for figure in draft.figures():
        picture = draft_charts.drawing(figure.chart)
        assert isinstance(picture, Drawing)
        image = Image.open(io.BytesIO(draft_charts.png(picture))).convert("RGB")
        margin = 2 * draft_charts.MARGIN
        assert abs(image.width - (picture.width + margin) * 200 / 72) <= 1
        assert abs(image.height - (picture.height + margin) * 200 / 72) <= 1
        assert image.getpixel((0, 0)) == (255, 255, 255)  # on white, not transparent black
        grey = image.convert("L")
        assert ImageStat.Stat(grey).stddev[0] > 20, figure.chart.kind
        assert len(image.getcolors(maxcolors=1 << 20)) > 50  # colours and anti-aliased text, not a flat fill


def test_the_same_drawing_functions_feed_the_pdf_reports_and_the_draft(draft, demo, tmp_path, monkeypatch):
    calls: list[str] = []
    for name in ("horizontal_bars", "stacked_bars", "impact_effort", "heat_maps", "roadmap_by_stage"):
        original = getattr(charts, name)

        def spy(*args, _name=name, _original=original, **kwargs):
            calls.append(_name)
            return _original(*args, **kwargs)

        monkeypatch.setattr(charts, name, spy)
    with Workshop.open(demo) as ws:
        render(ws, ["statistik", "quick-win"], tmp_path)
    printed = set(calls)
    assert {"horizontal_bars", "stacked_bars", "impact_effort"} <= printed
    calls.clear()
    for figure in draft.figures():
        draft_charts.render(figure.chart)
    assert set(calls) == {"horizontal_bars", "stacked_bars", "impact_effort", "heat_maps", "roadmap_by_stage"}
    assert printed <= set(calls)


def test_chart_text_is_in_the_users_language(draft):
    from pypdf import PdfReader
    from reportlab.graphics import renderPDF

    figures = {f.chart.kind: f.chart for f in draft.figures()}
    text = ""
    for kind in ("heat_maps", "impact_effort", "roadmap_by_stage"):
        pdf = renderPDF.drawToString(draft_charts.drawing(figures[kind]))
        text += PdfReader(io.BytesIO(pdf)).pages[0].extract_text() + "\n"
    for word in ("Kemungkinan", "Dampak", "Upaya", "Pelengkap", "Pertimbangkan ulang", "Tahap 1",
                 "quick win terpilih"):
        assert word in text, word
