"""Body text: the paragraphs and in-body subheadings of the article, boilerplate left out.

Works on the page layout (text blocks with zones): the container holding the most article-like
text and the least link or menu text is chosen, then its blocks are filtered one by one.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Any

from lxml.etree import _Element

from newscrawl.extract.bylines import has_prefix, parse_byline
from newscrawl.extract.chrome import without_chrome
from newscrawl.extract.dates import is_date_line
from newscrawl.extract.layout import HEADING_TAGS, Block, Layout, path_zone
from newscrawl.extract.structured import Structured, node_types
from newscrawl.urls import domain_of, same_site

_BOILERPLATE_LINE = re.compile(
    r"^(?:read (?:more|next|also|the full story)|also read|see also|related(?: articles?| stories| coverage| content)?|"
    r"more (?:from|on|about|stories|news)|don.?t miss|up next|watch(?: now| next)?|listen(?: now)?|"
    r"recommended|you (?:may|might) (?:also )?like|trending(?: now)?|most (?:read|popular)|"
    r"advert(?:isement)?s?$|anzeige$|werbung$|iklan$|publicidad$|publicité$|pubblicità$|reklama$|"
    r"sponsored(?: content)?$|loading\b|"
    r"getting your .{0,40}player ready|listen to (?:this )?(?:article|story)|"
    r"share (?:this|on|via|the)|share$|tweet$|email$|print$|comments?$|"
    r"sign up|subscribe|click here|follow\b.{0,120}$|have a tip\b|support (?:our|local)|"
    r"help (?:support|us)|donate|(?:additional |with )?reporting by\b|(?:editing|edited) by\b|"
    r"copyright|©|\(c\) ?\d{4}|all rights reserved|"
    r"this (?:story|article) (?:has been|was) shared|we use cookies|"
    r"(?:image|photo|picture|video)(?: credit)?s?:|(?:foto|bild|quelle):|(?:source|sources|quelle|fuente)s? ?:.{0,60}$|"
    r"lesen sie (?:auch|mehr)|mehr zum thema|weiterlesen|à lire aussi|lire aussi|leer más|lee también|"
    r"\[\w+ [^\]]*=[^\]]*\]|\[/\w+\])",
    re.I,
)
# Short promotional or credit lines anywhere in the text.
_PROMO = re.compile(
    r"newsletter|subscribe|sign up|inbox|(?:earn|receive)s? (?:an? )?(?:small )?(?:affiliate )?commission|"
    r"affiliate links?|©|\((?:image|photo|picture|pic|credit|foto|bild)s?(?: credit)?:[^)]*\)$",
    re.I,
)
_PROMO_MAX = 160
_FOLLOW = re.compile(r"\bfollow (?:us|him|her|me|them) on \w+(?: \w+)? @\w", re.I)  # ... @handle
_BIO_MAX = 400
_SENTENCE_END = re.compile(r"[.!?…;\"'”’»)。！？」』]$")  # also CJK full stops and quotes
_BYLINE_LINE = 100  # longest line dropped as the article's byline
_SHORT_BYLINE = 60  # ... even when it names no person
_SENTENCE_WORDS = 7  # spaces in a short line that reads as a sentence
MIN_MARKED_TEXT = 150  # paragraph characters a marked article container must hold
ABOVE_HEADLINE = 4  # blocks above the headline that may hold a kicker, byline or date
NO_BODY_SPAN = 15  # blocks after the headline searched when no body was found
AFTER_BODY = 10  # blocks from the body's last line searched for "Posted by ... on ..." lines
# Table cells: two equal neighbouring cells ("0", "0") are data, not a repeated line.
_CELL_TAGS = frozenset({"td", "th"})
_SUBHEADINGS = HEADING_TAGS - {"h1"}
# Ends of a line that is a sentence or introduces what follows (a colon), for the body's end.
_CLOSED = re.compile(r"[.!?…;:\"'”’»)。！？」』）】]$")
_TRAILING_LABEL = 60  # longest line without a sentence end dropped at the body's end
_ITEM_TAGS = frozenset({"li", "td", "th", "dd", "dt"})
_FORM_TAGS = frozenset({"h1", "label", "legend"})
# Zones left out of the container choice but kept inside the chosen container (fact boxes).
_INNER_ZONES = frozenset({"aside"})
# Zones never read as the article's own element when no body was found.
_NEVER_LIFTED = frozenset({"hidden", "comment"})
# Paragraph text the container's repeated siblings must hold, against its own, to be taken.
TWIN_SHARE = 0.25
# Share of the best element's net article text a deeper element must hold to be chosen.
CORE_SHARE = 0.7
# ... the share an element that says it holds the article (``<article>``) must hold.
_CORE_SHARES = {"article": 0.5}
# A list the page repeats inside the container (comments, teasers): this many sibling items
# of one tag, each of at least ITEM_BLOCKS lines, one of them linked.
LIST_ITEMS = 3
ITEM_BLOCKS = 2
# Lines a picture's nearest element may hold for them to be its caption.
CAPTION_LINES = 2
_LIST_ITEM_TAGS = frozenset({"li", "div", "article", "section"})  # not a paragraph: <p> or <td>
# Elements that date or sign an item of a list: each item holding one is a post (a comment).
_SIGNED = ("time", "footer")


def _is_label(text: str) -> bool:
    """A short heading-like line without sentence punctuation ('Topics', 'More:')."""
    return len(text) <= 30 and not _SENTENCE_END.search(text.rstrip(":"))


def _is_bad(block: Block) -> bool:
    """Link lists and menus: short text that is mostly links, or text that is all links.

    A sentence of some length (ending in a full stop) may be mostly links and still be text.
    """
    text = block.text
    n = len(text)
    if n < 100 and not (text.count(" ") >= _SENTENCE_WORDS and _SENTENCE_END.search(text)):
        return block.link_chars > 0.5 * n
    return block.link_chars > 0.9 * n


def choose_container(layout: Layout) -> _Element | None:
    """The element whose subtree holds the most article text net of link/menu text.

    A marked article container (``itemprop=articleBody``, ``article-body``...) holding a fair
    amount of paragraph text is preferred over a larger element around it.
    """
    good: dict[_Element, int] = defaultdict(int)
    bad: dict[_Element, int] = defaultdict(int)
    depth: dict[_Element, int] = {}
    for block in layout.blocks:
        if block.zone:
            continue
        n = len(block.text)
        if block.is_paragraph:
            for i, el in enumerate(block.path):
                good[el] += n
                depth[el] = i
        elif _is_bad(block):
            for el in block.path:
                bad[el] += n
    if not good:
        return None

    def score(el: _Element) -> tuple[int, int]:
        return good[el] - bad.get(el, 0), depth[el]

    best = max(good, key=score)
    markers = [m for m in layout.content_markers if good.get(m, 0) >= MIN_MARKED_TEXT]
    if not markers:
        return _core(layout, best, score)
    marked = max(markers, key=score)
    if marked in best.iterancestors():  # the best text sits inside the marked container
        return best
    if best in marked.iterancestors() or score(marked)[0] >= 0.5 * score(best)[0]:
        return marked
    return best


def _core(layout: Layout, best: _Element, score: Callable[[_Element], tuple[int, int]]) -> _Element:
    """The deepest element inside ``best`` that holds its first paragraph and ``CORE_SHARE``
    of its net article text (an ``<article>`` element: half of it): the text the page adds
    after the article (a footer's disclaimer, a list of sources, comments) does not lift the
    container to a common ancestor."""
    first = next(b for b in layout.blocks if not b.zone and b.is_paragraph and best in b.path)
    below = first.path[first.path.index(best) + 1 :]
    top = score(best)[0]

    def holds(el: _Element) -> bool:
        return score(el)[0] >= _CORE_SHARES.get(el.tag, CORE_SHARE) * top

    return next((el for el in reversed(below) if holds(el)), best)


def is_boilerplate(text: str) -> bool:
    """A line of page furniture by its wording: "Read more", a date line, a promotion."""
    return bool(
        _BOILERPLATE_LINE.match(text.lstrip("( "))
        or is_date_line(text)
        or (len(text) <= _PROMO_MAX and _PROMO.search(text))
    )


def _keep(block: Block, headline_keys: set[str], links: bool = False) -> bool:
    """Whether a line of the chosen container belongs to the body (``links``: even if linked)."""
    text = block.text
    if block.tag in _FORM_TAGS or text.casefold() in headline_keys:
        return False  # the headline; a form control's label (a poll's options, a comment box)
    if not links and _is_bad(block):
        return False
    if is_boilerplate(text):
        return False
    if (
        len(text) <= _BYLINE_LINE
        and has_prefix(text)
        and (
            parse_byline(text).authors
            or (len(text) <= _SHORT_BYLINE and not _SENTENCE_END.search(text))
        )
    ):
        return False  # the byline, printed above or below the text ("von tennisnet.com")
    if len(text) <= _BIO_MAX and "@" in text and _FOLLOW.search(text):
        return False  # the author's bio: "Jane Doe's book ... Follow her on Twitter @janedoe."
    if "_" in text and " " not in text and text.strip("_"):  # icon names: "arrow_forward_ios"
        return False
    if len(text) < 3 and not text.isalnum():
        return False
    return not (block.tag in HEADING_TAGS and len(text) > 300)


@dataclass
class Body:
    """The article body and where it sits in the layout."""

    text: str = ""
    container: _Element | None = None
    first: int = -1  # index in layout.blocks of the first body line (-1: no body)
    last: int = -1  # index of the last body line
    lead: int = -1  # index of the first paragraph-like body line
    # elements of the container set apart as inserts (lists, repeated widgets): not the lead
    apart: frozenset[_Element] = frozenset()
    # index of the headline's own <h1> in the container: its lines above it are left out
    heading: int = -1


def _links_away(block: Block, url: str) -> bool:
    """True when the line links to another site (a product, a source), not to this one."""
    link = block.element.find(".//a[@href]")
    href = link.get("href", "") if link is not None else ""
    if not (url and href.startswith(("http://", "https://"))):
        return False
    return domain_of(href) != domain_of(url)


def _own_address(text: str, url: str) -> bool:
    """A line that is a bare address on the page's own site: a print header's URL."""
    bare = text.startswith(("http://", "https://")) and not any(c.isspace() for c in text)
    return bool(url) and bare and same_site(text, url)


def _zone_named_heading(layout: Layout, i: int, container: _Element, kept: list[int]) -> bool:
    """A subheading whose own class words name a zone ("widget-title", "toc_2", "subtitle")
    set between the article's paragraphs: no link, no zoned element around it, the body's
    last line a paragraph and a paragraph of the container right after it."""
    blocks = layout.blocks
    block = blocks[i]
    if not (kept and blocks[kept[-1]].is_paragraph):
        return False
    if block.tag not in _SUBHEADINGS or block.link_chars or i + 1 == len(blocks):
        return False
    if any(el in layout.zoned for el in block.path if el is not block.element):
        return False
    after = blocks[i + 1]
    return not after.zone and after.is_paragraph and container in after.path


def _twins(layout: Layout, container: _Element) -> frozenset[_Element]:
    """The container and the siblings the page repeats it as right before or after it (same
    tag and class, no other paragraph of the page between them): an article its CMS set in
    several text components, the parts split by ads, teasers or pictures. The parts must
    hold a fair share of the text (a licence line in a part of its own is no part)."""
    cls = container.get("class")
    parent = container.getparent()
    blocks = layout.blocks
    inside = [i for i, b in enumerate(blocks) if container in b.path]
    if not cls or parent is None or not inside:
        return frozenset([container])
    depth = blocks[inside[0]].path.index(container)
    found = {container}
    for span in (range(inside[-1] + 1, len(blocks)), range(inside[0] - 1, -1, -1)):
        for i in span:
            block = blocks[i]
            if not block.is_paragraph or block.zone or not found.isdisjoint(block.path):
                continue
            twin = block.path[depth] if len(block.path) > depth else None
            if twin is None or twin.getparent() is not parent or twin.tag != container.tag:
                break  # the page's other text: the article's parts end here
            if twin.get("class") != cls:
                break
            found.add(twin)
    own = more = 0
    for block in blocks:
        if block.is_paragraph and not block.zone and not found.isdisjoint(block.path):
            if container in block.path:
                own += len(block.text)
            else:
                more += len(block.text)
    return frozenset(found) if more >= TWIN_SHARE * own else frozenset([container])


def _listed(layout: Layout, container: _Element) -> frozenset[_Element]:
    """Items of a list set in the container apart from the article's lead: sibling elements
    of one tag and first class word, at least ``LIST_ITEMS`` of them, each of several lines
    with a link (a comment's author and reply link, a teaser's linked title), holding less
    paragraph text than the rest of the container. A list beside the lead (under an element
    that holds it) is the article's own parts; a list holding most of the text is the
    article (a gallery, an event listing), unless each item is signed (a ``<time>`` or a
    ``<footer>`` in it: comments that outweigh a short story). An item's lines in a zone
    (its ``<footer>``) count as its lines, not as its text. Found by structure alone, for
    markup whose class words name no zone."""
    lines: dict[_Element, int] = defaultdict(int)
    text: dict[_Element, int] = defaultdict(int)
    linked: set[_Element] = set()
    lead: _Element | None = None
    total = 0
    for block in layout.blocks:
        if container not in block.path:
            continue
        inner = block.path[block.path.index(container) + 1 :]
        n = len(block.text) if block.is_paragraph and not block.zone else 0
        total += n
        if lead is None and n:
            lead = block.element
        for el in inner:
            lines[el] += 1
            text[el] += n
            if block.link_chars:
                linked.add(el)
    if lead is None:
        return frozenset()
    groups: dict[tuple[_Element | None, str, str], list[_Element]] = defaultdict(list)
    for el, n in lines.items():
        if n >= ITEM_BLOCKS and el in linked and el.tag in _LIST_ITEM_TAGS:
            first = (el.get("class") or "").split()[:1]
            groups[el.getparent(), el.tag, first[0] if first else ""].append(el)
    ahead = set(lead.iterancestors())
    found: set[_Element] = set()
    for (parent, _tag, _cls), items in groups.items():
        if len(items) < LIST_ITEMS or parent in ahead:
            continue
        if 2 * sum(text[el] for el in items) < total or all(map(_signed, items)):
            found.update(items)
    return frozenset(found)


def _signed(item: _Element) -> bool:
    """Whether a list item holds an element that dates or signs it (``<time>``, ``<footer>``)."""
    return next(item.iter(*_SIGNED), None) is not None


def _captions(layout: Layout, container: _Element) -> frozenset[int]:
    """Lines set beside a picture: the nearest element above the line that holds an image
    (not one inside the line: an emoji) holds at most ``CAPTION_LINES`` lines. A caption
    or a gallery's slide in markup that names neither."""
    pictures: dict[_Element, int] = defaultdict(int)  # the images each element holds
    for parent in layout.pictured:
        for el in (parent, *parent.iterancestors()):
            pictures[el] += 1
    lines: dict[_Element, int] = defaultdict(int)
    inside = [i for i, b in enumerate(layout.blocks) if container in b.path]
    for i in inside:
        for el in layout.blocks[i].path:
            lines[el] += 1
    found = set()
    for i in inside:
        block = layout.blocks[i]
        if block.zone:
            continue
        up = block.path[block.path.index(container) + 1 : block.path.index(block.element)]
        own = pictures.get(block.element, 0)
        for el in reversed(up):
            if pictures.get(el, 0) > own:  # an image outside the line
                if lines[el] <= CAPTION_LINES and el.tag != "blockquote":
                    found.add(i)
                break
    text = sum(len(layout.blocks[i].text) for i in inside if not layout.blocks[i].zone)
    if 2 * sum(len(layout.blocks[i].text) for i in found) >= text:
        return frozenset()  # a story told in pictures: the captions are its text
    return frozenset(found)


def _repeated(layout: Layout, container: _Element) -> frozenset[_Element]:
    """Inserts that print a paragraph twice: for each paragraph-like line the container holds
    more than once, the nearest element holding every copy, where it holds less than half
    the container's paragraph text (a gallery whose viewer repeats its slides' captions, a
    prompt printed above and below a widget). A sentence the article itself repeats (a pull
    quote) has the container as the nearest element and stays."""
    copies: dict[str, list[Block]] = defaultdict(list)
    total = 0
    for block in layout.blocks:
        if container in block.path and block.is_paragraph and not block.zone:
            copies[block.text].append(block)
            total += len(block.text)
    found: set[_Element] = set()
    for same in copies.values():
        if len(same) < 2:
            continue
        shared = set(same[0].path).intersection(*(b.path for b in same[1:]))
        unit = max(shared, key=same[0].path.index)
        if unit is container:
            continue
        text = sum(
            len(b.text) for b in layout.blocks if unit in b.path and b.is_paragraph and not b.zone
        )
        if 2 * text < total:
            found.add(unit)
    return frozenset(found)


def _select(
    layout: Layout,
    container: _Element,
    headline_keys: set[str],
    url: str,
    apart: frozenset[_Element],
) -> list[int]:
    """Indexes of the container's lines that belong to the body, in order.

    ``apart``: the elements set apart as inserts (:func:`_listed`, :func:`_repeated`). A short
    label followed by boilerplate, an insert or a caption goes with it ("Related:" and a link
    list). A bare address of the page's own site (a print header) is left out. Captions
    (:func:`_captions`) are set apart once the body has a paragraph (the lines above it are
    the lead model's to judge). A subheading that links to another site (a product's name) is
    kept when a paragraph follows it; one linking within the site is a related story's
    headline.
    """
    blocks = layout.blocks
    kept: list[int] = []
    twins = _twins(layout, container)
    captions = _captions(layout, container)
    label = False  # the last kept line is a short label: dropped if boilerplate follows
    heading = -1  # a linked subheading waiting for its paragraph
    for i, block in enumerate(blocks):
        if twins.isdisjoint(block.path):
            continue
        caption = i in captions and any(blocks[k].is_paragraph for k in kept)
        if caption or not apart.isdisjoint(block.path):  # with the label heading them
            if label:
                kept.pop()
                label = False
            continue
        if (
            block.zone
            and block.zone not in _INNER_ZONES
            and not _zone_named_heading(layout, i, container, kept)
        ):
            continue
        if not _keep(block, headline_keys) or _own_address(block.text, url):
            if label and _is_bad(block):
                kept.pop()
                label = False
            heading = -1
            if block.tag in _SUBHEADINGS and _keep(block, headline_keys, links=True):
                heading = i if _links_away(block, url) else -1
            continue
        if heading >= 0 and block.is_paragraph:
            kept.append(heading)
        heading = -1
        if not kept or blocks[kept[-1]].text != block.text or block.tag in _CELL_TAGS:
            kept.append(i)
            label = _is_label(block.text)
    if label:
        kept.pop()
    return kept


def _dangling(blocks: list[Block], kept: list[int]) -> bool:
    """Whether the body's last line heads nothing: a subheading, or a short line without a
    sentence end right after a paragraph ("More information", "Recommended by the shop").

    Items of a list or table and lines of a quoted post (an embedded tweet's signature) stay,
    as does a short line after other short lines (the last of a list set in paragraphs).
    """
    block = blocks[kept[-1]]
    if block.tag in _SUBHEADINGS:
        return True
    if len(block.text) > _TRAILING_LABEL or _CLOSED.search(block.text) or block.tag in _ITEM_TAGS:
        return False
    if any(el.tag == "blockquote" for el in block.path):
        return False
    before = blocks[kept[-2]] if len(kept) > 1 else None
    return before is None or before.is_paragraph or before.tag in _SUBHEADINGS


BIO_MIN = 40  # shortest declared author description a line is matched against


def author_bios(structured: Structured) -> frozenset[str]:
    """The descriptions the page declares for its article's authors (JSON-LD ``Person``
    nodes): a body line opening with one is the author's bio, not the article."""
    people: list[Any] = [structured.article.get("author")]
    people += [n for n in structured.nodes if "person" in node_types(n)]
    found = set()
    for person in people:
        for one in person if isinstance(person, list) else [person]:
            text = one.get("description") if isinstance(one, dict) else None
            if isinstance(text, str) and len(" ".join(text.split())) >= BIO_MIN:
                found.add(" ".join(text.split()))
    return frozenset(found)


def _own_heading(layout: Layout, container: _Element, headline_keys: set[str]) -> int:
    """Index of the headline's own ``<h1>`` in the container (-1: none): what the container
    prints above it (a print header, a notice, a rubric's teaser) is not the article."""
    return next(
        (
            i
            for i, block in enumerate(layout.blocks)
            if block.tag == "h1"
            and block.text.casefold() in headline_keys
            and container in block.path
        ),
        -1,
    )


def find_body(
    layout: Layout, headline: str = "", url: str = "", bios: frozenset[str] = frozenset()
) -> Body:
    """The article body: paragraphs and subheadings separated by a blank line; lines opening
    with a declared author description (``bios``) or above the headline's own ``<h1>`` left
    out."""
    container = choose_container(layout)
    if container is None:
        return Body()
    headline_keys = {headline.casefold()} if headline else set()
    apart = _listed(layout, container) | _repeated(layout, container)
    heading = _own_heading(layout, container, headline_keys)
    indexes = [i for i in _select(layout, container, headline_keys, url, apart) if i > heading]
    blocks = layout.blocks
    indexes = [indexes[k] for k in without_chrome([blocks[i].text for i in indexes])]
    indexes = [i for i in indexes if not blocks[i].text.startswith(tuple(bios))]
    if not indexes:
        return Body(container=container, apart=apart, heading=heading)
    last = indexes[-1]  # signatures and dates are looked for from here, dropped labels included
    count = len(indexes)
    while count > 1 and _dangling(blocks, indexes[:count]):
        count -= 1
    indexes = indexes[:count]
    lead = next((i for i in indexes if blocks[i].is_paragraph), indexes[0])
    text = "\n\n".join(blocks[i].text for i in indexes)  # the loader cleans each paragraph
    return Body(text, container, indexes[0], last, lead, apart, heading)


def _lifted(layout: Layout, head: int) -> set[_Element]:
    """Zone-marked elements that read as the article itself: an ``<article>`` element, or one
    holding the page's headline. Their zone came from class words that describe the post
    (WordPress's ``has-post-thumbnail`` or ``podcast`` on the post's ``<article>``, a paywall
    flag), not from its role; comments and hidden elements are never the article."""
    around = set(layout.blocks[head].path) if head >= 0 else set()
    return {
        el
        for el, zone in layout.zoned.items()
        if zone not in _NEVER_LIFTED and (el.tag == "article" or el in around)
    }


def lifted_layout(layout: Layout, head: int) -> Layout | None:
    """The layout with the article's own zone-marked elements read as unmarked (None: the
    page has none), for a page where no body was found in the unmarked text."""
    lifted = _lifted(layout, head)
    if not lifted:
        return None
    zoned = {el: zone for el, zone in layout.zoned.items() if el not in lifted}
    blocks = [replace(block, zone=path_zone(block.path, zoned)) for block in layout.blocks]
    return Layout(
        blocks, layout.content_markers, layout.times, layout.bylines, zoned, layout.pictured
    )


def rescued_body(
    layout: Layout, body: Body, head: int, headline: str = "", url: str = ""
) -> tuple[Layout, Body]:
    """The body, and the layout it was found in: where none was found in the unmarked text,
    the one found with the article's own zone-marked elements read as unmarked
    (:func:`lifted_layout`)."""
    if body.text:
        return layout, body
    lifted = lifted_layout(layout, head)
    if lifted is None:
        return layout, body
    found = find_body(lifted, headline, url)
    return (lifted, found) if found.text else (layout, body)


def head_span(layout: Layout, head: int, body: Body, into_body: int = 1) -> range:
    """Block indexes from a little above the headline down to the first body paragraph.

    Bylines and dates sit there (``into_body`` blocks of the body are included). Without a
    body, a fixed number of blocks after the headline; without either, a short page's blocks.
    """
    count = len(layout.blocks)
    if body.lead >= 0:
        start, end = (min(body.lead, head), max(body.lead, head)) if head >= 0 else (body.lead,) * 2
        return range(max(0, start - ABOVE_HEADLINE), min(count, end + into_body))
    if head >= 0:
        return range(max(0, head - ABOVE_HEADLINE), min(count, head + NO_BODY_SPAN))
    return range(min(count, NO_BODY_SPAN))


def tail_span(layout: Layout, body: Body, zones: frozenset[str]) -> list[int]:
    """Indexes of the body's last line and the first few blocks in ``zones`` after it.

    Signatures ("Autor: Jane Doe") and "Posted by ... on ..." lines sit there.
    """
    found: list[int] = []
    if body.last < 0:
        return found
    for i in range(body.last, len(layout.blocks)):
        if layout.blocks[i].zone in zones:
            found.append(i)
            if len(found) >= AFTER_BODY:
                break
    return found
