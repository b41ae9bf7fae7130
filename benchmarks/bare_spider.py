"""The baseline of the crawl benchmark: a bare Scrapy spider that reads each page's title.

It follows every link to the start URLs' hosts (Scrapy's LinkExtractor) and does nothing
else: no classification, extraction, storage. Run by benchmarks/crawl_real.py with
``scrapy runspider`` and the same politeness settings as the ``news`` spider.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any
from urllib.parse import urlsplit

import scrapy
from scrapy.http import Response, TextResponse
from scrapy.linkextractors import LinkExtractor


class BareSpider(scrapy.Spider):
    """``-a start_urls=URL,URL``: crawl those hosts, read every page's <title>."""

    name = "bare"

    def __init__(self, start_urls: str = "", **kwargs: Any):
        super().__init__(**kwargs)
        self.start_urls = start_urls.split(",")
        self.hosts = {urlsplit(u).hostname for u in self.start_urls}
        self.links = LinkExtractor(unique=True)  # allow_domains would compare host:port

    def parse(self, response: Response) -> Iterator[Any]:
        if not isinstance(response, TextResponse):
            return
        yield {"url": response.url, "title": response.css("title::text").get()}
        for link in self.links.extract_links(response):
            if urlsplit(link.url).hostname in self.hosts:
                yield response.follow(link.url, callback=self.parse)
