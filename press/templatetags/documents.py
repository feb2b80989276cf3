"""``{% public_documents item as documents %}``: the documents a release, trip or event
page lists (one query), for ``templates/press/includes/documents.html``.

A release's page lists all of its documents (the page itself is shown only while the
release is public, or to an editor's preview, as its gallery is), none once withdrawn;
a trip's and an event's pages list theirs through `Document.objects.published()`.
"""

from django import template
from django.utils.translation import get_language_info, gettext

from press.models import ARTICLE_LANGUAGE_CHOICES, PressRelease

register = template.Library()

LANGUAGE_NAMES = dict(ARTICLE_LANGUAGE_CHOICES)


@register.simple_tag
def public_documents(item, withdrawn=False) -> list:
    if item is None or withdrawn:
        return []
    if isinstance(item, PressRelease):
        documents = item.documents.all()
    else:
        documents = item.documents.published()
    return list(documents.order_by("order", "pk"))


@register.filter
def document_language(code: str) -> str:
    """The name of a document's language in the reader's language ("Korean", "韓国語")."""
    try:
        return get_language_info(code)["name_translated"]
    except KeyError:
        name = LANGUAGE_NAMES.get(code)
        return gettext(name) if name else code
