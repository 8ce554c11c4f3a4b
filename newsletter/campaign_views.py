"""The campaign's Review and send page in the Wagtail admin: preview, test, schedule."""

from django import forms
from django.contrib.auth.decorators import permission_required
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST, require_safe
from wagtail.admin import messages

from newsletter import campaigns, sending
from newsletter.models import Campaign

EDIT = permission_required("newsletter.change_campaign", raise_exception=True)


class SendTestForm(forms.Form):
    email = forms.EmailField(
        label=gettext_lazy("Send a test to"),
        help_text=gettext_lazy("The test is marked as one in its subject."),
    )


def _page(request, campaign, test_form, status=200):
    context = {
        "campaign": campaign,
        "test_form": test_form,
        "recipients_now": campaigns.recipients_now(campaign),
        "deliveries": campaigns.delivery_counts(campaign),
    }
    return TemplateResponse(request, "newsletter/admin/review.html", context, status=status)


@EDIT
@require_safe
def review(request, pk):
    campaign = get_object_or_404(Campaign, pk=pk)
    return _page(request, campaign, SendTestForm(initial={"email": request.user.email}))


@EDIT
@require_safe
def preview(request, pk, part):
    """The HTML part as a page of its own (no admin around it), or the text part as text."""
    campaign = get_object_or_404(Campaign, pk=pk)
    placeholder = "#"
    message = sending.campaign_message(
        campaign,
        sending.campaign_content(campaign),
        request.user.email or "editor@example.com",
        preferences_url=placeholder,
        unsubscribe_url=placeholder,
    )
    if part == "html":
        return HttpResponse(message.alternatives[0][0])
    if part == "txt":
        return HttpResponse(
            f"Subject: {message.subject}\n\n{message.body}",
            content_type="text/plain; charset=utf-8",
        )
    raise Http404


@EDIT
@require_POST
def act(request, pk, action):
    campaign = get_object_or_404(Campaign, pk=pk)
    if action == "test":
        form = SendTestForm(request.POST)
        if not form.is_valid():
            return _page(request, campaign, form, status=400)
        _send_test(request, campaign, form.cleaned_data["email"])
    elif action == "schedule":
        try:
            campaigns.schedule(campaign.pk)
        except campaigns.CannotSchedule as reason:
            messages.error(request, str(reason))
        else:
            messages.success(request, _("Scheduled. Sending starts at the time set."))
    elif action in CHANGES:
        change, done, refused = CHANGES[action]
        if change(campaign.pk):
            messages.success(request, done)
        else:
            messages.error(request, refused)
    else:
        raise Http404
    return redirect("newsletter_campaign_review", pk=campaign.pk)


# The actions that either happen or cannot: what each does, then what to say either way.
CHANGES = {
    "unschedule": (
        campaigns.unschedule,
        _("Unscheduled: the campaign is a draft again."),
        _("Sending has already started, so it cannot be unscheduled."),
    ),
    "resume": (
        campaigns.resume,
        _("Another batch is queued."),
        _("Only a campaign that is sending can be resumed."),
    ),
}


def _send_test(request, campaign, address):
    try:
        campaigns.send_test(campaign, address)
    except OSError as error:
        messages.error(request, _("The test could not be sent: %s") % type(error).__name__)
    else:
        messages.success(request, _("Test sent."))
