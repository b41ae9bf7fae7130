"""Invented archives for the analysts' benchmark: a Zipf vocabulary, local sites and wire
stories with their copies (truncated, edited, retitled), reproducible from a seed."""

from __future__ import annotations

import itertools
import random
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta, timezone
from typing import Any

START = datetime(2024, 1, 1, tzinfo=UTC)
DAYS = 365
SYLLABLES = (
    *(c + v for c in "bdklmnprstvz" for v in "aeiou"),
    *("zan", "lor", "mek", "tis", "vor", "quen", "dral", "fen", "gar", "hol"),
)
LOCAL_NAMES = (
    "Northvale Courier", "Brackwater Post", "Ellington Herald", "Marsh County Times",
    "Quarry Hill Gazette", "Saltmere Daily", "Oxbow Ledger", "Pinecrest Tribune",
    "Redfern Observer", "Stonebridge News", "Tallow Creek Sentinel", "Upland Record",
    "Westmoor Journal", "Yarrow Valley Voice", "Ashcombe Chronicle", "Fenwick Bulletin",
    "Greyhaven Mirror", "Harrowgate Examiner",
)  # fmt: skip
AGENCIES = (("apwire.example", "AP Wire", "AP"), ("reuterswire.example", "Reuters Wire", "Reuters"))
OFFSETS = (0, 1, 2, -5, -8, 10)


@dataclass
class Corpus:
    """Invented vocabulary (Zipf-distributed) and a pool of sentences built from it."""

    rng: random.Random
    words: list[str] = field(default_factory=list)
    sentences: list[str] = field(default_factory=list)

    @classmethod
    def build(cls, seed: int, vocabulary: int = 20_000, sentences: int = 30_000) -> Corpus:
        rng = random.Random(seed)
        words: dict[str, None] = {}
        while len(words) < vocabulary:
            words["".join(rng.choices(SYLLABLES, k=rng.choice((2, 2, 3, 3, 4))))] = None
        corpus = cls(rng, list(words))
        cum = list(itertools.accumulate(1 / (r + 1) ** 1.05 for r in range(vocabulary)))
        for _ in range(sentences):
            picked = rng.choices(corpus.words, cum_weights=cum, k=rng.randint(9, 21))
            corpus.sentences.append(" ".join(picked).capitalize() + ".")
        return corpus

    def body(self, sentences: int = 40) -> list[str]:
        return self.rng.choices(self.sentences, k=sentences)

    def headline(self) -> str:
        return " ".join(self.rng.choices(self.words[50:3000], k=self.rng.randint(5, 9))).title()


def _article(corpus: Corpus, site: str, name: str, when: datetime, offset: int) -> dict[str, Any]:
    local = when.astimezone(timezone(timedelta(hours=offset)))
    return {
        "site": site,
        "site_name": name,
        "published": local.isoformat(timespec="seconds"),
        "headline": corpus.headline(),
        "sentences": corpus.body(),
        "wire_source": None,
    }


def generate(n: int, seed: int) -> Iterator[tuple[int, dict[str, Any]]]:
    """``n`` invented articles as (story number, fields); about a fifth are wire copies."""
    corpus = Corpus.build(seed)
    rng = corpus.rng
    locals_ = [(f"{name.lower().replace(' ', '-')}.example", name) for name in LOCAL_NAMES]
    offsets = {site: rng.choice(OFFSETS) for site, _ in locals_}
    story = itertools.count(1)
    made = 0
    while made < n:
        when = START + timedelta(seconds=rng.randrange(DAYS * 86400))
        if rng.random() < 0.05 and n - made >= 4:  # a wire story and its copies
            site, name, agency = rng.choice(AGENCIES)
            original = _article(corpus, site, name, when, 0) | {"wire_source": agency}
            number = next(story)
            yield number, original
            copies = rng.sample(locals_, rng.randint(2, 5))
            for copy_site, copy_name in copies[: n - made - 1]:
                copy = _article(
                    corpus, copy_site, copy_name, when + timedelta(minutes=rng.randint(5, 600)),
                    offsets[copy_site],
                )  # fmt: skip
                copy |= {"wire_source": agency, "headline": original["headline"]}
                kind = rng.random()
                if kind < 0.3:  # truncated: the opening paragraphs only
                    keep = int(len(original["sentences"]) * rng.uniform(0.35, 0.7))
                    copy["sentences"] = original["sentences"][:keep]
                elif kind < 0.6:  # edited: new headline, a local paragraph added
                    copy["sentences"] = original["sentences"] + corpus.body(4)
                else:
                    copy |= {"headline": corpus.headline(), "sentences": original["sentences"]}
                yield number, copy
            made += 1 + len(copies[: n - made - 1])
        else:
            site, name = rng.choice(locals_)
            yield next(story), _article(corpus, site, name, when, offsets[site])
            made += 1
