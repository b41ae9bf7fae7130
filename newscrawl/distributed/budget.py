"""The run's crawl budget state in Redis, shared by every worker of a distributed crawl.

The frontier's :class:`~newscrawl.frontier.budget.CrawlBudget` decides as in one process;
this :class:`~newscrawl.frontier.budgetstate.BudgetState` keeps what it counted (requests
per site and URL shape, articles per shape, the fruitless allowance), what it learned
(start points, productive shapes, the page each URL was first found on) and the URLs it
held back, under the job's keys, so the budgets hold for the run and not per worker, and
the URLs a worker held back outlive it.

A held URL is *taken* like a queued request is leased: the taker has
``NEWSCRAWL_REDIS_LEASE`` seconds to queue it (the queue settles it in the same step as it
queues the request, or the taker settles it when it is refused again); after that it goes
back to its bucket for another worker (after :data:`MAX_TAKES` such expiries it is given
up), and while any is taken the run is not idle. Checks and updates are separate steps:
workers admitting URLs at the same instant may overshoot a bound by those URLs; nothing is
lost or requested twice (the shared queue drops what is queued already). Bucket keys are
derived inside scripts: one Redis server, not a cluster.
"""

from __future__ import annotations

import json
import logging
import uuid
from collections.abc import Iterable, Iterator
from typing import Any

import redis

from newscrawl.distributed.connection import JobKeys
from newscrawl.frontier.budgetstate import MAX_HELD, Held

logger = logging.getLogger(__name__)

#: A held URL whose take expired this many times (its takers died) is given up.
MAX_TAKES = 3
_SEP = "\x1f"
_FRUITLESS = "fruitless"
_NOW = "local t = redis.call('TIME') local now = tonumber(t[1]) + tonumber(t[2]) / 1e6 "

# KEYS: bucket zset, entries, buckets, registry, sequence
# ARGV: bucket id (kind SEP bucket), url, entry JSON, most held
_HOLD = """
if redis.call('ZSCORE', KEYS[1], ARGV[2]) then return 0 end
if redis.call('ZCARD', KEYS[1]) >= tonumber(ARGV[4]) then return 0 end
redis.call('ZADD', KEYS[1], redis.call('INCR', KEYS[5]), ARGV[2])
redis.call('HSET', KEYS[2], ARGV[1] .. '\\31' .. ARGV[2], ARGV[3])
redis.call('SADD', KEYS[3], ARGV[1]) redis.call('SADD', KEYS[4], KEYS[1])
return 1
"""

# KEYS: bucket zset, entries, buckets, taken, taken entries
# ARGV: bucket id, url or '', lease seconds, token. Returns {url, entry JSON} or false.
_TAKE = (
    _NOW
    + """
local url = ARGV[2]
if url == '' then
  local first = redis.call('ZRANGE', KEYS[1], 0, 0)
  if #first == 0 then return false end
  url = first[1]
elseif not redis.call('ZSCORE', KEYS[1], url) then return false end
redis.call('ZREM', KEYS[1], url)
local field = ARGV[1] .. '\\31' .. url
local entry = redis.call('HGET', KEYS[2], field) or '[]'
redis.call('HDEL', KEYS[2], field)
if redis.call('ZCARD', KEYS[1]) == 0 then redis.call('SREM', KEYS[3], ARGV[1]) end
redis.call('ZADD', KEYS[4], now + tonumber(ARGV[3]), ARGV[4])
redis.call('HSET', KEYS[5], ARGV[4], cjson.encode({ARGV[1], url, entry}))
return {url, entry}
"""
)

