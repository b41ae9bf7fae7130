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


def test_first_name_byline_takes_the_full_name_printed_outside_the_text() -> None:
    top = "<div class='byline'>Von <a rel='author' href='/author/clara'>Clara</a></div>"
    bottom = "<aside><h3>Mehr von Clara Beispiel</h3></aside>"
    assert extract_article(page(top=top, bottom=bottom), URL)["authors"] == ["Clara Beispiel"]


def test_initials_byline_takes_the_full_name_they_stand_for() -> None:
    top = "<div class='byline'>Posted by <a rel='author' href='/author/cb'>CB</a></div>"
    bottom = "<footer><p>Ein Blog von Clara Beispiel, seit 2012.</p></footer>"
    assert extract_article(page(top=top, bottom=bottom), URL)["authors"] == ["Clara Beispiel"]


def test_short_name_not_completed_from_comments_or_the_site_name() -> None:
    top = "<div class='byline'>Von <a rel='author' href='/author/clara'>Clara</a></div>"
    comment = "<div class='comments'><div class='comment'><p>Clara Sagt: gut!</p></div></div>"
    assert extract_article(page(top=top, bottom=comment), URL)["authors"] == ["Clara"]
    top = "<div class='byline'>Von <span class='author'>Radwelt</span></div>"
    bottom = "<aside><p>Radwelt Stellenmarkt</p></aside>"
    html = page(top=top, bottom=bottom)
    assert extract_article(html, "https://radwelt.example/a/1")["authors"] == ["Radwelt"]


def test_credits_after_the_body_give_way_to_the_declared_authors() -> None:
    head = (
        '<script type="application/ld+json">{"@type": "NewsArticle", "headline": "Neue Radwege",'
        ' "author": [{"@type": "Person", "name": "Clara Beispiel"}]}</script>'
    )
    more = "".join(f"<p>{PARAGRAPH} Part {i}.</p>" for i in range(6))
    bottom = more + "<div class='byline'>Clara Beispiel, Tom Muster, Ina Probe</div>"
    assert extract_article(page(head=head, bottom=bottom), URL)["authors"] == ["Clara Beispiel"]


def test_author_of_a_declared_how_to_on_a_page_without_an_article_node() -> None:
    head = (
        '<script type="application/ld+json">{"@type": "HowTo", "name": "Neue Radwege",'
        ' "author": {"@type": "Person", "name": "clara.beispiel"}}</script>'
        '<script type="application/ld+json">{"@type": "Organization", "name": "Radwelt",'
        ' "author": {"@type": "Person", "name": "Tom Muster"}}</script>'
    )
    assert extract_article(page(head=head), URL)["authors"] == ["Clara Beispiel"]


def test_prose_with_von_loses_to_the_declared_author_a_byline_element_shows() -> None:
    head = "<meta name='author' content='Clara Beispiel'>"
    top = (
        "<h2>6 Zahlen, die die Größe von Evergrande, Chinas hoch verschuldeten Riesen zeigen</h2>"
        "<div class='author'>Clara Beispiel</div>"
    )
    assert extract_article(page(head=head, top=top), URL)["authors"] == ["Clara Beispiel"]
    top = "<div class='author'>Clara Beispiel</div><p>Von Tom Muster</p>"
    assert extract_article(page(head=head, top=top), URL)["authors"] == ["Tom Muster"]


def test_account_that_saved_the_post_only_when_no_byline_names_anyone() -> None:
    account = "<p class='submitted'>Gespeichert von cbeispiel am 24. Juli 2017 - 18:55</p>"
    assert extract_article(page(top=account), URL)["byline"] == "By cbeispiel"
    byline = "<div class='byline'>Tom Muster</div>"
    assert extract_article(page(top=account + byline), URL)["authors"] == ["Tom Muster"]


