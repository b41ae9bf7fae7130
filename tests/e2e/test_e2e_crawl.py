"""Offline end to end: `scrapy crawl news` (a subprocess) against the demo network on loopback.

Every expectation comes from data/demo/expected.json and is checked row by row.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from newscrawl.demo.run import DEMO_SETTINGS, scrapy_crawl, site_list_toml
from newscrawl.demo.server import DemoNetwork
from tests.support.newssite import rows as query

DEMO = Path(__file__).resolve().parents[2] / "data" / "demo"
EXPECTED = json.loads((DEMO / "expected.json").read_text(encoding="utf-8"))


class Crawl:
    """The demo network, crawled twice into one database."""

    def __init__(self, tmp: Path):
        self.network = DemoNetwork(DEMO / "network.toml")
        self.network.start()
        self.db = tmp / "news.db"
        sites = tmp / "sites.toml"
        sites.write_text(site_list_toml(self.network), encoding="utf-8")
        settings = {**DEMO_SETTINGS, "NEWSCRAWL_DB": str(self.db)}
        self.first_code = scrapy_crawl(["-a", f"sites={sites}"], settings, cwd=tmp)
        self.after_first = query(self.db, "SELECT * FROM articles ORDER BY id")
        self.first_requests = {s.key: len(self.network.requests(s.key)) for s in self.network.sites}
        self.second_code = scrapy_crawl(["-a", f"sites={sites}"], settings, cwd=tmp)
        self.rows = {r["url"]: r for r in query(self.db, "SELECT * FROM articles")}

    def url(self, entry: dict[str, Any], path_key: str = "path") -> str:
        return self.network.url(entry["site"], entry[path_key])


@pytest.fixture(scope="module")
def crawl(tmp_path_factory: pytest.TempPathFactory):
    result = Crawl(tmp_path_factory.mktemp("e2e"))
    yield result
    result.network.stop()


def test_both_runs_succeed_and_the_second_adds_nothing(crawl: Crawl) -> None:
    assert crawl.first_code == 0 and crawl.second_code == 0
    assert len(crawl.rows) == len(crawl.after_first) == len(EXPECTED["articles"])
    runs = query(
        crawl.db, "SELECT status, articles_new, articles_unchanged FROM crawls ORDER BY id"
    )
    assert [r["status"] for r in runs] == ["finished", "finished"]
    assert runs[0]["articles_new"] == len(EXPECTED["articles"]) and runs[1]["articles_new"] == 0


def test_every_article_once_with_correct_fields(crawl: Crawl) -> None:
    problems = []
    for exp in EXPECTED["articles"]:
        url = crawl.url(exp)
        row = crawl.rows.get(url)
        if row is None:
            problems.append(f"missing: {url}")
            continue
        got = {
            "headline": row["headline"],
            "byline": row["byline"],
            "authors": json.loads(row["authors"]),
            "agency": row["wire_source"],
            "published": row["published"],
            "modified": row["modified"],
        }
        for key, value in got.items():
            if value != exp[key]:
                problems.append(f"{exp['path']} {key}: got {value!r}, expected {exp[key]!r}")
        body = row["body"] or ""
        paragraphs = body.split("\n\n")
        if not body.startswith(exp["body_first"]) and exp["body_first"] not in paragraphs[0]:
            problems.append(f"{exp['path']} body starts {body[:60]!r}")
        if exp["body_last"] not in paragraphs[-1]:
            problems.append(f"{exp['path']} body ends {body[-60:]!r}")
        problems += [f"{exp['path']} body has {x!r}" for x in exp["body_excludes"] if x in body]
        problems += [
            f"{exp['path']} subheading {h!r}" for h in exp["subheadings"] if h not in paragraphs
        ]
    assert problems == [], "\n".join(problems)


def test_copies_are_grouped_and_stories_kept_apart(crawl: Crawl) -> None:
    story_of = {exp["story"]: set() for exp in EXPECTED["articles"]}
    for exp in EXPECTED["articles"]:
        row = crawl.rows.get(crawl.url(exp))
        if row is not None:
            story_of[exp["story"]].add(row["story_id"])
    merged = [key for key, ids in story_of.items() if len(ids) != 1]
    assert merged == [], "copies split across stories"
    ids = [next(iter(v)) for v in story_of.values()]
    assert len(ids) == len(set(ids)), "different stories merged"
    copies = {key: sum(e["story"] == key for e in EXPECTED["articles"]) for key in story_of}
    for key, (story_id,) in ((k, tuple(v)) for k, v in story_of.items()):
        row = query(crawl.db, "SELECT copies FROM stories WHERE id = ?", (story_id,))[0]
        assert row["copies"] == copies[key], key


def test_non_articles_dropped_and_forbidden_pages(crawl: Crawl) -> None:
    stored_paths = {url.split(str(crawl.network.port), 1)[1] for url in crawl.rows}
    for entry in EXPECTED["non_articles"] + EXPECTED["dropped"]:
        assert entry["path"] not in stored_paths, entry
    for entry in EXPECTED["never_fetched"]:
        requested = {p.split("?")[0] for p in crawl.network.requests(entry["site"])}
        assert entry["path"] not in requested, entry
    reasons = json.loads(query(crawl.db, "SELECT dropped_reasons FROM crawls")[0][0])
    for entry in EXPECTED["dropped"]:
        assert reasons.get(entry["reason"], 0) >= 1, entry


def test_redirected_and_flaky_articles_are_stored(crawl: Crawl) -> None:
    for entry in EXPECTED["redirects"]:
        assert crawl.url(entry, "to") in crawl.rows
        assert crawl.url(entry, "from") not in crawl.rows
    for entry in EXPECTED["flaky"]:
        assert crawl.url(entry) in crawl.rows


def test_start_urls_scope_and_feed_export(tmp_path: Path) -> None:
    feed = tmp_path / "items.jsonl"
    with DemoNetwork(DEMO / "network.toml") as network:
        first = network.sites[0]
        code = scrapy_crawl(
            ["-a", f"start_urls={network.url(first.key)}", "-O", str(feed)],
            {**DEMO_SETTINGS, "NEWSCRAWL_DB": str(tmp_path / "one.db")},
            cwd=tmp_path,
        )
        assert code == 0
        for other in network.sites[1:]:
            assert network.requests(other.key) == []
    sites = query(tmp_path / "one.db", "SELECT DISTINCT site FROM articles")
    assert [r["site"] for r in sites] == [first.host]
    exported = [json.loads(line) for line in feed.read_text(encoding="utf-8").splitlines()]
    stored = query(tmp_path / "one.db", "SELECT url, story_id FROM articles")
    assert sorted(e["url"] for e in exported) == sorted(r["url"] for r in stored)
    assert all("fingerprint" not in e and e["headline"] and e["story_id"] for e in exported)


def test_the_endless_calendar_costs_at_most_the_fruitless_allowance(crawl: Crawl) -> None:
    site = next(s for s in crawl.network.sites if s.calendar)
    requests = crawl.network.requests(site.key)
    calendar = [p for p in requests if p.startswith(site.calendar or "")]
    shapes = {"day" if p.count("/") > 5 else "month" if "?" in p else "year" for p in calendar}
    assert shapes == {"day", "month", "year"}  # met under three URL shapes
    first = requests[: crawl.first_requests[site.key]]
    second = requests[crawl.first_requests[site.key] :]
    assert sum(p.startswith(site.calendar or "") for p in first) <= 50, first
    # a trap family: not re-entered by the next run (its head waits for its own schedule)
    assert not [p for p in second if p.startswith(site.calendar or "")]
    traps = query(crawl.db, "SELECT shape, head FROM trap_shapes WHERE site = ?", (site.host,))
    assert traps and all((site.calendar or "") in t["shape"] for t in traps)
    roles = query(crawl.db, "SELECT role, count(*) n FROM pages WHERE url LIKE ? GROUP BY role",
                  (f"%{site.calendar}%",))  # fmt: skip
    assert {r["role"] for r in roles} <= {"trap", "listing"} and any(
        r["role"] == "trap" for r in roles
    )
