"""Serve the demo sites of ``data/demo/network.toml``, one HTTP server per loopback host.

Every site listens on its own 127.0.0.x address, all on the same port, so
``http://127.0.0.2:PORT/`` and ``http://127.0.0.3:PORT/`` are two different sites.
Files get an ``ETag`` and a ``Last-Modified`` and conditional requests are answered with
304 (unless the site sets ``validators = false``); files are read on every request, so a
test can change a served copy between two crawls.
"""

from __future__ import annotations

import errno
import gzip
import hashlib
import re
import socket
import sys
import threading
import time
import tomllib
from dataclasses import dataclass, field
from datetime import date, timedelta
from email.utils import formatdate, parsedate_to_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from types import TracebackType
from typing import Any
from urllib.parse import parse_qs, urlsplit

CONTENT_TYPES = {
    ".html": "text/html", ".htm": "text/html", ".xml": "application/xml",
    ".txt": "text/plain", ".pdf": "application/pdf", ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg", ".png": "image/png", ".json": "application/json",
    ".gz": "application/gzip", ".js": "text/javascript",
}  # fmt: skip
TEXT_SUFFIXES = {".html", ".htm", ".xml", ".txt", ".json"}
_PAD = re.compile(rb"<!--NEWSCRAWL_PAD_BYTES=(\d+)-->")


@dataclass
class DemoSite:
    """One site of the demo network."""

    key: str
    name: str
    host: str
    root: Path
    redirects: dict[str, str] = field(default_factory=dict)
    flaky: set[str] = field(default_factory=set)
    calendar: str | None = None
    validators: bool = True  # ETag / Last-Modified and 304 answers
    slow: dict[str, float] = field(default_factory=dict)  # path -> seconds before answering


def load_network(path: Path) -> list[DemoSite]:
    """Read ``network.toml``; each site's files live in a folder named after its key."""
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    return [
        DemoSite(
            key=s["key"],
            name=s["name"],
            host=s["host"],
            root=path.parent / s["key"],
            redirects=dict(s.get("redirects", {})),
            flaky=set(s.get("flaky", [])),
            calendar=s.get("calendar"),
            validators=s.get("validators", True),
            slow={str(k): float(v) for k, v in s.get("slow", {}).items()},
        )
        for s in data["site"]
    ]


@dataclass(frozen=True)
class Hit:
    """One request a demo site answered."""

    path: str  # with query
    status: int
    at: float  # time.monotonic() when the answer was sent
    headers: dict[str, str]
    started: float = 0.0  # time.monotonic() when the request came in


def _not_modified(headers: Any, etag: str, mtime: int) -> bool:
    """True when the request's validators match the file (If-None-Match wins)."""
    match = headers.get("If-None-Match")
    if match is not None:
        return match.strip() == "*" or etag in (t.strip() for t in match.split(","))
    since = headers.get("If-Modified-Since")
    if since:
        try:
            return mtime <= parsedate_to_datetime(since).timestamp()
        except (TypeError, ValueError):
            return False
    return False


def _substitute(body: bytes, port: int) -> bytes:
    body = body.replace(b"__PORT__", str(port).encode())
    return _PAD.sub(
        lambda m: b'<script type="application/json">"' + b"x" * int(m.group(1)) + b'"</script>',
        body,
    )


def _calendar_day(path: str, query: str) -> date:
    """The day a calendar URL shows: /YYYY/MM/DD/, /YYYY/ (its Jan 1) or ?month=YYYY-MM."""
    parts = [int(p) for p in path.strip("/").split("/") if p.isdigit()]
    month = (parse_qs(query).get("month") or [""])[0].split("-")
    try:
        if parts:
            return date(*[*parts, 1, 1][:3])
        return date(int(month[0]), int(month[1]), 1)
    except (ValueError, IndexError):
        return date(2025, 3, 1)


def _calendar_page(site: DemoSite, path: str, query: str) -> bytes:
    """An endless events calendar under three URL shapes (day pages, month pages by query,
    year pages), each page linking the next and previous day, month and year."""
    base = site.calendar or "/"
    day = _calendar_day(path[len(base) :], query)

    def day_url(d: date) -> str:
        return f"{base}{d:%Y/%m/%d}/"

    month_before = (day.replace(day=1) - timedelta(days=1)).strftime("%Y-%m")
    month_after = (day.replace(day=28) + timedelta(days=4)).strftime("%Y-%m")
    links = [
        (day_url(day - timedelta(days=1)), "Previous day"),
        (day_url(day + timedelta(days=1)), "Next day"),
        (f"{base}?month={month_before}", "Previous month"),
        (f"{base}?month={month_after}", "Next month"),
        (f"{base}{day.year - 1}/", "Previous year"),
        (f"{base}{day.year + 1}/", "Next year"),
    ]
    anchors = " ".join(f'<a href="{href}">{text}</a>' for href, text in links)
    html = (
        f"<!doctype html><html><head><title>Events on {day} - {site.name}</title>"
        f"</head><body><h1>Events calendar: {day}</h1><p>No events listed.</p>"
        f"{anchors}</body></html>"
    )
    return html.encode()


