"""Worker processes for imports: batches prepared in order, a bounded number in flight."""

from __future__ import annotations

import gc
import multiprocessing
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from itertools import islice
from multiprocessing.pool import AsyncResult, Pool
from typing import Any, TypeVar

from newscrawl.pagepool import leave_with_parent

In = TypeVar("In")
Out = TypeVar("Out")

#: Allocations between two collections of a worker's youngest generation (Python's default
#: is 700: 718 collections over 2,000 pages, 1.5% of the worker; 10 at this value).
GC_THRESHOLD = 10_000


def start_pool(workers: int, initializer: Callable[..., None], initargs: tuple[Any, ...]) -> Pool:
    """``workers`` spawned processes (no state inherited from the importing process) that
    leave when the import is killed."""
    return multiprocessing.get_context("spawn").Pool(workers, _start, (initializer, initargs))


def _start(initializer: Callable[..., None], initargs: tuple[Any, ...]) -> None:
    leave_with_parent()
    initializer(*initargs)
    gc.freeze()  # modules and set-up live as long as the worker: collections pass them over
    gc.set_threshold(GC_THRESHOLD)  # a page's objects die with it: fewer young collections


def in_order(
    pool: Pool | None,
    work: Callable[[list[In]], list[Out]],
    items: Iterable[In],
    batch: int,
    window: int,
) -> Iterator[Out]:
    """``work`` applied to batches of ``items``, results in input order; at most ``window``
    batches in flight, so memory stays flat however long the input (no pool: inline)."""
    stream = iter(items)
    if pool is None:
        while chunk := list(islice(stream, batch)):
            yield from work(chunk)
        return
    pending: deque[AsyncResult[list[Out]]] = deque()
    while chunk := list(islice(stream, batch)):
        pending.append(pool.apply_async(work, (chunk,)))
        if len(pending) >= window:
            yield from pending.popleft().get()
    while pending:
        yield from pending.popleft().get()
