"""What one worker's components share: its Redis client, the job's keys, the outbox and
the run's budget state."""

from __future__ import annotations

import json
import os
import re
import socket
import uuid
from typing import Any
from weakref import WeakKeyDictionary

import redis
from scrapy.crawler import Crawler

from newscrawl.distributed.budget import RedisBudgetState
from newscrawl.distributed.connection import JobKeys, connect

_JOB = re.compile(r"^[A-Za-z0-9_.-]{1,64}$")


class Outbox:
    """Messages to the writer: operations buffered, sent as one stream entry per flush, so
    an article and the fetch of its page arrive (and are committed) together."""

    def __init__(self, client: redis.Redis, stream: str, worker: str):
        self.client = client
        self.stream = stream
        self.worker = worker
        self.ops: list[list[Any]] = []

    def add(self, op: list[Any]) -> None:
        self.ops.append(op)

    def flush(self) -> None:
        """Send the buffered operations (they stay buffered if Redis refuses them)."""
        if not self.ops:
            return
        ops = json.dumps(self.ops, ensure_ascii=False, default=str)
        self.client.xadd(self.stream, {"worker": self.worker, "ops": ops})
        self.ops = []


class Worker:
    """This process's place in the job: its name, client, keys, outbox and the run's
    shared budget state."""

    def __init__(self, client: redis.Redis, keys: JobKeys, name: str, lease_seconds: float):
        self.client = client
        self.keys = keys
        self.name = name
        self.outbox = Outbox(client, keys.items, name)
        self.budget = RedisBudgetState(client, keys, lease_seconds)


_WORKERS: WeakKeyDictionary[Crawler, Worker] = WeakKeyDictionary()


def job_name(value: Any) -> str:
    """``NEWSCRAWL_REDIS_JOB`` checked: letters, digits, ``_ . -``."""
    job = str(value or "news")
    if not _JOB.match(job):
        raise ValueError(f"NEWSCRAWL_REDIS_JOB must be letters, digits, _ . - (got {job!r})")
    return job


def worker_for(crawler: Crawler) -> Worker:
    """The crawl's :class:`Worker` (connects to ``NEWSCRAWL_REDIS_URL`` on first use)."""
    worker = _WORKERS.get(crawler)
    if worker is None:
        settings = crawler.settings
        keys = JobKeys(job_name(settings.get("NEWSCRAWL_REDIS_JOB")))
        name = f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:6]}"
        client = connect(settings["NEWSCRAWL_REDIS_URL"])
        worker = Worker(client, keys, name, settings.getfloat("NEWSCRAWL_REDIS_LEASE"))
        _WORKERS[crawler] = worker
    return worker
