"""Import workers: how they are set up."""

from __future__ import annotations

import gc

from newscrawl.imports.pool import GC_THRESHOLD, start_pool
from newscrawl.imports.warc import Options, start_worker


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
