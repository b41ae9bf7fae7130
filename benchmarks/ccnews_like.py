"""A CC-NEWS-like WARC built from the real pages of ../shared/eval.

Every page of the eval sets (aeb-dev, fundus-dev-body, meta-dev) becomes a ``response``
record under its own URL, then again under varied hosts (``r2.<host>``, ``r3.<host>``...)
until the file holds the number of records asked for; a fifth of the records are no
article: half home/section pages (HTML listings of links), half non-HTML (images, JSON,
PDF). Each record is its own gzip member, as Common Crawl writes them.

    python benchmarks/ccnews_like.py OUT.warc.gz --records 20000
"""

from __future__ import annotations

import argparse
import gzip
import io
import json
import random
import sys
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

ROOT = Path(__file__).resolve().parents[1]
EVAL = ROOT.parent / "shared" / "eval"
_NON_HTML = [
    ("image/jpeg", b"\xff\xd8\xff\xe0" + bytes(range(256)) * 40),
    ("application/json", json.dumps({"items": list(range(500))}).encode()),
    ("application/pdf", b"%PDF-1.4\n" + b"0" * 12000),
]


def eval_pages() -> list[tuple[str, bytes]]:
    """(URL, HTML) of every distinct eval page with a known URL."""
    urls: dict[str, str] = {}
    for name in ("aeb-dev", "fundus-dev-body"):
        path = EVAL / name / "ground-truth.json"
        if path.exists():
            truth = json.loads(path.read_text(encoding="utf-8"))
            urls.update({k: v["url"] for k, v in truth.items() if v.get("url")})
    meta = EVAL / "meta-dev" / "ground-truth.jsonl"
    if meta.exists():
        for line in meta.read_text(encoding="utf-8").splitlines():
            row = json.loads(line)
            if row.get("url"):
                urls[row["id"]] = row["url"]
    pages: dict[str, tuple[str, bytes]] = {}
    for pattern in ("aeb-dev/html/*.gz", "fundus-dev-body/html/*.gz", "meta-dev/pages/*.gz"):
        for path in sorted(EVAL.glob(pattern)):
            key = path.name.split(".html")[0]
            if key in urls and urls[key].startswith("http"):
                pages.setdefault(urls[key], (urls[key], gzip.decompress(path.read_bytes())))
    return list(pages.values())


def _varied(url: str, round_: int) -> str:
    if round_ == 0:
        return url
    parts = urlsplit(url)
    return urlunsplit(parts._replace(netloc=f"r{round_ + 1}.{parts.hostname}"))


def _listing(host: str, links: list[str]) -> bytes:
    items = "".join(f'<li><a href="{u}">{u.rsplit("/", 2)[-2]}</a></li>' for u in links)
    return (
        f"<!doctype html><html><head><title>{host} - latest news</title></head>"
        f"<body><nav><a href='/'>Home</a> <a href='/world/'>World</a></nav>"
        f"<h1>Latest</h1><ul>{items}</ul></body></html>"
    ).encode()


def records(count: int, seed: int = 1) -> Iterator[tuple[str, str, bytes]]:
    """(URL, Content-Type, body) of ``count`` records: four fifths article pages."""
    pages = eval_pages()
    if not pages:
        sys.exit(f"no pages under {EVAL}: this benchmark needs ../shared/eval")
    rng = random.Random(seed)
    made = 0
    while made < count:
        round_, index = divmod(made * 4 // 5, len(pages))
        url, html = pages[index]
        if made % 5 == 4:
            host = urlsplit(_varied(url, round_)).netloc
            if made % 10 == 4:
                links = [_varied(u, round_) for u, _ in rng.sample(pages, 30)]
                yield (
                    f"https://{host}/section/{made}/",
                    "text/html; charset=utf-8",
                    _listing(host, links),
                )
            else:
                ctype, body = _NON_HTML[made % 3]
                yield f"https://{host}/media/{made}.bin", ctype, body
        else:
            yield _varied(url, round_), "text/html", html
        made += 1


def write_warc(path: Path, count: int, seed: int = 1) -> int:
    """Write the WARC (a warcinfo record, then ``count`` responses); its size in bytes."""
    with path.open("wb") as stream:
        writer = WARCWriter(stream, gzip=True)
        writer.write_record(writer.create_warcinfo_record(path.name, {"software": "bench"}))
        for i, (url, ctype, body) in enumerate(records(count, seed)):
            headers = [("Content-Type", ctype), ("Content-Length", str(len(body)))]
            date = f"2024-05-{1 + i % 28:02d}T{i % 24:02d}:00:00Z"
            writer.write_record(
                writer.create_warc_record(
                    url,
                    "response",
                    payload=io.BytesIO(body),
                    http_headers=StatusAndHeaders("200 OK", headers, protocol="HTTP/1.1"),
                    warc_headers_dict={"WARC-Date": date},
                )
            )
    return path.stat().st_size


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--records", type=int, default=20000)
    args = parser.parse_args()
    size = write_warc(args.out, args.records)
    print(f"{args.records} records, {size / 1e6:.1f} MB: {args.out}")


if __name__ == "__main__":
    main()
