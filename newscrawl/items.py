"""The Article item: one cleaned news article, as stored in the ``articles`` table.

Its fields come from the one declaration in :mod:`newscrawl.fields`.
"""

from __future__ import annotations

import scrapy

from newscrawl.fields import ARTICLE_FIELDS


def _article_class() -> type[scrapy.Item]:
    fields = {f.name: scrapy.Field(doc=f.doc) for f in ARTICLE_FIELDS}
    namespace = {"__doc__": "A news article (fields: newscrawl.fields).", **fields}
    return type("Article", (scrapy.Item,), namespace)


Article = _article_class()
