"""The crawl state in the archive: what is known about every URL queued or fetched.

The database, not Scrapy's JOBDIR, is the source of truth: a URL queued but never
fetched is picked up again by the next run, a known page carries its last fetch time,
validators (ETag / Last-Modified) and revisit dates. Writes join the archive's batch
transaction, so they become durable together with the articles written before them.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Protocol

from newscrawl.clock import iso, parse_utc, utc_iso

if TYPE_CHECKING:
    from newscrawl.store.archive import Archive

_COLUMNS = (
    "url, site, kind, canonical, fetched, status, etag, last_modified, born, changed, errors, "
    "role, yielded"
)


@dataclass(frozen=True)
class PageState:
    """What the archive knows about one URL (times are aware UTC datetimes)."""

    url: str
    site: str
    kind: str | None
    canonical: str | None
    fetched: datetime | None
    status: int | None
    etag: str | None
    last_modified: str | None
    born: datetime | None
    changed: datetime | None
    errors: int
    role: str | None = None  # of a non-article page (newscrawl.frontier.listings)
    yielded: datetime | None = None  # last read that showed a new article link

    @classmethod
    def from_row(cls, row: Sequence[object]) -> PageState:
        url, site, kind, canonical, fetched, status, etag, modified, born, changed, errors = row[
            :11
        ]
        role, yielded = row[11:]
        return cls(
            url=str(url),
            site=str(site),
            kind=kind if isinstance(kind, str) else None,
            canonical=canonical if isinstance(canonical, str) else None,
            fetched=parse_utc(fetched) if isinstance(fetched, str) else None,
            status=status if isinstance(status, int) else None,
            etag=etag if isinstance(etag, str) else None,
            last_modified=modified if isinstance(modified, str) else None,
            born=parse_utc(born) if isinstance(born, str) else None,
            changed=parse_utc(changed) if isinstance(changed, str) else None,
            errors=errors if isinstance(errors, int) else 0,
            role=role if isinstance(role, str) else None,
            yielded=parse_utc(yielded) if isinstance(yielded, str) else None,
        )


@dataclass(frozen=True)
class Fetched:
    """What one successful response says about the page behind it."""

    kind: str  # 'article', 'listing', ..., 'feed', 'sitemap', 'sitemapindex', 'redirect'
    status: int | None
    etag: str | None = None
    last_modified: str | None = None
    canonical: str | None = None  # the article URL this page was stored under
    published: str | None = None  # the article's publication date as printed
    role: str | None = None  # a non-article page's role (newscrawl.frontier.listings)
    links: str | None = None  # fingerprint of a listing's article links
    yielded: bool = False  # the page showed an article link never fetched before


class PageLedger(Protocol):
    """What a crawl reads and records about its URLs: :class:`CrawlState` on the archive,
    or a distributed worker's view of it (``newscrawl.distributed.ledger``)."""

    def lookup(self, url: str) -> PageState | None: ...
    def frontier(self, sites: Sequence[str], max_errors: int) -> list[tuple[str, str]]: ...
    def articles(self, sites: Sequence[str], since: datetime | None) -> list[PageState]: ...
    def queued(self, url: str, site: str, now: datetime) -> None: ...
    def fetched(self, urls: Iterable[str], site: str, page: Fetched, now: datetime) -> None: ...
    def not_modified(self, url: str, now: datetime, etag: str | None = None) -> None: ...
    def failed(self, url: str, status: int | None) -> None: ...
    def known(self, sites: Sequence[str], kinds: Iterable[str]) -> list[PageState]: ...
    def trap_shapes(self) -> set[str]: ...
    def hold(self) -> None: ...
    def release(self) -> None: ...


