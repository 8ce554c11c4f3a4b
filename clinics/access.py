"""Who may see what in the portal. Every portal query starts here, scoped to the signed-in
person's organizations; anything outside them answers 404, as if it did not exist."""

from functools import wraps

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404

from clinics.models import Membership
from consultations.models import ConsultationRequest
from directory.models import Organization


def memberships_of(user):
    return Membership.objects.filter(user=user).select_related("organization")


def organization_for(user, slug: str, *, to_edit: bool = False) -> Organization:
    """One of the person's organizations; with ``to_edit``, one whose listing they manage."""
    memberships = Membership.objects.filter(user=user, organization__slug=slug)
    if to_edit:
        memberships = memberships.filter(role=Membership.Role.MANAGER)
    membership = get_object_or_404(memberships.select_related("organization"))
    return membership.organization


def requests_for(user):
    """The requests of every organization the person works for."""
    return ConsultationRequest.objects.filter(organization__memberships__user=user)


def request_for(user, pk) -> ConsultationRequest:
    return get_object_or_404(requests_for(user).select_related("organization", "service"), pk=pk)


def administrator_required(view):
    """Site administrators only; to anyone else the page does not exist."""

    @login_required
    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if not request.user.is_staff:
            raise Http404
        return view(request, *args, **kwargs)

    return wrapped
