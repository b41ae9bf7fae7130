"""The ``newscrawl`` command: one subcommand per task (extract, demo, ...)."""

from __future__ import annotations

import argparse
import gzip
import json
import sqlite3
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

Handler = Callable[[argparse.Namespace], int]


def cmd_extract(args: argparse.Namespace) -> int:
    """Print the fields extracted from a saved page as JSON."""
    from newscrawl.extract import analyze_page
    from newscrawl.extract.parse import decode_html

    data = sys.stdin.buffer.read() if args.page == "-" else Path(args.page).read_bytes()
    if data[:2] == b"\x1f\x8b":  # a page saved gzip-compressed (page.html.gz)
        try:
            data = gzip.decompress(data)
        except (OSError, EOFError) as exc:
            sys.stderr.write(f"newscrawl extract: {args.page}: not a readable gzip file ({exc})\n")
            return 1
    url = args.url or (
        Path(args.page).resolve().as_uri() if args.page != "-" else "http://localhost/"
    )
    page = analyze_page(decode_html(data), url)
    out = {"kind": page.kind.kind, "kind_reason": page.kind.reason, **page.fields}
    if args.links:
        out["related_links"] = page.related_links
    json.dump(out, sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")
    return 0


def cmd_demo(args: argparse.Namespace) -> int:
    """Crawl the bundled demo network offline and print a summary."""
    from newscrawl.demo.run import DEFAULT_NETWORK, DEMO_PORT, run_demo

    port = DEMO_PORT if args.port is None else args.port
    return run_demo(Path(args.db), Path(args.network or DEFAULT_NETWORK), port=port)


def _open_archive(path: str) -> sqlite3.Connection | None:
    """The archive at ``path`` (upgraded to the current schema), or None when missing."""
    if not Path(path).is_file():
        sys.stderr.write(f"newscrawl: no archive at {path}\n")
        return None
    from newscrawl.store import Archive

    return Archive.open(path).conn


def cmd_changes(args: argparse.Namespace) -> int:
    """Print the changes detected in re-fetched articles as readable diffs."""
    from newscrawl.analyst.changes import write_changes
    from newscrawl.clock import utc_iso
    from newscrawl.store.versions import list_changes

    since = utc_iso(args.since) if args.since else None
    if args.since and since is None:
        sys.stderr.write(f"newscrawl changes: not a date: {args.since}\n")
        return 2
    conn = _open_archive(args.db)
    if conn is None:
        return 2
    try:
        write_changes(list_changes(conn, since, args.site), sys.stdout)
    finally:
        conn.close()
    return 0


def cmd_search(args: argparse.Namespace) -> int:
    """Print the best full-text matches with snippets."""
    from newscrawl.analyst.search import run_search

    return run_search(
        Path(args.db), args.query, site=args.site, since=args.since, limit=args.limit,
        raw=args.raw, rank_all=args.all,
    )  # fmt: skip


def cmd_browse(args: argparse.Namespace) -> int:
    """Serve the archive with Datasette."""
    from newscrawl.analyst.browse import run_browse

    return run_browse(Path(args.db), args.host, args.port, args.open)


def cmd_report(args: argparse.Namespace) -> int:
    """Per-site health over recent runs (exit 1 when a problem is flagged); ``--html``
    writes a page of charts instead."""
    if args.html:
        from newscrawl.analyst.report_html import write_report as write_html_report

        return write_html_report(Path(args.db), Path(args.html))
    from newscrawl.analyst.health import write_report

    conn = _open_archive(args.db)
    if conn is None:
        return 2
    try:
        flagged = write_report(conn, sys.stdout, args.runs)
    finally:
        conn.close()
    return 1 if flagged else 0


def cmd_import(args: argparse.Namespace) -> int:
    """Load article records from a JSON-lines file through the crawl's pipelines."""
    from newscrawl.imports.jsonl import run_import

    return run_import(
        args.file,
        args.db,
        batch_size=args.batch_size,
        quiet=args.quiet,
        workers=args.workers,
        cache_mb=args.cache_mb,
    )


def cmd_store(args: argparse.Namespace) -> int:
    """Store what the workers of a distributed crawl send (the one writer of the archive)."""
    import logging

    from newscrawl.distributed.writer import store_command

    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(message)s")
    return store_command(
        args.redis, args.db, job=args.job, lease=args.lease, until_done=args.until_done
    )


def build_parser() -> argparse.ArgumentParser:
    """The argument parser with every subcommand."""
    parser = argparse.ArgumentParser(prog="newscrawl", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("extract", help="extract article fields from a saved HTML page")
    p.add_argument("page", help="path of an HTML file, or - for standard input")
    p.add_argument("--url", help="the page's URL (for canonical URL, URL dates and site name)")
    p.add_argument("--links", action="store_true", help="also list related-story links")
    p.set_defaults(handler=cmd_extract)

    p = sub.add_parser("demo", help="crawl the bundled demo network (offline) into SQLite")
    p.add_argument("--db", default="data/news.db", help="SQLite file (default: data/news.db)")
    p.add_argument("--network", help="demo network file (default: data/demo/network.toml)")
    p.add_argument(
        "--port",
        type=int,
        help="port of the demo sites (default 8642: the same URLs every run; 0: any free port)",
    )
    p.set_defaults(handler=cmd_demo)

    p = sub.add_parser("changes", help="list changes detected in re-fetched articles, as diffs")
    p.add_argument("--since", help="only changes detected since DATE (ISO 8601; UTC if no offset)")
    p.add_argument("--site", help="only this site (site key such as example.com, or its name)")
    p.add_argument("--db", default="data/news.db", help="SQLite file (default: data/news.db)")
    p.set_defaults(handler=cmd_changes)

    p = sub.add_parser("search", help="full-text search over headlines and bodies")
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
    p.add_argument("--db", default="data/news.db", help="SQLite file (default: data/news.db)")
    p.set_defaults(handler=cmd_search)

    p = sub.add_parser(
        "browse", help="explore the archive in Datasette (pip install 'newscrawl[analyst]')"
    )
    p.add_argument("--db", default="data/news.db", help="SQLite file (default: data/news.db)")
    p.add_argument("--host", default="127.0.0.1", help="address to listen on (default: 127.0.0.1)")
    p.add_argument("--port", type=int, default=8001, help="port (default: 8001)")
    p.add_argument("--open", action="store_true", help="open a web browser")
    p.set_defaults(handler=cmd_browse)

    p = sub.add_parser(
        "report",
        help="per-site health over recent runs (exit status 1 when a problem is flagged), "
        "or with --html a page of charts",
    )
    p.add_argument("--runs", type=int, default=10, help="runs to show (default: 10)")
    p.add_argument("--html", metavar="OUT.html", help="write a page of charts to OUT.html")
    p.add_argument("--db", default="data/news.db", help="SQLite file (default: data/news.db)")
    p.set_defaults(handler=cmd_report)

    p = sub.add_parser(
        "import", help="load article records (JSON lines) through validate, syndication, store"
    )
    p.add_argument("file", help="JSON-lines file, one article object per line (- for stdin)")
    p.add_argument("--db", default="data/news.db", help="SQLite file (default: data/news.db)")
    p.add_argument(
        "--batch-size", type=int, default=1000, help="articles per transaction (default 1000)"
    )
    p.add_argument(
        "--workers",
        type=int,
        default=1,
        help="processes that parse, clean and sign records while this one stores (0: none)",
    )
    p.add_argument(
        "--cache-mb", type=int, default=256, help="SQLite page cache in MB (default 256)"
    )
    p.add_argument("--quiet", action="store_true", help="no progress bar and no summary")
    p.set_defaults(handler=cmd_import)

    p = sub.add_parser(
        "store", help="the one writer of a distributed crawl: store what its workers send"
    )
    p.add_argument("--redis", required=True, help="redis://[:password@]host[:port]/db of the job")
    p.add_argument("--db", default="data/news.db", help="SQLite file (default: data/news.db)")
    p.add_argument("--job", default="news", help="NEWSCRAWL_REDIS_JOB of the workers (news)")
    p.add_argument(
        "--lease", type=float, default=60.0, help="NEWSCRAWL_REDIS_LEASE of the workers (60)"
    )
    p.add_argument(
        "--until-done",
        action="store_true",
        help="leave once a run's workers have all finished and everything is stored",
    )
    p.set_defaults(handler=cmd_store)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``newscrawl`` command."""
    args = build_parser().parse_args(argv)
    handler: Handler = args.handler
    return handler(args)


if __name__ == "__main__":
    sys.exit(main())
