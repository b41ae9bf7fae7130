"""Commands that write an archive: ``init`` (create or upgrade), ``import`` and ``store``
(the writer of a distributed crawl).

Both refuse a file that is not a newscrawl archive (newscrawl.store.access.check_writable).
"""

from __future__ import annotations

import argparse
import sys

from newscrawl.cli.common import OK, CommandError, add_db
from newscrawl.store.access import check_writable


def cmd_init(args: argparse.Namespace) -> int:
    """Create the archive, or upgrade one made by an older newscrawl (never losing rows)."""
    from newscrawl.store import Archive

    check_writable(args.db)
    existed = args.db.exists() and args.db.stat().st_size > 0
    Archive.open(args.db).close()
    sys.stderr.write(f"{'Upgraded' if existed else 'Created'} archive {args.db}\n")
    return OK


def cmd_import(args: argparse.Namespace) -> int:
    """Load WARC files and JSON lines through the crawl's chain."""
    from newscrawl.imports.run import InputError, input_files, run_import

    try:
        input_files(args.files)
    except InputError as exc:
        raise CommandError(str(exc)) from exc
    check_writable(args.db)
    for name in ("batch_size", "cache_mb", "max_record_mb"):
        if getattr(args, name) < 1:
            raise CommandError(f"--{name.replace('_', '-')}: must be 1 or more")
    if args.workers is not None and args.workers < 0:
        raise CommandError("--workers: must be 0 or more")
    return run_import(
        args.files, str(args.db), batch_size=args.batch_size, quiet=args.quiet,
        workers=args.workers, cache_mb=args.cache_mb, site=args.site, since=args.since,
        until=args.until, lang=args.lang, max_record_mb=args.max_record_mb,
    )  # fmt: skip


def cmd_store(args: argparse.Namespace) -> int:
    """Store what the workers of a distributed crawl send: the one writer of the archive."""
    import logging

    from newscrawl.distributed.writer import store_command

    check_writable(args.db)
    if args.lease <= 0:
        raise CommandError("--lease: must be more than 0")
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(message)s")
    return store_command(
        args.redis, str(args.db), job=args.job, lease=args.lease, until_done=args.until_done
    )


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    """Add ``init``, ``import`` and ``store``."""
    p = sub.add_parser(
        "init",
        parents=[common],
        help="create an empty archive, or upgrade one made by an older newscrawl in place",
    )
    add_db(p)
    p.set_defaults(handler=cmd_init)
    _register_import(sub, common)
    _register_store(sub, common)


def _register_import(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    """Add ``import``."""
    p = sub.add_parser(
        "import",
        parents=[common],
        help="load web archives (WARC) and JSON lines through extraction, validation, "
        "syndication and store",
    )
    p.add_argument(
        "files", nargs="+", metavar="FILE|DIR|GLOB",
        help="WARC files (.warc, .warc.gz), JSON-lines files (- for stdin), directories or "
        "glob patterns; the format is read from the content",
    )  # fmt: skip
    add_db(p)
    p.add_argument("--site", help="only these sites: hosts (a,b) or a site list (TOML)")
    p.add_argument("--since", help="only articles published since DATE (ISO 8601)")
    p.add_argument("--until", help="only articles published before DATE (a day: through it)")
    p.add_argument("--lang", help="only articles in these languages (en,de)")
    p.add_argument(
        "--workers", type=int, default=None,
        help="processes that extract while this one stores (default: the cores; 0: none)",
    )  # fmt: skip
    p.add_argument(
        "--batch-size", type=int, default=5000, help="articles per transaction (default 5000)"
    )
    p.add_argument(
        "--max-record-mb", type=int, default=64,
        help="refuse WARC records larger than this, and bodies decoding past half of it",
    )  # fmt: skip
    p.add_argument(
        "--cache-mb", type=int, default=256, help="SQLite page cache in MB (default 256)"
    )
    p.add_argument("--quiet", action="store_true", help="no progress bar and no summary")
    p.set_defaults(handler=cmd_import)


def _register_store(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    """Add ``store``."""
    p = sub.add_parser(
        "store",
        parents=[common],
        help="the one writer of a distributed crawl: publish the archive's state to the "
        "workers and store what they send (README: Running on many machines)",
    )
    p.add_argument("--redis", required=True, help="redis://[:password@]host[:port]/db of the job")
    add_db(p)
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
