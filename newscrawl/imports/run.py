"""``newscrawl import FILE|DIR|GLOB …``: JSON lines and web archives, told apart by content."""

from __future__ import annotations

import glob
import os
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from tqdm import tqdm

from newscrawl import settings
from newscrawl.imports.filters import FilterError, build_filters
from newscrawl.imports.jsonl import counts, import_jsonl, story_line, summary_lines
from newscrawl.imports.pool import bulk_collection, start_pool
from newscrawl.imports.warc import Options, WarcImport, WarcResult, start_worker
from newscrawl.imports.warcread import Limits, sniff
from newscrawl.store import Archive

_MAX_PROBLEMS = 50


class InputError(ValueError):
    """An input that cannot be imported (missing, neither WARC nor JSON lines)."""


def input_files(specs: Sequence[str]) -> list[tuple[Path | str, str]]:
    """(file, kind) for each FILE, every file under a DIR, every match of a GLOB; kind is
    'jsonl' or a :func:`~newscrawl.imports.warcread.sniff` kind, read from the content.
    Files of a directory that are neither are passed over; given by name, they are errors."""
    found: list[tuple[Path | str, str]] = []
    for spec in specs:
        if spec == "-":
            found.append(("-", "jsonl"))
            continue
        path = Path(spec)
        if path.is_dir():
            inside = sorted(
                p for p in path.rglob("*") if p.is_file() and not p.name.startswith(".")
            )
            kinds = [(p, _kind(p)) for p in inside if p.stat().st_size]
            if not any(kind for _, kind in kinds):
                raise InputError(f"{spec} is a directory without WARC or JSON-lines files")
            found += [(p, kind) for p, kind in kinds if kind]
            continue
        paths = [path] if path.is_file() else [Path(p) for p in sorted(glob.glob(spec))]
        if not paths:
            raise InputError(f"no such file: {spec}")
        for p in paths:
            if p.is_dir() or not p.stat().st_size:
                raise InputError(f"{p} is {'a directory' if p.is_dir() else 'empty'}: "
                                 "pass WARC or JSON-lines files")  # fmt: skip
            kind = _kind(p)
            if kind is None:
                raise InputError(f"{p}: not JSON lines and not a WARC file")
            found.append((p, kind))
    return found


def _kind(path: Path) -> str | None:
    """The format of a file, from its first bytes: a WARC kind, 'jsonl' or None."""
    with path.open("rb") as stream:
        head = stream.read(4096)
    if b"\x00" not in head and head.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"{"):
        return "jsonl"
    return sniff(path)


@dataclass
class Job:
    """One ``newscrawl import`` run's settings."""

    workers: int
    options: Options
    progress: bool
    quiet: bool
    out: IO[str]


def _import_warcs(
    files: list[tuple[Path, str]], archive: Archive, job: Job
) -> tuple[WarcResult, float]:
    """Import the WARC files with one pool of workers; this process reads and stores."""
    started = time.perf_counter()
    pool = start_pool(job.workers, start_worker, (job.options,)) if job.workers else None
    if pool is None:
        start_worker(job.options)
    total = sum(p.stat().st_size for p, _ in files)
    bar = tqdm(total=total, unit="B", unit_scale=True, desc="import") if job.progress else None
    importer = WarcImport(archive, job.options, pool)
    try:
        for path, kind in files:

            def advance(n: int) -> None:
                if bar is not None:
                    _postfix(bar, importer.result, started)
                    bar.update(n)

            importer.run(path, kind, advance)
    finally:
        if pool is not None:
            pool.terminate()
        if bar is not None:
            bar.close()
    return importer.result, time.perf_counter() - started


def _postfix(bar: Any, result: WarcResult, started: float) -> None:
    s = result.stats
    stored = s["newscrawl/articles/new"] + s["newscrawl/articles/updated"]
    stored += s["newscrawl/articles/unchanged"]
    rate = result.records / max(time.perf_counter() - started, 1e-9)
    bar.set_postfix(
        records=result.records,
        articles=stored,
        skipped=sum(v for k, v in s.items() if k.startswith("newscrawl/import/skipped/")),
        rec_s=f"{rate:.0f}",
        refresh=False,
    )


