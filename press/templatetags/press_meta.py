"""Metadata in the head of press pages: schema.org data and feed autodiscovery."""

from django import template

from press.feeds import feeds_for
from press.models import latest_change
from visits.text import translated_field

register = template.Library()


@register.simple_tag(takes_context=True)
def release_jsonld(context, release, lead_photo=None):
    """A schema.org NewsArticle for a press release, with absolute URLs on this site."""
    request = context["request"]
    title = translated_field(release, "title")
    data = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": title.text[:110],
        "inLanguage": title.lang,
        "datePublished": release.published_at,
        # Its last public change (publication or latest change note); a preview's edit.
        "dateModified": latest_change(release) or release.updated_at,
        "url": request.build_absolute_uri(release.get_absolute_url()),
        "mainEntityOfPage": request.build_absolute_uri(release.get_absolute_url()),
        "publisher": {"@type": "GovernmentOrganization", "name": "Seoul Metropolitan Government"},
        "author": {"@type": "GovernmentOrganization", "name": "Seoul Metropolitan Government"},
    }
    if lead := translated_field(release, "lead"):
        data["description"] = lead.text
    if release.number:
        data["identifier"] = release.number
    if lead_photo is not None:
        data["image"] = {
            "@type": "ImageObject",
            "url": request.build_absolute_uri(lead_photo.image.url),
            "width": lead_photo.width,
            "height": lead_photo.height,
            "creditText": lead_photo.credit,
        }
    if release.visit_id and release.visit.is_public:
        data["about"] = {
            "@type": "Event",
            "name": translated_field(release.visit, "title").text,
            "url": request.build_absolute_uri(release.visit.get_absolute_url()),
        }
    return data


@register.inclusion_tag("includes/feed_links.html", takes_context=True)
def feed_links(context):
    """``<link rel="alternate">`` for the feeds that fit the page: those of its object
    (a detail page) or of the trip or topic a list is narrowed to, then the newsroom's."""
    return {"feeds": feeds_for(context.get("feed_object") or context.get("object"))}
