"""The archive schema, built and upgraded by ordered migrations (sqlite-utils Migrations).

The frozen migrations live in modules by number range, imported here in order:
``schema_m001`` (m001-m303), ``schema_m410`` (m410 on); a new one goes at the end of the
last module.

Never edit an applied migration: add a new one. Each migration holds its DDL (and any data
conversion) as written when it was applied, never a call into code that may change later.
Opening a database made by an older newscrawl applies the missing migrations in place.
"""

from __future__ import annotations

from sqlite_utils import Database

from newscrawl.store.schema_m410 import migrations

__all__ = ["migrate", "migrations"]


def migrate(db: Database) -> None:
    """Bring a database to the current schema."""
    migrations.apply(db)
