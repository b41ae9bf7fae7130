"""Import workers and the importing process: set-up, garbage collection, batches in order."""

from __future__ import annotations

import gc
import io
import json
import os
from pathlib import Path

import pytest

from newscrawl.imports import pool, run
from newscrawl.imports.pool import (
    BULK_THRESHOLDS,
    GC_THRESHOLD,
    bulk_collection,
    in_order,
    preloaded,
    start_pool,
)
from newscrawl.imports.warc import Options, start_worker


def test_bulk_collection_sets_and_restores_the_thresholds() -> None:
    before = gc.get_threshold()
    with pytest.raises(RuntimeError), bulk_collection():
        assert gc.get_threshold() == BULK_THRESHOLDS
        assert gc.get_freeze_count() > 0
        raise RuntimeError("a failing import")
    assert gc.get_threshold() == before
    assert gc.get_freeze_count() == 0


def test_an_import_stores_under_the_bulk_thresholds(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen: list[tuple[int, int, int]] = []
    real = run.import_jsonl

    def spy(*args: object, **kwargs: object) -> object:
        seen.append(gc.get_threshold())
        return real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(run, "import_jsonl", spy)
    src = tmp_path / "in.jsonl"
    record = {"url": "https://example.org/a", "headline": "A", "body": "Words. " * 80}
    src.write_text(json.dumps(record) + "\n")
    before = gc.get_threshold()
    assert run.run_import(str(src), str(tmp_path / "news.db"), workers=0, out=io.StringIO()) == 0
    assert seen == [BULK_THRESHOLDS]
    assert gc.get_threshold() == before


def _with_pid(batch: list[int]) -> list[tuple[int, int]]:
    return [(n, os.getpid()) for n in batch]


def test_the_head_is_prepared_here_while_the_pool_starts_and_order_is_kept() -> None:
    pool = start_pool(1, _nothing, ())
    try:
        out = list(in_order(pool, _with_pid, range(50), batch=4, window=2, head=10))
    finally:
        pool.terminate()
    assert [n for n, _ in out] == list(range(50))
    assert {pid for n, pid in out if n < 10} == {os.getpid()}
    assert os.getpid() not in {pid for n, pid in out if n >= 10}


def _nothing() -> None:
    return None


def test_a_worker_freezes_its_start_up_and_collects_less_often() -> None:
    pool = start_pool(1, start_worker, (Options(),))
    try:
        threshold = pool.apply(gc.get_threshold)
        frozen = pool.apply(gc.get_freeze_count)
    finally:
        pool.terminate()
        pool.join()
    assert threshold[0] == GC_THRESHOLD
    assert frozen > 0


def test_preloaded_sets_the_library_while_processes_start_and_restores(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv("LD_PRELOAD", raising=False)
    with preloaded("/lib/a.so"):
        assert os.environ["LD_PRELOAD"] == "/lib/a.so"
    assert "LD_PRELOAD" not in os.environ
    monkeypatch.setenv("LD_PRELOAD", "/lib/b.so")
    with pytest.raises(RuntimeError), preloaded("/lib/a.so"):
        assert os.environ["LD_PRELOAD"] == "/lib/a.so /lib/b.so"
        raise RuntimeError("a pool that fails to start")
    assert os.environ["LD_PRELOAD"] == "/lib/b.so"
    with preloaded(None):
        assert os.environ["LD_PRELOAD"] == "/lib/b.so"


def test_no_allocator_without_its_package(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pool, "MIMALLOC", ("newscrawl-no-such-package", "lib/none.so"))
    assert pool.worker_allocator() is None


def _preload() -> str | None:
    return os.environ.get("LD_PRELOAD")


def test_workers_start_with_the_allocator_preloaded(monkeypatch: pytest.MonkeyPatch) -> None:
    """The C library itself stands in for the allocator (preloading it changes nothing)."""
    libc = next(
        line.split()[-1]
        for line in Path("/proc/self/maps").read_text().splitlines()
        if "/libc.so" in line or "/libc-" in line
    )
    monkeypatch.delenv("LD_PRELOAD", raising=False)
    monkeypatch.setattr(pool, "worker_allocator", lambda: libc)
    workers = start_pool(1, _nothing, ())
    try:
        seen = workers.apply(_preload)
    finally:
        workers.terminate()
        workers.join()
    assert seen == libc
    assert "LD_PRELOAD" not in os.environ
