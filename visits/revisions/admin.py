"""The admin's history, comparison and restore of revisions (see the package's
docstring)."""

import re

import reversion
from django.contrib import messages
from django.contrib.admin.utils import quote, unquote
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ImproperlyConfigured, PermissionDenied
from django.core.paginator import Paginator
from django.db import connections, models, transaction
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.text import capfirst
from django.utils.translation import gettext
from reversion.admin import VersionAdmin
from reversion.errors import RevertError
from reversion.models import Version

from .compare import compare
from .recording import comment_of
from .restore import restore


class _KeepNothing(Exception):
    """Leaves the restore view's transaction, undoing the revert, with its response."""

    def __init__(self, response):
        self.response = response


class RevisionAdmin(VersionAdmin):
    """History, comparison and restore of a model's revisions in its admin."""

    history_latest_first = True
    compare_template = "reversion/compare.html"
    #: Revisions per page of the history.
    history_per_page = 100

    @property
    def change_list_template(self):
        # reversion's own list template names no model, so a model's own change list
        # template (reversion/<app>/<model>/change_list.html) is looked up first.
        return self._reversion_get_template_list("change_list.html")

    def get_urls(self):
        info = self.opts.app_label, self.opts.model_name
        return [
            path(
                "<path:object_id>/history/compare/",
                self.admin_site.admin_view(self.compare_view),
                name="{}_{}_compare".format(*info),
            ),
            *super().get_urls(),
        ]

    def has_restore_permission(self, request, obj) -> bool:
        """A restore rewrites every field and owned row: it needs the right to change the
        whole item as it is now."""
        if not self.has_change_permission(request, obj):
            return False
        # Asked of the admin (visits.adminkit.base.BaseAdmin) rather than computed here,
        # so that the admin kit and the revisions never import each other.
        changes_whole_item = getattr(self, "changes_whole_item", None)
        return changes_whole_item is None or changes_whole_item(request, obj)

    def _url(self, view: str, *args) -> str:
        opts = self.opts
        return reverse(
            f"{self.admin_site.name}:{opts.app_label}_{opts.model_name}_{view}", args=args
        )

    def _page_context(self, request, obj, title: str) -> dict:
        opts = self.opts
        return {
            **self.admin_site.each_context(request),
            "title": title,
            "subtitle": None,
            "object": obj,
            "opts": opts,
            "app_label": opts.app_label,
            "module_name": capfirst(opts.verbose_name_plural),
            "object_id": quote(obj.pk),
        }

    # --- history ---------------------------------------------------------------

    def history_view(self, request, object_id, extra_context=None):
        """Every revision, newest first, with who, when and why; two to compare, and
        each to open and restore."""
        obj = self.get_object(request, unquote(object_id))
        if obj is None:
            return self._get_obj_does_not_exist_redirect(request, self.opts, object_id)
        if not self.has_view_or_change_permission(request, obj):
            raise PermissionDenied
        request.current_app = self.admin_site.name
        # Newest first, in the order revisions were saved (as the comparison reads them).
        versions = Version.objects.get_for_object(obj).select_related("revision__user")
        versions = versions.order_by("-pk")
        page = Paginator(versions, self.history_per_page).get_page(request.GET.get("p"))
        items = list(page)
        first_page = page.number == 1
        rows = [
            {
                "version": version,
                "revision": version.revision,
                "comment": comment_of(version.revision),
                "url": self._url("revision", quote(obj.pk), version.pk),
                "is_to": first_page and index == 0,
                "is_from": first_page and index == 1,
                "previous": items[index + 1].pk if index + 1 < len(items) else None,
            }
            for index, version in enumerate(items)
        ]
        context = {
            **self._page_context(request, obj, gettext("Change history: %s") % obj),
            "rows": rows,
            "page": page,
            "compare_url": self._url("compare", quote(obj.pk)),
            "can_restore": self.has_restore_permission(request, obj),
            **(extra_context or {}),
        }
        return TemplateResponse(
            request,
            self.object_history_template
            or self._reversion_get_template_list("object_history.html"),
            context,
        )

    # --- comparison ------------------------------------------------------------

    def compare_view(self, request, object_id, extra_context=None):
        """What changed between two revisions (``?from=&to=``; by default the last two)."""
        obj = self.get_object(request, unquote(object_id))
        if obj is None:
            raise Http404
        if not self.has_view_or_change_permission(request, obj):
            raise PermissionDenied
        request.current_app = self.admin_site.name
        versions = Version.objects.get_for_object(obj).select_related("revision__user")
        given = {key: request.GET.get(key) for key in ("from", "to")}
        if any(value is not None for value in given.values()):
            picked = {
                key: _version_or_404(versions, value)
                for key, value in given.items()
                if value is not None
            }
            new = picked.get("to") or versions.order_by("-pk").first()
            old = picked.get("from") or versions.filter(pk__lt=new.pk).order_by("-pk").first()
        else:
            new, old = [*versions.order_by("-pk")[:2], None, None][:2]
        problem, changes, owned = "", [], []
        if old is None or new is None:
            problem = gettext("There is nothing to compare yet: this item has one revision.")
        elif old.pk == new.pk:
            problem = gettext("Choose two different revisions to compare.")
        else:
            if old.pk > new.pk:
                old, new = new, old
            changes, owned = compare(self.model, old, new)
        context = {
            **self._page_context(
                request, obj, gettext("Compare revisions: %(item)s") % {"item": obj}
            ),
            "old": old,
            "new": new,
            "pair": [
                (gettext("Older revision"), old, comment_of(old.revision)),
                (gettext("Newer revision"), new, comment_of(new.revision)),
            ]
            if not problem
            else [],
            "problem": problem,
            "changes": changes,
            "owned": owned,
            "history_url": self._url("history", quote(obj.pk)),
            "can_restore": self.has_restore_permission(request, obj),
            "restore_url": self._url("revision", quote(obj.pk), old.pk) if old else "",
            **(extra_context or {}),
        }
        return TemplateResponse(request, self.compare_template, context)

    # --- restore ---------------------------------------------------------------

    def _reversion_revisionform_view(self, request, version, template_name, extra_context=None):
        """reversion's revision and recover view, restoring one item (`restore`).

        As in reversion: the old version is written inside a transaction, the change
        form runs on it, and the transaction is kept only when the form is saved (a
        redirect); otherwise it is rolled back and the rendered form returned. Unlike
        reversion, signals are not muted for a GET (that swaps the receivers of the whole
        process, so a concurrent request's saves would lose theirs); the rollback undoes
        whatever the receivers wrote.
        """
        content_type = ContentType.objects.db_manager(version._state.db).get_for_model(self.model)
        if version.content_type_id != content_type.pk:
            raise Http404
        if not connections[version.db].features.uses_savepoints:
            raise ImproperlyConfigured("Restoring revisions needs a database with savepoints.")
        current = self.model._base_manager.using(version.db).filter(pk=version.object_id).first()
        if current is not None and not self.has_restore_permission(request, current):
            raise PermissionDenied
        extra_context = {**(extra_context or {}), "revision_version": version}
        if current is not None:
            compare_url = self._url("compare", quote(current.pk))
            extra_context["revision_compare_url"] = f"{compare_url}?from={version.pk}"
        if extra_context.get("revert"):
            extra_context["title"] = gettext("Restore “%(item)s”") % {"item": version.object_repr}
        try:
            with transaction.atomic(using=version.db):
                restore(version)
                with self.create_revision(request):
                    response = self.changeform_view(
                        request, quote(version.object_id), request.path, extra_context
                    )
                    if request.method == "POST" and response.status_code == 302:
                        reversion.set_comment(
                            gettext("Restored the revision of %(date)s")
                            % {"date": _when(version.revision.date_created)}
                        )
                    elif response.status_code == 200:
                        response.template_name = template_name
                        response.render()
                        raise _KeepNothing(response)
                    else:
                        raise RevertError(
                            gettext("“%(item)s” could not be opened.")
                            % {"item": version.object_repr}
                        )
        except (RevertError, models.ProtectedError) as error:
            messages.error(request, str(error))
            if current is not None:
                return redirect(self._url("history", quote(current.pk)))
            return redirect(self._url("changelist"))
        except _KeepNothing as kept:
            return kept.response
        return response


def _version_or_404(versions, value: str):
    """The version ``value`` names among ``versions`` (one item's), or a 404."""
    if not re.fullmatch(r"\d{1,18}", value or ""):
        raise Http404
    version = versions.filter(pk=int(value)).first()
    if version is None:
        raise Http404
    return version


def _when(moment) -> str:
    return date_format(timezone.localtime(moment), "DATETIME_FORMAT")
