"""robots.txt per RFC 9309: unreachable (5xx, timeout) disallows the site for the run; a 4xx
answer allows it. Crawls of a loopback server that records what it was asked for."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from tests.support.newssite import crawl, rows

PAGE = b"<html><head><title>Home</title></head><body><a href='/news/'>News</a></body></html>"


@contextmanager
def robots_server(status: int, delay: float = 0.0) -> Iterator[tuple[str, list[str]]]:
    """A site on 127.0.0.7 whose robots.txt answers ``status`` after ``delay`` seconds."""
    requested: list[str] = []

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            requested.append(self.path)
            if self.path == "/robots.txt":
                time.sleep(delay)
                body, code = b"User-agent: *\nDisallow:\n", status
            else:
                body, code = PAGE, 200
            try:
                self.send_response(code)
                self.send_header("Content-Type", "text/html" if code == 200 else "text/plain")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)
            except OSError:  # the crawler gave up waiting
                pass

        def log_message(self, *args: object) -> None:
            return None

    server = ThreadingHTTPServer(("127.0.0.7", 0), Handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.7:{server.server_address[1]}/", requested
    finally:
        server.shutdown()
        server.server_close()


def crawl_site(url: str, tmp_path: Path, **settings: str) -> tuple[int, str]:
    sites = tmp_path / "sites.toml"
    sites.write_text(f'[[site]]\nstart_urls = ["{url}"]\n', encoding="utf-8")
    result = crawl(sites, tmp_path / "news.db", tmp_path, RETRY_TIMES="1", **settings)
    return result.returncode, result.stderr


@pytest.mark.parametrize("status", [500, 503])
def test_a_robots_txt_answering_5xx_disallows_the_site(status: int, tmp_path: Path) -> None:
    with robots_server(status) as (url, requested):
        code, log = crawl_site(url, tmp_path)
    assert set(requested) == {"/robots.txt"}, requested
    assert f"answered {status}" in log and "RFC 9309" in log
    assert code == 1  # the only site got no answer: the run failed
    (site,) = rows(tmp_path / "news.db", "SELECT status FROM crawl_sites")
    assert site["status"] == "failed"


def test_a_robots_txt_that_times_out_disallows_the_site(tmp_path: Path) -> None:
    with robots_server(200, delay=3.0) as (url, requested):
        code, log = crawl_site(url, tmp_path, DOWNLOAD_TIMEOUT="1")
    assert set(requested) == {"/robots.txt"}, requested
    assert "unreachable (" in log and "RFC 9309" in log and code == 1
    assert "Traceback" not in log


@pytest.mark.parametrize("status", [404, 403])
def test_a_robots_txt_answering_4xx_allows_the_site(status: int, tmp_path: Path) -> None:
    with robots_server(status) as (url, requested):
        code, log = crawl_site(url, tmp_path)
    assert code == 0, log[-2000:]
    assert "/" in requested and "/news/" in requested
