"""Store articles in the SQLite archive: upsert by canonical URL, batched commits."""

from __future__ import annotations

from typing import Any

from scrapy.crawler import Crawler

from newscrawl.clock import utc_now
from newscrawl.extensions.shared import archive_for
from newscrawl.store import Archive
from newscrawl.store.pages import CrawlState


class StorePipeline:
    """Upserts each article (new / updated / unchanged) and records the outcome in the stats.

    An article crawled by the spider carries its page fetch, written in the same batch
    transaction: a run killed after the article was stored never fetches it again.
    """

    def __init__(self, archive: Archive, stats: Any):
        self.archive = archive
        self.stats = stats
        self.state = CrawlState(archive)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> StorePipeline:
        return cls(archive_for(crawler), crawler.stats)

    def process_item(self, item: Any) -> Any:
        fingerprint = item.pop("fingerprint", None)
        page_fetch = item.pop("page_fetch", None)
        saved = self.archive.save_article(dict(item), fingerprint, item.get("fetched_at"))
        if page_fetch is not None:
            self.state.record(page_fetch, utc_now())
        item["story_id"] = saved.story_id
        self.stats.inc_value(f"newscrawl/articles/{saved.status}")
        if item.get("site"):
            self.stats.inc_value(f"newscrawl/site/{item['site']}/articles/{saved.status}")
        self.archive.maybe_commit()
        return item

    def close_spider(self) -> None:
        self.archive.commit()
