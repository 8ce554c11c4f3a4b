"""Who must sign in with a second factor, and whether this session has.

Clinic staff see the contact details of people asking for treatment, and administrators can see
everything; both must sign in with a code from an authenticator app (TOTP). The rule is enforced
where those things are shown, /clinic/ and /admin/, by ``SecondFactorRequiredMiddleware``.
"""

from allauth.account.authentication import get_authentication_records
from allauth.account.internal.flows.login import record_authentication
from allauth.mfa.models import Authenticator

PROTECTED_PATHS = ("/clinic/", "/admin/")
# The session key under which the page a person was sent away from waits for them.
NEXT_KEY = "second_factor_next"
SECOND_FACTOR_TYPES = (Authenticator.Type.TOTP, Authenticator.Type.RECOVERY_CODES)


def is_required(user) -> bool:
    """Staff, administrators, anyone who may open the editors' admin, and clinic staff."""
    if not user.is_authenticated:
        return False
    return (
        user.is_staff
        or user.is_superuser
        or user.has_perm("wagtailadmin.access_admin")
        # The related name of clinics.Membership; accounts does not import the clinics app.
        or user.clinic_memberships.exists()
    )


def has_authenticator_app(user) -> bool:
    return Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()


def session_has_second_factor(request) -> bool:
    """True once this session has given a code: at sign-in, re-authentication, or activation."""
    return any(
        record.get("method") == "mfa"
        for record in get_authentication_records(request, request.user)
    ) and has_authenticator_app(request.user)


def record_activation(request, user, authenticator) -> None:
    """Activating an authenticator app means typing a code from it: that proves the factor."""
    record_authentication(
        request, user, "mfa", id=authenticator.pk, type=authenticator.type, activated=True
    )
