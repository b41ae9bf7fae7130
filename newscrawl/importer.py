"""``newscrawl import``: load article records (JSON lines) through the crawl's pipelines."""

from __future__ import annotations

import json
import sys
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any
from urllib.parse import urlsplit

from scrapy.exceptions import DropItem
from tqdm import tqdm

from newscrawl import settings
from newscrawl.extract.bylines import parse_byline
from newscrawl.items import Article
from newscrawl.loaders import ArticleLoader
from newscrawl.pipelines.store import StorePipeline
from newscrawl.pipelines.syndication import SyndicationPipeline
from newscrawl.pipelines.validate import ValidatePipeline
from newscrawl.store import Archive
from newscrawl.store.archive import now_iso
from newscrawl.syndication.wire import detect_wire

#: Record keys that are the archive's business, not the file's (ids of another database).
_IGNORED = {"story_id", "fingerprint"}
_FIELDS = set(Article.fields) - _IGNORED


class Stats(Counter[str]):
    """The crawl stats interface the pipelines use (``inc_value``)."""

    def inc_value(self, key: str, count: int = 1, start: int = 0) -> None:
        self[key] = self.get(key, start) + count


@dataclass
class ImportResult:
    """What one import did."""

    lines: int = 0
    stats: Stats = field(default_factory=Stats)
    problems: list[str] = field(default_factory=list)  # "line N: why"
    seconds: float = 0.0

    @property
    def malformed(self) -> int:
        """Lines that were not article records."""
        return self.stats["newscrawl/import/malformed"]


def article_item(record: dict[str, Any], fetched_at: str) -> Article:
    """A record cleaned like a crawled page: loader chains, authors from the byline, site."""
    values = {k: v for k, v in record.items() if k in _FIELDS and v not in (None, "", [])}
    loader = ArticleLoader(site_name=values.get("site_name"))
    loader.add_value(None, values)
    item = loader.load_item()
    if not item.get("site") and item.get("url"):
        item["site"] = (urlsplit(item["url"]).hostname or "").removeprefix("www.") or None
    if not item.get("authors") and item.get("byline"):
        item["authors"] = parse_byline(item["byline"]).authors
    if not item.get("wire_source"):  # the raw byline may be a CMS handle the loader drops
        raw = record.get("byline") if isinstance(record.get("byline"), str) else None
        item["wire_source"] = detect_wire(
            item.get("byline"),
            item.get("body"),
            handle=raw,
            links=[item.get("canonical_url")],
            site=item.get("site"),
        )
    item.setdefault("fetched_at", fetched_at)
    return item


def _lines(stream: IO[bytes], bar: tqdm | None) -> Iterator[tuple[int, bytes]]:
    for number, line in enumerate(stream, start=1):
        if bar is not None:
            bar.update(len(line))
        yield number, line


def import_jsonl(
    path: str | Path,
    archive: Archive,
    progress: bool = False,
    min_body_chars: int = settings.NEWSCRAWL_MIN_BODY_CHARS,
) -> ImportResult:
    """Send every record of a JSON-lines file through validate -> syndication -> store."""
    result = ImportResult()
    validate = ValidatePipeline(result.stats, min_body_chars)
    syndication = SyndicationPipeline(result.stats)
    store = StorePipeline(archive, result.stats)
    fetched_at = now_iso()
    started = time.perf_counter()
    stream = sys.stdin.buffer if str(path) == "-" else open(path, "rb")  # noqa: SIM115
    size = None if str(path) == "-" else Path(path).stat().st_size
    bar = tqdm(total=size, unit="B", unit_scale=True, desc="import") if progress else None
    try:
        for number, line in _lines(stream, bar):
            result.lines = number
            if not line.strip():
                continue
            problem = _import_line(line, fetched_at, (validate, syndication, store), result)
            if problem:
                result.problems.append(f"line {number}: {problem}")
        store.close_spider()
    finally:
        if bar is not None:
            bar.close()
        if stream is not sys.stdin.buffer:
            stream.close()
    result.seconds = time.perf_counter() - started
    return result


def _import_line(
    line: bytes,
    fetched_at: str,
    pipelines: tuple[ValidatePipeline, SyndicationPipeline, StorePipeline],
    result: ImportResult,
) -> str | None:
    """Import one line; the reason it was skipped, or None."""
    try:
        record = json.loads(line)
    except ValueError as exc:
        result.stats.inc_value("newscrawl/import/malformed")
        return f"not JSON ({exc})"
    if not isinstance(record, dict):
        result.stats.inc_value("newscrawl/import/malformed")
        return "not a JSON object"
    try:
        item: Any = article_item(record, fetched_at)
        for pipeline in pipelines:
            item = pipeline.process_item(item)
    except DropItem as exc:
        return f"dropped: {exc}"
    except Exception as exc:  # a bad value must not stop a bulk load
        result.stats.inc_value("newscrawl/import/malformed")
        return f"{type(exc).__name__}: {exc}"
    return None


def summary_lines(result: ImportResult, archive: Archive) -> list[str]:
    """The end-of-import summary."""
    s = result.stats
    dropped = {k.rsplit("/", 1)[1]: v for k, v in s.items() if k.startswith("newscrawl/dropped/")}
    stories, multi = archive.conn.execute(
        "SELECT count(*), coalesce(sum(copies > 1), 0) FROM stories"
    ).fetchone()
    rate = result.lines / result.seconds if result.seconds else 0.0
    out = [
        f"{result.lines} lines in {result.seconds:.1f} s ({rate:,.0f} lines/s): "
        f"{s['newscrawl/articles/new']} new, {s['newscrawl/articles/updated']} updated, "
        f"{s['newscrawl/articles/unchanged']} unchanged, {sum(dropped.values())} dropped, "
        f"{result.malformed} malformed",
        f"{s['newscrawl/syndication/wire_copies']} wire copies; archive: {stories} stories, "
        f"{multi} with several copies",
    ]
    if dropped:
        out.append("dropped: " + ", ".join(f"{k} {v}" for k, v in sorted(dropped.items())))
    return out


def run_import(
    path: str, db: str, batch_size: int = 1000, quiet: bool = False, out: IO[str] = sys.stderr
) -> int:
    """The ``newscrawl import`` command: 0 when every line was imported or dropped by rule."""
    if path != "-" and not Path(path).is_file():
        out.write(f"newscrawl import: no such file: {path}\n")
        return 2
    archive = Archive.open(db, batch_size=batch_size, batch_seconds=30.0)
    try:
        result = import_jsonl(path, archive, progress=not quiet and out.isatty())
        for problem in result.problems[:50]:
            out.write(problem + "\n")
        if len(result.problems) > 50:
            out.write(f"... and {len(result.problems) - 50} more\n")
        if not quiet:
            out.write("\n".join(summary_lines(result, archive)) + "\n")
    finally:
        archive.close()
    return 1 if result.malformed else 0
