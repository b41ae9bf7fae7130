"""Frozen migrations m001-m303 of the archive schema (see ``schema``): never edit them."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlite_utils import Database
from sqlite_utils.migrations import Migrations

migrations = Migrations("newscrawl")


@migrations()
def m001_initial(db: Database) -> None:
    """articles, stories, crawls, sites and the syndication fingerprint index."""
    _m001_articles(db)
    _m001_crawls(db)


def _m001_articles(db: Database) -> None:
    """m001, part one: stories and articles (frozen)."""
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


def _m001_crawls(db: Database) -> None:
    """m001, part two: crawls, sites and the fingerprint index (frozen)."""
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
    for sql in _M201_FTS:
        db.execute(sql)


@migrations()
def m202_views(db: Database) -> None:
    """Views syndication, daily_counts, wire_share, latest and the indexes they use."""
    for sql in _M202_VIEWS:
        db.execute(sql)


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
    rows = db.execute(
        "SELECT url, site, first_seen, last_seen, http_status, published FROM articles"
    ).fetchall()
    db.conn.executemany(
        "INSERT OR IGNORE INTO pages (url, site, kind, canonical, discovered, fetched, status, "
        "born, errors) VALUES (?, ?, 'article', ?, ?, ?, ?, ?, 0)",
        [(url, site, url, first, last, status, _m301_utc(published) or first)
         for url, site, first, last, status, published in rows],
    )  # fmt: skip


def _m301_utc(value: str | None) -> str | None:
    """A stored publication date in UTC, as m301 wrote it (frozen with the migration)."""
    try:
        moment = datetime.fromisoformat((value or "").replace("Z", "+00:00"))
    except ValueError:
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC).isoformat(timespec="seconds")


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


#: m201, frozen: articles_fts (external content, porter stemming), its rank and triggers.
_M201_FTS = (
    'CREATE VIRTUAL TABLE "articles_fts" USING FTS5 ("headline", "body", tokenize=\'porter\', '
    'content="articles")',
    "INSERT INTO articles_fts (rowid, headline, body) SELECT rowid, headline, body FROM articles",
    "INSERT INTO articles_fts (articles_fts, rank) VALUES ('rank', 'bm25(5.0, 1.0)')",
    "CREATE TRIGGER articles_ai AFTER INSERT ON articles BEGIN INSERT INTO articles_fts "
    "(rowid, headline, body) VALUES (new.id, new.headline, new.body); END",
    "CREATE TRIGGER articles_ad AFTER DELETE ON articles BEGIN INSERT INTO articles_fts "
    "(articles_fts, rowid, headline, body) VALUES ('delete', old.id, old.headline, old.body); END",
    "CREATE TRIGGER articles_au AFTER UPDATE OF headline, body ON articles BEGIN INSERT INTO "
    "articles_fts (articles_fts, rowid, headline, body) VALUES ('delete', old.id, old.headline, "
    "old.body); INSERT INTO articles_fts (rowid, headline, body) VALUES (new.id, new.headline, "
    "new.body); END",
)
#: m202, frozen: the analysts' views and their indexes.
_M202_VIEWS = (
    "DROP INDEX IF EXISTS idx_articles_story_id",
    "CREATE INDEX IF NOT EXISTS idx_articles_story ON articles (story_id, site, word_count)",
    "CREATE INDEX IF NOT EXISTS idx_articles_time ON articles "
    "(coalesce(datetime(published), datetime(first_seen)))",
    "CREATE INDEX IF NOT EXISTS idx_articles_site_day ON articles "
    "(site, date(coalesce(datetime(published), datetime(first_seen))), wire_source)",
    """CREATE VIEW syndication AS
        SELECT st.id AS story_id, st.headline AS story_headline, st.wire_source AS agency,
               st.copies, st.first_published,
               a.id AS article_id, a.site, coalesce(s.name, a.site_name) AS site_name,
               a.published, a.headline, a.id = st.original_article_id AS is_original,
               a.word_count, coalesce((SELECT sc.truncated FROM story_copies sc
                                       WHERE sc.article_id = a.id),
                 CASE WHEN a.id != st.original_article_id
                 AND a.word_count <= 0.8 * (
                     SELECT max(x.word_count) FROM articles x WHERE x.story_id = st.id)
                 AND (SELECT instr(o.body, substr(c.body, 1, 200))
                      FROM articles c, articles o
                      WHERE c.id = a.id AND o.id = st.original_article_id) > 0
                THEN 1 ELSE 0 END) AS truncated, a.url
        FROM stories st
        CROSS JOIN articles a ON a.story_id = st.id
        LEFT JOIN sites s ON s.site = a.site
        WHERE st.copies > 1""",
    """CREATE VIEW daily_counts AS
        SELECT a.site, (SELECT name FROM sites WHERE sites.site = a.site) AS site_name,
               date(coalesce(datetime(published), datetime(first_seen))) AS day,
               count(*) AS articles, count(a.wire_source) AS wire_copies
        FROM articles a
        GROUP BY a.site, day""",
    """CREATE VIEW wire_share AS
        SELECT a.site, (SELECT name FROM sites WHERE sites.site = a.site) AS site_name,
               count(*) AS articles, count(a.wire_source) AS wire_copies,
               round(1.0 * count(a.wire_source) / count(*), 3) AS wire_share,
               group_concat(DISTINCT a.wire_source) AS agencies,
               min(date(coalesce(datetime(published), datetime(first_seen)))) AS first_day,
               max(date(coalesce(datetime(published), datetime(first_seen)))) AS last_day
        FROM articles a
        GROUP BY a.site""",
    """CREATE VIEW latest AS
        SELECT a.id, coalesce(datetime(published), datetime(first_seen)) AS published_utc,
               a.published, a.site, coalesce(s.name, a.site_name) AS site_name, a.headline,
               a.byline, a.wire_source, a.story_id, st.copies AS story_copies, a.word_count,
               a.url
        FROM articles a
        LEFT JOIN sites s ON s.site = a.site
        LEFT JOIN stories st ON st.id = a.story_id
        ORDER BY coalesce(datetime(published), datetime(first_seen)) DESC""",
)
