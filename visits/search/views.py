"""The public search page: ``/<language>/search/?q=…`` with filters and pages."""

from django.utils.translation import get_language
from django.views.generic import TemplateView

from ..paging import Paginator, page_number
from . import Search
from .documents import REGISTRY
from .forms import SearchForm
from .snippets import excerpt

PAGE_SIZE = 20


class SearchView(TemplateView):
    """Anything typed gives results or a friendly "no results"; a bad filter value is
    shown as a form error. Results are items the public may see, in the reader's
    language where they have it."""

    template_name = "search/search.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        form = SearchForm(self.request.GET or None)
        context["form"] = form
        if not form.is_bound or not form.is_valid():
            return context
        data = form.cleaned_data
        search = Search(
            data["q"],
            kinds=[data["kind"]] if data["kind"] else None,
            trip=data["trip"].pk if data["trip"] else None,
            language=data["language"] or None,
            since=data["since"],
            until=data["until"],
        )
        context["search"] = search
        if not search.query:
            return context
        number = page_number(self.request.GET.get("page"))
        wanted = max(1, number or 1)
        search.prefetch((wanted - 1) * PAGE_SIZE, PAGE_SIZE)  # counts and page at once
        paginator = Paginator(search, PAGE_SIZE)
        page = paginator.get_page(number)
        reader = get_language()
        hits = list(page.object_list)
        for hit in hits:
            hit.excerpt = excerpt(hit.document, hit.obj, search.query, reader)
        query = self.request.GET.copy()
        query.pop("page", None)
        without_kind = query.copy()
        without_kind.pop("kind", None)
        context.update(
            paginator=paginator,
            page_obj=page,
            hits=hits,
            query_string=query.urlencode(),
            facets=[
                {
                    "kind": kind,
                    "label": REGISTRY[kind].label,
                    "count": count,
                    "query": f"{without_kind.urlencode()}&kind={kind}",
                    "current": kind == data["kind"],
                }
                for kind, count in search.facets.items()
            ],
            all_query=without_kind.urlencode(),
            total=sum(search.facets.values()),
        )
        return context

    def render_to_response(self, context, **response_kwargs):
        response = super().render_to_response(context, **response_kwargs)
        response["X-Robots-Tag"] = "noindex"  # result pages are not content
        return response
