"""Reading the CMS NPPES data file: the NPI Registry's monthly full file and weekly updates.

The file is a CSV with a header row and 330 columns (``COLUMNS``), every value quoted, dates as
MM/DD/YYYY, ZIPs of 5 or 9 digits and up to 15 NUCC taxonomy codes a provider. This module turns
one row into what Psycle lists (a ``Provider``) or says why the row is left out; it touches no
database (``directory.nppes_import`` writes). The registry says what a clinician is, never what
they offer, so a provider is listed only under the kinds of care its taxonomy supports.
"""

import re
from dataclasses import dataclass
from datetime import date, datetime

from django.utils.text import slugify

from directory import geocode, npi
from directory.taxonomy import TREATMENT, US_STATES

# The published column order (the header names them; the reader finds columns by name).
_TAXONOMY_GROUPS = [
    f"{name}_{n}"
    for n in range(1, 16)
    for name in (
        "Healthcare Provider Taxonomy Code",
        "Provider License Number",
        "Provider License Number State Code",
        "Healthcare Provider Primary Taxonomy Switch",
    )
]
_OTHER_IDENTIFIERS = [
    f"{name}_{n}"
    for n in range(1, 51)
    for name in (
        "Other Provider Identifier",
        "Other Provider Identifier Type Code",
        "Other Provider Identifier State",
        "Other Provider Identifier Issuer",
    )
]
_PRACTICE = "Provider Business Practice Location Address"
COLUMNS = (
    "NPI", "Entity Type Code", "Replacement NPI", "Employer Identification Number (EIN)",
    "Provider Organization Name (Legal Business Name)", "Provider Last Name (Legal Name)",
    "Provider First Name", "Provider Middle Name", "Provider Name Prefix Text",
    "Provider Name Suffix Text", "Provider Credential Text", "Provider Other Organization Name",
    "Provider Other Organization Name Type Code", "Provider Other Last Name",
    "Provider Other First Name", "Provider Other Middle Name", "Provider Other Name Prefix Text",
    "Provider Other Name Suffix Text", "Provider Other Credential Text",
    "Provider Other Last Name Type Code", "Provider First Line Business Mailing Address",
    "Provider Second Line Business Mailing Address",
    "Provider Business Mailing Address City Name", "Provider Business Mailing Address State Name",
    "Provider Business Mailing Address Postal Code",
    "Provider Business Mailing Address Country Code (If outside U.S.)",
    "Provider Business Mailing Address Telephone Number",
    "Provider Business Mailing Address Fax Number",
    "Provider First Line Business Practice Location Address",
    "Provider Second Line Business Practice Location Address",
    f"{_PRACTICE} City Name", f"{_PRACTICE} State Name", f"{_PRACTICE} Postal Code",
    f"{_PRACTICE} Country Code (If outside U.S.)", f"{_PRACTICE} Telephone Number",
    f"{_PRACTICE} Fax Number", "Provider Enumeration Date", "Last Update Date",
    "NPI Deactivation Reason Code", "NPI Deactivation Date", "NPI Reactivation Date",
    "Provider Sex Code", "Authorized Official Last Name", "Authorized Official First Name",
    "Authorized Official Middle Name", "Authorized Official Title or Position",
    "Authorized Official Telephone Number", *_TAXONOMY_GROUPS, *_OTHER_IDENTIFIERS,
    "Is Sole Proprietor", "Is Organization Subpart", "Parent Organization LBN",
    "Parent Organization TIN", "Authorized Official Name Prefix Text",
    "Authorized Official Name Suffix Text", "Authorized Official Credential Text",
    *(f"Healthcare Provider Taxonomy Group_{n}" for n in range(1, 16)), "Certification Date",
)  # fmt: skip
TAXONOMY_CODE_COLUMNS = tuple(f"Healthcare Provider Taxonomy Code_{n}" for n in range(1, 16))
#: The columns the importer reads; a file without them is not an NPPES data file.
NEEDED = (
    "NPI", "Entity Type Code", "Provider Organization Name (Legal Business Name)",
    "Provider Last Name (Legal Name)", "Provider First Name", "Provider Middle Name",
    "Provider Name Suffix Text", "Provider Credential Text",
    "Provider First Line Business Practice Location Address",
    "Provider Second Line Business Practice Location Address", f"{_PRACTICE} City Name",
    f"{_PRACTICE} State Name", f"{_PRACTICE} Postal Code",
    f"{_PRACTICE} Country Code (If outside U.S.)", f"{_PRACTICE} Telephone Number",
    "NPI Deactivation Date", "NPI Reactivation Date", *TAXONOMY_CODE_COLUMNS,
)  # fmt: skip

#: The kinds of care the registry can support: never ketamine, esketamine, TMS or ECT.
KINDS_OF_CARE = ("talk-therapy", "ssri")


