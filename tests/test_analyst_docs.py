"""docs/querying.md: its SQL runs, its sqlite-utils commands work, its schema is current."""

from __future__ import annotations

import re
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from newscrawl.analyst.metadata import schema_markdown
from tests.analyst_archive import Crafted, crafted_archive

DOC = Path(__file__).resolve().parents[1] / "docs" / "querying.md"
TEXT = DOC.read_text(encoding="utf-8")
SQL = re.findall(r"```sql\n(.*?)```", TEXT, re.S)


@pytest.fixture
def crafted(tmp_path: Path) -> Iterator[Crafted]:
    with crafted_archive(tmp_path) as made:
        made.archive.commit()
        yield made


def test_the_schema_section_is_generated_from_the_metadata() -> None:
    section = TEXT.split("<!-- schema:start -->\n", 1)[1].split("<!-- schema:end -->", 1)[0]
    assert section == schema_markdown()


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


def test_the_sqlite_utils_commands_work(crafted: Crafted, tmp_path: Path) -> None:
    block = TEXT.split("## Exports with the sqlite-utils CLI", 1)[1].split("```sh\n", 1)[1]
    script = block.split("```", 1)[0]
    commands = [c for c in re.sub(r"\\\n\s*", "", script).splitlines() if c.startswith("sqlite")]
    assert len(commands) >= 6
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
