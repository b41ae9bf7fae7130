"""Body text: paragraphs and in-body subheadings kept, everything around them dropped."""

from __future__ import annotations

from newscrawl.extract import extract_article
from newscrawl.extract.body import Body, find_body, rescued_body
from newscrawl.extract.layout import read_layout
from newscrawl.extract.parse import parse_html

PARAGRAPH = "The council met on Tuesday and argued for an hour about the bridge, the budget and the weather."


def body_of(html: str, headline: str = "") -> str:
    return find_body(read_layout(parse_html(html)), headline).text


def test_keeps_paragraphs_and_subheadings_in_order() -> None:
    text = body_of(
        f"<html><body><article><h1>Title</h1><p>{PARAGRAPH}</p><h2>The vote</h2>"
        f"<p>{PARAGRAPH} Again.</p></article></body></html>",
        headline="Title",
    )
    assert text.split("\n\n") == [PARAGRAPH, "The vote", f"{PARAGRAPH} Again."]


def test_drops_boilerplate_inside_the_article() -> None:
    text = body_of(
        "<html><body><div class='entry-content'>"
        f"<p>{PARAGRAPH}</p>"
        "<figure><img src='x.jpg'><figcaption>A boat at the dock. (Photo: Jane Doe)</figcaption></figure>"
        "<div class='share-tools'><a href='#'>Share on Facebook</a></div>"
        "<p>Advertisement</p>"
        "<p>Read more: <a href='/x'>Bridge repairs finish early</a></p>"
        "<div class='newsletter-signup'><p>Sign up for our daily newsletter to get all the news.</p></div>"
        f"<p>{PARAGRAPH} Later.</p>"
        "<ul class='related-posts'><li><a href='/a'>Another story about the same bridge</a></li></ul>"
        "<div class='donation-box'><p>Support local journalism with a donation today please.</p></div>"
        "</div></body></html>"
    )
    assert text.split("\n\n") == [PARAGRAPH, f"{PARAGRAPH} Later."]


def test_chooses_the_article_over_teasers_and_comments() -> None:
    teasers = "".join(
        f"<li><a href='/{i}'>Teaser headline number {i} for a story</a></li>" for i in range(20)
    )
    text = body_of(
        "<html><body><nav><ul>" + teasers + "</ul></nav>"
        f"<main><div><p>{PARAGRAPH}</p><p>{PARAGRAPH} Two.</p><p>{PARAGRAPH} Three.</p></div></main>"
        "<section id='comments'><p>I disagree with all of this and will say so at length here.</p></section>"
        "</body></html>"
    )
    assert text.split("\n\n") == [PARAGRAPH, f"{PARAGRAPH} Two.", f"{PARAGRAPH} Three."]


def test_wrapper_with_boilerplate_class_is_not_boilerplate() -> None:
    # WordPress-style classes on the element that wraps the whole article
    html = (
        "<html><body><div class='content-with-sidebar'>"
        + "".join(f"<p>{PARAGRAPH} {i}.</p>" for i in range(4))
        + "</div><div class='sidebar'><p>Short sidebar text here.</p></div></body></html>"
    )
    assert body_of(html).count(PARAGRAPH) == 4


def test_text_split_by_line_breaks_and_table_layouts() -> None:
    html = (
        "<html><body><table><tr><td><a href='/'>Home</a><br><a href='/n'>News</a></td>"
        f"<td>{PARAGRAPH}<br><br>{PARAGRAPH} Second.</td></tr></table></body></html>"
    )
    assert body_of(html).split("\n\n") == [PARAGRAPH, f"{PARAGRAPH} Second."]


def test_empty_and_textless_pages() -> None:
    assert body_of("<html><body></body></html>") == ""
    assert body_of("<html><body><nav><a href='/'>Home</a></nav></body></html>") == ""


def test_equal_neighbouring_table_cells_are_all_kept() -> None:
    html = (
        f"<html><body><article><p>{PARAGRAPH}</p><table>"
        "<tr><td>Team</td><td>Won</td><td>Lost</td></tr>"
        "<tr><td>Harbour Rovers</td><td>3</td><td>3</td></tr></table>"
        f"<p>{PARAGRAPH} Later.</p><p>{PARAGRAPH} Later.</p></article></body></html>"
    )
    lines = body_of(html).split("\n\n")
    assert lines[1:-1] == ["Team", "Won", "Lost", "Harbour Rovers", "3", "3"]
    assert lines[-1] == f"{PARAGRAPH} Later." != lines[-2]  # a repeated paragraph, kept once


