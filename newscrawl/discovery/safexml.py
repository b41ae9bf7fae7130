"""Safe XML reading: size limits, gzip without decompression bombs, no entity expansion."""

from __future__ import annotations

import zlib

from lxml import etree

GZIP_MAGIC = b"\x1f\x8b"
_CHUNK = 64 * 1024


class DocumentError(ValueError):
    """A feed or sitemap that cannot be used: too large, not XML, or not a known format."""


def gunzip(data: bytes, max_bytes: int) -> bytes:
    """Decompress gzip ``data``, refusing output larger than ``max_bytes`` (bomb guard)."""
    inflater = zlib.decompressobj(wbits=16 + zlib.MAX_WBITS)
    out = bytearray()
    pending = data
    try:
        while pending:
            out += inflater.decompress(pending, _CHUNK)
            if len(out) > max_bytes:
                raise DocumentError(f"gzip document inflates beyond {max_bytes} bytes")
            pending = inflater.unconsumed_tail
        out += inflater.flush()
    except zlib.error as exc:
        raise DocumentError(f"broken gzip data: {exc}") from exc
    if len(out) > max_bytes:
        raise DocumentError(f"gzip document inflates beyond {max_bytes} bytes")
    return bytes(out)


def _parser() -> etree.XMLParser:
    # No DTD loading, no entity expansion, no network, no huge trees: billion-laughs
    # and external-entity (XXE) documents parse without expanding anything.
    return etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        dtd_validation=False,
        huge_tree=False,
        recover=True,
        remove_comments=True,
        remove_pis=True,
    )


def parse_xml(data: bytes, max_bytes: int) -> etree._Element:
    """The root element of an XML document (gzip accepted), at most ``max_bytes`` of XML."""
    if data[:2] == GZIP_MAGIC:
        data = gunzip(data, max_bytes)
    if len(data) > max_bytes:
        raise DocumentError(f"document larger than {max_bytes} bytes")
    data = data.lstrip(b"\xef\xbb\xbf \t\r\n")
    if not data:
        raise DocumentError("empty document")
    try:
        root = etree.fromstring(data, parser=_parser())
    except etree.XMLSyntaxError as exc:
        raise DocumentError(f"not XML: {exc}") from exc
    if root is None:
        raise DocumentError("not XML")
    return root


def local_name(element: etree._Element) -> str:
    """An element's tag without namespace, lowercased ('{ns}Loc' -> 'loc')."""
    tag = element.tag
    if not isinstance(tag, str):
        return ""
    return tag.rsplit("}", 1)[-1].lower()


def child_text(element: etree._Element, *names: str) -> str | None:
    """Stripped text of the first direct child named one of ``names`` (namespaces ignored)."""
    for child in element:
        if local_name(child) in names:
            text = "".join(child.itertext()).strip()
            if text:
                return text
    return None
