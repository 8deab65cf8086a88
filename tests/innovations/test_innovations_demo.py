"""The sample innovations: about sixty, every dimension and element, both statuses, valid and varied."""

from __future__ import annotations

import pytest

from fgd_app.core import Workshop
from fgd_app.core.demo import write_demo
from fgd_app.core.store.check import check_file


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    path = tmp_path_factory.mktemp("demo") / "serang.fgd.db"
    write_demo(path)
    with Workshop.open(path, read_only=True) as ws:
        yield ws


def test_sixty_innovations_cover_every_dimension_and_element_with_both_statuses(demo):
    items = demo.innovations.list()
    assert len(items) == 60
    by_dimension, by_element = demo.innovations.counts()
    assert len(by_dimension) == 6 and min(by_dimension.values()) >= 8
    assert len(by_element) == 18
    assert {i.status for i in items} == {"running", "new"}
    assert {i.is_ict for i in items} == {True, False}
    assert all(i.improvement for i in items if i.status == "running")
    assert any(i.location_scope == "districts" and i.district_ids for i in items)
    assert any(i.partners for i in items) and any(i.supporting_opd_ids for i in items)
    assert "Si Dukcapil (layanan adminduk online)" in {i.name for i in items}
    assert [i.code for i in demo.innovations.list(demo.dimensions.by_code("GOV").id)][:3] == [
        "GOV-01", "GOV-02", "GOV-03"]


def test_demo_codes_continue_and_search_works(demo):
    assert demo.innovations.next_code(demo.dimensions.by_code("ENV").id) == "ENV-11"
    names = {demo.innovations.get(i).name for i in demo.innovations.search("bank samp")}
    assert names == {"Aplikasi bank sampah"}


def test_scaled_demo_has_varied_unique_names_and_passes_the_check(tmp_path):
    path = tmp_path / "big.fgd.db"
    write_demo(path, scale=3)
    with Workshop.open(path, read_only=True) as ws:
        rows = ws.innovations.rows()
        assert len(rows) == 180
        assert len({r.name for r in rows}) > 170
        assert len({r.code for r in rows}) == 180
    report = check_file(path)
    assert report.sound, report.problems