def test_paragraph_that_only_holds_an_inline_caption_is_dropped() -> None:
    html = (
        "<html><body><article><p><img src='a.jpg'><span class='image-caption'>"
        "<span>A ferry leaves the harbour at dawn.</span><span>Jane Roe/Agency</span></span></p>"
        f"<p>{PARAGRAPH}</p><p>{PARAGRAPH} <span class='credit'>Two</span>.</p>"
        "</article></body></html>"
    )
    assert body_of(html).split("\n\n") == [PARAGRAPH, f"{PARAGRAPH} Two."]


def test_short_last_line_ending_in_a_cjk_full_stop_is_a_sentence() -> None:
    long_line = "駅前の図書館は来月から開館時間を延ばし、平日は夜九時まで利用できるようになると市が発表した。"
    html = (
        f"<html><body><article><p>{long_line}</p><p>{long_line}</p>"
        "<p>利用者の声を受けた変更です。</p></article></body></html>"
    )
    assert body_of(html).split("\n\n")[-1] == "利用者の声を受けた変更です。"


def test_hover_card_of_links_inside_a_sentence_is_dropped() -> None:
    card = (
        "<span class='person-card'><a href='/p/jane'>Jane Roe</a>"
        "<span><a href='/s/1'>Council rejects the bridge plan</a> "
        "<a href='/s/2'>Mayor answers questions on budget</a> <a href='/p/jane'>MORE</a>"
        "</span></span>"
    )
    html = (
        f"<html><body><article><p>Councillor {card} said on Monday that the vote will be held in"
        f" spring.</p><p>{PARAGRAPH} <a href='/a'>One</a>, <a href='/b'>two</a> and "
        "<a href='/c'>three</a>.</p></article></body></html>"
    )
    assert body_of(html).split("\n\n") == [
        "Councillor said on Monday that the vote will be held in spring.",
        f"{PARAGRAPH} One, two and three.",
    ]


def test_author_bio_with_a_follow_prompt_is_dropped() -> None:
    bio = (
        'Jane Roe\'s book about lighthouses, "Keepers" (Harbour Press, 2021), is out now. '
        "Follow her on Mastodon @janeroe."
    )
    html = f"<html><body><article><p>{PARAGRAPH}</p><p>{PARAGRAPH} Two.</p><p>{bio}</p></article>"
    assert body_of(html).split("\n\n") == [PARAGRAPH, f"{PARAGRAPH} Two."]
    told = f"<html><body><article><p>{PARAGRAPH} Follow her on Mastodon to watch.</p></article>"
    assert body_of(told) == f"{PARAGRAPH} Follow her on Mastodon to watch."


def test_subheading_linking_to_another_site_is_kept_before_its_paragraph() -> None:
    html = (
        f"<html><body><article><p>{PARAGRAPH}</p>"
        "<h3><a href='https://shop.example/lamp'>Harbour Lamp 3000</a></h3>"
        f"<p>{PARAGRAPH} Lamp.</p>"
        "<h3><a href='https://video.news.example/other'>Council rejects the bridge plan</a></h3>"
        f"<p>{PARAGRAPH} Bridge.</p>"
        "<h3><a href='https://shop.example/end'>Nothing follows this one</a></h3>"
        "</article></body></html>"
    )
    lines = find_body(read_layout(parse_html(html)), url="https://news.example/2024/lamps").text
    assert lines.split("\n\n") == [
        PARAGRAPH,
        "Harbour Lamp 3000",
        f"{PARAGRAPH} Lamp.",
        f"{PARAGRAPH} Bridge.",
    ]


def test_subheading_or_label_heading_nothing_at_the_end_is_dropped() -> None:
    # "More information" over a link list, a shop box's title over product cards
    text = body_of(
        "<html><body><div class='entry-content'>"
        f"<p>{PARAGRAPH}</p><p>{PARAGRAPH} Two.</p>"
        "<h3>More information</h3>"
        "<ul><li><a href='/a'>The bridge project</a></li><li><a href='/b'>The budget</a></li></ul>"
        "<div>Recommendations from our garden shop</div>"
        "<div class='related'><a href='/p'>Spade, 30 euros</a></div>"
        "</div></body></html>"
    )
    assert text.split("\n\n") == [PARAGRAPH, f"{PARAGRAPH} Two."]


