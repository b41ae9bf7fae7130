"""Pages out of web archives (FastWARC): format sniffing, limits, broken records skipped.

A file is a WARC by its content (``WARC/`` at the start, plain or gzip-compressed), not by
its name. ``response``, ``resource`` and ``revisit`` records that carry an HTML page become
:class:`Page` values; every other page-type record becomes a :class:`Skip` with a reason
(not HTML, truncated, too large, broken...). A broken record or gzip member is reported
with its file offset and reading goes on at the next record that starts cleanly.
"""

from __future__ import annotations

import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO, NamedTuple

from fastwarc.warc import ArchiveIterator, WarcRecord, WarcRecordType

from newscrawl.clock import utc_iso

_GZIP = b"\x1f\x8b\x08"
_WARC = b"WARC/1."
_PAGE_TYPES = WarcRecordType.response | WarcRecordType.resource | WarcRecordType.revisit
_HTML_TYPES = ("text/html", "application/xhtml+xml")
_SCAN_BYTES = 1 << 20
_SNIFF_BYTES = 1 << 18  # a first record (warcinfo) ends well within this


@dataclass(frozen=True)
class Limits:
    """Size limits: a bigger record is refused unread, a body decoding past them is dropped."""

    max_record_bytes: int = 64 << 20
    max_body_bytes: int = 32 << 20


class Page(NamedTuple):
    """One HTML page of an archive, as sent to a worker."""

    offset: int  # where its record starts in the file
    number: int  # its record's position in the file (0: the first record)
    url: str
    fetched_at: str | None
    content_type: str | None
    status: int
    body: bytes


class Skip(NamedTuple):
    """A page-type record that gives no page, and why."""

    offset: int
    number: int
    reason: str  # short, countable: 'not_html', 'truncated', 'broken', ...
    detail: str = ""


def sniff(path: Path) -> str | None:
    """'warc.gz' (gzip members: seekable), 'warc.gz-stream' (one gzip stream), 'warc', or
    None when the file is not a WARC."""
    with path.open("rb") as stream:
        head = stream.read(_SNIFF_BYTES)
    if head.startswith(_WARC):
        return "warc"
    if not head.startswith(_GZIP):
        return None
    inflater = zlib.decompressobj(31)
    try:
        start = inflater.decompress(head, 64)
    except zlib.error:
        return None
    if not start.startswith(_WARC):
        return None
    try:
        inflater.decompress(inflater.unconsumed_tail)
    except zlib.error:
        return "warc.gz"  # the first member is fine, later ones are the reader's concern
    return "warc.gz" if inflater.eof and inflater.unused_data else "warc.gz-stream"


def _decoded(body: bytes, encoding: str, limit: int) -> bytes | None:
    """A gzip/deflate HTTP body decoded, never past ``limit`` bytes (None when it would be)."""
    inflater = zlib.decompressobj(31 if encoding in ("gzip", "x-gzip") else 15)
    try:
        out = inflater.decompress(body, limit + 1)
    except zlib.error:
        inflater = zlib.decompressobj(-15)  # raw deflate, as some servers send it
        out = inflater.decompress(body, limit + 1)
    return None if len(out) > limit else out


def _headers(record: WarcRecord) -> tuple[str | None, int]:
    """Content type and status of a record's page (resource records have no HTTP)."""
    if record.is_http:
        http = record.http_headers
        return http.get("Content-Type"), http.status_code or 0
    return record.headers.get("Content-Type"), 200


def _is_html(content_type: str | None, body: bytes) -> bool:
    if content_type:
        return content_type.split(";")[0].strip().lower() in _HTML_TYPES
    start = body[:512].lstrip().lower()
    return start.startswith((b"<!doctype html", b"<html"))


