"""Datasette metadata: a description of every table, view and column, and canned queries.

``python -m newscrawl.analyst.datasette_meta`` prints the schema section of the README;
``--write README.md`` replaces it in place.
"""

from __future__ import annotations

import json
from importlib.resources import files
from pathlib import Path
from typing import Any

from sqlite_utils import Database

from newscrawl.store.schema import migrate


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


def cell(text: str) -> str:
    """Text safe inside a Markdown table cell."""
    return text.replace("|", "\\|")


def schema_markdown() -> str:
    """Every table, view and column with its description, as Markdown (for the README)."""
    lines: list[str] = []
    schema = Database(memory=True)
    migrate(schema)
    views = set(schema.view_names())
    for name, table in load()["database"]["tables"].items():
        kind = " (view)" if name in views else ""
        lines += [f"### `{name}`{kind}", "", table["description"], ""]
        lines += ["| column | meaning |", "|---|---|"]
        lines += [f"| `{column}` | {cell(text)} |" for column, text in table["columns"].items()]
        lines.append("")
    return "\n".join(lines)


SCHEMA_START, SCHEMA_END = "<!-- schema:start -->\n", "<!-- schema:end -->"


def with_schema(document: str) -> str:
    """``document`` with its schema section (between the markers) regenerated."""
    head, rest = document.split(SCHEMA_START, 1)
    tail = rest.split(SCHEMA_END, 1)[1]
    return f"{head}{SCHEMA_START}{schema_markdown()}{SCHEMA_END}{tail}"


if __name__ == "__main__":
    import sys

    if sys.argv[1:2] == ["--write"]:
        target = Path(sys.argv[2])
        target.write_text(with_schema(target.read_text(encoding="utf-8")), encoding="utf-8")
    else:
        print(schema_markdown(), end="")
