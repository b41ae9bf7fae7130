"""Body text: paragraphs and in-body subheadings of the main content, boilerplate removed.

Works on an lxml tree and removes boilerplate nodes from it in place, so it runs last.
"""

from __future__ import annotations

import re

from lxml.html import HtmlElement

from newscrawl.extract.text import clean_text

_DROP_TAGS = (
    "script", "style", "noscript", "template", "svg", "iframe", "form", "button", "select",
    "input", "textarea", "nav", "footer", "aside", "figure", "figcaption", "picture", "video",
    "audio", "object", "embed", "canvas", "dialog", "menu", "label",
)  # fmt: skip
_BOILERPLATE_ATTR = re.compile(
    r"share|sharing|social|related|recommend|newsletter|subscri|signup|sign-up|donat|promo|"
    r"advert|(?:^|[\s_-])ads?(?:$|[\s_-])|dfp|sponsor|comment|disqus|cookie|consent|gdpr|"
    r"banner|popup|modal|sidebar|widget|breadcrumb|byline|author|tags?(?:$|[\s_-])|topics|"
    r"caption|credit|toolbar|print|audio|player|podcast|outbrain|taboola|paywall|"
    r"more-stories|read-?more|also-read|dont-miss|up-?next|trending|most-(?:popular|read)|"
    r"masthead|(?:^|[\s_-])nav|menu|skip-link|visually-hidden|sr-only|hidden|"
    r"footer|copyright|disclaimer|rating|reaction|timestamp|dateline-meta|article-meta",
    re.I,
)
_KEEP_ATTR = re.compile(r"article-?body|story-?body|entry-content|post-content|main-content", re.I)
_BOILERPLATE_TEXT = re.compile(
    r"^(?:read more|read also|also read|see also|related|more from|don.?t miss|up next|"
    r"advertisement|anzeige|werbung|sponsored|getting your .{0,40}player ready|listen to (?:this )?"
    r"(?:article|story)|share (?:this|on|via)|share$|tweet$|email$|print$|sign up|subscribe|"
    r"click here|follow us|support (?:our|local)|help (?:support|continue)|donate|"
    r"copyright ©|© ?\d{4}|all rights reserved|this (?:story|article) (?:has been|was) shared|"
    r"we use cookies|you may also like|recommended for you|trending now|most read)",
    re.I,
)
_BLOCK_TAGS = frozenset(("p", "h2", "h3", "h4", "h5", "h6", "blockquote", "li", "pre", "dd"))
_HEADING_TAGS = frozenset(("h2", "h3", "h4", "h5", "h6"))
_CONTAINER_TAGS = frozenset(("div", "article", "section", "main", "td", "body", "span", "font"))


def _attr_text(el: HtmlElement) -> str:
    return f"{el.get('class', '')} {el.get('id', '')} {el.get('role', '')}"


def _text(el: HtmlElement) -> str:
    return clean_text(el.text_content())


def _link_density(el: HtmlElement, text_len: int) -> float:
    if not text_len:
        return 0.0
    link_len = sum(len(clean_text(a.text_content())) for a in el.iterfind(".//a"))
    return min(1.0, link_len / text_len)


def remove_boilerplate(tree: HtmlElement) -> None:
    """Drop non-content elements (scripts, navigation, share bars, captions, ads...) in place."""
    for el in list(tree.iter(*_DROP_TAGS)):
        if el.getparent() is not None:
            el.drop_tree()
    body = tree.find("body")
    scope = body if body is not None else tree
    for el in list(scope.iter()):
        if not isinstance(el.tag, str) or el.getparent() is None or el.tag in ("body", "html"):
            continue
        attrs = _attr_text(el)
        hidden = el.get("hidden") is not None or el.get("aria-hidden") == "true"
        if hidden or (
            attrs.strip() and _BOILERPLATE_ATTR.search(attrs) and not _KEEP_ATTR.search(attrs)
        ):
            # Never drop a container holding much paragraph text (e.g. class="post has-ads").
            if not hidden and sum(len(p.text_content()) for p in el.iterfind(".//p")) > 1500:
                continue
            el.drop_tree()


def _score_candidates(scope: HtmlElement) -> dict[HtmlElement, float]:
    scores: dict[HtmlElement, float] = {}
    for p in scope.iter("p", "pre", "td", "blockquote", "div"):
        if p.tag == "div" and (p.text is None or len(p.text.strip()) < 80):
            continue
        text = _text(p) if p.tag != "div" else clean_text(p.text)
        if len(text) < 25:
            continue
        score = 1 + text.count(",") + min(len(text) // 100, 3)
        parent = p.getparent()
        if parent is None:
            continue
        scores[parent] = scores.get(parent, 0.0) + score
        grand = parent.getparent()
        if grand is not None:
            scores[grand] = scores.get(grand, 0.0) + score / 2
    for el in list(scores):
        text_len = len(el.text_content())
        scores[el] *= 1 - _link_density(el, text_len) if text_len < 20000 else 1
        if _KEEP_ATTR.search(_attr_text(el)):
            scores[el] *= 1.5
    return scores


def _blocks(container: HtmlElement) -> list[str]:
    out: list[str] = []
    for el in container.iter():
        if not isinstance(el.tag, str):
            continue
        if el.tag in _BLOCK_TAGS:
            if any(a.tag in _BLOCK_TAGS for a in el.iterancestors() if a is not container):
                continue
            text = _text(el)
            if not text:
                continue
            if el.tag in _HEADING_TAGS and len(text) > 200:
                continue
            if el.tag == "li" and (len(text) < 30 or _link_density(el, len(text)) > 0.5):
                continue
            out.append(text)
        elif (
            el.tag in ("div", "td", "section", "article") and el.text and len(el.text.strip()) >= 40
        ):
            out.extend(_split_br(el))
    return out


def _split_br(el: HtmlElement) -> list[str]:
    """Text written straight into a container, split at <br><br> into paragraphs."""
    chunks, current = [], [el.text or ""]
    for child in el:
        if child.tag == "br" or child.tag in _BLOCK_TAGS or child.tag in ("div", "table"):
            chunks.append(" ".join(current))
            current = [child.tail or ""]
        else:
            current.append(child.text_content() + (child.tail or ""))
    chunks.append(" ".join(current))
    return [t for t in (clean_text(c) for c in chunks) if t]


def _keep_line(text: str) -> bool:
    if _BOILERPLATE_TEXT.match(text):
        return False
    return not (len(text) < 3 and not text.isalnum())


def extract_body(tree: HtmlElement) -> str:
    """The article body as plain text, one paragraph per block, blocks separated by a blank line."""
    remove_boilerplate(tree)
    body = tree.find("body")
    if body is None:
        return ""
    scores = _score_candidates(body)
    if not scores:
        return ""
    top = max(scores, key=scores.__getitem__)
    top_score = scores[top]
    # Readability-style sibling merge: keep siblings that score well too.
    parent = top.getparent()
    containers = [top]
    if parent is not None:
        containers = [
            sib for sib in parent
            if sib is top or scores.get(sib, 0.0) >= max(10.0, top_score * 0.2)
        ]  # fmt: skip
    lines: list[str] = []
    seen: set[str] = set()
    for container in containers:
        for text in _blocks(container):
            if text in seen or not _keep_line(text):
                continue
            seen.add(text)
            lines.append(text)
    return "\n\n".join(lines)
