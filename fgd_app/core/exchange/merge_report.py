"""What a consolidation did: per input file what was added, updated, skipped and why, and the conflicts."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from fgd_app.i18n import tr

MAX_LISTED_CONFLICTS = 20


@dataclass
class Conflict:
    table: str
    key: str  # the primary-key value(s), joined by "|"
    columns: list[str]  # the columns whose values differ
    kept_source_id: int | None = None
    updated_at: str = ""


@dataclass
class InputSummary:
    """What merging one input file did."""

    path: Path
    status: str = "merged"  # "merged", "identical" (already merged), "skipped"
    reason: str = ""
    region: str = ""
    added: dict[str, int] = field(default_factory=dict)
    updated: dict[str, int] = field(default_factory=dict)
    unchanged: int = 0
    older: int = 0
    conflicts: list[Conflict] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    app_version: str = ""
    refused: dict[str, int] = field(default_factory=dict)  # table -> rows not merged (they break the rules)
    deleted: dict[str, int] = field(default_factory=dict)  # table -> records removed: deleted in the workshop

    @property
    def added_total(self) -> int:
        return sum(self.added.values())

    @property
    def updated_total(self) -> int:
        return sum(self.updated.values())

    def line(self) -> str:
        name = self.path.name
        if self.status == "skipped":
            return tr("{name}: skipped \u2014 {reason}", name=name, reason=self.reason)
        if self.status == "identical":
            return tr("{name} ({region}): already merged (identical file), nothing added.", name=name,
                      region=self.region)
        return tr("{name} ({region}): {added} added, {updated} updated, {unchanged} unchanged, {older} older "
                  "versions ignored, {conflicts} conflicts.", name=name, region=self.region,
                  added=self.added_total, updated=self.updated_total, unchanged=self.unchanged,
                  older=self.older, conflicts=len(self.conflicts))


@dataclass
class MergeReport:
    output: Path
    inputs: list[InputSummary] = field(default_factory=list)
    views: list[str] = field(default_factory=list)
    written: bool = True  # False: nothing was merged, so the output was neither created nor changed

    @property
    def merged_anything(self) -> bool:
        """Return True when at least one input was merged (not skipped, not already merged)."""
        return any(i.status == "merged" for i in self.inputs)

    @property
    def skipped(self) -> list[InputSummary]:
        return [i for i in self.inputs if i.status == "skipped"]

    @property
    def conflicts(self) -> list[tuple[InputSummary, Conflict]]:
        return [(i, c) for i in self.inputs for c in i.conflicts]

    def lines(self) -> list[str]:
        out = [tr("Consolidated database: {path}", path=self.output) if self.written else
               tr("Nothing was merged: \u201c{path}\u201d was neither created nor changed.", path=self.output)]
        for summary in self.inputs:
            out.append("  " + summary.line())
            out += ["      " + tr("Note: {text}", text=note) for note in summary.notes]
            if summary.refused:
                out.append("      " + tr(
                    "{count} rows refused (they break the rules of the file, point to a missing record or belong "
                    "to a refused one; \u201cfgd-app check\u201d lists them): {tables}",
                    count=sum(summary.refused.values()),
                    tables=", ".join(f"{table} {count}" for table, count in summary.refused.items())))
            if summary.deleted:
                out.append("      " + tr("{count} records removed: deleted in the workshop after their last change "
                                         "here: {tables}", count=sum(summary.deleted.values()),
                                         tables=", ".join(f"{t} {n}" for t, n in summary.deleted.items())))
            for conflict in summary.conflicts[:MAX_LISTED_CONFLICTS]:
                out.append("      " + tr("Conflict in {table}, key {key}: same change time, different {columns}; "
                                         "the version already merged was kept.", table=conflict.table,
                                         key=conflict.key, columns=", ".join(conflict.columns)))
        merged = sum(1 for i in self.inputs if i.status != "skipped")
        out.append(tr("{merged} of {total} files merged, {skipped} skipped, {conflicts} conflicts.",
                      merged=merged, total=len(self.inputs), skipped=len(self.skipped),
                      conflicts=len(self.conflicts)))
        return out
