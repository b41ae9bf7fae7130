"""Signals the ``news`` spider sends where Scrapy's own signals say too little.

The spider finds pages; :class:`newscrawl.extensions.pagestate.PageStateRecorder` records
what happened to them in the archive.
"""

#: An article page gave an item (before the pipelines): ``item``, ``response``.
article_found = object()
#: A page that is not a stored article was read: ``response``, ``site`` (key), ``kind``,
#: ``listing`` (a :class:`newscrawl.frontier.listings.ListingRead` for non-article HTML
#: pages, else None).
page_read = object()
#: A request failed for good (after retries): ``request``, ``status`` (None: no answer).
request_failed = object()