def test_declared_co_authors_a_printed_byline_leaves_out() -> None:
    head = (
        '<script type="application/ld+json">{"@type": "NewsArticle", "headline": "Neue Radwege",'
        ' "author": [{"@type": "Person", "name": "Clara Beispiel"},'
        ' {"@type": "Person", "name": "Tom Muster"}]}</script>'
    )
    fields = extract_article(page(head=head, top="<p>Von Clara Beispiel</p>"), URL)
    assert fields["authors"] == ["Clara Beispiel", "Tom Muster"]
    # a byline naming none of the declared people does not take them on
    fields = extract_article(page(head=head, top="<p>Von Ina Probe</p>"), URL)
    assert fields["authors"] == ["Ina Probe"]


def test_hangul_names_declared_with_a_role() -> None:
    head = "<meta name='author' content='이서준 기자'>"
    assert extract_article(page(head=head), URL)["authors"] == ["이서준"]


def test_author_label_without_a_colon_below_the_headline() -> None:
    top = "<div class='credit'>Foto: Tom Muster</div><p class='author'>Autor Clara Beispiel:</p>"
    assert extract_article(page(top=top), URL)["authors"] == ["Clara Beispiel"]


def test_declared_author_with_a_web_address_is_the_site() -> None:
    head = "<meta name='author' content='Radwelt Nachrichten (www.radwelt.example)'>"
    more = "".join(f"<p>{PARAGRAPH} Part {i}.</p>" for i in range(6))
    bottom = more + "<ul class='info'><li><strong>Autorin/Autor</strong> Clara Beispiel</li></ul>"
    fields = extract_article(page(head=head, bottom=bottom), URL)
    assert fields["authors"] == ["Clara Beispiel"]


def test_signing_codes_in_an_element_marked_as_author() -> None:
    top = "<p class='post-meta'><span class='post-author'><a href='/author/xy/'>xy</a></span></p>"
    fields = extract_article(page(top=top), URL)
    assert fields["authors"] == []  # no person's name: the byline text holds the code
    assert fields["byline"] == "By xy"


# Pages whose markup names nothing and which declare no author (issue 10, wmeta11): only
# the printed page's structure says who wrote the article.
PLAIN = (
    "<html><head><title>{title}</title>{meta}</head><body>{top}<h1>{h1}</h1>{under}{paragraphs}"
    "</body></html>"
)
PARAGRAPHS = f"<p>{PARAGRAPH}</p><p>{PARAGRAPH} Again.</p><p>{PARAGRAPH} Once more.</p>"


def plain(
    under: str, h1: str = "Neue Radwege beschlossen", title: str = "", meta: str = "", top: str = ""
) -> str:
    title = title or h1
    return PLAIN.format(title=title, meta=meta, top=top, h1=h1, under=under, paragraphs=PARAGRAPHS)


def test_by_line_with_a_date_glued_to_the_names() -> None:
    for line in ("Par Clara Beispiel le 07 Mai 2020", "By Clara Beispiel 8 January 2020, 3:51 pm"):
        fields = extract_article(plain(f"<div>{line}</div>"), URL)
        assert fields["authors"] == ["Clara Beispiel"], line


def test_name_glued_to_a_date_below_the_headline() -> None:
    for line in ("28. Jan. 2022 Clara Beispiel", "September 17, 2019 Clara Beispiel 0"):
        fields = extract_article(plain(f"<div>{line}</div>"), URL)
        assert fields["authors"] == ["Clara Beispiel"], line


def test_rubric_glued_to_a_date_above_the_headline_is_no_name() -> None:
    page = plain("", top="<div>Pressemitteilung Aktuell 02. November 2021</div>")
    assert extract_article(page, URL)["authors"] == []


def test_line_of_full_names_below_the_headline() -> None:
    fields = extract_article(plain("<div>Clara Beispiel, Tom Muster y Ina Probe</div>"), URL)
    assert fields["authors"] == ["Clara Beispiel", "Tom Muster", "Ina Probe"]


