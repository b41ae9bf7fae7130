"""One entry point for discovery documents: feeds and sitemaps to a list of links."""

from __future__ import annotations

from newscrawl.discovery.feeds import parse_atom, parse_rss
from newscrawl.discovery.model import Document
from newscrawl.discovery.safexml import DocumentError, local_name, parse_xml
from newscrawl.discovery.sitemaps import parse_sitemap_index, parse_urlset


def read_document(data: bytes, url: str, max_bytes: int) -> Document:
    """Parse a feed or sitemap (gzip allowed); :class:`DocumentError` when it is neither."""
    root = parse_xml(data, max_bytes)
    kind = local_name(root)
    if kind == "urlset":
        return Document("sitemap", links=parse_urlset(root, url))
    if kind == "sitemapindex":
        return Document("sitemapindex", sitemaps=parse_sitemap_index(root, url))
    if kind in ("rss", "rdf"):
        return Document("rss", links=parse_rss(root, url))
    if kind == "feed":
        return Document("atom", links=parse_atom(root, url))
    raise DocumentError(f"not a feed or sitemap: <{kind}>")
