"""The editors' admin of `press`: one module per model family, registered on import.

* `topics_outlets`: topics, outlets, press contacts (the reference lists).
* `photos`: photos, their preview and crops, and the batch upload of a trip's photos.
* `releases`: press releases with their gallery and coverage; `withdrawal`: withdrawing
  them.
* `coverage`: coverage items; `clippings`: importing them from news clippings (the
  coverage desk), what an item still needs, and the clipping archive (read only).
* `common`: the pieces these share.

Builds on the admin base of `visits` and applies the rules of `press.services`; it holds
no rule of its own that a command or an API would need. Nothing but Django's admin
autodiscovery (and tests) imports this package: models, services, views and feeds must
not import it.
"""

from . import clippings, common, coverage, photos, releases, topics_outlets, withdrawal

__all__ = [
    "clippings",
    "common",
    "coverage",
    "photos",
    "releases",
    "topics_outlets",
    "withdrawal",
]
