"""How far ``newscrawl import`` got in each input file (table ``import_files``, m460).

A file is known by its key (name, size and a digest of its first bytes, so a moved file is
still recognised). Progress is written in the same transaction as the articles it covers:
after a kill, the archive and its progress agree and the import resumes after ``last_offset``.
"""

from __future__ import annotations

import hashlib
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from newscrawl.clock import now_iso

_HEAD_BYTES = 1 << 16


def file_key(path: Path) -> str:
    """A file's identity: name, size and a digest of its first 64 KB."""
    size = path.stat().st_size
    with path.open("rb") as stream:
        head = stream.read(_HEAD_BYTES)
    digest = hashlib.sha256(head).hexdigest()[:24]
    return f"{path.name}:{size}:{digest}"


@dataclass
class FileProgress:
    """One input file: where to go on, and what it gave so far."""

    key: str
    path: str
    format: str
    size: int
    last_offset: int = -1  # where the last record handled starts (file offset)
    records: int = 0  # page records handled so far
    articles: int = 0  # articles stored so far
    skipped: int = 0  # records skipped (not HTML, broken, filtered, dropped)
    complete: bool = False


def load_progress(conn: sqlite3.Connection, key: str) -> FileProgress | None:
    """The stored progress of a file, or None when it was never imported."""
    row = conn.execute(
        "SELECT key, path, format, size, last_offset, records, articles, skipped, complete "
        "FROM import_files WHERE key = ?",
        [key],
    ).fetchone()
    if row is None:
        return None
    key, path, kind, size, last_offset, records, articles, skipped, complete = row
    return FileProgress(
        key, path, kind, size, last_offset, records, articles, skipped, bool(complete)
    )


def save_progress(conn: sqlite3.Connection, progress: FileProgress) -> None:
    """Record a file's progress (in the caller's open transaction)."""
    now = now_iso()
    conn.execute(
        "INSERT INTO import_files (key, path, format, size, last_offset, records, articles, "
        "skipped, complete, started, updated) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
        "ON CONFLICT(key) DO UPDATE SET path = excluded.path, last_offset = "
        "excluded.last_offset, records = excluded.records, articles = excluded.articles, "
        "skipped = excluded.skipped, complete = excluded.complete, updated = excluded.updated",
        [
            progress.key, progress.path, progress.format, progress.size, progress.last_offset,
            progress.records, progress.articles, progress.skipped, int(progress.complete), now,
            now,
        ],
    )  # fmt: skip
