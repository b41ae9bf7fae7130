"""``scrapy crawl`` that exits non-zero when the run failed, so cron notices.

Exit status 1: the crawl could not start (bad site list or settings, unusable archive)
or the run log marked the run failed (interrupted, or no site answered at all); 2: bad
command line (Scrapy's usage errors). A run where only some sites failed exits 0:
``newscrawl report`` flags those sites.
"""

from __future__ import annotations

import argparse
import sys

from scrapy.commands.crawl import Command as ScrapyCrawlCommand

from newscrawl.extensions.runlog import RUN_STATUS


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
    """Scrapy's crawl command plus newscrawl's exit status."""

    def run(self, args: list[str], opts: argparse.Namespace) -> None:
        if len(args) != 1 or self.crawler_process is None:
            super().run(args, opts)  # Scrapy's usage errors
            return
        settings = self.settings
        problem = redis_problem(settings.get("NEWSCRAWL_REDIS_URL") if settings else None)
        if problem:
            sys.stderr.write(f"scrapy crawl: {problem}\n")
            self.exitcode = 1
            return
        crawler = self._create_crawler(args[0])
        self.crawler_process.crawl(crawler, **opts.spargs)
        self.crawler_process.start()
        stats = crawler.stats
        failed = stats is not None and stats.get_value(RUN_STATUS) == "failed"
        if self.crawler_process.bootstrap_failed or failed:
            self.exitcode = 1
