"""Which file may be opened as an archive, and how: read-only for readers, checked for writers.

Readers (search, report, changes, browse) open an existing archive read-only and never
create, upgrade or repair one. Writers (a crawl, an import, ``newscrawl init``) create a
missing archive or upgrade a newscrawl archive, and refuse any other file: a directory,
a file that is not SQLite, or a SQLite database of another program.
"""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

from sqlite_utils import Database

from newscrawl.store.schema import migrations

SQLITE_MAGIC = b"SQLite format 3\x00"
#: How long a connection waits for another writer's transaction before giving up.
BUSY_TIMEOUT_MS = 10_000


class ArchiveError(Exception):
    """The file cannot be used as an archive; the message says why and what to do."""


def _header(path: Path) -> bytes:
    """The first bytes of ``path`` (ArchiveError when it cannot be read)."""
    try:
        with path.open("rb") as handle:
            return handle.read(len(SQLITE_MAGIC))
    except OSError as exc:
        raise ArchiveError(f"cannot read {path}: {exc.strerror or exc}") from exc


def _check_file(path: Path) -> bool:
    """True when ``path`` is an empty file; ArchiveError when it is no SQLite file at all."""
    if path.is_dir():
        raise ArchiveError(f"{path} is a directory, not an archive file: pass a file with --db")
    head = _header(path)
    if not head:
        return True
    if head != SQLITE_MAGIC:
        raise ArchiveError(f"{path} is not a SQLite database: pass a newscrawl archive with --db")
    return False


def _tables(conn: sqlite3.Connection, path: Path) -> set[str]:
    try:
        return {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    except sqlite3.DatabaseError as exc:
        raise ArchiveError(f"{path} is damaged or not a database ({exc})") from exc


def _applied(conn: sqlite3.Connection, path: Path) -> list[str] | None:
    """Names of the newscrawl migrations applied to the database, None when it has none."""
    if "_sqlite_migrations" not in _tables(conn, path):
        return None
    try:
        rows = conn.execute(
            "SELECT name FROM _sqlite_migrations WHERE migration_set = ?", [migrations.name]
        ).fetchall()
    except sqlite3.DatabaseError as exc:
        raise ArchiveError(f"{path} is damaged or not a newscrawl archive ({exc})") from exc
    return [r[0] for r in rows] or None


def _not_ours(path: Path) -> ArchiveError:
    return ArchiveError(
        f"{path} is a SQLite database of another program, not a newscrawl archive: "
        "pass another --db"
    )


def _connect(path: Path) -> sqlite3.Connection:
    """A read-only connection that leaves no file behind.

    While a writer has the archive open its ``-wal`` file exists and the connection shares
    it; otherwise nothing writes the file, and it is opened immutable, so that SQLite
    creates no ``-wal``/``-shm`` side files next to it (a read-only connection cannot remove
    them again).
    """
    uri = f"{path.resolve().as_uri()}?mode=ro"
    if not path.with_name(path.name + "-wal").exists():
        uri += "&immutable=1"
    return sqlite3.connect(uri, uri=True)


def open_readonly(path: Path) -> sqlite3.Connection:
    """A read-only connection to the newscrawl archive at ``path`` at the current schema."""
    if not path.exists():
        raise ArchiveError(f"no archive at {path}: crawl first (make demo), or pass --db")
    if _check_file(path):
        raise ArchiveError(f"{path} is empty, not a newscrawl archive: pass another --db")
    conn = _connect(path)
    try:
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        applied = _applied(conn, path)
        if applied is None:
            raise _not_ours(path)
        if migrations.pending(Database(conn)):
            raise ArchiveError(
                f"{path} was made by an older newscrawl: upgrade it in place with "
                f"`newscrawl init --db {path}` (keeps every row)"
            )
    except BaseException:
        conn.close()
        raise
    return conn


def check_writable(path: Path) -> None:
    """Raise ArchiveError unless a writer may create or upgrade an archive at ``path``."""
    if not path.exists():
        parent = next((p for p in path.absolute().parents if p.exists()), None)
        if parent is None or not parent.is_dir() or not os.access(parent, os.W_OK | os.X_OK):
            raise ArchiveError(f"cannot create {path}: {parent} is not a writable directory")
        return
    if _check_file(path):
        return
    if not os.access(path, os.W_OK):
        raise ArchiveError(f"{path} is read-only: make it writable or pass another --db")
    conn = _connect(path)
    try:
        if _applied(conn, path) is None and _tables(conn, path):
            raise _not_ours(path)
    finally:
        conn.close()
