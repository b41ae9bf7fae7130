"""``newscrawl demo``: crawl the bundled demo network, or only serve it (``--serve``)."""

from __future__ import annotations

import argparse
from pathlib import Path

from newscrawl.cli.common import add_db
from newscrawl.store.access import check_writable


def cmd_demo(args: argparse.Namespace) -> int:
    """Crawl the bundled demo network offline and print what the run added."""
    from newscrawl.demo.run import DEFAULT_NETWORK, DEMO_PORT, run_demo, serve_demo

    network = Path(args.network or DEFAULT_NETWORK)
    port = DEMO_PORT if args.port is None else args.port
    if args.serve:
        return serve_demo(network, port)
    check_writable(args.db)
    return run_demo(args.db, network, port=port)


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    """Add ``demo``."""
    p = sub.add_parser(
        "demo", parents=[common], help="crawl the bundled demo network (offline) into SQLite"
    )
    add_db(p)
    p.add_argument("--network", help="demo network file (default: data/demo/network.toml)")
    p.add_argument(
        "--port",
        type=int,
        help="port of the demo sites (default 8642: the same URLs every run; 0: any free port)",
    )
    p.add_argument(
        "--serve",
        action="store_true",
        help="only serve the demo sites until Ctrl-C (crawl them yourself with scrapy crawl)",
    )
    p.set_defaults(handler=cmd_demo)
