"""The coverage board and the *Siap diserahkan?* checklist (core, no Qt) and ``fgd-app check --completeness``."""

from __future__ import annotations

import datetime as dt

import pytest
from conftest import SERANG

from fgd_app.cli import commands as cli
from fgd_app.core import Workshop
from fgd_app.core.coverage.board import attendance_day, build_board
from fgd_app.core.coverage.completeness import check_completeness
from fgd_app.core.demo import write_demo


@pytest.fixture(autouse=True)
def _language_from_environment(monkeypatch):
    """``--lang`` exports FGD_LANG; start each test in Indonesian."""
    monkeypatch.setenv("FGD_LANG", "id")


@pytest.fixture
def small(workshop):
    """Two dimensions' worth: Dinkes leads one innovation with a plan and a risk; Dishub is present, silent."""
    ws = workshop
    dinkes = ws.opds.add(name="Dinas Kesehatan", short_name="Dinkes")
    dishub = ws.opds.add(name="Dinas Perhubungan", short_name="Dishub")
    ws.opds.add(name="Badan Perencanaan Pembangunan Daerah", short_name="Bappeda")  # absent, nothing
    liv = ws.dimensions.by_code("LIV")
    item = ws.innovations.add(dimension_id=liv.id, name="Telemedicine puskesmas", lead_opd_id=dinkes.id)
    first = ws.info().horizon_first_year
    ws.plans.add(innovation_id=item.id, activity="Uji coba di 3 puskesmas", first_year=first, last_year=first,
                 opd_id=dinkes.id)
    ws.risks.add(innovation_id=item.id, event="Dokter enggan", likelihood=5, impact=4)  # 24, uncategorised
    day = ws.days.list()[0]
    for name, opd in (("Budi", dinkes), ("Sari", dishub), ("Tono", dishub)):
        person = ws.participants.add(name=name, opd_id=opd.id)
        ws.attendance.set(person.id, day.id, True)
    return ws


def test_board_counts_per_opd_and_dimension_and_names_the_silent_present_opds(small):
    board = build_board(small.store, today=dt.date.fromisoformat(small.days.list()[0].day_date))
    liv = small.dimensions.by_code("LIV").id
    lines = {line.label: line for line in board.opds}
    assert (lines["Dinkes"].cell(liv).innovations, lines["Dinkes"].cell(liv).plans,
            lines["Dinkes"].cell(liv).risks) == (1, 1, 1)
    assert lines["Dinkes"].present == 1 and lines["Dishub"].present == 2 and lines["Bappeda"].present == 0
    assert [line.label for line in board.silent] == ["Dishub"]  # present, nothing yet: call on them
    assert board.opds[0].label == "Dishub"  # first on the board
    assert board.column_total(liv).innovations == 1 and board.total.plans == 1
    assert [d.code for d in board.dimensions][:2] == ["GOV", "BRD"]


def test_attendance_day_is_today_else_the_latest_ticked_day(small):
    days = small.days.list()
    assert attendance_day(small.store, dt.date.fromisoformat(days[0].day_date))[0] == days[0].id
    assert attendance_day(small.store, dt.date(2099, 1, 1))[0] == days[0].id  # the only day with ticks
    assert attendance_day(small.store, dt.date(2000, 1, 1))[0] == days[0].id  # before: latest with ticks


def test_checklist_lists_each_gap_and_is_complete_when_fixed(small):
    result = check_completeness(small.store)
    assert not result.complete
    gaps = {gap.key: gap for gap in result.open}
    assert set(gaps) == {"plans_without_funding", "risks_untreated", "no_quick_win", "paperwork"}
    assert gaps["risks_untreated"].page == "risks" and gaps["risks_untreated"].items[0].label.startswith("R-LIV-01-01")
    plan = small.plans.list()[0]
    assert gaps["plans_without_funding"].items[0].id == plan.id
    # fix each one
    small.plans.update(plan.id, funding_source_id=small.plans.funding_sources.list()[0].id)
    risk = small.risks.list()[0]
    small.risks.update(risk.id, treatment_decision="yes", treatment_option="mitigate",
                       treatment_action="Pelatihan dokter")
    item = small.innovations.list()[0]
    small.quickwins.choose(item.id, "Cepat dan murah")
    small.documents.update(official_name="Drs. H. Ahmad", official_position="Sekretaris Daerah",
                           expert_name="Tenaga Ahli", report_number="BA/01/2025")
    second = small.innovations.add(dimension_id=item.dimension_id, name="Ambulans desa", lead_opd_id=item.lead_opd_id)
    result = check_completeness(small.store)
    assert [gap.key for gap in result.open] == ["innovations_without_plans"]
    assert result.open[0].items[0].id == second.id and "1 inovasi" in result.open[0].text()
    small.innovations.delete(second.id)
    assert check_completeness(small.store).complete


def test_check_completeness_command_exit_codes_and_list(tmp_path, capsys, small):
    path = small.path
    assert cli.main(["check", str(path), "--completeness"]) == 1
    out = capsys.readouterr().out
    assert "Belum siap diserahkan" in out and "R-LIV-01-01" in out and "Pejabat daerah: nama" in out
    demo = tmp_path / "demo.db"
    write_demo(demo)
    assert cli.main(["--lang", "en", "check", str(demo), "--completeness"]) == 1
    out = capsys.readouterr().out
    assert "innovations have no action plan" in out and "\u2026 and 2 more" in out
    assert cli.main(["check", str(tmp_path / "missing.db"), "--completeness"]) == 2


def test_complete_file_exits_zero(tmp_path, capsys):
    path = tmp_path / "empty.db"
    ws = Workshop.create(path, **SERANG)
    ws.documents.update(official_name="A", official_position="B", expert_name="C", report_number="D")
    item = ws.innovations.add(dimension_id=ws.dimensions.list()[0].id, name="X",
                              lead_opd_id=ws.opds.add(name="Dinas X").id)
    first = ws.info().horizon_first_year
    ws.plans.add(innovation_id=item.id, activity="Kegiatan", first_year=first, last_year=first,
                 opd_id=item.lead_opd_id, funding_source_id=ws.plans.funding_sources.list()[0].id)
    ws.quickwins.choose(item.id, "Alasan")
    ws.close()
    assert cli.main(["check", str(path), "--completeness"]) == 0
    assert "Siap diserahkan" in capsys.readouterr().out
