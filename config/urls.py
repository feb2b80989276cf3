from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path

from press import document_media
from press.favicon import favicon
from press.media import media_urlpatterns
from press.models import ChangeNote, Coverage, Photo, PressRelease, ReleasePhoto, Topic
from press.sitemaps import SITEMAPS, index, robots_txt
from visits.changes.pagecache import public_page
from visits.changes.tags import of_models
from visits.models import Engagement, Leg, Organization, Person, Place, Visit

#: What the sitemaps list (`press.sitemaps`): every public item, with what makes it public
#: (a photo through its trip or a release, a person, place or organisation through a
#: trip's itinerary), and the change notes that date a release.
SITEMAP_TAGS = of_models(
    PressRelease,
    ChangeNote,
    Topic,
    ReleasePhoto,
    Photo,
    Coverage,
    Visit,
    Leg,
    Engagement,
    Person,
    Place,
    Organization,
)

urlpatterns = [
    path("i18n/", include("django.conf.urls.i18n")),
    path("robots.txt", public_page(robots_txt), name="robots_txt"),
    path("favicon.ico", favicon, name="favicon"),
    # The read API: outside the language prefix (its language is ?lang=).
    path("api/v1/", include("press.api.urls")),
    path("sitemap.xml", public_page(index, tags=SITEMAP_TAGS), name="sitemap_index"),
    path(
        "sitemap-<section>.xml",
        public_page(sitemap, tags=SITEMAP_TAGS),
        {"sitemaps": SITEMAPS},
        name="sitemap_section",
    ),
]

# The mail provider's tracking webhooks (bounces, complaints: press/alerts/tracking.py),
# outside the language prefix; only with a secret, as anymail would otherwise take any
# stranger's report and stop mail to whatever address it names.
if settings.ANYMAIL.get("WEBHOOK_SECRET"):
    urlpatterns.append(path("anymail/", include("anymail.urls")))

# A document's file, outside the language prefix (a file is the same in every language)
# and routed whatever the storage, so its embargo holds on S3 too (press/document_media.py).
urlpatterns.append(
    path("documents/<int:pk>/<str:filename>", document_media.download, name="document_download")
)

urlpatterns += i18n_patterns(
    path(f"{settings.PRESSROOM_ADMIN_PATH}/", admin.site.urls),
    path("", include("press.urls")),
    path("", include("visits.urls")),
)

# Media files on the site's own storage, each only while it is public (press/media.py),
# with or without DEBUG; media on object storage is served from the storage's URLs.
urlpatterns += media_urlpatterns()
