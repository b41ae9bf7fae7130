"""One run of a job in Redis: who starts it, who is working, when it is over.

Phases (``run`` hash, ``phase`` field): a worker that finds no run going *requests* one
(clearing the previous run's queue, seen-set and budgets); the writer stores what is
still in flight, publishes the archive's state and sets the run *running*; workers wait
for that before their first request. The run is *done* when its queue is empty, no
request is leased, no held URL is taken (``newscrawl.distributed.budget``) and no worker
is busy: the last idle worker to leave says so. A worker's heartbeat (``workers`` hash: server time and busy flag) is fresh for
``stale`` seconds; a killed worker's goes stale and no longer keeps the run open.
"""

from __future__ import annotations

import json
from typing import Any

import redis

from newscrawl.distributed.connection import JobKeys

REQUESTED, RUNNING, DONE = "requested", "running", "done"

_NOW = "local t = redis.call('TIME') local now = tonumber(t[1]) + tonumber(t[2]) / 1e6 "
# KEYS: run, requests, leases, workers, budget keys made on the way, taken held URLs;
# ARGV[1]: stale seconds, ARGV[2]: this worker.
_HELPERS = """
local function alive(need_busy)
  local beats = redis.call('HGETALL', KEYS[4])
  for i = 1, #beats, 2 do
    local at, flag = string.match(beats[i + 1], '^(%S+) (%S+)$')
    if beats[i] ~= ARGV[2] and tonumber(at) > now - tonumber(ARGV[1])
      and (flag == '1' or not need_busy) then
      return true
    end
  end
  return false
end
local function empty()
  return redis.call('ZCARD', KEYS[2]) == 0 and redis.call('ZCARD', KEYS[3]) == 0
    and redis.call('ZCARD', KEYS[6]) == 0
end
"""
# ARGV[3...]: the keys of a run, cleared when a new run is requested. A run left
# "running" with nothing queued and no live worker (all were killed at its very end) is
# over: a new one starts.
_JOIN = (
    _NOW
    + _HELPERS
    + """
local phase = redis.call('HGET', KEYS[1], 'phase')
if phase == 'requested' then return phase end
if phase == 'running' and (not empty() or alive(false)) then return phase end
for _, key in ipairs(redis.call('SMEMBERS', KEYS[5])) do redis.call('DEL', key) end
for i = 3, #ARGV do redis.call('DEL', ARGV[i]) end
redis.call('HINCRBY', KEYS[1], 'id', 1)
redis.call('HSET', KEYS[1], 'phase', 'requested')
return 'requested'
"""
)
# ARGV[3]: "finish" to mark the run done when it is idle, else only tell. A run no longer
# running (done, or a new one requested) is idle for the workers of the old one.
_IDLE = (
    _NOW
    + _HELPERS
    + """
if redis.call('HGET', KEYS[1], 'phase') ~= 'running' then return 1 end
if not empty() or alive(true) then return 0 end
if ARGV[3] == 'finish' then redis.call('HSET', KEYS[1], 'phase', 'done') end
return 1
"""
)


class Run:
    """The run of a job as the workers and the writer see it."""

    def __init__(self, client: redis.Redis, keys: JobKeys, stale: float):
        self.client = client
        self.keys = keys
        self.stale = stale
        self._join = client.register_script(_JOIN)
        self._idle = client.register_script(_IDLE)

    def _keys(self) -> list[str]:
        k = self.keys
        return [k.run, k.requests, k.leases, k.workers, k.budget_keys, k.taken]

    def info(self) -> dict[str, str]:
        """The run hash (id, phase, crawl_id, finalized), as text."""
        raw: dict[Any, Any] = self.client.hgetall(self.keys.run)
        return {_text(k): _text(v) for k, v in raw.items()}

    def phase(self) -> str | None:
        return self.info().get("phase")

    def join(self, worker: str) -> str:
        """Join the run going on, or request a new one; the phase then."""
        keys = [*self.keys.run_keys(), self.keys.sites]
        return _text(self._join(keys=self._keys(), args=[self.stale, worker, *keys]))

    def beat(self, worker: str, busy: bool) -> None:
        """This worker is alive (and busy or idle) as of now."""
        seconds, micros = self.client.time()
        self.client.hset(self.keys.workers, worker, f"{seconds + micros / 1e6:.3f} {int(busy)}")

    def idle(self, worker: str) -> bool:
        """True when nothing is queued or leased and no other worker is busy, or the run
        is over."""
        return bool(self._idle(keys=self._keys(), args=[self.stale, worker, "check"]))

    def leave(self, worker: str) -> bool:
        """This worker leaves; True when it was the last one and the run is now done."""
        self.client.hdel(self.keys.workers, worker)
        return bool(self._idle(keys=self._keys(), args=[self.stale, worker, "finish"]))

    def add_sites(self, sites: list[dict[str, Any]]) -> None:
        """The sites a worker crawls (the writer registers them and reports on them)."""
        if sites:
            self.client.hset(self.keys.sites, mapping={s["site"]: json.dumps(s) for s in sites})

    def sites(self) -> list[dict[str, Any]]:
        raw: dict[Any, Any] = self.client.hgetall(self.keys.sites)
        return [json.loads(v) for _k, v in sorted(raw.items())]

    def set(self, **fields: Any) -> None:
        mapping: dict[Any, Any] = dict(fields)
        self.client.hset(self.keys.run, mapping=mapping)


def _text(value: Any) -> str:
    return value.decode() if isinstance(value, bytes) else str(value)
