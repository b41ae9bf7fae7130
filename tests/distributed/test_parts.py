"""The Redis parts of a distributed crawl against a real redis-server: the request codec,
the leased queue, the run's phases and the politeness gate."""

from __future__ import annotations

import json
import pickle
import time
from pathlib import Path

import pytest
import scrapy

from newscrawl.distributed.codec import CodecError, decode, encode
from newscrawl.distributed.connection import JobKeys, RedisUnavailable, connect, redact
from newscrawl.distributed.queue import LEASE_META, MAX_TRIES, LeasedQueue
from newscrawl.distributed.run import DONE, REQUESTED, RUNNING, Run
from tests.support.redis import RedisServer, free_port

redis = pytest.importorskip("redis")


class Spider(scrapy.Spider):
    name = "t"

    def parse(self, response):  # pragma: no cover - never called
        return []

    def on_error(self, failure):  # pragma: no cover - never called
        return None


def test_a_request_crosses_redis_as_data() -> None:
    spider = Spider()
    request = scrapy.Request(
        "http://127.0.0.2/a?b=1", callback=spider.parse, errback=spider.on_error,
        headers={"If-None-Match": '"x"'}, priority=5,
        meta={"newscrawl_site": "127.0.0.2", "depth": 3, "redirect_urls": ["http://a/"],
              "not_data": object()},
    )  # fmt: skip
    payload = encode(request, spider)
    assert "not_data" not in json.loads(payload)["meta"]
    lease, back = decode(payload, spider)
    assert lease == json.loads(payload)["id"]
    assert (back.url, back.priority, back.callback, back.errback) == (
        request.url, 5, spider.parse, spider.on_error,
    )  # fmt: skip
    assert back.headers["If-None-Match"] == b'"x"'
    assert back.meta == {"newscrawl_site": "127.0.0.2", "depth": 3, "redirect_urls": ["http://a/"]}


def test_callbacks_are_spider_methods_and_nothing_else_is_decoded() -> None:
    spider = Spider()
    with pytest.raises(CodecError):
        encode(scrapy.Request("http://a/", callback=print), spider)
    good = json.loads(encode(scrapy.Request("http://a/", callback=spider.parse), spider))
    for bad in ({**good, "callback": "__init__"}, {**good, "callback": "settings"},
                {**good, "method": "EVIL"}, {**good, "meta": {"x": {"y": b"1".hex()}} | {"z": 1}}
                | {"meta": [1]}):  # fmt: skip
        with pytest.raises(CodecError):
            decode(json.dumps(bad), spider)
    with pytest.raises(CodecError):
        decode(pickle.dumps(scrapy.Request("http://a/")), spider)


def test_password_urls_are_redacted_and_a_dead_redis_is_one_clear_error() -> None:
    assert redact("redis://:s3cret@h:6379/0") == "redis://:***@h:6379/0"
    with pytest.raises(RedisUnavailable) as info:
        connect(f"redis://127.0.0.1:{free_port()}/0", timeout=1)
    assert "\n" not in str(info.value) and "cannot use Redis at" in str(info.value)


def test_a_wrong_password_is_refused(server: RedisServer) -> None:
    with pytest.raises(RedisUnavailable) as info:
        connect(server.url.replace("s3cret", "wrong"))
    assert "s3cret" not in str(info.value) and "wrong" not in str(info.value)


def queue(client, lease: float = 30.0) -> LeasedQueue:
    q = LeasedQueue(client, Spider(), "t")
    q.lease_seconds = lease
    return q


def test_pops_are_leases_acknowledged_or_returned_after_their_time(client) -> None:
    first, second = queue(client, lease=0.3), queue(client)
    for n, priority in ((1, 0), (2, 0), (3, 10)):
        first.push(scrapy.Request(f"http://a/{n}", priority=priority))
    popped = [first.pop() for _ in range(2)]
    assert [r.url for r in popped if r] == ["http://a/3", "http://a/1"]
    assert (len(first), first.leased()) == (1, 2)
    first.ack(popped[0].meta[LEASE_META])  # type: ignore[union-attr]
    time.sleep(0.5)  # the first worker died holding the other lease
    urls = {second.pop().url, second.pop().url}  # type: ignore[union-attr]
    assert urls == {"http://a/1", "http://a/2"}
    assert second.pop() is None and second.leased() == 2


def test_a_redirect_of_a_leased_request_settles_its_lease(client) -> None:
    q = queue(client)
    q.push(scrapy.Request("http://a/old"))
    popped = q.pop()
    assert popped is not None and popped.meta[LEASE_META] in q.held
    q.push(popped.replace(url="http://a/new"))
    assert q.leased() == 0 and q.pop().url == "http://a/new"  # type: ignore[union-attr]


def test_a_request_that_keeps_losing_its_worker_is_given_up(client) -> None:
    q = queue(client, lease=0.05)
    q.push(scrapy.Request("http://a/poison"))
    pops = 0
    while q.pop() is not None:
        pops += 1
        time.sleep(0.1)
    assert pops == MAX_TRIES and q.given_up == 1 and q.leased() == 0


