"""`newscrawl import` of a CC-NEWS-like WARC: stored articles/s with 1 and 2 workers.

Builds (once) a WARC of --records records from the shared eval pages
(benchmarks/ccnews_like.py: varied URLs, a fifth no article or not HTML, per-record gzip),
compares FastWARC and warcio reading it, then imports it into fresh archives with 1 and 2
workers back to back, --repeat times (other work on the machine shifts single runs), and
checks that the imported rows hold what ``extract_article`` finds on the same pages.

    python benchmarks/warc_import.py --records 20000 --repeat 2 --record docs/benchmarks.md
    python benchmarks/warc_import.py --records 2000 --py-spy import.raw   # profile 1 worker
"""

from __future__ import annotations

import argparse
import json
import resource
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.ccnews_like import EVAL, eval_pages, write_warc  # noqa: E402
from benchmarks.markdown import load, machine, table, write_section  # noqa: E402

START, END = "<!-- warc-import:start -->", "<!-- warc-import:end -->"
PROFILE_START = "<!-- warc-import-profile:start -->"
PROFILE_END = "<!-- warc-import-profile:end -->"
#: CC-NEWS, assumed (not measured here): files a month x records a file.
MONTH_FILES, FILE_RECORDS = 450, 33_000


def peak_rss_mb() -> float:
    """This process's own peak resident size (``VmHWM``). Not ``ru_maxrss``: Linux carries
    that over an exec from the process that started this one, so an import started by a
    benchmark that had just read a large archive reported the benchmark's peak as its own."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # not Linux


def run_one(warc: Path, db: Path, workers: int) -> dict[str, Any]:
    """One import in this process (called in a fresh interpreter by :func:`timed_import`)."""
    from newscrawl.imports.run import run_import

    started = time.perf_counter()
    with open("/dev/null", "w") as sink:
        code = run_import(str(warc), str(db), workers=workers, quiet=True, out=sink)
    seconds = time.perf_counter() - started
    conn = sqlite3.connect(db)
    stored, records = conn.execute("SELECT articles, records FROM import_files").fetchone()
    distinct = conn.execute("SELECT count(*) FROM articles").fetchone()[0]
    conn.close()
    me, kids = (resource.getrusage(w) for w in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN))
    return {
        "code": code, "seconds": seconds, "stored": stored, "distinct": distinct,
        "records": records, "main_rss_mb": peak_rss_mb(),
        "worker_rss_mb": kids.ru_maxrss / 1024, "main_cpu": me.ru_utime + me.ru_stime,
        "workers_cpu": kids.ru_utime + kids.ru_stime,
    }  # fmt: skip


def timed_import(
    warc: Path, db: Path, workers: int, py_spy: Path | None = None, script: Path | None = None
) -> dict:
    """An import in a fresh interpreter (optionally under py-spy; ``script``: this benchmark
    in another checkout, to import with that checkout's code), its figures."""
    db.unlink(missing_ok=True)
    command = [sys.executable, str(script or __file__), "one", str(warc), str(db), str(workers)]
    if py_spy:
        spy = Path(sys.executable).parent / "py-spy"
        command = [str(spy) if spy.exists() else "py-spy", "record", "--subprocesses", "--format", "raw", "-r", "50",
                   "-o", str(py_spy), "--", *command]  # fmt: skip
    load_before = load()
    out = subprocess.run(command, check=True, capture_output=True, text=True).stdout
    result = json.loads(next(x for x in reversed(out.splitlines()) if x.startswith("{")))
    result.update(workers=workers, load=load_before.split("load average:")[-1].strip())
    return result


def reading(warc: Path) -> list[tuple[str, str, str]]:
    """FastWARC and warcio reading every page record's payload, back to back."""
    from fastwarc.warc import ArchiveIterator, WarcRecordType
    from warcio.archiveiterator import ArchiveIterator as WarcioIterator

    def fast() -> tuple[int, int]:
        n = size = 0
        types = WarcRecordType.response | WarcRecordType.resource | WarcRecordType.revisit
        with warc.open("rb") as stream:
            for record in ArchiveIterator(stream, record_types=types, parse_http=True):
                record.http_headers.get("Content-Type")
                size += len(record.reader.read())
                n += 1
        return n, size

    def slow() -> tuple[int, int]:
        n = size = 0
        with warc.open("rb") as stream:
            for record in WarcioIterator(stream):
                if record.rec_type in ("response", "resource", "revisit"):
                    record.http_headers.get_header("Content-Type")
                    size += len(record.content_stream().read())
                    n += 1
        return n, size

    rows = []
    for name, read in (("FastWARC", fast), ("warcio", slow), ("FastWARC", fast), ("warcio", slow)):
        started = time.perf_counter()
        n, size = read()
        took = time.perf_counter() - started
        rows.append((name, f"{n / took:,.0f}", f"{size / 1e6 / took:,.0f}"))
    return rows


def parity(db: Path) -> list[tuple[str, str, str]]:
    """Imported rows against ``extract_article`` on the same pages (the first round of URLs),
    field by field, and the aeb-dev body F1 of both (the benchmark's own metric)."""
    from newscrawl.extract import extract_article

    sys.path.insert(0, str(EVAL))
    import eval_body  # type: ignore[import-not-found]

    conn = sqlite3.connect(db)
    rows = {
        r[0]: r[1:]
        for r in conn.execute(
            "SELECT fetched_url, headline, body, published, authors FROM articles"
        )
    }
    conn.close()
    truth = json.loads((EVAL / "aeb-dev" / "ground-truth.json").read_text(encoding="utf-8"))
    aeb = {v["url"]: v["articleBody"] for v in truth.values()}
    same = {"headline": 0, "body": 0, "published": 0, "authors": 0}
    compared, gold, from_rows, from_extract = 0, [], [], []
    for url, html in eval_pages():
        if url not in rows:
            continue
        compared += 1
        fields = extract_article(html, url)
        row = rows[url]
        got = dict(zip(same, (row[0], row[1], row[2], json.loads(row[3])), strict=True))
        for key in same:
            same[key] += got[key] == fields[key]
        if url in aeb:
            gold.append(aeb[url])
            from_rows.append(row[1] or "")
            from_extract.append(fields["body"] or "")
    f1_rows = eval_body.evaluate(gold, from_rows, n_bootstrap=0)[0]["f1"]
    f1_extract = eval_body.evaluate(gold, from_extract, n_bootstrap=0)[0]["f1"]
    out = [(k, f"{v} / {compared}", "") for k, v in same.items()]
    out.append((f"aeb-dev body F1 ({len(gold)} pages)", f"{f1_rows:.4f}", f"{f1_extract:.4f}"))
    return out


#: (process, part, markers searched in a sample's stack), first match wins; samples whose
#: innermost frame waits (pipes, locks, select) are idle and left out.
_IDLE = ("_recv_bytes", "wait (threading", "poll (", "select (", "acquire", "sleep")
_PARTS = (
    ("worker", "start-up (imports)", ("_find_and_load",)),
    ("worker", "second opinions on unsure pages (trafilatura, htmldate)", ("fallbacks.py",)),
    ("worker", "HTML parsing (libxml2)", ("parse_html",)),
    ("worker", "layout walk (read_layout, zones)", ("read_layout",)),
    ("worker", "other page analysis (fields, structured data, kind)", ("analyze_page",)),
    ("worker", "ArticleLoader", ("load_article", "load_item", "add_value")),
    ("worker", "HTML decoding", ("decode_html",)),
    ("worker", "WARC reading (FastWARC, in the worker)", ("warcread.py",)),
    ("worker", "body signature", ("syndication/signature.py",)),
    ("worker", "validate, wire detection", ("pipelines/",)),
    ("worker", "outcomes out (pickle, pipes)", ("_send_bytes", "send (", "dumps (")),
    ("main", "WARC reading (FastWARC)", ("warcread.py",)),
    ("main", "store: story placement", ("store/stories.py", "store/story_index.py")),
    ("main", "store: article rows", ("save_article",)),
    ("main", "store: progress, commits", ("save_progress", "commit (")),
    ("main", "full-text index (one pass at the end)", ("store/fts.py",)),
    ("main", "outcomes in (unpickle, pipes)", ("_recv_bytes", "recv (", "loads (", "get (")),
    ("main", "start-up (imports)", ("_find_and_load",)),
)


def profile_parts(raw: Path) -> list[tuple[str, str, str]]:
    """A py-spy raw profile of an import as (process, part, share of its busy samples)."""
    counts: dict[tuple[str, str], int] = {}
    for line in raw.read_text(encoding="utf-8", errors="replace").splitlines():
        stack, _, n = line.rpartition(" ")
        process = "worker" if "spawn_main" in stack else "main"
        if any(m in stack.rsplit(";", 1)[-1] for m in _IDLE):
            continue
        part = next(
            (p for who, p, marks in _PARTS if who == process and any(m in stack for m in marks)),
            "other",
        )
        counts[process, part] = counts.get((process, part), 0) + int(n)
    busy = {w: sum(v for (p, _), v in counts.items() if p == w) for w in ("main", "worker")}
    ranked = sorted(counts.items(), key=lambda kv: (kv[0][0] != "worker", -kv[1]))
    return [(w, part, f"{100 * n / busy[w]:.1f}%") for (w, part), n in ranked]


def profile_section(args: argparse.Namespace, run: dict) -> str:
    """The docs/benchmarks.md section of a py-spy profile of a 1-worker import."""
    parts = table(("process", "part", "share of its busy samples"), profile_parts(args.py_spy))
    return "\n".join([
        PROFILE_START,
        "### Importing web archives: where the time goes (py-spy)",
        "",
        f"`{args.command_line}` on {machine()}, load before: {run['load']}. py-spy at 50 Hz "
        "over the importing process and its one worker; shares of each process's busy "
        "samples (a sample counts for the first part, top to bottom, whose marker is in its "
        "stack: `profile_parts` in the script). This run: "
        f"{run['records']:,} records, {run['stored']:,} articles stored, CPU "
        f"{run['workers_cpu']:.1f} s in the worker, {run['main_cpu']:.1f} s in the importing "
        "process (both slowed by py-spy).",
        "",
        parts,
        PROFILE_END,
    ])  # fmt: skip


def per_core(runs: list[dict]) -> list[str]:
    """Figures without the load, from CPU seconds: what a worker stores per second of its
    own CPU, and the 1 -> 2 worker speed-up an idle 2-core machine would give."""
    rows = []
    for r in runs:
        rows.append((
            r["workers"], f"{1000 * r['workers_cpu'] / r['records']:.2f}",
            f"{1000 * r['main_cpu'] / r['records']:.2f}",
            f"**{r['stored'] / r['workers_cpu']:.0f}**", f"{r['stored'] / r['main_cpu']:.0f}",
        ))  # fmt: skip
    pairs = zip(
        [r for r in runs if r["workers"] == 1], [r for r in runs if r["workers"] == 2], strict=True
    )
    idle = [
        max(a["workers_cpu"], a["main_cpu"])
        / max((b["workers_cpu"] + b["main_cpu"]) / 2, b["main_cpu"])
        for a, b in pairs
    ]
    cost = min((r["workers_cpu"] + r["main_cpu"]) / r["records"] for r in runs if r["workers"] == 2)
    head = ("workers", "worker CPU ms / record", "writer CPU ms / record",
            "stored articles per worker CPU-second", "stored articles per writer CPU-second")  # fmt: skip
    return [
        "Per core, from CPU seconds (`getrusage` of the workers and of the importing process; "
        "a worker never waits for input here, so on an idle core its CPU time is its wall "
        "time; CPU time on a loaded machine runs somewhat slow, as the cores' caches are "
        "shared, so these figures lean low):",
        "",
        table(head, rows),
        "",
        "1 -> 2 workers on an idle 2-core machine, predicted from the same pairs' CPU: one "
        "worker takes max(W1, M1), two take max((W2 + M2) / 2, M2) (W: the workers' CPU, "
        f"M: the writer's; both fully overlapped): {', '.join(f'{x:.2f}x' for x in idle)}.",
        "",
        f"A CC-NEWS month at that CPU cost on an idle 2-core machine with 2 workers: "
        f"{MONTH_FILES * FILE_RECORDS / 1e6:.1f} M records × {1000 * cost:.1f} ms of CPU a "
        f"record / 2 cores ≈ {MONTH_FILES * FILE_RECORDS * cost / 2 / 3600:.0f} h (same "
        "assumptions as above).",
    ]


def report(args: argparse.Namespace, size: int, runs: list[dict], reads: list, same: list) -> str:
    """The docs/benchmarks.md section."""
    head = ("workers", "wall s", "records/s", "stored articles/s", "CPU s main / workers",
            "peak RSS main + workers MB", "load (1, 5, 15 min) before")  # fmt: skip
    lines = []
    for r in runs:
        peak = r["main_rss_mb"] + r["workers"] * r["worker_rss_mb"]
        lines.append((
            r["workers"], f"{r['seconds']:.0f}", f"{r['records'] / r['seconds']:.0f}",
            f"**{r['stored'] / r['seconds']:.0f}**", f"{r['main_cpu']:.0f} / {r['workers_cpu']:.0f}",
            f"{r['main_rss_mb']:.0f} + {r['workers']} × {r['worker_rss_mb']:.0f} = {peak:.0f}",
            r["load"],
        ))  # fmt: skip
    one = [r for r in runs if r["workers"] == 1]
    two = [r for r in runs if r["workers"] == 2]
    ratios = [
        b["stored"] / b["seconds"] / (a["stored"] / a["seconds"])
        for a, b in zip(one, two, strict=True)
    ]
    best2 = max(r["records"] / r["seconds"] for r in two)
    month = MONTH_FILES * FILE_RECORDS
    last = runs[-1]
    return "\n".join([
        START,
        "## Importing web archives: a CC-NEWS-like WARC",
        "",
        f"`{args.command_line}` on {machine()}. The WARC: {args.records:,} records "
        f"({size / 1e6:,.0f} MB, per-record gzip) from the {len(eval_pages())} distinct shared "
        "eval pages repeated under varied hosts; a fifth are no article (section pages) or "
        f"not HTML (images, JSON, PDF). Each import starts from an empty archive; "
        f"{last['records']:,} records, {last['stored']:,} articles stored "
        f"({last['distinct']:,} distinct canonical URLs: some eval pages share one).",
        "",
        "Reading (every page record's payload, back to back; records/s, MB/s of payload):",
        "",
        table(("library", "records/s", "MB/s"), reads),
        "",
        "Imports, 1 and 2 workers back to back (other engineers' jobs share the 2 cores: see "
        "the load; CPU seconds tell the cost apart from the waiting):",
        "",
        table(head, lines),
        "",
        f"1 -> 2 workers: {', '.join(f'{x:.2f}x' for x in ratios)} (same-round pairs, "
        "wall clock at the load shown).",
        "",
        *per_core(runs),
        "",
        f"A CC-NEWS month, extrapolated: assuming {MONTH_FILES} files × {FILE_RECORDS:,} "
        f"records = {month / 1e6:.1f} M records (not measured here: Common Crawl's listings "
        f"vary by month), at the best 2-worker rate above ({best2:,.0f} records/s, pages "
        f"of the eval sets' size and mix): {month / best2 / 3600:,.0f} h on this 2-core "
        "machine at that load; the pool scales with cores while the one writer's share is "
        "the main CPU above.",
        "",
        "Imported rows against `extract_article` on the same pages (1-worker archive):",
        "",
        table(("field", "equal / pages", "extract_article"), same),
        END,
    ])  # fmt: skip


def warc_arguments(doc: str | None, records: int, repeat: int) -> argparse.ArgumentParser:
    """The options of the WARC import benchmarks (this one and warc_speed.py)."""
    parser = argparse.ArgumentParser(description=(doc or "").split("\n\n")[0])
    parser.add_argument("--records", type=int, default=records)
    parser.add_argument("--repeat", type=int, default=repeat)
    parser.add_argument("--warc", type=Path, help="the WARC (built when missing)")
    parser.add_argument("--record", type=Path, help="write the results into this Markdown file")
    return parser


def the_warc(args: argparse.Namespace) -> Path:
    """--warc, or a CC-NEWS-like WARC of --records records in the temp folder; built when
    missing."""
    warc: Path = args.warc or Path(tempfile.gettempdir()) / f"ccnews-like-{args.records}.warc.gz"
    if not warc.exists():
        write_warc(warc, args.records)
    return warc


def main() -> None:
    if sys.argv[1:2] == ["one"]:
        print(json.dumps(run_one(Path(sys.argv[2]), Path(sys.argv[3]), int(sys.argv[4]))))
        return
    parser = warc_arguments(__doc__, records=20000, repeat=2)
    parser.add_argument("--py-spy", type=Path, help="only profile a 1-worker import (raw)")
    args = parser.parse_args()
    args.command_line = "python benchmarks/warc_import.py " + " ".join(sys.argv[1:])
    warc = the_warc(args)
    with tempfile.TemporaryDirectory() as tmp:
        if args.py_spy:
            section = profile_section(args, timed_import(warc, Path(tmp) / "p.db", 1, args.py_spy))
            print(section)
            if args.record:
                write_section(args.record, PROFILE_START, PROFILE_END, section)
            return
        reads = reading(warc)
        print(table(("library", "records/s", "MB/s"), reads))
        runs = []
        for _ in range(args.repeat):
            for workers in (1, 2):
                runs.append(timed_import(warc, Path(tmp) / f"w{workers}.db", workers))
                print(runs[-1], flush=True)
        same = parity(Path(tmp) / "w1.db")
        section = report(args, warc.stat().st_size, runs, reads, same)
    print(section)
    if args.record:
        write_section(args.record, START, END, section)


if __name__ == "__main__":
    main()
