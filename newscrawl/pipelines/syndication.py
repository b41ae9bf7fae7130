"""Detect wire copy and find the story an article belongs to (decisions; the store persists)."""

from __future__ import annotations

from typing import Any

from scrapy.crawler import Crawler

from newscrawl.pipelines.archive import archive_for
from newscrawl.store import Archive
from newscrawl.syndication.fingerprint import fingerprint
from newscrawl.syndication.grouping import best_match
from newscrawl.syndication.wire import detect_wire


class SyndicationPipeline:
    """Sets ``wire_source``, ``fingerprint`` and, for copies of a stored story, ``story_id``."""

    def __init__(self, archive: Archive, stats: Any, threshold: float = 0.5):
        self.archive = archive
        self.stats = stats
        self.threshold = threshold

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> SyndicationPipeline:
        return cls(
            archive_for(crawler),
            crawler.stats,
            crawler.settings.getfloat("NEWSCRAWL_SYNDICATION_THRESHOLD"),
        )

    def process_item(self, item: Any) -> Any:
        item["wire_source"] = item.get("wire_source") or detect_wire(
            item.get("byline"), item.get("body")
        )
        hashes = fingerprint(item.get("body") or "")
        item["fingerprint"] = hashes
        match = best_match(hashes, self.archive, self.threshold, exclude_url=item.get("url"))
        if match is not None and match.story_id is not None:
            item["story_id"] = match.story_id
            self.stats.inc_value("newscrawl/syndication/copies_matched")
        if item["wire_source"]:
            self.stats.inc_value("newscrawl/syndication/wire_copies")
        return item
