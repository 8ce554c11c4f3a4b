"""Writing the audit log: one call wherever staff view or change something that is audited."""

from audit.models import AuditEvent

# Values a detail may hold: ids, field names, statuses, counts and dates, never free text.
_ALLOWED_DETAIL_TYPES = (str, int, bool, type(None))


def record(actor, action, target_type, target_id, *, organization=None, **details) -> AuditEvent:
    """Write one event. ``details`` are short identifiers (field names, statuses, counts)."""
    for key, value in details.items():
        values = value if isinstance(value, list | tuple) else [value]
        if not all(isinstance(item, _ALLOWED_DETAIL_TYPES) for item in values):
            raise TypeError(f"Audit detail {key!r} must be ids, names or counts.")
    return AuditEvent.objects.create(
        actor=actor if actor is not None and actor.is_authenticated else None,
        actor_label=getattr(actor, "email", "") or "",
        action=action,
        target_type=target_type,
        target_id=str(target_id),
        organization=organization,
        details={
            key: list(value) if isinstance(value, tuple) else value
            for key, value in details.items()
        },
    )
