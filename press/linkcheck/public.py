"""What the public pages say of a coverage item's link (issue 19, "Public pages tell the
truth"): a gone article keeps our record, with a notice instead of a dead link; a moved
one links to its new address.

For the coverage list and page (``templates/includes/coverage_item.html``,
``press/coverage_detail.html``): `public_link(item)` gives the address to link and the
notice to show. Lists should fetch the states with ``prefetch_related("link_state")``
(one small query, as the outlets are), so the rows they read stay as narrow as before.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import ObjectDoesNotExist
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from press.models import LinkStatus
from visits.links import safe_outside_url


@dataclass(frozen=True)
class PublicLink:
    #: The address to link the headline to ("" for none): the item's own, or the new
    #: one of a moved article.
    url: str
    #: Whether the article is gone from the outlet.
    gone: bool = False
    #: Whether ``url`` is the article's new address.
    moved: bool = False
    #: The sentence to show instead of a link, in the active language ("" for none).
    notice: str = ""


def public_link(coverage) -> PublicLink:
    """How a public page links ``coverage``'s article (see the module). Only a check of
    the item's present address counts; suspect and error states change nothing: they
    are for staff to look at, not proof that the article went."""
    own = safe_outside_url(coverage.url)
    try:
        state = coverage.link_state
    except ObjectDoesNotExist:
        return PublicLink(own)
    if state.url != coverage.url:
        return PublicLink(own)
    if state.status == LinkStatus.GONE:
        checked = date_format(timezone.localdate(state.checked_at), "DATE_FORMAT")
        return PublicLink(
            "",
            gone=True,
            notice=_(
                "The original article is no longer available at the outlet (checked %(date)s)."
            )
            % {"date": checked},
        )
    if state.status == LinkStatus.MOVED and safe_outside_url(state.final_url):
        return PublicLink(state.final_url, moved=True)
    return PublicLink(own)
