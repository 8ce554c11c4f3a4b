"""Rate limits counted in the database, so every web process and server sees the same counts
(the default cache is per process; see docs/decisions.md).

A limit is a number of attempts per window of seconds for one key within a scope, such as the
requests sent from one IP address. Keys are stored as keyed hashes (``core.crypto.lookup_hash``),
so the table holds no address in clear. Only accepted attempts are recorded: someone who is
refused can try again once their earlier attempts leave the window.
"""

import ipaddress
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.utils import timezone

from core.crypto import lookup_hash
from core.models import RateLimitHit


@dataclass(frozen=True)
class Limit:
    scope: str
    attempts: int
    window: int  # seconds

    def _hits(self, key: str):
        since = timezone.now() - timedelta(seconds=self.window)
        return RateLimitHit.objects.filter(
            scope=self.scope, key_hash=lookup_hash(key), created_at__gt=since
        )

    def exceeded(self, key: str) -> bool:
        """Whether one more attempt for this key would go over the limit."""
        if not key:
            return False
        return self._hits(key).count() >= self.attempts

    def record(self, key: str) -> None:
        if key:
            RateLimitHit.objects.create(scope=self.scope, key_hash=lookup_hash(key))


def client_ip(request) -> str:
    """Who a request came from, for counting: its address, or for IPv6 the address's /64
    network, since one connection is usually given a whole /64 and could rotate through it.
    Behind a proxy that appends the address to X-Forwarded-For (TRUST_X_FORWARDED_FOR), the
    last address in that header, which the proxy itself wrote."""
    address = request.META.get("REMOTE_ADDR", "")
    if settings.TRUST_X_FORWARDED_FOR:
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        addresses = [part.strip() for part in forwarded.split(",") if part.strip()]
        if addresses:
            address = addresses[-1]
    try:
        parsed = ipaddress.ip_address(address)
    except ValueError:
        return address
    if parsed.version == 4:
        return str(parsed)
    if parsed.ipv4_mapped is not None:
        return str(parsed.ipv4_mapped)
    return str(ipaddress.ip_network(f"{parsed}/64", strict=False))


def forget_before(moment) -> int:
    """Delete attempts older than ``moment``; the number deleted."""
    deleted, _ = RateLimitHit.objects.filter(created_at__lt=moment).delete()
    return deleted