def test_short_last_lines_of_lists_quotes_and_sentences_stay() -> None:
    text = body_of(
        "<html><body><div class='entry-content'>"
        f"<p>{PARAGRAPH}</p><p>{PARAGRAPH} Two.</p><p>Tour dates:</p><p>Denver -- Pepsi Center, Colorado<br>Seattle -- White River Amphitheatre</p>"
        "</div></body></html>"
    )
    assert text.split("\n\n")[-2:] == [
        "Denver -- Pepsi Center, Colorado",
        "Seattle -- White River Amphitheatre",
    ]
    text = body_of(
        "<html><body><div class='entry-content'>"
        f"<p>{PARAGRAPH}</p><p>{PARAGRAPH} Two.</p><blockquote><p>The bridge is open!</p>— Jane Doe (@janedoe_reports) November 18, 2019</blockquote>"
        "</div></body></html>"
    )
    assert text.endswith("— Jane Doe (@janedoe_reports) November 18, 2019")
    text = body_of(
        "<html><body><div class='entry-content'>"
        f"<p>{PARAGRAPH}</p><p>{PARAGRAPH} Two.</p><p>The prices:</p><ul><li>Adults: 5 euros</li><li>Children under twelve years: no charge</li></ul>"
        "</div></body></html>"
    )
    assert text.endswith("Children under twelve years: no charge")
    text = body_of(
        "<html><body><div class='entry-content'>"
        f"<p>{PARAGRAPH}</p><p>{PARAGRAPH} Two.</p><p>市民们在桥上散步，孩子们在河边玩耍，大家都很高兴（记者 山田太郎 佐藤花子）</p></div></body></html>"
    )
    assert text.endswith(
        "市民们在桥上散步，孩子们在河边玩耍，大家都很高兴（记者 山田太郎 佐藤花子）"
    )


def test_form_labels_inside_the_article_are_not_body() -> None:
    text = body_of(
        "<html><body><div class='entry-content'>"
        f"<p>{PARAGRAPH}</p>"
        "<div class='poll'><p>Which remedy do you reach for first when a cold sets in?</p>"
        "<label><input type='radio' name='r'>A warm bowl of chicken soup.</label>"
        "<label><input type='radio' name='r'>Plenty of sleep and rest.</label></div>"
        f"<p>{PARAGRAPH} Later.</p>"
        "</div></body></html>"
    )
    assert "chicken soup" not in text and "Plenty of sleep" not in text
    assert text.startswith(PARAGRAPH) and text.endswith(f"{PARAGRAPH} Later.")


def test_page_left_inside_a_menu_by_broken_markup_is_read() -> None:
    text = body_of(
        "<html><body><header><nav class='navbar'><ul><li><a href='/'>Home</a></li></ul>"
        "<main><article><h1>Title</h1>"
        + "".join(f"<p>{PARAGRAPH} {n}.</p>" for n in range(3))
        + "</article></main></body></html>",  # the <nav> and <header> are never closed
        headline="Title",
    )
    assert text.split("\n\n") == [f"{PARAGRAPH} {n}." for n in range(3)]


def test_menus_and_hidden_parts_without_the_main_element_stay_out() -> None:
    text = body_of(
        "<html><body><nav><p>Menu text that reads like a sentence of an article, sort of.</p>"
        "</nav><div class='hidden'><p>A hidden teaser paragraph that reads like the article."
        f"</p></div><main><p>{PARAGRAPH}</p><p>{PARAGRAPH} Again.</p></main></body></html>"
    )
    assert text.split("\n\n") == [PARAGRAPH, f"{PARAGRAPH} Again."]


def test_article_text_a_script_renders_is_read_from_its_noscript() -> None:
    html = (
        "<html><body><div class='post-body'><script>render()</script><noscript>"
        f"<p>{PARAGRAPH}</p><p>{PARAGRAPH} Again.</p></noscript></div>"
        "<noscript><p>Please enable JavaScript to see the comments on this page.</p></noscript>"
        "</body></html>"
    )
    assert body_of(html).split("\n\n") == [PARAGRAPH, f"{PARAGRAPH} Again."]
    rendered = html.replace("<script>render()</script>", f"<p>{PARAGRAPH}</p>")
    assert body_of(rendered) == PARAGRAPH  # the page shows the text: its fallback stays hidden


