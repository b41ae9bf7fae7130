"""The archive schema, built and upgraded by ordered migrations (sqlite-utils Migrations).

Never edit an applied migration: add a new one. Opening a database made by an older
newscrawl applies the missing migrations in place.
"""

from __future__ import annotations

from sqlite_utils import Database
from sqlite_utils.migrations import Migrations

from newscrawl.store import fts, pages, views

migrations = Migrations("newscrawl")


@migrations()
def m001_initial(db: Database) -> None:
    """articles, stories, crawls, sites and the syndication fingerprint index."""
    db.table("stories").create(
        {
            "id": int,
            "headline": str,
            "original_article_id": int,
            "first_published": str,
            "wire_source": str,
            "copies": int,
            "created": str,
            "updated": str,
        },
        pk="id",
    )
    db.table("articles").create(
        {
            "id": int,
            "url": str,
            "site": str,
            "site_name": str,
            "headline": str,
            "byline": str,
            "authors": str,
            "published": str,
            "modified": str,
            "body": str,
            "description": str,
            "language": str,
            "section": str,
            "tags": str,
            "image": str,
            "story_id": int,
            "wire_source": str,
            "word_count": int,
            "content_hash": str,
            "fetched_url": str,
            "http_status": int,
            "first_seen": str,
            "last_seen": str,
        },
        pk="id",
        not_null={"url", "site", "first_seen", "last_seen"},
        foreign_keys=[("story_id", "stories", "id")],
    )
    db.table("articles").create_index(["url"], unique=True)
    db.table("articles").create_index(["site", "published"])
    db.table("articles").create_index(["story_id"])
    db.table("crawls").create(
        {
            "id": int,
            "started": str,
            "finished": str,
            "status": str,
            "finish_reason": str,
            "spider": str,
            "arguments": str,
            "pages_fetched": int,
            "articles_new": int,
            "articles_updated": int,
            "articles_unchanged": int,
            "items_dropped": int,
            "dropped_reasons": str,
            "errors": int,
            "stats": str,
        },
        pk="id",
    )
    db.table("sites").create(
        {"site": str, "name": str, "agency": str, "start_urls": str, "first_crawled": str},
        pk="site",
    )
    db.table("fingerprints").create(
        {"hash": int, "article_id": int}, foreign_keys=[("article_id", "articles", "id")]
    )
    db.table("fingerprints").create_index(["hash"])
    db.table("fingerprints").create_index(["article_id"])


@migrations()
def m101_syndication_index(db: Database) -> None:
    """Story grouping v2: signatures, the key index, per-copy flags, the signature scheme.

    ``story_keys.keys`` repeats the article's number of keys so that lookups need no join.

    The m001 ``fingerprints`` table is no longer written (its rows, if any, are ignored).
    """
    db.execute(
        "CREATE TABLE story_signatures (article_id INTEGER PRIMARY KEY "
        "REFERENCES articles(id), signature BLOB NOT NULL, keys BLOB NOT NULL)"
    )
    db.execute(
        "CREATE TABLE story_keys (hash INTEGER NOT NULL, article_id INTEGER NOT NULL, "
        "keys INTEGER NOT NULL, PRIMARY KEY (hash, article_id)) WITHOUT ROWID"
    )
    db.table("story_copies").create(
        {
            "article_id": int,
            "story_id": int,
            "is_original": int,
            "truncated": int,
            "headline_changed": int,
            "text_added": int,
            "coverage": float,
            "added_words": int,
        },
        pk="article_id",
        foreign_keys=[("article_id", "articles", "id"), ("story_id", "stories", "id")],
    )
    db.table("story_copies").create_index(["story_id"])
    db.table("syndication_meta").create({"key": str, "value": str}, pk="key")


@migrations()
def m201_fts(db: Database) -> None:
    """Full-text index articles_fts over headline and body, kept in sync by triggers."""
    fts.create_fts(db)


@migrations()
def m202_views(db: Database) -> None:
    """Views syndication, daily_counts, wire_share, latest and the indexes they use."""
    views.create_indexes(db)
    views.create_views(db)


@migrations()
def m301_pages(db: Database) -> None:
    """pages: fetch state of every URL queued or fetched (validators, revisit dates)."""
    db.table("pages").create(
        {
            "url": str,
            "site": str,
            "kind": str,
            "canonical": str,
            "discovered": str,
            "fetched": str,
            "status": int,
            "etag": str,
            "last_modified": str,
            "born": str,
            "changed": str,
            "errors": int,
        },
        pk="url",
        not_null={"site", "discovered", "errors"},
        defaults={"errors": 0},
    )
    db.table("pages").create_index(["site", "fetched"])
    db.table("pages").create_index(["site", "kind", "born"])
    pages.backfill_from_articles(db.conn)


@migrations()
def m302_article_versions(db: Database) -> None:
    """article_versions: the superseded versions of articles that changed."""
    db.table("article_versions").create(
        {
            "id": int,
            "article_id": int,
            "fetched": str,
            "replaced": str,
            "headline": str,
            "byline": str,
            "modified": str,
            "body": str,
            "content_hash": str,
        },
        pk="id",
        not_null={"article_id", "replaced"},
        foreign_keys=[("article_id", "articles", "id")],
    )
    db.table("article_versions").create_index(["article_id"])
    db.table("article_versions").create_index(["replaced"])


@migrations()
def m303_crawl_sites(db: Database) -> None:
    """crawl_sites: per-run, per-site figures; crawls gains pages skipped / not modified."""
    db.table("crawl_sites").create(
        {
            "crawl_id": int,
            "site": str,
            "status": str,
            "pages_fetched": int,
            "pages_not_modified": int,
            "pages_skipped": int,
            "errors": int,
            "articles_found": int,
            "article_pages": int,
            "articles_new": int,
            "articles_changed": int,
            "articles_unchanged": int,
            "articles_dropped": int,
            "dropped_reasons": str,
            "headline_share": float,
            "byline_share": float,
            "published_share": float,
            "body_share": float,
        },
        pk=("crawl_id", "site"),
        foreign_keys=[("crawl_id", "crawls", "id")],
    )
    db.table("crawl_sites").create_index(["site", "crawl_id"])
    db.table("crawls").add_column("pages_skipped", int)
    db.table("crawls").add_column("pages_not_modified", int)


def migrate(db: Database) -> None:
    """Bring a database to the current schema."""
    migrations.apply(db)
