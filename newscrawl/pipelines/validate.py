"""Validate articles; drop the unusable ones with a recorded reason."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from itemadapter import ItemAdapter
from scrapy.crawler import Crawler
from scrapy.exceptions import DropItem


def validation_problem(article: Mapping[str, Any], min_body_chars: int) -> str | None:
    """The reason to drop an article ('no_url', 'empty_body', ...), or None when it is fine."""
    url = article.get("url")
    if not url or not str(url).startswith(("http://", "https://")):
        return "no_url"
    body = article.get("body") or ""
    if not body.strip():
        return "empty_body"
    if len(body) < min_body_chars:
        return "body_too_short"
    if not (article.get("headline") or "").strip():
        return "no_headline"
    return None


class ValidatePipeline:
    """Drops articles without URL, headline or body text; counts each reason in the stats."""

    def __init__(self, stats: Any, min_body_chars: int = 200):
        self.stats = stats
        self.min_body_chars = min_body_chars

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> ValidatePipeline:
        return cls(crawler.stats, crawler.settings.getint("NEWSCRAWL_MIN_BODY_CHARS"))

    def process_item(self, item: Any) -> Any:
        adapter = ItemAdapter(item)
        problem = validation_problem(adapter, self.min_body_chars)
        if problem:
            self.stats.inc_value(f"newscrawl/dropped/{problem}")
            site = adapter.get("site")
            if site:
                self.stats.inc_value(f"newscrawl/site/{site}/dropped/{problem}")
            raise DropItem(f"{problem}: {adapter.get('url') or adapter.get('fetched_url')}")
        return item
