"""Put the layers together: structured data, site overrides, then generic detection."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from lxml.etree import _Element
from parsel import Selector

from newscrawl.extract.authors import find_byline
from newscrawl.extract.body import find_body
from newscrawl.extract.bylines import parse_byline
from newscrawl.extract.dates import parse_date
from newscrawl.extract.headline import find_headline, site_names
from newscrawl.extract.layout import Layout, read_layout
from newscrawl.extract.links import base_url
from newscrawl.extract.metadata import (
    find_description,
    find_image,
    find_language,
    find_section,
    find_tags,
)
from newscrawl.extract.pagetype import PageKind, classify_page
from newscrawl.extract.parse import parse_html
from newscrawl.extract.published import find_dates
from newscrawl.extract.related import related_links
from newscrawl.extract.structured import read_structured
from newscrawl.extract.text import clean_text
from newscrawl.fields import EXTRACTED_FIELDS
from newscrawl.urls import canonical_url

FIELDS = EXTRACTED_FIELDS


@dataclass
class Page:
    """Everything one parse of a page yields: its kind, article fields and related links."""

    url: str
    kind: PageKind
    fields: dict[str, Any]
    related_links: list[str] = field(default_factory=list)


def empty_fields(url: str = "") -> dict[str, Any]:
    """Every field, empty: strings '', lists [], dates None."""
    fields: dict[str, Any] = dict.fromkeys(FIELDS, "")
    fields.update(url=url, canonical_url=url, authors=[], tags=[], published=None, modified=None)
    return fields


def _override(root: _Element, selectors: Mapping[str, str]) -> dict[str, str]:
    """Values picked by per-site CSS selectors (``::text``/``::attr()`` allowed)."""
    sel = Selector(root=root, type="html")
    found: dict[str, str] = {}
    for name, css in selectors.items():
        try:
            matches = sel.css(css)
        except Exception:  # a bad selector in a user's site list must not stop the crawl
            continue
        if name == "body":
            texts = [clean_text(" ".join(m.css("::text").getall())) for m in matches]
            found[name] = "\n\n".join(t for t in texts if t)
        elif matches:
            first = matches[0]
            if isinstance(first.root, str):  # ::text or ::attr() selected a string
                found[name] = clean_text(first.root)
            else:
                found[name] = clean_text(" ".join(first.css("::text").getall()))
    return {k: v for k, v in found.items() if v}


def _shape(layout: Layout) -> tuple[int, float, int]:
    """(paragraph text length, page link density, paragraph count) of the visible text."""
    total = links = text_length = paragraphs = 0
    for block in layout.blocks:
        n = len(block.text)
        total += n
        links += block.link_chars
        if not block.zone and n >= 60 and block.is_paragraph:
            text_length += n
            paragraphs += 1
    return text_length, (links / total if total else 0.0), paragraphs


def analyze_page(
    html: str | bytes,
    url: str,
    *,
    tree: _Element | None = None,
    selectors: Mapping[str, str] | None = None,
    site_name: str | None = None,
    now: datetime | None = None,
) -> Page:
    """Classify a page and extract its article fields in one parse.

    ``tree`` may be a tree already parsed from ``html`` (e.g. Scrapy's); it is modified
    in place (scripts and other invisible elements removed), so extract links from it first.
    """
    root = tree if tree is not None else parse_html(html)
    structured = read_structured(root)
    picked = _override(root, selectors) if selectors else {}
    canonical_el = root.find(".//link[@rel='canonical']")
    canonical = canonical_url(url, canonical_el.get("href") if canonical_el is not None else None)
    layout = read_layout(root)
    headline, head = find_headline(layout, root, structured, url, site_name)
    headline = picked.get("headline") or headline
    body = find_body(layout, headline, url)
    if "byline" in picked:
        byline = parse_byline(picked["byline"])
    else:
        names = site_names(structured, url, site_name)
        byline = find_byline(layout, structured, root, head, body, names)
    published, modified = find_dates(layout, structured, canonical, head, body, now)
    if "published" in picked:
        published = parse_date(picked["published"]) or published
    if "modified" in picked:
        modified = parse_date(picked["modified"]) or modified
    text_length, link_density, paragraphs = _shape(layout)
    kind = classify_page(
        canonical,
        structured,
        has_headline=bool(headline),
        text_length=text_length,
        link_density=link_density,
        paragraphs=paragraphs,
    )
    fields = empty_fields(canonical)
    fields.update(
        headline=headline,
        byline=byline.text,
        authors=byline.authors,
        published=published,
        modified=modified,
        body=picked.get("body") or body.text,
        description=picked.get("description") or find_description(structured),
        language=find_language(root, structured),
        section=picked.get("section") or find_section(structured, headline),
        tags=find_tags(structured),
        image=picked.get("image") or find_image(structured, canonical),
        site_name=site_name or (structured.site_names[0] if structured.site_names else ""),
    )
    return Page(canonical, kind, fields, related_links(layout, base_url(root, url)))


def extract_article(html: str | bytes, url: str) -> dict[str, Any]:
    """Article fields of one page (headline, byline, authors, dates, body, ...). Never raises."""
    try:
        return analyze_page(html, url).fields
    except Exception:  # last line of defence: bad input gives empty fields, not a crash
        return empty_fields(url)
