"""Parse HTML (text or bytes in any declared encoding) into an lxml tree, never raising."""

from __future__ import annotations

import re
import threading

from lxml import etree
from lxml.etree import _Element
from w3lib.encoding import html_to_unicode

_XML_DECL = re.compile(r"^\s*<\?xml[^>]*\?>", re.I)
#: Characters that do not occur in text: C0 controls other than tab/newline/CR, and the
#: replacement character a decoder leaves for bytes that are not text.
_NOT_TEXT = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffd]")
#: A document whose first characters hold more than this share of them is binary, not HTML.
BINARY_SHARE = 0.05
_LOCAL = threading.local()  # lxml parsers must not be shared between threads


def _parser() -> etree.HTMLParser:
    parser: etree.HTMLParser | None = getattr(_LOCAL, "parser", None)
    if parser is None:
        parser = etree.HTMLParser(
            recover=True,
            remove_comments=True,
            remove_pis=True,
            huge_tree=True,
            no_network=True,
            collect_ids=False,  # no id() lookups: an ID table per page is wasted time
        )
        _LOCAL.parser = parser
    return parser


def decode_html(data: bytes, content_type: str | None = None) -> str:
    """Decode a page as a browser would: BOM, then Content-Type, then <meta charset>, then guess."""
    _encoding, text = html_to_unicode(content_type, data)
    return text


def looks_binary(text: str, sample: int = 4096) -> bool:
    """True when ``text`` is decoded binary data (an image, a compressed file), not a page."""
    head = text[:sample]
    return bool(head) and len(_NOT_TEXT.findall(head)) > BINARY_SHARE * len(head)


def empty_document() -> _Element:
    """An empty <html><head/><body/></html> tree."""
    root = etree.Element("html")
    etree.SubElement(root, "head")
    etree.SubElement(root, "body")
    return root


def parse_html(html: str | bytes) -> _Element:
    """An lxml document for any input; malformed or empty input gives a (near) empty tree.

    The tree is a plain ``lxml.etree`` one (faster to walk than ``lxml.html``); every layer
    also accepts the ``lxml.html`` trees Scrapy and parsel build.
    """
    if isinstance(html, bytes):
        html = decode_html(html)
    if not html or html.isspace() or looks_binary(html):
        return empty_document()
    html = _XML_DECL.sub("", html, count=1)
    if "\x00" in html:
        html = html.replace("\x00", "")
    try:
        root = etree.fromstring(html, _parser())
    except (etree.ParserError, etree.XMLSyntaxError, ValueError, TypeError):
        return empty_document()
    if root is None or not isinstance(root.tag, str):
        return empty_document()
    if root.find("body") is None:
        etree.SubElement(root, "body")
    return root