def test_renewed_leases_do_not_expire(client) -> None:
    q = queue(client, lease=0.3)
    q.push(scrapy.Request("http://a/slow"))
    assert q.pop() is not None
    for _ in range(4):
        time.sleep(0.15)
        q.renew()
    assert queue(client).pop() is None and q.leased() == 1


def test_entries_a_dead_writer_was_given_count_in_the_run_it_left(client, tmp_path: Path) -> None:
    from newscrawl.distributed.writer import CONSUMER, GROUP, Writer
    from newscrawl.store import Archive

    keys = JobKeys("dead")
    archive = Archive.open(tmp_path / "news.db")
    crawl_id = archive.start_crawl("news", {})
    Run(client, keys, stale=30).set(phase=RUNNING, crawl_id=crawl_id)
    Writer(client, keys, archive, stale=30).ensure_group()
    ops = [["stats", None, {"newscrawl/articles/new": 2}, "w1"]]
    client.xadd(keys.items, {"ops": json.dumps(ops)})
    client.xreadgroup(GROUP, CONSUMER, {keys.items: ">"})  # given to a writer that then died
    Writer(client, keys, archive, stale=30).resume()
    (stats,) = archive.conn.execute("SELECT stats FROM crawls WHERE id = ?", [crawl_id]).fetchone()
    assert json.loads(stats)["newscrawl/articles/new"] == 2
    archive.close()


def test_a_run_is_requested_published_and_done_when_all_are_idle(client) -> None:
    keys = JobKeys("t")
    run = Run(client, keys, stale=0.5)
    assert run.join("w1") == REQUESTED and run.join("w2") == REQUESTED
    run.set(phase=RUNNING)
    run.beat("w1", busy=True)
    run.beat("w2", busy=False)
    assert not run.idle("w2")  # w1 is busy
    assert run.idle("w1")
    client.zadd(keys.requests, {"x": 0})
    assert not run.idle("w1")  # something is queued
    client.delete(keys.requests)
    assert not run.leave("w2") and run.phase() == RUNNING  # w1 still busy
    time.sleep(0.6)  # w1 was killed: its heartbeat goes stale
    assert run.leave("w3") and run.phase() == DONE
    assert run.join("w4") == REQUESTED and run.info()["id"] == "2"


def test_the_gate_never_lets_more_than_the_concurrency_in(client) -> None:
    from newscrawl.distributed.politeness import _ACQUIRE

    acquire = client.register_script(_ACQUIRE)
    busy, nxt = JobKeys("t").gate("site")
    taken = [acquire(keys=[busy, nxt], args=[f"t{n}", 2, 0, 30]) for n in range(3)]
    assert [float(t) for t in taken] == [0, 0, -1]
    client.zrem(busy, "t0")
    assert float(acquire(keys=[busy, nxt], args=["t3", 2, 1.0, 30])) == 0
    client.zrem(busy, "t1")
    wait = float(acquire(keys=[busy, nxt], args=["t4", 2, 1.0, 30]))
    assert 0.5 < wait <= 1.0  # the delay since the last start


def test_worker_and_writer_exit_1_with_one_line_when_redis_is_down(tmp_path: Path) -> None:
    from tests.support.redis import start_worker, start_writer

    url = f"redis://127.0.0.1:{free_port()}/0"
    sites = tmp_path / "sites.toml"
    sites.write_text('[[site]]\nstart_urls = ["http://127.0.0.2:9/"]\n', encoding="utf-8")
    for name, proc in (
        (
            "worker",
            start_worker(sites, url, tmp_path / "worker.log", tmp_path, LOG_LEVEL="WARNING"),
        ),
        ("writer", start_writer(url, tmp_path / "db.sqlite", tmp_path / "writer.log", tmp_path)),
    ):
        assert proc.wait(timeout=120) == 1, name
        lines = (tmp_path / f"{name}.log").read_text().strip().splitlines()
        assert len(lines) == 1 and "cannot use Redis at" in lines[0], lines[-5:]


def test_entries_committed_before_a_crash_are_not_applied_again(client, tmp_path: Path) -> None:
    from newscrawl.distributed.writer import Writer
    from newscrawl.store import Archive

    keys = JobKeys("crash")
    archive = Archive.open(tmp_path / "news.db")
    first = Writer(client, keys, archive, stale=30)
    first.ensure_group()
    ops = [["stats", None, {"newscrawl/pages/read": 3}, "w1"]]
    client.xadd(keys.items, {"ops": json.dumps(ops)})

    def crash(*args: object) -> None:
        raise ConnectionError("killed between commit and acknowledgement")

    original, client.xack = client.xack, crash  # the commit happens, the XACK never does
    with pytest.raises(ConnectionError):
        first.consume(block_ms=10)
    assert first.stats["newscrawl/pages/read"] == 3
    client.xack = original
    again = Writer(client, keys, archive, stale=30)  # the restarted writer
    assert again.consume(pending=True) == 1  # delivered again, acknowledged ...
    assert "newscrawl/pages/read" not in again.stats  # ... but not applied twice
    assert again.consume(pending=True) == 0
    client.xadd(keys.items, {"ops": json.dumps(ops)})
    assert again.consume(block_ms=10) == 1 and again.stats["newscrawl/pages/read"] == 3
    archive.close()
