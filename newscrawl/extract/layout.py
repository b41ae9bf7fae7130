"""One walk over the page body: the text blocks a reader sees, each with its zone and ancestors.

Every later layer (body, byline, dates, headline) works from this list instead of walking the
tree again. Scripts, styles and other invisible elements are removed from the tree first.
"""

from __future__ import annotations

from dataclasses import dataclass

from lxml import etree
from lxml.etree import _Element

from newscrawl.extract.text import drop_invisible, element_text, ends_with
from newscrawl.extract.zones import DROPPED_ZONES, is_content_marker, zone_of

# Elements whose content is never visible text.
INVISIBLE_TAGS = (
    "script", "style", "noscript", "template", "svg", "math", "iframe", "object", "embed",
    "canvas", "video", "audio", "map", "select", "textarea", "button", "input", "datalist",
    "dialog", "head", "title", "meta", "link", "source", "track", "img", "picture",
)  # fmt: skip
# Elements that start a new line of text (everything else is inline).
BLOCK_TAGS = frozenset(
    {
        "p", "div", "section", "article", "main", "header", "footer", "aside", "nav", "h1",
        "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li", "dl", "dt", "dd", "table", "tbody",
        "thead", "tfoot", "tr", "td", "th", "caption", "blockquote", "pre", "figure",
        "figcaption", "form", "fieldset", "legend", "address", "hr", "center", "details",
        "summary", "hgroup", "body", "html", "menu", "label", "option", "frameset", "frame",
    }
)  # fmt: skip
HEADING_TAGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
# Elements that may hold a whole article body (a marked <p class="bodytext"> holds one paragraph).
_CONTAINER_TAGS = frozenset({"div", "section", "article", "main", "td", "body", "font", "center"})
# A zone-marked element holding this share of the page's paragraph text in at least this many
# paragraphs wraps the article: it is not boilerplate.
WRAPPER_SHARE = 0.5
WRAPPER_PARAGRAPHS = 3
_NEVER_WRAPPERS = frozenset({"comment", "hidden"})
_CLUSTER_LINKS = 3  # links in an inline element of nothing but links that is not text
_TEXT_OUTSIDE_LINKS = etree.XPath("boolean(.//text()[normalize-space()][not(ancestor::a)])")
_SENTENCE_ENDS = frozenset(".!?…:;\"'”’»)。！？」』")  # also CJK full stops and quotes


def _link_cluster(el: _Element) -> bool:
    """An inline element of links only, several of them: a hover card or tag list in a sentence.

    ``<p>... Rep. <span><a>Jane Doe</a><span><a>Story</a> <a>Story</a> <a>More</a></span></span>
    said ...</p>``: the card is shown on hover, it is not part of the sentence.
    """
    for count, _ in enumerate(el.iter("a"), 1):
        if count >= _CLUSTER_LINKS:
            return not _TEXT_OUTSIDE_LINKS(el)
    return False


def _holds_main(el: _Element) -> bool:
    """Whether the page's ``<main>`` element is inside this one."""
    return next(el.iter("main"), None) is not None


def _article_fallback(noscript: _Element) -> bool:
    """Whether a ``<noscript>`` holds the article's paragraphs that a script renders: it is
    inside an article-body container whose only paragraphs are its own."""
    paragraphs = sum(1 for _ in noscript.iter("p"))
    if not paragraphs:
        return False
    marker = next((el for el in noscript.iterancestors() if is_content_marker(el)), None)
    return marker is not None and sum(1 for _ in marker.iter("p")) == paragraphs


def paragraph_like(text: str, link_chars: int) -> bool:
    """Article-like text: long enough and mostly not links."""
    n = len(text)
    return link_chars <= 0.33 * n and (
        n >= 80 or (n >= 30 and ends_with(text.rstrip(), _SENTENCE_ENDS))
    )


