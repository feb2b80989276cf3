"""The read model: each public item's page, per language, built ahead by the change
pipeline, so a reader's page is one narrow statement instead of the ORM and templates.

- `rows`: the tables (`ReadRow`: one item's page in one language, with the tags of what
  it shows, the version and horizon it was built under; `ReadTag`: which items show a tag).
- `pages`: which pages it holds (`PageKind`, registered by the URL configurations with
  `read_model_page`).
- `building`: a row is the item's own view rendered for an anonymous reader, once per
  language, noting every content row the view loaded (its tags).
- `reading`: a reader's page from its row, read through the item's door, so
  ``published()`` (or ``on_record()``) decides visibility at every read, never the row.
- `upkeep`: after each commit, rows that show what it touched are dropped and built again
  on the task queue; ``manage.py rebuild_read_model`` builds them all.

Missing or stale rows are never wrong, only slower: the view serves the page and the
rows are queued. Imports no other app: apps register their pages in their URL
configurations.
"""

from .pages import PageKind, read_model_page

__all__ = ["PageKind", "read_model_page"]
