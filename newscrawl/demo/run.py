"""``newscrawl demo``: serve the demo network, crawl it with ``scrapy crawl news``, summarize."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import TextIO

from newscrawl.demo.server import DemoNetwork
from newscrawl.store.queries import summary

PROJECT_ROOT = Path(__file__).resolve().parents[2]
DEFAULT_NETWORK = PROJECT_ROOT / "data" / "demo" / "network.toml"
#: Port of the demo sites (127.0.0.2-4): fixed, so a second run finds the same URLs.
DEMO_PORT = 8642
#: Loopback servers need no politeness delay; everything else stays as configured.
DEMO_SETTINGS = {"DOWNLOAD_DELAY": "0", "AUTOTHROTTLE_ENABLED": "False", "LOG_LEVEL": "WARNING"}
EXAMPLE_QUERY = """\
SELECT s.headline AS story, a.site, a.published, a.headline
FROM stories s JOIN articles a ON a.story_id = s.id
WHERE s.copies > 1 ORDER BY s.id, a.published;"""


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


def print_summary(db: Path, out: TextIO) -> None:
    """Articles per site, stories, wire copies and an example query."""
    conn = sqlite3.connect(db)
    try:
        s = summary(conn)
    finally:
        conn.close()
    out.write(f"\nArchive {db}: {s.articles} articles, {s.stories} stories ")
    out.write(f"({s.syndicated_stories} run by several sites), {s.wire_copies} wire copies\n")
    for site in s.sites:
        out.write(f"  {site.name or site.site:<24} {site.site:<16} {site.articles:>5} articles")
        out.write(f"  {site.wire_copies:>4} wire copies\n")
    sql = " ".join(EXAMPLE_QUERY.split())
    tool = Path(sys.executable).with_name("sqlite-utils")
    out.write(f"\nWho ran which story:\n  {tool} query {db} --table \\\n    '{sql}'\n")


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
    network = DemoNetwork(network_file, port=port)
    try:
        network.start()
    except OSError as exc:
        (err or sys.stderr).write(
            f"newscrawl demo: cannot serve on port {port} ({exc.strerror or exc}): "
            "pass another --port (0: any free port)\n"
        )
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
        print_summary(db, out)
    return code
