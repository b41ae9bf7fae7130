"""Fixtures shared by the whole suite (helpers live in tests/support)."""

from __future__ import annotations

import pytest

from newscrawl.spiders.news import NewsSpider
from tests.support.spiders import make_spider


@pytest.fixture
def spider() -> NewsSpider:
    return make_spider(start_urls="http://127.0.0.2:8080/")


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-golden",
        action="store_true",
        help="rewrite the golden extraction outputs (tests/extract/golden/*/output.json)",
    )
