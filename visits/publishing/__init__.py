"""Publishing and locking: the two rules every editable, public model is built on.

* `publishable`: the publication states (`Status`, `APPROVED`) and `Publishable`, whose
  ``published()`` is the one door to public visibility; re-exported here, as the whole
  project imports them from `visits.publishing`.
* `locking`: optimistic locking (`Locked`, `EditConflict`, `bump()`): a save from a stale
  copy of a row is refused, never silent.
* `services`: the workflow as keyword-only functions (submit, publish, schedule,
  unpublish, withdraw) and who may do what, for the admin, commands and the API.

The models are abstract and all of it is plain Django: this package must not import any
other part of the project (models, admin, changes, search), since all of them build on it.
"""

from .publishable import (
    APPROVED,
    Publishable,
    PublishableQuerySet,
    Status,
    public_at,
    public_q,
)

__all__ = ["APPROVED", "Publishable", "PublishableQuerySet", "Status", "public_at", "public_q"]
