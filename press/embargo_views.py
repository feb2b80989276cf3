"""The personal link of an embargoed release: ``/<lang>/embargoed/<token>/``.

Shows the release (title, lead, body, number, contact) under the embargo notice to whoever
holds the link, until its public time, and logs each opening (`press.distribution`);
after the time it redirects to the public page. A revoked link, or one whose release was
unscheduled or withdrawn, is 410; an unknown or tampered token 404.

Never kept by the page cache (not wrapped in `public_page`), by a browser or a proxy
(``private, no-store``), listed by a search engine, or sent as a Referer. An unpublished
release's photos have no public file address (`press.media`): the page shows them through
the link itself (``…/embargoed/<token>/photos/<id>/``, `embargoed_photo`), which answers
only while the link does, and only for the photos of its release.
"""

from django.http import HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import translation
from django.views.decorators.http import require_safe

from . import distribution, media, renditions
from .previews import keep_private
from .views import ReleaseDetailView


def photo_file(photo) -> str:
    """The storage name of the largest plain rendition of ``photo`` (the original while
    its renditions are not made)."""
    if not renditions.ready(photo):
        return photo.image.name
    return renditions.resized(photo, renditions.widths(photo)[-1], renditions.FALLBACK_FORMAT).name


def photo_size(photo) -> tuple[int, int]:
    if not renditions.ready(photo) or not photo.width or not photo.height:
        return photo.width or 0, photo.height or 0
    width = renditions.widths(photo)[-1]
    return width, max(round(photo.height * width / photo.width), 1)


class EmbargoedReleaseView(ReleaseDetailView):
    template_name = "press/embargoed_release.html"
    unavailable_template_name = "press/embargoed_unavailable.html"
    http_method_names = ["get", "head"]

    def dispatch(self, request, *args, **kwargs):
        return keep_private(super().dispatch(request, *args, **kwargs))

    def get(self, request, *args, **kwargs):
        try:
            self.link = distribution.open_token(kwargs["token"])
        except distribution.Closed as closed:
            if closed.reason == "public":
                return redirect(closed.release.get_absolute_url())
            return TemplateResponse(
                request,
                self.unavailable_template_name,
                {"reason": closed.reason},
                status=404 if closed.reason == "invalid" else 410,
            )
        if request.method == "GET":
            distribution.log_open(self.link, request)
        return super().get(request, *args, **kwargs)

    def get_object(self, queryset=None):
        release = self.get_base_queryset().get(pk=self.link.release_id)
        release.shown_languages = distribution.shown_languages(release, translation.get_language())
        return release

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        release = self.object
        # Never through public media URLs: through the link (`embargoed_photo`).
        context["lead_photo"] = None
        context["gallery"] = []
        context["embargo_photos"] = [
            {
                "photo": item.photo,
                "url": reverse(
                    "press:embargoed_photo",
                    kwargs={"token": self.kwargs["token"], "photo": item.photo_id},
                ),
                "size": photo_size(item.photo),
            }
            for item in release.gallery.all()
        ]
        context["embargoed"] = True
        context["embargo_notice"] = distribution.embargo_notice(
            release, self.link.journalist.zone(), release.shown_languages
        )
        context["journalist"] = self.link.journalist
        return context


@require_safe
def embargoed_photo(request, token, photo):
    """A photo of the link's release, while the link shows the release: the largest
    rendition, never stored by a cache. Anything else is a 404 that says nothing."""
    try:
        link = distribution.open_token(token)
    except distribution.Closed:
        link = None
    if distribution.parse_pk(photo) is None:  # more than a bigint holds
        link = None
    item = (
        link.release.gallery.select_related("photo").filter(photo_id=photo).first()
        if link is not None
        else None
    )
    response = None
    if item is not None and item.photo.image:
        name = photo_file(item.photo)
        content_type = media.media_type(name)
        if content_type is not None:
            response = media.file_response(request, name, content_type)
    if response is None:
        response = HttpResponse("Not found.", status=404, content_type="text/plain")
    response["X-Content-Type-Options"] = "nosniff"
    return keep_private(response)
