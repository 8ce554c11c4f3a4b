"""For someone who has lost both their phone and their recovery codes: remove their authenticator
app, so that their next sign-in asks them to set up a new one. Check who is asking first."""

from allauth.mfa.models import Authenticator
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from core.emails import normalise_address


class Command(BaseCommand):
    help = (
        "Remove a person's authenticator app and recovery codes; at their next sign-in they set "
        "up new ones. Only after checking, outside e-mail, that the request is theirs."
    )

    def add_arguments(self, parser):
        parser.add_argument("email")

    def handle(self, email, **options):
        user = get_user_model().objects.filter(username=normalise_address(email)).first()
        if user is None:
            raise CommandError(f"No account has the address {email!r}.")
        removed, _ = Authenticator.objects.filter(user=user).delete()
        self.stdout.write(
            f"Removed {removed} authenticator(s) of {user.email}; they set up a new app at their "
            "next sign-in, and any session they have left must give a code again."
        )
