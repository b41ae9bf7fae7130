"""What trafilatura is given as the second opinion: smaller inputs, their speed and quality.

trafilatura's time grows with the page; each variant hands it less of the page on the pages
newscrawl is unsure of, and is scored like any extraction change: newscrawl's body F1 and
empty pages on every body set (the eval scripts of ../shared/eval; the anchors run no
newscrawl code, so the margin over them moves as these figures), plus trafilatura's CPU
seconds over a CC-NEWS-like WARC's records in one process.

Variants (``--variant``, repeatable):
  page            the page as today (main)
  walked          our tree after the layout walk (invisible elements stripped), serialized
  walked-ZONES    the same without the layout's zones ZONES (comma-separated; 'all': every
                  boilerplate zone), e.g. walked-hidden,ad
  region-K        trafilatura's own parse of the page cut to our body container K levels up

    python benchmarks/second_opinion_inputs.py --warc /tmp/cc2k.warc.gz \\
        --variant page --variant walked-all --variant region-3
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from copy import deepcopy
from pathlib import Path
from typing import Any

from lxml import etree

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import newscrawl.extract.article as article  # noqa: E402
import newscrawl.extract.fallbacks as fallbacks  # noqa: E402
from benchmarks.markdown import machine, table  # noqa: E402
from newscrawl.extract import extract_article as _extract_article  # noqa: E402
from newscrawl.extract.layout import Layout  # noqa: E402
from newscrawl.extract.merge import BlockIndex  # noqa: E402
from newscrawl.extract.zones import DROPPED_ZONES  # noqa: E402

EVAL = ROOT.parent / "shared" / "eval"
BODY_SETS = ("aeb-dev", "fundus-dev-body")
SNIPPET_SET = "trafeval-dev"
ENV = "NEWSCRAWL_SECOND_OPINION_INPUT"


def _walked(layout: Layout, zones: frozenset[str]) -> str | None:
    """The walked tree without the elements of ``zones``, serialized (None: no text)."""
    if not layout.blocks:
        return None
    root = layout.blocks[0].element.getroottree().getroot()
    dropped = {el for el, zone in layout.zoned.items() if zone in zones}
    copy = deepcopy(root)
    for el in [twin for el, twin in zip(root.iter(), copy.iter(), strict=True) if el in dropped]:
        parent = el.getparent()
        if parent is None:
            continue
        if el.tail:  # the text after the element stays
            before = el.getprevious()
            if before is not None:
                before.tail = (before.tail or "") + el.tail
            else:
                parent.text = (parent.text or "") + el.tail
        parent.remove(el)
    return etree.tostring(copy, method="html", encoding="unicode")


def _region(html: str, blocks: BlockIndex, up: int) -> Any:
    """trafilatura's parse of the page with only the branch ``up`` levels above our body's
    container left in ``<body>``."""
    from trafilatura.utils import load_html

    tree = load_html(html)
    container = blocks.body.container
    if tree is None or container is None:
        return html
    found = tree.xpath(container.getroottree().getpath(container))
    if not found:
        return tree
    el = found[0]
    for _ in range(up):
        parent = el.getparent()
        if parent is None or parent.tag in ("body", "html"):
            break
        el = parent
    while (parent := el.getparent()) is not None and parent.tag != "html":
        for sibling in list(parent):
            if sibling is not el:
                parent.remove(sibling)
        parent.text = None
        el = parent
    return tree


def input_for(variant: str) -> Callable[[str, BlockIndex], Any]:
    """What trafilatura gets under ``variant``, from the page and its layout."""
    if variant == "page":
        return lambda html, blocks: html
    if variant == "walked" or variant.startswith("walked-"):
        names = variant.removeprefix("walked").removeprefix("-")
        zones = DROPPED_ZONES if names == "all" else frozenset(filter(None, names.split(",")))
        return lambda html, blocks: _walked(blocks.layout, zones) or html
    if variant.startswith("region-"):
        up = int(variant.removeprefix("region-"))
        return lambda html, blocks: _region(html, blocks, up)
    raise SystemExit(f"unknown variant {variant!r}")


def install(variant: str) -> list[float]:
    """Route the second opinion through ``variant``; returns the list of its call times."""
    given = input_for(variant)
    other_body, settle_body = fallbacks.other_body, fallbacks.settle_body
    times: list[float] = []
    current: dict[str, BlockIndex] = {}

    def settle(html: str, ours: str, confidence: float, blocks: BlockIndex) -> Any:
        current["blocks"] = blocks
        return settle_body(html, ours, confidence, blocks)

    def other(html: str, *, recall: bool = False) -> str:
        started = time.process_time()
        text = other_body(given(html, current["blocks"]), recall=recall)
        times.append(time.process_time() - started)
        return text

    article.settle_body = settle  # type: ignore[assignment]
    fallbacks.other_body = other
    return times


def extract_article(html: str, url: str) -> dict[str, Any]:
    """``extract_article`` with the second opinion of the variant named in $ENV (for the
    eval scripts: ``-e benchmarks.second_opinion_inputs:extract_article``)."""
    return _extract_article(html, url)


if os.environ.get(ENV):
    install(os.environ[ENV])


def scores(variant: str, tmp: Path) -> list[str]:
    """newscrawl's F1 (and empty pages) on each body set under ``variant``."""
    cells = []
    env = {**os.environ, ENV: variant}
    spec = "benchmarks.second_opinion_inputs:extract_article"
    for name in (*BODY_SETS, SNIPPET_SET):
        script = "eval_snippets.py" if name == SNIPPET_SET else "eval_body.py"
        out = tmp / f"{variant}-{name}.json"
        args = [str(EVAL / script), "--data", str(EVAL / name), "-e", spec, "--json-out", str(out)]
        args += [] if name == SNIPPET_SET else ["--bootstrap", "0"]
        subprocess.run([sys.executable, *args], cwd=ROOT, env=env, check=True,
                       stdout=subprocess.DEVNULL)  # fmt: skip
        result = json.loads(out.read_text(encoding="utf-8"))["results"][0]
        empty = f", {result['empty']} empty" if result["empty"] else ""
        cells.append(f"{result['f1']:.4f}{empty}")
    return cells


