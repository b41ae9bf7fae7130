"""The Article item: one cleaned news article, as stored in the ``articles`` table."""

from __future__ import annotations

import scrapy

#: Fields written to feed exports (``-O items.jsonl``) in this order.
EXPORT_FIELDS = [
    "url", "site", "site_name", "headline", "byline", "authors", "published", "modified",
    "body", "description", "language", "section", "tags", "image", "wire_source",
    "story_id", "fetched_url", "fetched_at", "http_status",
]  # fmt: skip


class Article(scrapy.Item):
    """A news article. ``fingerprint`` and ``page_fetch`` are internal and not exported."""

    url = scrapy.Field()  # canonical URL, tracking parameters removed
    canonical_url = scrapy.Field()
    site = scrapy.Field()  # site key: the host without "www."
    site_name = scrapy.Field()
    headline = scrapy.Field()
    byline = scrapy.Field()
    authors = scrapy.Field()  # list of person names
    published = scrapy.Field()  # ISO 8601 as printed by the publisher
    modified = scrapy.Field()
    body = scrapy.Field()  # paragraphs separated by a blank line
    description = scrapy.Field()
    language = scrapy.Field()
    section = scrapy.Field()
    tags = scrapy.Field()
    image = scrapy.Field()
    wire_source = scrapy.Field()  # "AP", "Reuters", ... or None (set by the syndication pipeline)
    story_id = scrapy.Field()  # set by the syndication pipeline when the story is known
    fingerprint = scrapy.Field()  # sampled shingle hashes of the body (internal)
    page_fetch = scrapy.Field()  # the fetch to record with the article (internal, spider -> store)
    fetched_url = scrapy.Field()  # the URL actually fetched (after redirects)
    fetched_at = scrapy.Field()
    http_status = scrapy.Field()
