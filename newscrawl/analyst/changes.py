"""``newscrawl changes``: what changed in articles over time, as readable diffs (pure text).

Headlines are shown as a word diff; bodies paragraph by paragraph: unchanged paragraphs
are summarised, edited ones shown as a word diff (``[-removed-]{+added+}``), removed and
added ones with ``-`` and ``+``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from difflib import SequenceMatcher
from typing import TextIO

from newscrawl.store.versions import Change

#: Paragraphs this similar (0..1) are shown as one edited paragraph, else as removed + added.
EDITED = 0.5
_WORDS = re.compile(r"\S+|\s+")


def word_diff(old: str, new: str) -> str:
    """``old`` turned into ``new`` with removed words as [-…-] and added ones as {+…+}."""
    a, b = _WORDS.findall(old), _WORDS.findall(new)
    parts = []
    for tag, i1, i2, j1, j2 in SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if tag == "equal":
            parts.append("".join(a[i1:i2]))
            continue
        if tag in ("delete", "replace"):
            parts.append("[-" + "".join(a[i1:i2]) + "-]")
        if tag in ("insert", "replace"):
            parts.append("{+" + "".join(b[j1:j2]) + "+}")
    return "".join(parts)


def _paragraphs(text: str) -> list[str]:
    return [p.strip() for p in text.split("\n\n") if p.strip()]


def body_diff(old: str, new: str) -> list[str]:
    """Lines describing how body ``old`` became ``new``, paragraph by paragraph."""
    a, b = _paragraphs(old), _paragraphs(new)
    lines = []
    for tag, i1, i2, j1, j2 in SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if tag == "equal":
            count = i2 - i1
            lines.append(f"  … {count} unchanged paragraph{'s' if count > 1 else ''}")
            continue
        removed, added = a[i1:i2], b[j1:j2]
        while removed and added:
            before, after = removed[0], added[0]
            if SequenceMatcher(None, before, after, autojunk=False).ratio() < EDITED:
                break
            lines.append(f"~ {word_diff(before, after)}")
            removed, added = removed[1:], added[1:]
        lines += [f"- {p}" for p in removed] + [f"+ {p}" for p in added]
    return lines


def render_change(change: Change) -> str:
    """One change as text: where, when, the headline and the body diff."""
    lines = [
        f"== {change.url}",
        f"   {change.site}: changed at {change.replaced} "
        f"(previous version last fetched {change.old.fetched})",
    ]
    if change.old.headline != change.new.headline:
        lines.append(f"headline: {word_diff(change.old.headline, change.new.headline)}")
    else:
        lines.append(f"headline (unchanged): {change.new.headline}")
    if change.old.body != change.new.body:
        lines.append("body:")
        lines += body_diff(change.old.body, change.new.body)
    else:
        lines.append("body unchanged")
    return "\n".join(lines) + "\n"


def write_changes(changes: Iterable[Change], out: TextIO) -> int:
    """Print each change; the number printed."""
    count = 0
    for change in changes:
        out.write(("\n" if count else "") + render_change(change))
        count += 1
    if not count:
        out.write("No changes.\n")
    return count