class WarcReader:
    """Reads one WARC file; ``keep(url)`` chooses the pages worth reading (site filter)."""

    def __init__(
        self,
        path: Path,
        kind: str,
        limits: Limits | None = None,
        keep: Callable[[str], bool] | None = None,
    ):
        self.path = path
        self.seekable = kind != "warc.gz-stream"
        self.gzip = kind.startswith("warc.gz")
        self.limits = limits or Limits()
        self.keep = keep

    def pages(self, last_offset: int = -1, done: int = 0) -> Iterator[Page | Skip]:
        """Pages and skips after the ``done`` first page records (the last of them starting
        at ``last_offset``)."""
        if self.gzip and self.seekable:
            yield from self.pages_between(last_offset + 1 if last_offset >= 0 else 0, None)
            return
        with self.path.open("rb") as stream:
            if self.seekable and last_offset >= 0:
                stream.seek(last_offset)
                yield from self._from(stream, last_offset, None, lambda o, n: o <= last_offset)
            else:
                yield from self._from(stream, 0, None, lambda o, n: n < done)

    def pages_between(self, start: int, end: int | None) -> Iterator[Page | Skip]:
        """Pages and skips of a file of gzip members, from the first record starting at or
        after ``start`` to the first starting at or after ``end``: ranges that meet share no
        record, so workers can read them side by side."""
        with self.path.open("rb") as stream:
            begin = self._find(stream, start, True) if start else 0
            stop = self._find(stream, end, True) if end is not None else None
            if begin is None or (stop is not None and begin >= stop):
                return
            stream.seek(begin)
            yield from self._from(stream, begin, stop, lambda o, n: False)

    def _from(
        self,
        stream: BinaryIO,
        start: int,
        stop: int | None,
        handled: Callable[[int, int], bool],
    ) -> Iterator[Page | Skip]:
        """Page records from ``start`` up to ``stop``, numbered from 0; after a broken
        one, reading goes on at the next record that starts cleanly."""
        scan_from, current, number = start, None, 0  # where a broken record is looked for
        while True:
            try:
                for record in ArchiveIterator(stream, parse_http=True):
                    current = record.stream_pos
                    if stop is not None and current >= stop:
                        return
                    if record.record_type & _PAGE_TYPES:
                        if not handled(current, number):
                            yield self._page(record, number)
                        number += 1
                    scan_from, current = current + 1, None
                return
            except (OSError, ValueError) as exc:
                found = current if current is not None else self._find(stream, scan_from, False)
                at, current = scan_from if found is None else found, None
                if stop is not None and at >= stop:
                    return
                resume = self._find(stream, at + 1, True) if self.seekable else None
                if not handled(at, number):
                    detail = str(exc) if resume is not None else f"{exc}; the rest is unreadable"
                    yield Skip(at, number, "broken", detail)
                number += 1
                if resume is None or (stop is not None and resume >= stop):
                    return
                scan_from = resume
                stream.seek(resume)

    def _find(self, stream: BinaryIO, after: int, clean: bool) -> int | None:
        """Offset of the first record start at or after ``after`` (``clean``: one that reads
        as a record header, else any record marker)."""
        marker = _GZIP if self.gzip else b"WARC/"
        position = after
        while True:
            stream.seek(position)
            chunk = stream.read(_SCAN_BYTES)
            if not chunk:
                return None
            found = chunk.find(marker)
            while found >= 0:
                if not clean or self._starts_record(chunk[found : found + 4096]):
                    return position + found
                found = chunk.find(marker, found + 1)
            if len(chunk) < _SCAN_BYTES:
                return None
            position += len(chunk) - 8

    def _starts_record(self, data: bytes) -> bool:
        if not self.gzip:
            return data.startswith((b"WARC/1.0\r\n", b"WARC/1.1\r\n"))
        try:
            start = zlib.decompressobj(31).decompress(data, 16)
        except zlib.error:
            return False
        return start.startswith(_WARC)

    def _page(self, record: WarcRecord, number: int) -> Page | Skip:
        """The page a record carries, or why it carries none."""
        offset = record.stream_pos
        url = (record.headers.get("WARC-Target-URI") or "").strip("<> ")
        if not url.startswith(("http://", "https://")):
            return Skip(offset, number, "no_http_url", url[:200])
        if self.keep is not None and not self.keep(url):
            return Skip(offset, number, "filtered_site")
        if record.headers.get("Content-Length") is None:
            return Skip(offset, number, "broken", "the file ends inside this record")
        if record.headers.get("WARC-Truncated"):
            return Skip(offset, number, "truncated", record.headers.get("WARC-Truncated") or "")
        if record.content_length > self.limits.max_record_bytes:
            return Skip(offset, number, "too_large", f"{record.content_length} bytes")
        content_type, status = _headers(record)
        if not 200 <= status < 300:
            return Skip(offset, number, "http_status", str(status))
        if content_type and not _is_html(content_type, b""):
            return Skip(offset, number, "not_html", content_type[:100])
        body = record.reader.read(record.content_length)
        if len(body) < record.content_length:
            return Skip(
                offset, number, "broken", f"cut short: {len(body)} of {record.content_length} bytes"
            )
        if not body:
            return Skip(offset, number, "no_body")
        if record.is_http:
            encoding = (record.http_headers.get("Content-Encoding") or "").strip().lower()
            if encoding in ("gzip", "x-gzip", "deflate"):
                try:
                    decoded = _decoded(body, encoding, self.limits.max_body_bytes)
                except zlib.error:
                    return Skip(offset, number, "broken", f"bad {encoding} body")
                if decoded is None:
                    return Skip(offset, number, "too_large", f"{encoding} body over the limit")
                body = decoded
            elif encoding not in ("", "identity"):
                return Skip(offset, number, "not_html", f"Content-Encoding {encoding}")
        if not _is_html(content_type, body):
            return Skip(offset, number, "not_html", "no HTML")
        date = utc_iso(record.headers.get("WARC-Date"))
        return Page(offset, number, url, date, content_type, status, body)
