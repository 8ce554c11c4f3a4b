# gunicorn's settings for Psycle (docs/deployment.md): `gunicorn -c deploy/gunicorn.conf.py`.
# Every value can be overridden on the command line or with GUNICORN_CMD_ARGS.
import multiprocessing
import os

wsgi_app = "psycle.wsgi:application"
bind = os.environ.get("PSYCLE_BIND", "127.0.0.1:8000")

# Sync workers: each serves one request at a time, so a slow page never holds up another one in
# the same process, and the count is what bounds the database connections (one per worker).
# Twice the cores plus one keeps the CPUs busy while some workers wait on the database.
workers = int(os.environ.get("WEB_CONCURRENCY", multiprocessing.cpu_count() * 2 + 1))
worker_class = "sync"

# The application is loaded once, before the workers fork: the ZIP and city tables and every
# module are read once and shared, and a new worker takes its first request at full speed.
preload_app = True

# A request that takes longer than this is cut off and its worker replaced; the slowest pages
# take well under a second, so 30 s only catches a stuck one.
timeout = 30
# On a restart (SIGHUP) or a stop (SIGTERM), workers finish what they are serving first.
graceful_timeout = 30
# Behind nginx, which keeps connections to the upstream open (deploy/nginx.conf).
keepalive = 5
# Each worker is replaced after about this many requests, one at a time, so a slow leak never
# grows without bound; the jitter keeps them from all restarting at once. Each replacement
# holds up the requests waiting on that worker for about a second: at 5,000 a busy worker was
# replaced every few seconds, and one request in a hundred took over a second (bench/
# throughput.py). At 100,000 a worker at full load is replaced every few minutes.
max_requests = 100_000
max_requests_jitter = 10_000

# No access log here by default: its lines do not pass through the application's log filters,
# so requests are logged at the proxy (deploy/nginx.conf). PSYCLE_ACCESS_LOG=<file> turns it on
# (the benchmark does) with the path only, never the query string (searches hold places), the
# status, the bytes sent, the time taken in milliseconds and the request id.
accesslog = os.environ.get("PSYCLE_ACCESS_LOG") or None
access_log_format = '%(h)s "%(m)s %(U)s" %(s)s %(B)s %(M)sms %({x-request-id}o)s'
errorlog = "-"
# The client's address is logged as nginx passes it, not as 127.0.0.1.
forwarded_allow_ips = "127.0.0.1"


def post_fork(server, worker):
    """A worker starts with no database connection of its own: one inherited from the parent
    would be shared by two processes."""
    from django.db import connections

    connections.close_all()


def when_ready(server):
    """Before the first worker forks, the application serves one page of each type to itself
    (psycle.warmup), so no person's first request waits for templates to compile."""
    from psycle.warmup import warm
    from psycle.wsgi import application

    warm(application)
