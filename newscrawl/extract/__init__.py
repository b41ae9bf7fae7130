"""Pure extraction (no Scrapy): HTML -> article fields, page kind and related links."""

from newscrawl.extract.article import FIELDS, Page, analyze_page, extract_article

__all__ = ["FIELDS", "Page", "analyze_page", "extract_article"]
