from urllib.parse import quote

from django.contrib import messages
from django.shortcuts import redirect
from django.utils.translation import gettext as _

from accounts import second_factor


class SecondFactorRequiredMiddleware:
    """Sends staff without a second factor in this session to set one up or to give a code.

    Covers the clinic portal (everyone signed in: even a claim needs it) and the editors' admin
    (everyone allowed in; others get Wagtail's own refusal). Anonymous people pass through to the
    views' own sign-in redirect.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if self._must_stop(request):
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
        return self.get_response(request)

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
