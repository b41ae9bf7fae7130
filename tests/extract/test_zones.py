"""Zones: what class/id words say an element is for."""

from __future__ import annotations

import pytest
from lxml import etree

from newscrawl.extract import zones
from newscrawl.extract.layout import read_layout
from newscrawl.extract.parse import parse_html
from newscrawl.extract.zones import is_content_marker, words_zone, zone_of


@pytest.mark.parametrize(
    ("words", "zone"),
    [
        ("share-bar", "share"),
        ("post_share", "share"),
        ("shareholder", ""),
        ("hidden", "hidden"),
        ("hidden-xs col-md-4", ""),  # Bootstrap: visible on large screens
        ("post tag-politics category-news", ""),  # WordPress puts these on the article
        ("post-tags", "tags"),
        ("menu-item", "nav"),
        ("more-stories", "related"),
        ("PromoSmall-description", "promo"),
        ("teaser__author--list", "byline"),  # the last word of a compound decides
        ("comment-author vcard", "byline"),
        ("entry-meta", "meta"),
        ("article-body has-share", "content"),
        ("RichTextArticleBody", "content"),
        ("social-media-embed", "embed"),
        ("speakable-summary", "embed"),
        ("wp-block-heading", ""),
        ("col-md-8 main", ""),
        ("a2a_kit a2a_default_style", "share"),  # a digit inside a word
        ("story--body", "content"),  # runs of separators
        ("share_-_bar", "share"),
        ("post-12345", ""),
    ],
)
def test_words_zone(words: str, zone: str) -> None:
    assert words_zone(words) == zone


def _el(html: str) -> etree._Element:
    return etree.fromstring(html, etree.HTMLParser()).find("body")[0]


def test_zone_of_attributes() -> None:
    assert zone_of(_el("<div hidden><p>x</p></div>"), "div") == ("hidden", None)
    assert zone_of(_el('<div style="display: none">x</div>'), "div") == ("hidden", None)
    assert zone_of(_el('<span itemprop="author">x</span>'), "span") == ("byline", None)
    assert zone_of(_el('<div role="navigation">x</div>'), "div") == ("nav", None)
    assert zone_of(_el("<aside>x</aside>"), "aside") == ("aside", "")
    assert zone_of(_el('<div class="story-body">x</div>'), "div") == ("", "content")
    assert zone_of(_el('<div class="share-bar">x</div>'), "div") == ("share", "share")
    assert is_content_marker(_el('<div itemprop="articleBody">x</div>'))
    assert is_content_marker(_el('<div class="entry-content">x</div>'))
    assert not is_content_marker(_el('<div class="sidebar">x</div>'))


def test_the_layout_looks_up_an_elements_words_once(monkeypatch: pytest.MonkeyPatch) -> None:
    """The walk asks an element's zone and, for a container, whether it marks the article's
    body: its class and id words are looked up for both at once."""
    looked: list[etree._Element] = []
    attr_zone = zones._attr_zone

    def counted(el: etree._Element, names: list[str] | None = None) -> str:
        looked.append(el)
        return attr_zone(el, names)

    monkeypatch.setattr(zones, "_attr_zone", counted)
    paragraph = "<p>" + "A sentence of the invented story goes on. " * 4 + "</p>"
    layout = read_layout(
        parse_html(
            f'<html><body><div class="story-body">{paragraph}</div>'
            f'<section id="more">{paragraph}</section><div class="share-bar">Share</div>'
            "</body></html>"
        )
    )
    assert [el.get("class") for el in layout.content_markers] == ["story-body"]
    assert len(looked) == len(set(looked)) == 4  # the <body> too


_TOKENS = [
    "share-bar", "article-body", "social-embed", "hidden", "post-tags", "menu-item", "col-md-8",
    "PromoSmall", "teaser__author", "post-12345", "entry-meta", "tag", "wp-block", "", " ",
]  # fmt: skip


@pytest.mark.parametrize("cls", _TOKENS)
@pytest.mark.parametrize("ident", _TOKENS)
def test_class_and_id_are_looked_up_apart_as_if_joined(cls: str, ident: str) -> None:
    """The class and the id value are looked up one by one (ids are often unique): the
    zone is the one their words joined give, and so is the content marker."""
    el = etree.Element("div")
    if cls:
        el.set("class", cls)
    if ident:
        el.set("id", ident)
    joined = words_zone(f"{cls} {ident}")
    expected = "" if joined in ("content", "embed") else joined
    zone, words = zone_of(el, "div")
    assert zone == expected
    assert zone_of(el, "aside")[0] == (expected or ("" if joined else "aside"))
    assert is_content_marker(el) == is_content_marker(el, words) == (joined == "content")
