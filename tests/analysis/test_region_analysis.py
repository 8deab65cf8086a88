"""The region's analysis (stage I) in the core: readiness per aspect, applications, problems, goals, focus."""

from __future__ import annotations

import pytest

from fgd_app.core import Workshop
from fgd_app.core.errors import ReadOnlyWorkshopError, ValidationError


def _dimension(ws, code="BRD"):
    return next(d for d in ws.dimensions.list() if d.code == code)


def _innovation(ws, name="Aplikasi wisata religi", status="new", code="BRD"):
    opd = ws.opds.find_by_name("Dinas Pariwisata") or ws.opds.add(name="Dinas Pariwisata")
    return ws.innovations.add(dimension_id=_dimension(ws, code).id, name=name, lead_opd_id=opd.id, status=status)


def test_a_new_file_ships_the_five_default_aspects_as_editable_data(workshop):
    aspects = workshop.analysis.aspects.list()
    assert [a.key for a in aspects] == ["regulation", "spbe_index", "ict_infrastructure", "human_resources", "budget"]
    renamed = workshop.analysis.aspects.update(aspects[3].id, name="SDM TIK")
    assert renamed.name == "SDM TIK" and renamed.name_en == ""  # a renamed default loses its English name
    own = workshop.analysis.aspects.add(name="Data dan statistik", pillar="infrastruktur")
    assert workshop.analysis.aspects.list()[-1].id == own.id
    with pytest.raises(ValidationError):
        workshop.analysis.aspects.add(name="regulasi", pillar="struktur")  # same name, other case


def test_a_readiness_item_takes_typed_year_and_rating_and_refuses_a_rating_of_six(workshop):
    regulation = workshop.analysis.aspects.list()[0]
    item = workshop.analysis.items.add(aspect_id=regulation.id, name="Perbup tentang SPBE", number="12",
                                       year=" 2023 ", status="berlaku", rating="4", source="JDIH")
    assert (item.year, item.rating, item.number) == (2023, 4, "12")
    with pytest.raises(ValidationError) as error:
        workshop.analysis.items.add(aspect_id=regulation.id, name="Perwal", rating="6")
    assert error.value.field == "rating"
    with pytest.raises(ValidationError):
        workshop.analysis.aspects.delete(regulation.id)  # still holds an item
    assert workshop.analysis.items.average_ratings() == {regulation.id: 4.0}


def test_only_a_running_innovation_points_to_a_running_application(workshop):
    app = workshop.analysis.applications.add(name="SIPANDU", users="warga", spbe_integration="partial")
    new = _innovation(workshop)
    running = _innovation(workshop, "Pengembangan SIPANDU", status="running")
    with pytest.raises(ValidationError):
        workshop.analysis.applications.link(new.id, app.id)
    workshop.analysis.applications.link(running.id, app.id)
    assert workshop.analysis.applications.links() == {running.id: app.id}
    workshop.innovations.update(running.id, status="new")
    assert workshop.analysis.applications.links() == {}  # a link of an innovation no longer running is ignored


def test_problems_and_innovations_are_linked_many_to_many_and_the_gaps_are_listed(workshop):
    branding = _dimension(workshop)
    element = workshop.elements.list("dimension_id = ?", (branding.id,))[0]
    one = workshop.analysis.problems.add(dimension_id=branding.id, description="Data wisata religi tersebar",
                                         element_id=element.id)
    two = workshop.analysis.problems.add(dimension_id=branding.id, description="Parkir peziarah", horizon="future")
    first, second = _innovation(workshop, "Portal wisata religi"), _innovation(workshop, "Kartu peziarah")
    workshop.analysis.problems.set_innovations(one.id, [first.id, second.id])
    assert sorted(workshop.analysis.problems.innovation_ids(one.id)) == sorted([first.id, second.id])
    assert [p.id for p in workshop.analysis.problems.without_innovation()] == [two.id]
    assert workshop.analysis.problems.innovations_without_problem() == []
    workshop.undo()
    assert {i[0] for i in workshop.analysis.problems.innovations_without_problem()} == {first.id, second.id}
    governance = _dimension(workshop, "GOV")
    other = workshop.elements.list("dimension_id = ?", (governance.id,))[0]
    with pytest.raises(ValidationError) as error:
        workshop.analysis.problems.add(dimension_id=branding.id, element_id=other.id, description="x")
    assert error.value.field == "element_id"


def test_focus_flag_and_swot_are_saved_per_dimension_and_undone_as_one_step(workshop):
    branding = _dimension(workshop)
    workshop.analysis.dimensions.save(branding.id, is_focus=True, focus_reason="Wisata religi Banten Lama")
    workshop.analysis.dimensions.save(branding.id, strengths="Situs Banten Lama", threats="Banjir rob")
    assert workshop.analysis.dimensions.focus_ids() == {branding.id}
    assert workshop.store.undo_name() == "Ubah analisis “Smart Branding”"
    workshop.undo()
    assert workshop.analysis.dimensions.get(branding.id).strengths == ""
    assert workshop.analysis.dimensions.get(branding.id).is_focus == 1
    goal = workshop.analysis.goals.add(dimension_id=branding.id, goal="Kunjungan wisata religi naik", target="+20%")
    assert workshop.analysis.goals.list()[0].id == goal.id


def test_a_read_only_workshop_refuses_analysis_edits(workshop_path):
    with Workshop.open(workshop_path, read_only=True) as ws:
        with pytest.raises(ReadOnlyWorkshopError):
            ws.analysis.applications.add(name="SIPANDU")
        assert len(ws.analysis.aspects.list()) == 5


def test_the_quick_win_rule_ranks_focus_dimensions_first_only_when_it_says_so(tmp_path):
    from fgd_app.core.demo import write_demo

    path = tmp_path / "demo.fgd.db"
    write_demo(path)
    with Workshop.open(path) as ws:
        focus = {r.id for r in ws.dimensions.list() if r.code == "BRD"}
        assert ws.analysis.dimensions.focus_ids() == focus  # the demo marks Smart Branding
        plain = ws.quickwins.board()
        before = [r.code for r in plain.rows]
        ws.quickwins.update_rule(focus_first=True)
        ranked = ws.quickwins.board()
        flags = [r.dimension_id in focus for r in ranked.rows]
        assert flags == sorted(flags, reverse=True)  # every focus innovation before every other one
        assert [r.code for r in ranked.rows if r.dimension_id not in focus] == \
            [c for c in before if not c.startswith("BRD")]  # the others keep their order
        assert {r.code: r.weighted for r in ranked.rows} == {r.code: r.weighted for r in plain.rows}
        ws.undo()
        assert [r.code for r in ws.quickwins.board().rows] == before
