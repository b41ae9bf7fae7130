"""``newscrawl demo``: serve the demo network, crawl it with ``scrapy crawl news``, summarize."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import tempfile
import threading
from collections.abc import Sequence
from pathlib import Path
from typing import TextIO
from urllib.parse import urlsplit

from newscrawl.demo.server import DemoNetwork
from newscrawl.store.access import ArchiveError, open_readonly
from newscrawl.store.queries import summary

PROJECT_ROOT = Path(__file__).resolve().parents[2]
DEFAULT_NETWORK = PROJECT_ROOT / "data" / "demo" / "network.toml"
#: Port of the demo sites (127.0.0.2-4): fixed, so a second run finds the same URLs.
DEMO_PORT = 8642
#: Signals that stop ``newscrawl demo --serve``.
STOP_SIGNALS = (signal.SIGINT, signal.SIGTERM)
#: Loopback servers need no politeness delay; everything else stays as configured.
DEMO_SETTINGS = {"DOWNLOAD_DELAY": "0", "AUTOTHROTTLE_ENABLED": "False", "LOG_LEVEL": "WARNING"}
EXAMPLE_QUERY = """\
SELECT s.headline AS story, a.site, a.published, a.headline
FROM stories s JOIN articles a ON a.story_id = s.id
WHERE s.copies > 1 ORDER BY s.id, datetime(a.published);"""


def site_list_toml(network: DemoNetwork) -> str:
    """A site list for the running network (names and start URLs)."""
    entries = [
        f'[[site]]\nname = "{site.name}"\nstart_urls = ["{network.url(site.key)}"]\n'
        for site in network.sites
    ]
    return "\n".join(entries)


def scrapy_crawl(args: Sequence[str], settings: dict[str, str], cwd: Path | None = None) -> int:
    """Run ``scrapy crawl news ARGS -s K=V ...`` in a subprocess; its exit code."""
    cmd = [sys.executable, "-m", "scrapy", "crawl", "news", *args]
    for key, value in settings.items():
        cmd += ["-s", f"{key}={value}"]
    env = dict(os.environ, SCRAPY_SETTINGS_MODULE="newscrawl.settings")
    return subprocess.run(cmd, env=env, cwd=cwd or PROJECT_ROOT, check=False).returncode


def run_added(conn: sqlite3.Connection, before: int) -> str:
    """What the latest run did to an archive that held ``before`` articles: "40 new
    articles", or "0 new, 40 unchanged" (or "0 new, 2 changed, 38 unchanged")."""
    (after,) = conn.execute("SELECT count(*) FROM articles").fetchone()
    row = conn.execute("SELECT articles_updated FROM crawls ORDER BY id DESC LIMIT 1").fetchone()
    new, changed = after - before, (row[0] or 0) if row else 0
    if not before:
        return f"{new} new article{'s' if new != 1 else ''}"
    parts = [f"{new} new"] + ([f"{changed} changed"] if changed else [])
    return ", ".join([*parts, f"{before - changed} unchanged"])


def article_count(db: Path) -> int:
    """Articles in the archive at ``db`` (0 when there is none yet)."""
    try:
        conn = open_readonly(db)
    except ArchiveError:
        return 0
    try:
        return int(conn.execute("SELECT count(*) FROM articles").fetchone()[0])
    finally:
        conn.close()


def print_summary(db: Path, out: TextIO, before: int = 0) -> None:
    """What the run added, articles per site, stories, wire copies and an example query."""
    conn = open_readonly(db)
    try:
        s = summary(conn)
        added = run_added(conn, before)
    finally:
        conn.close()
    out.write(f"\nThis run: {added}.\n")
    out.write(f"Archive {db}: {s.articles} articles, {s.stories} stories ")
    out.write(f"({s.syndicated_stories} run by several sites), {s.wire_copies} wire copies\n")
    for site in s.sites:
        out.write(f"  {site.name or site.site:<24} {site.site:<16} {site.articles:>5} articles")
        out.write(f"  {site.wire_copies:>4} wire copies\n")
    sql = " ".join(EXAMPLE_QUERY.split())
    tool = Path(sys.executable).with_name("sqlite-utils")
    out.write(f"\nWho ran which story:\n  {tool} query {db} --table \\\n    '{sql}'\n")


def previous_port(db: Path) -> int:
    """The port of the demo sites the archive at ``db`` was filled from (0 when none), so
    that ``--port 0`` serves the same URLs again instead of storing every article twice."""
    try:
        conn = open_readonly(db)
    except ArchiveError:
        return 0
    try:
        rows = conn.execute("SELECT start_urls FROM sites WHERE site LIKE '127.0.0.%'")
        ports = {urlsplit(url).port for (urls,) in rows for url in json.loads(urls or "[]")}
    finally:
        conn.close()
    return next(iter(ports)) if len(ports) == 1 and None not in ports else 0


def start_network(network_file: Path, port: int, err: TextIO | None) -> DemoNetwork | None:
    """The demo network serving on ``port`` (any free one when 0); None, said in one line
    on ``err``, when the port is taken."""
    network = DemoNetwork(network_file, port=port)
    try:
        network.start()
    except OSError as exc:
        (err or sys.stderr).write(
            f"newscrawl demo: cannot serve on port {port} ({exc.strerror or exc}): "
            "pass another --port (0: any free port)\n"
        )
        return None
    return network


def serve_demo(network_file: Path, port: int, out: TextIO = sys.stdout) -> int:
    """Serve the demo network until SIGINT or SIGTERM (``newscrawl demo --serve``)."""
    network = start_network(network_file, port, None)
    if network is None:
        return 2
    stop = threading.Event()
    previous = {sig: signal.signal(sig, lambda *_: stop.set()) for sig in STOP_SIGNALS}
    urls = [network.url(site.key) for site in network.sites]
    out.write(f"Serving {len(urls)} demo sites (Ctrl-C to stop):\n")
    for site, url in zip(network.sites, urls, strict=True):
        out.write(f"  {url:<28} {site.name}\n")
    out.write(f"Crawl them with:\n  scrapy crawl news -a start_urls={','.join(urls)}\n")
    out.flush()
    try:
        while not stop.wait(0.5):
            pass
    finally:
        network.stop()
        for sig, handler in previous.items():
            signal.signal(sig, handler)
    out.write("Stopped.\n")
    return 0


def run_demo(
    db: Path,
    network_file: Path = DEFAULT_NETWORK,
    out: TextIO = sys.stdout,
    port: int = DEMO_PORT,
    err: TextIO | None = None,
) -> int:
    """Crawl the demo network into ``db`` and print a summary; the crawl's exit code.

    The sites are served on a fixed ``port`` so that their URLs, and with them the stored
    articles, are the same from one run to the next (0: any free port).
    """
    before = article_count(db)
    network = start_network(network_file, port or previous_port(db), err)
    if network is None:
        return 2
    try:
        with tempfile.TemporaryDirectory() as tmp:
            sites = Path(tmp) / "sites.toml"
            sites.write_text(site_list_toml(network), encoding="utf-8")
            out.write(
                f"Serving {len(network.sites)} demo sites on 127.0.0.x:{network.port}; "
                "crawling...\n"
            )
            out.flush()
            code = scrapy_crawl(
                ["-a", f"sites={sites}"], {"NEWSCRAWL_DB": str(db.resolve()), **DEMO_SETTINGS}
            )
    finally:
        network.stop()
    if code == 0:
        print_summary(db, out, before)
    return code
