"""Crash safety: a crawl killed with SIGKILL mid-run leaves a consistent archive and the
next run finishes the work without duplicates, with or without JOBDIR; a gracefully
stopped JOBDIR run resumes its queue."""

from __future__ import annotations

import signal
import sqlite3
import subprocess
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from newscrawl.demo.server import DemoNetwork
from newscrawl.extensions.jobdir import MARKER
from tests.support.newssite import NewsSite, crawl, crawl_command, crawl_env, rows, site_list

GULL = "related-only-gull"  # reachable only through story-03's related link


def count(db: Path, sql: str) -> int:
    if not db.exists():
        return 0
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=5)
    try:
        return int(conn.execute(sql).fetchone()[0])
    except sqlite3.OperationalError:  # tables not created yet
        return 0
    finally:
        conn.close()


def run_until(cmd: list[str], cwd: Path, ready: Callable[[], bool], sig: int) -> int:
    """Start a crawl, send ``sig`` once ``ready()``; the exit code."""
    with (cwd / "killed.log").open("w") as log:
        proc = subprocess.Popen(cmd, env=crawl_env(), cwd=cwd, stderr=log)
        deadline = time.monotonic() + 60
        while not ready():
            assert proc.poll() is None, "the crawl ended before it could be stopped"
            assert time.monotonic() < deadline, "never ready"
            time.sleep(0.05)
        proc.send_signal(sig)
        return proc.wait(timeout=60)


def assert_consistent(db: Path) -> None:
    """integrity_check ok, and no article without its story or its index entries."""
    assert rows(db, "PRAGMA integrity_check")[0][0] == "ok"
    assert count(db, "SELECT count(*) FROM articles WHERE story_id IS NULL") == 0
    assert (
        count(db, "SELECT count(*) FROM articles WHERE story_id NOT IN (SELECT id FROM stories)")
        == 0
    )
    assert (
        count(
            db,
            "SELECT count(*) FROM stories s WHERE copies != "
            "(SELECT count(*) FROM articles a WHERE a.story_id = s.id)",
        )
        == 0
    )
    assert (
        count(
            db,
            "SELECT count(*) FROM articles "
            "WHERE id NOT IN (SELECT article_id FROM story_signatures)",
        )
        == 0
    )
    assert (
        count(
            db,
            "SELECT count(*) FROM article_versions v JOIN articles a ON a.id = v.article_id "
            "WHERE v.content_hash = a.content_hash",
        )
        == 0
    )


class Scene:
    """A slow site whose related-only article answers very slowly."""

    def __init__(self, tmp: Path, slow: float = 30):
        self.tmp = tmp
        self.site = NewsSite(tmp / "web").write()
        self.gull = self.site.story(GULL).path(self.site.now)
        self.site.slow = {self.gull: slow}
        self.site.write()
        self.network = DemoNetwork(self.site.network_file, delay=0.05)
        self.network.start()
        self.sites = site_list(self.network, tmp / "sites.toml")
        self.db = tmp / "news.db"
        self.expected = {
            self.network.url(self.site.key, s.path(self.site.now)) for s in self.site.stories
        }

    def parent_stored_and_gull_requested(self) -> bool:
        parent = self.network.url(self.site.key, self.site.story("story-03").path(self.site.now))
        return (
            self.gull in self.network.requests(self.site.key)
            and count(self.db, f"SELECT count(*) FROM articles WHERE url = '{parent}'") == 1
        )

    def speed_up(self) -> None:
        self.network.sites[0].slow.clear()
        self.network.set_delay(0)

    def stored(self) -> list[str]:
        return [r["url"] for r in rows(self.db, "SELECT url FROM articles")]


@pytest.fixture
def scene(tmp_path: Path):
    result = Scene(tmp_path)
    yield result
    result.network.stop()


