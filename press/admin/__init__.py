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
* `distribution`: journalist lists, embargoed links and their log, and the release's
  "Send under embargo…" page.
* `videos`: video links, inline on releases and (added from here) on trips.
* `dashboard`: the press office's lists on the admin's start page.
* `alerts`: email alert subscribers, suppressed addresses and the log of alerts sent.
* `common`: the pieces these share.

Builds on the admin base of `visits` and applies the rules of `press.services`; it holds
no rule of its own that a command or an API would need. Nothing but Django's admin
autodiscovery (and tests) imports this package: models, services, views and feeds must
not import it.
"""

from . import (
    alerts,
    clipping_archive,
    clipping_forms,
    clipping_upload,
    clippings,
    common,
    coverage,
    dashboard,
    distribution,
    documents,
    photos,
    releases,
    topics_outlets,
    videos,
    withdrawal,
)

__all__ = [
    "alerts",
    "clipping_archive",
    "clipping_forms",
    "clipping_upload",
    "clippings",
    "common",
    "coverage",
    "dashboard",
    "distribution",
    "documents",
    "photos",
    "releases",
    "topics_outlets",
    "videos",
    "withdrawal",
]
