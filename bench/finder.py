#!/usr/bin/env python3
"""Finder search latency at a million listings, on SQLite and on PostgreSQL.

    .venv/bin/python bench/finder.py                  # both databases, 1,000,000 listings
    .venv/bin/python bench/finder.py --count 100000 --database sqlite

Each database is loaded once with the seeded demo generator (lean: only what search reads) and
kept for later runs: SQLite in var/bench/, PostgreSQL in the database `psycle_bench_<count>` on
127.0.0.1:5432. Query centres are ZIP centroids drawn with a fixed seed. For each radius and
filter set the script times, in this process, what /find/ and the API do for a first page:
`nearby()` plus loading the page's listings; for each radius, what GET /api/v1/costs computes
(the cost figures of every listing the search finds); then the whole first page of /find/ and
of /api/v1/search through Django's full stack (first visit of each ZIP with an empty cache, and
again). It reports the median and 95th percentile.
"""

import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
POSTGRES = "postgres://postgres@127.0.0.1:5432/psycle_bench_{count}"
CASES = [
    ("no filter", {}),
    ("1 filter (treatment)", {"treatment": "ketamine"}),
    (
        "3 filters (treatment, route, verified)",
        {"treatment": "ketamine", "route": "iv", "verified": True},
    ),
    ("1 filter (payment: medicaid)", {"payment": "medicaid"}),
    ("1 filter (insurer: cigna)", {"insurer": "cigna"}),
    (
        "3 filters (treatment, payment, insurer)",
        {"treatment": "esketamine", "payment": "medicare", "insurer": "aetna"},
    ),
]
COSTS_LABEL = "GET /api/v1/costs (treatment: ketamine)"


def database_environment(database: str, count: int) -> dict:
    """The environment of a child process on the benchmark database (made if missing)."""
    environment = dict(os.environ, DJANGO_SETTINGS_MODULE="psycle.settings", DEBUG="false")
    if database == "sqlite":
        folder = ROOT / "var" / "bench"
        folder.mkdir(parents=True, exist_ok=True)
        environment["DATABASE_URL"] = f"sqlite:///{folder / f'finder-{count}.sqlite3'}"
    else:
        environment["DATABASE_URL"] = POSTGRES.format(count=count)
        subprocess.run(
            ["psql", "-q", "-h", "127.0.0.1", "-U", "postgres", "-d", "postgres", "-c",
             f"CREATE DATABASE psycle_bench_{count}"],
            capture_output=True, check=False,
        )  # fmt: skip
    return environment


def run_child(database: str, count: int, queries: int, script: str = __file__) -> dict:
    """Runs ``script --child`` on the benchmark database; returns the JSON it prints last."""
    result = subprocess.run(
        [sys.executable, script, "--child", "--count", str(count), "--queries", str(queries)],
        env=database_environment(database, count), cwd=ROOT, capture_output=True, text=True,
        check=False,
    )  # fmt: skip
    if result.returncode != 0:
        sys.exit(f"{database} run failed:\n{result.stderr}")
    print(result.stderr, end="", file=sys.stderr)
    return json.loads(result.stdout.strip().splitlines()[-1])


def load(count: int) -> float | None:
    """Migrates the benchmark database and fills it with ``count`` lean demo listings, unless
    they are there already; returns the seconds the load took (None when it was there)."""
    from django.core.management import call_command
    from django.db import connection

    from directory import demo, indexing
    from directory.models import Organization

    call_command("migrate", verbosity=0)
    loaded = Organization.objects.count()
    load_seconds = None
    if loaded != count:
        if loaded:
            sys.exit(f"The benchmark database holds {loaded} listings, not {count}: drop it first.")
        started = time.perf_counter()
        demo.write(demo.generate(count, seed=2026), batch_size=20_000, lean=True)
        with connection.cursor() as cursor:  # what load_demo_directory leaves, and ANALYZE
            cursor.execute("ANALYZE")
        indexing.after_large_load()
        load_seconds = time.perf_counter() - started
        print(f"loaded {count} listings in {load_seconds:.0f} s", file=sys.stderr)
    else:
        from directory.models import SearchEntry

        if not SearchEntry.objects.exclude(insurer_ids="").exists():
            sys.exit("The benchmark database predates the insurer columns: drop it first.")
    return load_seconds


def child(count: int, queries: int) -> None:
    import django

    django.setup()
    from django.db import connection

    from directory.geocode import Place, zip_codes_with_coordinates
    from directory.listings import listings_for
    from directory.models import Organization, SearchEntry
    from directory.prices import cost_figures
    from directory.search import Filters, Query, nearby

    load_seconds = load(count)
    rng = random.Random(7)
    centres = [
        Place(f"{code}", lat, lng, state, code)
        for code, _city, state, lat, lng in rng.sample(zip_codes_with_coordinates(), queries)
    ]
    table = []
    for radius in (25, 100):
        for label, spec in CASES:
            filters = _filters(spec)

            def first_page(place, radius=radius, filters=filters) -> int:
                page = nearby(Query(place=place, radius=radius, filters=filters))
                listings_for(page.hits)
                return len(page.hits)

            table.append({"radius": radius, "filters": label, **_timed(centres, first_page)})

        def costs(place, radius=radius) -> int:
            query = Query(place=place, radius=radius, filters=Filters(treatment="ketamine"))
            return cost_figures(query).listings

        table.append({"radius": radius, "filters": COSTS_LABEL, **_timed(centres, costs)})
    requests = whole_requests(centres)
    print(
        json.dumps(
            {
                "requests": requests,
                "database": connection.vendor,
                "listings": Organization.objects.count(),
                "search_rows": SearchEntry.objects.count(),
                "load_seconds": load_seconds,
                "queries": queries,
                "table": table,
            }
        )
    )


