"""What every command group shares: the error a command raises, input checks, --db."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

#: Exit statuses of every command (README "Exit status").
OK, FAILED, BAD_INPUT = 0, 1, 2
DEFAULT_DB = "data/news.db"


class CommandError(Exception):
    """A problem the user can fix: printed as one line, the command exits with ``status``."""

    def __init__(self, message: str, status: int = BAD_INPUT):
        super().__init__(message)
        self.status = status


def add_db(parser: argparse.ArgumentParser, what: str = "archive") -> None:
    """The ``--db`` option."""
    parser.add_argument(
        "--db", default=DEFAULT_DB, type=Path, help=f"{what} (default: {DEFAULT_DB})"
    )


def check_input(path: str, what: str = "file") -> Path:
    """``path`` as a Path: CommandError when it is missing, a directory or empty."""
    file = Path(path)
    if file.is_dir():
        raise CommandError(f"{path} is a directory: pass a {what}")
    if not file.exists():
        raise CommandError(f"no such file: {path}")
    if file.stat().st_size == 0:
        raise CommandError(f"{path} is empty: pass a {what}")
    return file


def read_input(path: str, what: str = "file") -> bytes:
    """The bytes of ``path`` (- reads standard input); CommandError when there are none."""
    if path == "-":
        data = sys.stdin.buffer.read()
        if not data:
            raise CommandError(f"standard input is empty: pass a {what}")
        return data
    file = check_input(path, what)
    try:
        data = file.read_bytes()
    except OSError as exc:
        raise CommandError(f"cannot read {path}: {exc.strerror or exc}") from exc
    return data
