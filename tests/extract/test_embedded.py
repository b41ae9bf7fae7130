"""The last resort for an empty body: text declared in JSON-LD or shipped in script state."""

from __future__ import annotations

import json

import pytest

import newscrawl.extract.fallbacks
from newscrawl.extract.article import analyze_page
from newscrawl.extract.embedded import declared_body, embedded_body, script_body
from newscrawl.extract.fallbacks import settle_body
from newscrawl.extract.parse import parse_html

PARAGRAPHS = [
    "The harbor commission voted on Tuesday to keep the evening ferry running through the "
    "winter, after a long debate about the cost of fuel and the needs of island workers.",
    "Commissioners said the subsidy would be reviewed in the spring, when the new fuel "
    "contract is signed and the summer timetable is drawn up with the island council.",
    "Island workers who rely on the late crossing packed the meeting room and thanked the "
    "board after the vote, which passed by four votes to one.",
]
MARKUP = "".join(f'<p class="editor-p">{p}</p>' for p in PARAGRAPHS)


def _page(script: str, visible: str = "") -> str:
    return (
        '<html><head><meta property="og:type" content="article"></head>'
        f'<body><div id="__next">{visible}</div>{script}</body></html>'
    )


def test_html_in_a_json_state_block_is_read() -> None:
    state = json.dumps({"props": {"article": {"contentHtml": MARKUP, "id": 7}}})
    page = _page(f'<script type="application/json">{state}</script>')
    assert script_body(parse_html(page)).split("\n\n") == PARAGRAPHS


def test_html_in_json_inside_a_javascript_string_is_read() -> None:
    flight = json.dumps(json.dumps({"contentHtml": MARKUP}))  # JSON inside a JS string literal
    page = _page(f"<script>self.__next_f.push([1,{flight}])</script>")
    assert script_body(parse_html(page)).split("\n\n") == PARAGRAPHS


def test_short_or_markup_free_strings_are_not_an_article() -> None:
    prose = json.dumps({"teaser": " ".join(PARAGRAPHS)})  # prose, but no paragraph markup
    short = json.dumps({"html": "<p>Subscribe to our newsletter for the latest news today.</p>"})
    page = _page(f'<script type="application/json">{prose}</script><script>x={short}</script>')
    assert script_body(parse_html(page)) == ""


def test_declared_article_body_comes_first() -> None:
    ld = json.dumps({"@type": "NewsArticle", "articleBody": " ".join(PARAGRAPHS)})
    page = _page(f'<script type="application/ld+json">{ld}</script>')
    assert declared_body(parse_html(page)) == " ".join(PARAGRAPHS)
    assert embedded_body(page) == " ".join(PARAGRAPHS)


def test_an_empty_body_takes_the_embedded_text(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(newscrawl.extract.fallbacks, "other_body", lambda html, **kw: "")
    state = json.dumps({"contentHtml": MARKUP})
    page = _page(f'<script type="application/json">{state}</script>')
    blocks = analyze_page(page, "https://harbor.example/a", fallbacks=False).blocks
    assert blocks is not None
    settled = settle_body(page, "", 0.0, blocks)
    assert (settled.source, settled.text.split("\n\n")) == ("embedded", PARAGRAPHS)
    assert settle_body(_page(""), "", 0.0, blocks).text == ""
