"""Make the broken and foreign files the app must refuse (used by test_open_files and test_check)."""

from __future__ import annotations

import hashlib
import random
import sqlite3
from pathlib import Path

import pytest

from fgd_app.core import Workshop


def fingerprint(path: Path) -> tuple[str, int]:
    """Return (sha256 of the bytes, mtime in ns): both must survive every refused open."""
    return hashlib.sha256(path.read_bytes()).hexdigest(), path.stat().st_mtime_ns


def fill(path: Path, participants: int = 200) -> None:
    """Add enough participants to spread the table over several pages, then close the file."""
    ws = Workshop.open(path)
    for n in range(participants):
        ws.participants.add(name=f"Peserta {n:03d}", position="Staf Bidang Aplikasi Informatika " * 3)
    ws.close()


def corrupt_middle_of_a_page(path: Path, table: str = "participant") -> int:
    """Overwrite 512 bytes in the middle of a leaf page that holds rows of ``table``; return the page."""
    conn = sqlite3.connect(path)
    try:
        page_size = conn.execute("PRAGMA page_size").fetchone()[0]
        pages = [r[0] for r in conn.execute(
            "SELECT pageno FROM dbstat WHERE name = ? AND pagetype = 'leaf' ORDER BY pageno", (table,))]
    except sqlite3.OperationalError:
        pytest.skip("this SQLite has no dbstat table")
    finally:
        conn.close()
    page = pages[len(pages) // 2]
    with open(path, "r+b") as handle:
        handle.seek((page - 1) * page_size + page_size // 2 - 256)
        handle.write(random.Random(page).randbytes(512))
    return page


def truncate(path: Path) -> None:
    """Cut a workshop file to 40 % of its size (as a copy interrupted on a USB stick would)."""
    data = path.read_bytes()
    path.write_bytes(data[: len(data) * 2 // 5])


def other_programs_database(path: Path) -> None:
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE contacts (id INTEGER PRIMARY KEY, name TEXT, phone TEXT)")
    conn.execute("INSERT INTO contacts (name, phone) VALUES ('Ahmad', '0812')")
    conn.commit()
    conn.close()


def make_newer(path: Path) -> None:
    """Record a schema step this build does not know, as a newer version of the app would."""
    conn = sqlite3.connect(path)
    conn.execute("INSERT INTO _sqlite_migrations (migration_set, name, applied_at) "
                 "VALUES ('fgd_app', '9999_from_the_future', '2030-01-01T00:00:00')")
    conn.execute("UPDATE metadata SET value = '9.0.0' WHERE key = 'app_version'")
    conn.commit()
    conn.close()