def test_subheading_whose_own_class_names_a_zone_is_kept_between_paragraphs() -> None:
    # a CMS's "widget-title" or a table of contents' "toc_2" anchor on the article's subheadings
    text = body_of(
        f"<html><body><article><p>{PARAGRAPH}</p>"
        "<h2 class='widget-title'>The vote</h2>"
        f"<p>{PARAGRAPH} Vote.</p>"
        "<h3 id='toc_2'>The budget</h3>"
        f"<p>{PARAGRAPH} Budget.</p></article></body></html>"
    )
    assert text.split("\n\n") == [
        PARAGRAPH,
        "The vote",
        f"{PARAGRAPH} Vote.",
        "The budget",
        f"{PARAGRAPH} Budget.",
    ]


def test_zoned_headings_of_boxes_and_link_lists_stay_out() -> None:
    text = body_of(
        f"<html><body><article><p>{PARAGRAPH}</p>"
        "<h3 class='rail-title'>Most read</h3>"  # heads a list, not a paragraph
        "<ul class='rail'><li><a href='/a'>Another story</a></li></ul>"
        f"<p>{PARAGRAPH} Rail.</p>"
        "<div class='related-box'><h3>Related</h3></div>"  # the zone is the box's
        f"<p>{PARAGRAPH} Box.</p>"
        "<h3 class='related-title'><a href='/b'>A linked teaser</a></h3>"
        f"<p>{PARAGRAPH} Link.</p>"
        "<p>Cover image: Flickr</p><h4 class='header'>Original publication</h4>"  # after a credit
        f"<p>{PARAGRAPH} Source.</p></article></body></html>"
    )
    assert "Most read" not in text and "Related" not in text
    assert "A linked teaser" not in text and "Original publication" not in text
    assert f"{PARAGRAPH} Source." in text


def test_article_set_in_repeated_sibling_parts_is_read_whole() -> None:
    parts = [
        f'<div class="rich-text"><p>{PARAGRAPH} Part {n}, {"more words " * n}here.</p></div>'
        for n in range(1, 5)
    ]
    html = (
        "<html><body><article><h1>Title</h1>"
        f"{parts[0]}{parts[1]}<div class='ad'>Anzeige</div><figure><img src='a.jpg'/>"
        f"<figcaption>A photo of the bridge.</figcaption></figure>{parts[2]}{parts[3]}"
        f'</article><div class="rich-text"><p>{PARAGRAPH} Elsewhere on the page.</p></div>'
        "</body></html>"
    )
    lines = body_of(html, headline="Title").split("\n\n")
    assert [line.split("Part ")[1][0] for line in lines] == ["1", "2", "3", "4"]


def test_a_short_line_in_a_repeated_part_of_its_own_is_no_part() -> None:
    licence = "This text is published under a free licence. The photos may not be reused."
    html = (
        "<html><body><article><h1>Title</h1>"
        f'<div class="text">{"".join(f"<p>{PARAGRAPH} {n}.</p>" for n in range(6))}</div>'
        f'<div class="text"><p>{licence}</p></div>'
        + '<div><a href="/x">Another story about the harbour and its boats</a></div>' * 4
        + "</article></body></html>"
    )
    assert licence not in body_of(html, headline="Title")


THREE = [PARAGRAPH, f"{PARAGRAPH} Two.", f"{PARAGRAPH} Three."]
THREE_HTML = "".join(f"<p>{p}</p>" for p in THREE)


def rescued_of(html: str, headline: str = "") -> str:
    """The body where the article's own zone-marked elements are read when none was found."""
    layout = read_layout(parse_html(html))
    head = next((i for i, b in enumerate(layout.blocks) if b.text == headline), -1)
    return rescued_body(layout, find_body(layout, headline), head, headline)[1].text


def test_a_post_whose_article_element_class_words_name_a_zone_is_read() -> None:
    # a CMS's post classes on the <article> ("has-post-thumbnail" reads as a caption, "podcast"
    # as a promotion): the page's unmarked text holds no body, the article element does
    html = (
        "<html><body><div class='site'><article class='post-7 post has-post-thumbnail podcast'>"
        "<header><h1>The bridge vote</h1></header>"
        + THREE_HTML
        + "<figure><img src='a.jpg'><figcaption>The bridge at dawn, seen from the river bank.</figcaption></figure>"
        "</article><div class='widget related-posts'><a href='/b'>Another story about bridges</a></div>"
        "<section id='comments'>"
        + f"<p>A reader's comment that goes on about something else. {PARAGRAPH}</p>" * 6
        + "</section></div></body></html>"
    )
    assert body_of(html, "The bridge vote") == ""  # main's reading: no body
    assert rescued_of(html, "The bridge vote").split("\n\n") == THREE


