"""The Redis connection of a distributed crawl: URL, one clear error, the job's keys."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlsplit, urlunsplit

import redis

#: Seconds to wait for a connection before giving up with :class:`RedisUnavailable`.
CONNECT_TIMEOUT = 5.0


class RedisUnavailable(Exception):
    """Redis cannot be reached or refused us (the message is one line for the user)."""


def redact(url: str) -> str:
    """``url`` with its password replaced by ``***`` (for messages and logs)."""
    parts = urlsplit(url)
    if parts.password is None:
        return url
    user = parts.username or ""
    host = parts.hostname or ""
    netloc = f"{user}:***@{host}" + (f":{parts.port}" if parts.port else "")
    return urlunsplit(parts._replace(netloc=netloc))


def connect(url: str, timeout: float = CONNECT_TIMEOUT) -> redis.Redis:
    """A client for ``url`` (``redis://[:password@]host[:port][/db]``, ``rediss://`` for
    TLS, ``unix://``), checked with a PING."""
    try:
        client = redis.Redis.from_url(
            url, socket_connect_timeout=timeout, socket_timeout=30, health_check_interval=15
        )
        client.ping()
    except (redis.RedisError, ValueError, OSError) as exc:
        reason = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise RedisUnavailable(f"cannot use Redis at {redact(url)}: {reason}") from exc
    return client


#: The fixed keys of a run's budget state (its buckets are listed in ``budget:keys``).
_BUDGET_KEYS = ("counts", "claimed", "marks", "found-on", "charged", "charges", "buckets",
                "entries", "sequence", "taken", "taken-entries", "keys")  # fmt: skip


@dataclass(frozen=True)
class JobKeys:
    """The Redis keys of one job (``NEWSCRAWL_REDIS_JOB``): one crawl shared by workers."""

    job: str

    def key(self, name: str) -> str:
        return f"newscrawl:{self.job}:{name}"

    @property
    def run(self) -> str:  # hash: id, phase, crawl_id, sites
        return self.key("run")

    @property
    def workers(self) -> str:  # hash: worker name -> JSON heartbeat
        return self.key("workers")

    @property
    def requests(self) -> str:  # sorted set: encoded requests by priority
        return self.key("requests")

    @property
    def leases(self) -> str:  # sorted set: lease id -> deadline
        return self.key("leases")

    @property
    def leased(self) -> str:  # hash: lease id -> score and encoded request
        return self.key("leased")

    @property
    def tries(self) -> str:  # hash: lease id -> times its lease expired
        return self.key("tries")

    @property
    def sequence(self) -> str:  # counter: first in, first out within a priority
        return self.key("sequence")

    @property
    def seen(self) -> str:  # set: request fingerprints (the shared duplicate filter)
        return self.key("seen")

    def budget_key(self, name: str) -> str:
        """A key of the run's crawl budget state (``newscrawl.distributed.budget``)."""
        return self.key(f"budget:{name}")

    @property
    def budget_keys(self) -> str:  # set: the budget's keys made on the way (its buckets)
        return self.budget_key("keys")

    @property
    def taken(self) -> str:  # sorted set: held URLs a worker took -> deadline
        return self.budget_key("taken")

    @property
    def robots(self) -> str:  # hash: netloc -> robots.txt body ("" after an error)
        return self.key("robots")

    @property
    def pages(self) -> str:  # hash: URL -> JSON page state, as the writer published it
        return self.key("pages")

    @property
    def traps(self) -> str:  # set: trap shapes, as the writer published them
        return self.key("traps")

    @property
    def items(self) -> str:  # stream: what the workers send the writer
        return self.key("items")

    @property
    def sites(self) -> str:  # hash: site key -> JSON of the site (name, agency, start URLs)
        return self.key("sites")

    def gate(self, slot: str) -> tuple[str, str]:
        """The politeness keys of a download slot: requests in flight, next start time."""
        return self.key(f"gate:{slot}:busy"), self.key(f"gate:{slot}:next")

    def robots_lock(self, netloc: str) -> str:
        return self.key(f"robots-lock:{netloc}")

    def run_keys(self) -> list[str]:
        """The keys that belong to one run and are cleared when the next run starts."""
        budget = [self.budget_key(name) for name in _BUDGET_KEYS]
        return [
            self.requests, self.leases, self.leased, self.tries, self.seen, self.robots,
            self.pages, self.traps, self.workers, *budget,
        ]  # fmt: skip
