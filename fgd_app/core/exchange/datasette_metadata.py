"""The Datasette metadata file written beside a consolidated database, for the ministry's analysts.

``datasette nasional.db -m nasional.metadata.json`` then shows every table and column with its description
from the data dictionary (``db/data_dictionary.json``; amounts say their unit), the provenance columns,
useful facets per table and a few canned queries ("regions without a quick win", ...). The text is in the
language of the app at the time of the merge. The file is data only: Datasette runs no code from it.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

from fgd_app.core.coverage.completeness import check_sql
from fgd_app.core.exchange.consolidated import PROVENANCE
from fgd_app.core.output_files import Staged
from fgd_app.core.store import dictionary, known_schema
from fgd_app.i18n import N_, tr

FACETS = {
    "workshop": ["province_name", "bimtek_stage", "region_kind"],
    "innovation": ["_region_code", "dimension_id", "status", "is_ict"],
    "action_plan": ["_region_code", "first_year", "funding_source_id", "status_id"],
    "risk": ["_region_code", "level", "risk_type", "treatment_decision"],
    "quickwin_choice": ["_region_code"],
    "participant": ["_region_code", "pentahelix"],
    "merge_source": ["province_name", "bimtek_stage", "schema_version"],
}
# the unit of a column: by the data dictionary's kind, else for the scores, levels and counts by column
UNITS = {"rupiah": N_("rupiah"), "year": N_("year"), "date": N_("ISO 8601 date"), "datetime": N_("ISO 8601 UTC time"),
         "bool": N_("1 = yes, 0 = no")}
_SCORE, _LEVEL = N_("score from 1 to 5"), N_("level number of the risk matrix")
_MAGNITUDE, _COUNT = N_("risk magnitude from 1 to 25"), N_("count")
_WEIGHT = N_("relative weight from 0 to 100")
COLUMN_UNITS: dict[tuple[str, str], str] = {
    **{("risk", c): _SCORE for c in ("likelihood", "impact", "residual_likelihood", "residual_impact")},
    **{("risk", c): _MAGNITUDE for c in ("magnitude", "residual_magnitude")},
    **{("risk", c): _LEVEL for c in ("level", "residual_level")},
    ("risk_group_score", "likelihood"): _SCORE, ("risk_group_score", "impact"): _SCORE,
    ("risk_matrix_cell", "likelihood"): _SCORE, ("risk_matrix_cell", "impact"): _SCORE,
    ("risk_matrix_cell", "magnitude"): _MAGNITUDE, ("risk_matrix_cell", "level"): _LEVEL,
    ("risk_level", "min_magnitude"): _MAGNITUDE, ("risk_level", "max_magnitude"): _MAGNITUDE,
    ("risk_category", "appetite_negative"): _MAGNITUDE, ("risk_category", "appetite_positive"): _MAGNITUDE,
    ("quickwin_score", "score"): _SCORE, ("readiness_item", "rating"): _SCORE,
    ("quickwin_rule", "min_impact"): _SCORE, ("quickwin_rule", "max_effort"): _SCORE,
    ("quickwin_rule", "max_residual_level"): _LEVEL, ("quickwin_rule", "max_first_result_years"): N_("years"),
    ("quickwin_criterion", "weight"): _WEIGHT, ("quickwin_rule", "votes_weight"): _WEIGHT,
    ("quickwin_vote", "votes"): _COUNT, ("minutes", "participants_count"): _COUNT,
}


def column_unit(table: str, column: str) -> str:
    """Return the translated unit of ``table.column`` ('' when it has none)."""
    unit = COLUMN_UNITS.get((table, column)) or UNITS.get(dictionary.kind(table, column))
    return tr(unit) if unit else ""


def metadata_path(database: str | os.PathLike) -> Path:
    """Return where the metadata of ``database`` is written: ``nasional.db`` -> ``nasional.metadata.json``."""
    database = Path(database)
    return database.with_name(database.stem + ".metadata.json")


def _provenance() -> dict[str, str]:
    return {"_workshop_id": tr("The workshop (workshop.id) this row belongs to."),
            "_region_code": tr("The Kemendagri code of that workshop's region, for filtering without a join."),
            "_source_id": tr("The merged file (merge_source.id) that supplied this row's current version.")}


def _per_region(check: str, counted: str) -> str:
    """Return a canned query counting the rows of a checklist ``check`` per region and stage."""
    return (f"SELECT w.region_code, w.region_name, w.bimtek_stage, count(*) AS {counted} FROM ({check}) g "
            f"JOIN workshop w ON w.id = g.wid GROUP BY w.id ORDER BY {counted} DESC, w.region_code")


def _queries() -> dict[str, dict[str, str]]:
    return {
        "regions_without_quick_win": {
            "title": tr("Regions without a quick win"),
            "description": tr("Regions and stages where no quick win has been chosen yet."),
            "sql": "SELECT w.region_code, w.region_name, w.province_name, w.bimtek_stage FROM workshop w "
                   f"WHERE w.id IN (SELECT wid FROM ({check_sql('no_quick_win')})) "
                   "ORDER BY w.region_code, w.bimtek_stage"},
        "innovations_without_action_plan": {
            "title": tr("Innovations without an action plan, per region"),
            "description": tr("The same check as the hand-over checklist of each region's file."),
            "sql": _per_region(check_sql("innovations_without_plans"), "innovations")},
        "untreated_risks": {
            "title": tr("Risks at or above the appetite without treatment, per region"),
            "description": tr("The same check as the hand-over checklist of each region's file."),
            "sql": _per_region(check_sql("risks_untreated"), "risks")},
        "budget_per_region": {
            "title": tr("Budget estimate per region (rupiah)"),
            "sql": "SELECT w.region_code, w.region_name, w.province_name, w.bimtek_stage, count(p.id) AS action_plans, "
                   "coalesce(sum(p.budget), 0) AS budget_rupiah FROM workshop w "
                   "LEFT JOIN action_plan p ON p._workshop_id = w.id GROUP BY w.id ORDER BY budget_rupiah DESC"},
        "innovations_like": {
            "title": tr("Innovations whose name or description contains a word"),
            "description": tr("Who else builds a Mal Pelayanan Publik? Type a word in q."),
            "sql": "SELECT w.region_code, w.region_name, i.code, i.name, i.description FROM innovation i "
                   "JOIN workshop w ON w.id = i._workshop_id WHERE i.name LIKE '%' || :q || '%' "
                   "OR i.description LIKE '%' || :q || '%' ORDER BY w.region_code, i.code LIMIT 500"},
    }


def build_metadata(database_name: str) -> dict[str, Any]:
    """Return the Datasette metadata of a consolidated database named ``database_name`` (its file stem)."""
    tables: dict[str, Any] = {
        "merge_source": {"description": tr("Every file merged: name, SHA-256, region, stage, schema version, when "
                                           "it was merged and what it added.")},
        "merge_conflict": {"description": tr("Real conflicts found by the merge (same key and time, different "
                                             "content): the row already in the database was kept.")},
        "metadata": {"description": tr("Facts about this consolidated database (format and app version)."),
                     "hidden": True},
    }
    for table in known_schema.reference().record_tables:
        entry = dictionary.table_entry(table.name)
        columns = {}
        for column in table.column_names:
            described = dictionary.column_entry(table.name, column)
            if described is None:
                continue
            text = described.description()
            unit = column_unit(table.name, column)
            columns[column] = f"{text} [{tr('unit')}: {unit}]" if unit else text
        columns |= _provenance()
        info: dict[str, Any] = {"columns": columns}
        if entry is not None:
            info["title"] = entry.label() if entry.label() != table.name else table.name
            info["description"] = entry.description()
        if table.name in FACETS:
            info["facets"] = FACETS[table.name]
        tables[table.name] = info
    return {
        "title": tr("Consolidated Smart City masterplan bimtek workshops"),
        "description": tr("Written by fgd-app merge. Each row carries its workshop ({columns}); the readable "
                          "views v_* join the names in.", columns=", ".join(PROVENANCE)),
        "databases": {database_name: {"tables": tables, "queries": _queries()}},
    }


def write_beside(database: str | os.PathLike) -> Path:
    """Write the metadata file beside the consolidated ``database`` (atomically); return its path."""
    database = Path(database)
    target = metadata_path(database)
    text = json.dumps(build_metadata(database.stem), ensure_ascii=False, indent=2)
    with Staged(replace=True) as staged:
        staged.temporary(target).write_text(text + "\n", encoding="utf-8")
        staged.commit()
    return target
