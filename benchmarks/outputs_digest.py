"""Digests of what extraction gives on every page of ../shared/eval, to prove a speed-only
change leaves its outputs byte-identical.

For each of the 1,422 page files of the eval sets (some pages are in two sets: each file
counts), three outputs are hashed: ``extract_article`` (second opinions on),
``analyze_page`` + ``load_article`` with ``fallbacks=False``, and the import worker's
pickled per-record outcome (:class:`newscrawl.imports.warc.PreparePages`). Run it in each
checkout, then compare:

    python benchmarks/outputs_digest.py --out /tmp/after.json
    (cd /tmp/before && python benchmarks/outputs_digest.py --out /tmp/before.json)
    python benchmarks/outputs_digest.py --compare /tmp/before.json /tmp/after.json
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import pickle
import sys
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
EVAL = ROOT.parent / "shared" / "eval"
#: (set, folder of its pages, file of its URLs): URLs keyed by page id.
_SETS = (
    ("aeb-dev", "html", "ground-truth.json"),
    ("fundus-dev-body", "html", "ground-truth.json"),
    ("fundus-dev-meta", "pages", "ground-truth.jsonl"),
    ("meta-dev", "pages", "ground-truth.jsonl"),
    ("trafeval-dev", "pages", "labels.json"),
)
PARTS = ("extract_article", "analysis without second opinions", "import outcome")


def _urls(path: Path) -> dict[str, str]:
    if not path.exists():
        return {}
    if path.suffix == ".jsonl":
        rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
        return {row["id"]: row.get("url") or "" for row in rows}
    return {k: v.get("url") or "" for k, v in json.loads(path.read_text("utf-8")).items()}


def eval_files(root: Path = EVAL) -> Iterator[tuple[str, str, bytes]]:
    """(set/id, URL, HTML bytes) of every page file of the eval sets."""
    for name, folder, truth in _SETS:
        urls = _urls(root / name / truth)
        for path in sorted((root / name / folder).glob("*.gz")):
            key = path.name.split(".htm")[0]
            yield f"{name}/{key}", urls.get(key, ""), gzip.decompress(path.read_bytes())


def digests(root: Path = EVAL) -> dict[str, list[str]]:
    """Per page file, the sha256 of each of the three outputs (:data:`PARTS`)."""
    from newscrawl.extract import extract_article
    from newscrawl.extract.article import analyze_page
    from newscrawl.extract.parse import decode_html
    from newscrawl.imports.warc import Options, PreparePages
    from newscrawl.imports.warcread import Page
    from newscrawl.loaders import load_article

    def sha(value: object) -> str:
        return hashlib.sha256(
            value if isinstance(value, bytes) else repr(value).encode()
        ).hexdigest()

    prepare = PreparePages(Options())
    out = {}
    for number, (key, url, body) in enumerate(eval_files(root)):
        html = decode_html(body)
        page = analyze_page(html, url, follow=False, fallbacks=False, as_article=True)
        record = Page(0, number, url, "2026-12-01T00:00:00Z", "text/html", 200, body)
        out[key] = [
            sha(extract_article(html, url)),
            sha(load_article(page)),
            sha(pickle.dumps(prepare(record), protocol=5)),
        ]
    return out


def compare(before: dict[str, list[str]], after: dict[str, list[str]]) -> list[str]:
    """One line per output: how many pages differ between two runs of :func:`digests`."""
    if before.keys() != after.keys():
        return [f"page sets differ: {len(before)} pages against {len(after)}"]
    lines = []
    for i, part in enumerate(PARTS):
        differ = [k for k in before if before[k][i] != after[k][i]]
        lines.append(f"{part}: {len(differ)} of {len(before)} pages differ {differ[:5]}")
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--out", type=Path, help="write the per-page digests here (JSON)")
    parser.add_argument("--compare", type=Path, nargs=2, metavar=("BEFORE", "AFTER"))
    parser.add_argument("--eval", type=Path, default=EVAL, help="the eval sets' folder")
    args = parser.parse_args()
    if args.compare:
        before, after = (json.loads(p.read_text(encoding="utf-8")) for p in args.compare)
        lines = compare(before, after)
        print("\n".join(lines))
        sys.exit(1 if any(" 0 of " not in line for line in lines) else 0)
    found = digests(args.eval)
    print(f"{len(found)} page files")
    if args.out:
        args.out.write_text(json.dumps(found, indent=0), encoding="utf-8")


if __name__ == "__main__":
    main()
