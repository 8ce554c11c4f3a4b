#!/bin/sh
# Lighthouse's mobile scores (performance, accessibility, best practices, SEO) for the pages
# issue 13 names, against the site bench/throughput.py serves: gunicorn with the production
# settings on the prepared demo site in var/bench/throughput/. Optional, not part of `make bench`:
#
#     bench/lighthouse.sh                      # home, ketamine, the finder, the assessment
#     bench/lighthouse.sh /crisis/ /find/      # other paths
#
# Needs Node.js and npm (Lighthouse is installed once from the npm registry into
# var/bench/lighthouse/, about 185 MB) and Chromium at /usr/bin/chromium (or CHROME_PATH).
# Each page's full report is written to var/bench/lighthouse/<page>.json. The goal: >= 95 in
# every category. Lighthouse throttles to a slow phone by simulation, so the performance score
# moves a few points between runs on a busy machine: quote the median of a few runs.
set -eu
cd "$(dirname "$0")/.."
ROOT=$(pwd)
FOLDER=var/bench/lighthouse
PORT=${PORT:-8767}
export CHROME_PATH=${CHROME_PATH:-/usr/bin/chromium}
if [ ! -x "$FOLDER/node_modules/.bin/lighthouse" ]; then
  echo "Installing Lighthouse from npm into $FOLDER/ (once)..." >&2
  mkdir -p "$FOLDER"
  npm install --prefix "$FOLDER" --no-audit --no-fund --silent lighthouse@12 >&2
fi
[ $# -gt 0 ] || set -- / /treatments/ketamine/ "/find/?near=10001" /assessment/

# The production server, stopped when this script ends.
.venv/bin/python - "$PORT" >&2 <<'PYTHON' &
import signal, sys
sys.path.insert(0, "bench")
import throughput
port = int(sys.argv[1])
env = throughput.environment(port)
# Lighthouse fetches robots.txt without the proxy's X-Forwarded-Proto: plain HTTP is served.
env["SECURE_SSL_REDIRECT"] = "false"
throughput.prepare(env)
server = throughput.start_server(port, 2, env)
signal.signal(signal.SIGTERM, lambda *_: server.terminate())
server.wait()
PYTHON
SERVER=$!
trap 'kill $SERVER 2>/dev/null; wait $SERVER 2>/dev/null || true' EXIT INT TERM
for _ in $(seq 600); do
  curl -sf -H "X-Forwarded-Proto: https" "http://127.0.0.1:$PORT/healthz" >/dev/null && break
  sleep 0.5
done
# Each page once in each worker first: what a visitor meets on a running site, not a cold start.
for path in "$@"; do
  for _ in 1 2 3 4; do
    curl -s -o /dev/null -H "X-Forwarded-Proto: https" "http://127.0.0.1:$PORT$path"
  done
done

echo "| page | performance | accessibility | best practices | SEO |"
echo "|---|---|---|---|---|"
for path in "$@"; do
  name=$(printf '%s' "$path" | tr -c 'a-zA-Z0-9' '-' | sed 's/^-*//; s/-*$//')
  report="$FOLDER/${name:-home}.json"
  "$FOLDER/node_modules/.bin/lighthouse" "http://127.0.0.1:$PORT$path" --quiet \
    --output=json --output-path="$report" --only-categories=performance,accessibility,best-practices,seo \
    --extra-headers='{"X-Forwarded-Proto": "https"}' \
    --chrome-flags="--headless=new --no-sandbox --disable-gpu --disable-background-networking --disable-component-update --no-first-run" \
    >/dev/null 2>&1 || { echo "| $path | Lighthouse failed: see $report |"; continue; }
  .venv/bin/python -c '
import json, sys
report = json.load(open(sys.argv[1]))
scores = [report["categories"][c]["score"] for c in
          ("performance", "accessibility", "best-practices", "seo")]
scores = ["error" if s is None else round(s * 100) for s in scores]
print("| " + sys.argv[2] + " | " + " | ".join(str(s) for s in scores) + " |")
' "$report" "$path"
done
