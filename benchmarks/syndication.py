"""Syndication benchmark: grouping quality on labelled generated streams, and import scale.

    python benchmarks/syndication.py quality [--articles 10000] [--seeds 1 7 8] [--compare]
    python benchmarks/syndication.py scale [--sizes 2000 20000 100000] [--workers 1]

Quality groups the articles in memory with the archive's own rules (same keys, same
candidate limits, same test) in shuffled arrival order, and reports pairwise precision,
recall and F1 against the generator's labels. ``--compare`` also scores other methods on
the same candidate pairs. Scale writes N generated records to a JSON-lines file, runs
``newscrawl import`` on it (a subprocess, timed end to end, peak RSS of the process tree
sampled from /proc, CPU seconds of the import and its workers), then scores the grouping
stored in SQLite.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import resource
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
import zlib
from collections import Counter, defaultdict
from collections.abc import Callable, Sequence
from itertools import combinations
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # run as a script from anywhere

from benchmarks.generators.syndication import Generator, Label, labelled  # noqa: E402
from newscrawl.syndication.copies import copy_flags  # noqa: E402
from newscrawl.syndication.evaluate import (  # noqa: E402
    PairScores,
    group,
    group_signatures,
    key_pairs,
    pairwise,
)
from newscrawl.syndication.grouping import LEAD_THRESHOLD, PART_THRESHOLD, same_story  # noqa: E402
from newscrawl.syndication.signature import Signature, signature, story_paragraphs  # noqa: E402
from newscrawl.syndication.wire import UNKNOWN_WIRE, detect_wire  # noqa: E402


# -- methods compared --------------------------------------------------------------------------
def v1_fingerprint(body: str) -> frozenset[int]:
    """The foundation's first version: crc32 of word 5-grams, kept when divisible by 4."""
    words = re.findall(r"\w+", re.sub(r"^[^\n]{0,80}?[—–-]{1,2}\s", "", body.strip()).lower())
    grams = (" ".join(words[i : i + 5]) for i in range(len(words) - 4))
    return frozenset(h for g in grams if (h := zlib.crc32(g.encode())) % 4 == 0)


def simhash(sig: Signature) -> int:
    """64-bit SimHash of the shingle set."""
    hashes = np.array(sorted(sig.shingles), dtype=np.uint64)
    if not len(hashes):
        return 0
    spread = hashes * np.uint64(0x9E3779B97F4A7C15)
    bits = (spread[:, None] >> np.arange(64, dtype=np.uint64)) & np.uint64(1)
    votes = bits.sum(axis=0) * 2 > len(hashes)
    return int(sum(1 << i for i, v in enumerate(votes) if v))


def lead_hash(body: str, words: int = 40) -> int:
    """Hash of the first words after dateline and notes (a lead-paragraph fingerprint)."""
    paragraphs, _ = story_paragraphs(body)
    tokens = re.findall(r"\w+", " ".join(paragraphs).lower())[:words]
    return zlib.crc32(" ".join(tokens).encode()) if len(tokens) >= 10 else -len(body)


def lead_parts_only(a: Signature, b: Signature) -> bool:
    """Our test without the order and position checks (every part found, 0.6 overall)."""

    def one_way(x: Signature, y: Signature) -> float:
        found = total = 0
        for part in x.lead_parts:
            hit = len(part & y.shingles)
            if hit < PART_THRESHOLD * len(part):
                return 0.0
            found, total = found + hit, total + len(part)
        return found / total if total and found >= 8 else 0.0

    return max(one_way(a, b), one_way(b, a)) >= LEAD_THRESHOLD


def methods(
    bodies: Sequence[str], sigs: Sequence[Signature]
) -> dict[str, Callable[[int, int], bool]]:
    """Each compared method as a pairwise test over article indexes."""
    v1 = [v1_fingerprint(b) for b in bodies]
    sims = [simhash(s) for s in sigs]
    leads = [lead_hash(b) for b in bodies]

    def jaccard(i: int, j: int) -> float:
        a, b = sigs[i].shingles, sigs[j].shingles
        return len(a & b) / len(a | b) if a or b else 0.0

    def containment(i: int, j: int) -> float:
        a, b = sigs[i].shingles, sigs[j].shingles
        return len(a & b) / min(len(a), len(b)) if a and b else 0.0

    def v1_test(i: int, j: int) -> bool:
        shared = len(v1[i] & v1[j])
        return shared >= 4 and shared / min(len(v1[i]), len(v1[j])) >= 0.5

    return {
        "v1 (foundation): 5-gram crc32 mod 4, containment >= 0.5": v1_test,
        "Jaccard >= 0.5 (exact; ceiling of MinHash LSH)": lambda i, j: jaccard(i, j) >= 0.5,
        "Jaccard >= 0.3 (exact)": lambda i, j: jaccard(i, j) >= 0.3,
        "Containment >= 0.5 (exact; ceiling of LSH Ensemble)": lambda i, j: (
            containment(i, j) >= 0.5
        ),
        "Containment >= 0.7 (exact)": lambda i, j: containment(i, j) >= 0.7,
        "SimHash 64-bit, Hamming <= 3": lambda i, j: bin(sims[i] ^ sims[j]).count("1") <= 3,
        "SimHash 64-bit, Hamming <= 10": lambda i, j: bin(sims[i] ^ sims[j]).count("1") <= 10,
        "Lead fingerprint (first 40 words equal)": lambda i, j: leads[i] == leads[j],
        "Lead parts, no order/position check": lambda i, j: lead_parts_only(sigs[i], sigs[j]),
        "Lead parts in order near the top (chosen)": lambda i, j: same_story(sigs[i], sigs[j]),
    }


