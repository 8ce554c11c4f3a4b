from django.db import models


class RateLimitHit(models.Model):
    """One counted attempt (core.ratelimit). The key is a keyed hash, never an address in clear,
    and rows older than the longest window are deleted by ``purge_closed_requests``."""

    scope = models.CharField(max_length=40)
    key_hash = models.CharField(max_length=64)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        indexes = [
            models.Index(fields=["scope", "key_hash", "created_at"], name="ratelimit_lookup"),
            models.Index(fields=["created_at"], name="ratelimit_age"),
        ]
