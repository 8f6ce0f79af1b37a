"""Gunicorn's settings for {{ cookiecutter.project_name }}.

    gunicorn -c gunicorn.conf.py {{ cookiecutter.package_name }}.wsgi:app

Every value can be changed from the environment without editing this file.
Reference: https://gunicorn.org/reference/settings/
"""

import multiprocessing
import os

# Where Gunicorn listens. A unix socket by default: nginx on the same machine
# reaches it without a TCP port anyone else could. In a container, listen on
# TCP instead: GUNICORN_BIND=0.0.0.0:8000.
bind = [os.environ.get("GUNICORN_BIND", "unix:/run/{{ cookiecutter.service_name }}/gunicorn.sock")]

# Worker processes. WEB_CONCURRENCY is the convention platforms set; without it,
# (2 x cores) + 1, capped at 8 so a large machine does not get dozens of
# processes each holding its own database connections.
default_workers = min(2 * multiprocessing.cpu_count() + 1, 8)
workers = int(os.environ.get("WEB_CONCURRENCY", default_workers))
# Threads within each worker: a request waiting on the database does not hold up
# the others, and nginx's keep-alive connections to Gunicorn are kept open.
worker_class = "gthread"
threads = int(os.environ.get("GUNICORN_THREADS", 4))

# A request that takes longer than `timeout` seconds gets its worker restarted.
# nginx waits longer (proxy_read_timeout 35s in deploy/nginx), so that Gunicorn
# decides and logs it, not nginx.
timeout = 30
# After SIGTERM or a reload, workers get this long to finish their requests.
graceful_timeout = 30
# How long an idle keep-alive connection from nginx stays open: shorter than
# nginx's keepalive_timeout for the upstream (60s), so Gunicorn never closes
# one nginx is about to reuse.
keepalive = 5

# Restart each worker after about this many requests, spread out by the jitter
# so they do not all restart at once: a slow memory leak never grows far.
max_requests = 1000
max_requests_jitter = 100

# Workers report that they are alive through a file; in memory, not on a disk
# that may stall (or be read-only, as in the Kubernetes deployment).
worker_tmp_dir = "/dev/shm" if os.path.isdir("/dev/shm") else None

# Logs to standard output and error, collected by systemd, Docker or Kubernetes.
accesslog = "-"
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")
access_log_format = (
    '{"time": "%(t)s", "method": "%(m)s", "path": "%(U)s", "status": %(s)s, '
    '"bytes": "%(B)s", "duration_us": %(D)s, "forwarded_for": "%({x-forwarded-for}i)s"}'
)

# Only nginx talks to Gunicorn: trust its X-Forwarded-* headers from this
# machine only. (The application's ProxyFix then takes exactly one hop.)
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1,::1")

# No control socket: it is for interactive use, and two instances on one
# machine would fight over its default path.
control_socket_disable = True

# Load the application in each worker, not in the master: a `kill -HUP` then
# starts workers with the new code, with no dropped request.
preload_app = False
