"""Make ``JOBDIR`` safe for scheduled runs: it only ever resumes a gracefully stopped run.

Scrapy's JOBDIR keeps the request queue, the fingerprints of requests seen and the
spider state. Reused after a *finished* run, the seen fingerprints would hide every page
from the next run; after a *killed* run (SIGKILL, a crash, a second Ctrl-C) its files may
be half written. So a marker file records how the last run using the JOBDIR ended, and at
the next start the JOBDIR is kept only after a graceful stop (``shutdown``: one Ctrl-C or
SIGTERM); otherwise it is cleared, and the archive, which knows every URL queued and
fetched, lets the run finish the work.
"""

from __future__ import annotations

import json
import logging
import shutil
from pathlib import Path

from scrapy import signals
from scrapy.crawler import Crawler
from scrapy.exceptions import NotConfigured
from scrapy.utils.job import job_dir

logger = logging.getLogger(__name__)

MARKER = "newscrawl-run.json"
RESUMABLE = "shutdown"  # Scrapy's finish reason after one Ctrl-C / SIGTERM
_SCRAPY_FILES = ("requests.queue", "requests.seen", "spider.state")


def previous_end(jobdir: Path) -> str | None:
    """How the last run using ``jobdir`` ended ('running': it was killed); None: never used."""
    try:
        return str(json.loads((jobdir / MARKER).read_text(encoding="utf-8"))["status"])
    except (OSError, ValueError, KeyError, TypeError):
        return None


def mark(jobdir: Path, status: str) -> None:
    """Record the state of the run using ``jobdir``."""
    jobdir.mkdir(parents=True, exist_ok=True)
    (jobdir / MARKER).write_text(json.dumps({"status": status}), encoding="utf-8")


def prepare(jobdir: Path) -> bool:
    """Clear ``jobdir`` unless it holds a gracefully stopped run; True when it is resumed."""
    previous = previous_end(jobdir)
    resumed = previous == RESUMABLE
    if previous is not None and not resumed:
        for name in _SCRAPY_FILES:
            path = jobdir / name
            if path.is_dir():
                shutil.rmtree(path)
            elif path.exists():
                path.unlink()
        why = "was killed" if previous == "running" else f"ended ({previous})"
        logger.info("JOBDIR %s: the last run %s; starting a new queue", jobdir, why)
    elif resumed:
        logger.info("JOBDIR %s: resuming the queue of a stopped run", jobdir)
    mark(jobdir, "running")
    return resumed


class JobdirGuard:
    """Extension: clears a stale JOBDIR at start and records how the run ended."""

    def __init__(self, jobdir: Path):
        self.jobdir = jobdir
        self.resumed = prepare(jobdir)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> JobdirGuard:
        path = job_dir(crawler.settings)
        if not path:
            raise NotConfigured
        guard = cls(Path(path))
        crawler.signals.connect(guard.spider_closed, signal=signals.spider_closed)
        return guard

    def spider_closed(self, reason: str) -> None:
        mark(self.jobdir, reason)
