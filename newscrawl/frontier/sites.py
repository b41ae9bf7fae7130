"""The site list: which sites to crawl, from a TOML file or from start URLs."""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from newscrawl.urls import site_host, site_key

_SITE_KEYS = {
    "name", "start_urls", "feeds", "sitemaps", "allowed_hosts", "selectors", "agency",
    "max_pages", "render",
}  # fmt: skip
SELECTOR_FIELDS = frozenset({"headline", "byline", "published", "modified", "body"})


class SiteListError(ValueError):
    """The site list cannot be used (unreadable, invalid TOML, missing keys)."""


@dataclass(frozen=True)
class Site:
    """One news site: where to start, which hosts belong to it, optional overrides."""

    name: str
    start_urls: tuple[str, ...]
    feeds: tuple[str, ...] = ()
    sitemaps: tuple[str, ...] = ()
    allowed_hosts: tuple[str, ...] = ()
    selectors: Mapping[str, str] = field(default_factory=dict)
    agency: str | None = None  # set when this is a wire agency's own site ("AP", ...)
    max_pages: int | None = None
    render: bool = False  # pages are built by scripts: render them in a browser

    @property
    def key(self) -> str:
        """Stable site key stored in ``articles.site``: the first host without 'www.'."""
        return sorted(self.hosts, key=self._host_order)[0]

    def _host_order(self, host: str) -> tuple[int, str]:
        first = site_key(self.start_urls[0]) if self.start_urls else ""
        return (0 if host == first else 1, host)

    @property
    def hosts(self) -> frozenset[str]:
        """Hosts of this site, compared without port and without a leading 'www.'."""
        hosts = {site_key(u) for u in (*self.start_urls, *self.feeds, *self.sitemaps)}
        hosts |= {site_host(h) for h in self.allowed_hosts}
        return frozenset(h for h in hosts if h)


def _strings(value: Any, key: str, where: str) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise SiteListError(f"{where}: '{key}' must be a list of strings")
    return tuple(v.strip() for v in value if v.strip())


def site_from_mapping(data: Mapping[str, Any], where: str = "site") -> Site:
    """Validate one [[site]] table."""
    unknown = set(data) - _SITE_KEYS
    if unknown:
        raise SiteListError(f"{where}: unknown keys {sorted(unknown)}")
    start_urls = _strings(data.get("start_urls"), "start_urls", where)
    feeds = _strings(data.get("feeds"), "feeds", where)
    sitemaps = _strings(data.get("sitemaps"), "sitemaps", where)
    if not (start_urls or feeds or sitemaps):
        raise SiteListError(f"{where}: needs start_urls, feeds or sitemaps")
    for url in (*start_urls, *feeds, *sitemaps):
        if not re.match(r"^https?://[^/]+", url):
            raise SiteListError(f"{where}: not an http(s) URL: {url!r}")
    selectors = data.get("selectors") or {}
    if not isinstance(selectors, Mapping) or not set(selectors) <= SELECTOR_FIELDS:
        raise SiteListError(f"{where}: selectors may set {sorted(SELECTOR_FIELDS)}")
    first = (start_urls or feeds or sitemaps)[0]
    max_pages = data.get("max_pages")
    if max_pages is not None and (not isinstance(max_pages, int) or max_pages < 1):
        raise SiteListError(f"{where}: max_pages must be a positive integer")
    render = data.get("render", False)
    if not isinstance(render, bool):
        raise SiteListError(f"{where}: render must be true or false")
    return Site(
        name=str(data.get("name") or site_key(first)),
        start_urls=start_urls,
        feeds=feeds,
        sitemaps=sitemaps,
        allowed_hosts=_strings(data.get("allowed_hosts"), "allowed_hosts", where),
        selectors={k: str(v) for k, v in selectors.items()},
        agency=data.get("agency"),
        max_pages=max_pages,
        render=render,
    )


def load_sites(path: str | Path) -> list[Site]:
    """Read a TOML site list (``[[site]]`` tables)."""
    path = Path(path)
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise SiteListError(f"cannot read site list {path}: {exc.strerror}") from exc
    except tomllib.TOMLDecodeError as exc:
        raise SiteListError(f"{path}: invalid TOML: {exc}") from exc
    tables = data.get("site")
    if not isinstance(tables, list) or not tables:
        raise SiteListError(f"{path}: no [[site]] tables")
    return [site_from_mapping(t, f"{path} site #{i + 1}") for i, t in enumerate(tables)]


def sites_from_urls(urls: Iterable[str]) -> list[Site]:
    """One site per distinct host of the given start URLs (ports do not make new sites)."""
    grouped: dict[str, list[str]] = {}
    for url in urls:
        url = url.strip()
        if not url:
            continue
        if not re.match(r"^https?://[^/]+", url):
            raise SiteListError(f"not an http(s) URL: {url!r}")
        grouped.setdefault(site_key(url), []).append(url)
    return [Site(name=host, start_urls=tuple(group)) for host, group in grouped.items()]


class SiteIndex:
    """Finds the configured site a URL belongs to."""

    def __init__(self, sites: Iterable[Site]):
        self.sites = list(sites)
        self._by_host: dict[str, Site] = {}
        self._by_key = {site.key: site for site in self.sites}
        for site in self.sites:
            for host in site.hosts:
                self._by_host.setdefault(host, site)

    def by_key(self, key: str) -> Site:
        """The site whose key is ``key``."""
        return self._by_key[key]

    def site_for(self, url: str) -> Site | None:
        """The site owning ``url``, or None when it is off-site."""
        return self._by_host.get(site_key(url))

    @property
    def allowed_domains(self) -> list[str]:
        """Hosts for Scrapy's OffsiteMiddleware (bare and 'www.' forms)."""
        hosts = set()
        for host in self._by_host:
            hosts |= {host, f"www.{host}"} if not host[:1].isdigit() else {host}
        return sorted(hosts)
