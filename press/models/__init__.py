"""The press models, one module per family, all importable from here (Django loads the
app's models from `press.models`, and the project imports them from it):

* `topics`, `outlets`, `contacts`: the lists releases and coverage refer to.
* `documents`: PDFs, office and Hangul files of a release, trip or event.
* `photos`: photos of a trip (original, renditions, focal point, who may see them).
* `releases`: press releases, their languages and galleries (`ReleasePhoto`).
* `notes`: public change notes on published releases (`ChangeNote`).
* `coverage`: articles by outside outlets about a trip.
* `clippings`: articles as they came into the coverage desk (staff only).
* `linkcheck`: what the last check of a coverage link found, and the archived copies of
  the article (staff only).
* `videos`: video links (YouTube, Vimeo, the city's channel) of releases, trips, events.
* `alerts`: email alert subscribers, the alerts each was sent, suppressed addresses.
* `distribution`: journalists and their lists, the personal links of embargoed releases
  and each time one was opened.
* `fields`: field types and helpers the others share.
* `visibility`: when a release and each of its languages are public, each rule in its
  Python and its SQL form side by side.

Builds on `visits` (trips, publishing, locking); must not import `press.admin`, views,
feeds or services, which all build on these models.
"""

from .alerts import (
    AlertDelivery,
    DeliveryStatus,
    Subscriber,
    SuppressedAddress,
    SuppressionReason,
    normalise_address,
)
from .clippings import Clipping
from .contacts import PressContact
from .coverage import NEEDS, Coverage, CoverageQuerySet
from .distribution import EmbargoLink, EmbargoOpen, Journalist, JournalistList
from .documents import Document, DocumentQuerySet
from .fields import (
    ARTICLE_LANGUAGE_CHOICES,
    SITE_LANGUAGE_CHOICES,
    RichTextField,
    language_time,
    language_time_field,
    new_key,
    permanent_id,
    ready_field,
    ready_flag,
)
from .linkcheck import (
    ARCHIVE_PREFIX,
    NEVER_CHECKED,
    ArchivedCopy,
    CaptureNote,
    LinkState,
    LinkStatus,
    Reason,
)
from .notes import ChangeNote, latest_change, latest_note_time
from .outlets import Outlet, OutletQuerySet
from .photos import Photo, PhotoImageField, PhotoQuerySet, remove_photo_files
from .releases import PressRelease, PressReleaseQuerySet, ReleasePhoto, next_release_moments
from .topics import Topic, TopicQuerySet
from .videos import Video, VideoQuerySet
from .visibility import language_out_q, withdrawn_q

__all__ = [
    "ARCHIVE_PREFIX",
    "ARTICLE_LANGUAGE_CHOICES",
    "NEEDS",
    "NEVER_CHECKED",
    "SITE_LANGUAGE_CHOICES",
    "AlertDelivery",
    "ArchivedCopy",
    "CaptureNote",
    "ChangeNote",
    "Clipping",
    "Coverage",
    "CoverageQuerySet",
    "DeliveryStatus",
    "Document",
    "DocumentQuerySet",
    "EmbargoLink",
    "EmbargoOpen",
    "Journalist",
    "JournalistList",
    "LinkState",
    "LinkStatus",
    "Outlet",
    "OutletQuerySet",
    "Photo",
    "PhotoImageField",
    "PhotoQuerySet",
    "PressContact",
    "PressRelease",
    "PressReleaseQuerySet",
    "Reason",
    "ReleasePhoto",
    "RichTextField",
    "Subscriber",
    "SuppressedAddress",
    "SuppressionReason",
    "Topic",
    "TopicQuerySet",
    "Video",
    "VideoQuerySet",
    "language_out_q",
    "language_time",
    "language_time_field",
    "latest_change",
    "latest_note_time",
    "new_key",
    "next_release_moments",
    "normalise_address",
    "permanent_id",
    "ready_field",
    "ready_flag",
    "remove_photo_files",
    "withdrawn_q",
]