@dataclass(frozen=True)
class TaxonomyRule:
    pattern: str  # a NUCC code, or a prefix ending in "*"
    label: str
    kinds: tuple[str, ...]

    def matches(self, code: str) -> bool:
        if self.pattern.endswith("*"):
            return code.startswith(self.pattern[:-1])
        return code == self.pattern


# NUCC codes from ../shared/CLINICAL.md and the issue; "2084P08" covers psychiatry (2084P0800X)
# and its subspecialties coded under it (addiction psychiatry 2084P0802X, ...).
BEHAVIOURAL_HEALTH = (
    TaxonomyRule("2084P08*", "Psychiatrist", ("ssri",)),
    TaxonomyRule("363LP0808X", "Psychiatric/mental health nurse practitioner", ("ssri",)),
    TaxonomyRule("103T*", "Psychologist", ("talk-therapy",)),
    TaxonomyRule("101Y*", "Counselor", ("talk-therapy",)),
    TaxonomyRule("1041C0700X", "Clinical social worker", ("talk-therapy",)),
    TaxonomyRule("106H00000X", "Marriage and family therapist", ("talk-therapy",)),
    TaxonomyRule("261QM0801X", "Mental health clinic", ("talk-therapy", "ssri")),
    TaxonomyRule("283Q00000X", "Psychiatric hospital", ("ssri",)),
)
_CODE = re.compile(r"^[0-9A-Z]{1,10}\*?$", re.ASCII)


def taxonomy_rules(spec: str | None) -> tuple[TaxonomyRule, ...]:
    """The rules ``--taxonomy`` asks for: comma-separated codes or prefixes ("103T*"), each one
    of the defaults' or given its kinds of care ("2084P0015X=ssri", "+" between kinds)."""
    if not spec:
        return BEHAVIOURAL_HEALTH
    rules = []
    for item in filter(None, (part.strip() for part in spec.split(","))):
        pattern, _sep, kinds_text = item.partition("=")
        pattern = pattern.strip().upper()
        if not _CODE.match(pattern):
            raise ValueError(f"--taxonomy: {pattern!r} is not a NUCC code or prefix like 103T*")
        if kinds_text:
            kinds = tuple(kind.strip() for kind in kinds_text.split("+"))
            unknown = [kind for kind in kinds if kind not in KINDS_OF_CARE]
            if unknown:
                raise ValueError(
                    f"--taxonomy: {pattern} can only be listed as "
                    f"{' or '.join(KINDS_OF_CARE)}, not {', '.join(unknown)}"
                )
            rules.append(TaxonomyRule(pattern, pattern, kinds))
            continue
        known = next((rule for rule in BEHAVIOURAL_HEALTH if rule.pattern == pattern), None)
        known = known or next((r for r in BEHAVIOURAL_HEALTH if r.matches(pattern)), None)
        if known is None:
            raise ValueError(
                f"--taxonomy: Psycle does not know which care {pattern} supports; "
                f"write it as {pattern}=talk-therapy or {pattern}=ssri"
            )
        rules.append(TaxonomyRule(pattern, known.label, known.kinds))
    if not rules:
        raise ValueError("--taxonomy: give at least one NUCC code")
    return tuple(rules)


@dataclass(frozen=True)
class Provider:
    """A row Psycle lists: who, where, and the kinds of care its taxonomy supports."""

    npi: str
    name: str
    description: str
    address_1: str
    city: str
    state: str
    postal_code: str
    latitude: float
    longitude: float
    phone: str
    kinds: tuple[str, ...]  # in the finder's treatment order

    @property
    def slug(self) -> str:
        return f"{slugify(self.name)[:100].strip('-') or 'provider'}-{self.npi}"


@dataclass(frozen=True)
class Deactivated:
    npi: str


@dataclass(frozen=True)
class Skipped:
    reason: str


@dataclass(frozen=True)
class Bad:
    reason: str


SKIP_DEACTIVATED = "deactivated NPI"
SKIP_TAXONOMY = "not a behavioural-health taxonomy"
SKIP_OUTSIDE = "practice outside the US states Psycle covers"


class Row:
    """One record's values, read by column name without building a dict of all 330."""

    __slots__ = ("index", "taxonomy_positions", "values")

    def __init__(self, values: list[str], index: dict[str, int], taxonomy_positions=None):
        self.values = values
        self.index = index
        self.taxonomy_positions = taxonomy_positions or [index[c] for c in TAXONOMY_CODE_COLUMNS]

    def __getitem__(self, name: str) -> str:
        position = self.index[name]
        return self.values[position] if position < len(self.values) else ""

    def taxonomy_codes(self) -> list[str]:
        """The taxonomy codes given, in order (most of the 15 columns are empty)."""
        values, width = self.values, len(self.values)
        return [
            values[position].strip().upper()
            for position in self.taxonomy_positions
            if position < width and values[position]
        ]


# The rules each code matches, for each set of rules (by identity: hashing a set of rules for
# every code of every row cost more than the matching).
_MATCHED: dict[int, tuple[tuple, dict]] = {}


