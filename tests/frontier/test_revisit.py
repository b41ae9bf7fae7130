"""The revisit policy: when a known page is fetched again."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from newscrawl.frontier.revisit import (
    DEFAULT_SCHEDULE,
    RevisitPolicy,
    ScheduleError,
    Step,
    parse_duration,
    parse_schedule,
)

NOW = datetime(2025, 3, 18, 12, 0, tzinfo=UTC)
H = timedelta(hours=1)
M = timedelta(minutes=1)


def test_durations_and_schedules() -> None:
    assert parse_duration("15m") == 15 * M and parse_duration("2w") == timedelta(days=14)
    assert parse_duration("90") == timedelta(seconds=90)
    assert parse_schedule("3h:15m, 1d:1h,*:never") == (
        Step(3 * H, 15 * M),
        Step(24 * H, H),
        Step(None, None),
    )
    assert parse_schedule([["1d", "0s"]]) == parse_schedule(["1d:0s"]) == (Step(24 * H, 0 * M),)


@pytest.mark.parametrize("bad", ["3h", "3h:15x", "1d:1h,3h:15m", "*:1h,1d:1h", "a:b:c"])
def test_bad_schedules(bad: str) -> None:
    with pytest.raises(ScheduleError):
        parse_schedule(bad)


def test_default_schedule_is_newsdiffs_like() -> None:
    policy = RevisitPolicy(parse_schedule(DEFAULT_SCHEDULE))
    assert policy.interval(2 * H) == 15 * M
    assert policy.interval(5 * H) == H
    assert policy.interval(48 * H) == 3 * H
    assert policy.interval(20 * 24 * H) == 72 * H
    assert policy.interval(40 * 24 * H) is None
    assert policy.horizon == timedelta(days=30)
    assert RevisitPolicy(parse_schedule("1d:1h,*:30d")).horizon is None


def test_articles_are_due_by_age_and_time_since_last_fetch() -> None:
    policy = RevisitPolicy()
    young = NOW - 2 * H
    assert not policy.due("article", NOW, NOW - 5 * M, born=young)
    assert policy.due("article", NOW, NOW - 14 * M, born=young)  # 90 % of 15 min passed
    assert not policy.due("article", NOW, NOW - 30 * M, born=NOW - 10 * H)  # hourly now
    assert policy.due("article", NOW, NOW - 61 * M, born=NOW - 10 * H)
    assert not policy.due("article", NOW, NOW - 300 * H, born=NOW - 60 * 24 * H)  # never
    assert policy.due("article", NOW, None)  # never fetched


def test_a_recent_change_makes_an_old_article_young_again() -> None:
    policy = RevisitPolicy()
    old = NOW - 20 * 24 * H
    assert not policy.due("article", NOW, NOW - 20 * M, born=old)
    assert policy.due("article", NOW, NOW - 20 * M, born=old, changed=NOW - H)


def test_hints_revisit_all_and_other_kinds() -> None:
    policy = RevisitPolicy()
    fetched, old = NOW - H, NOW - 90 * 24 * H
    assert policy.due("article", NOW, fetched, born=old, hint=NOW - 5 * M)  # lastmod newer
    assert not policy.due("article", NOW, fetched, born=old, hint=NOW - 2 * H)
    assert RevisitPolicy(revisit_all=True).due("article", NOW, fetched, born=old)
    assert policy.due("listing", NOW, NOW - M) and policy.due("feed", NOW, NOW - M)
    assert not policy.due("sitemap", NOW, fetched, hint=NOW - 2 * H)  # child sitemap unchanged
    assert policy.due("sitemap", NOW, fetched, hint=NOW - M)
    assert policy.due("sitemap", NOW, fetched)  # no lastmod: read every run
