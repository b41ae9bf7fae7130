"""Stories in SQLite: place each saved article, merge and split stories, keep their fields.

A story is a connected component of the ``same_story`` relation: a new article joins every
story it matches (merging them), and an edited article that no longer matches splits its
old story where needed, so the grouping does not depend on arrival order.
"""

from __future__ import annotations

import sqlite3
from collections import Counter
from collections.abc import Callable, Mapping
from typing import Any

from newscrawl.clock import now_iso
from newscrawl.store.story_index import FingerprintIndex
from newscrawl.syndication.copies import Member, choose_original, copy_flags
from newscrawl.syndication.edits import EDITS_SCHEME, story_edits
from newscrawl.syndication.grouping import (
    LEAD_THRESHOLD,
    RULES,
    Header,
    matched_stories,
    same_story,
)
from newscrawl.syndication.signature import Signature

PublishedKey = Callable[[str | None], tuple[int, str]]
_FLAG_COLUMNS = (
    "article_id, is_original, truncated, headline_changed, text_added, coverage, added_words, "
    "lead_rewritten, paragraphs_moved, version"
)


class Stories:
    """Story assignment and story fields over one connection."""

    def __init__(
        self,
        conn: sqlite3.Connection,
        published_key: PublishedKey,
        threshold: float = LEAD_THRESHOLD,
    ):
        self.conn = conn
        self.index = FingerprintIndex(conn)
        self.published_key = published_key
        self.threshold = threshold
        self._dirty: dict[int, str] = {}  # stories whose fields wait for flush(), and when
        self._check_rules()
        self._check_edits()

    def _check_rules(self) -> None:
        """Regroup the archive when its stories were grouped under other rules than today's
        (or its signatures were rebuilt), and record today's rules. An archive indexed before
        the rules were recorded counts as grouped under others; a new one (or one made before
        story grouping, whose stories came from elsewhere) does not. Nothing is written when
        nothing changed."""
        row = self.conn.execute("SELECT value FROM syndication_meta WHERE key = 'rules'").fetchone()
        if row and row[0] == RULES and not self.index.rebuilt:
            return
        if self.index.rebuilt or (row[0] != RULES if row else self.index.indexed):
            self.regroup_all(now_iso())
            self.index.flush()
        self.conn.execute(
            "INSERT OR REPLACE INTO syndication_meta (key, value) VALUES ('rules', ?)", [RULES]
        )
        self.conn.commit()

    def _check_edits(self) -> None:
        """Work out every story's copy edits again when the rules changed (or the archive
        predates them: m420 left the defaults)."""
        known = self.conn.execute(
            "SELECT value FROM syndication_meta WHERE key = 'edits'"
        ).fetchone()
        if known and known[0] == EDITS_SCHEME:
            return
        stories = self.conn.execute("SELECT id FROM stories WHERE copies > 1").fetchall()
        for (story_id,) in stories:  # only the m420 columns: the rest stays as it was
            members, _, _ = self._members(story_id)
            if not members:
                continue
            flags, versions = self._flags(members, choose_original(members))
            self.conn.execute("UPDATE stories SET versions = ? WHERE id = ?", [versions, story_id])
            self.conn.executemany(
                "UPDATE story_copies SET lead_rewritten = ?, paragraphs_moved = ?, version = ? "
                "WHERE article_id = ?",
                [(*f[-3:], f[0]) for f in flags],
            )
        self.conn.execute(
            "INSERT OR REPLACE INTO syndication_meta (key, value) VALUES ('edits', ?)",
            [EDITS_SCHEME],
        )
        self.conn.commit()

    def regroup_all(self, now: str) -> None:
        """Group the whole archive again with today's rules (after the signature scheme or
        the rules changed): connected components of ``same_story`` over the pairs an import
        of the archive in arrival order compares (``FingerprintIndex.replay``); each keeps
        the smallest story id its members had that no earlier group took."""
        rows = self.conn.execute("SELECT id, story_id FROM articles ORDER BY id").fetchall()
        parent = {a: a for a, _ in rows}

        def find(a: int) -> int:
            while parent[a] != a:
                parent[a] = parent[parent[a]]
                a = parent[a]
            return a

        for article_id, sig, header, candidates in self.index.replay():
            for c in candidates:
                ra, rc = find(article_id), find(c.article_id)
                if ra != rc and same_story(sig, c.signature, self.threshold, (header, c.header)):
                    parent[max(ra, rc)] = min(ra, rc)
        groups: dict[int, list[tuple[int, int | None]]] = {}
        for article_id, story_id in rows:
            groups.setdefault(find(article_id), []).append((article_id, story_id))
        used: set[int] = set()
        touched: set[int] = set()
        for members in groups.values():  # ordered by their first article
            free = sorted({s for _, s in members if s is not None} - used)
            story_id = free[0] if free else self._new_story(now)
            used.add(story_id)
            moved = [(story_id, a) for a, s in members if s != story_id]
            self.conn.executemany("UPDATE articles SET story_id = ? WHERE id = ?", moved)
            if moved:
                touched |= {story_id} | {s for _, s in members if s is not None}
        for story_id in sorted(touched):
            self.refresh(story_id, now)
        orphans = "SELECT id FROM stories WHERE id NOT IN (SELECT story_id FROM articles)"
        self.conn.execute(f"DELETE FROM story_copies WHERE story_id IN ({orphans})")
        self.conn.execute(f"DELETE FROM stories WHERE id IN ({orphans})")

    def place(
        self,
        article_id: int,
        sig: Signature,
        old_story: int | None,
        forced_story: int | None,
        now: str,
        row: Mapping[str, Any],
        stored: bool = True,
    ) -> int:
        """Index an article (new or edited) and give it its story; returns the story id.

        ``row`` holds the article's values (headline, published, wire_source). When its row
        is ``stored`` already, its story id is set here; otherwise (a new article) the caller
        inserts the row after this call, with the story id returned.
        """
        if old_story is not None:
            self.index.remove(article_id)
        candidates = self.index.candidates(sig, exclude_id=article_id)
        self.index.add(article_id, sig)
        if forced_story is not None:
            story_ids = {forced_story}
        else:
            header = Header(row.get("headline"), row.get("published"), row.get("wire_source"))
            story_ids = matched_stories(sig, candidates, self.threshold, old_story, header)
            if old_story is not None and self._still_matches(article_id, sig, old_story):
                story_ids.add(old_story)
        if not story_ids and old_story is None:
            return self._single_story(article_id, row, now, stored)
        story_id = min(story_ids) if story_ids else self._new_story(now)
        if stored:
            self.conn.execute(
                "UPDATE articles SET story_id = ? WHERE id = ?", [story_id, article_id]
            )
        for other in story_ids - {story_id}:
            self._merge(story_id, other)
        if old_story is not None:
            self.regroup(old_story, now)  # an edit may have cut the story in two
        if story_id != old_story:
            self._dirty[story_id] = now
        return story_id

    def _still_matches(self, article_id: int, sig: Signature, story_id: int) -> bool:
        """Does an edited article still match a member of its story (or is it alone there)?"""
        ids = [
            r[0]
            for r in self.conn.execute(
                "SELECT id FROM articles WHERE story_id = ? AND id != ?", [story_id, article_id]
            )
        ]
        if not ids:
            return True
        others = self.index.signatures(ids)
        headers = self.index.headers([article_id, *others])
        own = headers[article_id]
        return any(same_story(sig, o, self.threshold, (own, headers[a])) for a, o in others.items())

    def _new_story(self, now: str) -> int:
        cur = self.conn.execute(
            "INSERT INTO stories (copies, created, updated) VALUES (0, ?, ?)", [now, now]
        )
        return int(cur.lastrowid or 0)

    def _single_story(self, article_id: int, row: Mapping[str, Any], now: str, stored: bool) -> int:
        """A new story of one article (what most articles are): its fields need no query."""
        cur = self.conn.execute(
            "INSERT INTO stories (headline, original_article_id, first_published, wire_source, "
            "copies, created, updated) VALUES (?, ?, ?, ?, 1, ?, ?)",
            [
                row.get("headline"),
                article_id,
                row.get("published"),
                row.get("wire_source"),
                now,
                now,
            ],
        )
        story_id = int(cur.lastrowid or 0)
        if stored:
            self.conn.execute(
                "UPDATE articles SET story_id = ? WHERE id = ?", [story_id, article_id]
            )
        self.conn.execute(
            "INSERT OR REPLACE INTO story_copies (article_id, story_id, is_original, truncated, "
            "headline_changed, text_added, coverage, added_words) VALUES (?, ?, 1, 0, 0, 0, 1.0, 0)",
            [article_id, story_id],
        )
        return story_id

    def _merge(self, into: int, other: int) -> None:
        self.conn.execute("UPDATE articles SET story_id = ? WHERE story_id = ?", [into, other])
        self.conn.execute("DELETE FROM story_copies WHERE story_id = ?", [other])
        self.conn.execute("DELETE FROM stories WHERE id = ?", [other])

    def regroup(self, story_id: int, now: str) -> None:
        """Split a story whose members no longer form one connected group."""
        ids = [
            r[0]
            for r in self.conn.execute(
                "SELECT id FROM articles WHERE story_id = ? ORDER BY id", [story_id]
            )
        ]
        sigs = self.index.signatures(ids)
        headers = self.index.headers(ids)
        groups: list[list[int]] = []
        for article_id in ids:
            sig = sigs.get(article_id)
            linked = [
                g
                for g in groups
                if sig is not None
                and any(a in sigs and self._same(article_id, a, sigs, headers) for a in g)
            ]
            merged = [article_id] + [a for g in linked for a in g]
            groups = [g for g in groups if g not in linked] + [merged]
        groups.sort(key=min)
        for group in groups[1:]:
            new_id = self._new_story(now)
            self.conn.executemany(
                "UPDATE articles SET story_id = ? WHERE id = ?", [(new_id, a) for a in group]
            )
            self._dirty[new_id] = now
        self._dirty[story_id] = now

    def _same(
        self, a: int, b: int, sigs: Mapping[int, Signature], headers: Mapping[int, Header]
    ) -> bool:
        """``same_story`` of two stored articles."""
        return same_story(sigs[a], sigs[b], self.threshold, (headers[a], headers[b]))

    def flush(self) -> None:
        """Bring the fields of the stories changed since the last flush up to date (once per
        story however many copies joined it) and write the index's changed postings; called
        before every commit."""
        dirty, self._dirty = self._dirty, {}
        for story_id, now in sorted(dirty.items()):
            self.refresh(story_id, now)
        self.index.flush()

    def _members(self, story_id: int) -> tuple[list[Member], list[tuple], str | None]:
        """A story's members (by id), their rows and the agency most of them name."""
        rows = self.conn.execute(
            "SELECT a.id, a.headline, a.published, a.word_count, a.wire_source, s.agency "
            "FROM articles a LEFT JOIN sites s ON s.site = a.site WHERE a.story_id = ? "
            "ORDER BY a.id",
            [story_id],
        ).fetchall()
        agencies = Counter(r[4] for r in rows if r[4])
        wire = agencies.most_common(1)[0][0] if agencies else None
        members = [
            Member(r[0], r[1], self.published_key(r[2]), bool(wire and r[5] == wire), r[3] or 0)
            for r in rows
        ]
        return members, rows, wire

    def refresh(self, story_id: int, now: str) -> None:
        """Recompute a story's original, first publication, agency, copies, versions and
        copy flags."""
        members, rows, wire = self._members(story_id)
        if not rows:
            self.conn.execute("DELETE FROM story_copies WHERE story_id = ?", [story_id])
            self.conn.execute("DELETE FROM stories WHERE id = ?", [story_id])
            return
        original = choose_original(members)
        first = min((r[2] for r in rows if r[2]), key=self.published_key, default=None)
        flags, versions = self._flags(members, original)
        self.conn.execute(
            "UPDATE stories SET headline = ?, original_article_id = ?, first_published = ?, "
            "wire_source = ?, copies = ?, versions = ?, updated = ? WHERE id = ?",
            [original.headline, original.article_id, first, wire, len(rows), versions, now,
             story_id],
        )  # fmt: skip
        self._write_flags(story_id, flags)

    def _flags(self, members: list[Member], original: Member) -> tuple[list[tuple], int]:
        """The members' story_copies rows (``_FLAG_COLUMNS``) and the story's versions."""
        ids = [m.article_id for m in members]
        sigs = self.index.signatures(ids) if len(ids) > 1 else {}
        if len(ids) == 1 or len(sigs) < len(ids):
            return [(a, int(a == original.article_id), 0, 0, 0, 1.0, 0, 0, 0, 1) for a in ids], 1
        ordered = [sigs[a] for a in ids]
        at = ids.index(original.article_id)
        flags = copy_flags(ordered, [m.headline for m in members], at)
        edits, versions = story_edits(
            ordered, at, [m.published_key for m in members], [m.from_agency_site for m in members]
        )
        rows = [
            (a, int(f.is_original), int(f.truncated), int(f.headline_changed), int(f.text_added),
             f.coverage, f.added_words, int(e.lead_rewritten), int(e.paragraphs_moved), e.version)
            for a, f, e in zip(ids, flags, edits, strict=True)
        ]  # fmt: skip
        return rows, versions

    def _write_flags(self, story_id: int, flags: list[tuple]) -> None:
        """Store the members' copy flags, writing only the rows that changed."""
        stored = {
            r[0]: tuple(r[1:])
            for r in self.conn.execute(
                f"SELECT {_FLAG_COLUMNS} FROM story_copies WHERE story_id = ?", [story_id]
            )
        }
        gone = [(a,) for a in stored.keys() - {f[0] for f in flags}]
        self.conn.executemany("DELETE FROM story_copies WHERE article_id = ?", gone)
        self.conn.executemany(
            f"INSERT OR REPLACE INTO story_copies (story_id, {_FLAG_COLUMNS}) "
            f"VALUES (?, {', '.join('?' * len(flags[0]))})",
            [(story_id, *f) for f in flags if stored.get(f[0]) != f[1:]],
        )
