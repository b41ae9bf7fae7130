"""Wire-copy detection and story grouping (pure: no Scrapy, no SQL)."""
