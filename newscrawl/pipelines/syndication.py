"""Detect wire copy: which agency, if any, an article comes from (the store groups stories)."""

from __future__ import annotations

from typing import Any

from itemadapter import ItemAdapter
from scrapy.crawler import Crawler

from newscrawl.syndication.wire import detect_wire


class SyndicationPipeline:
    """Sets ``wire_source`` unless the item already has one (an import may carry it)."""

    def __init__(self, stats: Any):
        self.stats = stats

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> SyndicationPipeline:
        return cls(crawler.stats)

    def process_item(self, item: Any) -> Any:
        adapter = ItemAdapter(item)
        if not adapter.get("wire_source"):
            adapter["wire_source"] = detect_wire(
                adapter.get("byline"),
                adapter.get("body"),
                links=[adapter.get("canonical_url")],
                site=adapter.get("site"),
            )
        if adapter["wire_source"]:
            self.stats.inc_value("newscrawl/syndication/wire_copies")
        return item
