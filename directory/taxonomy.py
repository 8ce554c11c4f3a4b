"""The directory's vocabularies: every filter a seeker can use, and how it is stored for search.

Each facet's terms are stored as HSDS taxonomy terms (attributes of a service) and, for search, as
bits of one integer per listing, so that any combination of filters is a single bitwise test.
The order of terms must never change once data exists: a term's bit is its position.
"""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Term:
    code: str
    name: str


@dataclass(frozen=True)
class Facet:
    code: str
    name: str
    terms: tuple[Term, ...]
    hidden: tuple[str, ...] = ()

    def term(self, code: str) -> Term | None:
        return next((term for term in self.terms if term.code == code), None)

    @property
    def offered(self) -> tuple[Term, ...]:
        """The terms a seeker can choose in the finder and the API (not ``hidden`` ones)."""
        return tuple(term for term in self.terms if term.code not in self.hidden)


TREATMENT = Facet(
    "treatment",
    _("Treatment"),
    (
        Term("ketamine", _("Ketamine")),
        Term("esketamine", _("Esketamine (Spravato)")),
        Term("kap", _("Ketamine-assisted psychotherapy")),
        Term("tms", _("TMS")),
        Term("ect", _("ECT")),
        # "ssri" keeps its code (and so its number and every /find/?treatment=ssri link) but
        # names what a seeker looks for: a prescriber, for antidepressants and other medicines.
        Term("ssri", _("Psychiatric care and medication")),
        Term("talk-therapy", _("Talk therapy")),
        # Imported services whose taxonomy Psycle does not know: listed, found by place, and
        # never offered as a choice in the finder (directory.forms).
        Term("other", _("Other services")),
    ),
    hidden=("other",),
)
ROUTE = Facet(
    "route",
    _("Route"),
    (
        Term("iv", _("Intravenous (IV) infusion")),
        Term("im", _("Intramuscular (IM) injection")),
        Term("intranasal", _("Nasal spray")),
        Term("sublingual", _("Sublingual (under the tongue)")),
        Term("oral", _("Oral")),
    ),
)
SETTING = Facet(
    "setting",
    _("Setting"),
    (
        Term("clinic", _("In a clinic")),
        Term("home", _("At home")),
        Term("telehealth", _("Telehealth")),
    ),
)
THERAPIST = Facet(
    "therapist",
    _("Therapist support"),
    (
        Term("included", _("Therapy included")),
        Term("available", _("Therapy available")),
    ),
)
CONDITION = Facet(
    "condition",
    _("Condition treated"),
    (
        Term("depression", _("Depression")),
        Term("treatment-resistant-depression", _("Treatment-resistant depression")),
        Term("anxiety", _("Anxiety")),
        Term("ptsd", _("PTSD")),
        Term("chronic-pain", _("Chronic pain")),
        Term("addiction", _("Addiction")),
        Term("ocd", _("OCD")),
        Term("bipolar-depression", _("Bipolar depression")),
    ),
)
# How a listing can be paid for. The first five kept the bits of the codes they replaced
# (insurance, self-pay, hsa-fsa, superbill, financing: see migration 0004), so the order here is
# the bit order, not the order a seeker reads them in (``PAYMENT_ORDER``).
PAYMENT = Facet(
    "payment",
    _("Payment"),
    (
        Term("private_insurance", _("Private insurance")),
        Term("self_pay", _("Self-pay")),
        Term("hsa_fsa", _("HSA or FSA card")),
        Term("superbill", _("Superbill for out-of-network claims")),
        Term("payment_plan", _("Payment plan")),
        Term("medicaid", _("Medicaid")),
        Term("medicare", _("Medicare")),
        Term("tricare", _("TRICARE")),
        Term("sliding_scale", _("Sliding-scale fees")),
    ),
)
PAYMENT_ORDER = (
    "self_pay", "private_insurance", "medicaid", "medicare", "tricare", "sliding_scale",
    "payment_plan", "hsa_fsa", "superbill",
)  # fmt: skip

#: Facets stored as bits, in bit order. Treatment has its own column (it leads the index).
BIT_FACETS = (ROUTE, SETTING, THERAPIST, CONDITION, PAYMENT)
FACETS = (TREATMENT, *BIT_FACETS)
BY_CODE = {facet.code: facet for facet in FACETS}

_BITS: dict[tuple[str, str], int] = {}
_position = 0
for _facet in BIT_FACETS:
    for _term in _facet.terms:
        _BITS[(_facet.code, _term.code)] = 1 << _position
        _position += 1


def bit(facet: str, term: str) -> int:
    return _BITS[(facet, term)]


def mask(pairs) -> int:
    """The bits of every (facet, term) pair given."""
    value = 0
    for facet, term in pairs:
        value |= _BITS[(facet, term)]
    return value


def payment_codes(features: int) -> list[str]:
    """The payment codes whose bits are set, in the order a seeker reads them."""
    return [code for code in PAYMENT_ORDER if features & _BITS[("payment", code)]]


def treatment_number(code: str) -> int:
    return [term.code for term in TREATMENT.terms].index(code)


def treatment_code(number: int) -> str:
    return TREATMENT.terms[number].code


US_STATES = {
    "AL": "Alabama",
    "AK": "Alaska",
    "AZ": "Arizona",
    "AR": "Arkansas",
    "CA": "California",
    "CO": "Colorado",
    "CT": "Connecticut",
    "DE": "Delaware",
    "DC": "District of Columbia",
    "FL": "Florida",
    "GA": "Georgia",
    "HI": "Hawaii",
    "ID": "Idaho",
    "IL": "Illinois",
    "IN": "Indiana",
    "IA": "Iowa",
    "KS": "Kansas",
    "KY": "Kentucky",
    "LA": "Louisiana",
    "ME": "Maine",
    "MD": "Maryland",
    "MA": "Massachusetts",
    "MI": "Michigan",
    "MN": "Minnesota",
    "MS": "Mississippi",
    "MO": "Missouri",
    "MT": "Montana",
    "NE": "Nebraska",
    "NV": "Nevada",
    "NH": "New Hampshire",
    "NJ": "New Jersey",
    "NM": "New Mexico",
    "NY": "New York",
    "NC": "North Carolina",
    "ND": "North Dakota",
    "OH": "Ohio",
    "OK": "Oklahoma",
    "OR": "Oregon",
    "PA": "Pennsylvania",
    "RI": "Rhode Island",
    "SC": "South Carolina",
    "SD": "South Dakota",
    "TN": "Tennessee",
    "TX": "Texas",
    "UT": "Utah",
    "VT": "Vermont",
    "VA": "Virginia",
    "WA": "Washington",
    "WV": "West Virginia",
    "WI": "Wisconsin",
    "WY": "Wyoming",
    "PR": "Puerto Rico",
}
