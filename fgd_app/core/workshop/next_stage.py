"""Carry a workshop to the next bimtek stage (*Lanjutkan ke tahap berikutnya*, ``fgd-app next-stage``).

The four bimtek of one masterplan build on each other. The next stage's file is a new workshop (new
workshop id, stage + 1) holding a copy of what the previous stage agreed: the region's analysis, OPDs,
participants (without attendance), dimensions and elements, the risk matrix, innovations (their codes
kept), action plans, risks, quick-win scores and choices. Every copied row gets a new id; its lineage is
written beside it in ``carried_row`` (this row, the source workshop, the source row's id and its values
as carried) and the file's ancestry in ``stage_history`` (every earlier stage's workshop id, stage and
the SHA-256 of its file). So the consolidated database holds every stage of a region as its own
workshop, and a record of stage III is known as the later version of its stage II record.

Every record table of the schema is either copied or named in ``LEFT_OUT`` with the reason
(tests/workshop/test_next_stage.py fails for a new table until it is one or the other).

The source is only read (``open_for_review``: a memory copy; an older file is upgraded in memory), so
its bytes never change; the new file is built under a temporary name and renamed when complete.
"""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
from dataclasses import dataclass, field
from pathlib import Path

from fgd_app import APP_ID, __version__
from fgd_app.core.errors import FgdError, WorkshopFileError
from fgd_app.core.output_files import OutputError, Staged
from fgd_app.core.store import known_schema, migrations
from fgd_app.core.store.record_table import new_id
from fgd_app.core.store.writer import _q, now_iso
from fgd_app.i18n import N_, roman, tr

LAST_STAGE = 4

LEFT_OUT: dict[str, str] = {
    "workshop_day": N_("the days of the workshop (the next stage has its own)"),
    "attendance": N_("attendance (ticked again at the next stage)"),
    "minutes": N_("the minutes (written per day)"),
    "minutes_item": N_("the minutes (written per day)"),
    "quickwin_vote": N_("dot votes (cast again in the next stage's plenary)"),
    "carried_row": N_("the lineage of the earlier stage (written anew for the copied rows)"),
    # the tombstones name rows of the earlier stage's file (the carried rows have new ids): copied, they would
    # collide with the earlier stage's own in a consolidated file and the merge would skip this file
    "deleted_record": N_("the records deleted at the earlier stage (they name that file's rows)"),
}
WRITTEN_ANEW = frozenset({"workshop", "stage_history"})  # copied with changes: new id and stage, one more stage


class NoNextStageError(FgdError):
    """The source is at the last stage."""


@dataclass
class CarryReport:
    """What ``carry_to_next_stage`` wrote."""

    source: Path
    target: Path
    source_stage: int
    stage: int
    workshop_id: str  # the new workshop's id
    source_workshop_id: str
    source_sha256: str
    copied: dict[str, int] = field(default_factory=dict)  # table -> rows
    left_out: dict[str, int] = field(default_factory=dict)  # table -> rows of the source not copied

    def lines(self) -> list[str]:
        out = [tr("Stage {stage} of the workshop written to \u201c{path}\u201d (carried from stage {source} of "
                  "\u201c{name}\u201d).", stage=roman(self.stage), path=self.target, source=roman(self.source_stage),
                  name=self.source.name)]
        out += [f"  {table:<28} {count:>8}" for table, count in self.copied.items() if count]
        for table, count in self.left_out.items():
            if count:
                out.append("  " + tr("not carried: {what} ({count})", what=tr(LEFT_OUT[table]), count=count))
        return out


def file_sha256(path: Path) -> str:
    """Return the SHA-256 of a file, read in 1 MB chunks."""
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        while chunk := handle.read(1 << 20):
            digest.update(chunk)
    return digest.hexdigest()


def copied_tables() -> list[known_schema.Table]:
    """Return the record tables carried to the next stage, parents first."""
    return [t for t in known_schema.reference().record_tables if t.name not in LEFT_OUT]


def _check_target(source: Path, target: Path, force: bool) -> None:
    if target.is_dir():
        raise OutputError(tr("\u201c{path}\u201d is a folder; a file name is needed here.", path=target))
    if target == source or (target.exists() and source.exists() and os.path.samefile(target, source)):
        raise WorkshopFileError(target, tr("The next stage needs a new file; it cannot replace the file it is "
                                           "carried from."))
    if target.exists():
        if not force:
            raise WorkshopFileError(target, tr("\u201c{name}\u201d already exists.", name=target.name))
        from fgd_app.core.workshop_file import Workshop, inspect_file

        inspect_file(target)  # --force replaces a workshop file only
        Workshop.open(target).close()  # ... that no window has open (FileInUseError)
    if not target.parent.is_dir():
        raise WorkshopFileError(target, tr("The folder \u201c{path}\u201d does not exist.", path=target.parent))


