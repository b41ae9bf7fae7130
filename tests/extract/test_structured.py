"""Structured data: JSON-LD graphs, arrays, references and broken JSON; meta; microdata."""

from __future__ import annotations

from newscrawl.extract.metadata import find_section
from newscrawl.extract.parse import parse_html
from newscrawl.extract.structured import ld_people, ld_text, read_structured


def _structured(head: str, body: str = ""):
    return read_structured(parse_html(f"<html><head>{head}</head><body>{body}</body></html>"))


def test_graph_with_author_reference() -> None:
    st = _structured(
        '<script type="application/ld+json">{"@graph": ['
        '{"@type": "Person", "@id": "#p1", "name": "Lena Brandt"},'
        '{"@type": "WebSite", "name": "Nordkurier"},'
        '{"@type": ["NewsArticle"], "headline": "H", "author": [{"@id": "#p1"}]}]}</script>'
    )
    assert ld_text(st.article, "headline") == "H"
    assert ld_people(st.article, st.ids) == (["Lena Brandt"], [])
    assert "Nordkurier" in st.site_names


def test_arrays_trailing_junk_and_comments() -> None:
    st = _structured(
        '<script type="application/ld+json"><!-- [{"@type": "Organization", "name": "Org"},'
        '{"@type": "BlogPosting", "headline": "Post", "datePublished": "2024-01-02",}] --></script>'
        '<script type="application/ld+json">{"@type": "NewsArticle", "headline": "X"}}</script>'
    )
    assert ld_text(st.article, "headline") in {"Post", "X"}
    assert {"blogposting", "newsarticle", "organization"} <= st.types


def test_invalid_json_is_ignored() -> None:
    st = _structured('<script type="application/ld+json">{not json</script>')
    assert st.article == {}


def test_meta_and_microdata() -> None:
    st = _structured(
        '<meta property="og:title" content="OG &amp;amp; title"><meta name="author" content="Jane Doe">'
        "<title>Page</title>",
        '<div itemscope itemtype="https://schema.org/NewsArticle">'
        '<span itemprop="author" itemscope itemtype="https://schema.org/Person">'
        '<span itemprop="name">John Roe</span></span>'
        '<time itemprop="datePublished" datetime="2024-05-06">May 6</time></div>',
    )
    assert st.first("og:title") == "OG & title"
    assert st.all("author") == ["Jane Doe"]
    assert st.microdata["author"] == ["John Roe"]
    assert st.microdata["datepublished"] == ["2024-05-06"]
    assert "newsarticle" in st.types
    assert st.title == "Page"


def test_properties_of_nested_items_are_not_the_pages() -> None:
    st = _structured(
        '<meta itemprop="dateModified" content="2024-05-07">',
        '<article itemscope itemtype="https://schema.org/ScholarlyArticle">'
        '<meta itemprop="author" content="Ana Ruiz"><ol><li itemprop="citation" itemscope '
        'itemtype="https://schema.org/ScholarlyArticle"><meta itemprop="author" content="B. Cited">'
        '<span itemprop="author">C. Cited</span></li></ol></article>',
    )
    assert st.all("author") == ["Ana Ruiz"]
    assert st.all("datemodified") == ["2024-05-07"]  # itemprop meta in <head>: the page's
    assert st.microdata["author"] == ["Ana Ruiz"]


def test_section_is_never_the_headline_or_a_sentence() -> None:
    st = _structured(
        '<meta property="article:section" content="Why the canal needs patience">'
        '<script type="application/ld+json">{"@type": "NewsArticle", "articleSection": "Opinion"}'
        "</script>"
    )
    assert find_section(st, "Why the Canal Needs Patience") == "Opinion"
    assert find_section(st) == "Why the canal needs patience"
    long = _structured(f'<meta property="article:section" content="{"word " * 20}">')
    assert find_section(long, "Headline") == ""
