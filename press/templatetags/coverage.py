"""``{% article_link item as link %}``: where a coverage item's headline leads a reader
(its address, a moved article's new one, or none with a notice when the article is gone
from the outlet); `press.linkcheck.public` decides."""

from django import template

from press.linkcheck.public import PublicLink, public_link

register = template.Library()


@register.simple_tag
def article_link(item) -> PublicLink:
    return public_link(item)
