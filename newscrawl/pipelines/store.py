"""Store articles in the SQLite archive: upsert by canonical URL, batched commits."""

from __future__ import annotations

from typing import Any

from scrapy.crawler import Crawler

from newscrawl.pipelines.archive import archive_for
from newscrawl.store import Archive


class StorePipeline:
    """Upserts each article (new / updated / unchanged) and records the outcome in the stats."""

    def __init__(self, archive: Archive, stats: Any):
        self.archive = archive
        self.stats = stats

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> StorePipeline:
        return cls(archive_for(crawler), crawler.stats)

    def process_item(self, item: Any) -> Any:
        fingerprint = item.pop("fingerprint", None)
        saved = self.archive.save_article(dict(item), fingerprint, item.get("fetched_at"))
        item["story_id"] = saved.story_id
        self.stats.inc_value(f"newscrawl/articles/{saved.status}")
        if item.get("site"):
            self.stats.inc_value(f"newscrawl/site/{item['site']}/articles/{saved.status}")
        self.archive.maybe_commit()
        return item

    def close_spider(self) -> None:
        self.archive.commit()