@pytest.mark.parametrize("jobdir", [False, True], ids=["database", "jobdir"])
def test_sigkill_then_rerun_finishes_without_duplicates(scene: Scene, jobdir: bool) -> None:
    job = {"JOBDIR": str(scene.tmp / "job")} if jobdir else {}
    cmd = crawl_command(scene.sites, scene.db, NEWSCRAWL_BATCH_SIZE="1", **job)
    code = run_until(cmd, scene.tmp, scene.parent_stored_and_gull_requested, signal.SIGKILL)
    assert code == -signal.SIGKILL
    assert_consistent(scene.db)
    killed = set(scene.stored())
    assert 0 < len(killed) < len(scene.expected)
    assert rows(scene.db, "SELECT status FROM crawls")[0][0] == "running"

    scene.speed_up()
    before = len(scene.network.requests(scene.site.key))
    result = crawl(scene.sites, scene.db, scene.tmp, **job)
    assert result.returncode == 0, result.stderr[-3000:]
    assert_consistent(scene.db)
    stored = scene.stored()
    assert len(stored) == len(set(stored)) == len(scene.expected)
    assert set(stored) == scene.expected
    rerun = set(scene.network.requests(scene.site.key)[before:])
    assert scene.gull in rerun  # from the archive's frontier: its parent was not re-fetched
    assert not {url.split(str(scene.network.port), 1)[1] for url in killed} & rerun
    if jobdir:
        assert "the last run was killed" in result.stderr


def test_sigkill_while_versions_are_written(scene: Scene) -> None:
    scene.speed_up()
    assert crawl(scene.sites, scene.db, scene.tmp).returncode == 0
    for story in scene.site.stories:
        story.paragraphs.append("This story was corrected after publication.")
    scene.site.write()
    scene.network.set_delay(0.1)
    scene.network.sites[0].slow[scene.gull] = 30  # the run cannot end before the kill
    cmd = crawl_command(
        scene.sites, scene.db, NEWSCRAWL_BATCH_SIZE="1", NEWSCRAWL_REVISIT_SCHEDULE="1d:0s"
    )
    code = run_until(
        cmd,
        scene.tmp,
        lambda: count(scene.db, "SELECT count(*) FROM article_versions") >= 3,
        signal.SIGKILL,
    )
    assert code == -signal.SIGKILL
    assert_consistent(scene.db)
    states = rows(
        scene.db,
        "SELECT a.body LIKE '%corrected after publication.' AS new, count(v.id) AS versions "
        "FROM articles a LEFT JOIN article_versions v ON v.article_id = a.id GROUP BY a.id",
    )
    assert {(r["new"], r["versions"]) for r in states} == {(1, 1), (0, 0)}  # no half state

    scene.speed_up()
    result = crawl(scene.sites, scene.db, scene.tmp, NEWSCRAWL_REVISIT_SCHEDULE="1d:0s")
    assert result.returncode == 0
    states = rows(
        scene.db,
        "SELECT a.body LIKE '%corrected after publication.' AS new, count(v.id) AS versions "
        "FROM articles a LEFT JOIN article_versions v ON v.article_id = a.id GROUP BY a.id",
    )
    assert [(r["new"], r["versions"]) for r in states] == [(1, 1)] * len(scene.expected)


def test_graceful_stop_with_jobdir_resumes_its_queue(tmp_path: Path) -> None:
    scene = Scene(tmp_path, slow=0)
    try:
        scene.network.set_delay(0.3)  # one request at a time: Scrapy finishes what its
        # downloader already holds before it stops, so the stop comes mid-crawl
        job = scene.tmp / "job"
        cmd = crawl_command(
            scene.sites, scene.db, NEWSCRAWL_BATCH_SIZE="1", JOBDIR=str(job),
            CONCURRENT_REQUESTS="1",
        )  # fmt: skip
        code = run_until(
            cmd, scene.tmp, lambda: count(scene.db, "SELECT count(*) FROM articles") >= 2,
            signal.SIGTERM,
        )  # fmt: skip
        assert code == 1  # interrupted: cron must notice
        assert '"shutdown"' in (job / MARKER).read_text()
        assert tuple(rows(scene.db, "SELECT status, finish_reason FROM crawls")[0]) == (
            "failed",
            "shutdown",
        )
        assert len(scene.stored()) < len(scene.expected)
        scene.speed_up()
        before = len(scene.network.requests(scene.site.key))
        result = crawl(scene.sites, scene.db, scene.tmp, JOBDIR=str(job))
        assert result.returncode == 0, result.stderr[-3000:]
        assert "resuming the queue of a stopped run" in result.stderr
        assert "/" not in scene.network.requests(scene.site.key)[before:]  # queue, not start
        stored = scene.stored()
        assert len(stored) == len(set(stored)) and set(stored) == scene.expected
        assert '"finished"' in (job / MARKER).read_text()
    finally:
        scene.network.stop()
