"""Spiders bound to a test crawler, project settings and saved fixture pages."""

from __future__ import annotations

import asyncio
import inspect
from pathlib import Path
from typing import Any

from scrapy.http import HtmlResponse, Request, Response
from scrapy.utils.test import get_crawler

import newscrawl.settings
from newscrawl.spiders.news import NewsSpider

PROJECT = Path(__file__).resolve().parents[2]
FIXTURES = PROJECT / "tests" / "fixtures"


def project_settings(**overrides: Any) -> dict[str, Any]:
    """newscrawl's settings as a dict, with overrides."""
    ours = {k: v for k, v in vars(newscrawl.settings).items() if k.isupper()}
    return {**ours, **overrides}


def make_spider(db: Path | str = ":memory:", **spider_args: Any) -> NewsSpider:
    """A NewsSpider bound to a test crawler using the project settings; pages are analysed
    in the test's own process."""
    crawler = get_crawler(NewsSpider, project_settings(NEWSCRAWL_DB=str(db), NEWSCRAWL_WORKERS=0))
    spider = NewsSpider.from_crawler(crawler, **spider_args)
    crawler.spider = spider
    return spider


def parse_all(spider: NewsSpider, response: Response) -> list[Any]:
    """Everything ``spider.parse(response)`` yields (requests and items)."""
    output = spider.parse(response)
    if inspect.isasyncgen(output):

        async def drain() -> list[Any]:
            return [x async for x in output]

        return asyncio.run(drain())
    return list(output or [])


def fixture_response(name: str, url: str, headers: dict[str, str] | None = None) -> HtmlResponse:
    """An HtmlResponse for a saved page, as Scrapy would build it."""
    body = (FIXTURES / "pages" / name).read_bytes()
    return HtmlResponse(
        url=url, body=body, headers=headers or {"Content-Type": "text/html"}, request=Request(url)
    )
