"""The shared request queue: scrapy-redis's priority queue with leases.

scrapy-redis pops a request out of Redis for good: a worker killed before it handled the
request loses it. Here a pop *leases* the request: it moves to a lease set with a
deadline, the worker renews its leases while alive (:meth:`LeasedQueue.renew`) and
acknowledges each one when the request's outcome is in Redis (:meth:`LeasedQueue.ack`).
Any worker's next pop first returns expired leases to the queue, so a dead worker's
requests go to the others; a request whose lease expired :data:`MAX_TRIES` times is
given up (logged), so a request that kills workers cannot loop for ever. Within one
priority the queue is first in, first out. Every step is one Lua script (atomic).
"""

from __future__ import annotations

import json
import logging
from typing import Any

import scrapy
from scrapy_redis.queue import Base

from newscrawl.distributed.codec import CodecError, decode, encode
from newscrawl.distributed.connection import JobKeys

logger = logging.getLogger(__name__)

#: A request whose lease expired this many times is given up.
MAX_TRIES = 3
#: Lease ids carried by a request in its meta while a worker holds it.
LEASE_META = "newscrawl_lease"

_NOW = "local t = redis.call('TIME') local now = tonumber(t[1]) + tonumber(t[2]) / 1e6 "

# KEYS: requests, leases, leased, sequence; ARGV: priority, payload, settled lease or ""
_PUSH = """
if ARGV[3] ~= '' then
  redis.call('ZREM', KEYS[2], ARGV[3]) redis.call('HDEL', KEYS[3], ARGV[3])
end
local seq = redis.call('INCR', KEYS[4]) % 1000000000
redis.call('ZADD', KEYS[1], -tonumber(ARGV[1]) + seq / 1e10, ARGV[2])
return 1
"""

# KEYS: requests, leases, leased, tries; ARGV: lease seconds, max tries
# Returns {reclaimed, given up, payload or false}.
_POP = (
    _NOW
    + """
local reclaimed, lost = 0, 0
for _, id in ipairs(redis.call('ZRANGEBYSCORE', KEYS[2], '-inf', now, 'LIMIT', 0, 100)) do
  local entry = redis.call('HGET', KEYS[3], id)
  redis.call('ZREM', KEYS[2], id) redis.call('HDEL', KEYS[3], id)
  if entry then
    if redis.call('HINCRBY', KEYS[4], id, 1) >= tonumber(ARGV[2]) then
      lost = lost + 1 redis.call('HDEL', KEYS[4], id)
    else
      local cut = string.find(entry, ' ', 1, true)
      redis.call('ZADD', KEYS[1], string.sub(entry, 1, cut - 1), string.sub(entry, cut + 1))
      reclaimed = reclaimed + 1
    end
  end
end
local head = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
if #head == 0 then return {reclaimed, lost, false} end
redis.call('ZREM', KEYS[1], head[1])
local ok, request = pcall(cjson.decode, head[1])
if not ok or type(request) ~= 'table' or type(request['id']) ~= 'string' then
  return {reclaimed, lost, head[1]}
end
local id = request['id']
redis.call('ZADD', KEYS[2], now + tonumber(ARGV[1]), id)
redis.call('HSET', KEYS[3], id, head[2] .. ' ' .. head[1])
return {reclaimed, lost, head[1]}
"""
)

# KEYS: leases, leased, tries; ARGV: lease ids
_ACK = """
for _, id in ipairs(ARGV) do
  redis.call('ZREM', KEYS[1], id) redis.call('HDEL', KEYS[2], id) redis.call('HDEL', KEYS[3], id)
end
return #ARGV
"""

# KEYS: leases; ARGV: seconds, lease ids
_RENEW = (
    _NOW
    + """
local n = 0
for i = 2, #ARGV do
  n = n + redis.call('ZADD', KEYS[1], 'XX', 'CH', now + tonumber(ARGV[1]), ARGV[i])
end
return n
"""
)


class LeasedQueue(Base):
    """A priority queue of JSON-encoded requests whose pops are leases (see the module)."""

    lease_seconds: float = 60.0

    def __init__(self, server: Any, spider: scrapy.Spider, key: str, serializer: Any = None):
        super().__init__(server, spider, key, serializer=serializer or _NoPickle)
        self.keys = JobKeys(key)
        self.held: set[str] = set()  # leases this worker holds
        self.given_up = 0
        self._push = server.register_script(_PUSH)
        self._pop = server.register_script(_POP)
        self._ack = server.register_script(_ACK)
        self._renew = server.register_script(_RENEW)

    def __len__(self) -> int:
        return int(self.server.zcard(self.keys.requests))

    def leased(self) -> int:
        """Requests some worker holds right now (alive or not yet timed out)."""
        return int(self.server.zcard(self.keys.leases))

    def push(self, request: scrapy.Request) -> None:
        """Queue ``request``; a request that carries a lease (a redirect or retry of a
        leased one) settles that lease in the same step."""
        settled = str(request.meta.pop(LEASE_META, "") or "")
        payload = encode(request, self.spider)
        k = self.keys
        self._push(
            keys=[k.requests, k.leases, k.leased, k.sequence],
            args=[request.priority, payload, settled],
        )
        self.held.discard(settled)

    def pop(self, timeout: int = 0) -> scrapy.Request | None:
        """Lease the first request (expired leases first go back to the queue)."""
        k = self.keys
        while True:
            reclaimed, lost, payload = self._pop(
                keys=[k.requests, k.leases, k.leased, k.tries],
                args=[self.lease_seconds, MAX_TRIES],
            )
            if reclaimed:
                logger.info(
                    "%d requests of a worker that stopped answering queued again", reclaimed
                )
            if lost:
                self.given_up += int(lost)
                logger.error("%d requests given up: their lease expired %d times", lost, MAX_TRIES)
            if not payload:
                return None
            try:
                lease, request = decode(payload, self.spider)
            except CodecError as exc:
                logger.error("refused a queued request that is not valid data: %s", exc)
                self.ack(_lease_id(payload))
                continue
            request.meta[LEASE_META] = lease
            self.held.add(lease)
            return request

    def ack(self, lease: str) -> None:
        """The request of ``lease`` is done: its outcome is in Redis."""
        if lease:
            self.held.discard(lease)
            k = self.keys
            self._ack(keys=[k.leases, k.leased, k.tries], args=[lease])

    def renew(self) -> None:
        """Push the deadline of every lease this worker holds ``lease_seconds`` ahead."""
        if self.held:
            self._renew(keys=[self.keys.leases], args=[self.lease_seconds, *self.held])

    def clear(self) -> None:
        """Nothing: the queue belongs to every worker of the run, not to this one."""


def _lease_id(payload: bytes | str) -> str:
    """The lease id of a JSON payload that is no valid request ("" when it has none)."""
    try:
        data = json.loads(payload)
    except ValueError:
        return ""
    lease = data.get("id") if isinstance(data, dict) else None
    return lease if isinstance(lease, str) else ""


class _NoPickle:
    """scrapy-redis's serializer slot: unused, the codec writes JSON itself."""

    @staticmethod
    def loads(data: Any) -> Any:
        raise CodecError("requests are decoded by newscrawl.distributed.codec")

    @staticmethod
    def dumps(data: Any) -> Any:
        raise CodecError("requests are encoded by newscrawl.distributed.codec")
