"""Read-only commands over an archive: search, report, changes, browse.

None of them creates, upgrades or writes a database (newscrawl.store.access.open_readonly).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from newscrawl.cli.common import FAILED, OK, CommandError, add_db
from newscrawl.store.access import open_readonly


def cmd_search(args: argparse.Namespace) -> int:
    """Print the best full-text matches with snippets."""
    from newscrawl.analyst.search import run_search

    return run_search(
        args.db, args.query, site=args.site, since=args.since, limit=args.limit,
        raw=args.raw, rank_all=args.all,
    )  # fmt: skip


def cmd_changes(args: argparse.Namespace) -> int:
    """Print the changes detected in re-fetched articles as readable diffs."""
    from newscrawl.analyst.changes import write_changes
    from newscrawl.clock import utc_iso
    from newscrawl.store.versions import list_changes

    since = utc_iso(args.since) if args.since else None
    if args.since and since is None:
        raise CommandError(f"--since: not a date: {args.since!r} (e.g. 2024-05-01)")
    conn = open_readonly(args.db)
    try:
        write_changes(list_changes(conn, since, args.site), sys.stdout)
    finally:
        conn.close()
    return OK


def cmd_report(args: argparse.Namespace) -> int:
    """Per-site health over recent runs (exit 1 when a problem is flagged); ``--html``
    writes a page of charts instead."""
    if args.runs < 1:
        raise CommandError(f"--runs: must be 1 or more, not {args.runs}")
    if args.html:
        from newscrawl.analyst.report_html import write_report as write_html_report

        return write_html_report(args.db, args.html)
    from newscrawl.analyst.health import write_report

    conn = open_readonly(args.db)
    try:
        flagged = write_report(conn, sys.stdout, args.runs)
    finally:
        conn.close()
    return FAILED if flagged else OK


def cmd_browse(args: argparse.Namespace) -> int:
    """Serve the archive with Datasette."""
    from newscrawl.analyst.browse import run_browse

    return run_browse(args.db, args.host, args.port, args.open)


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    """Add search, report, changes and browse."""
    p = sub.add_parser("search", parents=[common], help="full-text search over the archive")
    p.add_argument("query", help='words, "a phrase", prefix*, and OR / NOT between words')
    p.add_argument("--site", help="only this site (site key such as example.com, or its name)")
    p.add_argument(
        "--since",
        help="only articles published since this ISO 8601 date or time, e.g. 2024-05-01 "
        "(UTC unless it has an offset)",
    )
    p.add_argument("--limit", type=int, default=20, help="hits to print (default: 20)")
    p.add_argument("--raw", action="store_true", help="pass QUERY to SQLite FTS5 unchanged")
    p.add_argument("--all", action="store_true", help="rank every match (slower on huge results)")
    add_db(p)
    p.set_defaults(handler=cmd_search)

    p = sub.add_parser(
        "report",
        parents=[common],
        help="per-site health over recent runs (exit status 1 when a problem is flagged), "
        "or with --html a page of charts",
    )
    p.add_argument("--runs", type=int, default=10, help="runs to show (default: 10)")
    p.add_argument("--html", metavar="OUT.html", type=Path, help="write a page of charts")
    add_db(p)
    p.set_defaults(handler=cmd_report)

    p = sub.add_parser(
        "changes", parents=[common], help="changes detected in re-fetched articles, as diffs"
    )
    p.add_argument("--since", help="only changes detected since DATE (ISO 8601; UTC if no offset)")
    p.add_argument("--site", help="only this site (site key such as example.com, or its name)")
    add_db(p)
    p.set_defaults(handler=cmd_changes)

    p = sub.add_parser(
        "browse",
        parents=[common],
        help="explore the archive in Datasette (pip install 'newscrawl[analyst]')",
    )
    add_db(p)
    p.add_argument("--host", default="127.0.0.1", help="address to listen on (default: 127.0.0.1)")
    p.add_argument("--port", type=int, default=8001, help="port (default: 8001)")
    p.add_argument("--open", action="store_true", help="open a web browser")
    p.set_defaults(handler=cmd_browse)
