"""The public alert pages: subscribe, "check your inbox", and the pages the mail's signed
links open (confirm, manage, unsubscribe).

* Nothing here is kept by the page cache or any other: every answer is ``private,
  no-store`` and ``noindex``; pages reached by a link send no Referer, so the token stays
  with the reader.
* A valid subscribe request always leads to the same page, after the same work: the flood
  limit (`throttle`, 429 alike for every address) and one queued task that does the rest
  (`subscriptions.subscribe` says why).
* A link's GET only shows a button; the POST does the work (mail scanners open links).
  The unsubscribe POST is RFC 8058's one-click: no session, no CSRF token, idempotent.
* A link that does not open (tampered, expired, of another purpose, of a subscription
  deleted since) answers 400 with a way to ask again.
"""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.cache import patch_cache_control
from django.utils.translation import get_language, gettext
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from visits.tasks import enqueue_on_commit

from . import links, subscriptions, tasks, throttle
from .forms import ManageForm, SubscribeForm


def keep_private(response, *, link=False):
    """No cache keeps it, no search engine lists it; a link's page sends no Referer."""
    patch_cache_control(response, private=True, no_store=True)
    response["X-Robots-Tag"] = "noindex, nofollow"
    if link:
        response["Referrer-Policy"] = "no-referrer"
    return response


def see_other(url):
    """After a POST, the page to GET (303: a reload does not post again)."""
    response = redirect(url)
    response.status_code = 303
    return response


def page(request, template, context=None, *, status=200, link=False):
    context = {**(context or {}), "link_page": link}
    response = render(request, f"press/alerts/{template}.html", context, status=status)
    return keep_private(response, link=link)


def refused_link(request, purpose):
    return page(request, "invalid_link", {"purpose": purpose}, status=400, link=True)


@require_http_methods(["GET", "HEAD", "POST"])
def subscribe(request):
    if request.method != "POST":
        return page(request, "subscribe", {"form": SubscribeForm(initial=_initial())})
    form = SubscribeForm(request.POST)
    if not form.is_valid():
        return page(request, "subscribe", {"form": form})
    try:
        limited = throttle.over_limit(request, form.cleaned_data["email"])
    except throttle.Unavailable:
        return page(request, "limited", {"unavailable": True}, status=503)
    if limited:
        response = page(request, "limited", status=429)
        response["Retry-After"] = str(throttle.limits()[2])
        return response
    # The address's state is looked at by the worker, not here: the same work and the
    # same answer for every address (no timing oracle).
    enqueue_on_commit(tasks.subscribe, **form.payload())
    return keep_private(see_other("press:alerts_sent"))


def _initial():
    return {"language": get_language()}


@require_http_methods(["GET", "HEAD"])
def sent(request):
    return page(request, "sent")


@require_http_methods(["GET", "HEAD", "POST"])
def confirm(request, token):
    subscriber = links.read_token(token, "confirm")
    if subscriber is None:
        return refused_link(request, "confirm")
    if request.method != "POST":
        return page(request, "confirm", link=True)
    if not subscriptions.confirm(subscriber):
        return refused_link(request, "confirm")
    return page(
        request,
        "confirmed",
        {"subscriber": subscriber, "manage_path": links.path(subscriber, "manage", get_language())},
        link=True,
    )


@require_http_methods(["GET", "HEAD", "POST"])
def manage(request, token):
    subscriber = links.read_token(token, "manage")
    if subscriber is None:
        return refused_link(request, "manage")
    context = {"subscriber": subscriber}
    if subscriber.stopped_at is not None:
        return page(request, "stopped", context, link=True)
    if request.method != "POST":
        form = ManageForm(initial=ManageForm.initial_for(subscriber))
        return page(request, "manage", {**context, "form": form}, link=True)
    if "stop" in request.POST:
        subscriptions.stop(subscriber)
        return page(request, "stopped", context, link=True)
    form = ManageForm(request.POST)
    if not form.is_valid():
        return page(request, "manage", {**context, "form": form}, link=True)
    dropped = no_longer_offered(subscriber, form)
    subscriptions.change(subscriber, **form.choices())
    messages.success(request, gettext("Your alert choices are saved."))
    if dropped:
        # Not named: a trip or topic taken back from the public may be so for a reason.
        messages.info(
            request,
            gettext(
                "A trip or topic you followed is no longer published, so it was removed "
                "from your alerts."
            ),
        )
    return keep_private(see_other(request.path), link=True)


def no_longer_offered(subscriber, form) -> bool:
    """Whether the subscriber follows a trip or topic the form no longer offers (no longer
    public), which saving the form drops."""
    return any(
        getattr(subscriber, name).exclude(pk__in=form.fields[name].queryset.values("pk")).exists()
        for name in ("trips", "topics")
    )


@csrf_exempt
@require_http_methods(["GET", "HEAD", "POST"])
def unsubscribe(request, token):
    """RFC 8058: a mail client POSTs ``List-Unsubscribe=One-Click`` with no cookie and no
    token; the page's own button posts the same. Any POST with a good link stops the mail."""
    subscriber = links.read_token(token, "unsubscribe")
    if subscriber is None:
        return refused_link(request, "unsubscribe")
    if request.method != "POST":
        return page(request, "unsubscribe", link=True)
    subscriptions.stop(subscriber)
    return page(request, "stopped", {"subscriber": subscriber}, link=True)