class _Handler(BaseHTTPRequestHandler):
    server: _SiteServer
    started = 0.0

    def log_message(self, format: str, *args: Any) -> None:  # quiet
        pass

    def do_HEAD(self) -> None:
        self._respond(head=True)

    def do_GET(self) -> None:
        self._respond(head=False)

    def _send(self, status: int, body: bytes, ctype: str, head: bool, **headers: str) -> None:
        wait = self.server.delay + self.server.site.slow.get(urlsplit(self.path).path, 0.0)
        if wait:
            time.sleep(wait)
        hit = Hit(self.path, status, time.monotonic(), dict(self.headers), self.started)
        self.server.hits.append(hit)
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        for name, value in headers.items():
            self.send_header(name.replace("_", "-"), value)
        self.end_headers()
        if not head:
            self.wfile.write(body)

    def _respond(self, head: bool) -> None:
        self.started = time.monotonic()
        site = self.server.site
        parts = urlsplit(self.path)
        path = parts.path or "/"
        self.server.requests.append(self.path)
        if path in site.redirects:
            self._send(301, b"", "text/html", head, Location=site.redirects[path])
            return
        if site.calendar and path.startswith(site.calendar):
            self._send(200, _calendar_page(site, path, parts.query), "text/html", head)
            return
        if path in site.flaky and path not in self.server.failed_once:
            self.server.failed_once.add(path)
            self._send(503, b"try again", "text/plain", head, Retry_After="0")
            return
        file = self._file_for(path)
        if file is None:
            self._send(404, b"<h1>Not found</h1>", "text/html", head)
            return
        body = file.read_bytes()
        port = self.server.server_port
        if file.suffix in TEXT_SUFFIXES:
            body = _substitute(body, port)
        elif file.suffix == ".gz" and b"__PORT__" in gzip.decompress(body):
            body = gzip.compress(_substitute(gzip.decompress(body), port), mtime=0)
        ctype = CONTENT_TYPES.get(file.suffix, "application/octet-stream")
        if not site.validators:
            self._send(200, body, ctype, head)
            return
        etag = f'"{hashlib.sha1(body).hexdigest()[:16]}"'
        mtime = int(file.stat().st_mtime)
        validators = {"ETag": etag, "Last_Modified": formatdate(mtime, usegmt=True)}
        if _not_modified(self.headers, etag, mtime):
            self._send(304, b"", ctype, True, **validators)
            return
        self._send(200, body, ctype, head, **validators)

    def _file_for(self, path: str) -> Path | None:
        root = self.server.site.root.resolve()
        relative = path.lstrip("/")
        target = (root / relative / "index.html") if path.endswith("/") else root / relative
        try:
            target = target.resolve()
        except OSError:
            return None
        if not target.is_relative_to(root) or not target.is_file():
            return None
        return target


class _SiteServer(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True

    def __init__(self, site: DemoSite, port: int, delay: float = 0.0):
        self.site = site
        self.delay = delay
        self.requests: list[str] = []
        self.hits: list[Hit] = []
        self.failed_once: set[str] = set()
        super().__init__((site.host, port), _Handler)

    def handle_error(self, request: Any, client_address: Any) -> None:
        """A client that went away (a killed crawl) is no error; anything else is printed."""
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


class DemoNetwork:
    """All demo sites served in background threads; use as a context manager.

    ``delay``: seconds every answer waits (a slow network, for kill-and-resume tests).
    """

    def __init__(self, network_file: Path, port: int = 0, delay: float = 0.0):
        self.sites = load_network(network_file)
        self.port = port
        self.delay = delay
        self._servers: list[_SiteServer] = []

    def start(self) -> None:
        """Bind every site on one port (a free one when port is 0) and start serving."""
        for _attempt in range(20):
            port = self.port or _free_port(self.sites[0].host)
            try:
                self._servers = []
                for site in self.sites:
                    self._servers.append(_SiteServer(site, port, self.delay))
            except OSError as exc:
                for server in self._servers:
                    server.server_close()
                if exc.errno != errno.EADDRINUSE or self.port:
                    raise
                continue
            self.port = port
            for server in self._servers:
                threading.Thread(target=server.serve_forever, daemon=True).start()
            return
        raise OSError("no free port for the demo network")

    def stop(self) -> None:
        """Stop every server."""
        for server in self._servers:
            server.shutdown()
            server.server_close()

    def url(self, key: str, path: str = "/") -> str:
        """Absolute URL of ``path`` on the site ``key``."""
        site = next(s for s in self.sites if s.key == key)
        return f"http://{site.host}:{self.port}{path}"

    def set_delay(self, seconds: float) -> None:
        """Change the wait before every answer (e.g. a slow run, then a fast one)."""
        self.delay = seconds
        for server in self._servers:
            server.delay = seconds

    def requests(self, key: str) -> list[str]:
        """Paths (with query) requested from site ``key`` so far."""
        return next(s.requests for s in self._servers if s.site.key == key)

    def hits(self, key: str) -> list[Hit]:
        """The answers site ``key`` sent so far: path, status, time, request headers."""
        return next(s.hits for s in self._servers if s.site.key == key)

    def __enter__(self) -> DemoNetwork:
        self.start()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()


def _free_port(host: str) -> int:
    with socket.socket() as sock:
        sock.bind((host, 0))
        return int(sock.getsockname()[1])
