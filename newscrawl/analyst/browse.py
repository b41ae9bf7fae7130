"""``newscrawl browse``: the archive in Datasette, with descriptions and canned queries."""

from __future__ import annotations

import importlib.util
import json
import signal
import socket
import subprocess
import sys
import tempfile
from pathlib import Path
from types import FrameType
from typing import TextIO

from newscrawl.analyst.datasette_meta import metadata_for
from newscrawl.store.access import open_readonly

#: Seconds Datasette gets to stop after SIGTERM before it is killed.
STOP_SECONDS = 10
INSTALL_HINT = "Datasette is not installed. Install it with: pip install 'newscrawl[analyst]'"


def datasette_command(
    db: Path, metadata: Path, host: str, port: int, open_browser: bool
) -> list[str]:
    """The ``datasette serve`` command line for the archive."""
    cmd = [sys.executable, "-m", "datasette", "serve", str(db), "--metadata", str(metadata)]
    cmd += ["--host", host, "--port", str(port)]
    return [*cmd, "--open"] if open_browser else cmd


def port_problem(host: str, port: int) -> str | None:
    """Why Datasette could not listen on ``host:port``, or None when it can."""
    with socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET) as sock:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind((host, port))
        except OSError as exc:
            return f"cannot listen on {host} port {port} ({exc.strerror or exc})"
    return None


class _Stopped(Exception):
    """SIGTERM arrived: stop Datasette and clean up, as after Ctrl-C."""


def _raise_stopped(signum: int, frame: FrameType | None) -> None:
    raise _Stopped


def serve(cmd: list[str]) -> int:
    """Run Datasette until it exits or this process gets SIGINT/SIGTERM; its exit code (0
    when stopped)."""
    previous = signal.signal(signal.SIGTERM, _raise_stopped)
    child = subprocess.Popen(cmd)
    try:
        return child.wait()
    except (KeyboardInterrupt, _Stopped):
        child.terminate()
        try:
            child.wait(timeout=STOP_SECONDS)
        except subprocess.TimeoutExpired:
            child.kill()
            child.wait()
        return 0
    finally:
        signal.signal(signal.SIGTERM, previous)


def run_browse(
    db: Path,
    host: str = "127.0.0.1",
    port: int = 8001,
    open_browser: bool = False,
    err: TextIO | None = None,
) -> int:
    """Serve the archive (read-only) with Datasette until interrupted; 2 when it cannot."""
    err = err or sys.stderr
    if importlib.util.find_spec("datasette") is None:
        err.write(f"newscrawl browse: {INSTALL_HINT}\n")
        return 2
    open_readonly(db).close()
    problem = port_problem(host, port)
    if problem:
        err.write(f"newscrawl browse: {problem}: pass another --port\n")
        return 2
    with tempfile.TemporaryDirectory(prefix="newscrawl-browse-") as tmp:
        metadata = Path(tmp) / "metadata.json"
        metadata.write_text(json.dumps(metadata_for(db), ensure_ascii=False), encoding="utf-8")
        err.write(f"Serving {db} on http://{host}:{port}/ (Ctrl-C to stop)\n")
        err.flush()
        return serve(datasette_command(db, metadata, host, port, open_browser))
