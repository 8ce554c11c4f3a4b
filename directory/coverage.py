"""The sources of the /coverage/ guide: each one read in its published form, with the day it was
read, so every statement the guide makes about a payer or a programme carries a date.

How each was confirmed (recorded as the project requires): the FDA label and the REMS site are
in the project's verified reference list (/work/shared/REFERENCES.md, keys fda-spravato-label and
spravato-rems); sanacora2017 is there too, without a DOI (none was confirmed, so none is given).
Every other source was found with the project's ``search`` tool on 1 December 2026 and its
published text read in the result (the manufacturer's pages, and the payers' own policy pages
on their own sites). Payer policies change: a page that quotes one says whose and when, and
never that a reader's own plan will pay.
"""

from dataclasses import dataclass
from datetime import date

READ_ON = date(2026, 12, 1)


@dataclass(frozen=True)
class Source:
    key: str
    title: str
    url: str
    read_on: date = READ_ON


SOURCES = {
    source.key: source
    for source in (
        Source(
            "fda-spravato-label",
            "SPRAVATO (esketamine) nasal spray prescribing information, FDA label set "
            "d81a6a79-a74a-44b7-822c-0dfa3036eaed (revised 13 March 2026)",
            "https://nctr-crs.fda.gov/fdalabel/services/spl/set-ids/"
            "d81a6a79-a74a-44b7-822c-0dfa3036eaed/spl-doc",
        ),
        Source("spravato-rems", "SPRAVATO REMS (the FDA safety programme)", "https://www.spravatorems.com"),
        Source(
            "spravato-insurance-questions",
            "Janssen, SPRAVATO insurance questions (the manufacturer's page for patients)",
            "https://www.spravato.com/insurance-coverage",
        ),
        Source(
            "spravato-withme",
            "Janssen, SPRAVATO withMe support and savings (the manufacturer's page for clinics)",
            "https://spravatohcp.com/patient-support",
        ),
        Source(
            "wha-esketamine",
            "Western Health Advantage, prior authorization criteria: esketamine (Spravato)",
            "https://www.westernhealth.com/provider/prior-authorization-criteria/esketamine-spravato/",
        ),
        Source(
            "triples-esketamine",
            "Triple-S Salud, medical policy: esketamine nasal spray for treatment-resistant "
            "depression",
            "https://salud.grupotriples.com/medical-policy/"
            "esketamine-nasal-spray-for-treatment-resistant-depression/",
        ),
        Source(
            "bcbsms-esketamine",
            "Blue Cross & Blue Shield of Mississippi, medical policy L.5.01.537: Spravato "
            "(esketamine)",
            "https://www.bcbsms.com/policy-search/medical/policy-detail/spravato-esketamine",
        ),
        Source(
            "highmark-de-medicaid-esketamine",
            "Highmark Wholecare (Delaware Medicaid), medical policy HHO-DE-MP-1265: esketamine "
            "(effective 13 December 2024)",
            "https://securecms.highmark.com/content/medpolicy/en/highmark-wholecare/de/medicaid/"
            "policy/de-medicaid-policies/de-medical-policies/folder-hho-de-mp-1265-esketamine/"
            "hho-de-mp-1265-001-esketamine.html",
        ),
        Source(
            "tricare-esketamine",
            "Humana Military (TRICARE East), policy update: Spravato approved for treatment of "
            "depression, 11 December 2020",
            "https://www.humanamilitary.com/provider/education-and-resources/quick-access/"
            "policy-updates-and-alerts/spravato-121120",
        ),
        Source(
            "sanacora2017",
            "Sanacora G, Frye MA, McDonald W, et al. A consensus statement on the use of "
            "ketamine in the treatment of mood disorders. JAMA Psychiatry 2017;74(4):399-405",
            "",
        ),
    )
}  # fmt: skip


def numbered() -> list[tuple[int, Source]]:
    """The sources in the order the guide cites them, numbered from 1."""
    return list(enumerate(SOURCES.values(), start=1))


def number_of(key: str) -> int:
    return list(SOURCES).index(key) + 1
