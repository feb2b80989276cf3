"""Revisions: every save of a trip, release, coverage item or photo is kept, with who
and when, and can be compared and restored in the admin (django-reversion).

Models are registered where they are defined (``@reversion.register``); the admin's
`RevisionAdmin` adds the history, comparison and restore views.
"""

from reversion.admin import VersionAdmin


class RevisionAdmin(VersionAdmin):
    """History with revisions for a model's admin."""

    @property
    def change_list_template(self):
        # reversion's own list template names no model, so a model's own change list
        # template (reversion/<app>/<model>/change_list.html) is looked up first.
        return self._reversion_get_template_list("change_list.html")