def test_bare_name_beside_a_dated_line() -> None:
    under = "<div>Eine Unterzeile.</div><p>Bild: Archiv</p><p>Ton: Archiv</p>"
    under += "<div>Clara R. Beispiel</div><div>Bremen - 15 oct 2024 - 08:22</div>"
    assert extract_article(plain(under), URL)["authors"] == ["Clara R. Beispiel"]
    # a button in capitals beside the date is no name
    under = "<div>Eine Unterzeile.</div><p>Bild: Archiv</p><p>Ton: Archiv</p>"
    under += "<div>Bremen - 15 oct 2024 - 08:22</div><div>ABONE OL</div>"
    assert extract_article(plain(under), URL)["authors"] == []


def test_byline_by_the_heading_above_the_lead_when_the_title_is_printed_nowhere() -> None:
    under = "<p>Von</p><ul><li>Clara Beispiel</li></ul><p>Bild: Archiv</p><p>Ton: Archiv</p>"
    under += "<div>Eine Unterzeile.</div><div>Noch eine Zeile.</div>"
    title = "Radwege: Der Rat stimmt zu"  # declared for search engines, printed nowhere
    meta = f"<meta property='og:title' content='{title}'>"
    fields = extract_article(plain(under, title=title, meta=meta), URL)
    assert fields["authors"] == ["Clara Beispiel"]


def test_greeting_below_the_headline_is_no_name() -> None:
    assert extract_article(plain("<p>Liebe Leserin,</p>"), URL)["authors"] == []


def test_plain_by_line_in_a_toolbar_between_headline_and_lead() -> None:
    bar = "<div class='toolbar'><p>12 de mayo de 2024</p><p>Por Clara Beispiel</p></div>"
    assert extract_article(plain(bar), URL)["authors"] == ["Clara Beispiel"]
    # a photo credit in a caption is no byline
    figure = "<figure><figcaption>Photo by Tom Muster</figcaption></figure>"
    assert extract_article(plain(figure), URL)["authors"] == []


def test_co_authors_in_separate_elements_of_one_byline() -> None:
    byline = (
        "<div class='byline'><div class='byline-left'>Von</div><div class='byline-right'>"
        "<a class='author' href='/a'><span class='author-name'>Clara Beispiel</span></a>"
        "<a class='author' href='/b'><span class='author-name'>Tom Muster</span></a>"
        "</div></div>"
    )
    assert extract_article(plain(byline), URL)["authors"] == ["Clara Beispiel", "Tom Muster"]


def test_bare_name_in_a_promo_block_just_below_the_headline() -> None:
    box = "<div class='promo'><a href='/autori/clara'>Clara Beispiel</a></div>"
    assert extract_article(plain(box), URL)["authors"] == ["Clara Beispiel"]
    # in a caption a bare name is a photo credit
    figure = "<figure><figcaption>Tom Muster</figcaption></figure>"
    assert extract_article(plain(figure), URL)["authors"] == []


def test_byline_element_over_a_declared_desk_or_single_word() -> None:
    box = "<div class='author'><a href='/autores/clara'>Clara Beispiel</a></div>"
    for declared in ("Redacción Ejemplo", "Ejemplo"):
        meta = f"<meta name='author' content='{declared}'>"
        assert extract_article(plain(box, meta=meta), URL)["authors"] == ["Clara Beispiel"]
    # a person declared stays the author
    meta = "<meta name='author' content='Tom Muster'>"
    assert extract_article(plain(box, meta=meta), URL)["authors"] == ["Tom Muster"]


def test_two_button_labels_below_the_headline_are_no_name() -> None:
    bar = "<div class='share'><span>Teilen Senden</span></div>"
    assert extract_article(plain(bar), URL)["authors"] == []


# Headers zoned whole, headlines not located, another story's author (issue 10, wmeta13).
TEASER = (
    "<div><a href='/2024/05/neue-bruecke'><h3>Die neue Brücke am Hafen</h3>"
    "<div>Wie die Stadt den Radverkehr über den Fluss führen will, und was es kostet.</div>"
    "<div>Von Tom Muster am 08.12.2022</div></a></div>"
)