@dataclass(slots=True)
class Block:
    """A run of text between two line breaks, as a browser would render it."""

    text: str
    tag: str  # tag of the nearest block-level ancestor ("p", "h2", "li", "div"...)
    element: _Element  # that ancestor
    # open elements from <body> down to the text, and the inline boilerplate element
    # (<span class="caption">) when it holds all of the text
    path: tuple[_Element, ...]
    link_chars: int  # characters inside <a> elements
    # paragraph_like(text, link_chars): found when the block is made (a plain attribute:
    # the layers ask it hundreds of times a page)
    is_paragraph: bool
    zone: str = ""  # "" for content, else the zone of the nearest zone-marked ancestor


@dataclass
class Layout:
    """The visible text of a page as blocks, and the elements later layers look up.

    ``times`` holds the page's ``<time>`` elements as (index of the next block, block whose
    text is the ``datetime`` attribute or the element's text); ``bylines`` the elements marked
    as byline/author (inline ones too) as (index of the next block, element); ``zoned`` maps
    zone-marked elements to their zone.
    """

    blocks: list[Block]
    content_markers: list[_Element]
    times: list[tuple[int, Block]]
    bylines: list[tuple[int, _Element]]
    zoned: dict[_Element, str]
    pictured: frozenset[_Element] = frozenset()  # the elements an image sat in, directly


#: Tags whose start and end break the line (block elements, and ``<br>``).
_BREAKS = BLOCK_TAGS | {"br"}
_MENU_TAGS = frozenset({"nav", "menu"})


class _Walker:
    """One walk's results: the blocks and the elements later layers look up."""

    def __init__(self) -> None:
        self.blocks: list[Block] = []
        self.markers: list[_Element] = []
        self.zoned: dict[_Element, str] = {}
        self.times: list[tuple[int, Block]] = []
        self.bylines: list[tuple[int, _Element]] = []

    def emit(self, parts: list[str], links: int, zones: set[_Element | None],
             owners: list[_Element], stack: list[_Element]) -> None:  # fmt: skip
        """A block of the run ``parts`` (holding words): ``links`` characters of it in
        links, ``zones`` the inline boilerplate element of each piece (None: none)."""
        text = "".join(parts)
        if not text.isascii():
            text = drop_invisible(text)
        text = " ".join(text.split())
        if text and owners:
            owner = owners[-1]
            path = tuple(stack)
            if len(zones) == 1 and None not in zones:
                path += tuple(zones)  # <p><span class="caption">...</span></p>: a caption
            links = min(links, len(text))
            block = Block(text, owner.tag, owner, path, links, paragraph_like(text, links))
            self.blocks.append(block)

    def walk(self, body: _Element) -> None:
        """Walk ``body``: its text runs between line breaks become blocks.

        One loop with its state in local variables (the walk's hot path: every element of
        the page passes here twice). A run's white space before its first word is not kept
        (the block's text is split at white space). An element that hides its subtree is
        not pushed on the stack of open elements, so at its end it is not on top.
        """
        stack: list[_Element] = []  # open elements from <body> down
        owners: list[_Element] = []  # open block elements: the owner of a run is the last
        parts: list[str] = []  # the pending run, from its first word
        part_links = 0  # characters of the run inside links
        part_zones: set[_Element | None] = set()  # inline_zone of each piece of the run
        links = 0  # depth of open <a> elements
        inline_zone: _Element | None = None  # outermost open inline boilerplate element
        blocks, zoned = self.blocks, self.zoned
        walker = etree.iterwalk(body, events=("start", "end"))
        for event, el in walker:
            tag = el.tag
            if parts and tag in _BREAKS:
                self.emit(parts, part_links, part_zones, owners, stack)
                parts, part_links, part_zones = [], 0, set()
            if event == "start":
                if tag == "br" or not isinstance(tag, str):
                    continue
                block = tag in BLOCK_TAGS
                zone, words = zone_of(el, tag) if stack else ("", None)
                if zone:
                    if zone == "hidden" or (zone == "nav" and tag in _MENU_TAGS):
                        if not _holds_main(el):
                            zoned[el] = zone
                            walker.skip_subtree()
                            continue
                        # broken markup left the page's <main> inside a menu or a hidden element
                        zone = ""
                    else:
                        zoned[el] = zone
                if not block and tag != "a" and parts and _link_cluster(el):
                    walker.skip_subtree()
                    continue
                if zone:
                    if zone in DROPPED_ZONES and not block and inline_zone is None:
                        inline_zone = el
                    if zone == "byline":
                        self.bylines.append((len(blocks), el))
                elif tag in _CONTAINER_TAGS and is_content_marker(el, words):
                    self.markers.append(el)
                stack.append(el)
                if block:
                    owners.append(el)
                elif tag == "a":
                    links += 1
                elif tag == "time":
                    value = el.get("datetime") or element_text(el)
                    time = Block(value, tag, el, tuple(stack), 0, paragraph_like(value, 0))
                    self.times.append((len(blocks), time))
                text = el.text
            else:
                if stack and stack[-1] is el:
                    if tag in BLOCK_TAGS:
                        owners.pop()
                    elif tag == "a":
                        links -= 1
                    if el is inline_zone:
                        inline_zone = None
                    stack.pop()
                text = el.tail
            if text:
                if not text.isspace():
                    parts.append(text)
                    part_zones.add(inline_zone)
                    if links:
                        part_links += len(text.strip())
                elif parts:
                    parts.append(text)
        if parts:
            self.emit(parts, part_links, part_zones, owners, stack)

    def assign_zones(self) -> None:
        """Give each block the zone of its nearest zone-marked ancestor.

        A boilerplate zone (comment, related...) wins over the zones inside it. A zone-marked
        element holding at least half of the page's paragraph text in several paragraphs wraps
        the article (``<div class="content-with-sidebar">``): it marks no zone.
        """
        if not self.zoned:
            return
        held: dict[_Element, int] = dict.fromkeys(self.zoned, 0)
        count: dict[_Element, int] = dict.fromkeys(self.zoned, 0)
        total = 0
        for block in self.blocks:
            if block.is_paragraph:
                n = len(block.text)
                total += n
                for el in block.path:
                    if el in held:
                        held[el] += n
                        count[el] += 1
        wrappers = {
            el
            for el, n in held.items()
            if n >= WRAPPER_SHARE * total
            and count[el] >= WRAPPER_PARAGRAPHS
            and self.zoned[el] not in _NEVER_WRAPPERS
        }
        for el in wrappers:
            del self.zoned[el]
        zoned = self.zoned
        for block in (*self.blocks, *(block for _, block in self.times)):
            block.zone = path_zone(block.path, zoned)


