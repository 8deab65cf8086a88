# ruff: noqa: F811 - the fixtures imported from consolidated_files are parameters here
"""The ministry's desk, core: one row per region and stage, comparisons, search; the file is never changed."""

from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path

import pytest
from consolidated_files import (  # noqa: F401 - fixtures
    REGIONS,
    build_consolidated,
    consolidated,
    consolidated_master,
    english,
)

from fgd_app.cli.commands import main
from fgd_app.core import Workshop
from fgd_app.core.coverage.completeness import check_completeness
from fgd_app.core.portfolio import compare, open_portfolio
from fgd_app.core.portfolio.region_workshop import open_region
from fgd_app.core.portfolio.rows import filter_rows, sort_rows
from fgd_app.core.portfolio.search import fts_query

pytestmark = pytest.mark.usefixtures("english")


def _fingerprint(path: Path) -> tuple[str, int, list[str]]:
    return (hashlib.sha256(path.read_bytes()).hexdigest(), path.stat().st_mtime_ns,
            sorted(p.name for p in path.parent.iterdir()))


def test_one_row_per_region_with_the_source_files_counts(consolidated_master):
    with open_portfolio(consolidated_master) as portfolio:
        rows = portfolio.rows()
        assert sorted(r.region_code for r in rows) == sorted(REGIONS)
        for row in rows:
            with Workshop.open(consolidated_master.parent / f"{row.region_code}.fgd.db", read_only=True) as ws:
                plans = ws.plans.list()
                assert row.innovations == len(ws.innovations.rows())
                assert row.plans == len(plans) and row.budget == sum(p.budget for p in plans)
                assert row.opds == len(ws.opds.list()) and row.participants == len(ws.participants.list())
                assert row.risks == len(ws.risks.rows()) == sum(row.per_level.values())
                assert row.untreated_risks == len(ws.risks.lacking_treatment())
                assert row.region_name == ws.info().region_name and row.stage == ws.info().bimtek_stage
            assert len(row.sha256) == 64 and row.merged_at and row.first_day == "2025-07-15"


def test_completeness_names_what_a_region_misses(consolidated_master):
    with open_portfolio(consolidated_master) as portfolio:
        by_code = {r.region_code: r for r in portfolio.rows()}
    assert by_code["73.71"].quick_wins == 0
    assert "No quick win chosen yet" in by_code["73.71"].missing
    assert all("No quick win chosen yet" not in r.missing for c, r in by_code.items() if c != "73.71")
    assert any("have no action plan" in m for m in by_code["36.04"].missing)
    assert by_code["36.73"].gap_count("paperwork") == 0 < by_code["36.04"].gap_count("paperwork")


def _gaps(result):
    return [(g.key, g.page, g.count, g.text(), [(i.id, i.label) for i in g.items]) for g in result.gaps]


def test_the_desk_runs_the_workshops_own_checklist(consolidated_master):
    """Each region's completeness on the desk is what its own file's *Siap diserahkan?* list says."""
    with open_portfolio(consolidated_master) as portfolio:
        rows = portfolio.rows()
    assert len({tuple(r.missing) for r in rows}) == len(rows)  # the fixture's regions differ
    for row in rows:
        with Workshop.open(consolidated_master.parent / f"{row.region_code}.fgd.db", read_only=True) as ws:
            own = check_completeness(ws.store)
        assert _gaps(row.completeness) == _gaps(own), row.region_code
        assert row.missing == [g.text() for g in own.open] and row.complete == own.complete
        assert row.untreated_risks == len(ws_untreated(consolidated_master, row.region_code))


def ws_untreated(consolidated_master, code):
    with Workshop.open(consolidated_master.parent / f"{code}.fgd.db", read_only=True) as ws:
        return ws.risks.lacking_treatment()


def test_a_region_fixed_in_its_file_is_complete_on_the_desk(tmp_path):
    """Fix every gap of one region's file through the app, merge it again: the desk says complete, like the
    file's own checklist; the other region keeps its gaps."""
    out = build_consolidated(tmp_path, ("36.04", "36.73"), without_quick_win="", signed="36.73")
    path = tmp_path / "36.73.fgd.db"
    with Workshop.open(path) as ws:
        funding = ws.plans.funding_sources.list()[0].id
        first, last = ws.info().horizon_first_year, ws.info().horizon_last_year
        for innovation in ws.innovations.rows():
            if not any(p.innovation_id == innovation.id for p in ws.plans.list()):
                ws.innovations.delete(innovation.id)
        for plan in ws.plans.list():
            ws.plans.update(plan.id, funding_source_id=funding, first_year=max(first, min(plan.first_year, last)),
                            last_year=max(first, min(plan.last_year, last)))
        for risk in ws.risks.lacking_treatment():
            ws.risks.update(risk.id, treatment_decision="yes", treatment_option="escalate",
                            treatment_action="Pelatihan")
        assert check_completeness(ws.store).complete
    assert main(["merge", str(out), str(path)]) == 0
    with open_portfolio(out) as portfolio:
        by_code = {r.region_code: r for r in portfolio.rows()}
    assert by_code["36.73"].complete and by_code["36.73"].missing == []
    assert not by_code["36.04"].complete


