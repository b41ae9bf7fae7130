"""Page analysis: one parse gives the page kind, raw field candidates and the page's links.

Analysis *finds* values (the heading as printed, the byline text, the date it chose, the body's
lines, the canonical link); :func:`newscrawl.loaders.load_article` is the one place they are
normalized. :func:`extract_article` runs both, as the crawl and the imports do.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from lxml.etree import _Element
from parsel import Selector

from newscrawl.discovery import alternate_feeds
from newscrawl.extract.authors import find_byline
from newscrawl.extract.body import Body, author_bios, find_body, rescued_body
from newscrawl.extract.bylines import Byline, parse_byline
from newscrawl.extract.confidence import models, own_features
from newscrawl.extract.fallbacks import Settled, other_date, settle_body, text_date
from newscrawl.extract.headline import find_headline, site_names
from newscrawl.extract.layout import Layout, read_layout
from newscrawl.extract.lead import lead_rows, with_lead
from newscrawl.extract.links import base_url, page_links
from newscrawl.extract.merge import BlockIndex
from newscrawl.extract.metadata import (
    find_description,
    find_image,
    find_locale,
    find_section,
    find_tags,
    language_of,
)
from newscrawl.extract.pagetype import PageKind, classify_page
from newscrawl.extract.parse import decode_html, parse_html
from newscrawl.extract.published import find_dates
from newscrawl.extract.related import related_links
from newscrawl.extract.structured import Structured, read_structured
from newscrawl.fields import EXTRACTED_FIELDS, LIST_FIELDS
from newscrawl.loaders import load_article
from newscrawl.urls import canonical_candidate

FIELDS = EXTRACTED_FIELDS


@dataclass
class Page:
    """What one parse of a page yields (``url``: the canonical link as declared).

    ``raw`` holds each field's candidates as found on the page, most trusted first (a per-site
    selector's value before the generic finders'); the loader keeps the first that survives
    normalization. ``links`` and ``feeds`` are every link and declared feed of the page.
    """

    url: str
    kind: PageKind
    raw: dict[str, list[Any]]
    confidence: float = 0.0  # how likely the body is the article's text (0..1)
    features: list[float] = field(default_factory=list)  # the confidence model's inputs
    body_source: str = "newscrawl"  # the extractor whose body was kept
    site_names: list[str] = field(default_factory=list)
    related_links: list[str] = field(default_factory=list)
    links: list[str] = field(default_factory=list)
    feeds: list[str] = field(default_factory=list)
    blocks: BlockIndex | None = None  # the body's lines in the layout (merge features)
    leads: list[tuple[int, list[float]]] = field(default_factory=list)  # lead model's inputs
    rescued: bool = False  # the body was found in the article's own zone-marked elements


def empty_fields(url: str = "") -> dict[str, Any]:
    """Every field, empty: strings '', lists [], dates None."""
    fields: dict[str, Any] = dict.fromkeys(FIELDS, "")
    fields.update(url=url, canonical_url=url, authors=[], tags=[], published=None, modified=None)
    fields["extraction_confidence"] = None
    return fields


def _override(root: _Element, selectors: Mapping[str, str]) -> dict[str, str]:
    """Raw values picked by per-site CSS selectors (``::text``/``::attr()`` allowed)."""
    sel = Selector(root=root, type="html")
    found: dict[str, str] = {}
    for name, css in selectors.items():
        try:
            matches = sel.css(css)
        except Exception:  # a bad selector in a user's site list must not stop the crawl
            continue
        if name == "body":
            texts = [" ".join(m.css("::text").getall()) for m in matches]
            found[name] = "\n\n".join(t for t in texts if t.strip())
        elif matches:
            first = matches[0]
            if isinstance(first.root, str):  # ::text or ::attr() selected a string
                found[name] = first.root
            else:
                found[name] = " ".join(first.css("::text").getall())
    return {k: v for k, v in found.items() if v and v.strip()}


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


def _found(
    root: _Element,
    layout: Layout,
    structured: Structured,
    canonical: str,
    names: list[str],
    now: datetime | None,
    heading: tuple[str, int],
    html: str,
) -> tuple[dict[str, Any], Body, int]:
    """The generic finders' raw value of each field and the body found; ``heading``: the
    headline and the index of its block (-1: not seen on the page), found first; ``html``:
    the page's text (its script data is a late date source)."""
    headline, head = heading
    body = find_body(layout, headline, canonical, author_bios(structured))
    byline: Byline = find_byline(layout, structured, root, head, body, names)
    locale = find_locale(root, structured)
    published, modified = find_dates(layout, structured, canonical, head, body, now, locale, html)
    values = {
        "headline": headline,
        "byline": byline.text,
        "authors": byline.authors,
        "published": published,
        "modified": modified,
        "body": body.text,
        "description": find_description(structured),
        "language": language_of(locale),
        "section": find_section(structured, headline),
        "tags": find_tags(structured),
        "image": find_image(structured, canonical),
        "site_name": structured.site_names[0] if structured.site_names else "",
    }
    return values, body, head


