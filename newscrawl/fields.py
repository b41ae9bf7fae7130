"""The article's fields, declared once (pure: no Scrapy, no SQL).

The ``Article`` item, the feed-export field list, the fields extraction fills and the
``articles`` columns an upsert writes are all derived from :data:`ARTICLE_FIELDS`.
Migrations are the exception: they keep the DDL as it was written when they were applied.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Kind = Literal["text", "list", "date", "int", "float"]


@dataclass(frozen=True)
class ArticleField:
    """One field of an article: its value kind and where it comes from and goes."""

    name: str
    kind: Kind
    doc: str
    extracted: bool = False  # filled from the page by newscrawl.extract
    column: bool = True  # a column of ``articles`` written by the store
    export: bool = True  # written to feed exports (``-O items.jsonl``)


ARTICLE_FIELDS: tuple[ArticleField, ...] = (
    ArticleField("url", "text", "canonical URL, tracking parameters removed", extracted=True),
    ArticleField(
        "canonical_url",
        "text",
        "the URL the page declares as canonical (before scope checks)",
        extracted=True,
        column=False,
        export=False,
    ),
    ArticleField("site", "text", "site key: the host without 'www.'"),
    ArticleField("site_name", "text", "the site's name", extracted=True),
    ArticleField("headline", "text", "visible headline without the site name", extracted=True),
    ArticleField("byline", "text", "the byline as displayed", extracted=True),
    ArticleField("authors", "list", "person names", extracted=True),
    ArticleField("published", "date", "ISO 8601 as printed by the publisher", extracted=True),
    ArticleField("modified", "date", "ISO 8601 last modification", extracted=True),
    ArticleField("body", "text", "paragraphs separated by a blank line", extracted=True),
    ArticleField("description", "text", "the page's summary", extracted=True),
    ArticleField("language", "text", "language code", extracted=True),
    ArticleField("section", "text", "the site's section", extracted=True),
    ArticleField("tags", "list", "keywords the page declares", extracted=True),
    ArticleField("image", "text", "lead image URL", extracted=True),
    ArticleField(
        "extraction_confidence",
        "float",
        "how likely the body is the article's text (0..1; newscrawl.extract.confidence)",
        extracted=True,
    ),
    ArticleField("wire_source", "text", "wire agency ('AP', 'Reuters', ...) or None"),
    ArticleField("story_id", "int", "the story the article belongs to", column=False),
    ArticleField("fetched_url", "text", "the URL actually fetched (after redirects)"),
    ArticleField("fetched_at", "text", "when it was fetched (UTC)", column=False),
    ArticleField("http_status", "int", "HTTP status of the fetch"),
)

#: Names in declaration order.
FIELD_NAMES: tuple[str, ...] = tuple(f.name for f in ARTICLE_FIELDS)
#: Fields the page itself gives (what extraction fills, empty when absent).
EXTRACTED_FIELDS: tuple[str, ...] = tuple(f.name for f in ARTICLE_FIELDS if f.extracted)
#: Columns of ``articles`` an upsert writes from the item.
COLUMN_FIELDS: tuple[str, ...] = tuple(f.name for f in ARTICLE_FIELDS if f.column)
#: Fields written to feed exports, in this order.
EXPORT_FIELDS: tuple[str, ...] = tuple(f.name for f in ARTICLE_FIELDS if f.export)
#: Fields holding lists (stored as JSON arrays).
LIST_FIELDS: tuple[str, ...] = tuple(f.name for f in ARTICLE_FIELDS if f.kind == "list")