def test_the_element_holding_the_headline_is_read_when_nothing_else_is() -> None:
    html = (
        "<html><body><div class='story-card promo-box'><h1>Harbour plans</h1>"
        f"<div>{THREE_HTML}</div></div>"
        "<div class='comments'>" + f"<p>{PARAGRAPH} A comment.</p>" * 4 + "</div></body></html>"
    )
    assert body_of(html, "Harbour plans") == ""
    assert rescued_of(html, "Harbour plans").split("\n\n") == THREE


def test_comments_and_a_found_body_are_never_rescued() -> None:
    comments = (
        "<html><body><h1>Harbour plans</h1><div class='comments'>"
        f"<article class='comment-body'><p>{PARAGRAPH}</p><p>{PARAGRAPH} Two.</p></article>"
        "</div></body></html>"
    )
    assert rescued_of(comments, "Harbour plans") == ""
    found = (
        "<html><body><h1>Harbour plans</h1>"
        f"<main><p>{PARAGRAPH}</p></main><article class='promo'><p>{PARAGRAPH} Promo.</p></article>"
        "</body></html>"
    )
    assert rescued_of(found, "Harbour plans") == PARAGRAPH


def _article(cls: str = "k1") -> str:
    return f"<div class='{cls}'>" + "".join(f"<p>{PARAGRAPH} {i}.</p>" for i in range(5)) + "</div>"


def test_a_list_set_apart_from_the_article_is_dropped_without_names() -> None:
    # comments whose markup names nothing we know: items of several lines, each with a link
    comments = "".join(
        f"<div class='k7'><p><a href='/u/{i}'>Reader {i}</a></p>"
        f"<p>I think the council should have voted on the bridge long before the rain came {i}.</p>"
        "<p><a href='#reply'>Reply</a></p></div>"
        for i in range(3)
    )
    text = body_of(
        f"<html><body><div class='k0'>{_article()}<h3>3 thoughts</h3>"
        f"<div class='k6'>{comments}</div></div></body></html>"
    )
    assert text.split("\n\n") == [f"{PARAGRAPH} {i}." for i in range(5)]


def test_an_article_set_in_repeated_parts_beside_its_lead_is_kept() -> None:
    parts = "".join(
        f"<div class='k3'><h2>Part {i}</h2><p>{PARAGRAPH} <a href='/x'>Link</a> {i}.</p></div>"
        for i in range(3)
    )
    text = body_of(f"<html><body><article><p>{PARAGRAPH} Lead.</p>{parts}</article></body></html>")
    assert text.split("\n\n")[0] == f"{PARAGRAPH} Lead."
    assert "Part 2" in text
    assert f"{PARAGRAPH} Link 2." in text


def test_a_listing_that_holds_most_of_the_text_is_the_article() -> None:
    items = "".join(
        f"<div class='k5'><h3><a href='/v/{i}'>Villa {i}</a></h3>"
        f"<p>{PARAGRAPH} A pool, a garden and a view of the bay from every room {i}.</p></div>"
        for i in range(4)
    )
    text = body_of(
        f"<html><body><div class='k0'><p>{PARAGRAPH}</p><div class='k4'>{items}</div></div>"
        "</body></html>"
    )
    assert "from every room 3." in text


def test_without_a_content_marker_the_text_around_the_article_does_not_lift_it() -> None:
    notice = "Your privacy matters to us: we have updated the policy that explains how we use data."
    text = body_of(
        f"<html><body><div class='k0'>{_article()}<div class='k9'><p>{notice}</p></div></div>"
        "</body></html>"
    )
    assert text.split("\n\n") == [f"{PARAGRAPH} {i}." for i in range(5)]


def _comments(
    n: int, words: str = "I think the council should have voted long before the rain"
) -> str:
    """Invented comments in a list: each item signed by a footer (author, linked time)."""
    return "".join(
        f"<li class='k8'><article class='k9'><footer class='k10'><div><b>reader{i}</b> says:</div>"
        f"<div><a href='#c{i}'><time datetime='2026-01-0{i + 1}'>January {i + 1}</time></a></div>"
        f"</footer><div class='k11'><p>{words}, and the bridge will cost us dearly {i}.</p></div>"
        "</article></li>"
        for i in range(n)
    )


