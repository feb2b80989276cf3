"""``{% picture %}``: a photo as ``<picture>`` with AVIF/WebP/JPEG sources for every screen."""

from django import template

from press import renditions
from visits.text import translated_field

register = template.Library()

#: Layout hints for the browser's choice of width (CSS widths of the photo on the page).
SIZES = {
    "full": "(min-width: 64rem) 42rem, 100vw",
    "gallery": "(min-width: 40rem) 14rem, 50vw",
    "thumb": "(min-width: 64rem) 6rem, 30vw",
    "large": "(min-width: 64rem) 60rem, 100vw",
}


@register.inclusion_tag("includes/picture.html")
def picture(photo, layout="full", crop=None, eager=False):
    """The photo in a ``<picture>``: ``layout`` is one of `SIZES`; ``crop="card"`` gives
    the 3:2 crop around the focal point; ``eager`` for the first photo of a page."""
    alt = translated_field(photo, "alt_text")
    return {
        "picture": renditions.picture(photo, crop=crop or None),
        "sizes": SIZES[layout or "full"],
        "alt": alt,
        "eager": eager,
    }


@register.simple_tag(takes_context=True)
def social_image(context, photo):
    """The photo for social cards: ``url`` (absolute, on the request's host), ``type``,
    ``width`` and ``height`` of the 1200 x 630 crop, or of the original while the crops
    are still being made (a card must not claim a size the image does not have)."""
    url = renditions.social_image_url(photo)
    request = context.get("request")
    if renditions.ready(photo):
        width, height = renditions.CROPS["social"][0]
        media_type = "image/jpeg"
    else:
        width, height, media_type = photo.width, photo.height, photo.media_type
    return {
        "url": request.build_absolute_uri(url) if request else url,
        "type": media_type,
        "width": width,
        "height": height,
    }


@register.filter
def credits(photos):
    """The distinct credits of some photos, in order: for a line under thumbnails."""
    return list(dict.fromkeys(photo.credit for photo in photos))
