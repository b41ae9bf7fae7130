"""Instructions one import worker spends a record, counted by valgrind (immune to the load).

The worker's work (:class:`newscrawl.imports.warc.PreparePages` over the page records of a
file of gzip members, read as a worker reads them) runs in one process on the first
--records page records of a WARC, under cachegrind; a run with no record counts the
set-up (imports, models), which is subtracted. PYTHONHASHSEED is fixed, so set and dict
orders, and with them the counts, repeat from run to run. The digest of the pickled
outcomes must be the same in two checkouts: the same outputs.

    git worktree add --detach /tmp/before main
    python benchmarks/worker_instructions.py --warc /tmp/cc2k.warc.gz --records 300 \\
        --against /tmp/before
"""

from __future__ import annotations

import argparse
import gc
import hashlib
import os
import pickle
import re
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def run_records(code: Path, warc: Path, records: int) -> str:
    """The worker's work on the first ``records`` page records, in this process with the
    code of the checkout ``code``: the digest of the pickled outcomes."""
    sys.path.insert(0, str(code))
    import htmldate  # noqa: F401  (imported in the set-up: the second opinions import them)
    import trafilatura  # noqa: F401

    from newscrawl.extract.confidence import models
    from newscrawl.imports.pool import GC_THRESHOLD
    from newscrawl.imports.warc import Options, PreparePages
    from newscrawl.imports.warcread import WarcReader

    models()
    prepare = PreparePages(Options())
    gc.freeze()  # as a pool worker does after its start-up
    gc.set_threshold(GC_THRESHOLD)
    digest = hashlib.sha256()
    if records:
        pages = WarcReader(warc, "warc.gz").pages_between(0, None)
        for count, page in enumerate(pages, 1):
            digest.update(pickle.dumps(prepare(page)))
            if count == records:
                break
    return digest.hexdigest()[:12]


def counted(checkout: Path, warc: Path, records: int) -> tuple[int, str]:
    """(instructions, outcomes digest) of ``records`` records with ``checkout``'s code."""
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "cachegrind.out"
        command = ["valgrind", "--tool=cachegrind", "--cache-sim=no",
                   f"--cachegrind-out-file={out}", sys.executable, __file__, "one", str(checkout),
                   str(warc), str(records)]  # fmt: skip
        env = {**os.environ, "PYTHONHASHSEED": "0"}
        done = subprocess.run(command, capture_output=True, text=True, env=env, check=True)
    total = re.findall(r"I\s+refs:\s+([\d,]+)", done.stderr)[-1]
    return int(total.replace(",", "")), done.stdout.strip()


def main() -> None:
    if sys.argv[1:2] == ["one"]:
        print(run_records(Path(sys.argv[2]), Path(sys.argv[3]), int(sys.argv[4])))
        return
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--warc", type=Path, required=True, help="a file of gzip members")
    parser.add_argument("--records", type=int, default=300)
    parser.add_argument("--against", type=Path, help="another checkout's code, counted first")
    args = parser.parse_args()
    for checkout in [c for c in (args.against, ROOT) if c]:
        setup, _ = counted(checkout, args.warc, 0)
        total, digest = counted(checkout, args.warc, args.records)
        per_record = (total - setup) / args.records / 1e6
        print(f"{checkout}: {per_record:.2f} million instructions a record "
              f"({args.records} records, set-up {setup / 1e6:,.0f} M); outcomes {digest}")  # fmt: skip


if __name__ == "__main__":
    main()
