"""``scrapy crawl`` with checks before start-up and an exit status cron can act on.

Exit status 0: the run finished; 1: the run failed (interrupted, no site answered at all,
or the crawler broke while starting); 2: bad command line or input (a setting value, the
site list, the archive or log file), reported in one line before the crawler starts. A
run where only some sites failed exits 0: ``newscrawl report`` flags those sites.
``--debug`` shows tracebacks instead of one-line errors.
"""

from __future__ import annotations

import argparse
import asyncio
import sys
import traceback

from scrapy.commands.crawl import Command as ScrapyCrawlCommand
from scrapy.crawler import Crawler
from twisted.internet.defer import Deferred
from twisted.python.failure import Failure

from newscrawl.commands.preflight import PreflightError, preflight
from newscrawl.extensions.runlog import RUN_STATUS

FAILED, BAD_INPUT = 1, 2


def redis_problem(url: str | None) -> str | None:
    """Why a distributed worker cannot start (Redis unreachable, client missing), or None."""
    if not url:
        return None
    try:
        from newscrawl.distributed.connection import RedisUnavailable, connect
    except ImportError as exc:
        return f"NEWSCRAWL_REDIS_URL needs the redis extra: pip install 'newscrawl[redis]' ({exc})"
    try:
        connect(url).close()
    except RedisUnavailable as exc:
        return str(exc)
    return None


class Command(ScrapyCrawlCommand):
    """Scrapy's crawl command plus start-up checks and newscrawl's exit status."""

    def add_options(self, parser: argparse.ArgumentParser) -> None:
        super().add_options(parser)
        parser.add_argument(
            "--debug", action="store_true", help="show tracebacks instead of one-line errors"
        )

    def process_options(self, args: list[str], opts: argparse.Namespace) -> None:
        super().process_options(args, opts)
        if args != ["news"] or self.settings is None:
            return
        try:
            found = preflight(self.settings, opts.spargs)
        except PreflightError as exc:
            if opts.debug:
                raise
            sys.stderr.write(f"scrapy crawl news: {exc}\n")
            sys.exit(BAD_INPUT)
        for warning in found:
            sys.stderr.write(f"scrapy crawl news: {warning}\n")

    def run(self, args: list[str], opts: argparse.Namespace) -> None:
        if len(args) != 1 or self.crawler_process is None:
            super().run(args, opts)  # Scrapy's usage errors
            return
        settings = self.settings
        problem = redis_problem(settings.get("NEWSCRAWL_REDIS_URL") if settings else None)
        if problem:
            sys.stderr.write(f"scrapy crawl news: {problem}\n")
            self.exitcode = FAILED
            return
        crawler = self._create_crawler(args[0])
        errors: list[BaseException] = []
        _on_failure(self.crawler_process.crawl(crawler, **opts.spargs), errors)
        self.crawler_process.start()
        if errors:
            self.exitcode = FAILED
            _report_start_failure(args[0], errors[0], opts.debug)
        elif self.crawler_process.bootstrap_failed or _run_failed(crawler):
            self.exitcode = FAILED


def _on_failure(started: object, errors: list[BaseException]) -> None:
    """Collect the exception a crawl's start-up raised, so nothing else logs it."""
    if isinstance(started, Deferred):

        def errback(failure: Failure) -> None:
            if failure.value is not None:
                errors.append(failure.value)

        started.addErrback(errback)
    elif isinstance(started, asyncio.Task):

        def done(task: asyncio.Task[None]) -> None:
            exc = None if task.cancelled() else task.exception()
            if exc is not None:
                errors.append(exc)

        started.add_done_callback(done)


def _run_failed(crawler: Crawler) -> bool:
    """Whether the run log marked a run that did start as failed."""
    stats = crawler.stats
    return stats is not None and stats.get_value(RUN_STATUS) == "failed"


def _report_start_failure(spider: str, exc: BaseException, debug: bool) -> None:
    if debug:
        traceback.print_exception(exc)
        return
    sys.stderr.write(
        f"scrapy crawl {spider}: the crawl could not start: {type(exc).__name__}: {exc} "
        "(run again with --debug for the traceback)\n"
    )
