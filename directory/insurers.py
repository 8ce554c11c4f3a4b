"""The insurance carriers the directory knows, and how a listing's insurers are read and shown.

Carriers are stored as ``Insurer`` rows (created after migrating, as taxonomy terms are), so a
clinic can choose from them in the portal and a seeker can filter by them. These are carrier
names only: what each one covers is for the person's own plan to say (see /coverage/).
"""

import json
from dataclasses import dataclass
from datetime import date

#: (slug, name) of the carriers known from the start; more can be added as Insurer rows.
CARRIERS = (
    ("aetna", "Aetna"),
    ("ambetter", "Ambetter"),
    ("anthem", "Anthem"),
    ("blue-cross-blue-shield", "Blue Cross Blue Shield"),
    ("carelon", "Carelon Behavioral Health"),
    ("cigna", "Cigna"),
    ("florida-blue", "Florida Blue"),
    ("health-net", "Health Net"),
    ("highmark", "Highmark"),
    ("humana", "Humana"),
    ("kaiser-permanente", "Kaiser Permanente"),
    ("magellan", "Magellan Health"),
    ("molina", "Molina Healthcare"),
    ("optum", "Optum"),
    ("oscar", "Oscar Health"),
    ("unitedhealthcare", "UnitedHealthcare"),
)


def ensure_insurers(sender, **kwargs):
    """Every carrier in ``CARRIERS`` exists as an Insurer row."""
    from django.db import connection

    from directory.models import Insurer

    if Insurer._meta.db_table not in connection.introspection.table_names():
        return  # migrated back to before carriers existed
    existing = set(Insurer.objects.values_list("slug", flat=True))
    Insurer.objects.bulk_create(
        Insurer(slug=slug, name=name) for slug, name in CARRIERS if slug not in existing
    )


@dataclass(frozen=True)
class TakenInsurer:
    slug: str
    name: str
    plan: str
    confirmed_on: date | None

    def as_json(self) -> dict:
        return {
            "slug": self.slug,
            "name": self.name,
            "plan": self.plan,
            "confirmed_on": self.confirmed_on,
        }


def ids_column(insurer_ids) -> str:
    """A search row's ``insurer_ids``: ",3,17," (each id once, with a comma either side)."""
    ids = sorted(set(insurer_ids))
    return f",{','.join(str(pk) for pk in ids)}," if ids else ""


def ids_pattern(insurer_id: int) -> str:
    """The LIKE pattern that matches exactly the rows whose ``insurer_ids`` holds this id."""
    return f"%,{int(insurer_id)},%"


def shown_column(links) -> str:
    """A search row's ``insurers_shown`` from (slug, name, plan, confirmed_on) tuples."""
    rows = sorted(links, key=lambda link: (link[1], link[2]))
    return json.dumps(
        [
            [slug, name, plan, confirmed_on.isoformat() if confirmed_on else None]
            for slug, name, plan, confirmed_on in rows
        ]
    )


def read_shown(value) -> list[TakenInsurer]:
    """The insurers a search row shows, from its ``insurers_shown`` as the driver returns it."""
    rows = json.loads(value) if isinstance(value, str) else (value or [])
    return [
        TakenInsurer(slug, name, plan, date.fromisoformat(day) if day else None)
        for slug, name, plan, day in rows
    ]


CACHE_SECONDS = 10 * 60


def known() -> dict[str, tuple[int, str]]:
    """slug -> (id, name) of every carrier the directory knows, alphabetically by name."""
    from django.core.cache import cache

    from directory.models import Insurer

    def read():
        return {
            slug: (pk, name) for pk, slug, name in Insurer.objects.values_list("pk", "slug", "name")
        }

    return cache.get_or_set("insurers:known", read, CACHE_SECONDS)


def forget_known(sender, **kwargs):
    """A carrier added, renamed or removed is known at once (connected in directory.apps)."""
    from django.core.cache import cache

    cache.delete("insurers:known")


def choices() -> list[tuple[str, str]]:
    return [(slug, name) for slug, (_pk, name) in known().items()]
