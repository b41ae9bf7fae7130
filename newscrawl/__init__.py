"""newscrawl: a Scrapy news crawler with a cleaning pipeline and a SQLite archive."""

__version__ = "0.1.0"
