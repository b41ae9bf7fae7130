"""The ``newscrawl`` command: one subcommand per task (extract, demo, ...)."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

Handler = Callable[[argparse.Namespace], int]


def cmd_extract(args: argparse.Namespace) -> int:
    """Print the fields extracted from a saved page as JSON."""
    from newscrawl.extract import analyze_page
    from newscrawl.extract.document import decode_html

    data = sys.stdin.buffer.read() if args.page == "-" else Path(args.page).read_bytes()
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
    from newscrawl.demo.run import DEFAULT_NETWORK, run_demo

    return run_demo(Path(args.db), Path(args.network or DEFAULT_NETWORK))


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
    """Report on the archive (``--html``: a page of charts)."""
    if args.html:
        from newscrawl.analyst.report_html import write_report

        return write_report(Path(args.db), Path(args.html))
    sys.stderr.write("newscrawl report: give --html OUT.html\n")
    return 2


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
    p.set_defaults(handler=cmd_demo)

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

    p = sub.add_parser("report", help="report on the archive")
    p.add_argument("--html", metavar="OUT.html", help="write a page of charts to OUT.html")
    p.add_argument("--db", default="data/news.db", help="SQLite file (default: data/news.db)")
    p.set_defaults(handler=cmd_report)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``newscrawl`` command."""
    args = build_parser().parse_args(argv)
    handler: Handler = args.handler
    return handler(args)


if __name__ == "__main__":
    sys.exit(main())
