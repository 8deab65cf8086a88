"""The risk matrix as data: likelihood and impact levels, risk levels (bands) and an explicit cell lookup.

The magnitude of a risk is looked up in the grid — never computed as likelihood x impact — and its level
is the band that holds the magnitude. Pure Python; no database, no Qt. Shipped defaults: the SPBE matrix
of PermenPANRB 5/2020 (two variants of the band edge at 20), a plain 5 x 5 likelihood x impact matrix
and a 3 x 3 one. A matrix travels as a small JSON file (``to_json`` / ``from_json``), validated on import.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from dataclasses import dataclass, field, replace

from fgd_app.core.errors import FgdError
from fgd_app.i18n import N_, tr

FILE_FORMAT = "fgd_app.risk_matrix"
FILE_VERSION = 1
MAX_LEVELS = 10
_COLOUR = re.compile(r"^#[0-9A-Fa-f]{6}$")


class MatrixError(FgdError):
    """A matrix that cannot be used; ``problems`` lists every reason, each a sentence for the user."""

    def __init__(self, problems: list[str]):
        self.problems = list(problems)
        super().__init__("\n".join(self.problems))


@dataclass(frozen=True)
class LikelihoodLevel:
    number: int
    name: str
    description: str = ""


@dataclass(frozen=True)
class ImpactLevel:
    number: int
    name: str
    description: str = ""
    areas: Mapping[str, str] = field(default_factory=dict)  # impact area -> what this level means there


@dataclass(frozen=True)
class RiskLevel:
    number: int
    name: str
    colour: str
    min_magnitude: int
    max_magnitude: int

    def holds(self, magnitude: int) -> bool:
        return self.min_magnitude <= magnitude <= self.max_magnitude


@dataclass(frozen=True)
class RiskMatrix:
    """One matrix: levels on both axes, risk levels, and ``cells[(likelihood, impact)] -> magnitude``."""

    key: str
    name: str
    likelihood: tuple[LikelihoodLevel, ...]
    impact: tuple[ImpactLevel, ...]
    levels: tuple[RiskLevel, ...]
    cells: Mapping[tuple[int, int], int]
    description: str = ""

    # --- lookups -----------------------------------------------------------------------------------
    def magnitude(self, likelihood: int, impact: int) -> int:
        """Return the magnitude of the cell; raise MatrixError for levels outside the matrix."""
        try:
            return self.cells[(likelihood, impact)]
        except (KeyError, TypeError):
            raise MatrixError([tr("Likelihood {likelihood} and impact {impact} are not a cell of the matrix "
                                  "\u201c{name}\u201d.", likelihood=likelihood, impact=impact,
                                  name=self.name)]) from None

    def level_for(self, magnitude: int) -> RiskLevel:
        """Return the risk level whose band holds ``magnitude``."""
        for level in self.levels:
            if level.holds(magnitude):
                return level
        raise MatrixError([tr("No risk level of the matrix \u201c{name}\u201d covers magnitude {magnitude}.",
                              name=self.name, magnitude=magnitude)])

    def assess(self, likelihood: int, impact: int) -> tuple[int, RiskLevel]:
        """Return (magnitude, risk level) for a likelihood and impact level."""
        magnitude = self.magnitude(likelihood, impact)
        return magnitude, self.level_for(magnitude)

    def level(self, number: int) -> RiskLevel:
        return next(level for level in self.levels if level.number == number)

    def likelihood_level(self, number: int) -> LikelihoodLevel:
        return next(level for level in self.likelihood if level.number == number)

    def impact_level(self, number: int) -> ImpactLevel:
        return next(level for level in self.impact if level.number == number)

    @property
    def size(self) -> tuple[int, int]:
        """Return (number of likelihood levels, number of impact levels)."""
        return len(self.likelihood), len(self.impact)

    @property
    def magnitudes(self) -> list[int]:
        """Return the distinct magnitudes of the grid, ascending."""
        return sorted(set(self.cells.values()))

    # --- checking ----------------------------------------------------------------------------------
    def problems(self) -> list[str]:
        """Return every reason this matrix cannot be used (empty when it is sound)."""
        out: list[str] = []
        out += _axis_problems(self.likelihood, tr("likelihood"))
        out += _axis_problems(self.impact, tr("impact"))
        likelihoods = [level.number for level in self.likelihood]
        impacts = [level.number for level in self.impact]
        for key, value in self.cells.items():
            if not (isinstance(key, tuple) and len(key) == 2 and key[0] in likelihoods and key[1] in impacts):
                out.append(tr("The cell {cell} lies outside the matrix.", cell=key))
            elif isinstance(value, bool) or not isinstance(value, int) or value < 1:
                out.append(tr("The magnitude of the cell likelihood {likelihood} \u00d7 impact {impact} must be a "
                              "whole number of 1 or more (found \u201c{value}\u201d).", likelihood=key[0],
                              impact=key[1], value=value))
        for likelihood in likelihoods:
            for impact in impacts:
                if (likelihood, impact) not in self.cells:
                    out.append(tr("The grid is incomplete: the cell likelihood {likelihood} \u00d7 impact {impact} "
                                  "has no magnitude.", likelihood=likelihood, impact=impact))
        out += self._level_problems()
        return out

    def _level_problems(self) -> list[str]:
        out: list[str] = []
        if not self.levels:
            return [tr("The matrix needs at least one risk level.")]
        numbers = [level.number for level in self.levels]
        if numbers != list(range(1, len(numbers) + 1)):
            out.append(tr("Risk levels must be numbered 1, 2, 3 \u2026 in order (found {numbers}).",
                          numbers=", ".join(map(str, numbers))))
        for level in self.levels:
            if not level.name.strip():
                out.append(tr("Risk level {number} has no name.", number=level.number))
            if not _COLOUR.match(level.colour or ""):
                out.append(tr("The colour of risk level \u201c{name}\u201d must be written like #FF0000 "
                              "(found \u201c{colour}\u201d).", name=level.name, colour=level.colour))
            bounds = (level.min_magnitude, level.max_magnitude)
            if any(isinstance(b, bool) or not isinstance(b, int) for b in bounds):
                out.append(tr("The band of risk level \u201c{name}\u201d must be whole numbers.", name=level.name))
                return out
            if level.min_magnitude > level.max_magnitude:
                out.append(tr("The band of risk level \u201c{name}\u201d runs backwards ({low}\u2013{high}).",
                              name=level.name, low=level.min_magnitude, high=level.max_magnitude))
        bands = sorted(self.levels, key=lambda lv: (lv.min_magnitude, lv.max_magnitude))
        for lower, upper in zip(bands, bands[1:], strict=False):
            if upper.min_magnitude <= lower.max_magnitude:
                out.append(tr("The bands of \u201c{a}\u201d ({a_low}\u2013{a_high}) and \u201c{b}\u201d "
                              "({b_low}\u2013{b_high}) overlap.", a=lower.name, a_low=lower.min_magnitude,
                              a_high=lower.max_magnitude, b=upper.name, b_low=upper.min_magnitude,
                              b_high=upper.max_magnitude))
            elif upper.min_magnitude > lower.max_magnitude + 1:
                out.append(tr("There is a gap between \u201c{a}\u201d and \u201c{b}\u201d: magnitudes "
                              "{low}\u2013{high} belong to no risk level.", a=lower.name, b=upper.name,
                              low=lower.max_magnitude + 1, high=upper.min_magnitude - 1))
        if [lv.number for lv in bands] != sorted(numbers):
            out.append(tr("Higher risk levels must have higher bands."))
        for magnitude in sorted({v for v in self.cells.values() if isinstance(v, int)}):
            if not any(level.holds(magnitude) for level in self.levels):
                out.append(tr("Magnitude {magnitude} occurs in the grid but no risk level covers it.",
                              magnitude=magnitude))
        return out

    def validate(self) -> RiskMatrix:
        """Return the matrix when it is sound; raise MatrixError listing every problem otherwise."""
        problems = self.problems()
        if problems:
            raise MatrixError(problems)
        return self

    # --- editing helpers ---------------------------------------------------------------------------
    def with_levels(self, levels: list[RiskLevel] | tuple[RiskLevel, ...]) -> RiskMatrix:
        return replace(self, levels=tuple(levels))

    def with_cells(self, cells: Mapping[tuple[int, int], int]) -> RiskMatrix:
        return replace(self, cells=dict(cells))

    # --- files -------------------------------------------------------------------------------------
    def to_dict(self) -> dict:
        """Return the matrix as plain data; the grid is one row per likelihood level, highest first."""
        return {
            "format": FILE_FORMAT,
            "version": FILE_VERSION,
            "key": self.key,
            "name": self.name,
            "description": self.description,
            "likelihood": [{"number": lv.number, "name": lv.name, "description": lv.description}
                           for lv in self.likelihood],
            "impact": [{"number": lv.number, "name": lv.name, "description": lv.description,
                        "areas": dict(lv.areas)} for lv in self.impact],
            "levels": [{"number": lv.number, "name": lv.name, "colour": lv.colour, "min": lv.min_magnitude,
                        "max": lv.max_magnitude} for lv in self.levels],
            "grid": {str(lk.number): [self.cells.get((lk.number, im.number)) for im in self.impact]
                     for lk in sorted(self.likelihood, key=lambda lv: -lv.number)},
        }

    def to_json(self) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=2) + "\n"

    @classmethod
    def from_dict(cls, data: object) -> RiskMatrix:
        """Build and validate a matrix from plain data; raise MatrixError naming every problem."""
        return _parse(data).validate()

    @classmethod
    def from_json(cls, text: str) -> RiskMatrix:
        try:
            data = json.loads(text)
        except json.JSONDecodeError as error:
            raise MatrixError([tr("The file is not valid JSON (line {line}, column {column}).",
                                  line=error.lineno, column=error.colno)]) from None
        return cls.from_dict(data)


def _axis_problems(levels: tuple, axis: str) -> list[str]:
    numbers = [level.number for level in levels]
    if not levels:
        return [tr("The matrix needs at least one {axis} level.", axis=axis)]
    out = []
    if len(levels) > MAX_LEVELS:
        out.append(tr("The matrix can have at most {count} {axis} levels.", count=MAX_LEVELS, axis=axis))
    if numbers != list(range(1, len(numbers) + 1)):
        out.append(tr("The {axis} levels must be numbered 1, 2, 3 \u2026 in order (found {numbers}).",
                      axis=axis, numbers=", ".join(map(str, numbers))))
    for level in levels:
        if not str(level.name).strip():
            out.append(tr("The {axis} level {number} has no name.", axis=axis, number=level.number))
    return out


def _parse(data: object) -> RiskMatrix:
    """Turn plain data into a RiskMatrix, collecting shape problems instead of failing on the first."""
    if not isinstance(data, dict):
        raise MatrixError([tr("The file does not hold a risk matrix.")])
    if data.get("format", FILE_FORMAT) != FILE_FORMAT:
        raise MatrixError([tr("The file does not hold a risk matrix.")])
    if int(data.get("version", FILE_VERSION) or 0) > FILE_VERSION:
        raise MatrixError([tr("The matrix file was written by a newer version of this app.")])
    problems: list[str] = []

    def items(name: str) -> list[dict]:
        value = data.get(name)
        if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
            problems.append(tr("The list \u201c{name}\u201d is missing or malformed.", name=name))
            return []
        return value

    def number(entry: dict, key: str, where: str) -> int:
        value = entry.get(key)
        if isinstance(value, bool) or not isinstance(value, int):
            problems.append(tr("\u201c{key}\u201d of {where} must be a whole number (found \u201c{value}\u201d).",
                               key=key, where=where, value=value))
            return 0
        return value

    likelihood = tuple(LikelihoodLevel(number(e, "number", "likelihood"), str(e.get("name", "")),
                                       str(e.get("description", ""))) for e in items("likelihood"))
    impact = tuple(ImpactLevel(number(e, "number", "impact"), str(e.get("name", "")),
                               str(e.get("description", "")),
                               {str(k): str(v) for k, v in (e.get("areas") or {}).items()})
                   for e in items("impact"))
    levels = tuple(RiskLevel(number(e, "number", "levels"), str(e.get("name", "")), str(e.get("colour", "")),
                             number(e, "min", str(e.get("name", "levels"))),
                             number(e, "max", str(e.get("name", "levels")))) for e in items("levels"))
    cells: dict[tuple[int, int], int] = {}
    grid = data.get("grid")
    if not isinstance(grid, dict):
        problems.append(tr("The list \u201c{name}\u201d is missing or malformed.", name="grid"))
        grid = {}
    for row_key, row in grid.items():
        try:
            row_number = int(row_key)
        except ValueError:
            problems.append(tr("The grid row \u201c{row}\u201d is not a likelihood level number.", row=row_key))
            continue
        if not isinstance(row, list):
            problems.append(tr("The grid row \u201c{row}\u201d is malformed.", row=row_key))
            continue
        if len(row) > len(impact):
            problems.append(tr("The grid row for likelihood {row} has {count} cells but there are {impacts} "
                               "impact levels.", row=row_key, count=len(row), impacts=len(impact)))
        for position, value in enumerate(row):
            if value is not None and position < len(impact):
                cells[(row_number, impact[position].number)] = value
    if problems:
        raise MatrixError(problems)
    return RiskMatrix(key=str(data.get("key") or "custom"), name=str(data.get("name") or tr("Imported matrix")),
                      description=str(data.get("description", "")), likelihood=likelihood, impact=impact,
                      levels=levels, cells=cells)


# --- defaults ----------------------------------------------------------------------------------------
BLUE, GREEN, YELLOW, ORANGE, RED = "#5B9BD5", "#70AD47", "#FFD966", "#F4A460", "#E05252"

SPBE_GRID = {  # likelihood -> magnitudes for impact 1..5 (PermenPANRB 5/2020, risk analysis matrix)
    5: (9, 15, 18, 23, 25),
    4: (6, 12, 16, 19, 24),
    3: (4, 10, 14, 17, 22),
    2: (2, 7, 11, 13, 21),
    1: (1, 3, 5, 8, 20),
}

SPBE_LIKELIHOOD = (
    LikelihoodLevel(1, "Hampir Tidak Terjadi", "Probabilitas \u2264 5%; kurang dari 2 kali dalam 1 tahun"),
    LikelihoodLevel(2, "Jarang Terjadi", "Probabilitas 5\u201310%; 2\u20135 kali dalam 1 tahun"),
    LikelihoodLevel(3, "Kadang-Kadang Terjadi", "Probabilitas 10\u201320%; 6\u20139 kali dalam 1 tahun"),
    LikelihoodLevel(4, "Sering Terjadi", "Probabilitas 20\u201350%; 10\u201312 kali dalam 1 tahun"),
    LikelihoodLevel(5, "Hampir Pasti Terjadi", "Probabilitas > 50%; lebih dari 12 kali dalam 1 tahun"),
)

SPBE_IMPACT = (
    ImpactLevel(1, "Tidak Signifikan"),
    ImpactLevel(2, "Kurang Signifikan"),
    ImpactLevel(3, "Cukup Signifikan"),
    ImpactLevel(4, "Signifikan"),
    ImpactLevel(5, "Sangat Signifikan"),
)

MATRIX_CHOICES = {  # key -> label (translated where shown)
    "spbe-a": N_("SPBE (PermenPANRB 5/2020), High 16\u201320 / Very high 21\u201325"),
    "spbe-b": N_("SPBE (PermenPANRB 5/2020), High 16\u201319 / Very high 20\u201325"),
    "plain-5x5": N_("Plain 5 \u00d7 5 (likelihood \u00d7 impact)"),
    "plain-3x3": N_("Simple 3 \u00d7 3"),
}


def spbe(variant: str = "A") -> RiskMatrix:
    """Return the SPBE matrix; variant "A" puts magnitude 20 in Tinggi (16-20), "B" in Sangat Tinggi (20-25)."""
    variant = variant.upper()
    if variant not in ("A", "B"):
        raise ValueError(f"unknown SPBE variant {variant!r}")
    edge = 20 if variant == "A" else 19
    levels = (
        RiskLevel(1, "Sangat Rendah", BLUE, 1, 5),
        RiskLevel(2, "Rendah", GREEN, 6, 10),
        RiskLevel(3, "Sedang", YELLOW, 11, 15),
        RiskLevel(4, "Tinggi", ORANGE, 16, edge),
        RiskLevel(5, "Sangat Tinggi", RED, edge + 1, 25),
    )
    cells = {(lk, im): row[im - 1] for lk, row in SPBE_GRID.items() for im in range(1, 6)}
    return RiskMatrix(key=f"spbe-{variant.lower()}", name=f"SPBE PermenPANRB 5/2020 ({variant})",
                      description="Matriks analisis risiko SPBE; besaran risiko 1\u201325 dari tabel, "
                                  "bukan hasil kali kemungkinan \u00d7 dampak.",
                      likelihood=SPBE_LIKELIHOOD, impact=SPBE_IMPACT, levels=levels, cells=cells)


def plain_5x5() -> RiskMatrix:
    """Return a plain likelihood x impact matrix (magnitude = product, 1-25) with five levels."""
    names_l = (N_("Rare"), N_("Unlikely"), N_("Possible"), N_("Likely"), N_("Almost certain"))
    names_i = (N_("Insignificant"), N_("Minor"), N_("Moderate"), N_("Major"), N_("Severe"))
    bands = ((N_("Very low"), BLUE, 1, 3), (N_("Low"), GREEN, 4, 6), (N_("Medium"), YELLOW, 7, 12),
             (N_("High"), ORANGE, 13, 19), (N_("Very high"), RED, 20, 25))
    return RiskMatrix(
        key="plain-5x5", name=tr("Plain 5 \u00d7 5 (likelihood \u00d7 impact)"),
        description=tr("Magnitude = likelihood \u00d7 impact."),
        likelihood=tuple(LikelihoodLevel(n, tr(name)) for n, name in enumerate(names_l, start=1)),
        impact=tuple(ImpactLevel(n, tr(name)) for n, name in enumerate(names_i, start=1)),
        levels=tuple(RiskLevel(n, tr(name), colour, low, high)
                     for n, (name, colour, low, high) in enumerate(bands, start=1)),
        cells={(lk, im): lk * im for lk in range(1, 6) for im in range(1, 6)})


def plain_3x3() -> RiskMatrix:
    """Return a simple 3 x 3 matrix (magnitude = product, 1-9) with three levels."""
    names_l = (N_("Unlikely"), N_("Possible"), N_("Likely"))
    names_i = (N_("Minor"), N_("Moderate"), N_("Major"))
    bands = ((N_("Low"), GREEN, 1, 2), (N_("Medium"), YELLOW, 3, 4), (N_("High"), RED, 5, 9))
    return RiskMatrix(
        key="plain-3x3", name=tr("Simple 3 \u00d7 3"), description=tr("Magnitude = likelihood \u00d7 impact."),
        likelihood=tuple(LikelihoodLevel(n, tr(name)) for n, name in enumerate(names_l, start=1)),
        impact=tuple(ImpactLevel(n, tr(name)) for n, name in enumerate(names_i, start=1)),
        levels=tuple(RiskLevel(n, tr(name), colour, low, high)
                     for n, (name, colour, low, high) in enumerate(bands, start=1)),
        cells={(lk, im): lk * im for lk in range(1, 4) for im in range(1, 4)})


def default(key: str = "spbe-a") -> RiskMatrix:
    """Return one of the shipped matrices by key (see MATRIX_CHOICES)."""
    builders = {"spbe-a": lambda: spbe("A"), "spbe-b": lambda: spbe("B"), "plain-5x5": plain_5x5,
                "plain-3x3": plain_3x3}
    if key not in builders:
        raise KeyError(key)
    return builders[key]()


def rescale(number: int, old_count: int, new_count: int) -> int:
    """Map a level number from an axis of ``old_count`` levels onto one of ``new_count`` (ends stay ends)."""
    if old_count <= 1 or new_count == old_count:
        return max(1, min(number, new_count))
    exact = (number - 1) * (new_count - 1) / (old_count - 1)
    return 1 + int(exact + 0.5)


def is_colour(text: str) -> bool:
    """Return True for a colour written as #RRGGBB."""
    return bool(_COLOUR.match(text or ""))


def text_colour(background: str) -> str:
    """Return black or white, whichever reads better on ``background`` (#RRGGBB)."""
    r, g, b = (int(background[i:i + 2], 16) for i in (1, 3, 5))
    return "#000000" if 0.299 * r + 0.587 * g + 0.114 * b > 140 else "#FFFFFF"
