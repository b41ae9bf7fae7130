"""Rules an article must meet to be stored (pure)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any


def validation_problem(article: Mapping[str, Any], min_body_chars: int) -> str | None:
    """The reason to drop an article ('no_url', 'empty_body', ...), or None when it is fine."""
    url = article.get("url")
    if not url or not str(url).startswith(("http://", "https://")):
        return "no_url"
    body = article.get("body") or ""
    if not body.strip():
        return "empty_body"
    if len(body) < min_body_chars:
        return "body_too_short"
    if not (article.get("headline") or "").strip():
        return "no_headline"
    return None
