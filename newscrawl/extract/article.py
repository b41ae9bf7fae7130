"""Put the layers together: structured data, site overrides, then generic detection."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from lxml.html import HtmlElement
from parsel import Selector

from newscrawl.extract.body import extract_body
from newscrawl.extract.bylines import parse_byline
from newscrawl.extract.dates import parse_date
from newscrawl.extract.document import parse_html
from newscrawl.extract.layout import read_layout
from newscrawl.extract.headline import choose_headline, host_names, strip_site_name
from newscrawl.extract.metadata import find_byline, find_dates, find_image, find_language, find_tags
from newscrawl.extract.pagetype import PageKind, classify_page
from newscrawl.extract.related import related_links
from newscrawl.extract.structured import Structured, ld_text, read_structured
from newscrawl.extract.text import clean_text
from newscrawl.extract.urls import canonical_url, host_of

FIELDS = (
    "url", "canonical_url", "headline", "byline", "authors", "published", "modified", "body",
    "description", "language", "section", "tags", "image", "site_name",
)  # fmt: skip


@dataclass
class Page:
    """Everything one parse of a page yields: its kind, article fields and related links."""

    url: str
    kind: PageKind
    fields: dict[str, Any]
    related_links: list[str] = field(default_factory=list)


def _override(tree: HtmlElement, selectors: Mapping[str, str]) -> dict[str, str]:
    """Values picked by per-site CSS selectors (``::text``/``::attr()`` allowed)."""
    if not selectors:
        return {}
    sel = Selector(root=tree, type="html")
    found: dict[str, str] = {}
    for name, css in selectors.items():
        try:
            matches = sel.css(css)
        except Exception:  # a bad selector in a user's site list must not stop the crawl
            continue
        if name == "body":
            texts = [clean_text(" ".join(m.css("::text").getall())) for m in matches]
            found[name] = "\n\n".join(t for t in texts if t)
        else:
            first = matches[0] if matches else None
            if first is not None:
                value = first.get() if first.root is None or isinstance(first.root, str) else None
                found[name] = clean_text(value or " ".join(first.css("::text").getall()))
    return {k: v for k, v in found.items() if v}


def _headline(tree: HtmlElement, st: Structured, url: str, site_name: str | None) -> str:
    names = [*st.site_names, *host_names(host_of(url))]
    if site_name:
        names.insert(0, site_name)
    h1s = [clean_text(h.text_content()) for h in tree.iter("h1")]
    title_el = tree.find(".//title")
    title = clean_text(title_el.text_content()) if title_el is not None else ""
    ld_headline = ld_text(st.article, "headline") if st.article else ""
    og_title = st.first("og:title", "twitter:title")
    return strip_site_name(choose_headline(h1s, title, og_title, ld_headline, names), names)


def _shape(tree: HtmlElement) -> tuple[int, float, int]:
    """(paragraph text length, page link density, paragraph count) before cleanup."""
    body = tree.find("body")
    if body is None:
        return 0, 0.0, 0
    paragraphs = [len(clean_text(p.text_content())) for p in body.iter("p")]
    long_ones = [n for n in paragraphs if n >= 60]
    all_text = len(clean_text(body.text_content())) or 1
    link_text = sum(len(clean_text(a.text_content())) for a in body.iter("a"))
    return sum(long_ones), min(1.0, link_text / all_text), len(long_ones)


def analyze_page(
    html: str | bytes,
    url: str,
    *,
    tree: HtmlElement | None = None,
    selectors: Mapping[str, str] | None = None,
    site_name: str | None = None,
    now: datetime | None = None,
) -> Page:
    """Classify a page and extract its article fields in one parse.

    ``tree`` may be a tree already parsed from ``html`` (e.g. Scrapy's); it is modified
    in place (boilerplate removed), so extract links from it before calling this.
    """
    root = tree if tree is not None else parse_html(html)
    st = read_structured(root)
    layout = read_layout(root)
    picked = _override(root, selectors or {})
    canonical_el = root.find(".//link[@rel='canonical']")
    canonical = canonical_url(url, canonical_el.get("href") if canonical_el is not None else None)
    headline = picked.get("headline") or _headline(root, st, url, site_name)
    byline = parse_byline(picked["byline"]) if "byline" in picked else find_byline(root, st)
    published, modified = find_dates(root, st, canonical, now)
    if "published" in picked:
        published = parse_date(picked["published"]) or published
    if "modified" in picked:
        modified = parse_date(picked["modified"]) or modified
    text_length, link_density, paragraphs = _shape(root)
    links = related_links(root, url)
    kind = classify_page(
        canonical,
        st,
        has_headline=bool(headline),
        text_length=text_length,
        link_density=link_density,
        paragraphs=paragraphs,
    )
    art = st.article
    fields: dict[str, Any] = {
        "url": canonical,
        "canonical_url": canonical,
        "headline": headline,
        "byline": byline.text,
        "authors": byline.authors,
        "published": published,
        "modified": modified,
        "description": st.first("og:description", "description", "twitter:description")
        or (ld_text(art, "description") if art else ""),
        "language": find_language(root, st),
        "section": st.first("article:section", "parsely-section", "section")
        or (ld_text(art, "articleSection") if art else ""),
        "tags": find_tags(st),
        "image": find_image(st),
        "site_name": site_name or (st.site_names[0] if st.site_names else ""),
    }
    fields["body"] = picked.get("body") or extract_body(layout, headline)
    return Page(url=canonical, kind=kind, fields=fields, related_links=links)


def extract_article(html: str | bytes, url: str) -> dict[str, Any]:
    """Article fields of one page (headline, byline, authors, dates, body, ...). Never raises."""
    try:
        return analyze_page(html, url).fields
    except Exception:  # last line of defence: bad input gives empty fields, not a crash
        return dict.fromkeys(FIELDS, "") | {
            "authors": [],
            "tags": [],
            "published": None,
            "modified": None,
        }
