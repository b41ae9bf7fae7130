"""What an import keeps: sites (hosts or a site list), a publication window, languages."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from newscrawl.clock import parse_utc
from newscrawl.frontier.sites import Site, SiteIndex, load_sites
from newscrawl.urls import site_host, site_key


class FilterError(ValueError):
    """A filter option that cannot be used (bad date, unreadable site list)."""


@dataclass(frozen=True)
class Filters:
    """The import's filters; empty filters keep every article."""

    sites: frozenset[str] = frozenset()  # site keys; empty: every site
    since: datetime | None = None  # publication date, inclusive
    until: datetime | None = None  # publication date, exclusive
    languages: frozenset[str] = frozenset()  # primary language subtags ('en', 'de')

    def keeps_url(self, url: str) -> bool:
        """Is the page's site wanted (checked before the page is analysed)?"""
        return not self.sites or site_key(url) in self.sites

    def reason(self, article: Mapping[str, Any]) -> str | None:
        """Why an article is filtered out ('site', 'published', 'language'), or None."""
        if self.sites and article.get("site") not in self.sites:
            return "site"
        if self.since or self.until:
            published = parse_utc(article.get("published"))
            if published is None:
                return "published"
            if (self.since and published < self.since) or (self.until and published >= self.until):
                return "published"
        if self.languages:
            language = str(article.get("language") or "").split("-")[0].split("_")[0].lower()
            if language not in self.languages:
                return "language"
        return None


def _date(value: str | None, option: str, whole_day: bool = False) -> datetime | None:
    if not value:
        return None
    moment = parse_utc(value)
    if moment is None:
        raise FilterError(f"{option}: not a date: {value}")
    if whole_day and len(value.strip()) == 10:  # --until 2024-05-31 keeps that day
        moment += timedelta(days=1)
    return moment


def build_filters(
    site: str | None = None,
    since: str | None = None,
    until: str | None = None,
    lang: str | None = None,
) -> tuple[Filters, list[Site]]:
    """Filters from the command's options, and the sites of a site list given to --site
    (their names and selectors are used as a crawl would)."""
    sites: list[Site] = []
    keys: set[str] = set()
    if site:
        if Path(site).is_file():
            try:
                sites = load_sites(site)
            except ValueError as exc:
                raise FilterError(f"--site: {exc}") from exc
            keys = {host for s in sites for host in s.hosts}
        else:
            keys = {site_host(h.strip()) for h in site.split(",") if h.strip()}
    languages = {x.strip().lower() for x in (lang or "").split(",") if x.strip()}
    filters = Filters(
        frozenset(keys),
        _date(since, "--since"),
        _date(until, "--until", whole_day=True),
        frozenset(languages),
    )
    return filters, sites


def site_for(url: str, index: SiteIndex) -> Site:
    """The configured site of a page, or a site of its own host (as ``crawl`` makes one
    from a start URL)."""
    return index.site_for(url) or Site(name=site_key(url), start_urls=(url,))
