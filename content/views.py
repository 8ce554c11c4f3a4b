from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from content.search import MAX_QUERY_LENGTH, search_pages
from core.risk import signals_risk

# A search longer than this is refused anyway; reading this much of it for risk is plenty.
RISK_READS = 1000


@require_safe
def search(request):
    query = " ".join(request.GET.get("q", "").split())
    context = {
        "query": query,
        "results": None,
        "error": "",
        "risk": signals_risk(query[:RISK_READS]),
    }
    context["crisis_first"] = context["risk"]
    if len(query) > MAX_QUERY_LENGTH:
        context["error"] = _(
            "Your search is too long: use fewer than %(limit)d characters in the search box."
        ) % {"limit": MAX_QUERY_LENGTH}
    elif query:
        context["results"] = search_pages(query, request.GET.get("page"), risk=context["risk"])
    return render(request, "content/search.html", context, status=400 if context["error"] else 200)
