"""Two workers and one writer as subprocesses against the demo network on loopback, on a
real redis-server with a password: every article stored once, a second run adds nothing,
and a worker and the writer killed with SIGKILL mid-run lose nothing."""

from __future__ import annotations

import json
import signal
import sqlite3
import subprocess
import time
from collections import Counter
from pathlib import Path

import pytest

from newscrawl.demo.run import DEMO_SETTINGS, site_list_toml
from newscrawl.demo.server import DemoNetwork
from tests.support.redis import RedisServer, start_worker, start_writer

pytest.importorskip("scrapy_redis")

DEMO = Path(__file__).resolve().parents[2] / "data" / "demo"
EXPECTED = json.loads((DEMO / "expected.json").read_text(encoding="utf-8"))
WORKER = {**DEMO_SETTINGS, "LOG_LEVEL": "INFO", "NEWSCRAWL_REDIS_IDLE": "2",
          "NEWSCRAWL_REDIS_LEASE": "4", "NEWSCRAWL_WORKERS": "0"}  # fmt: skip
# Nobody is killed in the cluster runs: a lease long enough that a worker stalled by a loaded
# machine is not taken for dead (a short lease then splits a run in two).
STEADY = {**WORKER, "NEWSCRAWL_REDIS_LEASE": "30"}
# A worker is killed: its requests go to the other after the lease, short enough for a
# test and long enough that the survivor, stalled by a loaded machine, keeps its own.
KILLED = {**WORKER, "NEWSCRAWL_REDIS_LEASE": "10"}
FLAKY = "/2025/03/03/millbrook-library-expansion-vote/"  # answers 503 once: retried


def articles(db: Path) -> dict[str, str]:
    conn = sqlite3.connect(db)
    try:
        return dict(conn.execute("SELECT url, headline FROM articles").fetchall())
    finally:
        conn.close()


def crawls(db: Path) -> list[tuple[str, int]]:
    conn = sqlite3.connect(db)
    try:
        return conn.execute("SELECT status, articles_new FROM crawls ORDER BY id").fetchall()
    finally:
        conn.close()


def expected(network: DemoNetwork) -> dict[str, str]:
    return {network.url(a["site"], a["path"]): a["headline"] for a in EXPECTED["articles"]}


def run(tmp: Path, network: DemoNetwork, url: str, tag: str, writer_first: bool) -> list[int]:
    """One distributed run: two workers and ``newscrawl store --until-done``."""
    sites = tmp / "sites.toml"
    sites.write_text(site_list_toml(network), encoding="utf-8")
    store = ["--until-done", "--lease", STEADY["NEWSCRAWL_REDIS_LEASE"]]
    procs = []
    if writer_first:
        procs.append(start_writer(url, tmp / "news.db", tmp / f"{tag}-writer.log", tmp, *store))
    procs += [start_worker(sites, url, tmp / f"{tag}-w{n}.log", tmp, **STEADY) for n in (1, 2)]
    if not writer_first:
        procs.append(start_writer(url, tmp / "news.db", tmp / f"{tag}-writer.log", tmp, *store))
    return [p.wait(timeout=600) for p in procs]


@pytest.fixture(scope="module")
def cluster(tmp_path_factory: pytest.TempPathFactory):
    tmp = tmp_path_factory.mktemp("cluster")
    with (
        RedisServer(tmp / "redis", password="s3cret") as server,
        DemoNetwork(DEMO / "network.toml") as network,
    ):
        first = run(tmp, network, server.url, "first", writer_first=True)
        hits_first = {s.key: list(network.requests(s.key)) for s in network.sites}
        after_first = articles(tmp / "news.db")
        second = run(tmp, network, server.url, "second", writer_first=False)
        hits_all = {s.key: list(network.requests(s.key)) for s in network.sites}
        yield {
            "tmp": tmp, "codes": first + second, "first": hits_first, "all": hits_all,
            "after_first": after_first, "expected": expected(network),
        }  # fmt: skip


def test_every_article_is_stored_once_by_the_one_writer(cluster) -> None:
    assert cluster["codes"] == [0, 0, 0, 0, 0, 0]
    assert cluster["after_first"] == cluster["expected"]
    assert crawls(cluster["tmp"] / "news.db")[0] == ("finished", len(EXPECTED["articles"]))


def test_each_page_is_requested_once_across_workers(cluster) -> None:
    for site, paths in cluster["first"].items():
        twice = {p for p, n in Counter(paths).items() if n > 1}
        # robots.txt: once for the rules (shared), once for its Sitemap: lines, as locally
        assert twice <= {"/robots.txt", FLAKY}, site
        assert Counter(paths)["/robots.txt"] == 2


def test_a_second_run_adds_nothing_and_fetches_no_article_not_due(cluster) -> None:
    db = cluster["tmp"] / "news.db"
    assert articles(db) == cluster["after_first"]
    assert crawls(db)[1] == ("finished", 0)
    article_paths = {a["path"] for a in EXPECTED["articles"]}
    for site, paths in cluster["all"].items():
        again = paths[len(cluster["first"][site]) :]
        assert again and not (set(again) & article_paths), site  # listings yes, articles no


def wait_until(ready, *alive: subprocess.Popen[bytes], seconds: float = 300) -> None:
    """Poll ``ready()`` until it is true; fail when time runs out or a process exits."""
    deadline = time.monotonic() + seconds
    while not ready():
        assert time.monotonic() < deadline, "timed out"
        assert all(p.poll() is None for p in alive), "a process exited early"
        time.sleep(0.1)


def test_sigkilled_worker_and_writer_lose_nothing(tmp_path: Path) -> None:
    with (
        RedisServer(tmp_path / "redis") as server,
        DemoNetwork(DEMO / "network.toml", delay=0.25) as network,
    ):
        sites = tmp_path / "sites.toml"
        sites.write_text(site_list_toml(network), encoding="utf-8")
        db, url = tmp_path / "news.db", server.url
        logs = [tmp_path / f"w{n}.log" for n in (1, 2)]
        victim, survivor = (start_worker(sites, url, log, tmp_path, **KILLED) for log in logs)
        # workers wait for the writer before their first request: both take part, however
        # slowly each one starts on a busy machine
        wait_until(lambda: all("newscrawl store" in log.read_text() for log in logs),
                   victim, survivor)  # fmt: skip
        lease = KILLED["NEWSCRAWL_REDIS_LEASE"]
        writer = start_writer(url, db, tmp_path / "writer.log", tmp_path, "--lease", lease)
        wait_until(lambda: sum(len(network.requests(s.key)) for s in network.sites) >= 60,
                   victim, survivor, writer)  # fmt: skip
        victim.send_signal(signal.SIGKILL)
        writer.send_signal(signal.SIGKILL)
        victim.wait()
        writer.wait()
        writer = start_writer(url, db, tmp_path / "writer2.log", tmp_path, "--until-done")
        assert survivor.wait(timeout=600) == 0
        assert writer.wait(timeout=600) == 0
        assert articles(db) == expected(network)
        assert crawls(db) == [("finished", len(EXPECTED["articles"]))]
