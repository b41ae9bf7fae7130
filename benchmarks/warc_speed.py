"""Per-core speed of `newscrawl import`: this checkout against another one, run alternately.

One-worker imports of the same CC-NEWS-like WARC (benchmarks/ccnews_like.py), each into an
empty archive, alternating between the other checkout's code and this one's, --repeat times:
on a shared machine the load drifts, so each pair runs back to back and the comparison is
made in CPU seconds (``getrusage`` of the worker), not wall time. The archives of the two
checkouts must hold the same rows (articles, signatures, stories): a speed change that
changes an output shows as a mismatch.

    git worktree add --detach /tmp/before main
    python benchmarks/warc_speed.py --against /tmp/before --records 2000 --repeat 3 \\
        --record docs/benchmarks.md
"""

from __future__ import annotations

import argparse
import hashlib
import sqlite3
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.ccnews_like import write_warc  # noqa: E402
from benchmarks.markdown import machine, table, write_section  # noqa: E402
from benchmarks.warc_import import timed_import  # noqa: E402

START, END = "<!-- warc-import-speed:start -->", "<!-- warc-import-speed:end -->"
#: What the archive holds, compared between checkouts (columns set by the clock left out).
_CONTENT = (
    "SELECT url, site, site_name, headline, byline, authors, published, modified, body, "
    "description, language, section, tags, image, wire_source, word_count, content_hash, "
    "fetched_url, http_status, extraction_confidence FROM articles ORDER BY id",
    "SELECT article_id, signature, keys FROM story_signatures ORDER BY article_id",
    "SELECT * FROM story_copies ORDER BY article_id",
    "SELECT id, headline, original_article_id, first_published, wire_source, copies, versions "
    "FROM stories ORDER BY id",
)


def content_hash(db: Path) -> str:
    """A digest of the archive's articles, signatures and stories."""
    digest = hashlib.sha256()
    conn = sqlite3.connect(db)
    for query in _CONTENT:
        for row in conn.execute(query):
            digest.update(repr(row).encode())
    conn.close()
    return digest.hexdigest()[:16]


def commit(checkout: Path) -> str:
    """The checkout's short commit."""
    return subprocess.run(
        ["git", "-C", str(checkout), "rev-parse", "--short", "HEAD"],
        capture_output=True, text=True, check=True,
    ).stdout.strip()  # fmt: skip


def runs(args: argparse.Namespace, warc: Path, tmp: Path) -> list[dict]:
    """The alternating imports, each with its checkout, commit and archive digest."""
    scripts = [("before", args.against), ("after", ROOT)]
    out = []
    for _ in range(args.repeat):
        for label, checkout in scripts:
            db = tmp / f"{label}.db"
            run = timed_import(warc, db, 1, script=checkout / "benchmarks" / "warc_import.py")
            run.update(label=label, commit=commit(checkout), digest=content_hash(db))
            print(run, flush=True)
            out.append(run)
    return out


def section(args: argparse.Namespace, results: list[dict]) -> str:
    """The docs/benchmarks.md section."""
    head = ("code", "commit", "worker CPU s", "worker CPU ms / record",
            "stored articles per worker CPU-second", "archive digest", "load before")  # fmt: skip
    rows = [
        (r["label"], r["commit"], f"{r['workers_cpu']:.1f}",
         f"{1000 * r['workers_cpu'] / r['records']:.2f}",
         f"**{r['stored'] / r['workers_cpu']:.0f}**", r["digest"], r["load"])
        for r in results
    ]  # fmt: skip
    cpu = {
        label: statistics.median(r["workers_cpu"] for r in results if r["label"] == label)
        for label in ("before", "after")
    }
    same = len({r["digest"] for r in results}) == 1
    last = results[-1]
    return "\n".join([
        START,
        "### Importing web archives: per-core speed, before and after (issue 13)",
        "",
        f"`{args.command_line}` on {machine()}: one-worker imports of the "
        f"{args.records:,}-record WARC, the other checkout's code and this one's alternately "
        f"(`benchmarks/warc_speed.py`); {last['records']:,} records, {last['stored']:,} "
        "articles stored per import.",
        "",
        table(head, rows),
        "",
        f"Median worker CPU: {cpu['before']:.1f} s before, {cpu['after']:.1f} s after "
        f"({100 * (cpu['after'] / cpu['before'] - 1):+.1f}%): "
        f"{last['stored'] / cpu['before']:.0f} -> {last['stored'] / cpu['after']:.0f} stored "
        "articles per worker CPU-second. Archives: "
        + ("**identical** (articles, signatures, stories)." if same else "**they differ**."),
        END,
    ])  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--against", type=Path, required=True, help="the other checkout")
    parser.add_argument("--records", type=int, default=2000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--warc", type=Path, help="the WARC (built when missing)")
    parser.add_argument("--record", type=Path, help="write the results into this Markdown file")
    args = parser.parse_args()
    args.command_line = "python benchmarks/warc_speed.py " + " ".join(sys.argv[1:])
    warc = args.warc or Path(tempfile.gettempdir()) / f"ccnews-like-{args.records}.warc.gz"
    if not warc.exists():
        write_warc(warc, args.records)
    with tempfile.TemporaryDirectory() as tmp:
        results = runs(args, warc, Path(tmp))
    text = section(args, results)
    print(text)
    if args.record:
        write_section(args.record, START, END, text)


if __name__ == "__main__":
    main()
