"""Where the writer of ``newscrawl import`` spends its time (issue 16): the store half profiled.

    python benchmarks/syndication_profile.py [--articles 20000] [--stream original] [--write]

Generates the scale stream (seed 100, generation order, like ``syndication.py scale``; or the
newsroom stream), imports it in one process without workers under cProfile, and splits the
time into the worker half (parsing, cleaning, validation, wire detection, signature) and the
writer's parts. CPU time of one process: the parts add up to the run, so the shares hold
under load even when the seconds do not. ``--write`` puts the table into docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import cProfile
import json
import os
import pstats
import sys
import tempfile
import time
from collections.abc import Iterator, Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # run as a script from anywhere

from benchmarks.generators.newsroom import newsroom_records  # noqa: E402
from benchmarks.generators.syndication import Generator  # noqa: E402
from benchmarks.markdown import machine, write_section  # noqa: E402
from newscrawl.imports.jsonl import import_jsonl  # noqa: E402
from newscrawl.store import Archive  # noqa: E402

DOC = ROOT / "docs" / "benchmarks.md"
START, END = "<!-- syndication-profile:start -->", "<!-- syndication-profile:end -->"
#: Functions timed (inclusive): name -> (file suffix, function).
TIMED = {
    "worker": ("imports/jsonl.py", "_in_worker"),
    "lookups": ("store/story_index.py", "candidates"),
    "writes": ("store/story_index.py", "add"),
    "tests": ("syndication/grouping.py", "matched_stories"),
    "place": ("store/stories.py", "place"),
    "flush": ("store/stories.py", "flush"),
    "commit": ("store/archive.py", "commit"),
}


def records(stream: str, articles: int) -> Iterator[dict]:
    """The records of the chosen stream, in generation order."""
    made = (
        newsroom_records(100, articles)
        if stream == "newsroom"
        else Generator(100).records(articles)
    )
    return (record for record, _ in made)


def inclusive(stats: pstats.Stats, suffix: str, name: str) -> float:
    """Inclusive seconds of the functions named ``name`` in files ending with ``suffix``."""
    table = stats.stats  # type: ignore[attr-defined]
    return sum(
        v[3] for (path, _, func), v in table.items() if func == name and path.endswith(suffix)
    )


def profile(stream: str, articles: int, tmp: Path) -> tuple[list[tuple[str, float]], float]:
    """The parts of the run and their CPU seconds, and the whole import's CPU seconds."""
    src = tmp / "records.jsonl"
    with src.open("w", encoding="utf-8") as out:
        for record in records(stream, articles):
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
    archive = Archive.open(tmp / "news.db")
    profiler = cProfile.Profile(time.process_time)
    started = time.process_time()
    profiler.runcall(import_jsonl, src, archive, workers=0)
    total = time.process_time() - started
    archive.close()
    stats = pstats.Stats(profiler)
    t = {name: inclusive(stats, *where) for name, where in TIMED.items()}
    writer = total - t["worker"]
    return [
        ("worker half: JSON, loader, validation, wire, signature", t["worker"]),
        ("writer: all of it", writer),
        ("  article rows, versions, counters (the rest)", writer - t["place"] - t["commit"]),
        ("  story index lookups (candidates and their signatures)", t["lookups"]),
        ("  story index writes (signature, keys, evictions)", t["writes"]),
        ("  same-story tests on the candidates", t["tests"]),
        ("  story placement, the rest (merges, splits, new stories)",
         t["place"] - t["lookups"] - t["writes"] - t["tests"]),
        ("  story fields and copy flags (once per story per commit)", t["flush"]),
        ("  SQLite commits", t["commit"] - t["flush"]),
    ], total  # fmt: skip


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--articles", type=int, default=20000)
    parser.add_argument("--stream", choices=["original", "newsroom"], default="original")
    parser.add_argument("--write", action="store_true")
    args = parser.parse_args(argv)
    load = os.getloadavg()[0]
    with tempfile.TemporaryDirectory() as tmp:
        parts, total = profile(args.stream, args.articles, Path(tmp))
    rows = ["| part | CPU s | µs per article | share |", "|---|---|---|---|"]
    for part, seconds in [*parts, ("whole import (one process)", total)]:
        rows.append(
            f"| {part} | {seconds:.1f} | {1e6 * seconds / args.articles:,.0f} | "
            f"{seconds / total:.0%} |"
        )
    print("\n".join(rows))
    if args.write:
        command = " ".join(["python benchmarks/syndication_profile.py", *sys.argv[1:]])
        head = (
            f"`{command}` ({args.articles:,} articles, {args.stream} stream, seed 100; "
            f"{machine()}; load average {load:.2f} before the run; cProfile over CPU time, "
            "which slows Python calls, so shares matter more than seconds):"
        )
        write_section(DOC, START, END, "\n".join([START, head, "", *rows, END]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