def test_comments_signed_by_a_footer_are_dropped_even_when_they_outweigh_the_story() -> None:
    story = f"<div class='k1'><p>{PARAGRAPH}</p><p>{PARAGRAPH} Again.</p></div>"
    text = body_of(
        f"<html><body><div class='k0'>{story}<h2>9 responses</h2>"
        f"<ol class='k7'>{_comments(9, PARAGRAPH + ' ' + PARAGRAPH)}</ol></div></body></html>"
    )
    assert text.split("\n\n") == [PARAGRAPH, f"{PARAGRAPH} Again."]


def test_a_list_items_lines_in_a_footer_count_as_its_lines() -> None:
    # each item: a paragraph and a footer line (a zone by its tag) with the link
    items = "".join(
        f"<div class='k5'><p>A reader wrote that the bridge was a waste of money, and that the "
        f"council should have listened to the people who live beside the river {i}.</p>"
        f"<footer><a href='/u/{i}'>reader{i}</a></footer></div>"
        for i in range(3)
    )
    text = body_of(
        f"<html><body><div class='k0'>{_article()}<div class='k4'>{items}</div></div></body></html>"
    )
    assert "waste of money" not in text


def test_a_label_heading_a_list_set_apart_goes_with_it() -> None:
    teasers = "".join(
        f"<div class='k5'><span>Politics</span><h3><a href='/s/{i}'>Another story {i}</a></h3></div>"
        for i in range(3)
    )
    paragraphs = "".join(f"<p>{PARAGRAPH} {i}.</p>" for i in range(3))
    text = body_of(
        f"<html><body><div class='k0'>{paragraphs}<div class='k2'>Handpicked for you</div>"
        f"<div class='k4'>{teasers}</div><p>{PARAGRAPH} The end.</p></div></body></html>"
    )
    assert "Handpicked for you" not in text
    assert text.endswith("The end.")


def test_an_article_element_is_the_core_at_half_the_text() -> None:
    after = "".join(
        f"<p>Elsewhere on the site, the mayor's office answered questions from readers {i}.</p>"
        for i in range(4)
    )
    text = body_of(
        f"<html><body><div class='k0'><article>{_article()}</article>"
        f"<section class='k3'>{after}</section></div></body></html>"
    )
    assert text.split("\n\n") == [f"{PARAGRAPH} {i}." for i in range(5)]


def _picture(caption: str) -> str:
    return f"<div class='k6'><div class='k7'><img src='/p.jpg'></div><div class='k8'>{caption}</div></div>"


def test_a_line_beside_a_picture_is_its_caption() -> None:
    caption = "The new bridge at dawn, seen from the east bank of the river. Photo: Jane Roe"
    paragraphs = [f"<p>{PARAGRAPH} {i}.</p>" for i in range(5)]
    text = body_of(
        f"<html><body><div class='k0'>{''.join(paragraphs[:2])}{_picture(caption)}"
        f"{''.join(paragraphs[2:])}</div></body></html>"
    )
    assert text.split("\n\n") == [f"{PARAGRAPH} {i}." for i in range(5)]


def test_a_quote_beside_a_picture_and_an_emoji_are_no_captions() -> None:
    quote = "“The best evening we had all year, and the band played until midnight.”"
    text = body_of(
        f"<html><body><div class='k0'><p>{PARAGRAPH}</p>"
        f"<blockquote><p><img src='/face.jpg'></p><p>{quote}</p></blockquote>"
        f"<div class='k5'><p>{PARAGRAPH} Again <img src='/smile.png'> and again.</p></div>"
        "</div></body></html>"
    )
    assert text.split("\n\n") == [PARAGRAPH, quote, f"{PARAGRAPH} Again and again."]


def test_a_story_told_in_pictures_keeps_its_captions() -> None:
    steps = [
        "Mark the board with a pencil where the saw should cut it, then check it twice.",
        "Clamp the board to the bench so it cannot move while you saw along the line.",
        "Saw slowly along the line, letting the blade do the work rather than your arm.",
    ]
    text = body_of(
        "<html><body><div class='k0'><p>How to cut a board straight, in three steps.</p>"
        f"{''.join(_picture(step) for step in steps)}</div></body></html>"
    )
    assert all(step in text for step in steps)


