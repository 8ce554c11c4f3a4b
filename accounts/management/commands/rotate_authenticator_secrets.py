"""Re-encrypt the secrets of authenticator apps and recovery codes with the first key in
PSYCLE_ENCRYPTION_KEYS (step two of a key rotation, beside rotate_encryption_keys)."""

from allauth.mfa.models import Authenticator
from django.core.management.base import BaseCommand
from django.db import transaction

from core import crypto

# Where allauth keeps what our MFA adapter encrypts, for each kind of authenticator.
ENCRYPTED_KEYS = {
    Authenticator.Type.TOTP: ("secret",),
    Authenticator.Type.RECOVERY_CODES: ("seed",),
}


def rotate_values(data: dict, keys) -> bool:
    """Re-encrypt ``data[key]`` for each key not yet under the current key; True if any was."""
    changed = False
    for key in keys:
        token = data.get(key)
        if token and not crypto.is_current(token):
            data[key] = crypto.rotate(token)
            changed = True
    return changed


class Command(BaseCommand):
    help = (
        "Re-encrypt two-step sign-in secrets with the first key in PSYCLE_ENCRYPTION_KEYS. "
        "Run it with rotate_encryption_keys before removing an old key."
    )

    def handle(self, *args, **options):
        rotated = current = 0
        authenticators = Authenticator.objects.filter(type__in=ENCRYPTED_KEYS).order_by("pk")
        for pk in authenticators.values_list("pk", flat=True):
            with transaction.atomic():
                authenticator = Authenticator.objects.select_for_update().get(pk=pk)
                if rotate_values(authenticator.data, ENCRYPTED_KEYS[authenticator.type]):
                    authenticator.save(update_fields=["data"])
                    rotated += 1
                else:
                    current += 1
        self.stdout.write(f"Authenticators: {rotated} re-encrypted, {current} already current.")
