"""The page pool: analysis in worker processes that never outlive the crawl."""

from __future__ import annotations

import asyncio
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from newscrawl.frontier.sites import Site
from newscrawl.pagepool import PagePool
from tests.support.processes import gone

CRAWL = """
import os, sys, time
from newscrawl.frontier.sites import Site
from newscrawl.pagepool import PagePool
from tests.support.processes import gone

pool = PagePool([Site("Harbor", ("http://127.0.0.2/",))], workers=2)
print(pool._executor().submit(os.getpid).result(), flush=True)
time.sleep(600)
"""


@pytest.mark.skipif(not Path("/proc").is_dir(), reason="needs /proc")
def test_workers_leave_when_the_crawl_is_killed(tmp_path: Path) -> None:
    proc = subprocess.Popen([sys.executable, "-c", CRAWL], stdout=subprocess.PIPE, text=True)
    assert proc.stdout is not None
    worker = int(proc.stdout.readline())
    assert worker != proc.pid and not gone(worker)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    deadline = time.monotonic() + 20
    while not gone(worker) and time.monotonic() < deadline:
        time.sleep(0.1)
    if not gone(worker):
        os.kill(worker, signal.SIGKILL)
        pytest.fail("the worker outlived the killed crawl")


def test_a_page_that_breaks_analysis_gives_an_error_not_an_exception(monkeypatch) -> None:
    def broken(*args: object) -> None:
        raise RuntimeError("broken parser")

    monkeypatch.setattr("newscrawl.pagepool.analyze_response", broken)
    pool = PagePool([Site("Harbor", ("http://127.0.0.2/",))], workers=0)
    result = asyncio.run(
        pool.analyze(b"<html></html>", "http://127.0.0.2/a", "text/html", "127.0.0.2")
    )
    assert result.error == "RuntimeError" and not result.is_article
