"""Scrapy extensions: the run log, WARC capture, JOBDIR guard and the crawl's archive."""
