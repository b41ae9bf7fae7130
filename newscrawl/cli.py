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


def cmd_import(args: argparse.Namespace) -> int:
    """Load article records from a JSON-lines file through the crawl's pipelines."""
    from newscrawl.importer import run_import

    return run_import(
        args.file,
        args.db,
        batch_size=args.batch_size,
        quiet=args.quiet,
        workers=args.workers,
        cache_mb=args.cache_mb,
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
    p.set_defaults(handler=cmd_demo)

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
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``newscrawl`` command."""
    args = build_parser().parse_args(argv)
    handler: Handler = args.handler
    return handler(args)


if __name__ == "__main__":
    sys.exit(main())
