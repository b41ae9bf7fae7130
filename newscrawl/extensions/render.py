"""Rendering in a browser (scrapy-playwright) for the pages scripts build.

``NEWSCRAWL_RENDER`` says when: ``never``; ``sites`` (default) renders the HTML pages of
the sites marked ``render = true``; ``auto`` also fetches once more, rendered, a page whose
plain HTML lacked content but showed the signs of a client-side app
(:mod:`newscrawl.extract.clientside`). The browser is the machine's Chromium
(``NEWSCRAWL_BROWSER``, default: the first of :data:`BROWSER_NAMES` on PATH), launched
headless by Playwright through ``executable_path``: Playwright's own browser download is
never needed. One browser, one context, at most ``NEWSCRAWL_RENDER_PAGES`` pages at once,
images, fonts and media blocked, ``NEWSCRAWL_RENDER_TIMEOUT`` seconds per page.

The scrapy-playwright download handler is installed only when a run may render (a
``render = true`` site, or ``auto``) and a browser is there; a plain crawl keeps Scrapy's
own handler. Rendered requests pass the same downloader middlewares (robots.txt, delays,
download slots) and the same frontier (budgets, traps) as plain ones; the scripts and data
the page itself loads are fetched by the browser.
"""

from __future__ import annotations

import asyncio
import importlib.util
import logging
import shutil
import weakref
from dataclasses import dataclass, replace
from typing import Any

from scrapy.http import Request, Response
from scrapy.settings import BaseSettings
from twisted.python.failure import Failure

logger = logging.getLogger(__name__)

MODES = ("never", "sites", "auto")
WAIT_UNTIL = ("load", "domcontentloaded", "networkidle")
NO_BROWSER = "render = true, but no browser (install chromium or set NEWSCRAWL_BROWSER)"
BROWSER_NAMES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
HANDLER = "newscrawl.extensions.playwright_handler.LazyPlaywrightDownloadHandler"
#: Resource types the browser does not load for a rendered page.
BLOCKED_RESOURCES = frozenset({"image", "font", "media"})
#: URL endings never rendered (documents, not pages).
_PLAIN_SUFFIXES = (".xml", ".rss", ".atom", ".txt", ".json", ".gz")
_PLAIN_KINDS = frozenset({"feed", "sitemap", "sitemapindex", "robots"})
#: The raw body of each page's main navigation response, until the page method takes it.
_RAW: weakref.WeakKeyDictionary[Any, asyncio.Future[bytes]] = weakref.WeakKeyDictionary()


class RenderSettingsError(ValueError):
    """A rendering setting has a value that cannot be used."""


def find_browser(name: str | None) -> str | None:
    """The browser executable: ``name`` (a path or a command on PATH) or the first of
    :data:`BROWSER_NAMES` found on PATH; None when there is none."""
    if name:
        return shutil.which(name)
    return next((path for n in BROWSER_NAMES if (path := shutil.which(n))), None)


@dataclass(frozen=True)
class RenderPlan:
    """What this run renders, with which browser."""

    mode: str = "never"
    browser: str | None = None  # None: no browser (or no scrapy-playwright) available
    sites: frozenset[str] = frozenset()  # keys of the sites marked render = true
    timeout: float = 30.0
    pages: int = 2
    wait_until: str = "load"

    @property
    def active(self) -> bool:
        """True when the run may render: the download handler is needed."""
        if self.browser is None or self.mode == "never":
            return False
        return self.mode == "auto" or bool(self.sites)

    @property
    def skipped(self) -> frozenset[str]:
        """Sites to skip: they need rendering and there is no browser."""
        return self.sites if self.mode != "never" and self.browser is None else frozenset()

    def renders(self, site: str) -> bool:
        """True when the HTML pages of ``site`` are rendered."""
        return self.active and site in self.sites

    @property
    def rerenders(self) -> bool:
        """True when pages that need it are fetched once more, rendered (auto mode)."""
        return self.active and self.mode == "auto"


def render_settings(settings: BaseSettings) -> RenderPlan:
    """The plan the settings ask for, before browser and sites are known;
    RenderSettingsError for a value that cannot be used (checked before the crawl starts)."""
    mode = str(settings.get("NEWSCRAWL_RENDER") or "sites").lower()
    if mode not in MODES:
        raise RenderSettingsError(f"NEWSCRAWL_RENDER must be one of {', '.join(MODES)}: {mode!r}")
    timeout = settings.getfloat("NEWSCRAWL_RENDER_TIMEOUT")
    pages = settings.getint("NEWSCRAWL_RENDER_PAGES")
    if timeout <= 0 or pages < 1:
        raise RenderSettingsError("NEWSCRAWL_RENDER_TIMEOUT and NEWSCRAWL_RENDER_PAGES must be > 0")
    wait_until = str(settings.get("NEWSCRAWL_RENDER_WAIT_UNTIL") or "load")
    if wait_until not in WAIT_UNTIL:
        raise RenderSettingsError(
            f"NEWSCRAWL_RENDER_WAIT_UNTIL must be one of {', '.join(WAIT_UNTIL)}"
        )
    return RenderPlan(mode=mode, timeout=timeout, pages=pages, wait_until=wait_until)


