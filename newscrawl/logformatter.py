"""Log lines for scraped and dropped items without dumping whole article bodies."""

from __future__ import annotations

import logging
from typing import Any

from scrapy import Spider
from scrapy.http import Response
from scrapy.logformatter import LogFormatter, LogFormatterResult
from twisted.python.failure import Failure


class NewsLogFormatter(LogFormatter):
    """Scraped items at DEBUG with their URL only; drops at INFO with reason and URL."""

    def scraped(
        self, item: Any, response: Response | Failure | None, spider: Spider
    ) -> LogFormatterResult:
        return {
            "level": logging.DEBUG,
            "msg": "Stored %(url)s",
            "args": {"url": item.get("url") if hasattr(item, "get") else item},
        }

    def dropped(
        self,
        item: Any,
        exception: BaseException,
        response: Response | Failure | None,
        spider: Spider,
    ) -> LogFormatterResult:
        return {"level": logging.INFO, "msg": "Dropped %(reason)s", "args": {"reason": exception}}
