"""The one clock and the archive's timestamp format: UTC, ISO 8601 to the second.

``parse_utc`` reads a date from a feed, sitemap, HTTP header or article (W3C/ISO 8601,
RFC 822) as an aware UTC datetime; ``utc_iso`` gives it as stored in the archive.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime

_YEAR_MONTH = re.compile(r"^\d{4}-\d{2}$")


def parse_utc(value: str | None) -> datetime | None:
    """A date from a feed, sitemap or article as an aware UTC datetime; None when unreadable.

    Dates without a time mean midnight UTC; times without a zone are taken as UTC.
    """
    if not value:
        return None
    text = value.strip()
    if _YEAR_MONTH.match(text):
        text += "-01"
    moment: datetime | None
    try:
        moment = datetime.fromisoformat(text.replace("Z", "+00:00").replace("z", "+00:00"))
    except ValueError:
        try:
            moment = parsedate_to_datetime(text)
        except (TypeError, ValueError, IndexError):
            return None
    if moment is None:
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC)


def utc_iso(value: str | None) -> str | None:
    """:func:`parse_utc` as stored in the archive ('2025-03-04T16:45:00+00:00')."""
    moment = parse_utc(value)
    return moment.isoformat(timespec="seconds") if moment else None


def utc_now() -> datetime:
    """The current time in UTC (the one place that reads the clock)."""
    return datetime.now(UTC)


def iso(moment: datetime) -> str:
    """A time as stored in the archive ('2025-03-04T16:45:00+00:00')."""
    return moment.astimezone(UTC).isoformat(timespec="seconds")


def now_iso() -> str:
    """The current UTC time as stored in the archive."""
    return iso(utc_now())
