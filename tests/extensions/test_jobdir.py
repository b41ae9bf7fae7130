"""JOBDIR is kept only after a graceful stop; after a finished or killed run it is cleared."""

from __future__ import annotations

from pathlib import Path

import pytest

from newscrawl.extensions.jobdir import mark, prepare, previous_end


def fill(jobdir: Path) -> None:
    (jobdir / "requests.queue").mkdir(parents=True)
    (jobdir / "requests.queue" / "p0").write_text("queued")
    (jobdir / "requests.seen").write_text("fingerprints")
    (jobdir / "spider.state").write_bytes(b"state")


def test_a_new_jobdir(tmp_path: Path) -> None:
    assert prepare(tmp_path / "job") is False
    assert previous_end(tmp_path / "job") == "running"


@pytest.mark.parametrize("ended", ["running", "finished", "closespider_timeout"])
def test_cleared_after_a_killed_or_finished_run(tmp_path: Path, ended: str) -> None:
    fill(tmp_path)
    mark(tmp_path, ended)
    assert prepare(tmp_path) is False
    assert not (tmp_path / "requests.queue").exists()
    assert not (tmp_path / "requests.seen").exists() and not (tmp_path / "spider.state").exists()


def test_kept_after_a_graceful_stop(tmp_path: Path) -> None:
    fill(tmp_path)
    mark(tmp_path, "shutdown")
    assert prepare(tmp_path) is True
    assert (tmp_path / "requests.queue" / "p0").read_text() == "queued"
    assert previous_end(tmp_path) == "running"
