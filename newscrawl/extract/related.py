"""Related-story links inside article pages ("Related", "Don't miss", "Up next", "More from")."""

from __future__ import annotations

import re

from lxml.etree import _Element

from newscrawl.extract.layout import Layout
from newscrawl.extract.links import absolute_links

_LABEL = re.compile(
    r"^(?:related(?: stories| articles| coverage| content| news| links| reading)?|don.?t miss|"
    r"up next|more from\b.{0,40}|more (?:stories|news|coverage|headlines|on this(?: story)?)|"
    r"read (?:more|next|also)|see also|also read|further reading|you (?:may|might) also like|"
    r"recommended(?: for you| stories)?|what to read next|keep reading|latest(?: news| stories)?|"
    r"trending(?: now)?|most (?:read|popular)|top stories|more in\b.{0,40}|mehr zum thema|"
    r"das könnte sie auch interessieren|à lire aussi|lire aussi)\s*:?$",
    re.I,
)
_LABEL_MAX = 60
_CLIMB = 4  # ancestors climbed from a label to the block holding its links


def _links_besides(container: _Element, label: _Element) -> bool:
    """True when the container holds a link outside the label ('Related' may be a link too)."""
    return any(a is not label and label not in a.iterancestors() for a in container.iter("a"))


def related_links(layout: Layout, base_url: str) -> list[str]:
    """Absolute URLs of links in related-story blocks, in page order, without repeats
    (``base_url``: what relative links resolve against, see :func:`links.base_url`)."""
    containers: list[_Element] = [el for el, zone in layout.zoned.items() if zone == "related"]
    for block in layout.blocks:
        if len(block.text) > _LABEL_MAX or not _LABEL.match(block.text):
            continue
        container = block.element
        for _ in range(_CLIMB):  # climb to the nearest block holding links besides the label
            parent = container.getparent()
            if parent is None:
                break
            container = parent
            if _links_besides(container, block.element):
                containers.append(container)
                break
    return absolute_links(containers, base_url)
