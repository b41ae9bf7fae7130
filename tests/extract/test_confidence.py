"""Extraction confidence and the second opinions consulted where it is low."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import newscrawl.extract.article
import newscrawl.extract.fallbacks
from newscrawl.extract import analyze_page, extract_article
from newscrawl.extract.confidence import _BodyWords, _words, agreement, models
from newscrawl.extract.fallbacks import other_body, settle_body, still_short
from newscrawl.extract.merge import BlockIndex
from newscrawl.loaders import load_article
from tests.support.golden import golden_page

ARTICLE = "https://riverbend.example/2024/09/10/harbor-towns-split-ferry-subsidy/"
TEXT = (
    "The harbor commission voted on Tuesday to keep the evening ferry running through the "
    "winter, after a long debate about the cost of fuel and the needs of island workers. "
)
PLAIN = (
    '<html><head><meta property="og:type" content="article"></head><body><article>'
    f"<h1>Ferry stays</h1><p>{TEXT * 3}</p><p>{TEXT * 2}</p></article></body></html>"
)


def _blocks(html: str) -> BlockIndex:
    blocks = analyze_page(html, ARTICLE, follow=False, fallbacks=False).blocks
    assert blocks is not None
    return blocks


def test_a_clean_article_is_confident_and_a_listing_is_not() -> None:
    article = extract_article(golden_page("wire_republished").read_bytes(), ARTICLE)
    assert article["extraction_confidence"] >= models()["own"].threshold
    listing = analyze_page(golden_page("listing").read_bytes(), "https://riverbend.example/local/")
    assert listing.confidence < 0.5


def test_a_confident_body_is_kept_without_a_second_opinion(monkeypatch: pytest.MonkeyPatch) -> None:
    def fail(html: str, **kw: bool) -> str:
        raise AssertionError("trafilatura consulted")

    monkeypatch.setattr(newscrawl.extract.fallbacks, "other_body", fail)
    ours = TEXT * 2
    settled = settle_body(PLAIN, ours, 0.99, _blocks(PLAIN))
    assert (settled.text, settled.source) == (ours, "newscrawl")


def test_a_body_shorter_than_an_article_is_never_confident(monkeypatch: pytest.MonkeyPatch) -> None:
    # a lead or a teaser alone (less than the least article the store keeps) consults the
    # second extractor however confident the model is: it may hold the rest
    modes: list[bool] = []

    def other(html: str, *, recall: bool = False) -> str:
        modes.append(recall)
        return other_body(html, recall=recall)

    monkeypatch.setattr(newscrawl.extract.fallbacks, "other_body", other)
    settle_body(PLAIN, TEXT.strip(), 0.99, _blocks(PLAIN))
    assert modes == [True]


def test_a_short_body_the_merge_leaves_short_gives_way_to_the_longer_second_opinion(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    longer = f"{TEXT}\n\n{TEXT}"
    monkeypatch.setattr(newscrawl.extract.fallbacks, "other_body", lambda html, **kw: longer)
    monkeypatch.setattr(newscrawl.extract.fallbacks, "merge_bodies", lambda *a: "A lead.")
    settled = settle_body(PLAIN, "A lead.", 0.99, _blocks(PLAIN))
    assert (settled.text, settled.source) == (longer, "trafilatura")
    assert not still_short(TEXT * 2, longer, "A lead.")  # ours was an article's length
    assert not still_short("A lead.", "Short.", "A lead.")  # the other text is no longer


def test_an_empty_body_is_filled_by_the_second_extractor() -> None:
    settled = settle_body(PLAIN, "", 0.0, _blocks(PLAIN))
    assert settled.source == "trafilatura"
    assert TEXT.strip() in settled.text
    assert settled.text == other_body(PLAIN)


def test_trafilatura_runs_in_recall_mode_only_where_our_body_is_merged_with_it(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    modes: list[bool] = []

    def other(html: str, *, recall: bool = False) -> str:
        modes.append(recall)
        return other_body(html, recall=recall)

    monkeypatch.setattr(newscrawl.extract.fallbacks, "other_body", other)
    settle_body(PLAIN, "", 0.0, _blocks(PLAIN))  # no body of ours: trafilatura's text kept whole
    settle_body(PLAIN, "Our text.", 0.1, _blocks(PLAIN))  # ours and its lines merged
    assert modes == [False, True]
    assert TEXT.strip() in other_body(PLAIN, recall=True)


def test_two_extractors_that_agree_raise_the_confidence() -> None:
    ours = other_body(PLAIN)
    assert agreement(ours, ours) == 1.0
    assert settle_body(PLAIN, ours, 0.1, _blocks(PLAIN)).confidence == 1.0
    assert agreement(ours, "Something else entirely, about the weather in the hills.") == 0.0


def test_a_missing_date_is_asked_of_htmldate(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(newscrawl.extract.article, "other_date", lambda html, url: "2024-05-03")
    url = "https://harbor.example/news/ferry-stays"
    assert load_article(analyze_page(PLAIN, url))["published"] == "2024-05-03"
    assert "published" not in load_article(analyze_page(PLAIN, url, fallbacks=False))


@settings(max_examples=300, deadline=None)
@given(
    st.text(alphabet="aAbß_1²é\u0301ﬁİ -.,\n", max_size=60),
    st.text(alphabet="aAbß_1²é\u0301ﬁİ -.,\n", max_size=60),
)
def test_body_words_held_as_by_the_word_sets(body: str, declared: str) -> None:
    words = _words(declared)
    assert _BodyWords(body).held(words) == len(words & _words(body))


def test_many_declared_words_go_through_the_body_word_set() -> None:
    body = _BodyWords(" ".join(f"w{i}" for i in range(0, 200, 2)))
    declared = {f"w{i}" for i in range(100)}
    assert body.held(declared) == 50
    assert body.held({"w2", "w3", "w", "2"}) == 1


def test_a_short_teaser_kept_among_zoned_paragraphs_is_less_sure() -> None:
    # the page's text sits in zoned elements (a paywall box, a widget) and the body found is
    # one short unzoned line: the own model sees how little of the page's text it holds
    teaser = f"<p>{TEXT}</p>"
    alone = f"<html><body><article><h1>Ferry stays</h1>{teaser}</article></body></html>"
    boxed = alone.replace(
        teaser, f"{teaser}<div class='paywall'><p>{TEXT * 3}</p><p>{TEXT}</p></div>"
    )
    features = [
        analyze_page(html, ARTICLE, follow=False, fallbacks=False).features
        for html in (alone, boxed)
    ]
    assert features[0][:-1] == features[1][:-1] and features[1][-1] > features[0][-1] > 0
    assert models()["own"].probability(features[1]) < models()["own"].probability(features[0])
