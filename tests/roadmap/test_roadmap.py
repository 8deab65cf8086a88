"""The roadmap computations over plain data: rows, filters, stages, budget spreading and totals, cycles."""

from __future__ import annotations

import pytest

from fgd_app import i18n
from fgd_app.core.roadmap.data import (
    DIMENSION,
    INNOVATION,
    NO_FUNDING,
    PLAN,
    DimensionInfo,
    InnovationInfo,
    PlanInfo,
    RoadmapData,
    RoadmapFilter,
    StageSpan,
    budget_summary,
    build_rows,
    find_cycle,
    format_rupiah_short,
    spread_budget,
    stage_label,
    visible_plans,
)

STAGES = [StageSpan(1, "Tahap 1", 2025, 2027), StageSpan(2, "Tahap 2", 2028, 2030),
          StageSpan(3, "Tahap 3", 2031, 2032), StageSpan(4, "Tahap 4", 2033, 2034)]


def plan(pid, innovation, first, last, budget, opd="kominfo", funding="apbd", position=1):
    return PlanInfo(pid, innovation, position, f"Kegiatan {pid}", first, last, opd, funding, budget)


@pytest.fixture
def data():
    dims = [DimensionInfo("gov", "GOV", "Smart Governance"), DimensionInfo("brd", "BRD", "Smart Branding"),
            DimensionInfo("env", "ENV", "Smart Environment")]
    innovations = [InnovationInfo("i1", "GOV-01", "Layanan adminduk daring", "gov"),
                   InnovationInfo("i2", "GOV-02", "Satu data", "gov"),
                   InnovationInfo("i3", "BRD-01", "Wisata religi Banten Lama", "brd"),
                   InnovationInfo("i4", "ENV-01", "Bank sampah digital", "env")]  # no plans
    plans = [plan("p2", "i1", 2026, 2028, 1_000_000_000, position=2),
             plan("p1", "i1", 2025, 2025, 150_000_000, position=1),
             plan("p3", "i2", 2025, 2026, 300_000_001, opd="bappeda", funding=None),
             plan("p4", "i3", 2027, 2034, 800_000_000, opd="dispar", funding="csr")]
    return RoadmapData(2025, 2034, STAGES, dims, innovations, plans,
                       opd_names={"kominfo": "Diskominfo", "bappeda": "Bappeda", "dispar": "Dispar"},
                       funding_names={"apbd": "APBD", "csr": "CSR"})


def test_rows_group_dimension_then_innovation_then_plans_in_position_order(data):
    rows = build_rows(data)
    assert [(r.kind, r.id) for r in rows] == [
        (DIMENSION, "gov"), (INNOVATION, "i1"), (PLAN, "p1"), (PLAN, "p2"), (INNOVATION, "i2"), (PLAN, "p3"),
        (DIMENSION, "brd"), (INNOVATION, "i3"), (PLAN, "p4")]
    gov, i1 = rows[0], rows[1]
    assert (gov.count, gov.budget, gov.first_year, gov.last_year) == (3, 1_450_000_001, 2025, 2028)
    assert (i1.label, i1.count, i1.first_year, i1.last_year) == ("GOV-01 Layanan adminduk daring", 2, 2025, 2028)
    assert rows[7].dimension_index == 1


@pytest.mark.parametrize(("flt", "expected"), [
    (RoadmapFilter(dimension_id="brd"), ["p4"]),
    (RoadmapFilter(opd_id="kominfo"), ["p1", "p2"]),
    (RoadmapFilter(funding_source_id=NO_FUNDING), ["p3"]),
    (RoadmapFilter(funding_source_id="csr", opd_id="kominfo"), []),
    (RoadmapFilter(dimension_id="env"), []),
])
def test_filters_hide_plans_and_empty_headings(data, flt, expected):
    rows = build_rows(data, flt)
    assert [p.id for p in visible_plans(rows)] == expected
    assert all(r.count > 0 for r in rows if r.kind != PLAN)


