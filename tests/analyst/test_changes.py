"""Readable diffs of article changes."""

from __future__ import annotations

import io

from newscrawl.analyst.changes import body_diff, render_change, word_diff, write_changes
from newscrawl.store.versions import Change, Text


def test_word_diff() -> None:
    assert word_diff("Council votes 5-2 on levy", "Council votes 6-1 on levy") == (
        "Council votes [-5-2-]{+6-1+} on levy"
    )
    assert word_diff("same", "same") == "same"
    assert word_diff("", "new words") == "{+new words+}"


def test_body_diff_by_paragraph() -> None:
    old = "First paragraph stays.\n\nThe mayor said no.\n\nA paragraph that goes away entirely."
    new = "First paragraph stays.\n\nThe mayor said yes.\n\nA brand new closing note here."
    assert body_diff(old, new) == [
        "  … 1 unchanged paragraph",
        "~ The mayor said [-no.-]{+yes.+}",
        "- A paragraph that goes away entirely.",
        "+ A brand new closing note here.",
    ]


def test_rendered_change() -> None:
    change = Change(
        1,
        "http://127.0.0.2/story/",
        "127.0.0.2",
        "2025-03-18T10:15:00+00:00",
        Text("Old headline", "Body.", "2025-03-18T09:00:00+00:00"),
        Text("New headline", "Body.", "2025-03-18T10:15:00+00:00"),
    )
    text = render_change(change)
    assert text.splitlines() == [
        "== http://127.0.0.2/story/",
        "   127.0.0.2: changed at 2025-03-18T10:15:00+00:00 "
        "(previous version last fetched 2025-03-18T09:00:00+00:00)",
        "headline: [-Old-]{+New+} headline",
        "body unchanged",
    ]
    out = io.StringIO()
    assert write_changes([change, change], out) == 2
    assert out.getvalue().count("== ") == 2
    empty = io.StringIO()
    assert write_changes([], empty) == 0 and empty.getvalue() == "No changes.\n"
