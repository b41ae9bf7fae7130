"""ArticleLoader: the one place where an article's fields are normalized.

Page analysis (:func:`newscrawl.extract.analyze_page`) finds raw values; the processor chains
below turn them into stored values: URL cleaned, headline without the site's names, byline
as displayed, person names in display case, dates in ISO 8601, body paragraphs. The chains
are pure functions (itemloaders, no Scrapy), so :func:`newscrawl.extract.extract_article`,
``newscrawl extract``, the crawl's worker processes and the imports all run the same chain.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any

from itemloaders import ItemLoader
from itemloaders.processors import MapCompose, TakeFirst

from newscrawl.extract.bylines import display_text, is_cms_handle, normalize_name
from newscrawl.extract.dates import parse_date
from newscrawl.extract.headline import strip_all
from newscrawl.extract.text import clean_text
from newscrawl.urls import clean_url

if TYPE_CHECKING:
    from newscrawl.extract.article import Page

_PARAGRAPH_BREAK = re.compile(r"\n\s*\n")


def clean_body(value: str) -> str | None:
    """Whitespace-normalized paragraphs separated by one blank line; None when empty."""
    paragraphs = [clean_text(p) for p in _PARAGRAPH_BREAK.split(value or "")]
    text = "\n\n".join(p for p in paragraphs if p)
    return text or None


def clean_byline(value: str) -> str | None:
    """A display byline (no date glued to its end), or None for CMS handles and empty text."""
    text = display_text(clean_text(value))
    return None if not text or is_cms_handle(text) else text


def clean_headline(value: str, loader_context: dict[str, Any]) -> str | None:
    """Headline text without the site's names as prefix or suffix (``site_names`` context)."""
    names = [n for n in loader_context.get("site_names") or () if n]
    site_name = loader_context.get("site_name")
    if site_name and site_name not in names:
        names.insert(0, site_name)
    return strip_all(value, names, brands=False) or None


def unique(values: Iterable[Any]) -> list[Any]:
    """Values in first-seen order without repeats."""
    return list(dict.fromkeys(v for v in values if v))


def none_if_empty(value: Any) -> Any:
    """Drop empty strings so TakeFirst moves on to the next candidate."""
    return value if value not in ("", None) else None


class ArticleLoader(ItemLoader):
    """Builds an article dict; ``site_name=``/``site_names=`` are stripped from headlines."""

    default_item_class = dict
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
    image_in = MapCompose(str.strip, none_if_empty)

    def get_input_processor(self, field_name: str) -> Callable[..., Any]:
        """The field's input chain, looked up once per loader and item class."""
        key = (type(self), type(self.item), field_name, "in")
        if key not in _PROCESSORS:
            _PROCESSORS[key] = super().get_input_processor(field_name)
        return _PROCESSORS[key]

    def get_output_processor(self, field_name: str) -> Callable[..., Any]:
        """The field's output processor, looked up once."""
        key = (type(self), type(self.item), field_name, "out")
        if key not in _PROCESSORS:
            _PROCESSORS[key] = super().get_output_processor(field_name)
        return _PROCESSORS[key]


#: (loader class, item class, field, "in" or "out") -> processor: itemloaders looks each
#: one up anew for every value (class attribute, the item's field metadata, unwrapping).
_PROCESSORS: dict[tuple[type, type, str, str], Callable[..., Any]] = {}


def load_article(page: Page) -> dict[str, Any]:
    """The normalized fields of an analysed page; fields the page does not give are absent."""
    loader = ArticleLoader(site_names=page.site_names)
    for name, candidates in page.raw.items():
        loader.add_value(name, candidates)
    return dict(loader.load_item())
