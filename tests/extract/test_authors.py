"""Authors on whole pages: where a page names its authors, and what is not a name."""

from __future__ import annotations

from newscrawl.extract import extract_article

PARAGRAPH = "The district council approved the new cycle lanes after a long debate on Monday."
URL = "https://news.example/politik/radwege"


def page(head: str = "", top: str = "", bottom: str = "") -> str:
    return (
        f"<html><head>{head}</head><body><article><h1>Neue Radwege beschlossen</h1>{top}"
        f"<p>{PARAGRAPH}</p><p>{PARAGRAPH} Again.</p>{bottom}</article></body></html>"
    )


def test_author_element_marked_in_german() -> None:
    top = (
        "<div class='post-meta'><span class='content-autor'><a href='/autoren/a'>Clara Beispiel"
        "</a>, <a href='/autoren/b'>Tom Muster</a> &amp; <a href='/autoren/c'>Ina Probe</a>"
        "</span></div>"
    )
    fields = extract_article(page(top=top), URL)
    assert fields["authors"] == ["Clara Beispiel", "Tom Muster", "Ina Probe"]


def test_declared_domain_is_not_a_name() -> None:
    head = "<meta name='author' content='jungezeitung.de'>"
    assert extract_article(page(head=head), URL)["authors"] == []
    head = "<meta name='author' content='clara.beispiel'>"
    assert extract_article(page(head=head), URL)["authors"] == ["Clara Beispiel"]


def test_item_of_a_table_of_contents_is_not_a_bare_name() -> None:
    toc = "".join(
        f"<li><a href='#s{i}'>{t}</a></li>" for i, t in enumerate(["Example Data", "Two", "Three"])
    )
    assert extract_article(page(top=f"<ul>{toc}</ul>"), URL)["authors"] == []
    assert extract_article(page(top="<p>Clara Beispiel</p>"), URL)["authors"] == ["Clara Beispiel"]


def test_copyright_holder_of_a_personal_site_named_after_them() -> None:
    bottom = "<footer><p>Copyright (c) 2012- Clara Beispiel. All rights reserved.</p></footer>"
    html = page(bottom=bottom)
    assert extract_article(html, "https://clarabeispiel.example/blog/radwege")["authors"] == [
        "Clara Beispiel"
    ]
    site = "<meta property='og:site_name' content='Clara Beispiel'>"  # declared: the site's name
    html = page(head=site, bottom=bottom)
    assert extract_article(html, "https://clarabeispiel.example/blog/radwege")["authors"] == []


def test_agency_credited_in_the_dateline_when_no_byline() -> None:
    html = (
        "<html><body><article><h1>Neue Radwege beschlossen</h1>"
        f"<p>HAFENSTADT (dpa/lno) – {PARAGRAPH}</p><p>{PARAGRAPH} Again.</p>"
        "</article></body></html>"
    )
    fields = extract_article(html, URL)
    assert (fields["byline"], fields["authors"]) == ("dpa/lno", [])
    signed = html.replace(
        "<h1>Neue Radwege beschlossen</h1>", "<h1>Neue Radwege</h1><p>Von Ina Probe</p>"
    )
    assert extract_article(signed, URL)["authors"] == ["Ina Probe"]
