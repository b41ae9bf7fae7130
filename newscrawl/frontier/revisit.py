"""When a known page is fetched again (pure: no Scrapy, no database).

Articles follow an age -> interval schedule like NewsDiffs: often while young, rarely
when old, then never. An article's age counts from its publication (its first fetch when
the date is unknown) or from its last detected change, whichever is later, so an article
that is being edited is checked often again.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

#: NewsDiffs-like: every 15 minutes while younger than 3 hours, hourly within a day,
#: every 3 hours within a week, every 3 days within a month, then never.
DEFAULT_SCHEDULE = "3h:15m,1d:1h,7d:3h,30d:3d"
#: Share of an interval that must have passed: a cron period equal to the interval
#: then revisits every run instead of every other one.
DUE_FRACTION = 0.9
_UNITS = {"s": 1, "m": 60, "h": 3600, "d": 86400, "w": 7 * 86400}
_DURATION = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([smhdw]?)\s*$", re.IGNORECASE)
#: Page kinds read every run whatever their state (listings, feeds, robots.txt, ...).
ARTICLE = "article"
SITEMAP = "sitemap"


class ScheduleError(ValueError):
    """A revisit schedule that cannot be read."""


def parse_duration(text: str) -> timedelta:
    """'15m' -> 15 minutes; units s, m, h, d, w (no unit: seconds)."""
    match = _DURATION.match(text)
    if not match:
        raise ScheduleError(f"not a duration: {text!r} (use e.g. 30s, 15m, 3h, 7d, 2w)")
    return timedelta(seconds=float(match.group(1)) * _UNITS[(match.group(2) or "s").lower()])


@dataclass(frozen=True)
class Step:
    """Pages younger than ``max_age`` (None: any age) are due every ``interval`` (None: never)."""

    max_age: timedelta | None
    interval: timedelta | None


def parse_schedule(value: str | Iterable[str] | Iterable[Sequence[str]]) -> tuple[Step, ...]:
    """Read a schedule: ``"3h:15m,1d:1h,*:never"`` or a list of such steps or of pairs."""
    items: list[str | Sequence[str]]
    items = [s for s in value.split(",") if s.strip()] if isinstance(value, str) else list(value)
    steps = []
    for item in items:
        pair = item.split(":") if isinstance(item, str) else list(item)
        if len(pair) != 2:
            raise ScheduleError(f"schedule steps are AGE:INTERVAL, got {item!r}")
        age_text, interval_text = (str(p).strip() for p in pair)
        max_age = None if age_text == "*" else parse_duration(age_text)
        interval = None if interval_text.lower() == "never" else parse_duration(interval_text)
        steps.append(Step(max_age, interval))
    finite = [s.max_age for s in steps if s.max_age is not None]
    if finite != sorted(finite) or any(s.max_age is None for s in steps[:-1]):
        raise ScheduleError("schedule steps must go from young to old ('*' only last)")
    return tuple(steps)


def _latest(*moments: datetime | None) -> datetime | None:
    known = [m for m in moments if m is not None]
    return max(known) if known else None


@dataclass(frozen=True)
class RevisitPolicy:
    """Decides whether a known page is due; ``revisit_all`` makes every page due (audits)."""

    steps: tuple[Step, ...] = parse_schedule(DEFAULT_SCHEDULE)
    revisit_all: bool = False

    def interval(self, age: timedelta) -> timedelta | None:
        """How often a page of this age is re-fetched; None: never again."""
        for step in self.steps:
            if step.max_age is None or age < step.max_age:
                return step.interval
        return None

    @property
    def horizon(self) -> timedelta | None:
        """Articles older than this are never due again (None: no such age)."""
        if any(s.max_age is None and s.interval is not None for s in self.steps):
            return None
        revisited = [s.max_age for s in self.steps if s.interval is not None and s.max_age]
        return max(revisited, default=timedelta(0))

    def due(
        self,
        kind: str | None,
        now: datetime,
        fetched: datetime | None,
        born: datetime | None = None,
        changed: datetime | None = None,
        hint: datetime | None = None,
    ) -> bool:
        """Whether a known page of ``kind`` should be fetched again.

        ``fetched``: last successful fetch; ``born``: publication (else first fetch);
        ``changed``: last detected change; ``hint``: a lastmod/updated date a sitemap or
        feed gave (newer than our fetch: it changed). Articles follow the schedule, child
        sitemaps are due when their lastmod is newer than our fetch (or unknown), anything
        else (listings, feeds, robots.txt) always.
        """
        if self.revisit_all or fetched is None or (hint is not None and hint > fetched):
            return True
        if kind == SITEMAP:
            return hint is None
        if kind != ARTICLE:
            return True
        start = _latest(born, changed) or fetched
        interval = self.interval(max(now - start, timedelta(0)))
        return interval is not None and now - fetched >= interval * DUE_FRACTION
