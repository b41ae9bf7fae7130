"""Crawl benchmark on real pages: `scrapy crawl news` vs a bare Scrapy spider, same pages.

Builds a loopback mirror of the real article pages in ../shared/eval (repeated under new
URLs up to --pages), split over --sites sites, each with a home page and a paginated
section listing its articles, serves it on 127.0.0.2, 127.0.0.3, ... and runs, in the
same run and against the same server:

- the bare spider (benchmarks/bare_spider.py): follows every in-site link, reads titles;
- ``scrapy crawl news`` with the whole pipeline (classification, extraction, validation,
  syndication, SQLite with full-text index), politeness delays off for both.

    python benchmarks/crawl_real.py                       # 4 sites, 1,200 pages
    python benchmarks/crawl_real.py --pages 2400 --record docs/benchmarks.md
    python benchmarks/crawl_real.py --profile crawl.prof  # cProfile of the news crawl
"""

from __future__ import annotations

import argparse
import gzip
import json
import math
import os
import re
import resource
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.markdown import machine, write_section  # noqa: E402
from newscrawl.demo.server import DemoNetwork  # noqa: E402

EVAL = ROOT.parent / "shared" / "eval"
PER_PAGE = 20
#: Both crawlers: no politeness delays on loopback, Scrapy's concurrency as configured.
SETTINGS = {
    "DOWNLOAD_DELAY": "0",
    "AUTOTHROTTLE_ENABLED": "False",
    "LOG_LEVEL": "WARNING",
    "CONCURRENT_REQUESTS": "16",
    "CONCURRENT_REQUESTS_PER_DOMAIN": "2",
    "ROBOTSTXT_OBEY": "True",
    "COOKIES_ENABLED": "False",
    "TELNETCONSOLE_ENABLED": "False",
}
START, END = "<!-- crawl-real:start -->", "<!-- crawl-real:end -->"


#: Relative links of the real pages point to their publishers' own pages, which the mirror
#: does not have: they are made absolute on a host outside the mirror (for both crawlers).
_RELATIVE_HREF = re.compile(
    rb"""(\shref\s*=\s*(?:"|'|(?=[^"'\s>])))(?!https?:|//|#|mailto:|javascript:)/?""", re.I
)


def _offsite_links(html: bytes) -> bytes:
    return _RELATIVE_HREF.sub(rb"\1https://publisher.invalid/", html)


def real_pages(limit: int) -> list[bytes]:
    """The eval sets' HTML pages (decompressed, distinct), repeated up to ``limit``."""
    seen: dict[bytes, None] = {}
    for pattern in ("aeb-dev/html/*.gz", "fundus-dev-body/html/*.gz", "meta-dev/pages/*.gz"):
        for path in sorted(EVAL.glob(pattern)):
            seen.setdefault(_offsite_links(gzip.decompress(path.read_bytes())), None)
    pages = list(seen)
    if not pages:
        sys.exit(f"no pages under {EVAL}: this benchmark needs ../shared/eval")
    return [pages[i % len(pages)] for i in range(limit)]


def _listing(title: str, links: list[str], next_url: str | None) -> bytes:
    items = "".join(f"<li><a href='{u}'>Story {u.rsplit('/', 2)[-2]}</a></li>" for u in links)
    nav = f"<a rel='next' href='{next_url}'>Next page</a>" if next_url else ""
    return (
        f"<!doctype html><html><head><meta charset='utf-8'><title>{title}</title></head>"
        f"<body><nav><a href='/'>Home</a> <a href='/news/'>News</a></nav><h1>{title}</h1>"
        f"<ul>{items}</ul>{nav}</body></html>"
    ).encode()


def build_mirror(root: Path, pages: list[bytes], sites: int) -> Path:
    """Write each site's files and network.toml; returns the network file."""
    toml = []
    for s in range(sites):
        key, host = f"site{s}", f"127.0.0.{s + 2}"
        site_root = root / key
        mine = pages[s::sites]
        paths = [f"/news/{2024 + i % 2}/{i:05d}-story/" for i in range(len(mine))]
        for path, html in zip(paths, mine, strict=True):
            target = site_root / path.strip("/") / "index.html"
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(html)
        n_pages = max(1, math.ceil(len(paths) / PER_PAGE))
        for page in range(1, n_pages + 1):
            chunk = paths[(page - 1) * PER_PAGE : page * PER_PAGE]
            nxt = f"/news/page/{page + 1}/" if page < n_pages else None
            where = site_root / ("news" if page == 1 else f"news/page/{page}") / "index.html"
            where.parent.mkdir(parents=True, exist_ok=True)
            where.write_bytes(_listing(f"News, page {page}", chunk, nxt))
        (site_root / "index.html").write_bytes(_listing(f"Site {s}", paths[:PER_PAGE], None))
        (site_root / "robots.txt").write_text("User-agent: *\nAllow: /\n", encoding="utf-8")
        toml.append(f'[[site]]\nkey = "{key}"\nname = "Mirror {s}"\nhost = "{host}"\n')
    network = root / "network.toml"
    network.write_text("\n".join(toml), encoding="utf-8")
    return network


def _bare(start_urls: str, out: Path) -> int:
    cmd = [sys.executable, "-m", "scrapy", "runspider", str(ROOT / "benchmarks/bare_spider.py")]
    cmd += ["-a", f"start_urls={start_urls}", "-o", f"{out}:jsonlines"]
    for key, value in SETTINGS.items():
        cmd += ["-s", f"{key}={value}"]
    env = {k: v for k, v in os.environ.items() if k != "SCRAPY_SETTINGS_MODULE"}
    return subprocess.run(cmd, cwd=out.parent, env=env, check=False).returncode


