"""The media contacts page (``/<lang>/contacts/``): whom journalists call, with each
contact's department, telephone and e-mail, in the reader's language (a name or
department not translated shows in its own language, marked with ``lang``).

Which contacts are listed is `PressContactQuerySet.published`'s: those named on a public
release, as the release pages show them already; one named only on drafts stays internal.
"""

from django.utils.translation import gettext
from django.views.generic import TemplateView

from visits.text import translated_field

from .models import PressContact


def contact_point(contact, name: str) -> dict:
    """A schema.org ContactPoint for ``contact`` (its name as the reader sees it)."""
    point = {"@type": "ContactPoint", "contactType": "media relations", "name": name}
    if contact.email:
        point["email"] = contact.email
    if contact.phone:
        point["telephone"] = contact.phone
    return point


class ContactsView(TemplateView):
    """Every public press contact, by name in the reader's language: one query."""

    template_name = "press/contacts.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        contacts = sorted(
            PressContact.objects.published(),
            key=lambda contact: (translated_field(contact, "name").text.casefold(), contact.pk),
        )
        context["contacts"] = contacts
        context["contacts_jsonld"] = {
            "@context": "https://schema.org",
            "@type": "ContactPage",
            "name": gettext("Media contacts"),
            "url": self.request.build_absolute_uri(self.request.path),
            "about": {
                "@type": "GovernmentOrganization",
                "name": gettext("Seoul Metropolitan Government"),
                "contactPoint": [
                    contact_point(contact, translated_field(contact, "name").text)
                    for contact in contacts
                ],
            },
        }
        return context
