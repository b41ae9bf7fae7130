"""``newscrawl browse``: the archive in Datasette, with descriptions and canned queries."""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import TextIO

from newscrawl.analyst.datasette_meta import metadata_for
from newscrawl.store.access import open_readonly

INSTALL_HINT = "Datasette is not installed. Install it with: pip install 'newscrawl[analyst]'"


def datasette_command(
    db: Path, metadata: Path, host: str, port: int, open_browser: bool
) -> list[str]:
    """The ``datasette serve`` command line for the archive."""
    cmd = [sys.executable, "-m", "datasette", "serve", str(db), "--metadata", str(metadata)]
    cmd += ["--host", host, "--port", str(port)]
    return [*cmd, "--open"] if open_browser else cmd


def run_browse(
    db: Path,
    host: str = "127.0.0.1",
    port: int = 8001,
    open_browser: bool = False,
    err: TextIO | None = None,
) -> int:
    """Upgrade the archive if needed and serve it with Datasette until interrupted."""
    err = err or sys.stderr
    if importlib.util.find_spec("datasette") is None:
        err.write(INSTALL_HINT + "\n")
        return 2
    open_readonly(db).close()
    with tempfile.TemporaryDirectory() as tmp:
        metadata = Path(tmp) / "metadata.json"
        metadata.write_text(json.dumps(metadata_for(db), ensure_ascii=False), encoding="utf-8")
        err.write(f"Serving {db} on http://{host}:{port}/ (Ctrl-C to stop)\n")
        try:
            return subprocess.run(
                datasette_command(db, metadata, host, port, open_browser), check=False
            ).returncode
        except KeyboardInterrupt:
            return 0
