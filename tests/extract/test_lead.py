"""The lead outside the body's container (issue 10): invented pages."""

from __future__ import annotations

from newscrawl.extract import analyze_page, extract_article
from newscrawl.extract.lead import lead_candidates

URL = "https://riverbend-daily.example/news/2024/03/03/bridge-reopens"
LEAD = (
    "The Riverbend bridge reopened on Sunday after eight months of repairs, a week ahead of "
    "the schedule the county had promised in the spring."
)
TEXT = (
    "Crews replaced the deck and two of the piers, the county engineer said, and the new "
    "railings were fitted in the last fortnight before the opening. "
)


def page(above: str, description: str = LEAD) -> str:
    paragraphs = "".join(f"<p>{TEXT * k}</p>" for k in (3, 2, 3, 2))
    return (
        f'<html><head><title>Bridge reopens</title><meta property="og:description" '
        f'content="{description}"></head><body><header><h1>Bridge reopens</h1></header>'
        f'<div class="top">{above}</div>'
        f'<div class="story"><div class="article-body">{paragraphs}</div></div></body></html>'
    )


def test_a_lead_paragraph_above_the_body_container_opens_the_body() -> None:
    body = extract_article(page(f"<p>{LEAD}</p>"), URL)["body"]
    assert body.startswith(LEAD)
    assert TEXT.strip() in body


def test_a_lead_the_description_does_not_repeat_is_kept_too() -> None:
    body = extract_article(page(f"<p>{LEAD}</p>", description="Riverbend news"), URL)["body"]
    assert body.startswith(LEAD)


def test_lines_above_the_body_that_are_not_its_lead_stay_out() -> None:
    above = (
        "<p>By Jane Doe, Staff Writer</p>"
        "<p>Published March 3, 2024 at 9:14 a.m.</p>"
        '<p><a href="/news/other-story">Read more: the county budget for next year</a></p>'
        "<figure><img src='b.jpg'><figcaption>The bridge on Sunday morning. Photo: "
        "John Roe</figcaption></figure>"
    )
    body = extract_article(page(above), URL)["body"]
    assert body.startswith("Crews replaced")
    for line in ("Jane Doe", "Published", "Read more", "Photo"):
        assert line not in body


def test_marked_blocks_are_no_candidates() -> None:
    html = page(f'<p class="standfirst">{LEAD}</p><p>{LEAD} Again.</p>')
    found = analyze_page(html, URL, follow=False, fallbacks=False)
    assert found.blocks is not None
    layout = found.blocks.layout
    assert [layout.blocks[i].text for i, _features in found.leads] == [f"{LEAD} Again."]
    assert found.blocks.body.text.startswith(f"{LEAD} Again.")


def test_no_body_no_candidates() -> None:
    found = analyze_page("<html><body><p>Short.</p></body></html>", URL, follow=False)
    assert found.blocks is not None
    assert lead_candidates(found.blocks.layout, found.blocks.body, -1, "") == []


def test_an_image_caption_above_the_body_is_no_candidate() -> None:
    caption = (
        "In this March 2, 2024, file photo, the Riverbend bridge is seen from the east bank "
        "of the river before the repairs began. (AP Photo/John Roe)"
    )
    found = analyze_page(page(f"<p>{caption}</p><p>{LEAD}</p>"), URL, follow=False)
    assert found.blocks is not None
    assert [found.blocks.layout.blocks[i].text for i, _f in found.leads] == [LEAD]
    body = extract_article(page(f"<p>{caption}</p><p>{LEAD}</p>"), URL)["body"]
    assert caption not in body
    assert body.startswith(LEAD)


def test_page_furniture_above_the_body_is_never_its_lead() -> None:
    above = (
        "<p>Getting your audio player ready...</p><p>Sign up for our morning newsletter today.</p>"
    )
    body = extract_article(page(above + f"<p>{LEAD}</p>"), URL)["body"]
    assert body.startswith(LEAD)
    assert "audio player" not in body and "newsletter" not in body


def test_text_set_beside_an_image_is_no_candidate() -> None:
    above = (
        "<table align='right'><tr><td><img src='/photos/bridge.jpg'><br>"
        "<font size='1'>Crews lift the last deck panel into place on Saturday morning.</font>"
        "</td></tr></table>"
    )
    body = extract_article(page(above + f"<p>{LEAD}</p>"), URL)["body"]
    assert body.startswith(LEAD)
    assert "deck panel" not in body


def test_an_insert_set_apart_above_the_body_is_no_candidate() -> None:
    # a gallery without names above the article: its viewer prints the caption twice
    caption = "Crews lift the last deck panel into place on Saturday morning, ahead of the opening."
    gallery = (
        f"<div class='g1'><div class='g2'><img src='/g.jpg'><div>{caption}</div></div>"
        f"<div class='g3'><div>{caption}</div><div>1 / 4</div></div></div>"
    )
    paragraphs = "".join(f"<p>{TEXT * k}</p>" for k in (3, 2, 3, 2))
    html = (
        "<html><head><title>Bridge reopens</title></head><body><header><h1>Bridge reopens</h1>"
        f"</header><div class='s1'>{gallery}<p>{LEAD}</p>{paragraphs}</div></body></html>"
    )
    body = extract_article(html, URL)["body"]
    assert body.startswith(LEAD)
    assert "deck panel" not in body
