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

from benchmarks.markdown import machine, table, write_section  # noqa: E402
from benchmarks.warc_import import the_warc, timed_import, warc_arguments  # noqa: E402

START, END = "<!-- warc-import-speed:start -->", "<!-- warc-import-speed:end -->"
#: What the archive holds, compared between checkouts (columns set by the clock left out).
_CONTENT = {
    "articles": "SELECT url, site, site_name, headline, byline, authors, published, modified, "
    "body, description, language, section, tags, image, wire_source, word_count, content_hash, "
    "fetched_url, http_status, extraction_confidence FROM articles ORDER BY id",
    "signatures": "SELECT article_id, signature, keys FROM story_signatures ORDER BY article_id",
    "story copies": "SELECT * FROM story_copies ORDER BY article_id",
    "stories": "SELECT id, headline, original_article_id, first_published, wire_source, "
    "copies, versions FROM stories ORDER BY id",
}


def content_hash(db: Path) -> str:
    """A digest of each part of the archive (articles, signatures, stories), joined by '/'.

    Each digest is that of ``repr`` of the query's list of rows, hashed row by row: holding
    the rows of a 20,000-record archive here raised this process's peak to about 470 MB,
    which the next import started from it reported as its own (``ru_maxrss`` survives exec).
    """
    conn = sqlite3.connect(db)
    digests = []
    for query in _CONTENT.values():
        digest, separator = hashlib.sha256(b"["), b""
        for row in conn.execute(query):
            digest.update(separator + repr(row).encode())
            separator = b", "
        digest.update(b"]")
        digests.append(digest.hexdigest()[:6])
    conn.close()
    return "/".join(digests)


def commit(checkout: Path) -> str:
    """The checkout's short commit, '+changes' when its files differ from it."""
    git = ["git", "-C", str(checkout)]
    head = subprocess.run([*git, "rev-parse", "--short", "HEAD"], capture_output=True,
                          text=True, check=True).stdout.strip()  # fmt: skip
    changed = subprocess.run([*git, "status", "--porcelain", "--untracked-files=no"],
                             capture_output=True, text=True, check=True).stdout.strip()  # fmt: skip
    return f"{head}+changes" if changed else head


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
            "stored articles per worker CPU-second", "archive digests", "load before")  # fmt: skip
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
    parts = list(zip(*(r["digest"].split("/") for r in results), strict=True))
    differ = [name for name, column in zip(_CONTENT, parts, strict=True) if len(set(column)) > 1]
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
        + (f"**they differ** in {', '.join(differ)}." if differ else "**identical** "
           "(articles, signatures, story copies, stories: digests in the table)."),
        END,
    ])  # fmt: skip


def main() -> None:
    parser = warc_arguments(__doc__, records=2000, repeat=3)
    parser.add_argument("--against", type=Path, required=True, help="the other checkout")
    args = parser.parse_args()
    args.command_line = "python benchmarks/warc_speed.py " + " ".join(sys.argv[1:])
    warc = the_warc(args)
    with tempfile.TemporaryDirectory() as tmp:
        results = runs(args, warc, Path(tmp))
    text = section(args, results)
    print(text)
    if args.record:
        write_section(args.record, START, END, text)


if __name__ == "__main__":
    main()
