"""The one Archive a crawl shares between its pipelines and the run log."""

from __future__ import annotations

from weakref import WeakKeyDictionary

from scrapy import signals
from scrapy.crawler import Crawler

from newscrawl.store import Archive

_OPEN: WeakKeyDictionary[Crawler, Archive] = WeakKeyDictionary()


def archive_for(crawler: Crawler) -> Archive:
    """The crawl's Archive at ``NEWSCRAWL_DB``, opened on first use, closed when the engine stops."""
    archive = _OPEN.get(crawler)
    if archive is None:
        settings = crawler.settings
        archive = Archive.open(
            settings.get("NEWSCRAWL_DB"),
            batch_size=settings.getint("NEWSCRAWL_BATCH_SIZE"),
            batch_seconds=settings.getfloat("NEWSCRAWL_BATCH_SECONDS"),
            syndication_threshold=settings.getfloat("NEWSCRAWL_SYNDICATION_THRESHOLD"),
        )
        _OPEN[crawler] = archive

        def close() -> None:
            _OPEN.pop(crawler, None)
            archive.close()

        crawler.signals.connect(close, signal=signals.engine_stopped, weak=False)
    return archive
