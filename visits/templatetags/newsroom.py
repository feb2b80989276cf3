"""Template helpers for a four-language newsroom: fallback-aware text and alternate URLs."""

import json

from django import template
from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.urls import translate_url
from django.utils.html import _json_script_escapes as _JSON_SCRIPT_ESCAPES
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import mark_safe
from django.utils.translation import get_language_info

from visits.links import safe_outside_url
from visits.lists import list_separator
from visits.text import LANGUAGE_CODES, Translated, translated_field
from visits.timezone import in_newsroom

register = template.Library()


@register.simple_tag
def translated(obj, field):
    """``{% translated release "title" as title %}``: text, lang and is_fallback."""
    return translated_field(obj, field)


@register.simple_tag(takes_context=True)
def alternates(context):
    """(language code, name in that language, URL of this page in that language).

    ``indexed`` says whether the page is really in that language: a release whose
    translation is not out yet is not offered to search engines in it (hreflang), though
    its readers can still switch to it; ``x_default`` marks English, or the first
    indexed language."""
    request = context.get("request")
    path = request.get_full_path() if request else "/"
    obj = context.get("object")
    out = LANGUAGE_CODES
    if hasattr(obj, "public_languages") and not context.get("preview"):
        out = obj.public_languages() or LANGUAGE_CODES
    x_default = "en" if "en" in out else out[0]
    links = []
    for code, _name in settings.LANGUAGES:
        info = get_language_info(code)
        links.append(
            {
                "code": code,
                "name": info["name_local"],
                "url": translate_url(path, code),
                "indexed": code in out,
                "x_default": code == x_default,
            }
        )
    return links


@register.simple_tag
def tfield(obj, field=None, html=False, tag="span"):
    """A translated field for display, ``{% tfield release "title" %}``, or a value worked
    out already, ``{% tfield title %}`` (from `translated` or ``object_text``); fallback
    text is wrapped with its own ``lang``.

    ``html=True`` is only for rich-text fields, which are sanitised with nh3 on the way
    in (press.models.RichTextField), so their HTML is trusted here.
    """
    value = obj if isinstance(obj, Translated) else translated_field(obj, field)
    text = mark_safe(value.text) if html else value.text  # sanitised on save
    if value.is_fallback:
        return format_html('<{0} lang="{1}">{2}</{0}>', tag, value.lang, text)
    if html and tag == "div":
        return format_html("<div>{}</div>", text)
    return conditional_escape(text)


@register.simple_tag
def fallback_languages(obj, *fields):
    """Names of the languages this item is shown in instead of the reader's, if any."""
    names = []
    for field in fields:
        value = translated_field(obj, field)
        if value and value.is_fallback and value.language_name not in names:
            names.append(value.language_name)
    return names


@register.simple_tag
def lang_label(value):
    """`` {% lang_label title %}``: a small label naming, in the reader's language, the
    language of a title a list shows in another language than the reader's: a
    `Translated` that falls back, or a language code (an article's, shown as it was
    published); nothing for a title in the reader's language. It opens with a space, to
    follow the title."""
    if isinstance(value, Translated):
        if not value or not value.is_fallback:
            return ""
        value = value.lang
    if not value:
        return ""
    return format_html(' <span class="lang-label">{}</span>', language_name(value))


@register.simple_tag
def newsroom_time(day, time_of_day):
    """``{% newsroom_time item.published_on item.published_time as at %}``: a day and a
    time given without a zone (an article's), read in the newsroom's; None without a time."""
    if day is None or time_of_day is None:
        return None
    return in_newsroom(day, time_of_day)


@register.simple_tag(takes_context=True)
def absolute(context, url):
    """An absolute URL on the request's own site (never a hard-coded domain)."""
    request = context.get("request")
    return request.build_absolute_uri(url) if request else url


@register.filter
def outside_url(value) -> str:
    """``{{ item.url|outside_url }}``: the address if it is http(s), else "" (no link:
    `visits.links`)."""
    return safe_outside_url(value)


@register.filter
def language_name(code):
    """The name of a language code in the reader's language (for articles in any language)."""
    try:
        return get_language_info(code)["name_translated"]
    except KeyError:
        return code


@register.simple_tag
def listsep():
    """The reader's separator between a list's items (、 in Chinese and Japanese), for
    lists written item by item: ``{% if not forloop.last %}{% listsep %}{% endif %}``."""
    return list_separator()


@register.filter(needs_autoescape=True)
def join_list(items, autoescape=True):
    """``{{ names|join_list }}``: the items, each escaped, joined with the reader's
    separator (`visits.lists`)."""
    escape = conditional_escape if autoescape else str
    return mark_safe(list_separator().join(str(escape(item)) for item in items))


@register.simple_tag
def jsonld(data):
    """A schema.org block; the JSON is escaped so no text can close the script element."""
    payload = json.dumps(data, ensure_ascii=False, cls=DjangoJSONEncoder).translate(
        _JSON_SCRIPT_ESCAPES
    )
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(payload))


@register.simple_tag(takes_context=True)
def visit_jsonld(context, visit):
    """A schema.org Event for a trip, with its legs as sub-events in their cities."""
    request = context["request"]
    url = request.build_absolute_uri(visit.get_absolute_url())
    data = {
        "@context": "https://schema.org",
        "@type": "Event",
        "name": translated_field(visit, "title").text,
        "startDate": visit.start_date.isoformat(),
        "endDate": visit.end_date.isoformat(),
        "url": url,
        "eventStatus": "https://schema.org/EventScheduled",
        "eventAttendanceMode": "https://schema.org/OfflineEventAttendanceMode",
        "organizer": {"@type": "GovernmentOrganization", "name": "Seoul Metropolitan Government"},
        "performer": {"@type": "Person", "name": translated_field(visit.official, "name").text},
        "location": [
            {
                "@type": "Place",
                "name": translated_field(leg.city, "name").text,
                "address": {"@type": "PostalAddress", "addressCountry": str(leg.city.country)},
            }
            for leg in visit.legs.all()
        ],
    }
    if summary := translated_field(visit, "summary"):
        data["description"] = summary.text
    return data
