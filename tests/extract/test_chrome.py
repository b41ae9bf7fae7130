"""Page chrome lines: taglines and republication notes open the line, contact lines and
selection disclaimers may stand anywhere in it."""

from __future__ import annotations

import pytest

from newscrawl.extract.chrome import is_chrome


@pytest.mark.parametrize(
    ("text", "chrome"),
    [
        ("Jane Doe covers city hall for The Courier.", True),
        ("Jane Doe is a senior staff writer for The Courier.", True),
        ("Officials say that Jane Doe covers the hearing.", False),  # a tagline opens the line
        ("Jane Doe is the Courier's weekend deals curator.", True),
        ("Jane Doe is an associate professor of geography at Riverbend College.", True),
        ("Is a visiting research fellow at the Harbor Institute.", True),  # the name apart
        ("The vote is the council's last before the summer.", False),
        ("This article originally appeared on Example News.", True),
        ("We said this article originally appeared elsewhere.", False),
        ("ORIGINALLY PUBLISHED ON Example News", True),
        ("Questions? Send tips to tips@example.com.", True),
        ("You can email her at jane@example.com", True),
        ("Stories on this site are automatically selected by a program.", True),
        ("Resend tips later", False),  # a word boundary before 'send'
        ("x" * 301 + " send tips", False),  # long lines are story text
    ],
)
def test_is_chrome(text: str, chrome: bool) -> None:
    assert is_chrome(text) is chrome
