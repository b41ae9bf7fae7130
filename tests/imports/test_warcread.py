"""Reading web archives: format by content, page records, broken and oversized records."""

from __future__ import annotations

import gzip
import zlib
from pathlib import Path

import pytest

from newscrawl.imports.warcread import Limits, Page, Skip, WarcReader, sniff
from tests.support.warcs import Rec, articles, write_warc


def read(path: Path, limits: Limits | None = None, **resume: int) -> list[Page | Skip]:
    kind = sniff(path)
    assert kind is not None
    return list(WarcReader(path, kind, limits).pages(**resume))


def test_format_is_read_from_the_content(tmp_path: Path) -> None:
    write_warc(tmp_path / "a.bin", articles(2))
    write_warc(tmp_path / "plain.txt", articles(2), gzip=False)
    plain = (tmp_path / "plain.txt").read_bytes()
    (tmp_path / "whole.warc.gz").write_bytes(gzip.compress(plain))
    (tmp_path / "lines.warc").write_text('{"url": "https://x.example/"}\n')
    (tmp_path / "other.gz").write_bytes(gzip.compress(b"hello"))
    assert sniff(tmp_path / "a.bin") == "warc.gz"
    assert sniff(tmp_path / "plain.txt") == "warc"
    assert sniff(tmp_path / "whole.warc.gz") == "warc.gz-stream"
    assert sniff(tmp_path / "lines.warc") is None and sniff(tmp_path / "other.gz") is None
    for name in ("a.bin", "plain.txt", "whole.warc.gz"):
        pages = read(tmp_path / name)
        assert [p.url for p in pages if isinstance(p, Page)] == [r.url for r in articles(2)]


def test_page_records_and_why_others_give_no_page(tmp_path: Path) -> None:
    html = articles(1)[0].body
    deflated = zlib.compress(html)
    records = [
        Rec("https://a.example/1", html, kind="resource", content_type="text/html"),
        Rec("https://a.example/2", html, kind="revisit"),
        Rec("https://a.example/3", b"", kind="revisit"),
        Rec("https://a.example/4", b"\x89PNG....", content_type="image/png"),
        Rec("https://a.example/5", html, status="404 Not Found"),
        Rec("https://a.example/6", html[:100], warc_headers={"WARC-Truncated": "length"}),
        Rec("https://a.example/7", html, kind="request"),
        Rec("https://a.example/8", deflated, http_headers=[("Content-Encoding", "deflate")]),
        Rec("https://a.example/9", html, content_type=None),
        Rec("ftp://a.example/10", html),
    ]
    offsets = write_warc(tmp_path / "x.warc.gz", records)
    got = read(tmp_path / "x.warc.gz")
    pages = {p.url: p for p in got if isinstance(p, Page)}
    skips = {p.offset: p.reason for p in got if isinstance(p, Skip)}
    assert sorted(pages) == [f"https://a.example/{n}" for n in (1, 2, 8, 9)]
    assert all(p.body == html for p in pages.values())
    assert pages["https://a.example/1"].fetched_at == "2024-05-02T10:00:00+00:00"
    assert skips == {
        offsets[2]: "no_body", offsets[3]: "not_html", offsets[4]: "http_status",
        offsets[5]: "truncated", offsets[9]: "no_http_url",
    }  # fmt: skip
    assert [p.number for p in got] == list(range(9))  # page records: no warcinfo, no request


def test_a_broken_member_is_skipped_with_its_offset(tmp_path: Path) -> None:
    path = tmp_path / "x.warc.gz"
    offsets = write_warc(path, articles(5))
    data = bytearray(path.read_bytes())
    data[offsets[2] + 40 : offsets[2] + 60] = b"\0" * 20
    path.write_bytes(bytes(data))
    got = read(path)
    assert [(p.offset, p.reason) for p in got if isinstance(p, Skip)] == [(offsets[2], "broken")]
    assert [p.offset for p in got if isinstance(p, Page)] == [offsets[i] for i in (0, 1, 3, 4)]


def test_garbage_in_a_plain_warc_and_a_cut_file(tmp_path: Path) -> None:
    path = tmp_path / "x.warc"
    offsets = write_warc(path, articles(4), gzip=False)
    data = path.read_bytes()
    path.write_bytes(data[: offsets[1] + 5] + b"garbage" + data[offsets[1] + 12 : offsets[3] + 900])
    got = read(path)
    assert [p.offset for p in got if isinstance(p, Page)] == [offsets[0], offsets[2]]
    skips = [(p.offset, p.reason) for p in got if isinstance(p, Skip)]
    assert skips == [(offsets[1], "broken"), (offsets[3], "broken")]


def test_size_limits_refuse_big_records_and_bombs(tmp_path: Path) -> None:
    bomb = gzip.compress(b"<html>" + b" " * (8 << 20))
    records = [
        *articles(1),
        Rec("https://a.example/big", b"<html>" + b"x" * 300_000),
        Rec("https://a.example/bomb", bomb, http_headers=[("Content-Encoding", "gzip")]),
    ]
    write_warc(tmp_path / "x.warc.gz", records)
    got = read(tmp_path / "x.warc.gz", Limits(max_record_bytes=200_000, max_body_bytes=1 << 20))
    assert [type(p).__name__ for p in got] == ["Page", "Skip", "Skip"]
    assert [p.reason for p in got if isinstance(p, Skip)] == ["too_large", "too_large"]


def test_reading_resumes_after_the_last_record_handled(tmp_path: Path) -> None:
    path = tmp_path / "x.warc.gz"
    offsets = write_warc(path, articles(5))
    again = read(path, last_offset=offsets[2], done=3)
    assert [p.offset for p in again] == offsets[3:]
    plain = tmp_path / "plain.warc"
    offsets = write_warc(plain, articles(5), gzip=False)
    assert [p.offset for p in read(plain, last_offset=offsets[1], done=2)] == offsets[2:]
    stream = tmp_path / "whole.warc.gz"
    stream.write_bytes(gzip.compress(plain.read_bytes()))
    urls = [p.url for p in read(stream, last_offset=999, done=3) if isinstance(p, Page)]
    assert urls == [r.url for r in articles(5)[3:]]


@pytest.mark.parametrize("span", [700, 1500, 4000, 100_000])
def test_byte_ranges_read_side_by_side_give_each_record_once(tmp_path: Path, span: int) -> None:
    path = tmp_path / "x.warc.gz"
    offsets = write_warc(path, [*articles(6), Rec("https://a.example/x.png", b"PNG", "image/png")])
    data = bytearray(path.read_bytes())
    data[offsets[3] + 40 : offsets[3] + 60] = b"\0" * 20
    path.write_bytes(bytes(data))
    reader = WarcReader(path, "warc.gz")
    whole = [(p.offset, type(p).__name__) for p in reader.pages()]
    size = len(data)
    parts = [
        (p.offset, type(p).__name__)
        for at in range(0, size, span)
        for p in reader.pages_between(at, at + span if at + span < size else None)
    ]
    assert parts == whole
    assert whole == [(o, "Skip" if o in (offsets[3], offsets[6]) else "Page") for o in offsets]