def test_stage_is_derived_from_years_and_stage_boundaries():
    assert stage_label(2025, 2027, STAGES) == "Tahap 1"
    assert stage_label(2027, 2029, STAGES) == "Tahap 1\u20132"
    assert stage_label(2025, 2034, STAGES) == "Tahap 1\u20134"
    moved = [StageSpan(1, "Fondasi", 2025, 2028), StageSpan(2, "Tahap 2", 2029, 2030), *STAGES[2:]]
    assert stage_label(2028, 2028, moved) == "Fondasi"
    assert stage_label(2040, 2041, STAGES) == ""


def test_budget_spread_evenly_with_remainder_in_first_year():
    assert spread_budget(1_000_000_000, 2025, 2027) == {2025: 333_333_334, 2026: 333_333_333, 2027: 333_333_333}
    assert spread_budget(5, 2025, 2026) == {2025: 3, 2026: 2}
    assert spread_budget(0, 2030, 2031) == {2030: 0, 2031: 0}
    assert spread_budget(7, 2030, 2030) == {2030: 7}
    for amount in (1, 99, 1_250_000_000, 10**13 + 7):
        assert sum(spread_budget(amount, 2025, 2034).values()) == amount


def test_budget_summary_hand_computed(data):
    s = budget_summary(data, visible_plans(build_rows(data)))
    # p1: 150 jt in 2025; p2: 1 M over 2026-2028 = 333.333.334 / 333.333.333 / 333.333.333;
    # p3: 300.000.001 over 2025-2026 = 150.000.001 / 150.000.000; p4: 800 jt over 2027-2034 = 100 jt each.
    assert s.cell("gov", 2025) == 150_000_000 + 150_000_001
    assert s.cell("gov", 2026) == 333_333_334 + 150_000_000
    assert s.cell("gov", 2027) == 333_333_333
    assert s.cell("gov", 2028) == 333_333_333
    assert s.cell("brd", 2027) == 100_000_000 and s.cell("brd", 2034) == 100_000_000
    assert s.cell("env", 2025) == 0
    assert s.per_dimension == {"gov": 1_450_000_001, "brd": 800_000_000}
    assert s.per_year[2027] == 433_333_333
    assert sum(s.per_year.values()) == s.total == 2_250_000_001
    assert s.years == list(range(2025, 2035))
    assert s.per_opd == [("kominfo", "Diskominfo", 1_150_000_000, 2), ("dispar", "Dispar", 800_000_000, 1),
                         ("bappeda", "Bappeda", 300_000_001, 1)]
    assert [(f[0], f[2]) for f in s.per_funding] == [("apbd", 1_150_000_000), ("csr", 800_000_000),
                                                     (NO_FUNDING, 300_000_001)]
    assert [t for _, t in s.per_stage] == [150_000_000 + 300_000_001 + 333_333_334 + 333_333_333 + 100_000_000,
                                           333_333_333 + 300_000_000, 200_000_000, 200_000_000]
    assert s.plan_count == 4


def test_budget_summary_follows_the_filter(data):
    s = budget_summary(data, visible_plans(build_rows(data, RoadmapFilter(opd_id="dispar"))))
    assert s.total == 800_000_000 and s.per_dimension == {"brd": 800_000_000}


def test_short_rupiah_for_crowded_tables():
    assert format_rupiah_short(1_250_000_000) == "Rp 1,25 M"
    assert format_rupiah_short(350_000_000) == "Rp 350 jt"
    assert format_rupiah_short(15_500) == "Rp 15,5 rb"
    assert format_rupiah_short(500) == "Rp 500"
    assert format_rupiah_short(2_000_000_000_000) == "Rp 2 T"
    i18n.set_language("en")
    assert format_rupiah_short(1_250_000_000) == "Rp 1.25 bn"


def test_find_cycle_names_the_shortest_cycle():
    edges = {"b": ["a"], "c": ["b"], "d": []}
    assert find_cycle(edges, "a", ["c"]) == ["a", "c", "b", "a"]
    assert find_cycle(edges, "a", ["d"]) is None
    assert find_cycle(edges, "a", ["a"]) == ["a", "a"]
    assert find_cycle({"a": ["b"], "b": []}, "b", ["a"]) == ["b", "a", "b"]
    # replacing a plan's own dependencies removes the old edges before checking
    assert find_cycle({"a": ["b"], "b": []}, "a", []) is None