def warc_seconds(variant: str, warc: Path) -> tuple[int, float]:
    """Calls of trafilatura and their CPU seconds over the WARC's records (a fresh process)."""
    code = (
        "import sys, json, gc\n"
        "from pathlib import Path\n"
        "from benchmarks.second_opinion_inputs import install\n"
        "from newscrawl.imports.warc import Options, PreparePages\n"
        "from newscrawl.imports.warcread import WarcReader\n"
        f"times = install({variant!r})\n"
        "options = Options(); worker = PreparePages(options); gc.freeze()\n"
        f"reader = WarcReader(Path({str(warc)!r}), 'warc.gz', options.limits, None)\n"
        "for page in reader.pages_between(0, None): worker(page)\n"
        "print(json.dumps([len(times), sum(times)]))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, check=True,
                         capture_output=True, text=True).stdout  # fmt: skip
    calls, seconds = json.loads(out.strip().splitlines()[-1])
    return calls, seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--variant", action="append", default=[])
    parser.add_argument("--warc", type=Path, help="time trafilatura over this WARC's records")
    args = parser.parse_args()
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for variant in args.variant or ["page"]:
            timing = ""
            if args.warc:
                calls, seconds = warc_seconds(variant, args.warc)
                timing = f"{seconds:.2f} ({calls} calls)"
            rows.append((variant, timing, *scores(variant, Path(tmp))))
            print(rows[-1], flush=True)
    print(f"\n{machine()}\n")
    head = ("trafilatura is given", "trafilatura CPU s", *BODY_SETS, SNIPPET_SET)
    print(table(head, rows))


if __name__ == "__main__":
    main()
