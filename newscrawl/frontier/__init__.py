"""Crawl policy (pure, no Scrapy): site scope, page budgets and traps, revisit schedule, request plans."""
