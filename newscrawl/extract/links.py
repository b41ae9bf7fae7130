"""The links of a page: every ``<a href>``, absolute, as a browser resolves them."""

from __future__ import annotations

from urllib.parse import urljoin

from lxml.etree import _Element

_NOT_PAGES = ("javascript:", "mailto:", "tel:", "data:", "#")


def base_url(root: _Element, url: str) -> str:
    """The URL relative links resolve against: ``<base href>`` when the page sets one."""
    base = root.find(".//base[@href]")
    href = (base.get("href") or "").strip() if base is not None else ""
    return urljoin(url, href) if href else url


def absolute_links(elements: list[_Element] | _Element, base: str) -> list[str]:
    """http(s) URLs of the ``<a href>`` under ``elements``, in page order, without repeats
    or fragments."""
    roots = elements if isinstance(elements, list) else [elements]
    found: dict[str, None] = {}
    for root in roots:
        for a in root.iter("a"):
            href = (a.get("href") or "").strip()
            if not href or href.lower().startswith(_NOT_PAGES):
                continue
            if not href.startswith(("http://", "https://")):  # absolute ones need no join
                href = urljoin(base, href)
            found.setdefault(href.split("#", 1)[0], None)
    return [u for u in found if u.startswith(("http://", "https://"))]


def page_links(root: _Element, url: str) -> list[str]:
    """Every link of the page (see :func:`absolute_links`)."""
    return absolute_links(root, base_url(root, url))
