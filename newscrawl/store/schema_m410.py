"""Frozen migrations m410-m490 of the archive schema (see ``schema``): never edit them."""

from __future__ import annotations

from sqlite_utils import Database

from newscrawl.store.schema_m001 import migrations


@migrations()
def m410_extraction_confidence(db: Database) -> None:
    """articles gains extraction_confidence: how likely the body is the article's text."""
    db.execute("ALTER TABLE articles ADD COLUMN extraction_confidence REAL")


@migrations()
def m420_copy_edits(db: Database) -> None:
    """story_copies gains lead_rewritten, paragraphs_moved, version; stories gains versions."""
    for table, column, default in (
        ("story_copies", "lead_rewritten", 0), ("story_copies", "paragraphs_moved", 0),
        ("story_copies", "version", 1), ("stories", "versions", 1),
    ):  # fmt: skip
        db.execute(f"ALTER TABLE {table} ADD COLUMN {column} INTEGER NOT NULL DEFAULT {default}")


@migrations()
def m430_crawl_sites_confidence(db: Database) -> None:
    """crawl_sites gains extraction_confidence: the mean over the run's article pages."""
    db.execute("ALTER TABLE crawl_sites ADD COLUMN extraction_confidence REAL")


@migrations()
def m440_listing_state(db: Database) -> None:
    """Listing revisits: pages gain role, links fingerprint and last yield; trap_shapes;
    crawls and crawl_sites gain listing figures and requests by page kind."""
    db.table("pages").add_column("role", str)
    db.table("pages").add_column("links", str)
    db.table("pages").add_column("yielded", str)
    db.table("pages").create_index(["site", "role"])
    db.table("trap_shapes").create(
        {"site": str, "shape": str, "head": str, "recorded": str},
        pk=("site", "shape"),
        not_null={"recorded"},
    )
    for table in ("crawls", "crawl_sites"):
        db.table(table).add_column("listings_fetched", int)
        db.table(table).add_column("listings_skipped", int)
        db.table(table).add_column("listings_not_modified", int)
        db.table(table).add_column("requests_by_kind", str)


@migrations()
def m450_story_index_upper_keys(db: Database) -> None:
    """Story index v3: keys over the upper part (250 words, not 100) for the top-run test.
    Empties the stored keys and signatures and resets the scheme, so that opening the
    archive rebuilds them and regroups the stories with the rules of the day."""
    db.execute("DELETE FROM story_keys")
    db.execute("DELETE FROM story_signatures")
    db.execute("UPDATE syndication_meta SET value = 'm450: rebuild' WHERE key = 'scheme'")


@migrations()
def m460_import_files(db: Database) -> None:
    """import_files: how far ``newscrawl import`` got in each input file (resume, skip)."""
    db.execute(
        "CREATE TABLE import_files (key TEXT PRIMARY KEY, path TEXT NOT NULL, "
        "format TEXT NOT NULL, size INTEGER NOT NULL, last_offset INTEGER NOT NULL DEFAULT -1, "
        "records INTEGER NOT NULL DEFAULT 0, articles INTEGER NOT NULL DEFAULT 0, "
        "skipped INTEGER NOT NULL DEFAULT 0, complete INTEGER NOT NULL DEFAULT 0, "
        "started TEXT NOT NULL, updated TEXT NOT NULL)"
    )


@migrations()
def m470_crawl_sites_rendering(db: Database) -> None:
    """crawl_sites: pages rendered in a browser, plain pages that needed it, skip reason."""
    db.execute("ALTER TABLE crawl_sites ADD COLUMN pages_rendered INTEGER")
    db.execute("ALTER TABLE crawl_sites ADD COLUMN pages_needing_rendering INTEGER")
    db.execute("ALTER TABLE crawl_sites ADD COLUMN skip_reason TEXT")


@migrations()
def m480_writer_progress(db: Database) -> None:
    """writer_progress: the last Redis stream entry a distributed crawl's writer stored, per
    job, committed with what it stored (a writer killed before acknowledging does not apply
    the same entries twice when it restarts)."""
    db.execute(
        "CREATE TABLE writer_progress (job TEXT PRIMARY KEY, last_entry TEXT NOT NULL, "
        "updated TEXT NOT NULL)"
    )


@migrations()
def m490_story_postings(db: Database) -> None:
    """Story index lookups read one row per key: ``story_postings`` holds each key's postings
    as one blob of (article id, key count) pairs, uint32 little-endian, in ascending article
    id (what ``story_keys`` held as a row per posting). ``story_keys`` is emptied and no
    longer written or read."""
    db.execute("CREATE TABLE story_postings (hash INTEGER PRIMARY KEY, postings BLOB NOT NULL)")
    rows = db.execute("SELECT hash, article_id, keys FROM story_keys ORDER BY hash, article_id")
    batch: list[tuple[int, bytes]] = []
    key, blob = None, b""
    for hash_, article_id, keys in rows:
        if hash_ != key:
            if key is not None:
                batch.append((key, blob))
            key, blob = hash_, b""
        blob += article_id.to_bytes(4, "little") + keys.to_bytes(4, "little")
        if len(batch) >= 10_000:
            db.conn.executemany("INSERT INTO story_postings VALUES (?, ?)", batch)
            batch = []
    if key is not None:
        batch.append((key, blob))
    db.conn.executemany("INSERT INTO story_postings VALUES (?, ?)", batch)
    db.execute("DELETE FROM story_keys")
