"""Parse HTML (text or bytes in any declared encoding) into an lxml tree, never raising."""

from __future__ import annotations

import re

import lxml.etree
import lxml.html
from lxml.html import HtmlElement
from w3lib.encoding import html_to_unicode

_XML_DECL = re.compile(r"^\s*<\?xml[^>]*\?>", re.I)
_PARSER = lxml.html.HTMLParser(recover=True, remove_comments=True, remove_pis=True, huge_tree=True)


def decode_html(data: bytes, content_type: str | None = None) -> str:
    """Decode a page as a browser would: BOM, then Content-Type, then <meta charset>, then guess."""
    _encoding, text = html_to_unicode(content_type, data)
    return text


def empty_document() -> HtmlElement:
    """An empty <html><body></body></html> tree."""
    return lxml.html.document_fromstring("<html><head></head><body></body></html>")


def parse_html(html: str | bytes) -> HtmlElement:
    """An lxml document for any input; malformed or empty input gives a (near) empty tree."""
    if isinstance(html, bytes):
        html = decode_html(html)
    if not html or not html.strip():
        return empty_document()
    html = _XML_DECL.sub("", html, count=1).replace("\x00", "")
    try:
        root = lxml.html.document_fromstring(html, parser=_PARSER)
    except (lxml.etree.ParserError, ValueError, TypeError):
        return empty_document()
    if root is None or not isinstance(root, HtmlElement):
        return empty_document()
    if root.find("body") is None:
        root.append(lxml.html.Element("body"))
    return root
