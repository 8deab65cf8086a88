"""The risk matrix as data: the SPBE grid cell by cell, both band variants, validation, JSON round trip."""

from __future__ import annotations

import json
from dataclasses import replace

import pytest

from fgd_app import i18n
from fgd_app.core.risks import matrix as riskmatrix
from fgd_app.core.risks.matrix import MatrixError, RiskLevel, RiskMatrix

# PermenPANRB 5/2020: (likelihood, impact) -> magnitude, written out from the regulation's table.
SPBE_CELLS = {
    (5, 1): 9, (5, 2): 15, (5, 3): 18, (5, 4): 23, (5, 5): 25,
    (4, 1): 6, (4, 2): 12, (4, 3): 16, (4, 4): 19, (4, 5): 24,
    (3, 1): 4, (3, 2): 10, (3, 3): 14, (3, 4): 17, (3, 5): 22,
    (2, 1): 2, (2, 2): 7, (2, 3): 11, (2, 4): 13, (2, 5): 21,
    (1, 1): 1, (1, 2): 3, (1, 3): 5, (1, 4): 8, (1, 5): 20,
}


def _band_a(m: int) -> str:
    return ("Sangat Rendah" if m <= 5 else "Rendah" if m <= 10 else "Sedang" if m <= 15
            else "Tinggi" if m <= 20 else "Sangat Tinggi")


def _band_b(m: int) -> str:
    return "Sangat Tinggi" if m >= 20 else _band_a(m)


@pytest.mark.parametrize(("cell", "expected"), sorted(SPBE_CELLS.items()))
def test_spbe_grid_cell_by_cell_variant_a(cell, expected):
    matrix = riskmatrix.spbe("A")
    magnitude, level = matrix.assess(*cell)
    assert magnitude == expected
    assert level.name == _band_a(expected)


@pytest.mark.parametrize(("cell", "expected"), sorted(SPBE_CELLS.items()))
def test_spbe_grid_cell_by_cell_variant_b(cell, expected):
    magnitude, level = riskmatrix.spbe("B").assess(*cell)
    assert magnitude == expected
    assert level.name == _band_b(expected)


def test_spbe_is_a_rank_not_a_product_and_variants_differ_only_at_20():
    a, b = riskmatrix.spbe("A"), riskmatrix.spbe("B")
    assert sorted(a.cells.values()) == list(range(1, 26))
    assert a.magnitude(2, 2) == 7 and a.magnitude(1, 4) == 8  # plain L x I would tie these at 4
    differ = [cell for cell in SPBE_CELLS if a.assess(*cell)[1].name != b.assess(*cell)[1].name]
    assert differ == [(1, 5)]
    assert a.assess(1, 5)[1].name == "Tinggi" and b.assess(1, 5)[1].name == "Sangat Tinggi"
    assert [(lv.name, lv.min_magnitude, lv.max_magnitude) for lv in b.levels][3:] == [
        ("Tinggi", 16, 19), ("Sangat Tinggi", 20, 25)]


def test_spbe_names_and_colours_follow_the_regulation():
    matrix = riskmatrix.spbe()
    assert [lv.name for lv in matrix.likelihood] == ["Hampir Tidak Terjadi", "Jarang Terjadi",
                                                     "Kadang-Kadang Terjadi", "Sering Terjadi",
                                                     "Hampir Pasti Terjadi"]
    assert [lv.name for lv in matrix.impact] == ["Tidak Signifikan", "Kurang Signifikan", "Cukup Signifikan",
                                                 "Signifikan", "Sangat Signifikan"]
    assert [lv.colour for lv in matrix.levels] == [riskmatrix.BLUE, riskmatrix.GREEN, riskmatrix.YELLOW,
                                                   riskmatrix.ORANGE, riskmatrix.RED]


@pytest.mark.parametrize("key", list(riskmatrix.MATRIX_CHOICES))
def test_every_shipped_matrix_is_sound(key):
    matrix = riskmatrix.default(key)
    assert matrix.problems() == []
    assert matrix.key == key


