"""The time expressions of the analysts' views (created by migration m202) and queries.

An article's time is its publication time in UTC, or when the crawler first saw it if the page
carried no date (:data:`ARTICLE_TIME`). The expression is spelled exactly as in the indexes
``idx_articles_time`` and ``idx_articles_site_day`` so SQLite can use them.
"""

from __future__ import annotations

#: Publication time in UTC ('YYYY-MM-DD HH:MM:SS'); first-seen time for undated articles.
ARTICLE_TIME = "coalesce(datetime(published), datetime(first_seen))"
ARTICLE_DAY = f"date({ARTICLE_TIME})"
