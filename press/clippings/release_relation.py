"""Release relation: the releases of the chosen trip a clipping follows or is.

The trip's releases sharing one of the clipping's events and out by its date (a draft or a
release scheduled later is not what the article followed), and any whose title in some
language is nearly the headline (`SAME_TITLE`); a release page's own release is not one.
"""

from __future__ import annotations

from django.utils import timezone
from django.utils.translation import gettext as _

from visits.publishing import Status
from visits.text import translations

from .duplicates import release_number
from .gazetteer import TripInfo
from .normalising import similarity
from .results import Guess, Recognition

#: A release's title this alike to the headline is the same release.
SAME_TITLE = 0.85


def related_releases(info: TripInfo, recognition: Recognition, events, on) -> Guess:
    """The trip's releases sharing the article's events and out by its date (a draft
    or one scheduled later is not what it followed), and any whose title is nearly
    its headline; a release page's own release is left out."""
    wanted = {e.pk for e in events}
    cutoff = timezone.now() if on is None else None
    headline = recognition.headline.value or ""
    own_number = release_number(recognition.number.value or "")
    alike, shared = [], []
    for release in info.releases:
        same_title = bool(headline) and any(
            similarity(headline, title) >= SAME_TITLE for title in translations(release, "title")
        )
        if recognition.is_release:
            if same_title or (own_number and release_number(release.number) == own_number):
                continue  # the release page itself
        elif same_title:
            alike.append(release)
            continue
        if release.status in (Status.DRAFT, Status.IN_REVIEW) or release.published_at is None:
            continue
        out = timezone.localtime(release.published_at)
        if (cutoff is not None and out > cutoff) or (on is not None and out.date() > on):
            continue
        if wanted & {e.pk for e in release.engagements.all()}:
            shared.append(release)
    if not alike and not shared:
        return Guess([], 0.0, _("No release of the trip covers these events."))
    reasons = []
    if alike:
        reasons.append(_("Nearly the same title: %(releases)s.") % {"releases": _listed(alike)})
    if shared:
        reasons.append(
            _("On the same events and out by the article's date: %(releases)s.")
            % {"releases": _listed(shared)}
        )
    return Guess(alike + shared, 0.9 if alike else 0.7, " ".join(reasons))


def _listed(releases) -> str:
    return ", ".join(release.number or str(release) for release in releases)
