"""Parse HTML (text or bytes in any declared encoding) into an lxml tree, never raising."""

from __future__ import annotations

import codecs
import re
import threading

from lxml import etree
from lxml.etree import _Element
from w3lib.encoding import (
    html_body_declared_encoding,
    html_to_unicode,
    http_content_type_encoding,
    read_bom,
)

_XML_DECL = re.compile(r"^\s*<\?xml[^>]*\?>", re.I)
#: Characters that do not occur in text: C0 controls other than tab/newline/CR, and the
#: replacement character a decoder leaves for bytes that are not text.
_NOT_TEXT = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffd]")
#: A document whose first characters hold more than this share of them is binary, not HTML.
BINARY_SHARE = 0.05
_LOCAL = threading.local()  # lxml parsers must not be shared between threads


def _parser(encoding: str | None = None) -> etree.HTMLParser:
    """This thread's parser of text (``encoding`` None) or of bytes in ``encoding``."""
    name = f"parser_{encoding}"
    parser: etree.HTMLParser | None = getattr(_LOCAL, name, None)
    if parser is None:
        parser = etree.HTMLParser(
            recover=True,
            remove_comments=True,
            remove_pis=True,
            huge_tree=True,
            no_network=True,
            collect_ids=False,  # no id() lookups: an ID table per page is wasted time
            encoding=encoding,
        )
        setattr(_LOCAL, name, parser)
    return parser


def decode_html(data: bytes, content_type: str | None = None) -> str:
    """Decode a page as a browser would: BOM, then Content-Type, then <meta charset>, then guess."""
    _encoding, text = html_to_unicode(content_type, data)
    return text


def decode_page(data: bytes, content_type: str | None = None) -> tuple[str, bytes | None]:
    """The page decoded as :func:`decode_html` does, and ``data`` itself when it is exactly
    the text's UTF-8 (no byte order mark, no invalid byte): libxml2 parses UTF-8 bytes
    faster than a decoded ``str``, see :func:`parse_html`'s ``source``."""
    if read_bom(data)[0] is None:
        declared = http_content_type_encoding(content_type) or html_body_declared_encoding(data)
        try:
            utf8 = codecs.lookup(declared or "utf8").name == "utf-8"
        except LookupError:
            utf8 = False
        if utf8:
            try:
                return data.decode("utf-8"), data
            except UnicodeDecodeError:
                pass  # invalid bytes: decoded with replacement characters below
    return decode_html(data, content_type), None


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


def parse_html(html: str | bytes, source: bytes | None = None) -> _Element:
    """An lxml document for any input; malformed or empty input gives a (near) empty tree.

    ``source``: the UTF-8 bytes ``html`` was decoded from (:func:`decode_page`), parsed
    instead of the text, to the same tree. The tree is a plain ``lxml.etree`` one (faster to
    walk than ``lxml.html``); every layer also accepts the ``lxml.html`` trees Scrapy and
    parsel build.
    """
    if isinstance(html, bytes):
        html = decode_html(html)
    if not html or html.isspace() or looks_binary(html):
        return empty_document()
    declaration = _XML_DECL.match(html)
    markup: str | bytes
    if source is not None:  # the same characters: cut and cleaned as the text would be
        markup = source[len(declaration.group().encode()) :] if declaration else source
        if b"\x00" in markup:
            markup = markup.replace(b"\x00", b"")
        parser = _parser("utf-8")
    else:
        markup = html[declaration.end() :] if declaration else html
        if "\x00" in markup:
            markup = markup.replace("\x00", "")
        parser = _parser()
    try:
        root = etree.fromstring(markup, parser)
    except (etree.ParserError, etree.XMLSyntaxError, ValueError, TypeError):
        return empty_document()
    if root is None or not isinstance(root.tag, str):
        return empty_document()
    if root.find("body") is None:
        etree.SubElement(root, "body")
    return root