def carry_to_next_stage(source: str | os.PathLike, target: str | os.PathLike, *, force: bool = False) -> CarryReport:
    """Write the next stage's workshop file ``target`` from ``source``; return what was copied.

    Raise ``WorkshopFileError`` (damaged, newer, not a workshop file, target exists without ``force``),
    ``NoNextStageError`` (stage IV) or ``OutputError``; ``source`` is never changed.
    """
    from fgd_app.core.exchange.review import open_for_review

    source = Path(source).expanduser().absolute()
    target = Path(target).expanduser().absolute()
    review = open_for_review(source)  # refuses damaged, newer and foreign files with the usual messages
    try:
        src = review.store.conn
        workshop = src.execute("SELECT * FROM workshop").fetchone()
        names = [d[0] for d in src.execute("SELECT * FROM workshop LIMIT 0").description]
        workshop = dict(zip(names, workshop, strict=True))
        if workshop["bimtek_stage"] >= LAST_STAGE:
            raise NoNextStageError(tr("\u201c{name}\u201d is at stage IV, the last bimtek: there is no next stage.",
                                      name=source.name))
        _check_target(source, target, force)
        digest = file_sha256(source)
        report = CarryReport(source, target, workshop["bimtek_stage"], workshop["bimtek_stage"] + 1, new_id(),
                             workshop["id"], digest)
        with Staged(replace=force) as staged:
            tmp = staged.temporary(target, create=False)
            conn = sqlite3.connect(tmp, isolation_level=None)
            try:
                conn.execute("PRAGMA journal_mode = DELETE")
                migrations.apply_migrations(conn)
                conn.execute("BEGIN")
                _copy(src, conn, workshop, source, report)
                conn.execute("COMMIT")
                conn.execute("PRAGMA journal_mode = WAL")
            finally:
                conn.close()
            for companion in (Path(f"{target}-wal"), Path(f"{target}-shm")):
                companion.unlink(missing_ok=True)  # a stale WAL must never be replayed into the new file
            staged.commit()
    finally:
        review.close()
    return report


def _copy(src: sqlite3.Connection, out: sqlite3.Connection, workshop: dict, source: Path,
          report: CarryReport) -> None:
    """Copy the carried tables from ``src`` into the fresh file ``out`` (inside its open transaction)."""
    ref = known_schema.reference()
    stamp = now_iso()
    out.execute("PRAGMA defer_foreign_keys = ON")
    for table in reversed(ref.record_tables):  # the defaults the migrations wrote give way to the source's
        out.execute(f"DELETE FROM {_q(table.name)}")
    meta = {"application": APP_ID, "app_version": __version__, "schema_version": str(migrations.schema_version()),
            "region_code": workshop["region_code"], "created_at": stamp}
    out.executemany("INSERT INTO metadata (key, value) VALUES (?, ?)", meta.items())
    have = set(known_schema.introspect(src))
    for name in LEFT_OUT:
        if name in have:
            report.left_out[name] = src.execute(f"SELECT count(*) FROM {_q(name)}").fetchone()[0]
    ids: dict[str, str] = {workshop["id"]: report.workshop_id}  # old id -> new id, every carried table
    lineage: list[tuple] = []
    for table in copied_tables():
        columns = [c.name for c in table.columns if c.hidden == 0]
        refs = [(columns.index(fk.columns[0]), fk.table) for fk in table.foreign_keys
                if len(fk.columns) == 1 and fk.ref_columns == ("id",) and fk.columns[0] in columns]
        keyed = table.has_uuid_key
        id_at = columns.index("id") if keyed else -1
        rows = []
        for raw in src.execute(f"SELECT {', '.join(_q(c) for c in columns)} FROM {_q(table.name)}"):
            row = list(raw)
            old = row[id_at] if keyed else None
            if table.name == "workshop":
                row[id_at] = report.workshop_id
                values = dict(zip(columns, raw, strict=True))
                row[columns.index("bimtek_stage")] = report.stage
                row[columns.index("created_at")] = row[columns.index("updated_at")] = stamp
            elif keyed:
                row[id_at] = ids[old] = new_id()
                values = dict(zip(columns, raw, strict=True))
            for index, _parent in refs:
                if row[index] is not None:
                    row[index] = ids.get(row[index], row[index])
            rows.append(row)
            if keyed and table.name != "stage_history":
                lineage.append((table.name, row[id_at], workshop["id"], old, json.dumps(values, ensure_ascii=False)))
        if table.name == "stage_history":
            position = max((r[columns.index("position")] for r in rows), default=0) + 1
            rows.append([{"id": new_id(), "workshop_id": workshop["id"], "bimtek_stage": workshop["bimtek_stage"],
                          "file_name": source.name, "sha256": report.source_sha256, "carried_at": stamp,
                          "position": position}[c] for c in columns])
        out.executemany(f"INSERT INTO {_q(table.name)} ({', '.join(_q(c) for c in columns)}) "
                        f"VALUES ({', '.join('?' * len(columns))})", rows)
        report.copied[table.name] = len(rows)
    out.executemany("INSERT INTO carried_row (table_name, row_id, source_workshop_id, source_row_id, source_values) "
                    "VALUES (?, ?, ?, ?, ?)", lineage)
    report.copied["carried_row"] = len(lineage)
    problems = out.execute("PRAGMA foreign_key_check").fetchall()
    if problems:  # a row pointing at a table left out: never written silently
        raise FgdError(tr("The next stage could not be written: {count} copied rows point at records that were "
                          "not carried (first in {table}).", count=len(problems), table=problems[0][0]))
