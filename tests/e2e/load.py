"""Sustained load for the flask-deploy tier: many keep-alive HTTPS connections
through nginx, each from its own loopback address (as many clients would be,
each with its own share of nginx's per-address rate limit), sending a mix of
page reads, API reads, health checks and authenticated writes. Every answer is
recorded, with when it was asked and how long it took."""

from __future__ import annotations

import http.client
import json
import random
import statistics
import threading
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from tests.e2e.stack import Stack, https_connection

# The share of each kind of request; the rest are page reads ("/").
WRITES = 0.2
API_READS = 0.2
HEALTH_CHECKS = 0.1


@dataclass(frozen=True)
class Outcome:
    kind: str  # "page", "read", "health" or "write"
    started: float  # time.monotonic()
    seconds: float
    status: int | None  # None: no answer at all
    error: str = ""
    title: str = ""  # for a write: the title it sent, unique to it

    def overlaps(self, start: float, end: float) -> bool:
        return self.started < end and self.started + self.seconds > start


def percentile(values: list[float], share: int) -> float:
    return statistics.quantiles(values, n=100, method="inclusive")[share - 1]


class Load:
    """`connections` clients sending requests back to back for `seconds`."""

    def __init__(self, stack: Stack, connections: int, seconds: float) -> None:
        self.stack = stack
        self.connections = connections
        self.seconds = seconds
        self.outcomes: list[Outcome] = []
        self.lock = threading.Lock()

    @contextmanager
    def running(self) -> Iterator[Load]:
        """Start every client; on leaving, wait for all of them to finish."""
        deadline = time.monotonic() + self.seconds
        clients = [threading.Thread(target=self.client, args=(number, deadline))
                   for number in range(self.connections)]  # fmt: skip
        for client in clients:
            client.start()
        try:
            yield self
        finally:
            for client in clients:
                client.join()

    def client(self, number: int, deadline: float) -> None:
        chance = random.Random(number)
        source = f"127.0.{number // 250}.{number % 250 + 2}"
        connection: http.client.HTTPSConnection | None = None
        created: list[int] = []
        while time.monotonic() < deadline:
            if connection is None:
                connection = https_connection(self.stack.https_port, self.stack.certificate, source)
            roll = chance.random()
            headers = {"Host": self.stack.domain}
            body = None
            title = ""
            if roll < WRITES:
                kind, method, path = "write", "POST", "/api/notes"
                title = f"load-{number}-{uuid.uuid4().hex}"
                body = json.dumps({"title": title}).encode()
                headers |= self.stack.authorization | {
                    "Content-Type": "application/json",
                    "Idempotency-Key": title,
                }
            elif roll < WRITES + API_READS and created:
                kind, method, path = "read", "GET", f"/api/notes/{chance.choice(created)}"
            elif roll < WRITES + API_READS + HEALTH_CHECKS:
                kind, method, path = "health", "GET", "/healthz"
            else:
                kind, method, path = "page", "GET", "/"
            started = time.monotonic()
            try:
                connection.request(method, path, body=body, headers=headers)
                response = connection.getresponse()
                answer = response.read()
            except (OSError, http.client.HTTPException) as error:
                self.record(Outcome(kind, started, time.monotonic() - started, None,
                                    repr(error), title))  # fmt: skip
                connection.close()
                connection = None
                continue
            self.record(Outcome(kind, started, time.monotonic() - started,
                                response.status, "", title))  # fmt: skip
            if response.status == 201:
                created.append(json.loads(answer)["id"])
            if response.will_close:
                connection.close()
                connection = None
        if connection is not None:
            connection.close()

    def record(self, outcome: Outcome) -> None:
        with self.lock:
            self.outcomes.append(outcome)

    def summary(self, disturbances: list[tuple[float, float]]) -> str:
        """Requests, errors and latencies: one line per kind, one in all, and
        one for the calm: requests that overlap no disturbance (each a span of
        time.monotonic(), from its start to when the system settled)."""
        lines = []
        groups = {"all": self.outcomes}
        for kind in ("page", "read", "health", "write"):
            groups[kind] = [outcome for outcome in self.outcomes if outcome.kind == kind]
        groups["calm"] = [outcome for outcome in self.outcomes
                          if not any(outcome.overlaps(*span) for span in disturbances)]  # fmt: skip
        for name, outcomes in groups.items():
            if len(outcomes) < 2:
                continue
            milliseconds = [outcome.seconds * 1000 for outcome in outcomes]
            statuses: dict[str, int] = {}
            for outcome in outcomes:
                key = str(outcome.status) if outcome.status else "no answer"
                statuses[key] = statuses.get(key, 0) + 1
            lines.append(
                f"{name}: {len(outcomes)} requests, {statuses}, "
                f"p50 {percentile(milliseconds, 50):.0f} ms, "
                f"p99 {percentile(milliseconds, 99):.0f} ms"
            )
        return "\n".join(lines)
