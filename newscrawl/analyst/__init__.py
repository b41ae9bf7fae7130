"""What analysts run on an archive: search, Datasette browsing, reports, changes.

Every one of them opens the archive read-only (:func:`newscrawl.store.access.open_readonly`).
"""
