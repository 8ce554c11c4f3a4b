"""Writes NPPES data files in the real format: a header and all 330 columns, every value quoted.

Tests and the benchmark describe each provider by the few columns they care about; every other
column is written empty, as the registry leaves unused ones.
"""

import csv
from pathlib import Path

from directory import npi
from directory.nppes import COLUMNS

PRACTICE = "Provider Business Practice Location Address"


def valid_npi(first_nine: str) -> str:
    return first_nine + str(npi.check_digit(first_nine))


def provider(
    number: str,
    *,
    first: str = "",
    last: str = "",
    credential: str = "",
    organization: str = "",
    taxonomies: tuple[str, ...] = ("103TC0700X",),
    street: str = "1 Main St",
    city: str = "New York",
    state: str = "NY",
    zip_code: str = "10001",
    phone: str = "2125550100",
    deactivated: str = "",
    reactivated: str = "",
) -> dict:
    """One row, by column name: an individual (first and last name) or an organisation."""
    row = {
        "NPI": number,
        "Entity Type Code": "2" if organization else "1",
        "Provider Organization Name (Legal Business Name)": organization,
        "Provider Last Name (Legal Name)": last,
        "Provider First Name": first,
        "Provider Credential Text": credential,
        "Provider First Line Business Mailing Address": "PO Box 1",
        "Provider First Line Business Practice Location Address": street,
        f"{PRACTICE} City Name": city,
        f"{PRACTICE} State Name": state,
        f"{PRACTICE} Postal Code": zip_code,
        f"{PRACTICE} Telephone Number": phone,
        "Provider Enumeration Date": "05/23/2005",
        "Last Update Date": "07/08/2026",
        "NPI Deactivation Date": deactivated,
        "NPI Reactivation Date": reactivated,
    }
    for n, code in enumerate(taxonomies, start=1):
        row[f"Healthcare Provider Taxonomy Code_{n}"] = code
        row[f"Provider License Number_{n}"] = f"LIC{n}{number[-4:]}"
        row[f"Provider License Number State Code_{n}"] = state
        row[f"Healthcare Provider Primary Taxonomy Switch_{n}"] = "Y" if n == 1 else "N"
    if deactivated and not reactivated:
        # The registry blanks a deactivated NPI's other columns.
        row = {"NPI": number, "NPI Deactivation Date": deactivated}
    return row


def write(path: Path, rows) -> Path:
    """Write the rows (dicts by column name) as an NPPES data file."""
    with open(path, "w", newline="", encoding="utf-8") as out:
        writer = csv.writer(out, quoting=csv.QUOTE_ALL, lineterminator="\r\n")
        writer.writerow(COLUMNS)
        for row in rows:
            writer.writerow([row.get(column, "") for column in COLUMNS])
    return path
