"""Full-text index over article headlines and bodies (FTS5, porter stemming).

``articles_fts`` is an external-content FTS5 table made by sqlite-utils ``enable_fts`` and kept
in sync by three triggers. The update trigger fires only when the headline or body changes, so
the crawler's ``last_seen`` and ``story_id`` updates cost nothing. Bulk loaders write inside
:func:`fts_suspended`, which indexes their new articles a batch at a time.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from sqlite_utils import Database

FTS_TABLE = "articles_fts"
FTS_COLUMNS = ("headline", "body")
#: bm25 weights per column: a word in the headline counts five times one in the body.
WEIGHTS = (5.0, 1.0)
#: FTS5's ``rank`` (used by Datasette's search box) and the explicit ranking expression.
RANK = f"bm25({WEIGHTS[0]}, {WEIGHTS[1]})"
BM25 = f"bm25({FTS_TABLE}, {WEIGHTS[0]}, {WEIGHTS[1]})"
_INDEX = "INSERT INTO articles_fts (rowid, headline, body) VALUES (new.id, new.headline, new.body);"
_UNINDEX = (
    "INSERT INTO articles_fts (articles_fts, rowid, headline, body) "
    "VALUES ('delete', old.id, old.headline, old.body);"
)
#: name: (event, statements)
_TRIGGERS = {
    "articles_ai": ("AFTER INSERT", _INDEX),
    "articles_ad": ("AFTER DELETE", _UNINDEX),
    "articles_au": ("AFTER UPDATE OF headline, body", f"{_UNINDEX} {_INDEX}"),
}


def _trigger_sql(name: str, only_up_to: int | None = None) -> str:
    event, body = _TRIGGERS[name]
    when = f" WHEN old.id <= {int(only_up_to)}" if only_up_to is not None else ""
    return f"CREATE TRIGGER {name} {event} ON articles{when} BEGIN {body} END"


def create_triggers(db: Database) -> None:
    """Install the sync triggers (those already present are kept)."""
    present = set(db.triggers_dict)
    for name in _TRIGGERS:
        if name not in present:
            db.execute(_trigger_sql(name))


def drop_triggers(db: Database) -> None:
    """Remove the sync triggers: the index goes stale until :func:`rebuild_fts`."""
    for name in _TRIGGERS:
        db.execute(f"DROP TRIGGER IF EXISTS {name}")


def repair(db: Database) -> bool:
    """Undo a bulk load killed inside :func:`fts_suspended`: restore the sync triggers and
    index the articles it added. True when something had to be repaired.

    Should the load still be running (another process), it goes on with the triggers back
    and, at its end, indexes only what they missed."""
    if FTS_TABLE not in db.table_names():
        return False
    present = {name: sql for name, sql in db.triggers_dict.items() if name in _TRIGGERS}
    if present == {name: _trigger_sql(name) for name in _TRIGGERS}:
        return False
    with db.atomic():
        drop_triggers(db)
        create_triggers(db)
        index_missing(db)
    db.conn.commit()
    return True


def index_missing(db: Database, above: int = 0) -> None:
    """Index the articles with ids above ``above`` that the index does not hold."""
    db.execute(
        f"INSERT INTO {FTS_TABLE} (rowid, headline, body) "
        "SELECT id, headline, body FROM articles WHERE id > ? AND NOT EXISTS "
        f"(SELECT 1 FROM {FTS_TABLE}_docsize AS d WHERE d.id = articles.id)",
        [above],
    )


def rebuild_fts(db: Database) -> None:
    """Re-read every article into the index (after writes made without the triggers)."""
    db.execute(f"INSERT INTO {FTS_TABLE} ({FTS_TABLE}) VALUES ('rebuild')")


class Upkeep:
    """The index upkeep of a bulk load (:func:`fts_suspended`): the articles up to ``mark``
    are indexed and kept by the update and delete triggers, those above it wait."""

    def __init__(self, db: Database, floor: int):
        self.db = db
        self.mark = floor

    def catch_up(self) -> None:
        """Index the articles added since the last call, in the open transaction, and let the
        triggers keep them from now on. The load's writer calls it before each commit, so the
        index grows beside the load instead of after it."""
        top = self.db.execute("SELECT coalesce(max(id), 0) FROM articles").fetchone()[0]
        if top <= self.mark:
            return
        index_missing(self.db, self.mark)
        _bound_triggers(self.db, top)
        self.mark = top


def _bound_triggers(db: Database, mark: int) -> None:
    """Only the update and delete triggers, for the articles up to ``mark``."""
    drop_triggers(db)
    for name in ("articles_ad", "articles_au"):
        db.execute(_trigger_sql(name, only_up_to=mark))


@contextmanager
def fts_suspended(db: Database) -> Iterator[Upkeep]:
    """Write many articles without index upkeep per row; index the new ones in passes.

    Inside the block, inserts are not indexed; edits and deletes of articles that existed
    before it still are (by any connection). :meth:`Upkeep.catch_up` indexes the articles
    added so far (a batch at a time, before each commit). When the block ends, even by an
    exception, the triggers are restored and the articles added meanwhile and not yet
    indexed are indexed in one pass. Should the index then not hold exactly one entry per
    article (ids reused after deleting the newest articles), it is rebuilt in full.
    """
    floor = db.execute("SELECT coalesce(max(id), 0) FROM articles").fetchone()[0]
    with db.atomic():
        _bound_triggers(db, floor)
    db.conn.commit()
    try:
        yield Upkeep(db, floor)
    finally:
        db.conn.commit()
        with db.atomic():
            drop_triggers(db)
            create_triggers(db)
            index_missing(db, floor)  # not all of them: see repair()
            indexed = db.execute(f"SELECT count(*) FROM {FTS_TABLE}_docsize").fetchone()[0]
            if indexed != db.execute("SELECT count(*) FROM articles").fetchone()[0]:
                rebuild_fts(db)
