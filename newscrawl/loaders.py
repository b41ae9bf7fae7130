"""ArticleLoader: one input/output processor chain per field, calling pure extract functions.

The chains are idempotent, so values that ``newscrawl.extract`` already normalized pass
unchanged, while raw values (per-site selectors, imported JSON lines) get cleaned.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from itemloaders.processors import MapCompose, TakeFirst
from scrapy.loader import ItemLoader

from newscrawl.extract.bylines import is_cms_handle, normalize_name
from newscrawl.extract.dates import parse_date
from newscrawl.extract.headline import strip_site_name
from newscrawl.extract.text import clean_text
from newscrawl.items import Article
from newscrawl.urls import clean_url

_PARAGRAPH_BREAK = re.compile(r"\n\s*\n")


def clean_body(value: str) -> str | None:
    """Whitespace-normalized paragraphs separated by one blank line; None when empty."""
    paragraphs = [clean_text(p) for p in _PARAGRAPH_BREAK.split(value or "")]
    text = "\n\n".join(p for p in paragraphs if p)
    return text or None


def clean_byline(value: str) -> str | None:
    """A display byline, or None for CMS handles and empty strings."""
    text = clean_text(value)
    return None if not text or is_cms_handle(text) else text


def clean_headline(value: str, loader_context: dict[str, Any]) -> str | None:
    """Headline text without the configured site name as prefix or suffix."""
    site_name = loader_context.get("site_name")
    text = strip_site_name(value, [site_name] if site_name else [])
    return text or None


def unique(values: Iterable[Any]) -> list[Any]:
    """Values in first-seen order without repeats."""
    return list(dict.fromkeys(v for v in values if v))


def none_if_empty(value: Any) -> Any:
    """Drop empty strings so TakeFirst moves on to the next candidate."""
    return value if value not in ("", None) else None


class ArticleLoader(ItemLoader):
    """Builds an :class:`Article`; pass ``site_name=`` to strip it from headlines."""

    default_item_class = Article
    default_input_processor = MapCompose(none_if_empty)
    default_output_processor = TakeFirst()

    url_in = MapCompose(str.strip, clean_url)
    canonical_url_in = MapCompose(str.strip, clean_url)
    fetched_url_in = MapCompose(str.strip)
    headline_in = MapCompose(clean_text, clean_headline)
    byline_in = MapCompose(clean_byline)
    authors_in = MapCompose(normalize_name)
    authors_out = unique
    published_in = MapCompose(parse_date)
    modified_in = MapCompose(parse_date)
    body_in = MapCompose(clean_body)
    description_in = MapCompose(clean_text, none_if_empty)
    site_name_in = MapCompose(clean_text, none_if_empty)
    section_in = MapCompose(clean_text, none_if_empty)
    language_in = MapCompose(str.strip, str.lower, none_if_empty)
    tags_in = MapCompose(clean_text, none_if_empty)
    tags_out = unique
