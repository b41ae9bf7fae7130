"""Extraction benchmark: newscrawl and the anchors on every dev set, in the same run.

Runs the shared evaluation scripts (``../shared/eval``) on every dev set: body text on
aeb-dev and fundus-dev-body (``eval_body.py``, with timings), must/must-not snippets on
trafeval-dev (``eval_snippets.py``), headline, authors and date on meta-dev and
fundus-dev-meta (``eval_meta.py``), each with the anchors (trafilatura, trafilatura
favor_precision, htmldate). Records newscrawl's figures in ``benchmarks/extraction.json``
(read by the quality gate ``tests/extract/test_quality.py``) and writes the Extraction
section of ``docs/benchmarks.md``; the figure that decides is the worst set's margin over
its best anchor.

    python benchmarks/extraction.py            # full run, updates the doc and the JSON
    python benchmarks/extraction.py --dry-run  # print the section only
    python benchmarks/extraction.py --dry-run --perturb names --perturb known
        # also every set with class/id words replaced (``benchmarks/perturb.py``): a
        # proxy for publishers whose markup names nothing we know
    python benchmarks/extraction.py --dry-run --perturb declared
        # also every set without its declared dates and JSON-LD: publishers that print
        # their dates but declare none
"""

from __future__ import annotations

import argparse
import gzip
import importlib.util
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from types import ModuleType
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.markdown import load, machine, table, write_section  # noqa: E402
from benchmarks.perturb import MODES, perturb  # noqa: E402

SHARED_EVAL = ROOT.parent / "shared" / "eval"
RESULTS = ROOT / "benchmarks" / "extraction.json"
DOC = ROOT / "docs" / "benchmarks.md"
START, END = "<!-- extraction:start -->", "<!-- extraction:end -->"
OURS = "newscrawl.extract:extract_article"
BODY_ANCHORS = ("trafilatura", "trafilatura-precision")
META_ANCHORS = ("trafilatura", "htmldate")
#: set -> (kind, script)
SETS = {
    "aeb-dev": ("body", "eval_body.py"),
    "fundus-dev-body": ("body", "eval_body.py"),
    "trafeval-dev": ("snippets", "eval_snippets.py"),
    "meta-dev": ("meta", "eval_meta.py"),
    "fundus-dev-meta": ("meta", "eval_meta.py"),
}
MARGIN = 0.01  # body F1 and date accuracy over the best anchor
HEADLINE = {"meta-dev": 0.85, "fundus-dev-meta": 0.80}
AUTHORS = {"meta-dev": 0.80}  # fundus-dev-meta: at least trafilatura's
SPEEDUP = 1.5


