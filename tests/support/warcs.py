"""WARC files written by the tests themselves (warcio), from invented article pages."""

from __future__ import annotations

import io
import random
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

_WORDS = [
    "harbor",
    "council",
    "budget",
    "river",
    "bridge",
    "school",
    "library",
    "market",
    "festival",
    "weather",
    "storm",
    "mayor",
    "police",
    "court",
    "election",
    "museum",
    "hospital",
    "train",
    "station",
    "farmers",
    "park",
    "ferry",
]


def article_html(
    n: int,
    headline: str | None = None,
    published: str = "2024-05-02T09:30:00Z",
    lang: str = "en",
    author: str = "Dana Whitcombe",
) -> str:
    """An invented news article page: its text is made from ``n``, so pages differ."""
    headline = headline or f"Council approves plan number {n} for the {_WORDS[n % 21]}"
    rng = random.Random(n)
    paragraphs = [
        " ".join(rng.choice(_WORDS) for _ in range(28)).capitalize() + f", officials said ({n})."
        for _ in range(6)
    ]
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    return (
        f'<!doctype html><html lang="{lang}"><head><meta charset="utf-8">'
        f"<title>{headline} - Harbor Times</title>"
        f'<meta property="og:type" content="article">'
        f'<meta property="article:published_time" content="{published}">'
        f"</head><body><nav><a href='/'>Home</a></nav><article><h1>{headline}</h1>"
        f'<p class="byline">By {author}</p><time datetime="{published}">{published[:10]}</time>'
        f"{body}</article><footer>Harbor Times</footer></body></html>"
    )  # fmt: skip


@dataclass
class Rec:
    """One record to write."""

    url: str
    body: bytes
    content_type: str | None = "text/html; charset=utf-8"
    kind: str = "response"  # response, resource, revisit, request, metadata
    date: str = "2024-05-02T10:00:00Z"
    status: str = "200 OK"
    warc_headers: dict[str, str] = field(default_factory=dict)
    http_headers: list[tuple[str, str]] = field(default_factory=list)


def write_warc(path: Path, records: Iterable[Rec], gzip: bool = True) -> list[int]:
    """Write the records (after a warcinfo record); the file offset of each."""
    offsets = []
    with path.open("wb") as stream:
        writer = WARCWriter(stream, gzip=gzip)
        writer.write_record(writer.create_warcinfo_record(path.name, {"software": "tests"}))
        for rec in records:
            offsets.append(stream.tell())
            headers = {"WARC-Date": rec.date, **rec.warc_headers}
            if rec.kind == "resource":
                record = writer.create_warc_record(
                    rec.url, "resource", payload=io.BytesIO(rec.body),
                    warc_content_type=rec.content_type or "", warc_headers_dict=headers,
                )  # fmt: skip
            else:
                http = list(rec.http_headers)
                if rec.content_type:
                    http.append(("Content-Type", rec.content_type))
                record = writer.create_warc_record(
                    rec.url, "response" if rec.kind == "revisit" else rec.kind,
                    payload=io.BytesIO(rec.body),
                    http_headers=StatusAndHeaders(rec.status, http, protocol="HTTP/1.1"),
                    warc_headers_dict=headers,
                )  # fmt: skip
            if rec.kind == "revisit":  # warcio writes no payload in revisits: a page kept
                record.rec_headers.replace_header("WARC-Type", "revisit")
            writer.write_record(record)
    return offsets


def articles(count: int, host: str = "harbor.example", start: int = 0) -> list[Rec]:
    """``count`` invented article pages on ``host``."""
    return [
        Rec(f"https://{host}/2024/05/02/council-plan-story-{n}/", article_html(n).encode())
        for n in range(start, start + count)
    ]