def compare(items: list[tuple[dict, Label]]) -> list[tuple[str, PairScores]]:
    """Every method on the same candidate pairs: our key pairs plus all pairs of one event."""
    bodies = [r["body"] for r, _ in items]
    sigs = [signature(b) for b in bodies]
    truth = [lab.story for _, lab in items]
    by_event: dict[str, list[int]] = defaultdict(list)
    for i, (_, lab) in enumerate(items):
        by_event[lab.event or lab.story].append(i)
    pairs = set(key_pairs(sigs)) | {p for ids in by_event.values() for p in combinations(ids, 2)}
    ordered = sorted(pairs)
    return [
        (name, pairwise(group(len(items), ordered, test), truth))
        for name, test in methods(bodies, sigs).items()
    ]


# -- quality ------------------------------------------------------------------------------------
def quality(seed: int, articles: int) -> tuple[PairScores, dict[str, float]]:
    """Pairwise scores of the archive's grouping rules on one generated, shuffled set, with
    wire detection and copy-flag agreement (flags computed on the true stories)."""
    items = labelled(seed, articles)
    sigs = [signature(r["body"]) for r, _ in items]
    labels = group_signatures(sigs)
    truth = [lab.story for _, lab in items]
    sizes = Counter(truth)
    info: dict[str, float] = {
        "articles": articles,
        "stories": len(sizes),
        "stories_with_copies": sum(1 for n in sizes.values() if n > 1),
        "wire_copies": sum(1 for _, lab in items if lab.wire and not lab.is_wire_page),
    }
    wire = [(detect_wire(r["byline"], r["body"]), lab.wire) for r, lab in items]
    info["wire_articles"] = sum(1 for _, w in wire if w)
    info["wire_right"] = sum(1 for g, w in wire if w and g == w)
    info["wire_unnamed"] = sum(1 for g, w in wire if w and g == UNKNOWN_WIRE)
    info["wire_missed"] = sum(1 for g, w in wire if w and g is None)
    info["wire_wrong"] = sum(1 for g, w in wire if g and g != UNKNOWN_WIRE and g != w)
    info.update(flag_agreement(items, sigs))
    backwards = group_signatures(sigs[::-1])[::-1]
    info["same_grouping_reversed"] = pairwise(backwards, labels).f1
    return pairwise(labels, truth), info


def flag_agreement(items: list[tuple[dict, Label]], sigs: list[Signature]) -> dict[str, float]:
    """Share of copies whose truncated / headline_changed / text_added flag matches the label."""
    members: dict[str, list[int]] = defaultdict(list)
    for i, (_, lab) in enumerate(items):
        members[lab.story].append(i)
    hits: Counter[str] = Counter()
    copies = 0
    for ids in members.values():
        originals = [i for i in ids if items[i][1].is_wire_page]
        if len(ids) < 2 or not originals:
            continue
        flags = copy_flags(
            [sigs[i] for i in ids], [items[i][0]["headline"] for i in ids], ids.index(originals[0])
        )
        for i, f in zip(ids, flags, strict=True):
            lab = items[i][1]
            if lab.is_wire_page:
                continue
            copies += 1
            hits["truncated"] += f.truncated == lab.truncated
            hits["headline_changed"] += f.headline_changed == lab.headline_changed
            hits["text_added"] += f.text_added == lab.text_added
    return {f"flag_{k}": v / max(copies, 1) for k, v in hits.items()}


# -- scale --------------------------------------------------------------------------------------
def _tree_rss(root: int) -> int:
    """Resident memory (bytes) of a process and all its descendants."""
    children: dict[int, list[int]] = defaultdict(list)
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                stat = Path(f"/proc/{entry}/stat").read_text()
            except OSError:
                continue
            ppid = int(stat.rsplit(")", 1)[1].split()[1])
            children[ppid].append(int(entry))
    total, todo = 0, [root]
    while todo:
        pid = todo.pop()
        todo += children.get(pid, [])
        try:
            for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1]) * 1024
        except OSError:
            pass
    return total