def analyze_page(
    html: str | bytes,
    url: str,
    *,
    selectors: Mapping[str, str] | None = None,
    site_name: str | None = None,
    now: datetime | None = None,
    follow: bool = True,
    related: bool = True,
    fallbacks: bool = True,
    as_article: bool = False,
    source: bytes | None = None,
    articles_only: bool = False,
    rescue: bool = True,
) -> Page:
    """Classify a page and find its fields, related links, links and feeds in one parse.

    ``follow=False`` skips the page's links and feeds, ``related=False`` its related-story
    links (extraction alone needs neither); the second extractors (:mod:`.fallbacks`) are
    consulted for article pages, or for any page with ``as_article`` (the caller wants its
    article fields whatever its kind), never with ``fallbacks=False``. ``articles_only``:
    a page of another kind (``as_article`` unset) gives its kind, links and feeds only,
    ``raw`` empty (the kind needs no field but the headline: the other finders are not run).
    ``source``: the UTF-8 bytes ``html`` was decoded from, if any
    (:func:`.parse.decode_page`), parsed instead. ``rescue=False``: no body is looked for in
    the article's own zone-marked elements when none is found outside zones
    (:func:`.body.rescued_body`; the confidence models learn from that strict pass).
    """
    if isinstance(html, bytes):
        html = decode_html(html)
    root = parse_html(html, source)
    links = page_links(root, url) if follow else []  # before the walk drops invisible parts
    feeds = alternate_feeds(root, url) if follow else []
    structured = read_structured(root)
    picked = _override(root, selectors) if selectors else {}
    canonical_el = root.find(".//link[@rel='canonical']")
    canonical = canonical_candidate(
        url, canonical_el.get("href") if canonical_el is not None else None
    )
    names = site_names(structured, canonical, site_name)
    layout = read_layout(root)
    heading = find_headline(layout, structured, names)
    kind = _kind(layout, structured, canonical, bool(heading[0] or picked))
    wanted = kind.is_article or as_article
    if articles_only and not wanted:
        return Page(canonical, kind, {}, site_names=names, links=links, feeds=feeds)
    values, body, head = _found(root, layout, structured, canonical, names, now, heading, html)
    # the body's own layout: the article's zone-marked elements read where none was found
    own, found = (
        rescued_body(layout, body, head, heading[0], canonical) if rescue else (layout, body)
    )
    rescued, body = found is not body, found
    leads = lead_rows(own, body, head, values["description"])
    body = with_lead(own, body, leads)
    values["body"] = body.text
    features = own_features(own, body, structured, head >= 0)
    settled = Settled(body.text, models()["own"].probability(features), "newscrawl")
    if fallbacks and wanted and "body" not in picked:
        settled = settle_body(html, body.text, settled.confidence, BlockIndex(own, body))
        values["body"] = settled.text
        if not values["published"] and "published" not in picked:
            today = (now or datetime.now(UTC)).date()
            values["published"] = other_date(html, url) or text_date(
                root, values["language"], today
            )
    if site_name:
        values["site_name"] = site_name
    if "byline" in picked:
        values["authors"] = parse_byline(picked["byline"]).authors
    raw: dict[str, list[Any]] = {
        "url": [canonical],
        "canonical_url": [canonical],
        "extraction_confidence": [round(settled.confidence, 3)],
    }
    for name, value in values.items():
        if name in LIST_FIELDS:
            raw[name] = list(value)
        else:
            raw[name] = [v for v in (picked.get(name), value) if v]
    related_urls = related_links(layout, base_url(root, url)) if related else []
    return Page(
        canonical, kind, raw, settled.confidence, features, settled.source, names,
        related_urls, links, feeds, BlockIndex(own, body), leads, rescued,
    )  # fmt: skip


def _kind(layout: Layout, structured: Structured, url: str, has_headline: bool) -> PageKind:
    """The page's kind from its shape and declarations."""
    text_length, link_density, paragraphs = _shape(layout)
    return classify_page(
        url,
        structured,
        has_headline=has_headline,
        text_length=text_length,
        link_density=link_density,
        paragraphs=paragraphs,
    )


def extract_article(html: str | bytes, url: str) -> dict[str, Any]:
    """Article fields of one page (headline, byline, authors, dates, body, ...). Never raises."""
    try:
        page = analyze_page(html, url, follow=False, as_article=True)
        return {**empty_fields(url), **load_article(page)}
    except Exception:  # last line of defence: bad input gives empty fields, not a crash
        return empty_fields(url)