# KEYS: taken, taken entries, entries, buckets, registry, sequence
# ARGV: bucket key prefix, most takes. Returns {restored, given up}.
_RECLAIM = (
    _NOW
    + """
local restored, lost = 0, 0
for _, token in ipairs(redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', now, 'LIMIT', 0, 1000)) do
  local raw = redis.call('HGET', KEYS[2], token)
  redis.call('ZREM', KEYS[1], token) redis.call('HDEL', KEYS[2], token)
  if raw then
    local t = cjson.decode(raw)
    local entry = cjson.decode(t[3])
    entry[3] = (tonumber(entry[3]) or 0) + 1
    local zset = ARGV[1] .. t[1]
    if entry[3] >= tonumber(ARGV[2]) then
      lost = lost + 1
    elseif not redis.call('ZSCORE', zset, t[2]) then
      redis.call('ZADD', zset, redis.call('INCR', KEYS[6]), t[2])
      redis.call('HSET', KEYS[3], t[1] .. '\\31' .. t[2], cjson.encode(entry))
      redis.call('SADD', KEYS[4], t[1]) redis.call('SADD', KEYS[5], zset)
      restored = restored + 1
    end
  end
end
return {restored, lost}
"""
)

# KEYS: charged, counts, charges; ARGV: site, url, shapes...
_CHARGE = """
if redis.call('SADD', KEYS[1], ARGV[1] .. '\\31' .. ARGV[2]) == 1 then
  redis.call('HINCRBY', KEYS[2], 'fruitless\\31' .. ARGV[1], 1)
end
for i = 3, #ARGV do
  local raw = redis.call('HGET', KEYS[3], ARGV[i])
  local list = raw and cjson.decode(raw) or {}
  table.insert(list, {ARGV[1], ARGV[2]})
  redis.call('HSET', KEYS[3], ARGV[i], cjson.encode(list))
end
return 1
"""

# KEYS: charged, counts, charges; ARGV: shape
_REFUND = """
local raw = redis.call('HGET', KEYS[3], ARGV[1])
if not raw then return 0 end
redis.call('HDEL', KEYS[3], ARGV[1])
for _, c in ipairs(cjson.decode(raw)) do
  if redis.call('SREM', KEYS[1], c[1] .. '\\31' .. c[2]) == 1 then
    redis.call('HINCRBY', KEYS[2], 'fruitless\\31' .. c[1], -1)
  end
end
return 1
"""


def _text(value: Any) -> str:
    return value.decode() if isinstance(value, bytes) else str(value)


