"""The personal link of an embargoed release: ``/<lang>/embargoed/<token>/``.

Shows the release (title, lead, body, number, contact) under the embargo notice to whoever
holds the link, until its public time, and logs each opening (`press.distribution`);
after the time it redirects to the public page. A revoked link, or one whose release was
unscheduled or withdrawn, is 410; an unknown or tampered token 404.

Never kept by the page cache (not wrapped in `public_page`), by a browser or a proxy
(``private, no-store``), listed by a search engine, or sent as a Referer. Photos are not
shown: an unpublished release's photos have no public file address (`press.media`).
"""

from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils import translation

from . import distribution
from .previews import keep_private
from .views import ReleaseDetailView


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
        context["lead_photo"] = None
        context["gallery"] = []
        context["photo_count"] = len(release.gallery.all())
        context["embargoed"] = True
        context["embargo_notice"] = distribution.embargo_notice(
            release, self.link.journalist.zone()
        )
        context["journalist"] = self.link.journalist
        return context
