#!/usr/bin/env python3
"""import_nppes on a generated NPPES data file: rows per second and peak memory, per database.

    .venv/bin/python bench/nppes.py                         # 1,000,000 rows, both databases
    .venv/bin/python bench/nppes.py --count 20000 --database sqlite

The file is written once in the real format (330 quoted columns, see directory.nppes) to
var/bench/nppes-<count>.csv and kept for later runs. Its mix is seeded and roughly the full
file's: about a third behavioural-health providers (kept), the rest other taxonomies (skipped),
2% deactivated NPIs, 1% bad check digits, half the ZIPs of 9 digits. The NPIs come in no order
(an NPI carries no meaning, and nothing promises the file is sorted by it), which is the hard
case for an index on them. Each run imports it into an empty database (SQLite in var/bench/,
PostgreSQL `psycle_bench_nppes` on 127.0.0.1:5432) in a child process, which reports the
import's wall and CPU time (this process's; the database server's work is in the wall time)
and its own peak resident memory, before and after.
"""

import argparse
import json
import os
import random
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
POSTGRES = "postgres://postgres@127.0.0.1:5432/psycle_bench_nppes"
KEPT = ("103TC0700X", "101YM0800X", "1041C0700X", "106H00000X", "2084P0800X", "363LP0808X")
OTHER = ("207Q00000X", "207R00000X", "122300000X", "152W00000X", "225100000X", "363A00000X")
FIRST = ("Ana", "José", "Mei", "Olu", "Zoë", "Liam", "Nora", "Ravi", "Sara", "Tomás")
LAST = ("Núñez", "Smith", "O'Brien", "Nguyen", "Ødegaard", "Patel", "García", "Kim", "Lee")


def generate(path: Path, count: int) -> None:
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "psycle.settings")
    import django

    django.setup()
    from directory.geocode import zip_codes_with_coordinates
    from directory.tests.nppes_files import provider, valid_npi, write

    rng = random.Random(2026)
    zips = [(code, city, state) for code, city, state, _lat, _lng in zip_codes_with_coordinates()]

    def rows():
        for n in range(count):
            # In no order: a multiplier prime to 10**8 spreads them, each still distinct.
            number = valid_npi(f"1{(n * 48271 + 12345) % 10**8:08d}")
            if rng.random() < 0.01:
                number = number[:9] + str((int(number[9]) + 1) % 10)
            code, city, state = rng.choice(zips)
            kept = rng.random() < 0.35
            yield provider(
                number, first=rng.choice(FIRST), last=rng.choice(LAST), credential="LCSW",
                taxonomies=(rng.choice(KEPT if kept else OTHER),), city=city, state=state,
                zip_code=code + (f"{rng.randrange(10000):04d}" if rng.random() < 0.5 else ""),
                street=f"{rng.randrange(1, 9999)} Main St, Suite {rng.randrange(1, 500)}",
                deactivated="03/02/2026" if rng.random() < 0.02 else "",
            )  # fmt: skip

    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_suffix(".partial")
    write(partial, rows())
    partial.rename(path)


def run_child(database: str, path: Path) -> dict:
    environment = dict(os.environ, DJANGO_SETTINGS_MODULE="psycle.settings")
    if database == "sqlite":
        target = ROOT / "var" / "bench" / "nppes.sqlite3"
        target.unlink(missing_ok=True)
        environment["DATABASE_URL"] = f"sqlite:///{target}"
    else:
        environment["DATABASE_URL"] = POSTGRES
        for statement in ("DROP DATABASE IF EXISTS psycle_bench_nppes",
                          "CREATE DATABASE psycle_bench_nppes"):  # fmt: skip
            subprocess.run(
                ["psql", "-q", "-h", "127.0.0.1", "-U", "postgres", "-d", "postgres", "-c",
                 statement], capture_output=True, check=True,
            )  # fmt: skip
    result = subprocess.run(
        [sys.executable, __file__, "--child", str(path)],
        env=environment, cwd=ROOT, capture_output=True, text=True, check=False,
    )  # fmt: skip
    if result.returncode != 0:
        sys.exit(f"{database} run failed:\n{result.stderr}")
    return json.loads(result.stdout.strip().splitlines()[-1])


def child(path: Path) -> None:
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from io import StringIO

    from django.core.management import call_command
    from django.db import connection

    from directory.models import Organization, SearchEntry

    call_command("migrate", verbosity=0)
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    out = StringIO()
    started, cpu = time.perf_counter(), time.process_time()
    call_command("import_nppes", str(path), stdout=out, stderr=StringIO())
    seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
    lines = out.getvalue().splitlines()
    summary = lines[next(n for n, line in enumerate(lines) if line.startswith("Read ")) :]
    read = int(summary[0].split()[1])
    print(json.dumps({
        "database": connection.vendor, "rows": read, "seconds": seconds,
        "rows_per_second": read / seconds, "cpu_seconds": cpu,
        "providers": Organization.objects.count(),
        "search_rows": SearchEntry.objects.count(),
        "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "peak_mb_before_import": before / 1024, "summary": summary,
    }))  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=1_000_000)
    parser.add_argument("--database", choices=("sqlite", "postgres", "both"), default="both")
    parser.add_argument("--child", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.child)
        return
    path = ROOT / "var" / "bench" / f"nppes-{args.count}.csv"
    if not path.exists():
        started = time.perf_counter()
        generate(path, args.count)
        print(f"wrote {path} in {time.perf_counter() - started:.0f} s", file=sys.stderr)
    size = path.stat().st_size / 1024 / 1024
    print(f"\nimport_nppes, {args.count:,} rows ({size:,.0f} MB, 330 quoted columns)")
    print("| database | rows/s | seconds (CPU) | providers | search rows | peak MB (before) |")
    print("|---|---|---|---|---|---|")
    for database in ["sqlite", "postgres"] if args.database == "both" else [args.database]:
        r = run_child(database, path)
        print(
            f"| {r['database']} | {r['rows_per_second']:,.0f} | {r['seconds']:.1f} "
            f"({r['cpu_seconds']:.1f}) | "
            f"{r['providers']:,} | {r['search_rows']:,} | {r['peak_mb']:.0f} "
            f"({r['peak_mb_before_import']:.0f}) |"
        )
        print("  " + " ".join(r["summary"]), file=sys.stderr)


if __name__ == "__main__":
    main()
