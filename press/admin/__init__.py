"""The editors' admin of `press`: one module per model family, registered on import.

* `topics_outlets`: topics, outlets, press contacts (the reference lists).
* `documents`: documents, and their tables on the release and trip forms.
* `photos`: photos, their preview and crops, and the batch upload of a trip's photos.
* `releases`: press releases with their gallery and coverage; `withdrawal`: withdrawing
  them.
* `coverage`: coverage items, with what each still needs; `clippings`,
  `clipping_upload` and `clipping_forms`: importing them from news clippings (the
  coverage desk); `clipping_archive`: the clippings they came from (read only);
  `reports`: a trip's coverage report.
* `dashboard`: the press office's lists on the admin's start page.
* `common`: the pieces these share.

Builds on the admin base of `visits` and applies the rules of `press.services`; it holds
no rule of its own that a command or an API would need. Nothing but Django's admin
autodiscovery (and tests) imports this package: models, services, views and feeds must
not import it.
"""

from . import (
    clipping_archive,
    clipping_forms,
    clipping_upload,
    clippings,
    common,
    coverage,
    dashboard,
    documents,
    photos,
    releases,
    topics_outlets,
    withdrawal,
)

__all__ = [
    "clipping_archive",
    "clipping_forms",
    "clipping_upload",
    "clippings",
    "common",
    "coverage",
    "dashboard",
    "documents",
    "photos",
    "releases",
    "topics_outlets",
    "withdrawal",
]
