"""Commands that write an archive: ``init`` (create or upgrade) and ``import``.

Both refuse a file that is not a newscrawl archive (newscrawl.store.access.check_writable).
"""

from __future__ import annotations

import argparse
import sys

from newscrawl.cli.common import OK, CommandError, add_db, check_input
from newscrawl.store.access import check_writable

#: How much of an import file is looked at to tell JSON lines from anything else.
SNIFF_BYTES = 4096


def cmd_init(args: argparse.Namespace) -> int:
    """Create the archive, or upgrade one made by an older newscrawl (never losing rows)."""
    from newscrawl.store import Archive

    check_writable(args.db)
    existed = args.db.exists() and args.db.stat().st_size > 0
    Archive.open(args.db).close()
    sys.stderr.write(f"{'Upgraded' if existed else 'Created'} archive {args.db}\n")
    return OK


def check_jsonl(path: str) -> None:
    """CommandError unless ``path`` (a file, or - for stdin) starts like JSON lines."""
    if path == "-":
        return
    with check_input(path, "JSON-lines file").open("rb") as handle:
        head = handle.read(SNIFF_BYTES)
    text = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    if b"\x00" in head or not text.startswith(b"{"):
        raise CommandError(
            f"{path} is not JSON lines (one JSON object per line, starting with '{{')"
        )


def cmd_import(args: argparse.Namespace) -> int:
    """Load article records from a JSON-lines file through the crawl's pipelines."""
    from newscrawl.imports.jsonl import run_import

    check_jsonl(args.file)
    check_writable(args.db)
    for name in ("batch_size", "cache_mb"):
        if getattr(args, name) < 1:
            raise CommandError(f"--{name.replace('_', '-')}: must be 1 or more")
    if args.workers < 0:
        raise CommandError("--workers: must be 0 or more")
    return run_import(
        args.file,
        str(args.db),
        batch_size=args.batch_size,
        quiet=args.quiet,
        workers=args.workers,
        cache_mb=args.cache_mb,
    )


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    """Add ``init`` and ``import``."""
    p = sub.add_parser(
        "init",
        parents=[common],
        help="create an empty archive, or upgrade one made by an older newscrawl in place",
    )
    add_db(p)
    p.set_defaults(handler=cmd_init)

    p = sub.add_parser(
        "import",
        parents=[common],
        help="load article records (JSON lines) through validate, syndication, store",
    )
    p.add_argument("file", help="JSON-lines file, one article object per line (- for stdin)")
    add_db(p)
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
