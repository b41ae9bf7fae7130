"""Readers that feed records from files into the crawl's pipelines."""