class RedisBudgetState:
    """A :class:`~newscrawl.frontier.budgetstate.BudgetState` in Redis (see the module)."""

    def __init__(self, client: redis.Redis, keys: JobKeys, lease_seconds: float):
        self.client = client
        self.keys = keys
        self.lease_seconds = lease_seconds
        self._hold = client.register_script(_HOLD)
        self._take = client.register_script(_TAKE)
        self._reclaim = client.register_script(_RECLAIM)
        self._charge = client.register_script(_CHARGE)
        self._refund = client.register_script(_REFUND)

    def _key(self, name: str) -> str:
        return self.keys.budget_key(name)

    # -- counters, sets, links ----------------------------------------------------------------
    def count(self, counter: str, key: str) -> int:
        return int(self.client.hget(self._key("counts"), f"{counter}{_SEP}{key}") or 0)

    def add(self, counter: str, key: str, n: int = 1) -> None:
        self.client.hincrby(self._key("counts"), f"{counter}{_SEP}{key}", n)

    def claim(self, url: str) -> bool:
        return bool(self.client.sadd(self._key("claimed"), url))

    def counted(self, url: str) -> bool:
        return bool(self.client.sismember(self._key("claimed"), url))

    def mark(self, name: str, member: str) -> bool:
        return bool(self.client.sadd(self._key("marks"), f"{name}{_SEP}{member}"))

    def marked(self, name: str, member: str) -> bool:
        return bool(self.client.sismember(self._key("marks"), f"{name}{_SEP}{member}"))

    def members(self, name: str) -> set[str]:
        prefix = f"{name}{_SEP}"
        found = (_text(m) for m in self.client.sscan_iter(self._key("marks"), count=1000))
        return {m[len(prefix) :] for m in found if m.startswith(prefix)}

    def link(self, url: str, parent: str) -> None:
        self.client.hsetnx(self._key("found-on"), url, parent)

    def parent(self, url: str) -> str | None:
        value = self.client.hget(self._key("found-on"), url)
        return _text(value) if value is not None else None

    def links(self) -> Iterator[tuple[str, str]]:
        for url, parent in self.client.hscan_iter(self._key("found-on"), count=1000):
            yield _text(url), _text(parent)

    # -- the fruitless allowance --------------------------------------------------------------
    def _charge_keys(self) -> list[str]:
        return [self._key("charged"), self._key("counts"), self._key("charges")]

    def charge(self, site: str, url: str, shapes: Iterable[str]) -> None:
        self._charge(keys=self._charge_keys(), args=[site, url, *shapes])

    def refund(self, shape: str) -> None:
        self._refund(keys=self._charge_keys(), args=[shape])

    def cost(self, site: str) -> int:
        return self.count(_FRUITLESS, site)

    def charged(self, site: str, url: str) -> bool:
        return bool(self.client.sismember(self._key("charged"), f"{site}{_SEP}{url}"))

    # -- held URLs ----------------------------------------------------------------------------
    def _bucket(self, kind: str, bucket: str) -> tuple[str, str]:
        """(bucket id, the key of its sorted set of URLs)."""
        ident = f"{kind}{_SEP}{bucket}"
        return ident, self._key(f"held:{ident}")

    def hold(self, kind: str, bucket: str, entry: Held) -> None:
        ident, zset = self._bucket(kind, bucket)
        keys = [zset, self._key("entries"), self._key("buckets"), self.keys.budget_keys,
                self._key("sequence")]  # fmt: skip
        self._hold(keys=keys, args=[ident, entry.url, json.dumps([entry.site, entry.parent, 0]),
                                    MAX_HELD])  # fmt: skip

    def buckets(self, kind: str) -> list[str]:
        """The non-empty buckets of ``kind`` (taken URLs whose takers died first go back)."""
        self.reclaim()
        prefix = f"{kind}{_SEP}"
        found = (_text(b) for b in self.client.smembers(self._key("buckets")))
        return sorted(b[len(prefix) :] for b in found if b.startswith(prefix))

    def entries(self, kind: str, bucket: str) -> list[Held]:
        ident, zset = self._bucket(kind, bucket)
        urls = [_text(u) for u in self.client.zrange(zset, 0, -1)]
        if not urls:
            return []
        fields = [f"{ident}{_SEP}{u}" for u in urls]
        raw = self.client.hmget(self._key("entries"), fields)
        return [_held(u, r) for u, r in zip(urls, raw, strict=True)]

    def take(self, kind: str, bucket: str, url: str | None = None) -> Held | None:
        ident, zset = self._bucket(kind, bucket)
        token = uuid.uuid4().hex
        keys = [zset, self._key("entries"), self._key("buckets"), self.keys.taken,
                self._key("taken-entries")]  # fmt: skip
        found = self._take(keys=keys, args=[ident, url or "", self.lease_seconds, token])
        if not found:
            return None
        held = _held(_text(found[0]), found[1])
        return Held(held.url, held.site, held.parent, token)

    def settle(self, entry: Held) -> None:
        if entry.token:
            self.settle_token(entry.token)

    def settle_token(self, token: str) -> None:
        """The taken URL of ``token`` is queued or refused for good."""
        pipe = self.client.pipeline(transaction=True)
        pipe.zrem(self.keys.taken, token)
        pipe.hdel(self._key("taken-entries"), token)
        pipe.execute()

    def reclaim(self) -> None:
        """Put URLs whose takers did not settle them within the lease back in their bucket."""
        keys = [self.keys.taken, self._key("taken-entries"), self._key("entries"),
                self._key("buckets"), self.keys.budget_keys, self._key("sequence")]  # fmt: skip
        restored, lost = self._reclaim(keys=keys, args=[self._key("held:"), MAX_TAKES])
        if restored:
            logger.info("%d held URLs of a worker that stopped answering held again", restored)
        if lost:
            logger.error("%d held URLs given up: their take expired %d times", lost, MAX_TAKES)


def _held(url: str, raw: Any) -> Held:
    """A held URL from its stored ``[site, parent, expiries]``."""
    try:
        data = json.loads(raw) if raw else []
    except ValueError:
        data = []
    site = str(data[0]) if len(data) > 0 and data[0] is not None else ""
    parent = str(data[1]) if len(data) > 1 and data[1] is not None else None
    return Held(url, site, parent)