def test_plain_matrices_use_the_product():
    five, three = riskmatrix.plain_5x5(), riskmatrix.plain_3x3()
    assert five.assess(4, 5)[0] == 20 and five.assess(4, 5)[1].number == 5
    assert three.size == (3, 3) and three.assess(3, 3)[0] == 9 and three.assess(1, 2)[1].number == 1


def test_levels_outside_the_matrix_are_refused():
    matrix = riskmatrix.plain_3x3()
    with pytest.raises(MatrixError, match="4"):
        matrix.magnitude(4, 1)
    with pytest.raises(MatrixError):
        matrix.level_for(10)


def test_incomplete_grid_is_refused_naming_the_cell():
    cells = dict(riskmatrix.spbe().cells)
    del cells[(3, 4)]
    problems = riskmatrix.spbe().with_cells(cells).problems()
    assert problems == ["Matriks tidak lengkap: sel kemungkinan 3 \u00d7 dampak 4 belum memiliki besaran."]


def test_non_integer_magnitude_is_refused():
    cells = dict(riskmatrix.spbe().cells) | {(2, 2): 7.5}
    assert any("7.5" in p for p in riskmatrix.spbe().with_cells(cells).problems())


def test_overlapping_bands_are_refused():
    levels = list(riskmatrix.spbe().levels)
    levels[3] = replace(levels[3], max_magnitude=22)
    problems = riskmatrix.spbe().with_levels(levels).problems()
    assert len(problems) == 1
    assert "Tinggi" in problems[0] and "tumpang tindih" in problems[0]


def test_gap_between_bands_is_refused():
    levels = list(riskmatrix.spbe().levels)
    levels[2] = replace(levels[2], max_magnitude=13)
    problems = riskmatrix.spbe().with_levels(levels).problems()
    assert any("14\u201315" in p for p in problems)
    assert any("14" in p and "tidak" in p for p in problems)  # 14 occurs in the grid and is now uncovered


def test_uncovered_magnitude_and_bad_colour_are_refused_in_english_too():
    i18n.set_language("en")
    levels = [RiskLevel(1, "Low", "#00FF00", 1, 10), RiskLevel(2, "High", "red", 11, 20)]
    problems = riskmatrix.spbe().with_levels(levels).problems()
    assert "Magnitude 21 occurs in the grid but no risk level covers it." in problems
    assert any("#FF0000" in p and "red" in p for p in problems)


def test_json_round_trip_keeps_every_detail():
    matrix = riskmatrix.spbe("B")
    text = matrix.to_json()
    again = RiskMatrix.from_json(text)
    assert again == matrix
    data = json.loads(text)
    assert data["grid"]["5"] == [9, 15, 18, 23, 25]
    assert list(data["grid"])[0] == "5"  # highest likelihood first, as the regulation prints it


def test_json_import_refuses_incomplete_and_overlapping_with_every_reason():
    data = riskmatrix.spbe().to_dict()
    data["grid"]["2"] = [2, 7, 11, None, 21]
    data["levels"][0]["max"] = 6
    with pytest.raises(MatrixError) as caught:
        RiskMatrix.from_dict(data)
    assert len(caught.value.problems) == 2
    assert "kemungkinan 2 \u00d7 dampak 4" in caught.value.problems[0]


@pytest.mark.parametrize("text", ["{not json", "[]", '{"format": "something else"}', '{"likelihood": 3}'])
def test_json_import_refuses_garbage(text):
    with pytest.raises(MatrixError):
        RiskMatrix.from_json(text)


def test_rescale_keeps_the_ends():
    assert [riskmatrix.rescale(n, 5, 3) for n in range(1, 6)] == [1, 2, 2, 3, 3]
    assert [riskmatrix.rescale(n, 3, 5) for n in range(1, 4)] == [1, 3, 5]
    assert riskmatrix.rescale(4, 5, 5) == 4
