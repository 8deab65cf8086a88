"""One year rule for the horizon, the stages and the plans (fgd_app.core.years)."""

from __future__ import annotations

import pytest

from fgd_app.core import ValidationError
from fgd_app.core.years import parse_year, year_span


@pytest.mark.parametrize(("value", "year"), [("2025", 2025), (" 2030 ", 2030), (2100, 2100), (2000, 2000)])
def test_a_year_is_a_whole_number_between_2000_and_2100(value, year):
    assert parse_year("first_year", value, "Tahun awal") == year


@pytest.mark.parametrize(("value", "message"), [
    ("dua ribu", "Tahun awal harus berupa tahun, misalnya 2025."),
    (None, "Tahun awal harus berupa tahun, misalnya 2025."),
    ("2025.5", "Tahun awal harus berupa tahun, misalnya 2025."),
    (1999, "Tahun awal harus antara 2000 dan 2100."),
    (2101, "Tahun awal harus antara 2000 dan 2100."),
])
def test_other_values_are_refused_at_their_field(value, message):
    with pytest.raises(ValidationError) as error:
        parse_year("first_year", value, "Tahun awal")
    assert (error.value.field, str(error.value)) == ("first_year", message)


def test_within_a_horizon_the_horizon_is_the_range():
    assert parse_year("last_year", "2034", "Tahun akhir", (2025, 2034)) == 2034
    with pytest.raises(ValidationError) as error:
        parse_year("last_year", 2035, "Tahun akhir", (2025, 2034))
    assert str(error.value) == "2035 di luar jangka perencanaan 2025\u20132034."


def test_a_span_ends_no_earlier_than_it_starts():
    assert year_span("2026", 2026) == (2026, 2026)
    with pytest.raises(ValidationError) as error:
        year_span(2030, 2027, fields=("horizon_first_year", "horizon_last_year"))
    assert error.value.field == "horizon_last_year"


def test_horizon_stages_and_plans_follow_the_same_rule(workshop):
    ws = workshop
    with pytest.raises(ValidationError, match="2000 dan 2100"):
        ws.update_info(horizon_first_year=1999)
    with pytest.raises(ValidationError, match="2000 dan 2100"):
        ws.stages.add(number=9, name="Tahap 9", first_year=2101, last_year=2101)
    first, last = ws.plans.horizon()
    assert ws.plans.check_years(str(first), "") == (first, first)  # an empty last year is the first year
    with pytest.raises(ValidationError, match="jangka perencanaan"):
        ws.plans.check_years(first, last + 1)


def test_a_stage_past_the_horizon_is_still_accepted(workshop):
    """The stricter rule is not applied to stages: the app has always accepted them (kept on purpose)."""
    ws = workshop
    _, last = ws.plans.horizon()
    stage = ws.stages.add(number=9, name="Tahap 9", first_year=last + 1, last_year=last + 2)
    assert (stage.first_year, stage.last_year) == (last + 1, last + 2)