def test_filters_and_sorting(consolidated_master):
    with open_portfolio(consolidated_master) as portfolio:
        rows = portfolio.rows()
        assert {r.region_code for r in filter_rows(rows, province="36")} == {"36.04", "36.73"}
        assert filter_rows(rows, stage=3) == [] and len(filter_rows(rows, stage=2)) == len(REGIONS)
        assert [r.region_code for r in filter_rows(rows, text="makassar")] == ["73.71"]
        assert all(r.missing for r in filter_rows(rows, incomplete_only=True))
        budgets = [r.budget for r in sort_rows(rows, "budget", descending=True)]
        assert budgets == sorted(budgets, reverse=True)
        assert [p[0] for p in portfolio.provinces()] == ["11", "36", "73"]


def test_comparisons_add_up(consolidated_master):
    with open_portfolio(consolidated_master) as portfolio:
        rows = portfolio.rows()
        dims = compare.innovations_per_dimension(portfolio, rows)
        assert [line[-1] for line in dims.rows] == [r.innovations for r in rows]
        budget = compare.budget_per_year_and_dimension(portfolio, rows)
        assert budget.rows[-1][-1] == sum(r.budget for r in rows)  # spread over years, nothing lost
        one = compare.budget_per_year_and_dimension(portfolio, rows[:1])
        assert one.rows[-1][-1] == rows[0].budget
        themes = compare.quick_win_themes(portfolio, rows)
        assert sum(line[2] for line in themes.rows) == sum(r.quick_wins for r in rows)
        risks = compare.risk_levels(portfolio, rows)
        assert [sum(line[1:-1]) for line in risks.rows] == [r.risks for r in rows]


def test_search_finds_similar_innovations_in_every_region(consolidated_master):
    with open_portfolio(consolidated_master) as portfolio:
        hits = portfolio.search("mal pelayanan publik")
        assert {h.region_code for h in hits} == set(REGIONS)
        assert all("pelayanan" in f"{h.name} {h.problem} {h.description}".lower() for h in hits)
        assert portfolio.search("pelay")  # the last word is a prefix
        for hostile in ('"', "AND", "*", "mal OR", "NEAR(", "-x", "col:val", "", "   "):
            portfolio.search(hostile)  # user text is never FTS5 syntax: no error


def test_fts_query_quotes_every_word():
    assert fts_query('mal "pelayanan" AND') == '"mal" "pelayanan" "AND"*'
    assert fts_query("!!") == ""


def test_reading_changes_nothing(consolidated):
    before = _fingerprint(consolidated)
    with open_portfolio(consolidated) as portfolio:
        portfolio.rows()
        portfolio.search("pelayanan")
        compare.all_comparisons(portfolio, portfolio.rows())
        ws = open_region(portfolio, portfolio.rows()[0].workshop_id)
        ws.innovations.rows()
        ws.close()
    assert _fingerprint(consolidated) == before


def test_a_region_opens_as_a_read_only_workshop(consolidated_master):
    with open_portfolio(consolidated_master) as portfolio:
        row = next(r for r in portfolio.rows() if r.region_code == "36.73")
        ws = open_region(portfolio, row.workshop_id)
    try:
        assert ws.read_only and "Kota Serang" in ws.read_only_reason
        with Workshop.open(consolidated_master.parent / "36.73.fgd.db", read_only=True) as source:
            assert [i.name for i in ws.innovations.rows()] == [i.name for i in source.innovations.rows()]
            assert len(ws.plans.list()) == len(source.plans.list())
            assert ws.info() == source.info()
        assert ws.store.conn.execute("PRAGMA foreign_key_check").fetchall() == []
        with pytest.raises(sqlite3.OperationalError):
            ws.store.conn.execute("DELETE FROM innovation")
    finally:
        ws.close()


def test_charts_have_one_bar_per_region_split_by_dimension_or_level(consolidated_master):
    with open_portfolio(consolidated_master) as portfolio:
        rows = portfolio.rows()
        for key in ("dimensions", "budget", "risks", "quickwins"):
            chart = compare.region_chart(portfolio, rows, key)
            assert chart.regions == [compare.region_label(r) for r in rows]
            assert all(len(v) == len(chart.series) for v in chart.values)
        dims = compare.region_chart(portfolio, rows, "dimensions")
        assert [s.name for s in dims.series] == [d.name for d in portfolio.dimensions]
        assert dims.totals() == [r.innovations for r in rows]
        assert compare.region_chart(portfolio, rows, "budget").totals() == [r.budget for r in rows]
        assert compare.region_chart(portfolio, rows, "risks").totals() == [r.risks for r in rows]
        assert compare.region_chart(portfolio, rows, "quickwins").totals() == [r.quick_wins for r in rows]
        assert compare.region_chart(portfolio, rows[:2], "budget").totals() == [r.budget for r in rows[:2]]
