"""The HTML report and ``newscrawl browse`` in a real headless browser: Debian's chromium
driven by Playwright (never a browser Playwright downloads). Skipped only where no browser
can be had, never in CI (``CI=true``: .ci/run installs chromium)."""

from __future__ import annotations

import importlib.util
import io
import itertools
import json
import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from newscrawl.cli import main
from newscrawl.demo.run import run_demo
from tests.support.demo import NETWORK

CHROMIUM = Path(os.environ.get("NEWSCRAWL_CHROMIUM", "/usr/bin/chromium"))
#: Text boxes may touch, not overlap by more than this many pixels.
SLACK = 0.5


def _need_browser() -> None:
    missing = [
        what
        for what, ok in (
            (f"chromium at {CHROMIUM}", CHROMIUM.exists()),
            ("the playwright package", importlib.util.find_spec("playwright") is not None),
            ("datasette", importlib.util.find_spec("datasette") is not None),
        )
        if not ok
    ]
    if missing:
        message = f"no headless browser: missing {', '.join(missing)}"
        if os.environ.get("CI"):
            pytest.fail(f"{message} (.ci/run installs it)")
        pytest.skip(message)


@pytest.fixture(scope="module")
def page() -> Iterator[Any]:
    _need_browser()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), args=["--no-sandbox", "--disable-gpu"]
        )
        try:
            yield browser.new_page(viewport={"width": 1200, "height": 900})
        finally:
            browser.close()


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    _need_browser()
    db = tmp_path_factory.mktemp("demo") / "news.db"
    assert run_demo(db, NETWORK, io.StringIO(), port=0) == 0
    return db


def console_errors(page: Any) -> list[str]:
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    return errors


TEXT_BOXES = """() => Array.from(document.querySelectorAll('svg')).map(svg =>
  Array.from(svg.querySelectorAll('text')).filter(t => t.textContent.trim()).map(t => {
    const r = t.getBoundingClientRect();
    return [t.textContent.trim(), r.left, r.top, r.right, r.bottom];
  }))"""


def overlaps(boxes: list[list[Any]]) -> list[tuple[str, str]]:
    """Pairs of labels whose boxes overlap."""
    return [
        (a[0], b[0])
        for a, b in itertools.combinations(boxes, 2)
        if min(a[3], b[3]) - max(a[1], b[1]) > SLACK and min(a[4], b[4]) - max(a[2], b[2]) > SLACK
    ]


def test_the_report_renders_without_errors_or_overlapping_labels(
    page: Any, demo_db: Path, tmp_path: Path
) -> None:
    report = tmp_path / "report.html"
    assert main(["report", "--html", str(report), "--db", str(demo_db)]) == 0
    errors = console_errors(page)
    page.goto(report.as_uri())
    page.wait_for_load_state("load")
    charts = page.evaluate(TEXT_BOXES)
    assert len(charts) >= 2
    for boxes in charts:
        assert boxes, "a chart without text"
        assert all(b[3] > b[1] and b[4] > b[2] for b in boxes), "a label without size"
        assert overlaps(boxes) == []
    sites = [s for (s,) in _rows(demo_db, "SELECT DISTINCT site FROM articles")]
    for site in sites:
        bars = page.evaluate(
            "key => { const g = document.getElementById('site-' + key);"
            " return g ? g.querySelectorAll('path').length : -1; }",
            site,
        )
        assert bars > 0, f"no series for {site}"
        share = page.evaluate("key => !!document.getElementById('share-' + key)", site)
        assert share, f"no wire share bar for {site}"
    assert errors == []


def _rows(db: Path, sql: str) -> list[tuple[Any, ...]]:
    import sqlite3

    conn = sqlite3.connect(db)
    try:
        return conn.execute(sql).fetchall()
    finally:
        conn.close()


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _wait_for(url: str, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while True:
        try:
            with urllib.request.urlopen(url, timeout=5):
                return
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.3)


def test_browse_runs_every_canned_query_and_stops_cleanly(
    page: Any, demo_db: Path, tmp_path: Path
) -> None:
    temp = tmp_path / "tmp"
    temp.mkdir()
    port = _free_port()
    cmd = [sys.executable, "-m", "newscrawl.cli", "browse", "--db", str(demo_db)]
    proc = subprocess.Popen(
        [*cmd, "--port", str(port)], env=dict(os.environ, TMPDIR=str(temp)), stderr=subprocess.PIPE
    )
    base = f"http://127.0.0.1:{port}/news"
    try:
        _wait_for(f"{base}.json")
        with urllib.request.urlopen(f"{base}.json", timeout=10) as response:
            tables = {t["name"]: t["hidden"] for t in json.load(response)["tables"]}
        assert tables["_sqlite_migrations"] and tables["fingerprints"]
        assert not tables["articles"]
        from newscrawl.analyst.datasette_meta import load

        queries = load()["database"]["queries"]
        errors = console_errors(page)
        for name, query in queries.items():
            params = sorted(set(re.findall(r":(\w+)", query["sql"])))
            for values in ({p: "" for p in params}, {p: "water" for p in params if p == "query"}):
                url = f"{base}/{name}?" + "&".join(f"{p}={values.get(p, '')}" for p in params)
                page.goto(url)
                assert page.locator(".message-error").count() == 0, (name, values)
                assert page.locator("table.rows-and-columns, p.zero-results").count() > 0, url
        assert errors == []
    finally:
        proc.send_signal(signal.SIGTERM)
        code = proc.wait(timeout=30)
    assert code == 0
    with pytest.raises(OSError):
        urllib.request.urlopen(f"{base}.json", timeout=5)
    assert list(temp.iterdir()) == []  # the metadata file is gone
