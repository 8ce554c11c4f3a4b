from django.shortcuts import redirect, render
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_safe

from core.ratelimit import client_ip
from newsletter import services, tokens
from newsletter.consent import CONSENT_TEXTS
from newsletter.forms import FooterSubscribeForm, SubscribeForm, TopicsForm
from newsletter.models import DEFAULT_TOPICS, ConsentRecord, Subscriber

# The sign-up form is on every page, and a CSRF token there would set a cookie on every page.
# It needs none: all a forged sign-up can do is send a confirmation link to the address given,
# which anyone can do by typing that address into the form.
FORMS = {form.form_name: form for form in (SubscribeForm, FooterSubscribeForm)}


@csrf_exempt
@require_http_methods(["GET", "POST"])
def subscribe(request):
    if request.method == "GET":
        return _subscribe_page(request, SubscribeForm())
    form_class = FORMS.get(request.POST.get("form"), SubscribeForm)
    form = form_class(request.POST)
    if not form.is_valid():
        if form_class is not SubscribeForm:
            # A footer error is shown on the full form, with the address and default topics.
            data = request.POST.copy()
            data.setlist("topics", DEFAULT_TOPICS)
            form = SubscribeForm(data)
        return _subscribe_page(request, form, status=400)
    try:
        services.subscribe(
            form.cleaned_data["email"],
            form.cleaned_data["topics"],
            form.cleaned_data["zip_code"],
            form.form_name,
            client_ip(request),
        )
    except services.TooManySignUps:
        if form_class is not SubscribeForm:
            form = SubscribeForm(request.POST)
            form.is_valid()
        return _subscribe_page(request, form, status=429, limited=True)
    return redirect("newsletter:check_your_email")


def _subscribe_page(request, form, status=200, limited=False):
    context = {
        "form": form,
        "consent_text": CONSENT_TEXTS[SubscribeForm.form_name],
        "sign_up_form_on_page": True,
        "limited": limited,
    }
    return render(request, "newsletter/subscribe.html", context, status=status)


@require_safe
def check_your_email(request):
    return render(request, "newsletter/check_your_email.html")


def _posted(request):
    """The submitted data, or None for a GET; an empty POST is still a submission."""
    return request.POST if request.method == "POST" else None


def _link_problem(request, expired: bool):
    return render(request, "newsletter/link_problem.html", {"expired": expired}, status=400)


@require_http_methods(["GET", "POST"])
def confirm(request, token):
    try:
        consent = ConsentRecord.objects.select_related("subscriber").get(
            pk=tokens.consent_id_from(token)
        )
    except tokens.LinkExpired:
        return _link_problem(request, expired=True)
    except (tokens.LinkInvalid, ConsentRecord.DoesNotExist):
        return _link_problem(request, expired=False)
    if consent.confirmed_at is not None:
        return _already_confirmed(request, consent.subscriber)
    initial = {"topics": consent.topics, "zip_code": consent.zip_code}
    form = TopicsForm(_posted(request), initial=initial)
    if request.method == "POST" and form.is_valid():
        outcome = services.confirm(
            consent, form.cleaned_data["topics"], form.cleaned_data["zip_code"]
        )
        if outcome is services.Confirmation.ALREADY_CONFIRMED:
            return _already_confirmed(request, consent.subscriber)
        return render(
            request,
            "newsletter/confirmed.html",
            {"manage_token": tokens.manage_token(consent.subscriber_id)},
        )
    return render(
        request,
        "newsletter/confirm.html",
        {"form": form},
        status=400 if form.is_bound else 200,
    )


def _already_confirmed(request, subscriber: Subscriber):
    return render(
        request,
        "newsletter/already_confirmed.html",
        {"manage_token": tokens.manage_token(subscriber.pk)},
    )


def _subscriber_from(token: str) -> Subscriber | None:
    try:
        return Subscriber.objects.filter(pk=tokens.subscriber_id_from(token)).first()
    except tokens.LinkInvalid:
        return None


@require_http_methods(["GET", "POST"])
def preferences(request, token):
    subscriber = _subscriber_from(token)
    if subscriber is None:
        return _link_problem(request, expired=False)
    if subscriber.status != Subscriber.Status.SUBSCRIBED:
        return render(request, "newsletter/unsubscribed.html", {"already": True})
    initial = {"topics": subscriber.topics, "zip_code": subscriber.zip_code}
    form = TopicsForm(_posted(request), initial=initial)
    saved = False
    if request.method == "POST" and form.is_valid():
        services.update_preferences(
            subscriber, form.cleaned_data["topics"], form.cleaned_data["zip_code"]
        )
        saved = True
    context = {"form": form, "token": token, "saved": saved}
    status = 400 if form.is_bound and not form.is_valid() else 200
    return render(request, "newsletter/preferences.html", context, status=status)


# Mail programs send the RFC 8058 one-click POST without a CSRF token; the signed link is the
# authentication. A GET only shows a button, so a link scanner never unsubscribes anyone.
@csrf_exempt
@require_http_methods(["GET", "POST"])
def unsubscribe(request, token):
    subscriber = _subscriber_from(token)
    if subscriber is None:
        return _link_problem(request, expired=False)
    if request.method == "POST":
        services.unsubscribe(subscriber.pk)
        return render(request, "newsletter/unsubscribed.html", {"already": False})
    if subscriber.status == Subscriber.Status.UNSUBSCRIBED:
        return render(request, "newsletter/unsubscribed.html", {"already": True})
    return render(request, "newsletter/unsubscribe.html", {"token": token})