def load_module(path: Path) -> ModuleType:
    """Import an eval script as a module (for its metric helpers)."""
    spec = importlib.util.spec_from_file_location(path.stem, path)
    if spec is None or spec.loader is None:
        raise ImportError(path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def run_script(eval_dir: Path, name: str, out: Path, data: Path | None = None) -> dict[str, Any]:
    """Run the set's eval script for newscrawl and its anchors (on the pages in ``data``, by
    default the set's own); its JSON results."""
    kind, script = SETS[name]
    anchors = META_ANCHORS if kind == "meta" else BODY_ANCHORS
    flag = "--extractor" if kind == "meta" else "-e"
    data = data or eval_dir / name
    args = [str(eval_dir / script), "--data", str(data), "--json-out", str(out)]
    args += [a for spec in (OURS, *anchors) for a in (flag, spec)]
    if kind == "body":
        args += ["--bootstrap", "0"]
    subprocess.run([sys.executable, *args], cwd=ROOT, check=True, stdout=subprocess.DEVNULL)
    return dict(json.loads(out.read_text(encoding="utf-8")))


def cpu_speed(eval_dir: Path, name: str) -> dict[str, float]:
    """Pages per CPU-second of newscrawl and of trafilatura on a text set, both called through
    the set's eval script (same settings as its scoring run), page by page in turn in this one
    process, each call timed with ``time.process_time`` (CPU time: other sessions' load on
    the machine does not count, as it does in the scripts' wall-clock figures)."""
    script = load_module(eval_dir / SETS[name][1])
    loaded, _ = script.load_dataset(str(eval_dir / name))
    runners = {spec: script.resolve_extractor(spec)[0] for spec in (OURS, "trafilatura")}
    for run in runners.values():  # warm-up, as the scripts do
        run(loaded[0]["html"], loaded[0]["url"])
    cpu = dict.fromkeys(runners, 0.0)
    for page in loaded:
        for spec, run in runners.items():
            start = time.process_time()
            run(page["html"], page["url"])
            cpu[spec] += time.process_time() - start
    return {spec: len(loaded) / seconds for spec, seconds in cpu.items() if seconds > 0}


def text_figures(results: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """Per extractor: F1, empty pages, median ms and pages/s (body and snippet sets)."""
    figures = {}
    for res in results["results"]:
        name = res.get("spec") or res.get("name")
        figures[name] = {
            "version": res["version"],
            "f1": res["f1"],
            "empty": res["empty"],
            "median_ms": res["median_ms"],
            "pages_per_sec": res["pages_per_sec"],
        }
    return figures


def meta_figures(results: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """Per extractor: headline exact, author F1, date accuracy, median ms (meta sets)."""
    return {
        label: {
            "version": res["version"],
            "headline": res["headline"]["exact"],
            "authors": res["authors"]["set_f1"],
            "date": res["date"]["accuracy"],
            "median_ms": res["ms_per_page_median"],
        }
        for label, res in results["extractors"].items()
    }


def measure(eval_dir: Path) -> dict[str, dict[str, dict[str, Any]]]:
    """Every set's figures per extractor, one set after the other in this run."""
    figures = {}
    with tempfile.TemporaryDirectory() as tmp:
        for name, (kind, _script) in SETS.items():
            if not (eval_dir / name).is_dir():
                continue
            results = run_script(eval_dir, name, Path(tmp) / f"{name}.json")
            if kind == "meta":
                figures[name] = meta_figures(results)
                continue
            figures[name] = text_figures(results)
            for spec, pages_per_cpu_sec in cpu_speed(eval_dir, name).items():
                figures[name][spec]["pages_per_cpu_sec"] = pages_per_cpu_sec
    return figures


def perturbed_copy(source: Path, dest: Path, mode: str) -> Path:
    """A copy of the set in ``source`` at ``dest``, every page perturbed by ``mode``."""
    dest.mkdir(parents=True)
    for path in sorted(source.rglob("*")):
        target = dest / path.relative_to(source)
        if path.is_dir():
            target.mkdir(parents=True, exist_ok=True)
        elif path.name.endswith(".html.gz"):
            target.write_bytes(gzip.compress(perturb(gzip.decompress(path.read_bytes()), mode)))
        elif path.name.endswith(".html"):
            target.write_bytes(perturb(path.read_bytes(), mode))
        else:
            target.write_bytes(path.read_bytes())
    return dest


def measure_perturbed(
    eval_dir: Path, modes: list[str]
) -> dict[str, dict[str, dict[str, dict[str, Any]]]]:
    """Per perturbation mode, every set's figures per extractor (as :func:`measure`, speed
    left out) on the set's pages perturbed by that mode."""
    perturbed: dict[str, dict[str, dict[str, dict[str, Any]]]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        for mode in modes:
            perturbed[mode] = {}
            for name, (kind, _script) in SETS.items():
                if not (eval_dir / name).is_dir():
                    continue
                data = perturbed_copy(eval_dir / name, Path(tmp) / mode / name, mode)
                results = run_script(eval_dir, name, Path(tmp) / f"{mode}-{name}.json", data)
                figures = meta_figures if kind == "meta" else text_figures
                perturbed[mode][name] = figures(results)
    return perturbed


def _best(rows: dict[str, dict[str, Any]], key: str) -> float:
    values = [r[key] for spec, r in rows.items() if spec != OURS and r.get(key) is not None]
    return max(values, default=0.0)


def verdicts(figures: dict[str, dict[str, dict[str, Any]]]) -> list[tuple[str, float, bool]]:
    """(target, newscrawl's margin over it, met) for every target of issue 10."""
    out = []
    for name, rows in figures.items():
        ours = rows[OURS]
        if SETS[name][0] != "meta":
            margin = ours["f1"] - _best(rows, "f1") - MARGIN
            out.append((f"{name}: F1 ≥ best anchor + {MARGIN}", margin, margin >= 0))
            out.append((f"{name}: no empty page", -ours["empty"], not ours["empty"]))
            speed = ours["pages_per_cpu_sec"] / rows["trafilatura"]["pages_per_cpu_sec"] - SPEEDUP
            out.append(
                (f"{name}: pages per CPU-second ≥ {SPEEDUP}× trafilatura", speed, speed >= 0)
            )
            continue
        margin = ours["date"] - _best(rows, "date") - MARGIN
        out.append((f"{name}: date ≥ best anchor + {MARGIN}", margin, margin >= 0))
        margin = ours["headline"] - HEADLINE[name]
        out.append((f"{name}: headline exact ≥ {HEADLINE[name]}", margin, margin >= 0))
        bar = AUTHORS.get(name, rows["trafilatura"]["authors"])
        margin = ours["authors"] - bar
        out.append((f"{name}: author F1 ≥ {bar:.3f}", margin, margin >= 0))
    return out


def _cell(value: float | None, digits: int = 3) -> str:
    return "" if value is None else f"{value:.{digits}f}"


def _label(spec: str, version: str) -> str:
    return "**newscrawl**" if spec == OURS else f"{spec} {version}"


def tables(figures: dict[str, dict[str, dict[str, Any]]]) -> list[str]:
    """One Markdown table for the text sets and one for the metadata sets."""
    text_rows, meta_rows = [], []
    for name, rows in figures.items():
        for spec, r in rows.items():
            if SETS[name][0] == "meta":
                meta_rows.append(
                    (name, _label(spec, r["version"]), _cell(r["headline"]),
                     _cell(r["authors"]), _cell(r["date"]), _cell(r["median_ms"], 1))
                )  # fmt: skip
            else:
                text_rows.append(
                    (name, _label(spec, r["version"]), _cell(r["f1"]), r["empty"],
                     _cell(r["median_ms"], 1), _cell(r["pages_per_sec"], 0),
                     _cell(r.get("pages_per_cpu_sec"), 0))
                )  # fmt: skip
    return [
        table(
            ("set", "extractor", "F1", "empty", "median ms", "pages/s", "pages per CPU-s"),
            text_rows,
        ),
        "",
        table(("set", "extractor", "headline exact", "author F1", "date", "median ms"), meta_rows),
    ]


def perturbed_table(
    figures: dict[str, dict[str, dict[str, Any]]],
    perturbed: dict[str, dict[str, dict[str, dict[str, Any]]]],
) -> list[str]:
    """Each set under each perturbation. Text sets: F1, empty pages, the drop from the same
    extractor's unperturbed F1 (this run), and newscrawl's margin over the best anchor
    beyond the +0.01 asked. Metadata sets: headline exact, author F1 and date accuracy, the
    date's drop and newscrawl's date margin, alike."""
    text_rows, meta_rows = [], []
    for mode, sets in perturbed.items():
        for name, by_spec in sets.items():
            meta = SETS[name][0] == "meta"
            key = "date" if meta else "f1"
            for spec, r in by_spec.items():
                margin = r[key] - _best(by_spec, key) - MARGIN if spec == OURS else None
                drop = _cell(figures[name][spec][key] - r[key])
                label, signed = (
                    _label(spec, r["version"]),
                    "" if margin is None else f"{margin:+.4f}",
                )
                if meta:
                    meta_rows.append(
                        (name, mode, label, _cell(r["headline"]), _cell(r["authors"]),
                         _cell(r["date"]), drop, signed)
                    )  # fmt: skip
                else:
                    text_rows.append((name, mode, label, _cell(r["f1"]), r["empty"], drop, signed))
    beyond = f"margin beyond +{MARGIN}"
    lines = [
        "Under perturbation (`--perturb`, `benchmarks/perturb.py`: class/id words replaced by",
        "opaque tokens, `names` every word, `known` the words our zone vocabulary names, `half`",
        "half the words; a proxy for publishers whose markup names nothing we know; `declared`:",
        "JSON-LD, date metas and machine dates removed, what the page prints kept):",
        "",
    ]
    if text_rows:
        head = ("set", "perturbed", "extractor", "F1", "empty", "drop", beyond)
        lines += [table(head, text_rows), ""]
    if meta_rows:
        head = ("set", "perturbed", "extractor", "headline exact", "author F1", "date",
                "date drop", f"date {beyond}")  # fmt: skip
        lines += [table(head, meta_rows), ""]
    return lines


def section(
    figures: dict[str, dict[str, dict[str, Any]]],
    env: str,
    perturbed: dict[str, dict[str, dict[str, dict[str, Any]]]] | None = None,
) -> str:
    """The Extraction section of docs/benchmarks.md."""
    checks = verdicts(figures)
    worst = min(m for target, m, _ok in checks if "best anchor" in target)
    lines = [
        START,
        "## Extraction",
        "",
        "`python benchmarks/extraction.py` runs the shared evaluation scripts on every dev",
        "set with the anchors **in the same run** (trafilatura and its favor_precision mode",
        "for text; trafilatura and htmldate for metadata) and records newscrawl's figures in",
        "`benchmarks/extraction.json` for the quality gate (`tests/extract/test_quality.py`).",
        "Speed: `extract_article` on HTML already decoded, fallbacks included, one page at a",
        "time. The eval scripts time each call by the wall clock (median ms, pages/s), which",
        "moves with the load other sessions put on the machine; the speed target is judged on",
        "**pages per CPU-second**: both extractors called through the set's eval script, page",
        "by page in turn in one process, each call timed with `time.process_time`. Text F1:",
        "4-word shingle F1 (aeb-dev, fundus-dev-body), snippet F (trafeval-dev).",
        "",
        f"Run: {env}",
        "",
        *tables(figures),
        "",
        f"**Worst set's margin over its best anchor (beyond the +{MARGIN} asked): {worst:+.4f}.**",
        "",
        *(perturbed_table(figures, perturbed) if perturbed else []),
        "| target (issue 10) | margin | |",
        "|---|---|---|",
        *(f"| {t} | {m:+.4f} | {'met' if ok else 'NOT met'} |" for t, m, ok in checks),
        "",
        PROTOCOL,
        END,
    ]
    return "\n".join(lines)


PROTOCOL = """### Protocol

- Every change to extraction is measured with this script on **all** dev sets, anchors in
  the same run; the deciding figure is the worst set's margin over its best anchor. A change
  that raises one set and lowers another is not kept.
- Anything learned or tuned is fitted with folds grouped by publisher (host), so no
  publisher is on both sides: `benchmarks/train_confidence.py` (below); its out-of-fold
  figures are what the choice of threshold rests on, and they are recorded with it. A change
  to what is learned is also scored with one whole set left out (`--leave-set-out`: models
  fitted on the other two sets), and no set may fall under either check.
- Markup that names nothing we know (publishers unseen, other languages and CMSs) is
  approximated with `--perturb names` (every class/id word of every set's pages replaced
  by an opaque token, the same word by the same token; `known`: only the words our zone
  vocabulary names; `half`: half the words); pages that print their dates but declare
  none with `--perturb declared` (JSON-LD, date metas and machine dates removed): the drop
  from the unperturbed figures and the margin under perturbation, ours and the anchors',
  text and metadata sets alike, are recorded with every change to extraction.
- No rule is keyed to a host, publisher or page; the held-out halves are never looked at.
- Each run is recorded here (this section is rewritten by the script; earlier runs are kept
  in the "Runs" list of the confidence section)."""


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark; write the JSON figures and the doc section unless --dry-run."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--eval-dir", type=Path, default=SHARED_EVAL)
    parser.add_argument("--dry-run", action="store_true", help="print the section only")
    parser.add_argument(
        "--perturb", action="append", choices=MODES, default=[],
        help="also score every set with its markup perturbed by MODE (repeatable)",
    )  # fmt: skip
    args = parser.parse_args(argv)
    if not (args.eval_dir / "eval_body.py").exists():
        print(f"no evaluation scripts in {args.eval_dir}", file=sys.stderr)
        return 1
    before = load()
    figures = measure(args.eval_dir)
    perturbed = measure_perturbed(args.eval_dir, args.perturb)
    env = f"{machine()}; before: {before}; after: {load()}"
    text = section(figures, env, perturbed)
    print(text)
    if not args.dry_run:
        ours = {name: rows[OURS] for name, rows in figures.items()}
        RESULTS.write_text(json.dumps(ours, indent=2) + "\n", encoding="utf-8")
        write_section(DOC, START, END, text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
