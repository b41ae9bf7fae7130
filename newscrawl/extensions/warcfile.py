"""WARC capture (warcio): one gzip WARC file per run, a request/response pair per page.

Scrapy hands over decoded bodies and normalised headers, so records are not byte-exact
copies of the wire: the body is stored as received after decompression, with
``Content-Encoding`` and ``Transfer-Encoding`` removed and ``Content-Length`` set to the
stored body. The warcinfo record says so.
"""

from __future__ import annotations

import io
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import BinaryIO

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from newscrawl.clock import parse_utc, utc_now

OPEN_SUFFIX = ".open"  # a file still being written (or left by a killed run)
NOTE = (
    "HTTP bodies are stored decoded as the crawler received them (Content-Encoding and "
    "Transfer-Encoding removed, Content-Length adjusted); header names as normalised by "
    "Scrapy. Not byte-exact copies of the network traffic. A page rendered in a browser has "
    "a conversion record (the DOM after its scripts ran, WARC-Refers-To its response)."
)
_DROPPED_HEADERS = frozenset({"content-encoding", "transfer-encoding", "content-length"})


def warc_date(value: str | None) -> str:
    """A WARC-Date ('2025-03-04T16:45:00Z') from an ISO 8601 time (now when None)."""
    moment = (parse_utc(value) if value else None) or utc_now()
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


class WarcFile:
    """A WARC file written as ``NAME.warc.gz.open`` and renamed to ``NAME.warc.gz`` on close."""

    def __init__(self, path: Path, info: Mapping[str, str]):
        path.parent.mkdir(parents=True, exist_ok=True)
        self.path = path
        self.records = 0
        self._open_path = path.with_name(path.name + OPEN_SUFFIX)
        self._stream: BinaryIO = self._open_path.open("wb")
        self._writer = WARCWriter(self._stream, gzip=True)
        self._writer.write_record(
            self._writer.create_warcinfo_record(path.name, {**info, "note": NOTE})
        )

    def write_exchange(
        self,
        url: str,
        *,
        method: str,
        request_headers: Iterable[tuple[str, str]],
        status: int,
        response_headers: Iterable[tuple[str, str]],
        body: bytes,
        fetched: str | None = None,
        protocol: str = "HTTP/1.1",
    ) -> str:
        """Append the request and response records of one fetch; the response's record id."""
        date = {"WARC-Date": warc_date(fetched)}
        headers = [(k, v) for k, v in response_headers if k.lower() not in _DROPPED_HEADERS]
        headers.append(("Content-Length", str(len(body))))
        response = self._writer.create_warc_record(
            url,
            "response",
            payload=io.BytesIO(body),
            http_headers=StatusAndHeaders(str(status), headers, protocol=protocol),
            warc_headers_dict=date,
        )
        parts = url.split("/", 3)
        target = "/" + parts[3] if len(parts) > 3 else "/"
        request = self._writer.create_warc_record(
            url,
            "request",
            http_headers=StatusAndHeaders(
                f"{method} {target} {protocol}", list(request_headers), is_http_request=True
            ),
            warc_headers_dict=date,
        )
        self._writer.write_request_response_pair(request, response)
        self._stream.flush()
        self.records += 1
        return str(response.rec_headers.get_header("WARC-Record-ID"))

    def write_conversion(
        self,
        url: str,
        html: bytes,
        *,
        refers_to: str | None,
        fetched: str | None = None,
        encoding: str = "utf-8",
    ) -> None:
        """Append a ``conversion`` record: the page as a browser rendered it (the DOM after
        its scripts ran), referring to the response record of the raw page."""
        headers = {"WARC-Date": warc_date(fetched)}
        if refers_to:
            headers["WARC-Refers-To"] = refers_to
        record = self._writer.create_warc_record(
            url,
            "conversion",
            payload=io.BytesIO(html),
            warc_content_type=f"text/html; charset={encoding}",
            warc_headers_dict=headers,
        )
        self._writer.write_record(record)
        self._stream.flush()

    def close(self) -> Path:
        """Finish the file and give it its final name."""
        self._stream.close()
        self._open_path.replace(self.path)
        return self.path
