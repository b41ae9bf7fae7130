"""What the ``news`` spider reads off a response or a failed request (Scrapy glue).

Small helpers kept apart from the spider: the request meta of a response, the URL first
asked for, whether an answer is a feed or sitemap, and what a failed request means for
the crawl's figures.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any

from scrapy.exceptions import IgnoreRequest
from scrapy.http import HtmlResponse, Response, TextResponse, XmlResponse
from scrapy.spidermiddlewares.httperror import HttpError
from twisted.python.failure import Failure

from newscrawl.discovery.safexml import GZIP_MAGIC
from newscrawl.extensions.render import is_render_timeout


def meta_of(response: Response) -> dict[str, Any]:
    """The request meta of a response ({} for a response built without a request)."""
    return response.request.meta if response.request is not None else {}


def requested(response: Response) -> str:
    """The URL the spider asked for (before redirects)."""
    return str(meta_of(response).get("redirect_urls", [response.url])[0])


def content_type(response: Response) -> str | None:
    """The response's Content-Type header as text."""
    value = response.headers.get("Content-Type")
    return value.decode("latin-1") if value else None


def looks_like_document(response: Response) -> bool:
    """An XML or gzip response: a feed or sitemap reached by a link or the frontier."""
    if isinstance(response, HtmlResponse):
        return False
    if isinstance(response, XmlResponse) or response.body[:2] == GZIP_MAGIC:
        return True
    return isinstance(response, TextResponse) and response.body.lstrip()[:5] == b"<?xml"


@dataclass(frozen=True)
class Failed:
    """What a request that failed for good means: the figure it counts under
    ``newscrawl/`` and, when worth a log line, what to say at which level."""

    key: str
    status: int | None = None
    message: str | None = None
    level: int = logging.WARNING
    robots_answer: Response | None = None  # a robots.txt answered with an HTTP error


def failure_outcome(failure: Failure) -> Failed:
    """Classify a failed request: HTTP error, missing robots.txt, ignored request
    (robots.txt, size limits: logged by Scrapy), render timeout, or a download error."""
    request = getattr(failure, "request", None)
    url = request.url if request is not None else "?"
    if failure.check(HttpError):
        response = getattr(failure.value, "response", None)
        status = getattr(response, "status", None)
        if request is not None and request.meta.get("newscrawl_doc") == "robots":
            answer = response if isinstance(response, Response) else None
            return Failed("docs/robots_missing", status, robots_answer=answer)
        return Failed(f"errors/http_{status or '?'}", status, message=f"HTTP {status}: {url}")
    if failure.check(IgnoreRequest):
        return Failed("pages/ignored")
    if is_render_timeout(failure):
        return Failed("dropped/render_timeout", message=f"render_timeout: {url}")
    name = failure.type.__name__ if failure.type else "unknown"
    message = f"request failed: {url} ({failure.getErrorMessage()})"
    return Failed(f"errors/{name}", message=message, level=logging.ERROR)
