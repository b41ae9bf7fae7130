"""The ``newscrawl`` command: parser, and the one error boundary every subcommand runs inside.

A problem the user can fix prints one line on stderr (``newscrawl CMD: what; what to do``)
and exits 2; a run that failed exits 1; ``--debug`` shows the traceback instead.
"""

from __future__ import annotations

import argparse
import os
import sqlite3
import sys
import traceback
from collections.abc import Callable, Sequence
from importlib.metadata import PackageNotFoundError, version
from typing import NoReturn

from newscrawl.cli import analyst, archive, demo, pages
from newscrawl.cli.common import BAD_INPUT, FAILED, CommandError
from newscrawl.store.access import ArchiveError

Handler = Callable[[argparse.Namespace], int]
#: Exit status after Ctrl-C (128 + SIGINT), as shells report it.
INTERRUPTED = 130


class Parser(argparse.ArgumentParser):
    """argparse with usage errors on one line: ``newscrawl CMD: error: ...; see --help``."""

    def error(self, message: str) -> NoReturn:
        self.exit(BAD_INPUT, f"{self.prog}: {message} (see {self.prog} --help)\n")


def package_version() -> str:
    """The installed newscrawl version."""
    try:
        return version("newscrawl")
    except PackageNotFoundError:  # run from a source tree that was never installed
        return "unknown"


def build_parser() -> argparse.ArgumentParser:
    """The argument parser with every subcommand."""
    parser = Parser(prog="newscrawl", description=__doc__)
    parser.add_argument("--version", action="version", version=f"newscrawl {package_version()}")
    parser.add_argument("--debug", action="store_true", help="show tracebacks of errors")
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--debug", action="store_true", default=argparse.SUPPRESS, help="show tracebacks"
    )
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for group in (pages, demo, archive, analyst):
        group.register(sub, common)
    return parser


def _fail(command: str, message: str, status: int) -> int:
    sys.stderr.write(f"newscrawl {command}: {message}\n")
    return status


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``newscrawl`` command; its exit status."""
    args = build_parser().parse_args(argv)
    handler: Handler = args.handler
    if args.debug:
        return handler(args)
    try:
        return handler(args)
    except (CommandError, ArchiveError) as exc:
        return _fail(args.command, str(exc), getattr(exc, "status", BAD_INPUT))
    except sqlite3.DatabaseError as exc:
        db = getattr(args, "db", "the archive")
        if getattr(exc, "sqlite_errorcode", None) in (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED):
            return _fail(
                args.command,
                f"{db} is being written by another process (an import or a crawl): "
                "run again when it has finished",
                BAD_INPUT,
            )
        return _fail(
            args.command,
            f"{db}: database error ({exc}); check it with: sqlite3 {db} 'PRAGMA integrity_check'",
            BAD_INPUT,
        )
    except KeyboardInterrupt:
        return _fail(args.command, "interrupted", INTERRUPTED)
    except BrokenPipeError:  # output piped into `head` and the like: stop quietly
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return FAILED
    except Exception as exc:
        last = traceback.extract_tb(exc.__traceback__)[-1]
        where = f"{last.filename.rsplit('/', 1)[-1]}:{last.lineno}"
        return _fail(
            args.command,
            f"unexpected {type(exc).__name__} ({exc}) at {where}; "
            "run again with --debug for the traceback",
            FAILED,
        )
