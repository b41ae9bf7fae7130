"""Discovery beyond links (pure, no Scrapy): feeds, sitemaps, robots.txt ``Sitemap:`` lines.

:func:`read_document` turns the bytes of an RSS/Atom feed or an XML sitemap (plain or
gzip, a sitemap index, a Google News sitemap) into a :class:`Document` of links, parsed
safely and within a size limit.
"""

from newscrawl.discovery.feeds import alternate_feeds
from newscrawl.discovery.model import Document, Link
from newscrawl.discovery.reader import read_document
from newscrawl.discovery.safexml import DocumentError
from newscrawl.discovery.sitemaps import robots_sitemaps

__all__ = [
    "Document",
    "DocumentError",
    "Link",
    "alternate_feeds",
    "read_document",
    "robots_sitemaps",
]