def _rules_matching(code: str, rules: tuple[TaxonomyRule, ...]) -> tuple[TaxonomyRule, ...]:
    known = _MATCHED.get(id(rules))
    if known is None or known[0] is not rules:
        known = _MATCHED[id(rules)] = (rules, {})
    matched = known[1].get(code)
    if matched is None:
        matched = known[1][code] = tuple(rule for rule in rules if rule.matches(code))
    return matched


def read_row(row: Row, rules: tuple[TaxonomyRule, ...]):
    """What one row is: a Provider, Deactivated, Skipped or Bad."""
    number = row["NPI"].strip()
    if not npi.is_valid(number):
        return Bad(f"NPI {number or '(empty)'} is not valid (10 digits and a check digit)")
    if _is_deactivated(row):
        return Deactivated(number)
    codes = dict.fromkeys(row.taxonomy_codes())
    matched = [(code, rule) for code in codes if code for rule in _rules_matching(code, rules)]
    if not matched:
        return Skipped(SKIP_TAXONOMY)
    country = row[f"{_PRACTICE} Country Code (If outside U.S.)"].strip().upper()
    state = row[f"{_PRACTICE} State Name"].strip().upper()
    if country not in ("", "US") or state not in US_STATES:
        return Skipped(SKIP_OUTSIDE)
    place = _place(row[f"{_PRACTICE} Postal Code"])
    if isinstance(place, Bad):
        return place
    name = _name(row)
    if not name:
        return Bad("no provider name")
    return _provider(row, number, name, state, place, matched)


def _provider(row: Row, number: str, name: str, state: str, place, matched) -> Provider:
    labels = list(dict.fromkeys(rule.label for _code, rule in matched))
    kinds = {kind for _code, rule in matched for kind in rule.kinds}
    codes = ", ".join(dict.fromkeys(code for code, _rule in matched))
    lines = (row["Provider First Line Business Practice Location Address"],
             row["Provider Second Line Business Practice Location Address"])  # fmt: skip
    zip_code, latitude, longitude = place
    return Provider(
        npi=number,
        name=name,
        description=f"Listed in the NPI Registry as: {', '.join(labels)} (NUCC {codes}).",
        address_1=", ".join(_clean(line) for line in lines if line.strip())[:200],
        city=_clean(row[f"{_PRACTICE} City Name"])[:100],
        state=state,
        postal_code=zip_code,
        latitude=latitude,
        longitude=longitude,
        phone=_phone(row[f"{_PRACTICE} Telephone Number"]),
        kinds=tuple(term.code for term in TREATMENT.terms if term.code in kinds),
    )


def _is_deactivated(row: Row) -> bool:
    deactivated = _date(row["NPI Deactivation Date"])
    if deactivated is None:
        return False
    reactivated = _date(row["NPI Reactivation Date"])
    return reactivated is None or reactivated < deactivated


def _date(text: str) -> date | None:
    text = text.strip()
    if not text:
        return None
    try:
        return datetime.strptime(text, "%m/%d/%Y").date()
    except ValueError:
        return None


def _place(text: str):
    """(postal code as shown, latitude, longitude) of a practice ZIP, or Bad."""
    digits = text.strip().replace("-", "")
    if not digits:
        return Bad("no practice ZIP")
    if not (digits.isascii() and digits.isdigit() and len(digits) in (5, 9)):
        return Bad(f"practice ZIP {text.strip()!r} is not 5 or 9 digits")
    try:
        place = geocode.locate(digits[:5])
    except geocode.UnknownPlace:
        return Bad(f"practice ZIP {digits[:5]} is not a known US ZIP")
    shown = digits if len(digits) == 5 else f"{digits[:5]}-{digits[5:]}"
    return shown, place.latitude, place.longitude


def _clean(text: str) -> str:
    """Registry text as a seeker reads it: single spaces, and names in capitals title-cased."""
    text = " ".join(text.split())
    if not text.isupper():
        return text
    return _WORD.sub(lambda match: match.group(0).capitalize(), text)


_WORD = re.compile(r"[^\s-]+")


def _name(row: Row) -> str:
    if row["Entity Type Code"].strip() == "2":
        return _clean(row["Provider Organization Name (Legal Business Name)"])[:200]
    parts = [row["Provider First Name"], row["Provider Middle Name"],
             row["Provider Last Name (Legal Name)"], row["Provider Name Suffix Text"]]  # fmt: skip
    name = " ".join(_clean(part) for part in parts if part.strip())
    credential = " ".join(row["Provider Credential Text"].split())
    if name and credential:
        name = f"{name}, {credential}"
    return name[:200]


def _phone(text: str) -> str:
    digits = "".join(char for char in text if char.isdigit())
    if len(digits) == 10:
        return f"{digits[:3]}-{digits[3:6]}-{digits[6:]}"
    return digits[:30]
