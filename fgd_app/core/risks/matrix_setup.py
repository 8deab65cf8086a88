"""The risk matrix in use (stored in the workshop file), changing it with a preview, and the editable lists.

Changing the matrix never happens silently: ``preview_change(new)`` computes, per scored risk, the old
and new likelihood, impact, magnitude and level (inherent and residual); ``apply_change(new)`` replaces
the matrix and recomputes every risk in ONE undoable operation. When the new matrix has a different
number of levels on an axis, level numbers are rescaled so that the ends stay ends (5 -> 3: 1,2,2,3,3),
and the preview says so.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from fgd_app.core.errors import ValidationError
from fgd_app.core.risks import matrix as riskmatrix
from fgd_app.core.risks.matrix import ImpactLevel, LikelihoodLevel, MatrixError, RiskLevel, RiskMatrix
from fgd_app.core.store.record_table import RecordTable, clean_text, max_length, new_id, require
from fgd_app.core.store.writer import Store, now_iso
from fgd_app.i18n import N_, tr

Score = tuple[int, int, int, int]  # likelihood, impact, magnitude, level


@dataclass(frozen=True)
class ScoreChange:
    """How one risk's scores move when the matrix changes (None: not scored)."""

    risk_id: str
    code: str
    event: str
    old: Score | None
    new: Score | None
    old_residual: Score | None
    new_residual: Score | None

    @property
    def changed(self) -> bool:
        return self.old != self.new or self.old_residual != self.new_residual


@dataclass
class MatrixChange:
    """What replacing the matrix would do; ``risks`` lists only risks whose scores change."""

    old: RiskMatrix
    new: RiskMatrix
    scored: int = 0
    risks: list[ScoreChange] = field(default_factory=list)
    rescaled: bool = False
    group_scores: list[tuple[str, int, int]] = field(default_factory=list)  # (id, likelihood, impact)
    appetite: list[tuple[str, str, str, int, int]] = field(default_factory=list)  # id, name, type, old, new

    def summary(self) -> str:
        """Return one sentence for the confirmation dialog."""
        text = tr("{changed} of {scored} scored risks change their magnitude or level.",
                  changed=len(self.risks), scored=self.scored)
        if self.rescaled:
            text += " " + tr("The new matrix has a different number of levels: likelihood and impact are "
                             "rescaled (the lowest and highest levels stay lowest and highest).")
        if self.appetite:
            text += " " + tr("{count} risk appetite values are moved to the matching level of the new matrix.",
                             count=len(self.appetite))
        return text


def _row_to_matrix(store: Store) -> RiskMatrix:
    head = store.query_one("SELECT key, name, description FROM risk_matrix")
    likelihood = tuple(LikelihoodLevel(r["number"], r["name"], r["description"]) for r in store.query(
        "SELECT number, name, description FROM risk_likelihood_level ORDER BY number"))
    impact = tuple(ImpactLevel(r["number"], r["name"], r["description"], json.loads(r["areas"])) for r in store.query(
        "SELECT number, name, description, areas FROM risk_impact_level ORDER BY number"))
    levels = tuple(RiskLevel(r["number"], r["name"], r["colour"], r["min_magnitude"], r["max_magnitude"])
                   for r in store.query("SELECT * FROM risk_level ORDER BY number"))
    cells = {(r[0], r[1]): r[2] for r in store.query("SELECT likelihood, impact, magnitude FROM risk_matrix_cell")}
    return RiskMatrix(key=head["key"], name=head["name"], description=head["description"],
                      likelihood=likelihood, impact=impact, levels=levels, cells=cells)