class CrawlState:
    """Reads and writes the ``pages`` table through the crawl's :class:`Archive`."""

    def __init__(self, archive: Archive):
        self.archive = archive
        self.conn = archive.conn

    def _write(self, sql: str, rows: Iterable[Sequence[object] | dict[str, object]]) -> None:
        """Run ``sql`` for each row inside the batch transaction; commit when it is due."""
        self.archive.begin()
        self.conn.executemany(sql, rows)
        self.archive.maybe_commit()

    def hold(self) -> None:
        """Writes that follow belong with an article not stored yet: no commit until
        :meth:`release` (see :meth:`Archive.hold`)."""
        self.archive.hold()

    def release(self) -> None:
        """End one :meth:`hold`; commit when the batch is due."""
        self.archive.release()
        self.archive.maybe_commit()

    def every_page(self) -> Iterator[tuple[PageState, str]]:
        """(state, discovered) of every URL the archive knows (what a distributed run
        starts from)."""
        for row in self.conn.execute(f"SELECT {_COLUMNS}, discovered FROM pages"):
            yield PageState.from_row(row[:-1]), str(row[-1] or "")

    def lookup(self, url: str) -> PageState | None:
        """The state of ``url``; for an alias (redirect, non-canonical URL) that of its article."""
        row = self.conn.execute(f"SELECT {_COLUMNS} FROM pages WHERE url = ?", [url]).fetchone()
        if row is None:
            return None
        state = PageState.from_row(row)
        if state.canonical and state.canonical != url:
            target = self.conn.execute(
                f"SELECT {_COLUMNS} FROM pages WHERE url = ?", [state.canonical]
            ).fetchone()
            if target is not None:
                return PageState.from_row(target)
        return state

    def queued(self, url: str, site: str, now: datetime) -> None:
        """Remember a URL about to be requested (the frontier a killed run leaves behind)."""
        self._write(
            "INSERT INTO pages (url, site, discovered, errors) VALUES (?, ?, ?, 0) "
            "ON CONFLICT(url) DO NOTHING",
            [(url, site, iso(now))],
        )

    def fetched(self, urls: Iterable[str], site: str, page: Fetched, now: datetime) -> None:
        """Record a successful fetch for every URL that led to the page (redirects, canonical)."""
        values = {
            "site": site,
            "kind": page.kind,
            "canonical": page.canonical,
            "now": iso(now),
            "status": page.status,
            "etag": page.etag,
            "last_modified": page.last_modified,
            "published": utc_iso(page.published),
            "role": page.role,
            "links": page.links,
            "yielded": iso(now) if page.yielded else None,
        }
        self._write(
            "INSERT INTO pages (url, site, kind, canonical, discovered, fetched, status, etag, "
            "last_modified, born, errors, role, links, yielded) VALUES (:url, :site, :kind, "
            ":canonical, :now, :now, :status, :etag, :last_modified, coalesce(:published, :now), "
            "0, :role, :links, :yielded) "
            "ON CONFLICT(url) DO UPDATE SET site = :site, kind = :kind, canonical = :canonical, "
            "fetched = :now, status = :status, etag = :etag, last_modified = :last_modified, "
            "errors = 0, born = coalesce(:published, pages.born, :now), role = :role, "
            "changed = CASE WHEN :links IS NOT NULL AND pages.links IS NOT NULL "
            "AND :links != pages.links THEN :now ELSE pages.changed END, "
            "links = :links, yielded = coalesce(:yielded, pages.yielded)",
            [{**values, "url": url} for url in dict.fromkeys(urls)],
        )

    def not_modified(self, url: str, now: datetime, etag: str | None = None) -> None:
        """A 304 answer: the page (and the article it belongs to) is unchanged as of ``now``."""
        state = self.lookup(url)
        targets = {url} if state is None else {url, state.url}
        self._write(
            "UPDATE pages SET fetched = ?, status = 304, errors = 0, "
            "etag = coalesce(?, etag) WHERE url = ?",
            [(iso(now), etag, target) for target in sorted(targets)],
        )

    def failed(self, url: str, status: int | None) -> None:
        """A request that failed for good: counted, so a dead URL stops being retried."""
        self._write(
            "UPDATE pages SET errors = errors + 1, status = coalesce(?, status) WHERE url = ?",
            [(status, url)],
        )

    def trap(
        self,
        site: str,
        shapes: Iterable[str],
        head: str | None,
        pages: Sequence[str],
        now: datetime,
    ) -> None:
        """Record a site's trap family: its shapes, and its non-article pages other than the
        head, which are never read again."""
        self._write(
            "INSERT OR REPLACE INTO trap_shapes (site, shape, head, recorded) VALUES (?, ?, ?, ?)",
            [(site, shape, head, iso(now)) for shape in sorted(shapes)],
        )
        self._write(
            "UPDATE pages SET role = 'trap' WHERE url = ? AND kind IN ('listing', 'other')",
            [(url,) for url in pages],
        )

    def forget_traps(self, shapes: Iterable[str]) -> None:
        """Shapes that led to an article are no trap (any more)."""
        self._write("DELETE FROM trap_shapes WHERE shape = ?", [(shape,) for shape in shapes])

    def trap_shapes(self) -> set[str]:
        """Every recorded trap shape (shapes name their host)."""
        return {str(shape) for (shape,) in self.conn.execute("SELECT shape FROM trap_shapes")}

    def frontier(self, sites: Sequence[str], max_errors: int) -> list[tuple[str, str]]:
        """(url, site) of URLs queued by earlier runs but never fetched, oldest first."""
        marks = ",".join("?" * len(sites))
        rows = self.conn.execute(
            f"SELECT url, site FROM pages WHERE site IN ({marks}) AND fetched IS NULL "
            f"AND errors < ? ORDER BY discovered, url",
            [*sites, max_errors],
        ).fetchall()
        return [(str(url), str(site)) for url, site in rows]

    def known(self, sites: Sequence[str], kinds: Iterable[str]) -> list[PageState]:
        """Fetched pages of ``kinds`` under their own URL (listings, feeds), by URL."""
        kinds = list(kinds)
        site_marks, kind_marks = ",".join("?" * len(sites)), ",".join("?" * len(kinds))
        rows = self.conn.execute(
            f"SELECT {_COLUMNS} FROM pages WHERE site IN ({site_marks}) AND kind IN "
            f"({kind_marks}) AND fetched IS NOT NULL AND (canonical IS NULL OR canonical = url) "
            "ORDER BY url",
            [*sites, *kinds],
        ).fetchall()
        return [PageState.from_row(row) for row in rows]

    def articles(self, sites: Sequence[str], since: datetime | None) -> list[PageState]:
        """Known article pages under their own URL; with ``since``, only those born or
        changed since then (older ones are never due)."""
        marks = ",".join("?" * len(sites))
        sql = (
            f"SELECT {_COLUMNS} FROM pages WHERE site IN ({marks}) AND kind = 'article' "
            f"AND fetched IS NOT NULL AND (canonical IS NULL OR canonical = url)"
        )
        params: list[object] = list(sites)
        if since is not None:
            sql += " AND (born >= ? OR changed >= ?)"
            params += [iso(since), iso(since)]
        rows = self.conn.execute(sql + " ORDER BY born DESC, url", params).fetchall()
        return [PageState.from_row(row) for row in rows]