def _filters(spec: dict):
    from directory.insurers import known
    from directory.search import Filters
    from directory.taxonomy import mask

    pairs = [(facet, spec[facet]) for facet in ("route", "payment") if facet in spec]
    return Filters(
        treatment=spec.get("treatment"),
        features=mask(pairs),
        verified_only=spec.get("verified", False),
        insurer=known()[spec["insurer"]][0] if "insurer" in spec else None,
    )


def _timed(centres, run) -> dict:
    """Milliseconds of ``run(place)`` at each centre (after one pass to warm caches), and the
    mean of what it returns (results on the page, or listings priced)."""
    for place in centres:
        run(place)
    timings, found = [], []
    for place in centres:
        started = time.perf_counter()
        found.append(run(place))
        timings.append((time.perf_counter() - started) * 1000)
    timings.sort()
    return {
        "median_ms": statistics.median(timings),
        "p95_ms": timings[int(0.95 * len(timings)) - 1],
        "max_ms": timings[-1],
        "mean_results": statistics.mean(found),
    }


REQUEST_CASES = [
    ("no filter", ""),
    ("1 filter (treatment)", "&treatment=ketamine"),
    ("3 filters (treatment, route, verified)", "&treatment=ketamine&route=iv&verified=on"),
    (
        "3 filters (treatment, payment, insurer)",
        "&treatment=esketamine&payment=medicare&insurer=aetna",
    ),
]


def whole_requests(centres) -> list[dict]:
    """What a seeker waits for on the server: the whole first page of /find/ and of
    /api/v1/search (search, listings, remote programmes, price summary, the page drawn), through
    Django's full stack in this process. The first pass starts with an empty cache, so each ZIP
    is timed as its first visitor meets it; the second is what the next visitors meet."""
    from django.test import Client

    from core.pagecache import cache

    client = Client(HTTP_HOST="127.0.0.1")
    table = []
    for path in ("/find/", "/api/v1/search"):
        for radius in (25, 100):
            for label, extra in REQUEST_CASES:
                cache.clear()
                for state in ("first visit", "again"):
                    timings = []
                    for place in centres:
                        address = f"{path}?near={place.zip_code}&radius={radius}{extra}"
                        started = time.perf_counter()
                        response = client.get(address)
                        timings.append((time.perf_counter() - started) * 1000)
                        if response.status_code != 200:
                            sys.exit(f"{address} answered {response.status_code}")
                    timings.sort()
                    table.append(
                        {
                            "path": path, "radius": radius, "filters": label, "cache": state,
                            "median_ms": statistics.median(timings),
                            "p95_ms": timings[int(0.95 * len(timings)) - 1],
                            "max_ms": timings[-1],
                        }
                    )  # fmt: skip
    return table


def arguments(description: str, child, more=None) -> tuple[argparse.Namespace, list[str]] | None:
    """The benchmark's options (``more(parser)`` adds a script's own) and the databases to run
    on; None when this is the child process, which has run ``child(count, queries)`` already."""
    parser = argparse.ArgumentParser(description=description)
    if more is not None:
        more(parser)
    parser.add_argument("--count", type=int, default=1_000_000)
    parser.add_argument("--queries", type=int, default=200)
    parser.add_argument("--database", choices=("sqlite", "postgres", "both"), default="both")
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT))
    if args.child:
        child(args.count, args.queries)
        return None
    return args, ["sqlite", "postgres"] if args.database == "both" else [args.database]


def main() -> None:
    given = arguments(__doc__.splitlines()[0], child)
    if given is None:
        return
    args, databases = given
    for database in databases:
        report = run_child(database, args.count, args.queries)
        print(
            f"\n{report['database']}: {report['listings']:,} listings, {report['search_rows']:,} "
            f"search rows, {report['queries']} query centres (first page of 20)"
        )
        print("| radius | filters | median ms | p95 ms | max ms | mean results |")
        print("|---|---|---|---|---|---|")
        for row in report["table"]:
            print(
                f"| {row['radius']} mi | {row['filters']} | {row['median_ms']:.2f} | "
                f"{row['p95_ms']:.2f} | {row['max_ms']:.2f} | {row['mean_results']:.1f} |"
            )
        print(
            f"\n{report['database']}: the whole first page, in-process through every middleware "
            "(goal: p95 <= 10 ms)"
        )
        print("| page | radius | filters | cache | median ms | p95 ms | max ms |")
        print("|---|---|---|---|---|---|---|")
        for row in report["requests"]:
            print(
                f"| {row['path']} | {row['radius']} mi | {row['filters']} | {row['cache']} | "
                f"{row['median_ms']:.2f} | {row['p95_ms']:.2f} | {row['max_ms']:.2f} |"
            )


if __name__ == "__main__":
    main()
