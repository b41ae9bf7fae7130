"""The listing revisit policy: page roles, yields, back-off and pagination."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from newscrawl.frontier.budget import CrawlBudget
from newscrawl.frontier.listings import (
    LISTING,
    PAGE,
    SECTION,
    STATIC,
    TRAP,
    ListingPolicy,
    article_links,
    fingerprint,
    page_number,
    role_of,
)
from newscrawl.frontier.plan import LISTING_NOT_DUE, Frontier, Plan
from newscrawl.frontier.revisit import RevisitPolicy
from newscrawl.store import Archive
from newscrawl.store.pages import CrawlState, Fetched

NOW = datetime(2025, 3, 18, 12, 0, tzinfo=UTC)
H = timedelta(hours=1)
SITE = "127.0.0.2"
BASE = "http://127.0.0.2:8080"


@pytest.mark.parametrize(
    ("url", "kind", "from_start", "role"),
    [
        (f"{BASE}/news/", "listing", True, SECTION),
        (f"{BASE}/", "listing", True, SECTION),
        (f"{BASE}/category/world/", "listing", True, SECTION),
        (f"{BASE}/tag/fishing/", "listing", True, LISTING),
        (f"{BASE}/tag/weather/", "listing", True, LISTING),
        (f"{BASE}/tag/video/", "listing", False, LISTING),
        (f"{BASE}/company/about-us/", "listing", False, STATIC),
        (f"{BASE}/news/", "listing", False, LISTING),
        (f"{BASE}/news/page/2/", "listing", True, PAGE),
        (f"{BASE}/news/?page=3", "listing", False, PAGE),
        (f"{BASE}/about/", "listing", True, STATIC),
        (f"{BASE}/contact.html", "listing", True, STATIC),
        (f"{BASE}/search?q=ferry", "listing", False, STATIC),
        (f"{BASE}/video/ice-out.html", "video", True, STATIC),
        (f"{BASE}/some/page", "other", False, STATIC),
    ],
)
def test_roles(url: str, kind: str, from_start: bool, role: str) -> None:
    assert role_of(url, kind, from_start) == role


def test_page_numbers() -> None:
    assert page_number(f"{BASE}/news/page/12/") == 12
    assert page_number(f"{BASE}/news/?p=2") == 2
    assert page_number(f"{BASE}/2025/03/18/ferry/") is None


def test_article_links_and_their_fingerprint() -> None:
    links = [f"{BASE}/2025/03/18/ferry/", f"{BASE}/tag/ferry/", f"{BASE}/news/page/2/"]
    assert article_links(links) == [f"{BASE}/2025/03/18/ferry/"]
    assert fingerprint(["b", "a", "a"]) == fingerprint(["a", "b"]) != fingerprint(["a"])


def test_sections_every_run_static_and_trap_pages_never() -> None:
    policy = ListingPolicy()
    assert policy.due(SECTION, NOW, NOW - timedelta(minutes=1))
    assert not policy.due(STATIC, NOW + timedelta(days=365), NOW)
    assert not policy.due(TRAP, NOW + timedelta(days=365), NOW)
    assert policy.due(None, NOW, NOW)  # read before roles were recorded: classify it
    audit = ListingPolicy(revisit_all=True)
    assert audit.due(STATIC, NOW, NOW) and audit.due(TRAP, NOW, NOW)


def test_a_page_that_yielded_at_its_last_read_is_due_next_run() -> None:
    policy = ListingPolicy()
    read = NOW - timedelta(minutes=30)
    assert policy.due(LISTING, NOW, read, first=read - 48 * H, yielded=read)
    assert not policy.due(LISTING, NOW, read, first=read - 48 * H, yielded=read - H)


def test_a_fruitless_page_backs_off_doubling_up_to_the_cap() -> None:
    policy = ListingPolicy(first_recheck=6 * H, max_interval=7 * 24 * H)
    first = NOW
    waits, read = [], first
    for _ in range(8):
        wait = policy.interval(read, first)
        waits.append(wait)
        read += wait
    assert waits[:2] == [6 * H, 6 * H]
    assert waits[2] == 12 * H and waits[3] == 24 * H
    assert waits[-1] == 7 * 24 * H
    assert not policy.due(LISTING, first + 5 * H, first, first)
    assert policy.due(LISTING, first + 6 * H, first, first)


@pytest.fixture
def state(tmp_path):
    archive = Archive.open(tmp_path / "news.db")
    state = CrawlState(archive)
    then = NOW - timedelta(minutes=30)
    for path, role in [("/news/", SECTION), ("/news/page/2/", PAGE), ("/tag/x/", LISTING),
                       ("/about/", STATIC)]:  # fmt: skip
        page = Fetched("listing", 200, etag='"v1"', role=role, links="f")
        state.fetched([BASE + path], SITE, page, then)
    state.fetched([f"{BASE}/2025/03/18/old/"], SITE, Fetched("article", 200), then)
    yield state
    archive.close()


def frontier(state: CrawlState) -> Frontier:
    return Frontier(CrawlBudget(), state, RevisitPolicy(), lambda: NOW)


def test_known_listings_due_and_not_due(state: CrawlState) -> None:
    f = frontier(state)
    assert [p.url for p in f.known_listings([SITE])] == [f"{BASE}/news/"]
    assert f.not_due[SITE] == {BASE + p for p in ("/news/page/2/", "/tag/x/", "/about/")}
    assert f.decide(f"{BASE}/tag/x/", SITE, parent=f"{BASE}/news/") == "duplicate"


def test_pagination_is_read_when_the_page_before_shows_new_links(state: CrawlState) -> None:
    f = frontier(state)
    list(f.known_listings([SITE]))
    section, page2 = f"{BASE}/news/", f"{BASE}/news/page/2/"
    assert f.decide(section, SITE, force=True) == Plan(section, {"If-None-Match": '"v1"'},
                                                      "listing")  # fmt: skip
    known = f.read(section, "listing", [f"{BASE}/2025/03/18/old/"])
    assert not known.yielded and known.role == SECTION
    assert f.decide(page2, SITE, parent=section) == LISTING_NOT_DUE
    read = f.read(section, "listing", [f"{BASE}/2025/03/18/new/", f"{BASE}/2025/03/18/old/"])
    assert read.yielded and read.links == fingerprint(
        [f"{BASE}/2025/03/18/new/", f"{BASE}/2025/03/18/old/"]
    )
    assert isinstance(f.decide(page2, SITE, parent=section), Plan)
    assert page2 not in f.not_due[SITE]


def test_a_first_read_is_no_yield(state: CrawlState) -> None:
    f = frontier(state)
    url = f"{BASE}/world/"
    f.decide(url, SITE, parent=f"{BASE}/")
    assert not f.read(url, "listing", [f"{BASE}/2025/03/18/new/"]).yielded