def write_records(path: Path, seed: int, articles: int) -> tuple[dict[str, str], float]:
    """Generate ``articles`` records into a JSON-lines file; URL -> story, mean words."""
    truth: dict[str, str] = {}
    words = 0
    with path.open("w", encoding="utf-8") as out:
        for record, label in Generator(seed).records(articles):
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
            truth[record["url"]] = label.story
            words += len(record["body"].split())
    return truth, words / max(articles, 1)


def scale_run(articles: int, workers: int, tmp: Path, seed: int = 100) -> dict[str, float]:
    """One end-to-end ``newscrawl import`` of ``articles`` generated records."""
    src, db = tmp / f"scale-{articles}.jsonl", tmp / f"scale-{articles}.db"
    for stale in tmp.glob(f"scale-{articles}.db*"):
        stale.unlink()
    truth, mean_words = write_records(src, seed, articles)
    cmd = [sys.executable, "-m", "newscrawl.cli", "import", str(src), "--db", str(db)]
    cmd += ["--workers", str(workers)]
    load = os.getloadavg()[0]
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    proc = subprocess.Popen(cmd, stderr=subprocess.PIPE, text=True, cwd=ROOT)
    peak = 0
    done = threading.Event()

    def sample() -> None:
        nonlocal peak
        while not done.is_set():
            peak = max(peak, _tree_rss(proc.pid))
            done.wait(0.5)

    sampler = threading.Thread(target=sample)
    sampler.start()
    _, err = proc.communicate()
    seconds = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)  # the import and its workers
    cpu = after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime
    done.set()
    sampler.join()
    if proc.returncode != 0:
        raise SystemExit(f"import failed ({proc.returncode}):\n{err}")
    conn = sqlite3.connect(db)
    stored = dict(conn.execute("SELECT url, story_id FROM articles"))
    conn.close()
    urls = list(truth)
    scores = pairwise([stored[u] for u in urls], [truth[u] for u in urls])
    src.unlink()
    rate = re.search(r"\(([\d,]+) lines/s\)", err)
    return {
        "articles": articles,
        "seconds": seconds,
        "per_second": articles / seconds,
        "import_lines_per_second": float(rate[1].replace(",", "")) if rate else 0.0,
        "ms_per_article": 1000 * seconds / articles,
        "cpu_seconds": cpu,
        "cpu_ms_per_article": 1000 * cpu / articles,
        "peak_rss_mb": peak / 2**20,
        "db_mb": sum(p.stat().st_size for p in tmp.glob(f"scale-{articles}.db*")) / 2**20,
        "mean_words": mean_words,
        "f1": scores.f1,
        "precision": scores.precision,
        "recall": scores.recall,
        "load_before": load,
        "load_after": os.getloadavg()[0],
    }


def machine() -> str:
    """CPU, cores, Python and SQLite versions."""
    cpu = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        ),
        platform.processor(),
    )
    return (
        f"{cpu}, {os.cpu_count()} cores, Python {platform.python_version()}, "
        f"SQLite {sqlite3.sqlite_version}"
    )


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    sub = parser.add_subparsers(dest="what", required=True)
    q = sub.add_parser("quality")
    q.add_argument("--articles", type=int, default=10000)
    q.add_argument("--seeds", type=int, nargs="+", default=[1, 7, 8])
    q.add_argument("--compare", action="store_true")
    s = sub.add_parser("scale")
    s.add_argument("--sizes", type=int, nargs="+", default=[2000, 20000, 100000])
    s.add_argument("--workers", type=int, default=1)
    s.add_argument("--tmp", type=Path, default=None)
    args = parser.parse_args(argv)
    print(f"machine: {machine()}; load average {os.getloadavg()[0]:.2f}")
    if args.what == "quality":
        for seed in args.seeds:
            scores, info = quality(seed, args.articles)
            shown = {k: round(v, 4) for k, v in info.items()}
            print(
                f"seed {seed}: {shown} P={scores.precision:.4f} R={scores.recall:.4f} "
                f"F1={scores.f1:.4f} (true pairs {scores.true_pairs}, "
                f"predicted {scores.predicted_pairs})",
                flush=True,
            )
            if args.compare:
                for name, sc in compare(labelled(seed, args.articles)):
                    print(f"  | {name} | {sc.precision:.4f} | {sc.recall:.4f} | {sc.f1:.4f} |")
        return 0
    with tempfile.TemporaryDirectory(dir=args.tmp) as tmp:
        for size in args.sizes:
            row = scale_run(size, args.workers, Path(tmp))
            print(json.dumps({k: round(v, 4) for k, v in row.items()}), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
