"""XML sitemaps: url sets (with Google News fields), sitemap indexes, robots.txt lines.

Scrapy's ``Sitemap`` keeps only direct children of ``<url>``; here the nested
``<news:news><news:publication_date>`` and ``<news:title>`` are read too.
"""

from __future__ import annotations

import re

from lxml import etree

from newscrawl.clock import utc_iso
from newscrawl.discovery.model import Link, absolute
from newscrawl.discovery.safexml import child_text, local_name

_ROBOTS_SITEMAP = re.compile(r"^\s*sitemap\s*:\s*(\S+)", re.IGNORECASE | re.MULTILINE)


def _news(url_element: etree._Element) -> etree._Element | None:
    return next((c for c in url_element if local_name(c) == "news"), None)


def parse_urlset(root: etree._Element, base: str) -> list[Link]:
    """The ``<url>`` entries of a sitemap, with lastmod and Google News date and title."""
    links = []
    for entry in root:
        if local_name(entry) != "url":
            continue
        full = absolute(child_text(entry, "loc"), base)
        if not full:
            continue
        news = _news(entry)
        links.append(
            Link(
                full,
                modified=utc_iso(child_text(entry, "lastmod")),
                published=utc_iso(child_text(news, "publication_date"))
                if news is not None
                else None,
                title=child_text(news, "title") if news is not None else None,
            )
        )
    return links


def parse_sitemap_index(root: etree._Element, base: str) -> list[Link]:
    """The child sitemaps of a sitemap index, with their lastmod."""
    links = []
    for entry in root:
        if local_name(entry) != "sitemap":
            continue
        full = absolute(child_text(entry, "loc"), base)
        if full:
            links.append(Link(full, modified=utc_iso(child_text(entry, "lastmod"))))
    return links


def robots_sitemaps(text: str, base: str) -> list[str]:
    """The ``Sitemap:`` URLs of a robots.txt, in order, without repeats."""
    found: list[str] = []
    for match in _ROBOTS_SITEMAP.finditer(text):
        full = absolute(match.group(1), base)
        if full and full not in found:
            found.append(full)
    return found
