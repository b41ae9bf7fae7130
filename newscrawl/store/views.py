"""Views answering the analysts' common questions, and the indexes that keep them fast.

An article's time is its publication time in UTC, or when the crawler first saw it if the page
carried no date (:data:`ARTICLE_TIME`). The expression is spelled exactly as in the indexes so
SQLite can use them.
"""

from __future__ import annotations

from sqlite_utils import Database

#: Publication time in UTC ('YYYY-MM-DD HH:MM:SS'); first-seen time for undated articles.
ARTICLE_TIME = "coalesce(datetime(published), datetime(first_seen))"
ARTICLE_DAY = f"date({ARTICLE_TIME})"

#: Replaced by idx_articles_story, which starts with the same column and covers the views.
OBSOLETE_INDEXES = ("idx_articles_story_id",)
INDEXES = (
    "CREATE INDEX IF NOT EXISTS idx_articles_story ON articles (story_id, site, word_count)",
    f"CREATE INDEX IF NOT EXISTS idx_articles_time ON articles ({ARTICLE_TIME})",
    f"CREATE INDEX IF NOT EXISTS idx_articles_site_day ON articles (site, {ARTICLE_DAY}, wire_source)",
)

#: A copy with at most this share of the words of its story's longest copy, opening with a
#: passage of the original, is truncated. The bodies are read in a subquery keyed by ids, so
#: that a GROUP BY over the view sorts ids, not bodies.
TRUNCATED_RATIO = 0.8
COMPUTED_TRUNCATED = f"""CASE WHEN a.id != st.original_article_id
                 AND a.word_count <= {TRUNCATED_RATIO} * (
                     SELECT max(x.word_count) FROM articles x WHERE x.story_id = st.id)
                 AND (SELECT instr(o.body, substr(c.body, 1, 200))
                      FROM articles c, articles o
                      WHERE c.id = a.id AND o.id = st.original_article_id) > 0
                THEN 1 ELSE 0 END"""
#: The syndication pipeline's own per-copy flag (table story_copies), where it has one.
STORED_TRUNCATED = "(SELECT sc.truncated FROM story_copies sc WHERE sc.article_id = a.id)"

VIEWS = {
    # CROSS JOIN keeps stories as the outer loop: every plan then reads articles through
    # idx_articles_story, without touching the large rows (and bodies) it does not need.
    "syndication": """
        CREATE VIEW syndication AS
        SELECT st.id AS story_id, st.headline AS story_headline, st.wire_source AS agency,
               st.copies, st.first_published,
               a.id AS article_id, a.site, coalesce(s.name, a.site_name) AS site_name,
               a.published, a.headline, a.id = st.original_article_id AS is_original,
               a.word_count, {truncated} AS truncated, a.url
        FROM stories st
        CROSS JOIN articles a ON a.story_id = st.id
        LEFT JOIN sites s ON s.site = a.site
        WHERE st.copies > 1""",
    "daily_counts": f"""
        CREATE VIEW daily_counts AS
        SELECT a.site, (SELECT name FROM sites WHERE sites.site = a.site) AS site_name,
               {ARTICLE_DAY} AS day,
               count(*) AS articles, count(a.wire_source) AS wire_copies
        FROM articles a
        GROUP BY a.site, day""",
    "wire_share": f"""
        CREATE VIEW wire_share AS
        SELECT a.site, (SELECT name FROM sites WHERE sites.site = a.site) AS site_name,
               count(*) AS articles, count(a.wire_source) AS wire_copies,
               round(1.0 * count(a.wire_source) / count(*), 3) AS wire_share,
               group_concat(DISTINCT a.wire_source) AS agencies,
               min({ARTICLE_DAY}) AS first_day, max({ARTICLE_DAY}) AS last_day
        FROM articles a
        GROUP BY a.site""",
    "latest": f"""
        CREATE VIEW latest AS
        SELECT a.id, {ARTICLE_TIME} AS published_utc, a.published, a.site,
               coalesce(s.name, a.site_name) AS site_name, a.headline, a.byline,
               a.wire_source, a.story_id, st.copies AS story_copies, a.word_count, a.url
        FROM articles a
        LEFT JOIN sites s ON s.site = a.site
        LEFT JOIN stories st ON st.id = a.story_id
        ORDER BY {ARTICLE_TIME} DESC""",
}


def create_indexes(db: Database) -> None:
    """Create the views' indexes (those already present are kept), drop superseded ones."""
    for name in OBSOLETE_INDEXES:
        db.execute(f"DROP INDEX IF EXISTS {name}")
    for sql in INDEXES:
        db.execute(sql)


def truncated_flag(db: Database) -> str:
    """How the syndication view tells a truncated copy: the stored flag when the archive has
    per-copy flags (falling back to the computed one for copies stored without a flag)."""
    if db.table("story_copies").exists():
        return f"coalesce({STORED_TRUNCATED}, {COMPUTED_TRUNCATED})"
    return COMPUTED_TRUNCATED


def create_views(db: Database) -> None:
    """Drop and recreate every view with its current definition."""
    truncated = truncated_flag(db)
    for name, sql in VIEWS.items():
        db.execute(f"DROP VIEW IF EXISTS {name}")
        db.execute(sql.replace("{truncated}", truncated))
