"""Article text a page carries outside its visible markup: the last resort for an empty body.

Pages built in the browser ship their article in script state (Next.js ``__next_f`` pushes and
``__NEXT_DATA__``, Nuxt, Apollo or Redux state, ``application/json`` blocks) as an HTML string
inside a JSON or JavaScript string literal; many pages also declare the text as JSON-LD
``articleBody``. Neither is read while the visible page gives a body: both are consulted only
when newscrawl and the second extractor found nothing (:mod:`newscrawl.extract.fallbacks`).
"""

from __future__ import annotations

import json
import re

from lxml import etree
from lxml.etree import _Element

from newscrawl.extract.parse import parse_html
from newscrawl.extract.structured import ld_text, read_structured
from newscrawl.extract.text import clean_text

#: A string literal long enough to hold an article (escaped quotes allowed inside).
_LITERAL = re.compile(r'"((?:[^"\\]|\\.){400,})"', re.S)
#: An escaped or plain paragraph tag: the literal holds markup.
_MARKUP = re.compile(r"(?:<|\\u003c|\\x3c)p[\s>]", re.I)
_PARAGRAPH_TAGS = ("p", "h2", "h3", "h4", "li", "blockquote")
MIN_EMBEDDED = 200  # paragraph characters an embedded article must hold
MAX_DEPTH = 3  # string literals inside string literals (JSON in a JavaScript string)


def _decode(literal: str) -> str:
    try:
        value = json.loads(f'"{literal}"', strict=False)
    except ValueError:
        return ""
    return value if isinstance(value, str) else ""


def _paragraphs(markup: str) -> list[str]:
    """The text of the paragraphs and subheadings of an HTML fragment."""
    try:
        fragment = etree.fromstring(f"<div>{markup}</div>", etree.HTMLParser())
    except (etree.ParserError, etree.XMLSyntaxError, ValueError):
        return []
    if fragment is None:
        return []
    lines = []
    for el in fragment.iter(*_PARAGRAPH_TAGS):
        if any(a.tag in _PARAGRAPH_TAGS for a in el.iterancestors()):
            continue  # the text of a <p> inside an <li> is read once
        text = clean_text(" ".join(el.itertext()))
        if text:
            lines.append(text)
    return lines


def _markup_texts(code: str, depth: int = 0) -> list[list[str]]:
    """The paragraphs of every string literal of ``code`` that holds paragraph markup."""
    found = []
    for match in _LITERAL.finditer(code):
        if not _MARKUP.search(match.group(1)):
            continue
        value = _decode(match.group(1))
        if "<" in value and re.search(r"<p[\s>]", value, re.I):
            found.append(_paragraphs(value))
        if depth < MAX_DEPTH and '"' in value:
            found.extend(_markup_texts(value, depth + 1))
    return found


def script_body(root: _Element) -> str:
    """The longest article held as HTML in a script's string literals, or ''."""
    best: list[str] = []
    for script in root.iter("script"):
        code = script.text or ""
        if (script.get("type") or "").lower() == "application/ld+json" or not _MARKUP.search(code):
            continue
        for lines in _markup_texts(code):
            if sum(map(len, lines)) > sum(map(len, best)):
                best = lines
    return "\n\n".join(best) if sum(map(len, best)) >= MIN_EMBEDDED else ""


def declared_body(root: _Element) -> str:
    """The page's JSON-LD ``articleBody``, when long enough to be the article."""
    article = read_structured(root).article
    text = ld_text(article, "articleBody") if article else ""
    return text if len(text) >= MIN_EMBEDDED else ""


def embedded_body(html: str) -> str:
    """The article text the page declares or ships in its scripts ('' when none): declared
    ``articleBody`` first, then HTML in script state."""
    root = parse_html(html)
    return declared_body(root) or script_body(root)
