"""Where a crawl's time goes: a py-spy raw profile summed into the crawl path's parts.

    python benchmarks/crawl_real.py --py-spy crawl.raw      # sample a news crawl
    python benchmarks/profile_summary.py crawl.raw          # the table for docs/benchmarks.md

Each sample (every process of the crawl: the Scrapy process and its page-analysis workers)
is put in the first part whose marker occurs in its stack, innermost frame first; samples
of threads waiting (select, locks, pipes) count as idle and are left out of the shares.
"""

from __future__ import annotations

import argparse
from collections import Counter
from pathlib import Path

#: (part, markers searched in the stack), in order; the first match wins.
PARTS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("idle (select, locks, pipe waits)", ("select (", "wait (threading", "poll (", "_recv_bytes",
                                          "_recv (multiprocessing", "_wait (asyncio", "acquire")),
    ("link extraction (Scrapy LinkExtractor)", ("linkextractors",)),
    ("page analysis: links", ("page_links", "absolute_links")),
    ("page analysis: extraction", ("analyze_page", "extract_article", "load_item")),
    ("page analysis: loader", ("ArticleLoader", "load_article")),
    ("page analysis: the rest", ("analyze_response", "_in_worker", "_guarded")),
    ("pool IPC (pickling, pipes)", ("multiprocessing", "concurrent/futures")),
    ("store: articles and stories", ("save_article",)),
    ("store: crawl state", ("pagestate.py", "store/pages.py", "crawlstate.py")),
    ("pipelines: validate, wire", ("pipelines/",)),
    ("spider and frontier", ("spiders/news.py", "frontier/", "spiders/budget", "spiders/frontier")),
    ("Scrapy, Twisted, asyncio", ("scrapy/", "twisted/", "asyncio/")),
)  # fmt: skip


def summarize(path: Path) -> tuple[Counter[str], int]:
    """Samples per part, and the samples that were not idle."""
    parts: Counter[str] = Counter()
    for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
        stack, _, count = line.rpartition(" ")
        frames = stack.split(";")[1:]  # the first frame names the process
        text = ";".join(reversed(frames))
        for part, markers in PARTS:
            if any(m in text for m in markers) and (
                not part.startswith("idle") or any(m in frames[-1] for m in markers)
            ):
                parts[part] += int(count)
                break
        else:
            parts["other"] += int(count)
    busy = sum(parts.values()) - sum(v for k, v in parts.items() if k.startswith("idle"))
    return parts, busy


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("raw", type=Path, nargs="+", help="py-spy raw files")
    args = parser.parse_args()
    for path in args.raw:
        parts, busy = summarize(path)
        print(f"\n{path}: {busy} busy samples\n\n| part | share of busy time |\n|---|---|")
        for part, samples in parts.most_common():
            if not part.startswith("idle"):
                print(f"| {part} | {100 * samples / busy:.1f}% |")


if __name__ == "__main__":
    main()
