"""Store articles in the SQLite archive: upsert by canonical URL, batched commits."""

from __future__ import annotations

from typing import Any

from itemadapter import ItemAdapter
from scrapy.crawler import Crawler

from newscrawl.extensions.shared import archive_for
from newscrawl.store import Archive
from newscrawl.store.archive import Prepared


class StorePipeline:
    """Upserts each article (new / updated / unchanged), places it in its story, sets its
    ``story_id`` and counts the outcome in the stats."""

    def __init__(self, archive: Archive, stats: Any):
        self.archive = archive
        self.stats = stats

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> StorePipeline:
        return cls(archive_for(crawler), crawler.stats)

    def process_item(self, item: Any, prepared: Prepared | None = None) -> Any:
        """Store the item (``prepared``: its row and signature, when an import worker made
        them)."""
        adapter = ItemAdapter(item)
        saved = self.archive.save_article(adapter, adapter.get("fetched_at"), prepared)
        adapter["story_id"] = saved.story_id
        self.stats.inc_value(f"newscrawl/articles/{saved.status}")
        if adapter.get("site"):
            self.stats.inc_value(f"newscrawl/site/{adapter['site']}/articles/{saved.status}")
        self.archive.maybe_commit()
        return item

    def close_spider(self) -> None:
        self.archive.commit()
