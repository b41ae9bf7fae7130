"""Decoding and parsing: a page's UTF-8 bytes parse to the same tree as its decoded text."""

from __future__ import annotations

import pytest
from lxml import etree

from newscrawl.extract.parse import decode_html, decode_page, parse_html

UTF8_PAGES = [
    # the header's charset wins over the page's own declaration, as in decode_html
    ("text/html; charset=utf-8", '<html><head><meta charset="iso-8859-1"></head><body>'
     "<p>Zoë’s café — “quoted” 日本語 😀</p></body></html>"),
    # an XML declaration (after white space, a no-break space included) and NUL characters
    (None, '\u00a0 <?xml version="1.0" encoding="utf-8"?>\n<html><body><p>naïve\x00 text'
     "</p></body></html>"),
    # no declaration at all: UTF-8 is the default
    ("text/html", "<html><body><h1>Überschrift</h1><p>Straße</p></body></html>"),
]  # fmt: skip


def _tree(root: etree._Element) -> str:
    return etree.tostring(root, encoding="unicode")


@pytest.mark.parametrize(("content_type", "page"), UTF8_PAGES)
def test_utf8_bytes_parse_to_the_tree_of_the_text(content_type: str | None, page: str) -> None:
    data = page.encode("utf-8")
    html, source = decode_page(data, content_type)
    assert html == decode_html(data, content_type)
    assert source is data
    assert _tree(parse_html(html, source)) == _tree(parse_html(html))
    assert "\x00" not in _tree(parse_html(html, source))


@pytest.mark.parametrize(
    ("content_type", "data"),
    [
        ("text/html; charset=utf-8", b"<html><body><p>bad \xff byte</p></body></html>"),
        (
            "text/html; charset=windows-1252",
            "<html><body><p>café</p></body></html>".encode("cp1252"),
        ),
        (None, "\ufeff<html><body><p>café</p></body></html>".encode("utf-8")),  # a BOM
        (None, "<html><body><p>café</p></body></html>".encode("utf-16")),
    ],
)
def test_other_bytes_are_only_decoded(content_type: str | None, data: bytes) -> None:
    html, source = decode_page(data, content_type)
    assert source is None
    assert html == decode_html(data, content_type)