def write_matrix(store: Store, matrix: RiskMatrix) -> None:
    """Replace the matrix rows (inside an open write): cells first out and last in, so undo replays cleanly."""
    stamp = now_iso()
    for table in ("risk_matrix_cell", "risk_level", "risk_likelihood_level", "risk_impact_level"):
        store.execute(f"DELETE FROM {table}")
    store.execute("UPDATE risk_matrix SET key = ?, name = ?, description = ?, updated_at = ?",
                  (matrix.key, matrix.name, matrix.description, stamp))
    store.executemany("INSERT INTO risk_likelihood_level VALUES (?, ?, ?, ?, ?, ?)",
                      [(new_id(), lv.number, lv.name, lv.description, stamp, stamp) for lv in matrix.likelihood])
    store.executemany("INSERT INTO risk_impact_level VALUES (?, ?, ?, ?, ?, ?, ?)",
                      [(new_id(), lv.number, lv.name, lv.description, json.dumps(dict(lv.areas), ensure_ascii=False),
                        stamp, stamp) for lv in matrix.impact])
    store.executemany("INSERT INTO risk_level VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                      [(new_id(), lv.number, lv.name, lv.colour.upper(), lv.min_magnitude, lv.max_magnitude,
                        stamp, stamp) for lv in matrix.levels])
    store.executemany("INSERT INTO risk_matrix_cell VALUES (?, ?, ?, ?, ?, ?, ?)",
                      [(new_id(), lk, im, m, matrix.level_for(m).number, stamp, stamp)
                       for (lk, im), m in sorted(matrix.cells.items())])


