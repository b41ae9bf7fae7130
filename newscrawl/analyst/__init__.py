"""What analysts run on an archive: search, Datasette browsing, the HTML report."""

from __future__ import annotations

from pathlib import Path

from newscrawl.store import Archive


class NoArchive(FileNotFoundError):
    """The database file does not exist."""


def open_existing(path: Path) -> Archive:
    """Open an archive that must already exist, upgrading its schema in place if it is older."""
    if not path.is_file():
        raise NoArchive(f"no archive at {path} (crawl first, or pass --db)")
    return Archive.open(path)