def warc_summary(result: WarcResult, seconds: float, archive: Archive) -> list[str]:
    """The end-of-import summary of the WARC files."""
    s = result.stats
    skipped = counts(s, "newscrawl/import/skipped/")
    rate = result.records / seconds if seconds else 0.0
    stored = s["newscrawl/articles/new"] + s["newscrawl/articles/updated"]
    out = [
        f"{result.files} WARC files ({result.resumed} resumed, {result.already} already "
        f"imported): {result.records} page records in {seconds:.1f} s ({rate:,.0f} records/s, "
        f"{stored / seconds if seconds else 0:,.0f} stored articles/s)",
        f"{s['newscrawl/articles/new']} new, {s['newscrawl/articles/updated']} updated, "
        f"{s['newscrawl/articles/unchanged']} unchanged, {sum(skipped.values())} skipped",
        story_line(s, archive),
    ]
    if skipped:
        out.append("skipped: " + ", ".join(f"{k} {v}" for k, v in sorted(skipped.items())))
    return out


def _import_all(files: list[tuple[Path | str, str]], archive: Archive, job: Job) -> bool:
    """Import every file; True when none had a broken or malformed record."""
    clean = True
    problems: list[str] = []
    summary: list[str] = []
    with archive.bulk_load():  # new articles are indexed a batch at a time
        for path, kind in files:
            if kind == "jsonl":
                result = import_jsonl(
                    path, archive, job.progress, job.options.min_body_chars, job.workers,
                    job.options.filters,
                )  # fmt: skip
                problems += [f"{path} {p}" for p in result.problems]
                summary += [f"{path}:", *summary_lines(result, archive)]
                clean = clean and not result.malformed
        warcs = [(Path(p), k) for p, k in files if k != "jsonl"]
        if warcs:
            warc, seconds = _import_warcs(warcs, archive, job)
            problems += warc.problems
            summary += warc_summary(warc, seconds, archive)
            clean = clean and not warc.problems
    for problem in problems[:_MAX_PROBLEMS]:
        job.out.write(problem + "\n")
    if len(problems) > _MAX_PROBLEMS:
        job.out.write(f"... and {len(problems) - _MAX_PROBLEMS} more\n")
    if not job.quiet:
        job.out.write("\n".join(summary) + "\n")
    return clean


def run_import(
    paths: str | Sequence[str],
    db: str,
    *,
    batch_size: int = 5000,
    quiet: bool = False,
    workers: int | None = None,
    cache_mb: int = 256,
    site: str | None = None,
    since: str | None = None,
    until: str | None = None,
    lang: str | None = None,
    max_record_mb: int = 64,
    out: IO[str] = sys.stderr,
) -> int:
    """The ``newscrawl import`` command: 0 when every record was imported or skipped by
    rule, 1 when some were broken or malformed, 2 when the input cannot be used.

    ``batch_size`` articles (or 30 s) make one transaction: each commit writes every index
    key its articles changed, so a key shared by many articles is written once a batch
    (5000 instead of 1000: -3% of the importing process's instructions at 5,000 articles)."""
    try:
        files = input_files([paths] if isinstance(paths, str) else paths)
        filters, sites = build_filters(site, since, until, lang)
    except (InputError, FilterError) as exc:
        out.write(f"newscrawl import: {exc}\n")
        return 2
    limit = max_record_mb << 20
    options = Options(filters=filters, sites=tuple(sites), limits=Limits(limit, max(limit // 2, 1)))
    job = Job(
        os.cpu_count() or 1 if workers is None else workers,
        options,
        not quiet and out.isatty(),
        quiet,
        out,
    )
    archive = Archive.open(
        db,
        batch_size=batch_size,
        batch_seconds=30.0,
        syndication_threshold=settings.NEWSCRAWL_SYNDICATION_THRESHOLD,
    )
    archive.conn.execute(f"PRAGMA cache_size = -{cache_mb * 1024}")  # index pages stay hot
    try:
        with bulk_collection():
            clean = _import_all(files, archive, job)
    finally:
        archive.close()
    return 0 if clean else 1