def test_byline_in_a_linked_teaser_is_another_storys() -> None:
    assert extract_article(page(bottom=TEASER), URL)["authors"] == []
    # a link to the author's page round the name and the job title is the byline
    card = (
        "<div><a href='/autor/clara-beispiel'><p>Von Clara Beispiel</p>"
        "<p>Redakteurin für Verkehr und Stadtplanung in der Lokalredaktion</p></a></div>"
    )
    assert extract_article(page(bottom=card), URL)["authors"] == ["Clara Beispiel"]


FIGURE = "<figure><img src='/r.jpg'><figcaption>Die neue Radspur am Ring</figcaption></figure>"


def test_bare_name_beside_a_date_in_an_aside_above_the_lead() -> None:
    aside = "<aside><div>Clara Beispiel</div><div>30. Juni 2025,</div><div>15:59 Uhr</div></aside>"
    assert extract_article(plain(FIGURE + aside), URL)["authors"] == ["Clara Beispiel"]
    # a credit in a related box above the article's own date line is not taken
    box = "<div class='related'>Tom Muster</div><div>30. Juni 2025</div>"
    assert extract_article(plain(FIGURE + box), URL)["authors"] == []


def test_byline_in_a_header_zoned_whole() -> None:
    header = (
        "<div class='discussion'><h1>Radwege: Stadt der Superlative</h1>"
        "<div class='author'>Clara Beispiel</div><div>11.07.2026, 09:30 Uhr</div></div>"
    )
    html = (
        "<html><head><title>Stadt der Superlative</title></head><body>"
        f"{header}{FIGURE}{PARAGRAPHS}</body></html>"
    )
    assert extract_article(html, URL)["authors"] == ["Clara Beispiel"]


def test_the_headlines_own_by_is_no_byline() -> None:
    h1 = "6 Zahlen zur Größe von Beispielhausen, der größten Radstadt im Land"
    box = "<div class='author'>Clara Beispiel</div>"
    assert extract_article(plain(box, h1=h1), URL)["authors"] == ["Clara Beispiel"]


def test_copyright_holder_with_a_legal_form_is_a_company() -> None:
    for holder, authors in (
        ("Radwelt Verlagsgesellschaft m.b.H.", []),
        ("Radwelt Media S.A.", []),
        ("Clara Beispiel", ["Clara Beispiel"]),
    ):
        bottom = f"<footer><p>© 2024 {holder}</p></footer>"
        html = plain("").replace("</body>", bottom + "</body>")
        assert extract_article(html, URL)["authors"] == authors, holder


def test_co_authors_one_to_an_element_with_nothing_between() -> None:
    byline = (
        "<div class='byline'><div><span>Clara Beispiel</span> <span>Tom Muster</span> "
        "<span>Ina Maria Probe</span></div></div>"
    )
    fields = extract_article(plain(byline), URL)
    assert fields["authors"] == ["Clara Beispiel", "Tom Muster", "Ina Maria Probe"]
    # a leaf that is no name: not a list of co-authors
    byline = (
        "<div class='byline'><span>Clara Beispiel</span> <span>Mehr zum Thema Radwege</span></div>"
    )
    assert extract_article(plain(byline), URL)["authors"] == []


def test_name_and_date_in_a_header_zoned_whole() -> None:
    header = (
        "<div class='caption'><h1>Neue Radwege beschlossen</h1>"
        "<h2>Die Stadt baut zwölf Kilometer bis zum Sommer</h2>"
        "<h6>Clara Beispiel 3/5/2022 22:41</h6></div>"
    )
    html = f"<html><head><title>Neue Radwege beschlossen</title></head><body>{header}{PARAGRAPHS}</body></html>"
    assert extract_article(html, URL)["authors"] == ["Clara Beispiel"]


def test_name_beside_a_date_below_the_lead_when_no_headline_is_located() -> None:
    box = "<div class='related'><div>19.10.19, 18:56</div><h6>Clara Beispiel</h6></div>"
    html = (
        "<html><head><title>Ein ganz anderer Titel</title></head><body>"
        f"<p>{PARAGRAPH}</p>{box}<p>{PARAGRAPH} Again.</p><p>{PARAGRAPH} Once more.</p>"
        "</body></html>"
    )
    assert extract_article(html, URL)["authors"] == ["Clara Beispiel"]
