"""Page analysis off the reactor: each fetched HTML page is analysed in a worker process.

:class:`PagePool` runs :func:`newscrawl.crawlpage.analyze_response` in ``NEWSCRAWL_WORKERS``
processes (0: in the crawl's own process), so extraction uses the machine's cores while the
reactor keeps downloading. A page that breaks analysis, or a worker that dies, gives an
:class:`~newscrawl.crawlpage.Analysis` with an error, never an exception.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import threading
import time
from concurrent.futures import CancelledError, Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool

from scrapy.utils.defer import maybe_deferred_to_future
from twisted.internet.defer import Deferred

from newscrawl.clock import utc_now
from newscrawl.crawlpage import Analysis, analyze_response
from newscrawl.frontier.sites import Site, SiteIndex

logger = logging.getLogger(__name__)

_SITES: SiteIndex | None = None


def _start_worker(sites: list[Site]) -> None:
    global _SITES
    leave_with_parent()
    _SITES = SiteIndex(sites)


def leave_with_parent() -> None:
    """In a worker process: exit when the process that started it is gone (``newscrawl
    import`` workers use it too). The parent's pid comes from the spawn data, not from
    ``getppid()``: a parent killed while this worker was still starting is noticed too."""
    parent = multiprocessing.parent_process()
    pid = parent.pid if parent is not None and parent.pid else os.getppid()
    threading.Thread(target=_exit_with_parent, args=(pid,), daemon=True).start()


def _exit_with_parent(parent: int) -> None:
    """Leave when the crawl that started this worker is gone (killed with SIGKILL, say):
    the pool's queues never tell an idle worker, so it would live on as an orphan."""
    while os.getppid() == parent:
        time.sleep(1.0)
    os._exit(0)


def _in_worker(body: bytes, url: str, content_type: str | None, key: str) -> Analysis:
    assert _SITES is not None
    return _guarded(body, url, content_type, key, _SITES)


def _guarded(
    body: bytes, url: str, content_type: str | None, key: str, sites: SiteIndex
) -> Analysis:
    """:func:`analyze_response`, with a failure turned into an :class:`Analysis` error."""
    site = sites.by_key(key)
    try:
        return analyze_response(body, url, content_type, site, sites, utc_now())
    except Exception as exc:  # one bad page must never stop the crawl
        logger.exception("analysis failed on %s", url)
        return Analysis(url, "error", "analysis failed", False, error=f"{type(exc).__name__}")


class PagePool:
    """Runs :func:`analyze_response` in worker processes (or inline with 0 workers)."""

    def __init__(self, sites: list[Site], workers: int):
        self.sites = sites
        self.index = SiteIndex(sites)
        self.workers = workers
        self.executor: ProcessPoolExecutor | None = None

    def _executor(self) -> ProcessPoolExecutor:
        if self.executor is None:
            self.executor = ProcessPoolExecutor(
                self.workers,
                mp_context=multiprocessing.get_context("spawn"),
                initializer=_start_worker,
                initargs=(self.sites,),
            )
        return self.executor

    async def analyze(self, body: bytes, url: str, content_type: str | None, key: str) -> Analysis:
        """The analysis of one page, computed off the reactor thread when workers are set."""
        if not self.workers:
            return _guarded(body, url, content_type, key, self.index)
        try:
            future = self._executor().submit(_in_worker, body, url, content_type, key)
            return await maybe_deferred_to_future(_deferred(future))
        except CancelledError:  # the crawl is closing
            return Analysis(url, "error", "crawl closing", False, error="cancelled")
        except BrokenProcessPool:  # a worker died (out of memory, a crash in a C library)
            self.close()
            logger.error("a page analysis worker died on %s; starting new workers", url)
            return Analysis(url, "error", "worker died", False, error="BrokenProcessPool")

    def close(self) -> None:
        """Stop the workers (pending analyses are cancelled)."""
        if self.executor is not None:
            self.executor.shutdown(wait=False, cancel_futures=True)
            self.executor = None


def _deferred(future: Future[Analysis]) -> Deferred[Analysis]:
    """A Deferred fired in the reactor thread when ``future`` is done."""
    from twisted.internet import reactor  # the reactor Scrapy installed

    deferred: Deferred[Analysis] = Deferred()

    def done(f: Future[Analysis]) -> None:
        exc = CancelledError() if f.cancelled() else f.exception()
        if exc is not None:
            reactor.callFromThread(deferred.errback, exc)
        else:
            reactor.callFromThread(deferred.callback, f.result())

    future.add_done_callback(done)
    return deferred
