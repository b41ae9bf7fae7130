"""scrapy-playwright's download handler, started at the first rendered request.

The stock handler starts Playwright's driver (a Node.js process, ~200 MB) when the engine
starts. In ``auto`` mode most runs render nothing, so this one starts it only when a
request asks to be rendered; plain requests go through Scrapy's HTTP handler either way.
Loaded by name from ``DOWNLOAD_HANDLERS`` (:mod:`newscrawl.extensions.render`), so
scrapy-playwright is imported only by runs that may render.
"""

from __future__ import annotations

import asyncio
from typing import Any

from scrapy_playwright.handler import ScrapyPlaywrightDownloadHandler


class LazyPlaywrightDownloadHandler(ScrapyPlaywrightDownloadHandler):
    """Starts Playwright on the first request that has ``playwright`` in its meta."""

    _start_lock: asyncio.Lock | None = None
    _started = False

    async def _maybe_launch_in_thread(self) -> None:
        """Connected to ``engine_started`` by the base class: do not start yet."""

    async def _download_request(self, request: Any, spider: Any = None) -> Any:
        if not self._started:
            if self._start_lock is None:
                self._start_lock = asyncio.Lock()
            async with self._start_lock:
                if not self._started:
                    await super()._maybe_launch_in_thread()
                    self._started = True
        return await super()._download_request(request, spider)
