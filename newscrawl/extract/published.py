"""Published and modified dates: declared metadata first, then what the page prints.

Sources, most reliable first: JSON-LD, specific meta names (``article:published_time``...),
microdata, ``<time>`` elements, dates printed between the headline and the body (or just
after the body), the URL; generic meta names (``date``) give way to a printed date. With none
of those, a publication key in the page's script data (``"publishDate": "2024-03-05"``), the
dated line nearest the headline anywhere on the page, the <title>, the lead image's URL. A
machine date in UTC is replaced by the page's own rendering of the same moment (or of the
neighbouring day) in the publisher's zone; values are never shifted by us.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date, datetime, timedelta

from lxml.html import HtmlElement

from newscrawl.extract.body import Body, head_span, tail_span
from newscrawl.extract.dates import (
    date_from_url,
    day_first,
    format_iso,
    is_date_line,
    parse_date,
    parse_relative,
    with_region,
)
from newscrawl.extract.layout import Layout
from newscrawl.extract.metadata import find_image
from newscrawl.extract.structured import Structured, ld_text

PUBLISHED_META = (
    "article:published_time", "og:article:published_time", "article.published",
    "datepublished", "pubdate", "publishdate", "publish-date", "publish_date",
    "publication_date", "dc.date.issued", "dcterms.issued", "sailthru.date", "parsely-pub-date",
    "article:published", "og:published_time", "cxenseparse:recs:publishtime",
    "originalpublicationdate", "displaydate", "release_date", "citation_publication_date",
    "article_date_original", "pub_date",
)  # fmt: skip
# Meta names that may hold any date of the page (creation, last change): weaker than a
# microdata datePublished or a date printed under the headline.
GENERIC_DATE_META = (
    "dc.date", "dcterms.date", "dcterms.created", "dc.date.created", "citation_date", "date",
    "created", "date.available",
)  # fmt: skip
MODIFIED_META = (
    "article:modified_time", "og:updated_time", "og:article:modified_time",
    "datemodified", "dc.date.modified", "dcterms.modified", "lastmod", "last-modified",
    "article.updated", "parsely-updated", "revised", "sailthru.lastmodified", "dateupdate",
)  # fmt: skip
_UPDATED = re.compile(
    r"\b(?:updated?|last (?:updated|modified)|modified|edited|revised|aktualisiert|geändert|"
    r"mis à jour|actualizado|actualizada|atualizado|aggiornato|bijgewerkt|stand)\b",
    re.I,
)
_PUBLISHED = re.compile(
    r"\b(?:published|posted|first published|created|veröffentlicht|erstellt|publié|publicado|"
    r"publicada|pubblicato|gepubliceerd|erschienen|datum|date|gespeichert|eingestellt|"
    r"geschrieben|publiziert|vom)\b",
    re.I,
)
# A dateline opening the first paragraph: "BERLIN, 25. Januar 2022 – ..."
_DATELINE = re.compile(r"^(.{6,50}?)\s*(?:[-–—|:]\s|(?<=\d{4})\.\s|(?<!\d)\.\s)")
_DATE_ZONES = frozenset({"", "meta", "byline", "header", "aside", "form"})
_TAIL_ZONES = _DATE_ZONES | {"footer"}
# zones read only between the headline and the first paragraph: a share bar or a footer
# under the headline holds the article's date there (captions, teasers and ads do not)
_BAR_ZONES = frozenset({"share", "footer"})
_MAX_DATE_LINE = 200
_MAX_SCAN_LINE = 160
_DATELINE_PARAGRAPHS = 3  # body paragraphs that may open with a dateline
_BODY_END = 3  # last body lines searched for "Posted on ..."/"Aktualisiert am ..." lines
_SCAN_SKIPPED = frozenset({"comment"})
_LIST_ZONES = frozenset({"related", "nav"})
_DIGIT = re.compile(r"\d")
_MAX_OFFSET_HOURS = 10
_MAX_PRINTED_OFFSET = 14  # hours: the widest UTC offset in use
_QUARTER_HOUR = 900  # seconds: every UTC offset in use is a multiple of it
_CLOCK = re.compile(r"\d:\d\d")
_INTO_BODY = 3  # body lines searched for a dated line (some sit below the first paragraph)
# A key in a script's data or an attribute, on the lowercased page ("publishdate", "pubdate",
# "post_date", "pagefechapublicacion", "&quot;publicationdate&quot;"), and the ISO day it holds;
# the pattern opens with literals, which the regex engine skips to (a case-blind or
# alternative-word pattern costs several times as much a page).
_DATA_DATE = re.compile(
    r"""((?:pub|post_?date)[\w.-]*)(?:\\?["']|&quot;)?\s*[:=]\s*"""
    r"""(?:\\?["']|&quot;)?((?:19|20)\d\d-\d\d-\d\d)"""
    r"(t\d\d:\d\d(?::\d\d)?(?:\.\d+)?(?:z|[+-]\d\d:?\d\d)?)?"  # its time, when given
)
_KEY_START = re.compile(r"[\w.:-]*\Z")  # the key's part before "pub"
_PUBLISHED_KEY = re.compile(r"publi|pubdate|first_?pub|post_?date")
_OTHER_KEY = re.compile(r"updat|modif|edit|last")
_KEY_REACH = 40


def _is_utc(value: str) -> bool:
    return value.endswith("+00:00")


def _day(value: str) -> date:
    return date.fromisoformat(value[:10])


def _split_labels(text: str) -> tuple[str, str]:
    """(published part, updated part) of a line such as 'Published 3 May, updated 4 May'."""
    m = _UPDATED.search(text)
    if not m:
        return text, ""
    if m.start() == 0 or not _PUBLISHED.search(text[: m.start()]):
        # 'Updated 4 May' alone, or 'Updated 4 May | Published 3 May'
        p = _PUBLISHED.search(text, m.end())
        if p:
            return text[p.start() :], text[: p.start()]
        return ("", text) if m.start() < 20 else (text[: m.start()], text[m.start() :])
    return text[: m.start()], text[m.start() :]


def _parse_line(text: str, now: datetime | None, dayfirst: bool | None = None) -> str | None:
    value = parse_date(text, dayfirst=dayfirst)
    if value is None and now is not None:
        value = parse_relative(text, now)
    return value


class _Visible:
    """Dates printed around the article, first found wins, in this order.

    Lines from just above the headline down to the first paragraph; a dateline opening a line
    at the top or one of the first paragraphs ("BERLIN, 4. März 2025 – ..."); labelled lines a
    few lines into the body; labelled or date-only lines at the end of the body and after it.
    A line's "Updated ..." part gives the modified date, the rest the published one.
    """

    def __init__(
        self,
        layout: Layout,
        head: int,
        body: Body,
        now: datetime | None,
        dayfirst: bool | None = None,
    ) -> None:
        self.published: str | None = None
        self.modified: str | None = None
        self._dayfirst = dayfirst
        blocks = self._blocks = layout.blocks
        span = head_span(layout, head, body, _INTO_BODY)
        bars = range(head + 1, body.lead) if head >= 0 else range(0)
        self._scan([i for i in span if i <= body.lead or body.lead < 0], now, bars=bars)
        if self.published is None and body.lead >= 0:
            paragraphs = [blocks[i] for i in span if i < body.lead and blocks[i].zone != "comment"]
            paragraphs += [b for b in blocks[body.lead : body.last + 1] if b.is_paragraph][
                :_DATELINE_PARAGRAPHS
            ]
            for block in paragraphs:
                self._dateline(block.text, now)
                if self.published:
                    break
        inside = [i for i in span if i > body.lead >= 0]
        if self.published is None:
            self._scan(inside, now, labelled=True)
        if self.published is None and body.last >= 0:
            ending = range(max(body.lead, body.last - _BODY_END), body.last)
            tail = [*ending, *tail_span(layout, body, _TAIL_ZONES)]
            # under a head that prints only "Updated ..." / "Stand: ...", a bare date after
            # the body is another story's: only a labelled line there counts
            self._scan(tail, now, labelled=True, bare=self.modified is None)

    def _dateline(self, text: str, now: datetime | None) -> None:
        m = _DATELINE.match(text)
        if m:
            self.published = _parse_line(m.group(1), now, self._dayfirst)

    def _scan(
        self,
        indexes: Sequence[int],
        now: datetime | None,
        labelled: bool = False,
        bars: range = range(0),
        bare: bool = True,
    ) -> None:
        """Read the blocks at ``indexes``; those in ``bars`` (between the headline and the
        first paragraph) also in a share bar or the header's footer. ``labelled``: only
        lines with a publication or update label, or (if ``bare``) a date alone."""
        for i in indexes:
            block = self._blocks[i]
            text = block.text
            if len(text) > _MAX_DATE_LINE or not (
                block.zone in _DATE_ZONES or (block.zone in _BAR_ZONES and i in bars)
            ):
                continue
            if labelled and not (
                _PUBLISHED.search(text) or _UPDATED.search(text) or (bare and is_date_line(text))
            ):
                continue
            published, updated = _split_labels(text)
            if published and self.published is None:
                self.published = _parse_line(published, now, self._dayfirst)
            if updated and self.modified is None:
                self.modified = _parse_line(updated, now, self._dayfirst)
            if self.published and self.modified:
                return


def _teaser(el: HtmlElement, position: int, body: Body) -> bool:
    """Whether a ``<time>`` below the article's text sits in a list item: another story's."""
    return 0 <= body.last < position and any(a.tag == "li" for a in el.iterancestors())


def _time_elements(
    layout: Layout, body: Body, head: int, dayfirst: bool | None = None
) -> tuple[str | None, str | None]:
    published = modified = generic = None
    region = head_span(layout, head, body).start
    for position, block in layout.times:
        if block.zone not in _DATE_ZONES:
            continue
        el = block.element
        hint = f"{el.get('class', '')} {el.get('itemprop', '')} {el.get('pubdate', '')}".lower()
        parent = el.getparent()
        if parent is not None:
            hint += f" {parent.get('class', '')}".lower()
        value = parse_date(block.text, dayfirst=dayfirst)
        if value is None:
            continue
        if "publi" in hint or "pubdate" in hint or el.get("pubdate") is not None:
            published = published or value
        elif "modif" in hint or "updat" in hint:
            modified = modified or value
        elif (
            generic is None
            and (body.container is None or body.container in block.path or position >= region)
            and not _teaser(el, position, body)
        ):
            generic = value
    return published or generic, modified


def _declared(
    structured: Structured, names: tuple[str, ...], ld_key: str
) -> tuple[str | None, bool]:
    """(first declared date, whether it came from a generic meta name such as 'date')."""
    art = structured.article
    candidates = [ld_text(art, ld_key)] if art else []
    candidates += [raw for name in names for raw in structured.meta.get(name, ())]
    candidates += structured.microdata.get(ld_key.lower(), [])
    candidates += [ld_text(node, ld_key) for node in structured.nodes]
    for raw in candidates:
        value = parse_date(raw)
        if value:
            return value, False
    if names is PUBLISHED_META:
        for name in GENERIC_DATE_META:
            for raw in structured.meta.get(name, ()):
                value = parse_date(raw)
                if value:
                    return value, True
    return None, False


def _local(
    value: str,
    others: list[str | None],
    url_day: str | None,
    printed: Sequence[str] = (),
    changed: str | None = None,
) -> str:
    """A UTC machine date replaced by the page's own local rendering of the same moment.

    First an offset-carrying value for the same instant (a ``<time>`` element); else a date
    printed for the neighbouring day, when a plausible zone (within ±10 h) gets there, the
    URL does not confirm the UTC day and it is not the declared modification moment
    (``changed``) in local time; else a date and clock time printed around the headline
    that is the same moment at a whole-quarter-hour offset (day and month read either way).
    """
    if not _is_utc(value) or len(value) < 19 or url_day == value[:10]:
        return value
    moment = datetime.fromisoformat(value)
    for other in others:
        if (
            other
            and len(other) > 19
            and not _is_utc(other)
            and (abs(datetime.fromisoformat(other) - moment) <= timedelta(minutes=2))
        ):
            return other
    hours = moment.hour + moment.minute / 60
    for other in others:
        if not other or other[:10] == value[:10]:
            continue
        if _is_moment(other, changed) and not _is_moment(other, value):
            continue  # the page's "updated" time, not the publication's in local time
        step = (_day(other) - _day(value)).days
        if (step == 1 and hours >= 24 - _MAX_OFFSET_HOURS) or (
            step == -1 and hours < _MAX_OFFSET_HOURS
        ):
            return other
    return _printed_local(moment, printed) or value


def _is_moment(other: str, moment: str | None) -> bool:
    """Whether the date and clock time ``other`` is the UTC ``moment`` seen from some zone
    (a whole-quarter-hour offset of at most 14 hours: 11:46 is 09:46Z, never 17:29Z)."""
    if moment is None or len(other) < 19 or not _is_utc(moment):
        return False
    utc = datetime.fromisoformat(moment[:16])
    offset = (datetime.fromisoformat(other[:16]) - utc).total_seconds()
    return offset % _QUARTER_HOUR == 0 and abs(offset) <= _MAX_PRINTED_OFFSET * 3600


def _printed_local(moment: datetime, printed: Sequence[str]) -> str | None:
    """The first printed clock time that is ``moment`` seen from another zone, with its offset."""
    utc = moment.replace(tzinfo=None, second=0)
    for text in printed:
        for dayfirst in (True, False):
            value = parse_date(text, dayfirst=dayfirst)
            if value is None or len(value) != 19:  # a local date and time, no offset
                continue
            offset = datetime.fromisoformat(value) - utc
            minutes = int(offset.total_seconds()) // 60
            if (
                offset.total_seconds() % _QUARTER_HOUR == 0
                and 0 < abs(minutes) <= _MAX_PRINTED_OFFSET * 60
                and value[:10] != utc.date().isoformat()
            ):
                return format_iso(
                    date.fromisoformat(value[:10]),
                    int(value[11:13]),
                    int(value[14:16]),
                    offset=minutes,
                )
    return None


def _printed_times(layout: Layout, head: int, body: Body) -> list[str]:
    """Short lines with a clock time from above the headline to the first paragraph."""
    return [
        block.text
        for block in (layout.blocks[i] for i in head_span(layout, head, body))
        if block.zone not in _SCAN_SKIPPED
        and len(block.text) <= _MAX_DATE_LINE
        and _CLOCK.search(block.text)
    ]


def _choose(declared: str | None, shown: list[str | None]) -> str | None:
    """The declared date, unless two visible sources agree on another day.

    Metadata is sometimes stale or another article's; a ``<time>`` element and the printed
    line agreeing against it are more likely right. Otherwise the first source found.
    """
    seen = [s for s in shown if s]
    if declared and len(seen) >= 2 and seen[0][:10] == seen[1][:10] != declared[:10]:
        return seen[0]
    return declared or next(iter(seen), None)


def _page_scan(layout: Layout, head: int, title: str, dayfirst: bool | None = None) -> str | None:
    """Last resort: the dated line nearest the headline anywhere on the page, else the title.

    Lines in link lists (related stories, navigation) count only when nothing else is dated.
    """
    best: tuple[tuple[bool, int], str] | None = None
    anchor = max(head, 0)
    for i, block in enumerate(layout.blocks):
        text = block.text
        if block.zone in _SCAN_SKIPPED or len(text) > _MAX_SCAN_LINE or not _DIGIT.search(text):
            continue
        rank = (block.zone in _LIST_ZONES, abs(i - anchor))
        if best is not None and rank >= best[0]:
            continue
        value = parse_date(text, dayfirst=dayfirst)
        if value:
            best = (rank, value)
    return best[1] if best else parse_date(title, dayfirst=dayfirst)


def data_date(source: str) -> str | None:
    """The date the page's script data or attributes give under a publication key
    (``"publishDate": "2024-03-05T08:10:00+01:00"``, with its time and offset when the first
    value gives them), when every value of the first such key names that day: a key naming
    several days is a listing's (teasers of other stories)."""
    key, first = "", ""
    days = set()
    text = source.lower()
    for m in _DATA_DATE.finditer(text):
        before = _KEY_START.search(text, max(0, m.start() - _KEY_REACH), m.start())
        name = f"{before[0] if before else ''}{m[1]}"
        if not _PUBLISHED_KEY.search(name) or _OTHER_KEY.search(name) or key not in ("", name):
            continue
        key, first = name, first or f"{m[2]}{m[3] or ''}"
        days.add(m[2])
    if len(days) != 1:
        return None
    return parse_date(first) or days.pop()


def find_dates(
    layout: Layout,
    structured: Structured,
    url: str,
    head: int,
    body: Body,
    now: datetime | None = None,
    locale: str = "",
    source: str = "",
) -> tuple[str | None, str | None]:
    """(published, modified) as ISO 8601 strings, from the most reliable source available;
    numeric dates read day or month first as the page's dates and ``locale`` (its language
    tag) tell (:func:`~newscrawl.extract.dates.day_first`); ``source``: the page's HTML, whose
    script data is read when nothing printed dates the page (:func:`data_date`)."""
    lines = (b.text for b in layout.blocks if len(b.text) <= _MAX_DATE_LINE)
    dayfirst = day_first(lines, with_region(locale, url))
    declared_pub, generic = _declared(structured, PUBLISHED_META, "datePublished")
    declared_mod, _ = _declared(structured, MODIFIED_META, "dateModified")
    time_pub, time_mod = _time_elements(layout, body, head, dayfirst)
    visible = _Visible(layout, head, body, now, dayfirst)
    url_day = date_from_url(url)
    if generic and (time_pub or visible.published or visible.modified):
        declared_pub = None  # a bare 'date' meta gives way to the dates printed on the page
    published = _choose(declared_pub, [time_pub, visible.published]) or url_day
    if (
        not (declared_pub or time_pub)
        and url_day
        and published
        and abs((_day(published) - _day(url_day)).days) == 1
    ):
        published = url_day  # a printed neighbouring day: the URL was made at publication
    modified = _choose(declared_mod, [time_mod, visible.modified])
    # A page that prints only "Updated ..." / "Stand: ..." dates its text by that line.
    published = published or modified or data_date(source)
    published = published or _page_scan(layout, head, structured.title, dayfirst)
    published = published or date_from_url(find_image(structured, url))
    if published:
        others = [time_pub, visible.published, declared_pub, url_day]
        printed = _printed_times(layout, head, body)
        published = _local(published, others, url_day, printed, declared_mod)
    if modified:
        modified = _local(modified, [time_mod, visible.modified], None)
        if published and modified[:10] < published[:10]:
            modified = None
    return published, modified
