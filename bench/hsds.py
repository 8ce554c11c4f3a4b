#!/usr/bin/env python3
"""HSDS API latency near a ZIP and export_hsds throughput, on SQLite and on PostgreSQL.

    .venv/bin/python bench/hsds.py                    # both databases, 1,000,000 listings
    .venv/bin/python bench/hsds.py --count 20000 --database sqlite --queries 200
    .venv/bin/python bench/hsds.py --database sqlite --no-export   # the API's latency only

Uses the finder benchmark's databases (bench/finder.py loads them, lean, once). For each of
``--queries`` ZIP codes drawn with a fixed seed it asks, through Django's whole request path,
`GET /api/hsds/service_at_locations?postcode=<zip>&proximity=<metres>` (first page of 50; also
filtered by the ketamine term), once to warm caches and once timed, and reports the median and
95th percentile. Then it runs `manage.py export_hsds` in a child process into a temporary
folder and reports organizations a second and the child's peak memory. Listings loaded lean
have no addresses, phones or hours, so a full directory writes more rows per organization.
"""

import json
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from finder import ROOT, arguments, database_environment, load, run_child

PROXIMITIES = (40_234, 160_934)  # metres: 25 and 100 miles


def _timed(client, urls: list[str]) -> list[float]:
    for url in urls:  # warm caches
        client.get(url)
    timings = []
    for url in urls:
        started = time.perf_counter()
        response = client.get(url)
        timings.append((time.perf_counter() - started) * 1000)
        if response.status_code != 200:
            sys.exit(f"{url} answered {response.status_code}: {response.content[:300]!r}")
    return sorted(timings)


def child(count: int, queries: int) -> None:
    import django

    django.setup()
    from urllib.parse import urlsplit

    from django.conf import settings
    from django.db import connection
    from django.test import Client

    from directory.geocode import zip_codes_with_coordinates
    from directory.models import Organization, TaxonomyTerm

    load(count)
    client = Client(HTTP_HOST=urlsplit(settings.SITE_URL).netloc)
    zips = [row[0] for row in random.Random(11).sample(zip_codes_with_coordinates(), queries)]
    ketamine = TaxonomyTerm.objects.get(taxonomy="treatment", code="ketamine").pk
    table = []
    for metres in PROXIMITIES:
        for label, extra in (("no filter", ""), ("ketamine term", f"&taxonomy_term_id={ketamine}")):
            urls = [
                f"/api/hsds/service_at_locations?postcode={code}&proximity={metres}{extra}"
                for code in zips
            ]
            timings = _timed(client, urls)
            table.append(
                {
                    "proximity": metres,
                    "filters": label,
                    "median_ms": statistics.median(timings),
                    "p95_ms": timings[int(0.95 * len(timings)) - 1],
                    "max_ms": timings[-1],
                }
            )
    print(
        json.dumps(
            {
                "database": connection.vendor,
                "listings": Organization.objects.count(),
                "queries": queries,
                "table": table,
            }
        )
    )


def export(database: str, count: int) -> dict:
    """Runs export_hsds on the benchmark database in a child process: seconds, peak memory."""
    with tempfile.TemporaryDirectory(dir=ROOT / "var") as folder:
        started = time.perf_counter()
        result = subprocess.run(
            [sys.executable, "manage.py", "export_hsds", folder],
            env=database_environment(database, count), cwd=ROOT, capture_output=True,
            text=True, check=False,
        )  # fmt: skip
        seconds = time.perf_counter() - started
        if result.returncode != 0:
            sys.exit(f"export_hsds failed:\n{result.stderr}")
        size = sum(path.stat().st_size for path in Path(folder).rglob("*") if path.is_file())
    peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return {"seconds": seconds, "peak_mb": peak_mb, "bytes": size}


def main() -> None:
    given = arguments(
        __doc__.splitlines()[0],
        child,
        lambda parser: parser.add_argument(
            "--no-export", action="store_true", help="time the API only, not export_hsds"
        ),
    )
    if given is None:
        return
    args, databases = given
    (ROOT / "var").mkdir(exist_ok=True)
    for database in databases:
        report = run_child(database, args.count, args.queries, script=__file__)
        print(
            f"\n{report['database']}: {report['listings']:,} listings, {report['queries']} ZIP "
            "codes, GET /api/hsds/service_at_locations?postcode=&proximity= (first page of 50)"
        )
        print("| proximity | filters | median ms | p95 ms | max ms |")
        print("|---|---|---|---|---|")
        for row in report["table"]:
            print(
                f"| {row['proximity']:,} m | {row['filters']} | {row['median_ms']:.2f} | "
                f"{row['p95_ms']:.2f} | {row['max_ms']:.2f} |"
            )
        if args.no_export:
            continue
        written = export(database, args.count)
        print(
            f"export_hsds: {report['listings']:,} organizations in {written['seconds']:.1f} s "
            f"({report['listings'] / written['seconds']:,.0f} a second), peak memory "
            f"{written['peak_mb']:.0f} MB, {written['bytes'] / 1e6:,.0f} MB written"
        )


if __name__ == "__main__":
    main()
