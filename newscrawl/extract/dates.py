"""Date parsing: every format a newsroom prints, to ISO 8601 keeping the publisher's offset.

Output forms: ``YYYY-MM-DD`` (day only), ``YYYY-MM-DDTHH:MM:SS`` (time without zone) or
``YYYY-MM-DDTHH:MM:SS+HH:MM``. Values are never shifted to another zone.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date, datetime, timedelta
from email.utils import parsedate_to_datetime
from functools import lru_cache
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from newscrawl.extract.text import words

MONTHS: dict[str, int] = {}
for _n, _names in enumerate(
    (
        "january jan janvier janv januar jänner jän enero ene gennaio gen janeiro januari "
        "stycznia ocak января يناير كانون_الثاني",
        "february feb février févr fevrier februar febrero febbraio fevereiro fev februari "
        "lutego şubat февраля فبراير شباط",
        "march mar mars märz maerz marzo março maart marca mart марта مارس آذار",
        "april apr avril avr abril aprile kwietnia nisan апреля أبريل ابريل نيسان",
        "may mai mayo maggio maio mag mei maj maja mayıs мая مايو أيار",
        "june jun juin juni junio giugno junho giu czerwca haziran июня يونيو حزيران",
        "july jul juillet juil juli julio luglio julho lug lipca temmuz июля يوليو تموز",
        "august aug août aout agosto ago augustus augusti sierpnia ağustos августа أغسطس اغسطس آب",
        "september sep sept septembre septiembre settembre setembro set września eylül "
        "сентября سبتمبر أيلول",
        "october oct octobre oktober okt octubre ottobre outubro out ott października ekim "
        "октября أكتوبر اكتوبر تشرين_الأول",
        "november nov novembre noviembre novembro listopada kasım ноября نوفمبر تشرين_الثاني",
        "december dec décembre decembre dezember dez diciembre dic dicembre dezembro desember "
        "grudnia aralık декабря ديسمبر كانون_الأول",
    ),
    start=1,
):
    for _name in _names.split():
        MONTHS[_name.replace("_", " ")] = _n  # "كانون_الثاني": a two-word name

_MONTH = "|".join(sorted((re.escape(m) for m in MONTHS), key=len, reverse=True))
_WEEKDAY = (
    r"(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)(?:day|nesday|sday|urday)?\.?"
    r"|(?:montag|dienstag|mittwoch|donnerstag|freitag|samstag|sonntag)"
)
# Fixed offsets of zone abbreviations; ambiguous US zone names resolve by date (see _zone).
_ZONE_OFFSETS = {
    "z": 0, "utc": 0, "gmt": 0, "bst": 60, "ist": 330, "cet": 60, "cest": 120, "mez": 60,
    "mesz": 120, "eet": 120, "eest": 180, "wet": 0, "west": 60, "est": -300, "edt": -240,
    "cst": -360, "cdt": -300, "mst": -420, "mdt": -360, "pst": -480, "pdt": -420,
    "akst": -540, "akdt": -480, "hst": -600, "jst": 540, "kst": 540, "aest": 600,
    "aedt": 660, "awst": 480, "nzst": 720, "nzdt": 780, "sast": 120, "wat": 60, "eat": 180,
}  # fmt: skip
_ZONE_NAMES = {
    "et": "America/New_York", "ct": "America/Chicago", "mt": "America/Denver",
    "pt": "America/Los_Angeles",
}  # fmt: skip
_TZ = (
    r"(?P<tz>[zZ]|[+-]\d{2}(?::?\d{2})?|(?:utc|gmt)(?:\s*[+-]\d{1,2}(?::?\d{2})?)?|"
    + "|".join(
        sorted((k for k in {**_ZONE_OFFSETS, **_ZONE_NAMES} if len(k) > 1), key=len, reverse=True)
    )
    + r")\b"
)
_TIME = (
    r"(?P<hour>\d{1,2})(?:[:.h](?P<minute>\d{2}))(?::(?P<second>\d{2})(?:[.,]\d+)?)?"
    r"\s*(?P<ampm>[ap]\.?\s?m\b\.?)?(?:\s*(?:uhr|h)\b)?\s*(?:\(?" + _TZ + r"\)?)?"
    r"|(?P<hour12>\d{1,2})\s*(?P<ampm12>[ap]\.?\s?m\b\.?)(?:\s*\(?"
    + _TZ.replace("?P<tz>", "?P<tz12>")
    + r"\)?)?"
)
_TIME_SEP = r"(?:\s*(?:,|\bat\b|\bum\b|\bà\b|\ba las\b|\balle\b|-|–|—|\||/|T)?\s*)"
_ISO = re.compile(
    r"(?<!\d)(?P<year>(?:19|20)\d{2})(?P<sep>[-/.])(?P<month>\d{1,2})(?P=sep)(?P<day>\d{1,2})(?!\d)"
    r"(?:[T\s]+(?P<hour>\d{1,2}):(?P<minute>\d{2})(?::(?P<second>\d{2})(?:[.,]\d+)?)?\s*"
    r"(?P<tz>[zZ]|[+-]\d{2}(?::?\d{2})?|utc|gmt)?)?",
    re.I,
)
_ISO_BASIC = re.compile(
    r"^(?P<year>(?:19|20)\d{2})(?P<month>\d{2})(?P<day>\d{2})"
    r"(?:T(?P<hour>\d{2})(?P<minute>\d{2})(?P<second>\d{2})?(?P<tz>Z|[+-]\d{4})?)?$"
)
_YEAR = re.compile(r"(?:19|20)\d{2}")
_NUMERIC = re.compile(  # 04.03.2025, 4. 3. 2025, 3/4/2025, 04-03-2025
    r"(?<![\d.])(?P<a>\d{1,2})(?P<sep>[/-]|\.\s?)(?P<b>\d{1,2})(?P=sep)"
    r"(?P<year>(?:19|20)\d{2})(?!\d)"
)
_SHORT_YEAR = re.compile(
    r"(?<![\d.])(?P<day>\d{1,2})\.(?P<month>\d{1,2})\.(?P<year>\d{2})(?![\d.]|\.\d)"
)
_MDY = re.compile(
    rf"(?:(?:{_WEEKDAY}),?\s+)?\b(?P<month>{_MONTH})\.?\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<year>(?:19|20)\d{{2}})\b",
    re.I,
)
_DMY = re.compile(
    rf"(?:(?:{_WEEKDAY}),?\s+)?\b(?P<day>\d{{1,2}})(?:st|nd|rd|th|er|º)?\.?\s*(?:de\s+)?(?P<month>{_MONTH})\.?(?:\s*/\s*(?:{_MONTH}))?,?\s+(?:de\s+)?(?P<year>(?:19|20)\d{{2}})\b",
    re.I,
)
_TIME_AFTER = re.compile(_TIME_SEP + r"(?:" + _TIME + r")", re.I)
_TIME_BEFORE = re.compile(r"(?:" + _TIME + r")\s*(?:,|on|-|–|—|\|)?\s*$", re.I)


@lru_cache(maxsize=64)
def _zoneinfo(name: str) -> ZoneInfo | None:
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return None


def _offset_minutes(tz: str, day: date, hour: int, minute: int) -> int | None:
    tz = tz.strip().lower()
    if tz in _ZONE_OFFSETS:
        return _ZONE_OFFSETS[tz]
    if tz in _ZONE_NAMES:
        zone = _zoneinfo(_ZONE_NAMES[tz])
        if zone is None:
            return None
        offset = datetime(day.year, day.month, day.day, hour, minute, tzinfo=zone).utcoffset()
        return int(offset.total_seconds() // 60) if offset is not None else None
    m = re.fullmatch(r"(?:utc|gmt)?\s*([+-])(\d{1,2}):?(\d{2})?", tz)
    if not m:
        return None
    minutes = int(m[2]) * 60 + int(m[3] or 0)
    if minutes > 14 * 60:
        return None
    return -minutes if m[1] == "-" else minutes


def format_iso(
    day: date, hour: int | None = None, minute: int = 0, second: int = 0, offset: int | None = None
) -> str:
    """ISO 8601 text for a day, optionally with a time and an offset in minutes."""
    if hour is None:
        return day.isoformat()
    text = f"{day.isoformat()}T{hour:02d}:{minute:02d}:{second:02d}"
    if offset is None:
        return text
    sign = "-" if offset < 0 else "+"
    return f"{text}{sign}{abs(offset) // 60:02d}:{abs(offset) % 60:02d}"


def _make_day(year: int, month: int, day: int) -> date | None:
    if not 1990 <= year <= 2100:
        return None
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _time_parts(m: re.Match[str] | None) -> tuple[int | None, int, int, str | None]:
    """(hour, minute, second, tz) from a match of _TIME, 24-hour clock; hour None if invalid."""
    if m is None:
        return None, 0, 0, None
    if m.group("hour12"):
        hour, minute, second = int(m["hour12"]), 0, 0
        ampm, tz = m["ampm12"], m["tz12"]
    elif m.group("hour"):
        hour, minute, second = int(m["hour"]), int(m["minute"]), int(m["second"] or 0)
        ampm, tz = m["ampm"], m["tz"]
    else:
        return None, 0, 0, None
    if ampm:
        if not 1 <= hour <= 12:
            return None, 0, 0, None
        pm = ampm.lower().startswith("p")
        hour = (hour % 12) + (12 if pm else 0)
    if hour > 23 or minute > 59 or second > 60:
        return None, 0, 0, None
    return hour, minute, min(second, 59), tz


def _with_time(day: date, text: str, match_end: int, match_start: int) -> str:
    after = _TIME_AFTER.match(text, match_end)
    hour, minute, second, tz = _time_parts(after)
    if hour is None:
        before = _TIME_BEFORE.search(text[max(0, match_start - 40) : match_start])
        hour, minute, second, tz = _time_parts(before)
    if hour is None:
        return format_iso(day)
    offset = _offset_minutes(tz, day, hour, minute) if tz else None
    return format_iso(day, hour, minute, second, offset)


def _from_iso(m: re.Match[str]) -> str | None:
    day = _make_day(int(m["year"]), int(m["month"]), int(m["day"]))
    if day is None:
        return None
    if m["hour"] is None:
        return format_iso(day)
    hour, minute, second = int(m["hour"]), int(m["minute"]), int(m["second"] or 0)
    if hour > 23 or minute > 59:
        return format_iso(day)
    offset = _offset_minutes(m["tz"], day, hour, minute) if m["tz"] else None
    return format_iso(day, hour, minute, min(second, 59), offset)


def _dated(text: str, dayfirst: bool | None) -> tuple[bool, str | None]:
    """(True, the date) when one of the patterns with a four-digit year decides, else
    (False, None)."""
    m = _ISO_BASIC.match(text)
    if m:
        return True, _from_iso(m)
    m = _ISO.search(text)
    if m and m["sep"] != "." and (m["sep"] == "-" or m.start() == 0):
        return True, _from_iso(m)
    for rx in (_MDY, _DMY):
        m = rx.search(text)
        if m:
            month = MONTHS.get(m["month"].lower().rstrip("."))
            day = _make_day(int(m["year"]), month, int(m["day"])) if month else None
            if day:
                return True, _with_time(day, text, m.end(), m.start())
    m = _NUMERIC.search(text)
    if m:
        a, b = int(m["a"]), int(m["b"])
        first_is_day = dayfirst if dayfirst is not None else (m["sep"][0] == "." or a > 12)
        if a > 12:
            first_is_day = True
        elif b > 12:
            first_is_day = False
        d, mo = (a, b) if first_is_day else (b, a)
        day = _make_day(int(m["year"]), mo, d)
        if day:
            return True, _with_time(day, text, m.end(), m.start())
    if m := _ISO.search(text):
        return True, _from_iso(m)
    return False, None


#: English-speaking regions that print the month first (3/4/2025: March 4)
_MONTH_FIRST_REGIONS = frozenset({"us", "ca", "ph", "fm", "mh", "pw", "as", "gu", "mp", "pr", "vi"})
_LOCALE = re.compile(r"^\s*([a-zA-Z]{2,3})(?:[-_]([a-zA-Z]{2}))?\b")


#: country-code domains that name no country's usage ("tv", "io", "me"... sold worldwide)
_OPEN_DOMAINS = frozenset(
    {"tv", "io", "me", "co", "fm", "ai", "ly", "to", "cc", "ws", "gg", "eu", "su"}
)


def with_region(locale: str, url: str) -> str:
    """``locale`` ('en', 'de-AT') given the country of the ``url``'s domain when it names no
    region: 'en' on a '.ie' domain reads as 'en-ie', on '.co.uk' as 'en-gb'. Domains sold
    worldwide ('.tv', '.io') name no country."""
    tag = _LOCALE.match(locale)
    try:
        country = (urlsplit(url).hostname or "").rpartition(".")[2]
    except ValueError:  # a malformed address (an unclosed IPv6 bracket)
        return locale
    if not tag or tag[2] or len(country) != 2 or not country.isalpha():
        return locale
    if country in _OPEN_DOMAINS:
        return locale
    return f"{tag[1]}-{'gb' if country == 'uk' else country}"


def day_first(texts: Iterable[str], locale: str = "") -> bool | None:
    """Whether the page prints numeric dates with slashes or hyphens day first (4/3/2025 is
    4 March), None when it cannot tell (``parse_date``'s default then applies).

    The page's own dates decide first: one whose first number exceeds 12 is day-first,
    one whose second does is month-first (when both occur, nothing is decided). Else its
    language (``<html lang>``, ``og:locale``: 'es', 'pt-BR', 'en_GB'): every language but
    English, and English of a region outside the few that write the month first.
    """
    seen = set()
    for text in texts:
        if "/" not in text and "-" not in text:  # only these separators tell; most lines skip
            continue
        for m in _NUMERIC.finditer(text):
            if m["sep"] in "/-":
                a, b = int(m["a"]), int(m["b"])
                if a > 12 >= b:
                    seen.add(True)
                elif b > 12 >= a:
                    seen.add(False)
    if len(seen) == 1:
        return seen.pop()
    tag = _LOCALE.match(locale)
    if seen or not tag:
        return None
    language, region = tag[1].lower(), (tag[2] or "").lower()
    if language != "en":
        return True
    return True if region and region not in _MONTH_FIRST_REGIONS else None


def parse_date(value: str | None, *, dayfirst: bool | None = None) -> str | None:
    """Parse one date string as printed by a publisher; None when it holds no date.

    ``dayfirst`` resolves numeric dates such as 04/03/2025 (default: US month-first
    with slashes, day-first with dots or when the first number exceeds 12).
    """
    if not value:
        return None
    text = value.strip()
    if len(text) > 300:
        text = text[:300]
    if _YEAR.search(text):  # each pattern of _dated holds a year 19xx or 20xx
        dated, found = _dated(text, dayfirst)
        if dated:
            return found
    if m := _SHORT_YEAR.search(text):  # 28.01.22
        day = _make_day(2000 + int(m["year"]), int(m["month"]), int(m["day"]))
        if day:
            return _with_time(day, text, m.end(), m.start())
    if re.match(r"^[A-Za-z]{3},\s+\d{1,2}\s+[A-Za-z]{3}\s+\d{4}", text):
        try:
            dt = parsedate_to_datetime(text)
        except (TypeError, ValueError, IndexError):
            return None
        day = _make_day(dt.year, dt.month, dt.day)
        if day is None:
            return None
        offset = dt.utcoffset()
        minutes = int(offset.total_seconds() // 60) if offset is not None else None
        return format_iso(day, dt.hour, dt.minute, dt.second, minutes)
    return None


_DATE_WORDS = (
    words(
        "published updated posted last modified on at am pm a m p m gmt utc bst cet cest est "
        "edt cst cdt pst pdt ist et pt th st nd rd de às um uhr le el il à h stand aktualisiert "
        "veröffentlicht publié publicado mis jour monday tuesday wednesday thursday friday "
        "saturday sunday mon tue wed thu fri sat sun montag dienstag mittwoch donnerstag freitag "
        "samstag sonntag lundi mardi mercredi jeudi vendredi samedi dimanche lunes martes "
        "miércoles jueves viernes sábado domingo segunda terça quarta quinta sexta feira "
        "zuletzt bearbeitet letzte aktualisierung erschienen am vom geändert"
    )
    | MONTHS.keys()
)
_WORD = re.compile(r"[^\W\d_]+|\d+")
# A numeric date (04.03.2025, 2025-03-04, 3/4/25) or a clock time (19:15, 7.15 pm), not a
# number such as a price or a score (225.86, -12.99).
_NUMERIC_DATE = re.compile(
    r"\d{1,4}([./-])\s?\d{1,2}\1\s?\d{2,4}|\d:\d\d|(?<!\d)\d{1,2}\.\d\d\s?(?:[ap]\.?m|uhr|h)\b"
)


# A day, one word (a month name in any language) and a year, and nothing else: "12 Μαρτίου
# 2025", "Mart 12, 2025" — the shape of a printed date whatever the language.
_DAY_WORD_YEAR = re.compile(
    r"(?:(?:0?[1-9]|[12]\d|3[01])\.?\s+[^\W\d_]{3,}\.?|[^\W\d_]{3,}\.?\s+(?:0?[1-9]|[12]\d|3[01]),?)"
    r"\s+(?:19|20)\d{2}"
)


def is_date_line(text: str) -> bool:
    """True for a short line that only states a date or time ('Updated at 1:23 p.m.', a day,
    a month's name in any language and a year)."""
    if len(text) > 80:
        return False
    if _DAY_WORD_YEAR.fullmatch(text.strip()):
        return True
    lowered = text.lower()
    words = _WORD.findall(lowered)
    if not any(w.isdigit() for w in words):
        return False
    if not (_NUMERIC_DATE.search(lowered) or any(w in MONTHS for w in words)):
        return False
    return all(w.isdigit() or w in _DATE_WORDS for w in words)


_URL_DATE = re.compile(
    r"/(?P<year>(?:19|20)\d{2})[/-](?P<month>0?[1-9]|1[0-2])[/-](?P<day>0?[1-9]|[12]\d|3[01])(?=[/_.-]|$)"
    r"|[/_-](?P<y2>(?:19|20)\d{2})(?P<m2>0[1-9]|1[0-2])(?P<d2>0[1-9]|[12]\d|3[01])(?=[/_.-]|$)"
)


def date_from_url(url: str) -> str | None:
    """The day encoded in a URL path (/2025/03/04/..., /2025-03-04-..., /20250304/, a slug's
    -20250304- or _20250304_)."""
    m = _URL_DATE.search(url)
    if not m:
        return None
    if m["year"]:
        day = _make_day(int(m["year"]), int(m["month"]), int(m["day"]))
    else:
        day = _make_day(int(m["y2"]), int(m["m2"]), int(m["d2"]))
    return day.isoformat() if day else None


_RELATIVE = re.compile(
    r"\b(?P<n>\d+|an?|one)\s+(?P<unit>minute|min|hour|hr|day|week)s?\s+ago\b", re.I
)
_UNIT_SECONDS = {"minute": 60, "min": 60, "hour": 3600, "hr": 3600, "day": 86400, "week": 604800}


def parse_relative(value: str, now: datetime) -> str | None:
    """Resolve '3 hours ago' against ``now`` (a timezone-aware fetch time)."""
    m = _RELATIVE.search(value)
    if not m:
        return None
    n = 1 if m["n"].lower() in {"a", "an", "one"} else int(m["n"])
    moment = now - timedelta(seconds=n * _UNIT_SECONDS[m["unit"].lower()])
    if m["unit"].lower() in {"day", "week"}:
        return moment.date().isoformat()
    offset = moment.utcoffset() or timedelta(0)
    return format_iso(
        moment.date(), moment.hour, moment.minute, 0, int(offset.total_seconds() // 60)
    )
