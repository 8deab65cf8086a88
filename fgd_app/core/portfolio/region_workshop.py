"""One region's workshop out of a consolidated file, as a read-only ``Workshop`` for the usual pages.

A memory database gets this version's full workshop schema (migrations, so views, indexes and the search
index are there), the rows the migrations seed are cleared, and every consolidated table's rows of that
workshop are copied in (the provenance columns left out). The consolidated file is attached read-only;
nothing is written to it. The result is opened with ``query_only`` like a reviewed file.
"""

from __future__ import annotations

import sqlite3

from fgd_app import APP_ID, __version__
from fgd_app.core.portfolio.source import Portfolio, PortfolioError
from fgd_app.core.store import known_schema, migrations
from fgd_app.core.store.uri import sqlite_uri
from fgd_app.core.store.writer import _q
from fgd_app.core.workshop_file import Workshop
from fgd_app.i18n import roman, tr


def open_region(portfolio: Portfolio, workshop_id: str) -> Workshop:
    """Return the workshop ``workshop_id`` of the consolidated file, read-only, in memory."""
    identity = next((r.identity for r in portfolio.rows() if r.workshop_id == workshop_id), None)
    if identity is None:
        raise PortfolioError(tr("This region is not in the consolidated file."))
    conn = sqlite3.connect(":memory:", uri=True, isolation_level=None, check_same_thread=False)  # uri: to ATTACH one
    try:
        migrations.apply_migrations(conn)
        conn.execute("PRAGMA foreign_keys = OFF")
        conn.execute("ATTACH DATABASE ? AS cons", (sqlite_uri(portfolio.path, mode="ro", immutable="1"),))
        present = known_schema.introspect(conn, "cons")
        conn.execute("BEGIN")
        for table in reversed(known_schema.reference().record_tables):  # children first
            conn.execute(f"DELETE FROM main.{_q(table.name)}")
        for table in known_schema.reference().record_tables:
            if table.name not in present:
                continue
            have = set(present[table.name].column_names)
            columns = ", ".join(_q(c.name) for c in table.columns if c.hidden == 0 and c.name in have)
            conn.execute(f"INSERT INTO main.{_q(table.name)} ({columns}) SELECT {columns} FROM cons.{_q(table.name)} "
                         f"WHERE _workshop_id = ?", (workshop_id,))
        facts = {"application": APP_ID, "app_version": __version__, "schema_version": str(migrations.schema_version()),
                 "region_code": identity.region_code}
        conn.executemany("INSERT OR REPLACE INTO metadata (key, value) VALUES (?, ?)", facts.items())
        conn.execute("COMMIT")
        conn.execute("DETACH DATABASE cons")
        conn.execute("PRAGMA foreign_keys = ON")
        conn.execute("PRAGMA query_only = ON")
    except sqlite3.Error as error:
        conn.close()
        raise PortfolioError(tr("The workshop of {region} cannot be read from the consolidated file ({error}).",
                                region=identity.region_name, error=error)) from None
    reason = tr("{region}, stage {stage}, from the consolidated file \u201c{name}\u201d: read-only.",
                region=identity.region_name, stage=roman(identity.stage), name=portfolio.path.name)
    return Workshop(portfolio.path, conn, read_only=True, read_only_reason=reason)
