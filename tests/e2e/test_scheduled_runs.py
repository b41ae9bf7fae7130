"""Scheduled runs end to end (`scrapy crawl` subprocesses against a loopback site):
discovery through a feed, a news sitemap, a gzip sitemap and related links; incremental
runs that skip known articles; conditional re-fetches; change tracking; WARC capture;
the run log and the health report."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from warcio.archiveiterator import ArchiveIterator

from newscrawl.cli import main
from newscrawl.demo.server import DemoNetwork
from tests.support.newssite import NewsSite, Story, crawl, prose, rows, site_list

ALL_DUE = {"NEWSCRAWL_REVISIT_SCHEDULE": "1d:0s"}  # every young article due every run


class Runs:
    """Four crawls of one site into one archive, with edits in between."""

    def __init__(self, tmp: Path):
        self.tmp = tmp
        self.site = NewsSite(tmp / "web").write()
        self.network = DemoNetwork(self.site.network_file)
        self.network.start()
        self.sites = site_list(self.network, tmp / "sites.toml")
        self.db = tmp / "news.db"
        self.warc_dir = tmp / "warc"
        self.results = []
        self.hits = []
        # 1: first run, with WARC capture
        self.run(NEWSCRAWL_WARC_DIR=str(self.warc_dir))
        # 2: two stories edited, one new story in the feed only; default schedule
        edited = self.site.story("story-04")
        edited.paragraphs[1] += " Officials corrected the figures."
        self.site.story("story-05").headline = "Harbor council story number 5, corrected"
        self.site.stories.append(
            Story("new-night-market", "Night market opens on the pier", "Ida Moss", 0.5,
                  paragraphs=[prose(900 + k) for k in range(4)], listed=False,
                  in_news_sitemap=False)
        )  # fmt: skip
        self.site.write()
        self.run()
        # 3: every young article due: conditional re-fetches find the two edits
        self.run(**ALL_DUE)
        # 4: audit: everything re-fetched unconditionally
        self.run(NEWSCRAWL_REVISIT_ALL="True")

    def run(self, **settings: str) -> None:
        before = len(self.network.hits(self.site.key))
        self.results.append(crawl(self.sites, self.db, self.tmp, **settings))
        self.hits.append(self.network.hits(self.site.key)[before:])

    def url(self, slug: str) -> str:
        return self.network.url(self.site.key, self.site.story(slug).path(self.site.now))

    def article_hits(self, run: int) -> list:
        paths = {s.path(self.site.now) for s in self.site.stories}
        return [h for h in self.hits[run] if h.path in paths]


@pytest.fixture(scope="module")
def runs(tmp_path_factory: pytest.TempPathFactory):
    result = Runs(tmp_path_factory.mktemp("scheduled"))
    yield result
    result.network.stop()


def test_every_run_succeeds(runs: Runs) -> None:
    assert [r.returncode for r in runs.results] == [0, 0, 0, 0], runs.results[-1].stderr[-3000:]
    statuses = [r["status"] for r in rows(runs.db, "SELECT status FROM crawls ORDER BY id")]
    assert statuses == ["finished"] * 4


def test_first_run_finds_articles_through_every_channel(runs: Runs) -> None:
    stored = {r["url"] for r in rows(runs.db, "SELECT url FROM articles")}
    first = [s for s in runs.site.stories if s.slug != "new-night-market"]
    assert stored >= {runs.url(s.slug) for s in first}
    for slug in ("feed-only-ferry", "sitemap-only-dock", "archive-only-lighthouse"):
        assert runs.url(slug) in stored, slug
    assert runs.url("related-only-gull") in stored
    requested = {h.path for h in runs.hits[0]}
    assert {"/robots.txt", "/sitemap_index.xml", "/sitemap-news.xml", "/feed.xml"} <= requested
    assert "/sitemap-archive.xml.gz" in requested


def test_second_run_skips_known_articles_and_finds_the_new_one(runs: Runs) -> None:
    new_url = runs.url("new-night-market")
    fetched = {h.path for h in runs.article_hits(1)}
    assert fetched == {runs.site.story("new-night-market").path(runs.site.now)}
    crawls = rows(runs.db, "SELECT * FROM crawls ORDER BY id")
    assert crawls[1]["articles_new"] == 1 and crawls[1]["articles_updated"] == 0
    assert crawls[1]["pages_skipped"] >= 10  # listed, feed and sitemap articles seen again
    assert rows(runs.db, "SELECT count(*) FROM articles WHERE url = ?", (new_url,))[0][0] == 1
    listings = {h.path for h in runs.hits[1]}
    assert {"/", "/news/", "/feed.xml"} <= listings  # listings and feeds: every run


def test_due_articles_are_refetched_conditionally_and_changes_kept(runs: Runs) -> None:
    hits = runs.article_hits(2)
    assert len(hits) == len(runs.site.stories)  # every article due, each fetched once
    assert all("If-None-Match" in h.headers for h in hits)
    changed = {h.path for h in hits if h.status == 200}
    assert changed == {runs.site.story(s).path(runs.site.now) for s in ("story-04", "story-05")}
    crawl3 = rows(runs.db, "SELECT * FROM crawls ORDER BY id")[2]
    assert crawl3["articles_updated"] == 2
    stats = json.loads(crawl3["stats"])
    assert stats["newscrawl/articles/not_modified"] == len(runs.site.stories) - 2
    assert crawl3["pages_not_modified"] >= len(runs.site.stories) - 2  # and unchanged feeds
    versions = rows(
        runs.db,
        "SELECT v.*, a.url, a.headline AS now_headline, a.content_hash AS now_hash "
        "FROM article_versions v JOIN articles a ON a.id = v.article_id ORDER BY a.url",
    )
    assert [v["url"] for v in versions] == sorted([runs.url("story-04"), runs.url("story-05")])
    assert all(v["content_hash"] != v["now_hash"] for v in versions)
    # by URL, not position: a story's path carries its day, and before 06:00 UTC story-05
    # (published 2.25 days ago) falls on the day before story-04
    corrected = next(v for v in versions if v["url"] == runs.url("story-05"))
    assert corrected["headline"] == "Harbor council story number 5"
    assert corrected["now_headline"] == "Harbor council story number 5, corrected"
    assert all(v["fetched"] < v["replaced"] for v in versions)


def test_revisit_all_fetches_everything_unconditionally(runs: Runs) -> None:
    hits = runs.article_hits(3)
    assert len(hits) == len(runs.site.stories)
    assert all(h.status == 200 and "If-None-Match" not in h.headers for h in hits)
    crawl4 = rows(runs.db, "SELECT * FROM crawls ORDER BY id")[3]
    assert crawl4["articles_unchanged"] == len(runs.site.stories)
    assert rows(runs.db, "SELECT count(*) FROM article_versions")[0][0] == 2


def test_changes_command_shows_readable_diffs(runs: Runs, capsys) -> None:
    assert main(["changes", "--db", str(runs.db)]) == 0
    out = capsys.readouterr().out
    assert out.count("== http://") == 2
    assert "headline: Harbor council story number [-5-]{+5, corrected+}" in out
    assert "{+ Officials corrected the figures.+}" in out
    assert main(["changes", "--db", str(runs.db), "--since", "2999-01-01"]) == 0
    assert capsys.readouterr().out == "No changes.\n"
    assert main(["changes", "--db", str(runs.db), "--site", "Test Gazette"]) == 0
    assert capsys.readouterr().out.count("== http://") == 2
    assert main(["changes", "--db", str(runs.db), "--site", "elsewhere.example"]) == 0
    assert capsys.readouterr().out == "No changes.\n"


def test_run_log_has_per_site_figures(runs: Runs) -> None:
    site_rows = rows(runs.db, "SELECT * FROM crawl_sites ORDER BY crawl_id")
    assert [r["site"] for r in site_rows] == [runs.site.host] * 4
    first = site_rows[0]
    assert first["status"] == "ok" and first["articles_new"] == 14 and first["errors"] == 0
    assert first["article_pages"] == 14
    assert first["headline_share"] == first["body_share"] == first["published_share"] == 1.0
    assert first["byline_share"] == 1.0
    assert site_rows[1]["pages_skipped"] >= 10 and site_rows[1]["articles_new"] == 1
    assert site_rows[2]["articles_changed"] == 2
    assert json.loads(first["dropped_reasons"]) == {}


def test_report_command(runs: Runs, capsys) -> None:
    assert main(["report", "--db", str(runs.db)]) == 0
    out = capsys.readouterr().out
    assert "Test Gazette (127.0.0.5)" in out and "No problems flagged." in out
    assert out.count(" finished ") == 4


def test_warc_holds_the_stored_articles(runs: Runs) -> None:
    files = list(runs.warc_dir.iterdir())
    assert len(files) == 1 and files[0].name.endswith(".warc.gz")  # no ".open" left
    records = []
    with files[0].open("rb") as stream:
        for record in ArchiveIterator(stream):
            body = record.content_stream().read()
            records.append((record.rec_type, record.rec_headers, record.http_headers, body))
    kinds = [r[0] for r in records]
    assert kinds[0] == "warcinfo" and kinds.count("response") == kinds.count("request") == 14
    responses = {r[1].get_header("WARC-Target-URI"): r for r in records if r[0] == "response"}
    first = [s for s in runs.site.stories if s.slug != "new-night-market"]
    assert set(responses) == {runs.url(s.slug) for s in first}
    _, _, http, body = responses[runs.url("story-03")]
    assert http.get_statuscode() == "200"
    assert http.get_header("Content-Length") == str(len(body))
    assert b"<h1>Harbor council story number 3</h1>" in body
    requests = [r for r in records if r[0] == "request"]
    assert all(r[2].get_header("User-Agent", "").startswith("newscrawl/") for r in requests)