def path_zone(path: tuple[_Element, ...], zoned: dict[_Element, str]) -> str:
    """The zone of a block on ``path``: its nearest zone-marked ancestor's, except that a
    boilerplate zone wins over the zones inside it (a byline inside a comment)."""
    found = ""
    for el in path:
        zone = zoned.get(el)
        if zone:
            found = zone
            if zone in DROPPED_ZONES:
                break
    return found


def visible_text(el: _Element, layout: Layout, skipped: frozenset[str]) -> str:
    """An element's text, a space between its inline elements, without zones in ``skipped``.

    For short elements such as bylines: 'Von' + 'Jane Doe' gives 'Von Jane Doe' where the
    rendered block text may read 'VonJane Doe'.
    """
    parts: list[str] = []
    walker = etree.iterwalk(el, events=("start", "end"))
    for event, node in walker:
        if event == "start":
            if node is not el and layout.zoned.get(node) in skipped:
                walker.skip_subtree()
            elif node.text:
                parts.append(node.text)
        elif node is not el and node.tail:
            parts.append(node.tail)
    return " ".join(" ".join(parts).split())


def read_layout(root: _Element) -> Layout:
    """Walk ``<body>`` once and return its text blocks (invisible elements are removed)."""
    body = root.find("body")
    if body is None:
        body = root
    pictured = frozenset(img.getparent() for img in body.iter("img", "picture"))
    for fallback in [el for el in body.iter("noscript") if _article_fallback(el)]:
        etree.strip_tags(fallback.getparent(), "noscript")
    etree.strip_elements(body, *INVISIBLE_TAGS, etree.Comment, etree.PI, with_tail=False)
    w = _Walker()
    w.walk(body)
    w.assign_zones()
    return Layout(w.blocks, w.markers, w.times, w.bylines, w.zoned, pictured)