def render_plan(settings: BaseSettings, sites: dict[str, bool]) -> RenderPlan:
    """The plan from the settings and the sites (key -> render = true)."""
    plan = render_settings(settings)
    browser = None
    if plan.mode != "never" and importlib.util.find_spec("scrapy_playwright") is not None:
        browser = find_browser(settings.get("NEWSCRAWL_BROWSER"))
    return replace(
        plan, browser=browser, sites=frozenset(key for key, render in sites.items() if render)
    )


def install(settings: BaseSettings, plan: RenderPlan) -> RenderPlan:
    """Route this run's HTTP(S) downloads through scrapy-playwright (plain requests still
    go through Scrapy's own handler) when ``plan`` may render; the plan in force (without
    a browser when the settings were frozen before the spider was made: tests' crawlers)."""
    if not plan.active:
        return plan
    if settings.frozen:
        logger.warning("rendering off: the settings were frozen before the spider was made")
        return replace(plan, browser=None)
    handlers = {**settings.getdict("DOWNLOAD_HANDLERS"), "http": HANDLER, "https": HANDLER}
    settings.set("DOWNLOAD_HANDLERS", handlers, priority="spider")
    options = {"executable_path": plan.browser, "headless": True}
    settings.set("PLAYWRIGHT_LAUNCH_OPTIONS", options, priority="spider")
    settings.set("PLAYWRIGHT_MAX_CONTEXTS", 1, priority="spider")
    settings.set("PLAYWRIGHT_MAX_PAGES_PER_CONTEXT", plan.pages, priority="spider")
    settings.set("PLAYWRIGHT_DEFAULT_NAVIGATION_TIMEOUT", plan.timeout * 1000, priority="spider")
    settings.set("PLAYWRIGHT_ABORT_REQUEST", f"{__name__}.abort_request", priority="spider")
    playwright_logger = logging.getLogger("scrapy-playwright")
    if _one_line not in playwright_logger.filters:
        playwright_logger.addFilter(_one_line)
    return plan


def _one_line(record: logging.LogRecord) -> bool:
    """scrapy-playwright logs a failed page with its traceback: the spider reports the
    failure itself (render_timeout, errors/...), so the message alone is enough."""
    record.exc_info, record.exc_text = None, None
    return True


def abort_request(request: Any) -> bool:
    """True for the resources a rendered page does without (images, fonts, media)."""
    return str(request.resource_type) in BLOCKED_RESOURCES


def plain_only(url: str, kind: str | None) -> bool:
    """True for URLs never rendered: feeds, sitemaps and other documents."""
    return kind in _PLAIN_KINDS or url.split("?", 1)[0].lower().endswith(_PLAIN_SUFFIXES)


def keep_navigation(response: Any) -> None:
    """Page event handler: start reading the raw body of the page's own (final) response."""
    try:
        frame = response.frame  # a service worker's response has none: it raises
    except Exception:
        return
    if frame.parent_frame is not None or not response.request.is_navigation_request():
        return
    if 300 <= response.status < 400:
        return  # a redirect: the next navigation response is the page
    future = asyncio.ensure_future(response.body())
    future.add_done_callback(_retrieved)
    _RAW[frame.page] = future


def _retrieved(future: asyncio.Future[bytes]) -> None:
    """Mark a failed body read as seen (the page method reports it by returning None)."""
    if not future.cancelled():
        future.exception()


async def navigation_body(page: Any) -> bytes | None:
    """Page method: the raw body of the page as the server sent it (before scripts ran)."""
    future = _RAW.pop(page, None)
    if future is None:
        return None
    try:
        return await future
    except Exception:  # the body is gone (page closed, no body): capture the render alone
        return None


def render_meta(wait_until: str) -> dict[str, Any]:
    """Request meta that has scrapy-playwright render a request."""
    from scrapy_playwright.page import PageMethod

    return {
        "playwright": True,
        "newscrawl_render": True,
        "playwright_page_goto_kwargs": {"wait_until": wait_until},
        "playwright_page_event_handlers": {"response": keep_navigation},
        "playwright_page_methods": [PageMethod(navigation_body)],
    }


def rendered_again(request: Request | None, plan: RenderPlan) -> Request | None:
    """The request of a plain page, to fetch once more rendered (auto mode), or None."""
    if request is None or not plan.rerenders or request.meta.get("newscrawl_render"):
        return None
    meta = {**request.meta, **render_meta(plan.wait_until)}
    return request.replace(meta=meta, dont_filter=True)


def raw_body(response: Response) -> bytes | None:
    """The raw body of a rendered response (None: not rendered, or not kept)."""
    meta = response.request.meta if response.request is not None else {}
    if not meta.get("newscrawl_render"):
        return None
    for method in meta.get("playwright_page_methods") or ():
        if getattr(method, "method", None) is navigation_body:
            result = getattr(method, "result", None)
            return result if isinstance(result, bytes) else None
    return None


def is_render_timeout(failure: Failure) -> bool:
    """True when a rendered request failed because the page did not load in time."""
    request = getattr(failure, "request", None)
    if request is None or not request.meta.get("newscrawl_render"):
        return False
    from playwright.async_api import TimeoutError as PlaywrightTimeout

    return bool(failure.check(PlaywrightTimeout, asyncio.TimeoutError))
