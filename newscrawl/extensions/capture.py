"""Write the responses of stored articles to a WARC file (``NEWSCRAWL_WARC_DIR``)."""

from __future__ import annotations

import logging
import os
from pathlib import Path
from typing import Any

from scrapy import signals
from scrapy.crawler import Crawler
from scrapy.exceptions import NotConfigured
from scrapy.http import Headers, Response

import newscrawl
from newscrawl.clock import utc_now
from newscrawl.extensions.render import raw_body
from newscrawl.extensions.warcfile import WarcFile
from newscrawl.items import Article

logger = logging.getLogger(__name__)


def header_pairs(headers: Headers) -> list[tuple[str, str]]:
    """Scrapy headers as (name, value) text pairs, one per value."""
    return [
        (name.decode("latin-1"), value.decode("latin-1"))
        for name, values in headers.items()
        for value in values
    ]


class WarcCapture:
    """Extension: after an article is stored, its request and response go to this run's WARC
    (for a page rendered in a browser, also the rendered page as a ``conversion`` record).

    ``NEWSCRAWL_WARC_SITES`` limits the capture to some site keys (default: every site).
    """

    def __init__(self, directory: Path, sites: list[str], user_agent: str):
        self.directory = directory
        self.sites = set(sites)
        self.user_agent = user_agent
        self.file: WarcFile | None = None

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> WarcCapture:
        directory = crawler.settings.get("NEWSCRAWL_WARC_DIR")
        if not directory:
            raise NotConfigured
        ext = cls(
            Path(directory),
            crawler.settings.getlist("NEWSCRAWL_WARC_SITES"),
            str(crawler.settings.get("USER_AGENT")),
        )
        crawler.signals.connect(ext.item_scraped, signal=signals.item_scraped)
        crawler.signals.connect(ext.spider_closed, signal=signals.spider_closed)
        return ext

    def _file(self) -> WarcFile:
        if self.file is None:
            name = f"newscrawl-{utc_now():%Y%m%dT%H%M%SZ}-{os.getpid()}.warc.gz"
            info = {
                "software": f"newscrawl/{newscrawl.__version__} (Scrapy)",
                "http-header-user-agent": self.user_agent,
                "format": "WARC File Format 1.0",
            }
            self.file = WarcFile(self.directory / name, info)
        return self.file

    def item_scraped(self, item: Any, response: Any) -> None:
        if not isinstance(item, Article) or not isinstance(response, Response):
            return
        if self.sites and item.get("site") not in self.sites:
            return
        request = response.request
        rendered = "playwright" in response.flags
        raw = raw_body(response) if rendered else response.body
        record_id = None
        if raw is not None:  # a rendered page: the raw page as the server sent it
            record_id = self._file().write_exchange(
                response.url,
                method=request.method if request is not None else "GET",
                request_headers=header_pairs(request.headers) if request is not None else [],
                status=response.status,
                response_headers=header_pairs(response.headers),
                body=raw,
                fetched=item.get("fetched_at"),
                protocol=response.protocol or "HTTP/1.1",
            )
        if rendered:
            self._file().write_conversion(
                response.url,
                response.body,
                refers_to=record_id,
                fetched=item.get("fetched_at"),
                encoding=getattr(response, "encoding", None) or "utf-8",
            )

    def spider_closed(self) -> None:
        if self.file is not None:
            path = self.file.close()
            logger.info("WARC: %d captures in %s", self.file.records, path)
