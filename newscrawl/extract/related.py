"""Related-story links inside article pages ("Related", "Don't miss", "Up next", "More from")."""

from __future__ import annotations

import re
from urllib.parse import urljoin

from lxml.html import HtmlElement

from newscrawl.extract.text import clean_text

_LABEL = re.compile(
    r"^(?:related(?: stories| articles| coverage| content| news| links| reading)?|don.?t miss|"
    r"up next|more from\b.{0,40}|more (?:stories|news|coverage|headlines|on this(?: story)?)|"
    r"read (?:more|next|also)|see also|also read|further reading|you (?:may|might) also like|"
    r"recommended(?: for you| stories)?|what to read next|keep reading|latest(?: news| stories)?|"
    r"trending(?: now)?|most (?:read|popular)|top stories|more in\b.{0,40}|mehr zum thema|"
    r"das könnte sie auch interessieren|à lire aussi|lire aussi)\s*:?$",
    re.I,
)
_ATTR = re.compile(
    r"related|recommend|more-stories|more-from|up-?next|dont-?miss|read-?next|also-read|"
    r"further-reading|trending|most-(?:read|popular)",
    re.I,
)
_LABEL_TAGS = (
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "strong",
    "b",
    "span",
    "p",
    "div",
    "header",
    "li",
    "dt",
)


def _hrefs(el: HtmlElement, base_url: str) -> list[str]:
    out = []
    for a in el.iterfind(".//a[@href]"):
        href = (a.get("href") or "").strip()
        if href and not href.startswith(("#", "javascript:", "mailto:", "tel:")):
            out.append(urljoin(base_url, href))
    return out


def related_links(tree: HtmlElement, base_url: str) -> list[str]:
    """Absolute URLs of links in related-story blocks, in page order, without repeats."""
    found: list[str] = []
    for el in tree.iter(*_LABEL_TAGS):
        if len(el) > 3:
            continue
        label = clean_text(el.text_content())
        if not label or len(label) > 60 or not _LABEL.match(label):
            continue
        container = el
        for _ in range(4):  # climb to the nearest block holding links besides the label
            parent = container.getparent()
            if parent is None:
                break
            container = parent
            if any(
                a is not el and el not in a.iterancestors()
                for a in container.iterfind(".//a[@href]")
            ):
                found += _hrefs(container, base_url)
                break
    for el in tree.iter("section", "aside", "div", "ul", "nav"):
        attrs = f"{el.get('class', '')} {el.get('id', '')} {el.get('data-module', '')}"
        if attrs.strip() and _ATTR.search(attrs):
            found += _hrefs(el, base_url)
    return list(dict.fromkeys(found))
