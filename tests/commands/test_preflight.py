"""What `scrapy crawl news` checks before the crawler starts (newscrawl.commands.preflight)."""

from __future__ import annotations

from pathlib import Path

import pytest
from scrapy.settings import Settings

import newscrawl.settings
from newscrawl.commands.preflight import PreflightError, check_settings, preflight, warnings
from newscrawl.frontier.sites import sites_from_urls


def settings(**overrides: object) -> Settings:
    values = {k: v for k, v in vars(newscrawl.settings).items() if k.isupper()}
    return Settings({**values, **overrides})


def test_the_shipped_settings_pass() -> None:
    check_settings(settings())


@pytest.mark.parametrize(
    ("name", "value", "message"),
    [
        ("NEWSCRAWL_MAX_PAGES_PER_SITE", "abc", "is not a whole number: pass e.g. -s"),
        ("NEWSCRAWL_BATCH_SECONDS", "soon", "is not a number"),
        ("NEWSCRAWL_REVISIT_ALL", "maybe", "is not True or False"),
        ("CONCURRENT_REQUESTS", "0", "must be 1 or more"),
        ("DOWNLOAD_DELAY", "-2", "must be 0 or more"),
        ("NEWSCRAWL_SYNDICATION_THRESHOLD", "1.5", "above 0 and at most 1"),
        ("NEWSCRAWL_REVISIT_SCHEDULE", "3h", "AGE:INTERVAL"),
        ("NEWSCRAWL_RENDER", "always", "one of never, sites, auto"),
        ("NEWSCRAWL_RENDER_WAIT_UNTIL", "idle", "one of"),
    ],
)
def test_bad_values_name_the_setting(name: str, value: str, message: str) -> None:
    with pytest.raises(PreflightError, match=name) as caught:
        check_settings(settings(**{name: value}))
    assert message in str(caught.value)


def test_depth_priority_may_be_negative() -> None:
    check_settings(settings(DEPTH_PRIORITY="-1"))


def test_the_placeholder_user_agent_is_warned_about_for_real_sites_only(tmp_path: Path) -> None:
    real = sites_from_urls(["https://news.example/"])
    local = sites_from_urls(["http://127.0.0.2:8642/", "http://localhost:8000/"])
    (warning,) = warnings(settings(), real)
    assert "USER_AGENT" in warning and "news.example" in warning
    assert warnings(settings(), local) == []
    assert warnings(settings(USER_AGENT="me/1.0 (+https://me.example/)"), real) == []
    found = preflight(
        settings(NEWSCRAWL_DB=str(tmp_path / "n.db")), {"start_urls": "https://news.example/"}
    )
    assert found == [warning] and not (tmp_path / "n.db").exists()
