"""Page chrome written as prose: lines at the start or end of a body that are not the story.

General classes, whatever the site: staff taglines ("Jane Doe covers city hall for The
Courier. Send tips to ..."), selection disclaimers ("Wire stories on this site are selected
by ..."), and republication notes ("This article originally appeared on ..."). Only short
lines at the edges of the body are tested: the same words inside the story stay.
"""

from __future__ import annotations

import re

_NAME = r"(?:[A-Z][\w.'’-]*\s){1,3}"
# Lines that open with chrome (tried at the start only) and lines that hold it anywhere: two
# patterns, so the anchored alternatives are not tried again at every position of the line.
_CHROME_START = re.compile(
    "|".join(
        [
            # staff taglines: "Jane Doe covers ...", "Jane Doe is a staff writer for ...",
            # "Jane Doe is the paper's deal curator", contributors' ("... is a senior lecturer
            # at ..."), the name in an element of its own ("Is a visiting fellow at ...")
            rf"{_NAME}(?:covers|reports on|writes about)\b",
            rf"(?:{_NAME})?is (?:an?|the|\w+['’]s) (?:[\w'’-]+ ){{0,3}}"
            r"(?:writer|reporter|correspondent|editor|journalist|columnist|intern|contributor|"
            r"curator|researcher|lecturer|professor|fellow)\b",
            # republication notes
            r"(?:this|the) (?:article|story|post|piece|report|column) (?:was |has been )?"
            r"(?:originally|first) (?:appeared|published|posted|ran)\b",
            r"(?:originally|first) (?:appeared|published|posted) (?:on|in|at|by)\b",
        ]
    ),
    re.I,
)
_CHROME_ANYWHERE = re.compile(
    "|".join(
        [
            # contact lines
            r"\b(?:send (?:news )?tips|(?:e-?mail|reach|contact) (?:him|her|them|the author)"
            r" at)\b",
            # selection disclaimers
            r"\b(?:stories|articles|content|news|posts) (?:on|in) this (?:site|page|website|"
            r"section|feed) (?:are|is|were|was|have been|has been) (?:automatically )?"
            r"(?:selected|chosen|curated|aggregated|provided)\b",
        ]
    ),
    re.I,
)
MAX_CHROME = 300  # longer lines are story text
HEAD, TAIL = 3, 5  # lines at the start and at the end of the body that are tested


def is_chrome(text: str) -> bool:
    """True for a short line of page chrome written as prose."""
    return len(text) <= MAX_CHROME and bool(
        _CHROME_START.match(text) or _CHROME_ANYWHERE.search(text)
    )


def without_chrome(lines: list[str]) -> list[int]:
    """Positions of the lines kept: chrome lines at either end of the body go."""
    n = len(lines)
    return [
        k for k, text in enumerate(lines) if not ((k < HEAD or k >= n - TAIL) and is_chrome(text))
    ]
