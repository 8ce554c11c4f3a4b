import time
from urllib.parse import quote

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.shortcuts import redirect, resolve_url
from django.utils.translation import gettext as _

from accounts import second_factor

STAFF_AREAS = ("/clinic/", "/admin/")
LAST_SEEN_KEY = "staff_last_seen"


class StaffIdleSignOutMiddleware:
    """Signs out a person who left the portal or the admin idle past PSYCLE_STAFF_IDLE_MINUTES,
    so requests stay private on a shared or lost device. Each visit there restarts the clock."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not self._idle_too_long(request):
            return self.get_response(request)
        wanted = request.get_full_path() if request.method == "GET" else "/clinic/"
        logout(request)
        messages.info(
            request,
            _(
                "You were signed out after %(minutes)d minutes without activity, to keep "
                "requests private on a shared or lost device. Sign in again to continue."
            )
            % {"minutes": settings.PSYCLE_STAFF_IDLE_MINUTES},
        )
        return redirect(f"{resolve_url(settings.LOGIN_URL)}?next={quote(wanted)}")

    def _idle_too_long(self, request) -> bool:
        if not request.user.is_authenticated or not request.path_info.startswith(STAFF_AREAS):
            return False
        now = int(time.time())
        last_seen = request.session.get(LAST_SEEN_KEY)
        if last_seen is not None and now - last_seen > settings.PSYCLE_STAFF_IDLE_MINUTES * 60:
            return True
        request.session[LAST_SEEN_KEY] = now
        return False


class SecondFactorRequiredMiddleware:
    """Sends staff without a second factor in this session to set one up or to give a code.

    Covers the clinic portal (everyone signed in: even a claim needs it) and the editors' admin
    (everyone allowed in; others get Wagtail's own refusal). Anonymous people pass through to the
    views' own sign-in redirect.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not self._must_stop(request):
            return self.get_response(request)
        # Where to go afterwards: the page asked for or, for a form sent, where it started.
        if request.method == "GET":
            wanted = request.get_full_path()
        else:
            wanted = "/admin/" if request.path_info.startswith("/admin/") else "/clinic/"
        request.session[second_factor.NEXT_KEY] = wanted
        if second_factor.has_authenticator_app(request.user):
            messages.info(request, _("Enter a code from your authenticator app to continue."))
            return redirect(f"/account/2fa/reauthenticate/?next={quote(wanted)}")
        messages.info(
            request,
            _(
                "The clinic portal and the admin need two-step sign-in. Set up an "
                "authenticator app now: it takes a minute, and you will need it each "
                "time you sign in."
            ),
        )
        return redirect("mfa_activate_totp")

    def _must_stop(self, request) -> bool:
        user = request.user
        if not user.is_authenticated:
            return False
        path = request.path_info
        if path.startswith("/clinic/"):
            needed = True
        elif path.startswith("/admin/"):
            needed = second_factor.is_required(user)
        else:
            return False
        return needed and not second_factor.session_has_second_factor(request)
