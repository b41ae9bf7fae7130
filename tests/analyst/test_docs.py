"""docs/querying.md and the README: their SQL runs, their sqlite-utils commands work, the
README's schema section is current."""

from __future__ import annotations

import re
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from newscrawl.analyst.datasette_meta import with_schema
from tests.support.archive import Crafted, crafted_archive

ROOT = Path(__file__).resolve().parents[2]
TEXT = (ROOT / "docs" / "querying.md").read_text(encoding="utf-8")
README = (ROOT / "README.md").read_text(encoding="utf-8")
SQL = re.findall(r"```sql\n(.*?)```", TEXT + README, re.S)


@pytest.fixture
def crafted(tmp_path: Path) -> Iterator[Crafted]:
    with crafted_archive(tmp_path) as made:
        made.archive.commit()
        yield made


def test_the_readme_schema_section_is_generated_from_the_metadata() -> None:
    assert with_schema(README) == README


@pytest.mark.parametrize("sql", SQL, ids=[f"sql{i}" for i in range(len(SQL))])
def test_every_sql_example_runs(crafted: Crafted, sql: str) -> None:
    crafted.conn.execute(sql).fetchall()


def test_the_examples_answer_on_the_crafted_archive(crafted: Crafted) -> None:
    who_ran = next(s for s in SQL if "is_original, truncated" in s)
    assert [r[1] for r in crafted.conn.execute(who_ran)] == [
        "Wire Service",
        "Valley Courier",
        "Harbor Post",
    ]
    search = next(s for s in SQL if "NOT ferry" in s)
    assert len(crafted.conn.execute(search).fetchall()) == 3


def sqlite_utils_commands(text: str, heading: str) -> list[str]:
    """The sqlite-utils command lines of the first shell block after ``heading``."""
    block = text.split(heading, 1)[1].split("```sh\n", 1)[1]
    script = re.sub(r"\\\n\s*", "", block.split("```", 1)[0])
    lines = [c.removeprefix(".venv/bin/") for c in script.splitlines()]
    return [c for c in lines if c.startswith("sqlite-utils")]


def test_the_sqlite_utils_commands_work(crafted: Crafted, tmp_path: Path) -> None:
    commands = sqlite_utils_commands(TEXT, "## Exports with the sqlite-utils CLI")
    commands += sqlite_utils_commands(README, "Exports with the sqlite-utils CLI")
    assert len(commands) >= 9
    work = tmp_path / "work"
    (work / "data").mkdir(parents=True)
    copy = sqlite3.connect(work / "data" / "news.db")
    crafted.conn.backup(copy)
    copy.close()
    tool = Path(sys.executable).with_name("sqlite-utils")
    for command in commands:
        done = subprocess.run(
            command.replace("sqlite-utils", str(tool), 1),
            shell=True, cwd=work, capture_output=True, text=True, check=False,
        )  # fmt: skip
        assert done.returncode == 0, (command, done.stderr)
    assert "valley.example" in (work / "wire_share.csv").read_text()
    assert (work / "syndication.jsonl").read_text().count("\n") == 3
