"""WARC files: request/response pairs readable by warcio, renamed when complete."""

from __future__ import annotations

from pathlib import Path

from warcio.archiveiterator import ArchiveIterator

from newscrawl.extensions.warcfile import NOTE, OPEN_SUFFIX, WarcFile, warc_date


def test_records_round_trip(tmp_path: Path) -> None:
    path = tmp_path / "warc" / "run.warc.gz"
    warc = WarcFile(path, {"software": "newscrawl/test"})
    assert not path.exists() and path.with_name(path.name + OPEN_SUFFIX).exists()
    body = "<html><body>Café</body></html>".encode()
    warc.write_exchange(
        "http://127.0.0.2:8080/2025/03/04/story/?x=1",
        method="GET",
        request_headers=[("User-Agent", "newscrawl/0.1"), ("Accept", "text/html")],
        status=200,
        response_headers=[("Content-Type", "text/html"), ("Content-Encoding", "gzip"),
                          ("Content-Length", "17")],
        body=body,
        fetched="2025-03-04T12:00:00-05:00",
    )  # fmt: skip
    assert warc.close() == path and path.exists()
    with path.open("rb") as stream:
        records = [
            (r.rec_type, r.rec_headers, r.http_headers, r.content_stream().read())
            for r in ArchiveIterator(stream)
        ]
    (info, response, request) = records
    assert info[0] == "warcinfo" and NOTE.encode() in info[3]
    assert response[0] == "response" and request[0] == "request"
    assert response[1].get_header("WARC-Date") == "2025-03-04T17:00:00Z"
    assert (
        response[1].get_header("WARC-Target-URI") == "http://127.0.0.2:8080/2025/03/04/story/?x=1"
    )
    assert request[1].get_header("WARC-Concurrent-To") == response[1].get_header("WARC-Record-ID")
    assert response[2].get_statuscode() == "200" and response[3] == body
    assert response[2].get_header("Content-Encoding") is None
    assert response[2].get_header("Content-Length") == str(len(body))
    assert request[2].protocol == "GET" and "/2025/03/04/story/?x=1" in request[2].statusline
    assert request[2].get_header("User-Agent") == "newscrawl/0.1"


def test_warc_dates() -> None:
    assert warc_date("2025-03-04T12:00:00+00:00") == "2025-03-04T12:00:00Z"
    assert warc_date("2025-03-04T12:00:00") == "2025-03-04T12:00:00Z"
    assert warc_date(None).endswith("Z")


def test_rendered_page_as_conversion_record(tmp_path: Path) -> None:
    path = tmp_path / "run.warc.gz"
    warc = WarcFile(path, {"software": "newscrawl/test"})
    url = "http://127.0.0.8:8080/news/2025/03/04/story/"
    raw, dom = b'<div id="app"></div>', b'<div id="app"><article>Text</article></div>'
    record_id = warc.write_exchange(
        url, method="GET", request_headers=[], status=200,
        response_headers=[("Content-Type", "text/html")], body=raw,
    )  # fmt: skip
    warc.write_conversion(url, dom, refers_to=record_id, fetched="2025-03-04T12:00:00Z")
    warc.close()
    with path.open("rb") as stream:
        records = {r.rec_type: (r.rec_headers, r.content_stream().read()) for r in
                   ArchiveIterator(stream)}  # fmt: skip
    headers, body = records["conversion"]
    assert headers.get_header("WARC-Refers-To") == record_id
    assert headers.get_header("WARC-Target-URI") == url
    assert headers.get_header("Content-Type").startswith("text/html")
    assert body == dom and records["response"][1] == raw
