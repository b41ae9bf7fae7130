"""Full-text index over article headlines and bodies (FTS5, porter stemming).

``articles_fts`` is an external-content FTS5 table made by sqlite-utils ``enable_fts`` and kept
in sync by three triggers. The update trigger fires only when the headline or body changes, so
the crawler's ``last_seen`` and ``story_id`` updates cost nothing. Bulk loaders can switch the
triggers off with :func:`fts_suspended` and let it rebuild the index once at the end.
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
TRIGGERS = {
    "articles_ai": """
        CREATE TRIGGER articles_ai AFTER INSERT ON articles BEGIN
          INSERT INTO articles_fts (rowid, headline, body)
          VALUES (new.id, new.headline, new.body);
        END""",
    "articles_ad": """
        CREATE TRIGGER articles_ad AFTER DELETE ON articles BEGIN
          INSERT INTO articles_fts (articles_fts, rowid, headline, body)
          VALUES ('delete', old.id, old.headline, old.body);
        END""",
    "articles_au": """
        CREATE TRIGGER articles_au AFTER UPDATE OF headline, body ON articles BEGIN
          INSERT INTO articles_fts (articles_fts, rowid, headline, body)
          VALUES ('delete', old.id, old.headline, old.body);
          INSERT INTO articles_fts (rowid, headline, body)
          VALUES (new.id, new.headline, new.body);
        END""",
}


def create_fts(db: Database) -> None:
    """Create and fill ``articles_fts``, set its ranking and install the sync triggers."""
    db.table("articles").enable_fts(list(FTS_COLUMNS), tokenize="porter", create_triggers=False)
    db.execute(f"INSERT INTO {FTS_TABLE} ({FTS_TABLE}, rank) VALUES ('rank', ?)", [RANK])
    create_triggers(db)


def create_triggers(db: Database) -> None:
    """Install the sync triggers (those already present are kept)."""
    present = set(db.triggers_dict)
    for name, sql in TRIGGERS.items():
        if name not in present:
            db.execute(sql)


def drop_triggers(db: Database) -> None:
    """Remove the sync triggers: the index goes stale until :func:`rebuild_fts`."""
    for name in TRIGGERS:
        db.execute(f"DROP TRIGGER IF EXISTS {name}")


def rebuild_fts(db: Database) -> None:
    """Re-read every article into the index (after writes made without the triggers)."""
    db.execute(f"INSERT INTO {FTS_TABLE} ({FTS_TABLE}) VALUES ('rebuild')")


@contextmanager
def fts_suspended(db: Database) -> Iterator[None]:
    """Write without index upkeep inside the block; triggers back and index rebuilt after it.

    The rebuild also runs when the block fails, so the index never stays stale. Other
    connections writing meanwhile are covered by the rebuild too.
    """
    drop_triggers(db)
    db.conn.commit()
    try:
        yield
    finally:
        db.conn.commit()
        with db.atomic():
            create_triggers(db)
            rebuild_fts(db)
