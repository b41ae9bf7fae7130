"""Signs that a page is built in the browser by scripts (pure: no Scrapy).

A page whose plain HTML gives no article body (or, for a listing, no article links) may
simply be empty, or be a client-side app whose content scripts insert. Three signs tell
the second case apart:

- ``empty_app_root``: an application mount point (``<div id="root">``, ``id="app"``,
  ``__next``, ``__nuxt``, ``data-reactroot``, ``ng-app``, ...) with no text in it;
- ``script_state``: the page's text only inside a script's JSON state
  (``<script type="application/json">``, ``window.__INITIAL_STATE__ = {...}``): a long
  run of prose in a JSON string;
- ``noscript_js``: a ``<noscript>`` telling the reader to enable JavaScript.

Only a page with little visible text can be an app shell: one whose scripts, styles and
``<noscript>`` aside hold more than :data:`MAX_SHELL_TEXT` characters has its text in the
HTML (an extraction problem, a forum asking for JavaScript "for a better experience").
"""

from __future__ import annotations

import re

from lxml.etree import _Element

#: ids and attributes of the mount points of common client-side frameworks.
APP_ROOT_IDS = frozenset(
    {"root", "app", "__next", "__nuxt", "___gatsby", "svelte", "app-root", "main-app", "spa"}
)
_APP_ROOT_XPATH = (
    "//*[@data-reactroot or @ng-app or @ng-version or @data-server-rendered"
    " or @data-v-app] | //app-root"
)
#: Script types holding data, not code; JSON-LD is structured data, not app state.
_DATA_TYPES = frozenset({"application/json", "text/json"})
_STATE_ASSIGN = re.compile(r"(?:window\.|self\.)?__[A-Z][A-Z0-9_]*__\s*=|__NEXT_DATA__|__NUXT__")
#: A JSON string of at least 200 characters with at least 20 spaces in it: prose.
_PROSE_STRING = re.compile(r'"((?:[^"\\]|\\.){200,})"')
_MIN_SPACES = 20
_ENABLE_JS = re.compile(
    r"\b(?:enable|activate|turn on|switch on|allow|requires?|needs?|aktivieren Sie|activez"
    r"|activer|habilita|attiva|inschakelen)\b\W+(?:\w+\W+){0,4}?javascript\b"
    r"|\bjavascript\b\W+(?:\w+\W+){0,4}?(?:enabled|required|disabled|is off|aktivieren"
    r"|activ[eé]|habilitado|attivato|ingeschakeld)",
    re.I,
)
SIGNS = ("empty_app_root", "script_state", "noscript_js")
#: Most characters of visible text (navigation, footer, cookie notice) an app shell has.
MAX_SHELL_TEXT = 2000


def _text(element: _Element) -> str:
    """Text of an element outside its scripts and styles."""
    parts = element.xpath(
        ".//text()[not(ancestor::script) and not(ancestor::style) and not(ancestor::noscript)]"
    )
    return "".join(str(p) for p in parts).strip()


def _empty_app_root(root: _Element) -> bool:
    candidates = [
        el
        for el in root.iter("div", "main", "section", "body", "span")
        if (el.get("id") or "").lower() in APP_ROOT_IDS
    ]
    candidates += root.xpath(_APP_ROOT_XPATH)
    return any(not _text(el) for el in candidates if isinstance(el.tag, str))


def _has_prose(script: str) -> bool:
    return any(m.group(1).count(" ") >= _MIN_SPACES for m in _PROSE_STRING.finditer(script))


def _script_state(root: _Element) -> bool:
    for script in root.iter("script"):
        kind = (script.get("type") or "").strip().lower()
        code = script.text or ""
        is_code = not kind or "javascript" in kind or kind == "module"
        holds_state = kind in _DATA_TYPES or (is_code and bool(_STATE_ASSIGN.search(code[:2000])))
        if holds_state and _has_prose(code):
            return True
    return False


def _noscript_js(root: _Element) -> bool:
    for noscript in root.iter("noscript"):
        text = " ".join(noscript.itertext())
        if _ENABLE_JS.search(text):
            return True
    return False


def clientside_signs(root: _Element) -> tuple[str, ...]:
    """The signs of a client-side app in a parsed page (scripts still in the tree); none
    for a page with more visible text than an app shell has."""
    body = root.find("body")
    if body is not None and len(_text(body)) > MAX_SHELL_TEXT:
        return ()
    found = []
    if _empty_app_root(root):
        found.append("empty_app_root")
    if _script_state(root):
        found.append("script_state")
    if _noscript_js(root):
        found.append("noscript_js")
    return tuple(found)
