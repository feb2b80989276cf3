"""The site's URLs plus the floor: a trivial view through the same middleware.

Every page's throughput is given as a share of the floor's, measured by the same
server in the same run, so the figures do not depend on the machine. The floor sits
under the language prefix, so LocaleMiddleware does for it what it does for a page.
"""

from django.conf.urls.i18n import i18n_patterns
from django.http import HttpResponse
from django.urls import path

from config.urls import urlpatterns as site_urlpatterns


def floor(request):
    return HttpResponse(b"floor", content_type="text/plain")


urlpatterns = [
    *i18n_patterns(path("bench-floor/", floor, name="bench_floor")),
    *site_urlpatterns,
]