def _viewer(caption: str) -> str:
    """An invented gallery without names: the slide's caption, a viewer printing it again."""
    return (
        f"<div class='k6'><ul class='k7'><li><img src='/g1.jpg'><div>{caption}</div></li></ul>"
        "<div class='k8'><span>Image 1 of 3</span><span>Close</span></div>"
        f"<div class='k9'><div>{caption}</div><div>1 / 3</div></div></div>"
    )


def test_an_insert_that_prints_a_paragraph_twice_is_set_apart() -> None:
    caption = "Council members walk across the new bridge on its opening day, Tuesday morning."
    paragraphs = "".join(f"<p>{PARAGRAPH} {i}.</p>" for i in range(4))
    text = body_of(
        f"<html><body><div class='k0'>{_viewer(caption)}{paragraphs}</div></body></html>"
    )
    assert text.split("\n\n") == [f"{PARAGRAPH} {i}." for i in range(4)]


def test_a_paragraph_the_article_itself_repeats_stays() -> None:
    quote = "“We will not build another bridge like this one in my lifetime,” the mayor said."
    paragraphs = [f"<p>{PARAGRAPH} {i}.</p>" for i in range(4)]
    text = body_of(
        f"<html><body><div class='k0'><p>{quote}</p>{''.join(paragraphs)}<p>{quote}</p>"
        "</div></body></html>"
    )
    assert text.split("\n\n") == [quote, *(f"{PARAGRAPH} {i}." for i in range(4)), quote]


def test_the_pages_own_address_printed_as_a_line_is_left_out() -> None:
    url = "https://riverbend-daily.example/news/bridge-opens"
    html = (
        f"<html><body><div class='k0'><div class='k1'><span>{url}</span></div>"
        f"<p>{PARAGRAPH}</p><p>https://county.example/bridge</p><p>{PARAGRAPH} Again.</p>"
        "</div></body></html>"
    )
    text = find_body(read_layout(parse_html(html)), "", url).text
    assert text.split("\n\n") == [PARAGRAPH, "https://county.example/bridge", f"{PARAGRAPH} Again."]


def test_a_line_opening_with_the_declared_author_description_is_the_bio() -> None:
    bio = "Born in Riverbend, Jane Roe has spent twenty years walking the county's back roads."
    person = f'{{"@type": "Person", "name": "Jane Roe", "description": "{bio}"}}'
    html = (
        '<html><head><script type="application/ld+json">{"@context": "https://schema.org", '
        f'"@type": "NewsArticle", "headline": "Bridge opens", "author": {person}}}</script>'
        "</head><body><div class='k0'><h1>Bridge opens</h1>"
        + "".join(f"<p>{PARAGRAPH} {i}.</p>" for i in range(4))
        + f"<div class='k5'><p>{bio} She lives by the river with two cats.</p></div>"
        "</div></body></html>"
    )
    body = extract_article(html, "https://riverbend.example/news/bridge-opens")["body"]
    assert body.split("\n\n") == [f"{PARAGRAPH} {i}." for i in range(4)]


NOTICE = "This page is printed from the archive and may show an older state of the story."


def _printed_above(inside: bool) -> Body:
    """The body of a page whose container prints a notice above the headline's ``<h1>``
    (``inside``), or below an ``<h1>`` outside it."""
    heading = "<h1>Bridge opens</h1>"
    above = f"<p>{NOTICE}</p><p>Photo 1 of 6</p>{heading}" if inside else f"<p>{NOTICE}</p>"
    html = (
        f"<html><body>{'' if inside else heading}<div class='k0'>{above}"
        + "".join(f"<p>{PARAGRAPH} {i}.</p>" for i in range(4))
        + "</div></body></html>"
    )
    return find_body(read_layout(parse_html(html)), "Bridge opens")


def test_lines_the_container_prints_above_the_headlines_own_heading_are_left_out() -> None:
    body = _printed_above(inside=True)
    assert body.text.split("\n\n") == [f"{PARAGRAPH} {i}." for i in range(4)]
    assert body.heading == 2


def test_without_the_headlines_own_heading_in_the_container_its_lines_stay() -> None:
    body = _printed_above(inside=False)
    assert body.text.split("\n\n")[0] == NOTICE
    assert body.heading == -1
