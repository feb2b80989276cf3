"""The admin's changelist (and autocomplete) search through the same engine."""

from django.db.models import Q

from . import Search


class IndexedSearchMixin:
    """Search a changelist with the search index, drafts included: Korean, Chinese and
    Japanese words of any length, any language's text, prefixes. The admin's own
    ``search_fields`` still apply, OR-ed in, for identifiers (``"=number"``)."""

    #: The `visits.search.documents` kind this admin lists.
    search_kind = ""

    def get_search_results(self, request, queryset, search_term):
        by_field, may_have_duplicates = super().get_search_results(request, queryset, search_term)
        if not search_term.strip():
            return by_field, may_have_duplicates
        search = Search(search_term, public=False)
        found = Q(pk__in=by_field.values("pk"))
        if search.query:
            found |= Q(pk__in=search.matching_ids(self.search_kind))
        return queryset.filter(found), False