class RiskSetup:
    """The matrix in use and changing it; the category and impact-area lists hang off it."""

    def __init__(self, store: Store):
        self.store = store
        self.categories = Categories(store, self)
        self.impact_areas = ImpactAreas(store)
        self._cache: tuple[int, RiskMatrix] | None = None

    def matrix(self) -> RiskMatrix:
        """Return the matrix stored in the file (cached until the matrix tables change)."""
        version = self.store.conn.total_changes
        if self._cache is None or self._cache[0] != version:
            self._cache = (version, _row_to_matrix(self.store))
        return self._cache[1]

    def cell_map(self, new: RiskMatrix) -> dict[tuple[int, int], Score]:
        """Return where each cell of the matrix in use lands in ``new``: (l, i) -> (l', i', magnitude, level)."""
        new.validate()
        old = self.matrix()
        (old_l, old_i), (new_l, new_i) = old.size, new.size
        out = {}
        for likelihood, impact in old.cells:
            lk, im = riskmatrix.rescale(likelihood, old_l, new_l), riskmatrix.rescale(impact, old_i, new_i)
            magnitude, level = new.assess(lk, im)
            out[(likelihood, impact)] = (lk, im, magnitude, level.number)
        return out

    def preview_change(self, new: RiskMatrix) -> MatrixChange:
        """Return what replacing the matrix by ``new`` would change; nothing is written."""
        mapping = self.cell_map(new)
        old = self.matrix()
        change = MatrixChange(old=old, new=new, rescaled=old.size != new.size)
        cursor = self.store.conn.cursor()
        cursor.row_factory = None
        rows = cursor.execute(
            "SELECT id, code, event, likelihood, impact, magnitude, level, residual_likelihood, residual_impact, "
            "residual_magnitude, residual_level FROM risk WHERE likelihood IS NOT NULL OR residual_likelihood "
            "IS NOT NULL ORDER BY code")
        for r in rows:
            before = None if r[3] is None else r[3:7]
            before_residual = None if r[7] is None else r[7:11]
            after = None if r[3] is None else mapping[(r[3], r[4])]
            after_residual = None if r[7] is None else mapping[(r[7], r[8])]
            change.scored += 1
            if before != after or before_residual != after_residual:
                change.risks.append(ScoreChange(r[0], r[1], r[2], before, after, before_residual, after_residual))
        if change.rescaled:
            (old_l, old_i), (new_l, new_i) = old.size, new.size
            for r in self.store.query("SELECT id, likelihood, impact FROM risk_group_score"):
                change.group_scores.append((r[0], riskmatrix.rescale(r[1], old_l, new_l),
                                            riskmatrix.rescale(r[2], old_i, new_i)))
        for category in self.categories.list():
            for kind in ("negative", "positive"):
                value = getattr(category, f"appetite_{kind}")
                if value is not None and (moved_to := _move_appetite(value, old, new)) != value:
                    change.appetite.append((category.id, category.name, kind, value, moved_to))
        return change

    def apply_change(self, new: RiskMatrix, name: str | None = None) -> int:
        """Replace the matrix and recompute every risk, as ONE undoable operation; return how many risks changed.

        The scores are remapped in SQL (one UPDATE through a temporary cell map), so 20,000 risks take well
        under a second.
        """
        mapping = self.cell_map(new)
        old = self.matrix()
        (old_l, old_i), (new_l, new_i) = old.size, new.size
        appetite = [(c.id, kind, _move_appetite(v, old, new)) for c in self.categories.list()
                    for kind in ("negative", "positive") if (v := getattr(c, f"appetite_{kind}")) is not None]
        stamp = now_iso()
        conn = self.store.conn
        with self.store.write(name or tr("Change the risk matrix to \u201c{name}\u201d", name=new.name)):
            write_matrix(self.store, new)
            conn.execute("CREATE TEMP TABLE IF NOT EXISTS risk_cell_map (l INTEGER NOT NULL, i INTEGER NOT NULL, "
                         "nl INTEGER, ni INTEGER, nm INTEGER, nv INTEGER, PRIMARY KEY (l, i))")
            conn.execute("DELETE FROM temp.risk_cell_map")
            conn.executemany("INSERT INTO temp.risk_cell_map VALUES (?, ?, ?, ?, ?, ?)",
                             [(*cell, *target) for cell, target in mapping.items()])
            conn.execute("DROP TABLE IF EXISTS temp.risk_remap")
            conn.execute(
                "CREATE TEMP TABLE risk_remap AS SELECT r.id AS id, a.nl, a.ni, a.nm, a.nv, b.nl AS rl, b.ni AS ri, "
                "b.nm AS rm, b.nv AS rv FROM risk r "
                "LEFT JOIN temp.risk_cell_map a ON a.l = r.likelihood AND a.i = r.impact "
                "LEFT JOIN temp.risk_cell_map b ON b.l = r.residual_likelihood AND b.i = r.residual_impact "
                "WHERE (r.likelihood, r.impact, r.magnitude, r.level, r.residual_likelihood, r.residual_impact, "
                "r.residual_magnitude, r.residual_level) IS NOT (a.nl, a.ni, a.nm, a.nv, b.nl, b.ni, b.nm, b.nv)")
            changed = self.store.execute(
                "UPDATE risk SET likelihood = m.nl, impact = m.ni, magnitude = m.nm, level = m.nv, "
                "residual_likelihood = m.rl, residual_impact = m.ri, residual_magnitude = m.rm, "
                "residual_level = m.rv, updated_at = ? FROM temp.risk_remap m WHERE m.id = risk.id", (stamp,)).rowcount
            conn.execute("DROP TABLE temp.risk_remap")
            if old.size != new.size:
                for axis, before, after in (("likelihood", old_l, new_l), ("impact", old_i, new_i)):
                    cases = " ".join(f"WHEN {n} THEN {riskmatrix.rescale(n, before, after)}"
                                     for n in range(1, before + 1))
                    self.store.execute(f"UPDATE risk_group_score SET {axis} = CASE {axis} {cases} END, "
                                       f"updated_at = ? WHERE {axis} <> CASE {axis} {cases} END", (stamp,))
            for category_id, kind, value in appetite:
                self.store.execute(f"UPDATE risk_category SET appetite_{kind} = ?, updated_at = ? "
                                   f"WHERE id = ? AND appetite_{kind} <> ?", (value, stamp, category_id, value))
        return changed

    def export_json(self) -> str:
        return self.matrix().to_json()


