#!/usr/bin/env python3
"""Throughput under load: gunicorn with the production settings, wrk on loopback.

    .venv/bin/python bench/throughput.py                 # 16 connections, then 50 for 60 s
    .venv/bin/python bench/throughput.py --seconds 5 --long-seconds 0

The site is what `make run` serves (the page library and the demo directory), prepared once in
var/bench/throughput/ and served by gunicorn with deploy/gunicorn.conf.py, PSYCLE_ENV=production
(DEBUG off, the database cache table, the page cache on), two workers. For each page wrk
reports requests a second, the median and 99th percentile, and errors (time-outs, non-2xx);
each rate is also given as a share of the framework's floor, `/healthz`, which passes through
every middleware and reads nothing. The finder and the API are asked for 200 different ZIPs in
turn. Then each page is loaded with 50 connections for --long-seconds, and the time each page
type's first request takes in a newly started server is reported.
"""

import argparse
import os
import random
import re
import secrets
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FOLDER = ROOT / "var" / "bench" / "throughput"
PYTHON = sys.executable

PAGES = [
    ("floor: /healthz", "/healthz"),
    ("home", "/"),
    ("treatment: ketamine", "/treatments/ketamine/"),
    ("condition: depression", "/conditions/depression/"),
    ("comparison", "/compare/ketamine-vs-esketamine/"),
    ("crisis", "/crisis/"),
    ("provider profile", "{profile}"),
    ("finder /find/", "/find/?near={zip}"),
    ("API /api/v1/search", "/api/v1/search?near={zip}"),
]
#: The floor's share each page must reach (issue 13's goals).
GOALS = {"finder /find/": 0.25, "API /api/v1/search": 0.25}
CONTENT_GOAL = 0.50


def environment(port: int) -> dict[str, str]:
    env = {key: value for key, value in os.environ.items() if not key.startswith("PSYCLE_")}
    env.pop("DATABASE_URL", None)
    env.pop("REDIS_URL", None)
    env.update(
        PSYCLE_ENV="production",
        PSYCLE_VAR_DIR=str(FOLDER),
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="127.0.0.1",
        SITE_URL=f"https://127.0.0.1:{port}",
        DATABASE_URL=f"sqlite:///{FOLDER / 'psycle.sqlite3'}",
        EMAIL_DELIVERY="smtp",
        EMAIL_HOST="127.0.0.1",
        PSYCLE_ENCRYPTION_KEYS=secrets.token_urlsafe(32)[:43] + "=",
        PSYCLE_LOOKUP_KEY=secrets.token_urlsafe(32),
        TRUST_X_FORWARDED_PROTO="true",
        PSYCLE_ACCESS_LOG=str(FOLDER / "access.log"),
    )
    return env


def prepare(env: dict) -> None:
    """The site `make run` serves, once: later runs reuse it."""
    FOLDER.mkdir(parents=True, exist_ok=True)
    if not (FOLDER / "psycle.sqlite3").exists():
        print("Preparing the site in var/bench/throughput/ (once)...", file=sys.stderr)
        dev = dict(os.environ, PSYCLE_VAR_DIR=str(FOLDER))
        dev.pop("DATABASE_URL", None)
        subprocess.run([PYTHON, "manage.py", "prepare"], cwd=ROOT, env=dev, check=True,
                       stdout=subprocess.DEVNULL)  # fmt: skip
    # The release steps of docs/deployment.md (migrate also makes the cache table).
    for step in (["migrate", "--no-input", "-v0"], ["collectstatic", "--no-input", "-v0"]):
        subprocess.run([PYTHON, "manage.py", *step], cwd=ROOT, env=env, check=True)


def start_server(port: int, workers: int, env: dict) -> subprocess.Popen:
    with open(FOLDER / "gunicorn.log", "w") as log:
        server = subprocess.Popen(
            [PYTHON, "-m", "gunicorn", "-c", "deploy/gunicorn.conf.py", "--workers", str(workers),
             "--bind", f"127.0.0.1:{port}"],
            cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=log,
        )  # fmt: skip
    for _ in range(300):
        try:
            fetch(port, "/healthz")
            return server
        except OSError:
            time.sleep(0.1)
    server.kill()
    sys.exit(f"gunicorn did not start: see {FOLDER / 'gunicorn.log'}")


def stop_server(server: subprocess.Popen) -> None:
    server.send_signal(signal.SIGTERM)
    server.wait(timeout=60)


def fetch(port: int, path: str) -> bytes:
    request = urllib.request.Request(
        f"http://127.0.0.1:{port}{path}", headers={"X-Forwarded-Proto": "https"}
    )
    with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310 (http only)
        return response.read()


def profile_address(env: dict) -> str:
    script = (
        "from directory.models import Organization; "
        "print(Organization.objects.order_by('slug').first().slug)"
    )
    slug = subprocess.run(
        [PYTHON, "manage.py", "shell", "-c", script],
        cwd=ROOT, env=env, check=True, capture_output=True, text=True,
    ).stdout.split()[-1]  # fmt: skip
    return f"/providers/{slug}/"


def zip_list(count: int) -> list[str]:
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "psycle.settings")
    from directory.geocode import zip_codes_with_coordinates

    rng = random.Random(7)
    return [row[0] for row in rng.sample(zip_codes_with_coordinates(), count)]


