"""``/favicon.ico``: browsers ask for it on every site whatever the page's ``<link
rel="icon">`` says; it is sent on to the icon among the static files (base.html links the
same file), so the address answers instead of filling logs with 404s."""

from django.http import HttpResponseRedirect
from django.templatetags.static import static
from django.utils.cache import patch_cache_control


def favicon(request):
    # Looked up per request, not at import: production's static storage names the file by
    # its content's hash, read from the manifest that collectstatic writes.
    response = HttpResponseRedirect(static("favicon.svg"))
    patch_cache_control(response, public=True, max_age=86400)
    return response
