"""Create a clinic staff account, with no default password: it asks for one, or prints a random
one once. The e-mail address counts as verified; the first sign-in sets up the second factor."""

import getpass
import secrets

from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model, password_validation
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.core.validators import validate_email
from django.db import transaction

from clinics.models import Membership
from core.emails import normalise_address
from directory.models import Organization


class Command(BaseCommand):
    help = (
        "Create a clinic staff account for one or more organizations (or add an existing "
        "account to them). Asks for the password, or with --random-password prints a random "
        "one once. At first sign-in the person sets up two-step sign-in (TOTP)."
    )

    def add_arguments(self, parser):
        parser.add_argument("email")
        parser.add_argument(
            "--organization",
            action="append",
            required=True,
            metavar="SLUG",
            help="The listing's slug (as in /providers/<slug>/); give it again for more.",
        )
        parser.add_argument(
            "--role",
            choices=Membership.Role.values,
            default=Membership.Role.MANAGER,
            help="manager (requests and the listing, the default) or staff (requests only).",
        )
        parser.add_argument(
            "--random-password",
            action="store_true",
            help="Make a random password and print it once, instead of asking for one.",
        )

    def handle(self, email, organization, role, random_password, **options):
        email = normalise_address(email)
        try:
            validate_email(email)
        except ValidationError:
            raise CommandError(f"{email!r} is not an e-mail address.") from None
        organizations = []
        for slug in organization:
            found = Organization.objects.filter(slug=slug).first()
            if found is None:
                raise CommandError(f"No organization has the slug {slug!r}.")
            organizations.append(found)

        User = get_user_model()
        user = User.objects.filter(username=email).first()
        password = None
        if user is None:
            candidate = User(username=email, email=email)
            password = (
                secrets.token_urlsafe(18) if random_password else self._ask_password(candidate)
            )
        with transaction.atomic():
            if user is None:
                user = User.objects.create_user(username=email, email=email, password=password)
            EmailAddress.objects.update_or_create(
                user=user, email=email, defaults={"verified": True, "primary": True}
            )
            for place in organizations:
                Membership.objects.update_or_create(
                    user=user, organization=place, defaults={"role": role}
                )

        names = ", ".join(place.name for place in organizations)
        if password is None:
            self.stdout.write(f"{email} already had an account; it now works for {names}.")
        else:
            self.stdout.write(f"Created {email}, working for {names}.")
            if random_password:
                self.stdout.write(f"Password (shown this once; give it to them safely): {password}")
        self.stdout.write(
            "At the first sign-in (/account/login/) they will be asked to set up two-step "
            "sign-in with an authenticator app, then to keep their recovery codes."
        )

    def _ask_password(self, user) -> str:
        for _attempt in range(3):
            password = getpass.getpass("Password: ")
            if password != getpass.getpass("Password (again): "):
                self.stderr.write("The passwords differ. Try again.")
                continue
            try:
                password_validation.validate_password(password, user)
            except ValidationError as error:
                self.stderr.write(" ".join(error.messages))
                continue
            return password
        raise CommandError("No password was set: nothing was created.")