def lua_rotating(path_template: str, zips: list[str], folder: str) -> str:
    """A wrk script that asks for the next ZIP on each request."""
    paths = ",".join(f'"{path_template.format(zip=code)}"' for code in zips)
    script = Path(folder) / f"rotate-{abs(hash(path_template))}.lua"
    script.write_text(
        f"local paths = {{{paths}}}\nlocal i = 0\n"
        "request = function()\n  i = i % #paths + 1\n"
        '  return wrk.format("GET", paths[i])\nend\n'
    )
    return str(script)


def settle(port: int) -> None:
    """Wait until the server has finished the previous run's queued requests (the floor answers
    at once again), so one page's backlog is never timed as the next page's."""
    for _ in range(100):
        started = time.perf_counter()
        fetch(port, "/healthz")
        if time.perf_counter() - started < 0.02:
            return
        time.sleep(0.2)


def run_wrk(port: int, path: str, connections: int, seconds: int, script: str | None) -> dict:
    settle(port)
    command = ["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "--latency", "--timeout", "5s",
               "-H", "X-Forwarded-Proto: https"]  # fmt: skip
    if script:
        command += ["-s", script]
    command.append(f"http://127.0.0.1:{port}{path}")
    output = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    return parse_wrk(output)


UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60000.0}


def _milliseconds(text: str) -> float:
    number, unit = re.fullmatch(r"([\d.]+)(us|ms|s|m)", text).groups()
    return float(number) * UNITS[unit]


def parse_wrk(output: str) -> dict:
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))
    p50 = _milliseconds(re.search(r"\s50%\s+(\S+)", output).group(1))
    p99 = _milliseconds(re.search(r"\s99%\s+(\S+)", output).group(1))
    socket = re.search(r"connect (\d+), read (\d+), write (\d+), timeout (\d+)", output)
    non2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    errors = (sum(int(n) for n in socket.groups()[:3]) if socket else 0) + (
        int(non2xx.group(1)) if non2xx else 0
    )
    timeouts = int(socket.group(4)) if socket else 0
    return {"rate": rate, "p50": p50, "p99": p99, "errors": errors, "timeouts": timeouts}


def first_requests(port: int, addresses: list[tuple[str, str]]) -> list[tuple[str, float]]:
    """Each page type's first request in a server that has just started (slowest of three, so
    that each of the two workers has served it once)."""
    timings = []
    for label, path in addresses:
        slowest = 0.0
        for _ in range(3):
            started = time.perf_counter()
            fetch(port, path)
            slowest = max(slowest, (time.perf_counter() - started) * 1000)
        timings.append((label, slowest))
    return timings


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--seconds", type=int, default=10, help="each page's run (10)")
    parser.add_argument("--long-connections", type=int, default=50)
    parser.add_argument("--long-seconds", type=int, default=60, help="0 skips the long runs")
    parser.add_argument("--port", type=int, default=8765)
    args = parser.parse_args()
    if not shutil.which("wrk"):
        print("Installing wrk from Debian's packages...", file=sys.stderr)
        subprocess.run(["apt-get", "install", "-y", "-qq", "wrk"], check=True,
                       stdout=subprocess.DEVNULL)  # fmt: skip

    env = environment(args.port)
    prepare(env)
    profile = profile_address(env)
    zips = zip_list(200)
    addresses = [(label, path.format(profile=profile, zip=zips[0])) for label, path in PAGES]
    with tempfile.TemporaryDirectory() as folder:
        server = start_server(args.port, args.workers, env)
        try:
            cold = first_requests(args.port, addresses[1:])
            results = []
            for label, path in PAGES:
                script = lua_rotating(path, zips, folder) if "{zip}" in path else None
                address = path.format(profile=profile, zip=zips[0])
                short = run_wrk(args.port, address, args.connections, args.seconds, script)
                long = (
                    run_wrk(args.port, address, args.long_connections, args.long_seconds, script)
                    if args.long_seconds
                    else None
                )
                results.append((label, short, long))
        finally:
            stop_server(server)
    report(args, results, cold)


def report(args, results, cold) -> None:
    floor = results[0][1]["rate"]
    load = os.getloadavg()
    print(
        f"\ngunicorn, {args.workers} sync workers, PSYCLE_ENV=production, SQLite; wrk "
        f"{args.connections} connections x {args.seconds} s per page; load average before "
        f"the report {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}"
    )
    print("| page | req/s | share of floor | goal | p50 ms | p99 ms | errors |")
    print("|---|---|---|---|---|---|---|")
    for label, short, _long in results:
        goal = GOALS.get(label, CONTENT_GOAL) if not label.startswith("floor") else None
        share = short["rate"] / floor
        verdict = "" if goal is None else f">= {goal:.0%} " + ("met" if share >= goal else "MISSED")
        print(
            f"| {label} | {short['rate']:.0f} | {share:.0%} | {verdict} | {short['p50']:.1f} | "
            f"{short['p99']:.1f} | {short['errors'] + short['timeouts']} |"
        )
    if args.long_seconds:
        print(
            f"\n{args.long_connections} connections for {args.long_seconds} s "
            "(goal: no errors or time-outs, p99 <= 1 s)"
        )
        print("| page | req/s | p50 ms | p99 ms | errors | time-outs |")
        print("|---|---|---|---|---|---|")
        for label, _short, long in results:
            print(
                f"| {label} | {long['rate']:.0f} | {long['p50']:.1f} | {long['p99']:.1f} | "
                f"{long['errors']} | {long['timeouts']} |"
            )
    print("\nFirst requests in a newly started server (slowest of three; goal <= 100 ms)")
    print("| page | ms |")
    print("|---|---|")
    for label, milliseconds in cold:
        print(f"| {label} | {milliseconds:.0f} |")


if __name__ == "__main__":
    main()
