"""Detect wire copy and sign the body for story grouping (decisions; the store groups)."""

from __future__ import annotations

from typing import Any

from scrapy.crawler import Crawler

from newscrawl.syndication.signature import signature
from newscrawl.syndication.wire import detect_wire


class SyndicationPipeline:
    """Sets ``wire_source`` and ``fingerprint`` (the body's signature, used by the store)."""

    def __init__(self, stats: Any):
        self.stats = stats

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> SyndicationPipeline:
        return cls(crawler.stats)

    def process_item(self, item: Any) -> Any:
        if "wire_source" not in item:  # an importer may have decided already
            item["wire_source"] = detect_wire(
                item.get("byline"),
                item.get("body"),
                links=[item.get("canonical_url")],
                site=item.get("site"),
            )
        item["fingerprint"] = signature(item.get("body"))
        if item["wire_source"]:
            self.stats.inc_value("newscrawl/syndication/wire_copies")
        return item
