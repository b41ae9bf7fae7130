"""The README's recipes, run as written: quick start, crawling by hand, from another
directory, the cron lines and the query examples, in a temporary directory against the
demo network (paths under /srv/newscrawl and /tmp, the demo port and `mail` replaced)."""

from __future__ import annotations

import os
import re
import shutil
import socket
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from newscrawl.demo.server import DemoNetwork
from tests.support.demo import NETWORK
from tests.support.spiders import PROJECT

README = PROJECT / "README.md"
VENV = Path(sys.executable).parent.parent
#: Environment a user's shell does not have (this suite may run under `make test`).
NOT_A_USERS = {"SCRAPY_SETTINGS_MODULE", "MAKELEVEL", "MAKEFLAGS", "MFLAGS"}
#: Lines never run here: the test suite itself, long-running servers, installs.
SKIP = ("make test", "newscrawl browse", "pip install")


def blocks(section: str, language: str) -> list[str]:
    """The ``language`` code blocks of the README section headed ``section``."""
    text = README.read_text(encoding="utf-8")
    start = text.index(f"\n{section}\n")
    end = text.find("\n## ", start + len(section) + 2)
    body = text[start : end if end > 0 else None]
    return re.findall(rf"```{language}\n(.*?)```", body, re.S)


def commands(block: str) -> list[str]:
    """The shell commands of a block: continuation lines joined, comments dropped."""
    joined = block.replace("\\\n", " ")
    lines = [re.sub(r"\s+#\s.*$", "", line).strip() for line in joined.splitlines()]
    return [line for line in lines if line and not line.startswith("#")]


def cron_commands(block: str) -> list[str]:
    """The commands of crontab lines (the five time fields dropped)."""
    return [re.sub(r"^(\S+\s+){5}", "", line) for line in commands(block)]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.2", 0))
        return int(sock.getsockname()[1])


def wait_for_port(port: int, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while True:
        try:
            socket.create_connection(("127.0.0.2", port), timeout=1).close()
            return
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.2)


def sh(
    command: str,
    cwd: Path,
    port: int | None = None,
    as_printed: bool = False,
    **paths: Path,
) -> subprocess.CompletedProcess[str]:
    """Run a README ``command`` with bash in ``cwd`` as a user would: /tmp/ and
    /srv/newscrawl become ``cwd``, the demo port ``port``, README paths ``paths``.
    ``as_printed``: a command newscrawl printed (its paths are real ones: kept)."""
    if not as_printed:
        command = command.replace("/tmp/", f"{cwd}/").replace("/srv/newscrawl", str(cwd))
    if port is not None:
        command = command.replace("8642", str(port))
    for readme_path, path in paths.items():
        command = command.replace(f"/{readme_path.replace('_', '/')}", str(path))
    return subprocess.run(
        ["bash", "-c", f"mail() {{ cat > /dev/null; }}\n{command}"],
        cwd=cwd,
        env={k: v for k, v in os.environ.items() if k not in NOT_A_USERS},
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


@pytest.fixture(scope="module")
def checkout(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A directory like a fresh checkout after `make`: the files the recipes read, .venv."""
    work = tmp_path_factory.mktemp("checkout")
    (work / ".venv").symlink_to(VENV)
    for name in ("Makefile", "pyproject.toml", "scrapy.cfg"):
        shutil.copy(PROJECT / name, work / name)
    os.utime(work / "pyproject.toml", (0, 0))  # older than .venv/.installed: no reinstall
    return work


@pytest.fixture(scope="module")
def network() -> Iterator[DemoNetwork]:
    with DemoNetwork(NETWORK) as running:
        yield running


@pytest.fixture(scope="module")
def quick_start(checkout: Path) -> list[str]:
    """What the quick start's commands printed, run twice (make test aside)."""
    (quick, _then) = blocks("## Quick start", "sh")
    outputs = []
    for _ in range(2):
        for command in commands(quick):
            if not command.startswith(SKIP):
                done = sh(command + " DEMO_ARGS='--port 0'", checkout)
                assert done.returncode == 0, done.stdout + done.stderr
                outputs.append(done.stdout)
    return outputs


def test_quick_start_then_the_example_query(checkout: Path, quick_start: list[str]) -> None:
    first, second = quick_start
    added = re.search(r"This run: (\d+) new articles\.", first)
    assert added, first
    assert f"This run: 0 new, {added[1]} unchanged." in second
    for command in commands(blocks("## Quick start", "sh")[1]):
        done = sh(command, checkout)
        assert done.returncode == 0, (command, done.stdout + done.stderr)
    assert (checkout / "report.html").exists()
    query = re.search(r"\n  (\S*sqlite-utils query .*?\\\n\s*'.*?')\n", second, re.S)
    assert query, second
    done = sh(query[1].replace("\\\n", " "), checkout, as_printed=True)
    assert done.returncode == 0 and "story" in done.stdout, done.stderr
    stories = [
        line for line in done.stdout.splitlines() if "Metro Ledger" in line or "127.0.0" in line
    ]
    assert stories


def test_crawling_by_hand_and_from_another_directory(checkout: Path, tmp_path: Path) -> None:
    found = blocks("## Crawling real sites", "sh")
    by_hand = next(b for b in found if "demo --serve" in b)
    elsewhere = next(b for b in found if "SCRAPY_SETTINGS_MODULE" in b)
    port = free_port()
    steps = commands(by_hand)
    server = subprocess.Popen(["bash", "-c", f"{steps[0].rstrip('&')} --port {port}"], cwd=checkout)
    try:
        wait_for_port(port)  # a user types the next line; a script has to wait
        for command in steps[1:]:
            if command.startswith("kill"):
                continue
            done = sh(command, checkout, port)
            assert done.returncode == 0, done.stderr[-2000:]
    finally:
        server.terminate()
        server.wait(timeout=30)
    other = tmp_path / "elsewhere"
    other.mkdir()
    (other / "my-sites.toml").write_text(
        f'[[site]]\nstart_urls = ["http://127.0.0.2:{port}/"]\n', encoding="utf-8"
    )
    with DemoNetwork(NETWORK, port=port):
        done = sh(commands(elsewhere)[0], checkout, port, path_to_elsewhere=other)
    assert done.returncode == 0, done.stderr[-2000:]
    assert (other / "archive.db").exists() and not (other / "data").exists()


def test_the_cron_lines(checkout: Path, network: DemoNetwork) -> None:
    (cron,) = blocks("## Scheduled runs", "cron")
    sites = "".join(
        f'[[site]]\nname = "{s.name}"\nstart_urls = ["{network.url(s.key)}"]\n'
        for s in network.sites
    )
    (checkout / "my-sites.toml").write_text(sites, encoding="utf-8")
    for command in cron_commands(cron):
        done = sh(command, checkout)
        assert done.returncode == 0, (command, done.stdout + done.stderr)
        assert "failed" not in done.stdout, done.stderr
    assert (checkout / "logs" / "crawl.log").stat().st_size > 0
    assert (checkout / "health.txt").read_text(encoding="utf-8")


def test_the_query_examples(checkout: Path, quick_start: list[str]) -> None:
    for block in blocks("## Querying the archive", "sh"):
        for command in commands(block):
            if command.startswith(SKIP) or " browse" in command:
                continue
            done = sh(command, checkout)
            assert done.returncode == 0, (command, done.stdout + done.stderr)
    conn = sqlite3.connect(checkout / "data" / "news.db")
    try:
        for sql in blocks("## Querying the archive", "sql"):
            assert conn.execute(sql).fetchall(), sql
    finally:
        conn.close()