def _move_appetite(value: int, old: RiskMatrix, new: RiskMatrix) -> int:
    """Keep an appetite magnitude whose level is unchanged; else move it to the start of the same level."""
    try:
        number = old.level_for(value).number
    except MatrixError:
        number = old.levels[-1].number if value > old.levels[-1].max_magnitude else 1
    try:
        if new.level_for(value).number == number:
            return value
    except MatrixError:
        pass
    return new.level(riskmatrix.rescale(number, len(old.levels), len(new.levels))).min_magnitude


# --- editable lists ---------------------------------------------------------------------------------
@dataclass
class RiskCategory:
    id: str
    name: str
    position: int = 0
    appetite_negative: int | None = None
    appetite_positive: int | None = None

    def appetite(self, risk_type: str) -> int | None:
        return self.appetite_positive if risk_type == "positive" else self.appetite_negative


@dataclass
class ImpactArea:
    id: str
    name: str
    position: int = 0


class _NamedList(RecordTable):
    order_by = "position, name COLLATE NOCASE"
    name_label = N_("Name")
    used_by = ""

    def validate(self, values: dict[str, Any], record_id: str | None) -> dict[str, Any]:
        values = dict(values)
        values["name"] = " ".join(clean_text(values.get("name")).split())
        require("name", values["name"], tr(self.name_label))
        max_length("name", values["name"], 200, tr(self.name_label))
        twin = self.store.scalar(f"SELECT id FROM {self.table} WHERE name = ? COLLATE NOCASE", (values["name"],))
        if twin is not None and twin != record_id:
            raise ValidationError("name", tr("\u201c{name}\u201d is already in the list.", name=values["name"]))
        if record_id is None and not values.get("position"):
            values["position"] = int(self.store.scalar(f"SELECT coalesce(max(position), 0) + 1 FROM {self.table}"))
        return values

    def usage(self, record_id: str) -> int:
        return int(self.store.scalar(f"SELECT count(*) FROM risk WHERE {self.used_by} = ?", (record_id,)))

    def delete(self, record_id: str) -> None:
        """Delete an entry no risk uses (refused with the number of risks otherwise)."""
        used = self.usage(record_id)
        if used:
            raise ValidationError("name", tr("\u201c{name}\u201d is used by {count} risks and cannot be deleted.",
                                             name=self.get(record_id).name, count=used))
        super().delete(record_id)


class Categories(_NamedList):
    table = "risk_category"
    record = RiskCategory
    name_label = N_("Category")
    used_by = "category_id"
    operation_names = {"add": N_("Add risk category \u201c{name}\u201d"),
                       "edit": N_("Edit risk category \u201c{name}\u201d"),
                       "delete": N_("Delete risk category \u201c{name}\u201d")}

    def __init__(self, store: Store, setup: RiskSetup):
        super().__init__(store)
        self.setup = setup

    def validate(self, values: dict[str, Any], record_id: str | None) -> dict[str, Any]:
        values = super().validate(values, record_id)
        top = max(self.setup.matrix().magnitudes)
        for kind, label in (("negative", N_("Appetite for negative risks")),
                            ("positive", N_("Appetite for positive risks"))):
            key = f"appetite_{kind}"
            raw = values.get(key)
            if raw in (None, ""):
                values[key] = None
                continue
            try:
                value = int(str(raw).strip())
            except ValueError:
                value = 0
            if not 1 <= value <= top:
                raise ValidationError(key, tr("{field} must be a magnitude from 1 to {top}.", field=tr(label),
                                              top=top))
            values[key] = value
        return values


class ImpactAreas(_NamedList):
    table = "impact_area"
    record = ImpactArea
    name_label = N_("Impact area")
    used_by = "impact_area_id"
    operation_names = {"add": N_("Add impact area \u201c{name}\u201d"),
                       "edit": N_("Edit impact area \u201c{name}\u201d"),
                       "delete": N_("Delete impact area \u201c{name}\u201d")}
