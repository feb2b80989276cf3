"""``{% zone_notice %}``: the admin form's one notice about its time zone
(`visits.adminkit.zone_notice`)."""

from django import template
from django.utils.html import format_html

from visits.adminkit.zone_notice import form_zone_notice

register = template.Library()


@register.simple_tag(takes_context=True)
def zone_notice(context):
    sentences = form_zone_notice(context)
    if not sentences:
        return ""
    return format_html('<p class="zone-notice" id="zone-notice">{}</p>', " ".join(sentences))
