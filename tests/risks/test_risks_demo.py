"""The sample risks: realistic, scored from the file's matrix, mostly treated, both types, group scores."""

from __future__ import annotations

import pytest

from fgd_app.core import Workshop
from fgd_app.core.demo import write_demo
from fgd_app.core.risks.register import TREATMENT_OPTIONS


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    path = tmp_path_factory.mktemp("demo") / "serang.fgd.db"
    write_demo(path)
    ws = Workshop.open(path, read_only=True)
    yield ws
    ws.close()


def test_demo_has_about_a_hundred_risks_over_every_dimension(demo):
    rows = demo.risks.rows()
    assert 80 <= len(rows) <= 130
    assert {r.dimension_code for r in rows} == {"GOV", "BRD", "ECO", "LIV", "SOC", "ENV"}
    assert {r.risk_type for r in rows} == {"negative", "positive"}
    events = " ".join(r.event for r in rows)
    for theme in ("Rendahnya adopsi", "tidak terintegrasi", "dipotong", "vendor lock-in", "internet lemah"):
        assert theme in events


def test_demo_scores_match_the_matrix_and_every_risk_passes_validation(demo):
    matrix = demo.risks.matrix()
    for risk in demo.risks.list():
        magnitude, level = matrix.assess(risk.likelihood, risk.impact)
        assert (risk.magnitude, risk.level) == (magnitude, level.number)
        if risk.residual_likelihood:
            assert risk.residual_magnitude == matrix.magnitude(risk.residual_likelihood, risk.residual_impact)
        assert risk.treatment_option in ("", *TREATMENT_OPTIONS[risk.risk_type])
        assert demo.risks.validate(vars(risk), risk.id)["code"] == risk.code


def test_demo_treats_most_risks_above_appetite_and_leaves_a_few_open(demo):
    rows = demo.risks.rows()
    needing = [r for r in rows if r.needs_treatment]
    lacking = demo.risks.lacking_treatment()
    assert 0 < len(lacking) < len(needing) / 3
    treated = [r for r in rows if r.treated]
    assert all(r.residual_magnitude is not None for r in treated)
    assert sum(r.residual_magnitude < r.magnitude for r in treated) > len(treated) * 0.8
    assert any(r.disagreement for r in rows) and any(r.group_spread == 1 for r in rows)
