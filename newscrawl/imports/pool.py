"""Worker processes for imports: batches prepared in order, a bounded number in flight."""

from __future__ import annotations

import gc
import multiprocessing
import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from importlib.metadata import PackageNotFoundError, distribution
from itertools import islice
from multiprocessing.pool import AsyncResult, Pool
from pathlib import Path
from typing import Any, TypeVar

from newscrawl.pagepool import leave_with_parent

#: Collection thresholds while an import stores: a young collection every 50,000 container
#: allocations instead of 700. Each article's signature brings sets of thousands of entries
#: that live until the 512 latest are evicted; collected every 700 allocations they were
#: traversed again and again and promoted to the old generation (1.7 s of collections in a
#: 20,000-article import, 0.05 s with these thresholds). The store makes no cycles per article.
BULK_THRESHOLDS = (50_000, 50, 100)

In = TypeVar("In")
Out = TypeVar("Out")

#: Allocations between two collections of a worker's youngest generation (Python's default
#: is 700: 718 collections over 2,000 pages, 1.5% of the worker; 10 at this value).
GC_THRESHOLD = 10_000


#: mimalloc's shared library as the ``cmeel-mimalloc`` package (PyPI; a dependency on Linux
#: x86_64 and aarch64) ships it. Workers run with it in place of the C library's allocator
#: when it is installed (elsewhere they run as before): the page's
#: tree is thousands of small blocks that glibc frees one by one and merges again before
#: the next large request (about 9% of a worker's CPU; outputs identical).
MIMALLOC = ("cmeel-mimalloc", "cmeel.prefix/lib/libmimalloc.so")


def worker_allocator() -> str | None:
    """The path of the allocator library workers preload, or None (not installed)."""
    package, library = MIMALLOC
    try:
        path = Path(str(distribution(package).locate_file(library)))
    except PackageNotFoundError:
        return None
    return str(path) if path.is_file() else None


@contextmanager
def preloaded(library: str | None) -> Iterator[None]:
    """``library`` in LD_PRELOAD while processes are started (none: nothing changes)."""
    before = os.environ.get("LD_PRELOAD")
    if library:
        os.environ["LD_PRELOAD"] = f"{library} {before}" if before else library
    try:
        yield
    finally:
        if before is None:
            os.environ.pop("LD_PRELOAD", None)
        else:
            os.environ["LD_PRELOAD"] = before


def start_pool(workers: int, initializer: Callable[..., None], initargs: tuple[Any, ...]) -> Pool:
    """``workers`` spawned processes (no state inherited from the importing process) that
    leave when the import is killed; they allocate with :func:`worker_allocator`'s library
    when there is one."""
    with preloaded(worker_allocator()):
        return multiprocessing.get_context("spawn").Pool(workers, _start, (initializer, initargs))


def _start(initializer: Callable[..., None], initargs: tuple[Any, ...]) -> None:
    leave_with_parent()
    initializer(*initargs)
    gc.freeze()  # modules and set-up live as long as the worker: collections pass them over
    gc.set_threshold(GC_THRESHOLD)  # a page's objects die with it: fewer young collections


@contextmanager
def bulk_collection() -> Iterator[None]:
    """Collect garbage rarely while a bulk import runs (BULK_THRESHOLDS; what is loaded
    before it is frozen out of collections); the thresholds are restored afterwards."""
    before = gc.get_threshold()
    gc.freeze()
    gc.set_threshold(*BULK_THRESHOLDS)
    try:
        yield
    finally:
        gc.set_threshold(*before)
        gc.unfreeze()


def in_order(
    pool: Pool | None,
    work: Callable[[list[In]], list[Out]],
    items: Iterable[In],
    batch: int,
    window: int,
    head: int = 0,
) -> Iterator[Out]:
    """``work`` applied to batches of ``items``, results in input order; at most ``window``
    batches in flight, so memory stays flat however long the input (no pool: inline).
    The first ``head`` items are worked on in this process while the pool's processes start
    on the batches after them (``work`` must then be ready to run here too)."""
    stream = iter(items)
    if pool is None:
        while chunk := list(islice(stream, batch)):
            yield from work(chunk)
        return
    first = list(islice(stream, head))
    pending: deque[AsyncResult[list[Out]]] = deque()
    while len(pending) < window and (chunk := list(islice(stream, batch))):
        pending.append(pool.apply_async(work, (chunk,)))
    for start in range(0, len(first), batch):
        yield from work(first[start : start + batch])
    while chunk := list(islice(stream, batch)):
        pending.append(pool.apply_async(work, (chunk,)))
        if len(pending) >= window:
            yield from pending.popleft().get()
    while pending:
        yield from pending.popleft().get()
