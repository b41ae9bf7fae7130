"""What ``scrapy crawl news`` checks before the crawler starts, so a bad value costs one line.

Settings values (by the type of their default in ``newscrawl.settings``), the revisit
schedule, the site list, the archive file and the log file's directory. Nothing here
creates or writes a file.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

from scrapy.settings import BaseSettings

from newscrawl import settings as defaults
from newscrawl.extensions.render import RenderSettingsError, render_settings
from newscrawl.frontier.revisit import ScheduleError, parse_schedule
from newscrawl.frontier.sites import Site, SiteListError, load_sites, sites_from_urls
from newscrawl.store.access import ArchiveError, check_writable

#: Numeric settings that may be negative (DEPTH_PRIORITY -1 crawls depth-first).
SIGNED = frozenset({"DEPTH_PRIORITY"})
#: Numeric settings that must be at least 1.
POSITIVE = frozenset(
    {
        "CONCURRENT_REQUESTS",
        "CONCURRENT_REQUESTS_PER_DOMAIN",
        "NEWSCRAWL_BATCH_SIZE",
        "NEWSCRAWL_RENDER_PAGES",
    }
)
#: The contact URL of the shipped USER_AGENT: a crawl of real sites should name its own.
PLACEHOLDER_CONTACT = "example.org/newscrawl-contact"


class PreflightError(ValueError):
    """The crawl cannot start; the message names the problem and what to do."""


def typed_settings() -> Iterator[tuple[str, Any]]:
    """Every setting of ``newscrawl.settings`` whose default is a bool or a number."""
    for name, value in vars(defaults).items():
        if name.isupper() and isinstance(value, bool | int | float):
            yield name, value


def _check_value(settings: BaseSettings, name: str, default: Any) -> None:
    kind, getter = (
        ("True or False", settings.getbool)
        if isinstance(default, bool)
        else ("a whole number", settings.getint)
        if isinstance(default, int)
        else ("a number", settings.getfloat)
    )
    raw = settings.get(name)
    try:
        value = getter(name)
    except (TypeError, ValueError):
        raise PreflightError(
            f"setting {name}={raw!r} is not {kind}: pass e.g. -s {name}={default}"
        ) from None
    if isinstance(default, bool):
        return
    floor = 1 if name in POSITIVE else 0
    if name not in SIGNED and value < floor:
        raise PreflightError(f"setting {name}={raw!r} must be {floor} or more")


def check_settings(settings: BaseSettings) -> None:
    """PreflightError for the first setting whose value cannot be used."""
    for name, default in typed_settings():
        _check_value(settings, name, default)
    threshold = settings.getfloat("NEWSCRAWL_SYNDICATION_THRESHOLD")
    if not 0 < threshold <= 1:
        raise PreflightError(
            f"setting NEWSCRAWL_SYNDICATION_THRESHOLD={threshold} must be above 0 and at most 1"
        )
    try:
        render_settings(settings)
    except RenderSettingsError as exc:
        raise PreflightError(f"setting {exc}") from None
    try:
        parse_schedule(settings.get("NEWSCRAWL_REVISIT_SCHEDULE"))
    except ScheduleError as exc:
        raise PreflightError(f"setting NEWSCRAWL_REVISIT_SCHEDULE: {exc}") from None
    log_file = settings.get("LOG_FILE")
    if log_file and not Path(log_file).absolute().parent.is_dir():
        folder = Path(log_file).parent
        raise PreflightError(
            f"setting LOG_FILE={log_file}: directory {folder} does not exist "
            f"(create it: mkdir -p {folder})"
        )


def crawl_sites(settings: BaseSettings, spider_args: Mapping[str, str]) -> list[Site]:
    """The sites the spider will crawl (-a start_urls, -a sites or NEWSCRAWL_SITES)."""
    try:
        if spider_args.get("start_urls"):
            sites = sites_from_urls(spider_args["start_urls"].split(","))
        else:
            sites = load_sites(spider_args.get("sites") or settings.get("NEWSCRAWL_SITES"))
    except SiteListError as exc:
        raise PreflightError(f"{exc} (give -a sites=FILE or -a start_urls=URL,...)") from None
    if not sites:
        raise PreflightError("no sites to crawl: give -a start_urls=... or -a sites=FILE")
    return sites


def _loopback(host: str) -> bool:
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return host == "localhost"


def warnings(settings: BaseSettings, sites: list[Site]) -> list[str]:
    """Things worth a line before a crawl that may go ahead anyway."""
    real = sorted(h for site in sites for h in site.hosts if not _loopback(h))
    if real and PLACEHOLDER_CONTACT in str(settings.get("USER_AGENT")):
        return [
            "warning: USER_AGENT still names the placeholder contact "
            f"({PLACEHOLDER_CONTACT}); site owners such as {real[0]} cannot reach you: "
            'set -s USER_AGENT="yourproject/1.0 (+https://your.site/contact)"'
        ]
    return []


def preflight(settings: BaseSettings, spider_args: Mapping[str, str]) -> list[str]:
    """PreflightError when the crawl cannot start; else the warnings to print."""
    check_settings(settings)
    sites = crawl_sites(settings, spider_args)
    if not settings.get("NEWSCRAWL_REDIS_URL"):  # a distributed worker opens no archive
        try:
            check_writable(Path(settings.get("NEWSCRAWL_DB")))
        except ArchiveError as exc:
            raise PreflightError(str(exc).replace("--db", "-s NEWSCRAWL_DB=FILE")) from None
    return warnings(settings, sites)
