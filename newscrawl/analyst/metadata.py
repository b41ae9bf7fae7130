"""Datasette metadata: a description of every table, view and column, and canned queries."""

from __future__ import annotations

import json
from importlib.resources import files
from pathlib import Path
from typing import Any


def load() -> dict[str, Any]:
    """The packaged metadata, with the archive's part under the key ``database``."""
    return json.loads(files("newscrawl.analyst").joinpath("datasette.json").read_text("utf-8"))


def database_name(path: Path) -> str:
    """The name Datasette gives a database file: its name without the extension."""
    return path.stem


def metadata_for(path: Path) -> dict[str, Any]:
    """Datasette metadata for the archive at ``path``."""
    data = load()
    database = data.pop("database")
    return {**data, "databases": {database_name(path): database}}
