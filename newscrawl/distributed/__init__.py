"""Distributed crawling on Redis: many workers, one writer, one archive.

Workers are ordinary ``scrapy crawl news`` processes started with
``NEWSCRAWL_REDIS_URL``; the :mod:`~newscrawl.distributed.addon` then swaps in the Redis
parts: a shared priority queue with leases (:mod:`.queue`, :mod:`.scheduler`), a shared
duplicate filter, per-site politeness across workers (:mod:`.politeness`), robots.txt read
once and shared (:mod:`.robots`), the archive's state as the writer published it
(:mod:`.ledger`) and an outbox that sends articles and page states through a Redis stream
(:mod:`.worker`). ``newscrawl store --redis URL`` (:mod:`.writer`) is the only process that
opens the SQLite archive: it publishes what the archive knows at the start of a run and
stores what the workers send, acknowledging each message after its transaction commits.
Requests cross Redis as JSON data (:mod:`.codec`), never pickled objects.
"""
