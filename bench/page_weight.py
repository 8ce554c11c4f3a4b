#!/usr/bin/env python3
"""Page weight: every byte a phone fetches for each page type, compressed.

    .venv/bin/python bench/page_weight.py
    .venv/bin/python bench/page_weight.py --details     # also each page's files

The site is the one bench/throughput.py serves (the page library and the demo directory,
prepared once in var/bench/throughput/), under gunicorn with the production settings, so static
files come from WhiteNoise with their compressed copies. Each page is opened in a new headless
Chromium context (no cache) at a phone's 375 x 812 pixels and scrolled to the bottom, step by
step, so that what loads lazily (the finder's map) loads too; then every response body is
counted: as sent when the response was compressed (WhiteNoise's gzip files), otherwise
gzip-compressed here when it is text (HTML and JSON, as nginx's gzip would send them; level 6,
--gzip-level to change it) and as is when it is not (images, fonts). Headers are not counted.
The goal (issue 13): every page type <= 100 KB.
"""

import argparse
import gzip
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import throughput  # the same prepared site and server

GOAL_KB = 100
PAGES = [
    ("home", "/"),
    ("treatment: ketamine", "/treatments/ketamine/"),
    ("condition: depression", "/conditions/depression/"),
    ("comparison", "/compare/ketamine-vs-esketamine/"),
    ("crisis", "/crisis/"),
    ("assessment", "/assessment/"),
    ("finder", "/find/?near=10001"),
    ("provider profile", "{profile}"),
]
TEXT_TYPES = ("text/", "application/json", "application/javascript", "image/svg+xml")


def profile_with_a_map(env: dict) -> str:
    """The first profile (by slug) with a physical location, so that its map is counted."""
    script = (
        "from directory.models import Organization; print(Organization.objects"
        ".filter(locations__location_type='physical').order_by('slug').first().slug)"
    )
    slug = subprocess.run(
        [throughput.PYTHON, "manage.py", "shell", "-c", script],
        cwd=throughput.ROOT, env=env, check=True, capture_output=True, text=True,
    ).stdout.split()[-1]  # fmt: skip
    return f"/providers/{slug}/"


def new_page_cache(env: dict) -> None:
    """Pages cached by an earlier run name the static files of that run's code: start afresh."""
    script = "import core.pagecache; core.pagecache.invalidate()"
    subprocess.run(
        [throughput.PYTHON, "manage.py", "shell", "-c", script],
        cwd=throughput.ROOT, env=env, check=True, stdout=subprocess.DEVNULL,
    )  # fmt: skip


def counted_bytes(response, level: int) -> int:
    """The body's size as it crosses the network (see the module's notes)."""
    body = response.body()
    if response.headers.get("content-encoding"):
        return response.request.sizes()["responseBodySize"]
    kind = response.headers.get("content-type", "")
    return len(gzip.compress(body, level)) if kind.startswith(TEXT_TYPES) else len(body)


def weigh(browser, url: str, level: int) -> tuple[list[tuple[str, int]], int]:
    """Each file the page fetched with its size, and how many of them came before scrolling."""
    context = browser.new_context(
        viewport={"width": 375, "height": 812}, extra_http_headers={"X-Forwarded-Proto": "https"}
    )
    page = context.new_page()
    responses = []
    page.on("response", lambda response: responses.append(response))
    page.goto(url, wait_until="load")
    page.wait_for_load_state("networkidle")
    unscrolled = len(responses)
    height = 0
    while height != (height := page.evaluate("document.documentElement.scrollHeight")):
        for y in range(0, height, 400):
            page.evaluate(f"window.scrollTo(0, {y})")
            page.wait_for_timeout(50)
        page.wait_for_load_state("networkidle")
    files = [(r.url, counted_bytes(r, level) if r.status < 300 else 0) for r in responses]
    context.close()
    return files, unscrolled


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, default=8766)
    parser.add_argument("--gzip-level", type=int, default=6, help="for HTML and JSON (6)")
    parser.add_argument("--details", action="store_true", help="list each page's files")
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    env = throughput.environment(args.port)
    throughput.prepare(env)
    profile = profile_with_a_map(env)
    new_page_cache(env)
    base = f"http://127.0.0.1:{args.port}"
    server = throughput.start_server(args.port, 1, env)
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path="/usr/bin/chromium",
                args=["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                      "--disable-component-update", "--disable-sync", "--no-first-run"],
            )  # fmt: skip
            weights = [(label, weigh(browser, base + path.format(profile=profile), args.gzip_level))
                       for label, path in PAGES]  # fmt: skip
            browser.close()
    finally:
        throughput.stop_server(server)
    report(weights, base, args.details)


def report(weights, base: str, details: bool) -> None:
    print(
        "\nPage weight: headless Chromium at 375 x 812, scrolled to the bottom; gunicorn with "
        "PSYCLE_ENV=production; bodies compressed (WhiteNoise's gzip, HTML gzip-compressed here)"
    )
    print(f"| page | requests | KB unscrolled | KB scrolled to the bottom | <= {GOAL_KB} KB |")
    print("|---|---|---|---|---|")
    for label, (files, unscrolled) in weights:
        total = sum(size for _url, size in files) / 1024
        first = sum(size for _url, size in files[:unscrolled]) / 1024
        verdict = "met" if total <= GOAL_KB else "MISSED"
        print(f"| {label} | {len(files)} | {first:.1f} | {total:.1f} | {verdict} |")
    if details:
        for label, (files, _unscrolled) in weights:
            print(f"\n{label}")
            for url, size in files:
                print(f"  {size / 1024:7.1f} KB  {url.removeprefix(base)}")


if __name__ == "__main__":
    main()