def _news(args: list[str], settings: dict[str, str], spy: Path | None) -> int:
    """``scrapy crawl news`` in a subprocess, under ``py-spy record`` when ``spy`` is set."""
    cmd = [sys.executable, "-m", "scrapy", "crawl", "news", *args]
    for key, value in settings.items():
        cmd += ["-s", f"{key}={value}"]
    if spy is not None:
        py_spy = Path(sys.executable).with_name("py-spy")
        cmd = [str(py_spy), "record", "--subprocesses", "-r", "200", "-f", "raw", "-o", str(spy),
               "--", *cmd]  # fmt: skip
    env = dict(os.environ, SCRAPY_SETTINGS_MODULE="newscrawl.settings")
    return subprocess.run(cmd, env=env, cwd=ROOT, check=False).returncode


def _cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _timed(network: DemoNetwork, run: Callable[[], object]) -> tuple[float, int, float]:
    """Wall seconds, requests served and CPU seconds of the crawl's process tree."""
    before = sum(len(network.requests(s.key)) for s in network.sites)
    cpu, began = _cpu(), time.perf_counter()
    run()
    seconds = time.perf_counter() - began
    served = sum(len(network.requests(s.key)) for s in network.sites) - before
    return seconds, served, _cpu() - cpu


def run(
    pages: int,
    sites: int,
    profile: Path | None,
    workers: int | None = None,
    spy: Path | None = None,
) -> dict[str, object]:
    """Serve the mirror, run both crawlers, return the figures."""
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        network_file = build_mirror(work / "net", real_pages(pages), sites)
        db = work / "crawl.db"
        load = os.getloadavg()[0]
        with DemoNetwork(network_file) as network:
            starts = ",".join(network.url(s.key) for s in network.sites)
            bare_s, bare_n, bare_cpu = _timed(network, lambda: _bare(starts, work / "bare.jsonl"))
            settings = {**SETTINGS, "NEWSCRAWL_DB": str(db)}
            if workers is not None:
                settings["NEWSCRAWL_WORKERS"] = str(workers)
            args = ["-a", f"start_urls={starts}"]
            if profile is not None:
                args = ["--profile", str(profile), *args]
            news_s, news_n, news_cpu = _timed(network, lambda: _news(args, settings, spy))
        conn = sqlite3.connect(db)
        stored = conn.execute("SELECT count(*) FROM articles").fetchone()[0]
        stats = json.loads(conn.execute("SELECT stats FROM crawls").fetchone()[0])
        conn.close()
    bare_rate, news_rate = bare_n / bare_s, news_n / news_s
    return {
        "pages": pages,
        "workers": workers,
        "sites": sites,
        "bare_requests": bare_n,
        "bare_seconds": round(bare_s, 1),
        "bare_pages_per_s": round(bare_rate, 1),
        "news_requests": news_n,
        "news_seconds": round(news_s, 1),
        "news_pages_per_s": round(news_rate, 1),
        "ratio": round(news_rate / bare_rate, 2),
        "bare_cpu_ms_per_page": round(1000 * bare_cpu / bare_n, 1),
        "news_cpu_ms_per_page": round(1000 * news_cpu / news_n, 1),
        "articles_stored": stored,
        "articles_dropped": sum(v for k, v in stats.items() if k.startswith("newscrawl/dropped/")),
        "load_before": round(load, 2),
    }


def record(path: Path, results: list[dict[str, object]], command: str) -> None:
    """Write the results between the markers of ``path`` (appended when absent)."""
    rows = [
        f"| {r['pages']} | {r['bare_requests']} in {r['bare_seconds']} s | "
        f"{r['bare_pages_per_s']} | {r['news_requests']} in {r['news_seconds']} s | "
        f"{r['news_pages_per_s']} | **{r['ratio']}×** | {r['articles_stored']} | "
        f"{r['articles_dropped']} | {r['load_before']} |"
        for r in results
    ]
    section = "\n".join(
        [
            START,
            f"`{command}` (machine: {machine()}):",
            "",
            "| pages | bare spider | bare pages/s | `scrapy crawl news` | news pages/s | ratio "
            "| stored | dropped | load before |",
            "|---|---|---|---|---|---|---|---|---|",
            *rows,
            END,
        ]
    )
    write_section(path, START, END, section)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pages", type=int, default=1200)
    parser.add_argument("--sites", type=int, default=4)
    parser.add_argument("--repeat", type=int, default=1, help="runs (each: bare, then news)")
    parser.add_argument("--profile", type=Path, help="write a cProfile of the news crawl here")
    parser.add_argument("--workers", type=int, help="NEWSCRAWL_WORKERS (default: the setting)")
    parser.add_argument("--py-spy", type=Path, help="sample the news crawl with py-spy (raw)")
    parser.add_argument("--record", type=Path, help="write the table into this Markdown file")
    args = parser.parse_args()
    results = []
    for _ in range(args.repeat):
        result = run(args.pages, args.sites, args.profile, args.workers, args.py_spy)
        print(json.dumps(result), flush=True)
        results.append(result)
    if args.record:
        command = f"python benchmarks/crawl_real.py --pages {args.pages} --sites {args.sites}"
        record(args.record, results, command + (f" --repeat {args.repeat}" * (args.repeat > 1)))


if __name__ == "__main__":
    main()
