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
KILLED_AT_ONCE = """
import os, signal
from newscrawl.frontier.sites import Site
from newscrawl.pagepool import PagePool

executor = PagePool([Site("Harbor", ("http://127.0.0.2/",))], workers=2)._executor()
executor.submit(os.getpid)
print(" ".join(map(str, executor._processes)), flush=True)
os.kill(os.getpid(), signal.SIGKILL)  # before the workers have even started
"""


def wait_gone(workers: list[int]) -> None:
    """Fail (after killing them) when ``workers`` outlive their crawl by 20 s."""
    deadline = time.monotonic() + 20
    while not all(map(gone, workers)) and time.monotonic() < deadline:
        time.sleep(0.1)
    left = [pid for pid in workers if not gone(pid)]
    for pid in left:
        os.kill(pid, signal.SIGKILL)
    assert not left, "workers outlived the killed crawl"


@pytest.mark.skipif(not Path("/proc").is_dir(), reason="needs /proc")
def test_workers_leave_when_the_crawl_is_killed() -> None:
    proc = subprocess.Popen([sys.executable, "-c", CRAWL], stdout=subprocess.PIPE, text=True)
    assert proc.stdout is not None
    worker = int(proc.stdout.readline())
    assert worker != proc.pid and not gone(worker)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    wait_gone([worker])


@pytest.mark.skipif(not Path("/proc").is_dir(), reason="needs /proc")
def test_workers_leave_when_the_crawl_dies_while_they_start() -> None:
    proc = subprocess.run(
        [sys.executable, "-c", KILLED_AT_ONCE], capture_output=True, text=True, timeout=60
    )
    workers = [int(pid) for pid in proc.stdout.split()]
    assert proc.returncode == -signal.SIGKILL and workers
    wait_gone(workers)


def test_a_page_that_breaks_analysis_gives_an_error_not_an_exception(monkeypatch) -> None:
    def broken(*args: object) -> None:
        raise RuntimeError("broken parser")

    monkeypatch.setattr("newscrawl.pagepool.analyze_response", broken)
    pool = PagePool([Site("Harbor", ("http://127.0.0.2/",))], workers=0)
    result = asyncio.run(
        pool.analyze(b"<html></html>", "http://127.0.0.2/a", "text/html", "127.0.0.2")
    )
    assert result.error == "RuntimeError" and not result.is_article
