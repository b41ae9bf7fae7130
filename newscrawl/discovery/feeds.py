"""RSS 2.0, RSS 1.0 (RDF) and Atom feeds; feed auto-discovery from HTML ``<link>`` tags."""

from __future__ import annotations

from lxml import etree

from newscrawl.clock import utc_iso
from newscrawl.discovery.model import Link, absolute
from newscrawl.discovery.safexml import child_text, local_name

FEED_TYPES = frozenset({"application/rss+xml", "application/atom+xml", "application/rdf+xml"})


def _items(root: etree._Element, name: str) -> list[etree._Element]:
    return [el for el in root.iter() if local_name(el) == name]


def parse_rss(root: etree._Element, base: str) -> list[Link]:
    """The items of an RSS 2.0 or RSS 1.0 feed (link, else a permalink guid)."""
    links = []
    for item in _items(root, "item"):
        url = child_text(item, "link")
        if not url:
            guid = next((c for c in item if local_name(c) == "guid"), None)
            if guid is not None and guid.get("isPermaLink", "true").lower() != "false":
                url = (guid.text or "").strip()
        if not url:
            about = item.get("{http://www.w3.org/1999/02/22-rdf-syntax-ns#}about")
            url = about
        full = absolute(url, base)
        if full:
            links.append(
                Link(
                    full,
                    modified=utc_iso(child_text(item, "updated", "modified")),
                    published=utc_iso(child_text(item, "pubdate", "date", "published")),
                    title=child_text(item, "title"),
                )
            )
    return links


def _atom_link(entry: etree._Element) -> str | None:
    candidates = [c for c in entry if local_name(c) == "link" and c.get("href")]
    for link in candidates:
        if link.get("rel", "alternate") == "alternate" and link.get("type", "text/html") in (
            "text/html",
            "application/xhtml+xml",
        ):
            return link.get("href")
    return None


def parse_atom(root: etree._Element, base: str) -> list[Link]:
    """The entries of an Atom feed (their ``rel=alternate`` HTML link)."""
    links = []
    for entry in _items(root, "entry"):
        full = absolute(_atom_link(entry), base)
        if full:
            links.append(
                Link(
                    full,
                    modified=utc_iso(child_text(entry, "updated")),
                    published=utc_iso(child_text(entry, "published", "issued")),
                    title=child_text(entry, "title"),
                )
            )
    return links


def alternate_feeds(tree: etree._Element, base: str) -> list[str]:
    """Feeds an HTML page declares with ``<link rel="alternate" type="application/rss+xml">``.

    Comment feeds (WordPress declares one per article) are left out.
    """
    found: list[str] = []
    for link in tree.iter("link"):
        rel = (link.get("rel") or "").lower().split()
        kind = (link.get("type") or "").lower().split(";")[0].strip()
        if "alternate" not in rel or kind not in FEED_TYPES:
            continue
        title = (link.get("title") or "").lower()
        href = link.get("href") or ""
        if "comment" in title or "comment" in href.lower():
            continue
        full = absolute(href, base)
        if full and full not in found:
            found.append(full)
    return found
