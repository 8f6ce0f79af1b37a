"""Logs as JSON lines on standard output: the process manager (systemd, Docker,
Kubernetes) collects them, and a log system can search them by field."""

from __future__ import annotations

import json
import logging
import sys
import time

from flask import Flask, Response, g, request


class JSONFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        entry = {
            "time": self.formatTime(record, "%Y-%m-%dT%H:%M:%S%z"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
            **getattr(record, "fields", {}),
        }
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        return json.dumps(entry)


def configure_logging(app: Flask) -> None:
    handler = logging.StreamHandler(sys.stdout)
    handler.setFormatter(JSONFormatter())
    app.logger.handlers[:] = [handler]
    app.logger.setLevel(logging.INFO)
    app.logger.propagate = False


def log_requests(app: Flask) -> None:
    """One line per request, with the client address as ProxyFix resolved it."""

    @app.before_request
    def start_timer() -> None:
        g.started = time.perf_counter()

    @app.after_request
    def log_request(response: Response) -> Response:
        duration = time.perf_counter() - g.get("started", time.perf_counter())
        fields = {
            "method": request.method,
            "path": request.path,
            "status": response.status_code,
            "client": request.remote_addr,
            "duration_ms": round(duration * 1000, 1),
        }
        app.logger.info("request", extra={"fields": fields})
        return response
