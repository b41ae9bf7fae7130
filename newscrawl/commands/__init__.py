"""Scrapy commands newscrawl overrides (``COMMANDS_MODULE``)."""
