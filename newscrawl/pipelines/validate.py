"""Validate articles; drop the unusable ones with a recorded reason."""

from __future__ import annotations

from typing import Any

from scrapy.crawler import Crawler
from scrapy.exceptions import DropItem

from newscrawl.validation import validation_problem


class ValidatePipeline:
    """Drops articles without URL, headline or body text; counts each reason in the stats."""

    def __init__(self, stats: Any, min_body_chars: int = 200):
        self.stats = stats
        self.min_body_chars = min_body_chars

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> ValidatePipeline:
        return cls(crawler.stats, crawler.settings.getint("NEWSCRAWL_MIN_BODY_CHARS"))

    def process_item(self, item: Any) -> Any:
        problem = validation_problem(item, self.min_body_chars)
        if problem:
            self.stats.inc_value(f"newscrawl/dropped/{problem}")
            site = item.get("site")
            if site:
                self.stats.inc_value(f"newscrawl/site/{site}/dropped/{problem}")
            raise DropItem(f"{problem}: {item.get('url') or item.get('fetched_url')}")
        return item
