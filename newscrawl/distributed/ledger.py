"""A worker's page ledger: the archive's state as the writer published it, and an outbox.

Workers open no SQLite file. At the start of a run the writer publishes every page the
archive knows (a hash in Redis, URL -> JSON state); the worker's frontier reads it to
decide what is known, due for a revisit, or left over from a killed run, exactly as a
local crawl reads the ``pages`` table. What the worker learns (a URL queued, a page
fetched, a 304, a failure) goes to the writer as operations through the outbox; the
writer's crawl state applies them to the archive.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import asdict
from datetime import datetime
from typing import Any

import redis
from scrapy.crawler import Crawler

from newscrawl.clock import iso, parse_utc
from newscrawl.distributed.connection import JobKeys
from newscrawl.distributed.shared import Outbox, worker_for
from newscrawl.store.pages import Fetched, PageState

_TIMES = ("fetched", "born", "changed", "yielded")
#: Operations buffered before they are sent anyway (an article's are sent at once).
BUFFERED_OPS = 100


def state_json(state: PageState, discovered: str | None = None) -> str:
    """A page state as published JSON (times ISO 8601 UTC)."""
    data: dict[str, Any] = asdict(state)
    for key in _TIMES:
        data[key] = iso(data[key]) if data[key] is not None else None
    data["discovered"] = discovered
    return json.dumps(data, separators=(",", ":"))


def state_from_json(text: str | bytes) -> tuple[PageState, str]:
    """(state, discovered) of a published page; ValueError when it is not one."""
    data = json.loads(text)
    if not isinstance(data, dict) or not isinstance(data.get("url"), str):
        raise ValueError("not a page state")

    def text_or_none(key: str) -> str | None:
        value = data.get(key)
        return value if isinstance(value, str) else None

    def moment(key: str) -> datetime | None:
        return parse_utc(text_or_none(key))

    status, errors = data.get("status"), data.get("errors")
    state = PageState(
        url=data["url"],
        site=str(data.get("site") or ""),
        kind=text_or_none("kind"),
        canonical=text_or_none("canonical"),
        fetched=moment("fetched"),
        status=status if isinstance(status, int) else None,
        etag=text_or_none("etag"),
        last_modified=text_or_none("last_modified"),
        born=moment("born"),
        changed=moment("changed"),
        errors=errors if isinstance(errors, int) else 0,
        role=text_or_none("role"),
        yielded=moment("yielded"),
    )
    return state, text_or_none("discovered") or ""


class RemoteLedger:
    """The :class:`~newscrawl.store.pages.PageLedger` of a distributed worker."""

    def __init__(self, client: redis.Redis, keys: JobKeys, outbox: Outbox):
        self.client = client
        self.keys = keys
        self.outbox = outbox
        self._cache: dict[str, PageState | None] = {}
        self._held = 0

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> RemoteLedger:
        worker = worker_for(crawler)
        return cls(worker.client, worker.keys, worker.outbox)

    # -- what the archive knew at the start of the run ---------------------------------------
    def _get(self, url: str) -> PageState | None:
        if url not in self._cache:
            raw = self.client.hget(self.keys.pages, url)
            self._cache[url] = state_from_json(raw)[0] if raw else None
        return self._cache[url]

    def lookup(self, url: str) -> PageState | None:
        """The state of ``url``; for an alias, that of its article."""
        state = self._get(url)
        if state is not None and state.canonical and state.canonical != url:
            return self._get(state.canonical) or state
        return state

    def _every(self, sites: Sequence[str]) -> Iterator[tuple[PageState, str]]:
        wanted = set(sites)
        for _url, raw in self.client.hscan_iter(self.keys.pages, count=1000):
            state, discovered = state_from_json(raw)
            if state.site in wanted:
                yield state, discovered

    def frontier(self, sites: Sequence[str], max_errors: int) -> list[tuple[str, str]]:
        """(url, site) of URLs queued by earlier runs but never fetched, oldest first."""
        rows = sorted(
            (discovered, s.url, s.site)
            for s, discovered in self._every(sites)
            if s.fetched is None and s.errors < max_errors
        )
        return [(url, site) for _d, url, site in rows]

    def known(self, sites: Sequence[str], kinds: Iterable[str]) -> list[PageState]:
        """Fetched pages of ``kinds`` under their own URL (listings, feeds), by URL."""
        wanted = set(kinds)
        found = [
            s
            for s, _d in self._every(sites)
            if s.kind in wanted and s.fetched is not None and s.canonical in (None, s.url)
        ]
        return sorted(found, key=lambda s: s.url)

    def trap_shapes(self) -> set[str]:
        """The trap shapes the archive had recorded at the start of the run."""
        return {
            m.decode() if isinstance(m, bytes) else str(m)
            for m in self.client.smembers(self.keys.traps)
        }

    def articles(self, sites: Sequence[str], since: datetime | None) -> list[PageState]:
        """Known article pages under their own URL (born or changed since ``since``)."""
        found = [
            s
            for s, _d in self._every(sites)
            if s.kind == "article"
            and s.fetched is not None
            and s.canonical in (None, s.url)
            and (since is None or any(t and t >= since for t in (s.born, s.changed)))
        ]
        found.sort(key=lambda s: s.url)
        found.sort(key=lambda s: s.born.isoformat() if s.born else "", reverse=True)
        return found

    # -- what this worker learns, sent to the writer -----------------------------------------
    def queued(self, url: str, site: str, now: datetime) -> None:
        self.outbox.add(["queued", url, site, iso(now)])
        self._maybe_flush()

    def fetched(self, urls: Iterable[str], site: str, page: Fetched, now: datetime) -> None:
        self.outbox.add(["fetched", list(urls), site, asdict(page), iso(now)])
        self._maybe_flush()

    def not_modified(self, url: str, now: datetime, etag: str | None = None) -> None:
        self.outbox.add(["not_modified", url, iso(now), etag])
        self._maybe_flush()

    def failed(self, url: str, status: int | None) -> None:
        self.outbox.add(["failed", url, status])
        self._maybe_flush()

    def hold(self) -> None:
        """An article is on its way: keep what follows with it until :meth:`release`."""
        self._held += 1

    def release(self) -> None:
        """The article and its page are recorded: send them when nothing else is held."""
        self._held = max(0, self._held - 1)
        if not self._held:
            self.outbox.flush()

    def _maybe_flush(self) -> None:
        if not self._held and len(self.outbox.ops) >= BUFFERED_OPS:
            self.outbox.flush()
