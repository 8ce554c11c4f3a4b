"""How long the server takes to render the ketamine page, and to serve it from the page cache:
the median of 100 requests each.

Runs the whole Django stack in-process (middleware, Wagtail's page serving, templates) with
the development settings, on a fresh SQLite database in a temporary folder that it migrates and
fills with `load_content` itself. Usage:

    make bench
    .venv/bin/python bench/content_render.py --requests 200 --path /treatments/
    DATABASE_URL=sqlite:///var/psycle.sqlite3 .venv/bin/python bench/content_render.py

With DATABASE_URL set, that database is used as it is (run `manage.py load_content` first).
"""

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=100, help="timed requests (100)")
    parser.add_argument("--path", default="/treatments/ketamine/", help="the page to render")
    args = parser.parse_args()
    if args.requests < 1:
        parser.error("--requests must be 1 or more")

    with tempfile.TemporaryDirectory(prefix="psycle-bench-") as folder:
        fresh = "DATABASE_URL" not in os.environ
        if fresh:
            os.environ["DATABASE_URL"] = f"sqlite:///{folder}/bench.sqlite3"
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "psycle.settings")
        sys.path.insert(0, str(ROOT))

        import django

        django.setup()

        from django.core.management import call_command
        from django.db import connection
        from django.test import Client

        if fresh:
            print("Preparing a fresh SQLite database (migrate, load_content)...", flush=True)
            call_command("migrate", verbosity=0)
            with open(os.devnull, "w") as quiet:
                call_command("load_content", stdout=quiet)

        client = Client(HTTP_HOST="127.0.0.1")
        for _ in range(5):  # warm the template and URL caches
            client.get(args.path)
        queries = []

        def count(execute, sql, params, many, context):
            queries.append(sql)
            return execute(sql, params, many, context)

        # Counted with a wrapper: each request opens its own SQLite connection.
        django.conf.settings.PAGE_CACHE_SECONDS = 0
        with connection.execute_wrapper(count):
            size = len(client.get(args.path).content)

        from django.conf import settings

        def timed(cache_seconds: int) -> list[float]:
            settings.PAGE_CACHE_SECONDS = cache_seconds
            client.get(args.path)  # stored, when caching
            found = []
            for _ in range(args.requests):
                started = time.perf_counter()
                response = client.get(args.path)
                found.append((time.perf_counter() - started) * 1000)
                if response.status_code != 200:
                    sys.exit(f"{args.path} answered {response.status_code}")
            return sorted(found)

        uncached, cached = timed(0), timed(300)

    debug = django.conf.settings.DEBUG
    print(f"{args.path} on {connection.vendor}, {args.requests} requests each, DEBUG={debug}")
    for label, timings, goal in (("rendered", uncached, 20), ("from the page cache", cached, 2)):
        print(
            f"  {label}: median {statistics.median(timings):.2f} ms (goal <= {goal} ms), "
            f"p90 {timings[int(len(timings) * 0.9) - 1]:.2f} ms, min {timings[0]:.2f} ms, "
            f"max {timings[-1]:.2f} ms"
        )
    print(f"  {len(queries)} SQL queries, {size / 1024:.0f} KiB of HTML per page when rendered")


if __name__ == "__main__":
    main()
