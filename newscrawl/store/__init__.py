"""SQLite storage: schema and migrations, the Archive (writes) and queries."""

from newscrawl.store.archive import Archive, Saved

__all__ = ["Archive", "Saved"]
