"""What makes long documents print fast keeps their content (issue 23): counts read with GROUP BY, lines broken
once per cell. The timings themselves are in tests/perf/bench_print.py."""

from __future__ import annotations

from collections import Counter

import pytest
from reportlab.lib.styles import ParagraphStyle

from fgd_app.core.printing.statistics import read_counts
from fgd_app.core.risks.register_lines import level_counts, register_rows
from fgd_app.reports.fonts import FONT, register_fonts
from fgd_app.reports.text import Para, para


@pytest.fixture
def demo(tmp_path):
    demo = pytest.importorskip("fgd_app.core.demo")
    from fgd_app.core import Workshop

    path = tmp_path / "demo.fgd.db"
    demo.write_demo(path)
    with Workshop.open(path) as ws:
        yield ws


def test_statistics_counts_are_those_of_every_row(demo):
    """read_counts (GROUP BY) gives what counting the innovation, plan and risk rows gives."""
    counts = read_counts(demo.store)
    innovations = demo.innovations.rows()
    plans = demo.plans.roadmap_data().plans
    risks = register_rows(demo.store)
    assert innovations and plans and risks
    by_dimension = {}
    for row in innovations:
        entry = by_dimension.setdefault(row.dimension_id, [0, 0, 0, 0])
        entry[0] += 1
        entry[1] += row.status == "running"
        entry[2] += row.status == "new"
        entry[3] += bool(row.is_ict)
    assert counts.innovations == {k: tuple(v) for k, v in by_dimension.items()}
    dimension_of = {row.id: row.dimension_id for row in innovations}
    assert counts.plans_of_dimension == dict(Counter(dimension_of[p.innovation_id] for p in plans))
    assert counts.risks_of_dimension == dict(Counter(r.dimension_id for r in risks))
    assert (counts.plans, counts.risks) == (len(plans), len(risks))
    assert counts.led == dict(Counter(row.lead_opd_id for row in innovations))
    budget = Counter()
    for p in plans:
        budget[p.opd_id] += p.budget
    assert counts.plans_of_opd == {opd: (n, budget[opd]) for opd, n in Counter(p.opd_id for p in plans).items()}
    assert counts.plans_of_status == dict(Counter(p.status_id for p in plans))
    assert counts.levels == level_counts(risks)
    assert counts.residual_levels == level_counts(risks, residual=True)


def test_a_paragraph_breaks_its_lines_once_per_width():
    """A table measures a cell and draws it at the same width (summed in another order): one line breaking."""
    register_fonts()
    style = ParagraphStyle("t", fontName=FONT, fontSize=8.5, leading=10.5)
    paragraph = para("Pengembangan aplikasi layanan kependudukan terpadu untuk seluruh kecamatan", style)
    assert isinstance(paragraph, Para)
    width = 40.0 + 0.1 + 0.2
    size = paragraph.wrap(width, 500)
    lines = paragraph.blPara
    assert paragraph.wrap(40.0 + (0.1 + 0.2), 500)[1] == size[1] and paragraph.blPara is lines
    wider = paragraph.wrap(200, 500)
    assert wider[1] < size[1] and paragraph.blPara is not lines
    assert paragraph.wrap(width, 500) == size  # back to the first width: broken again, the same height


def test_the_cycle_collector_runs_again_after_a_document_even_a_cancelled_one(workshop, tmp_path):
    """The collector is paused while a document is made, and on again after it (printed or cancelled)."""
    import gc

    from fgd_app.reports import PrintCancelled, render

    assert gc.isenabled()
    render(workshop, ["notulen"], tmp_path / "a")
    assert gc.isenabled()
    pages = []

    def cancel() -> bool:
        pages.append(1)
        return len(pages) > 2

    with pytest.raises(PrintCancelled):
        render(workshop, ["daftar-hadir", "lembar-inovasi"], tmp_path / "b", blank=True, cancel=cancel)
    assert gc.isenabled()
