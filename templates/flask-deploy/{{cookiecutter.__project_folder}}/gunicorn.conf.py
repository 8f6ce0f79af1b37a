"""Gunicorn's settings for the application:

    gunicorn -c gunicorn.conf.py "$APP"

where APP, the WSGI callable, is
{{ cookiecutter.package_name }}.wsgi:app.

Where to listen, how many workers and threads, the log level and the trusted
proxies come from the environment; the timeouts are set here, to match nginx.
Reference: https://gunicorn.org/reference/settings/
"""

import multiprocessing
import os

# Where Gunicorn listens. A unix socket by default: nginx on the same machine
# reaches it without a TCP port anyone else could. In a container, listen on
# TCP instead: GUNICORN_BIND=0.0.0.0:8000.
SOCKET = "unix:/run/{{ cookiecutter.service_name }}/gunicorn.sock"
bind = [os.environ.get("GUNICORN_BIND", SOCKET)]

# Worker processes. WEB_CONCURRENCY is the convention platforms set; without it,
# (2 x cores) + 1, capped at 8 so a large machine does not get dozens of
# processes each holding its own database connections.
default_workers = min(2 * multiprocessing.cpu_count() + 1, 8)
workers = int(os.environ.get("WEB_CONCURRENCY", default_workers))
# Threads within each worker: a request waiting on the database does not hold up
# the others, and nginx's keep-alive connections to Gunicorn are kept open.
worker_class = "gthread"
threads = int(os.environ.get("GUNICORN_THREADS", 4))

# A worker that stops answering its master for this long (its heartbeat file
# in worker_tmp_dir goes stale) is killed and replaced. With threads this does
# not limit one slow request: the application gives PostgreSQL a statement
# timeout for that (config.py), shorter than nginx's proxy_read_timeout (35s).
timeout = 30
# After SIGTERM or a reload, workers get this long to finish their requests.
graceful_timeout = 30
# How long an idle keep-alive connection from nginx stays open: LONGER than
# nginx's keepalive_timeout for the upstream (60s). The client side must give
# up on an idle connection first; if Gunicorn closed it first, nginx could send
# a request down a connection that is closing, and a POST would fail with 502.
keepalive = 75

# Restart a worker after this many requests, give or take a tenth so that they
# do not all restart at once: the remedy for a memory leak, off by default.
# Each restart costs a worker boot, a second or so with one worker fewer. With
# 2 workers serving 600 requests/s, a limit of 1000 restarted one every couple
# of seconds and raised the 99th-percentile latency from about 50 ms to over
# 1 s. If memory grows, set a limit that restarts a worker every few minutes.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", 0))
max_requests_jitter = max_requests // 10

# Workers report that they are alive through a file; in memory, not on a disk
# that may stall (or be read-only, as in the Kubernetes deployment).
worker_tmp_dir = "/dev/shm" if os.path.isdir("/dev/shm") else None

# Gunicorn's own messages to standard error, collected by systemd, Docker or
# Kubernetes. No access log here: the application writes one JSON line per
# request (logs.py), with values escaped by json.dumps, so a client cannot
# forge a field by putting quotes in a path or a header.
accesslog = None
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")

# Which peers may set X-Forwarded-Proto for Gunicorn when it listens on TCP.
# Over the unix socket Gunicorn trusts its peer anyway: what keeps others out
# there is the socket's owner and mode (deploy/systemd). The application's
# ProxyFix then takes exactly one hop of X-Forwarded-*.
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1,::1")

# No control socket: it is for interactive use, and two instances on one
# machine would fight over its default path.
control_socket_disable = True

# Load the application in each worker, not in the master: a `kill -HUP` then
# starts workers with the new code, with no dropped request.
preload_app = False
