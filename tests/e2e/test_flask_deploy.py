"""flask-deploy, end to end, on the real stack: PostgreSQL, then the generated
project's migrations, Gunicorn with its gunicorn.conf.py, and nginx with its
site configuration (only ports, the socket and file paths substituted), all on
loopback. Every request below goes through nginx unless it says otherwise.
"""

from __future__ import annotations

import gzip
import json
import os
import re
import shutil
import signal
import socket
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.e2e.load import Load
from tests.e2e.stack import (
    WRITER,
    WRITER_PASSWORD,
    Answer,
    Stack,
    postgres_bin,
    running_stack,
    unix_get,
)
from tests.support import Bake, chromium, make_venv, run, run_workflow_job, runner_path

pytestmark = [pytest.mark.e2e, pytest.mark.xdist_group("flask-deploy")]

TEMPLATE = "flask-deploy"
DOMAIN = "shipyard.example.com"
SECURITY_HEADERS = {
    "strict-transport-security": "max-age=63072000",
    "x-content-type-options": "nosniff",
    "x-frame-options": "DENY",
    "referrer-policy": "strict-origin-when-cross-origin",
    "content-security-policy": "default-src 'self'; frame-ancestors 'none'",
}


@pytest.fixture(scope="module")
def stack(bake_once: Bake, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Stack]:
    if postgres_bin() is None or shutil.which("nginx") is None:
        pytest.skip("needs PostgreSQL and nginx (Debian packages; .ci/run installs them)")
    project = bake_once(TEMPLATE, domain=DOMAIN)
    python = make_venv(tmp_path_factory.mktemp("venv") / ".venv")
    with running_stack(project, DOMAIN, python, tmp_path_factory.mktemp("stack-logs")) as running:
        yield running


def test_the_home_page_renders(stack: Stack) -> None:
    answer = stack.request("GET", "/")
    assert answer.status == 200
    assert b"<title>Notes" in answer.body
    assert b'href="/static/style.css?v=0.1.0"' in answer.body


def test_http_redirects_to_https(stack: Stack) -> None:
    with socket.create_connection(("127.0.0.1", stack.http_port), timeout=10) as connection:
        connection.sendall(
            f"GET /api/notes HTTP/1.1\r\nHost: {DOMAIN}\r\nConnection: close\r\n\r\n".encode()
        )
        answer = connection.recv(65536).decode()
    assert answer.startswith("HTTP/1.1 301")
    assert f"Location: https://{DOMAIN}/api/notes" in answer


def test_static_files_come_from_nginx_cached_and_gzipped(stack: Stack) -> None:
    answer = stack.request("GET", "/static/style.css", headers={"Accept-Encoding": "gzip"})
    assert answer.status == 200
    assert answer.headers["content-type"] == "text/css"
    assert answer.headers["content-encoding"] == "gzip"
    assert answer.headers["cache-control"] == "max-age=2592000"
    assert "expires" in answer.headers
    css = (stack.project / "src" / stack.package / "static" / "style.css").read_bytes()
    assert gzip.decompress(answer.body) == css
    paths = [entry.get("path") for entry in stack.app_log()]
    assert "/static/style.css" not in paths, "the application served a static file"


def test_the_api_round_trip_persists_in_postgresql_across_a_restart(stack: Stack) -> None:
    sent = {"title": "Through nginx", "body": "Hello"}
    created = stack.request("POST", "/api/notes", sent, stack.authorization)
    assert created.status == 201
    note = created.json()
    assert isinstance(note, dict)
    location = f"/api/notes/{note['id']}"
    changed = stack.request("PATCH", location, {"body": "Changed"}, stack.authorization)
    assert changed.status == 200
    rows = stack.postgres.sql(f"SELECT title, body FROM notes WHERE id = {note['id']}", "app")
    assert rows == "Through nginx|Changed"

    stack.gunicorn.stop()
    stack.gunicorn.start()
    kept = stack.request("GET", location)
    assert kept.status == 200
    assert kept.json() == {**note, "body": "Changed"}
    assert stack.request("DELETE", location, headers=stack.authorization).status == 204
    assert stack.request("GET", location).status == 404
    assert stack.postgres.sql(f"SELECT count(*) FROM notes WHERE id = {note['id']}", "app") == "0"


def test_a_write_without_a_valid_token_gets_401_and_stores_nothing(stack: Stack) -> None:
    count = "SELECT count(*) FROM notes"
    before = stack.postgres.sql(count, "app")
    for headers in ({}, {"Authorization": "Bearer made-up"}):
        answer = stack.request("POST", "/api/notes", {"title": "Anonymous"}, headers)
        assert answer.status == 401
        assert answer.headers["www-authenticate"] == 'Bearer realm="api"'
    assert stack.postgres.sql(count, "app") == before


def test_signing_in_over_https_gives_a_host_only_secure_cookie(stack: Stack) -> None:
    """A browser's visit through nginx: the sign-in form and its CSRF token, the
    session cookie as production sets it, then a note written through the page."""
    jar: dict[str, str] = {}

    def visit(method: str, path: str, form: dict[str, str] | None = None) -> Answer:
        cookie = {"Cookie": "; ".join(f"{k}={v}" for k, v in jar.items())} if jar else {}
        answer = stack.request(method, path, form=form, headers=cookie)
        if "set-cookie" in answer.headers:  # one cookie at most: the session
            name, value = answer.headers["set-cookie"].split(";")[0].split("=", 1)
            jar[name] = value
        return answer

    def csrf_token(page: Answer) -> str:
        tokens: set[str] = set(re.findall(r'name="csrf_token" value="([^"]+)"', page.body.decode()))
        (token,) = tokens
        return token

    form = {"name": WRITER, "password": WRITER_PASSWORD}
    signed_in = visit("POST", "/signin", form | {"csrf_token": csrf_token(visit("GET", "/signin"))})
    assert signed_in.status == 303
    attributes = [part.strip().lower() for part in signed_in.headers["set-cookie"].split(";")]
    assert attributes[0].startswith("__host-session=")
    assert {"secure", "httponly", "samesite=lax", "path=/"} <= set(attributes)
    home = visit("GET", "/")
    assert WRITER.encode() in home.body
    note = {"title": "Through the form", "csrf_token": csrf_token(home)}
    assert visit("POST", "/notes", note).status == 303
    assert "Through the form" in stack.postgres.sql("SELECT title FROM notes", "app")


@pytest.mark.parametrize("path", ["/", "/api/notes", "/static/style.css", "/no/such/page"])
def test_security_headers_on_every_answer(stack: Stack, path: str) -> None:
    answer = stack.request("GET", path)
    for name, value in SECURITY_HEADERS.items():
        assert answer.headers.get(name) == value, (path, name)
    assert answer.headers["server"] == "nginx", "the Server header must not carry a version"


def test_the_custom_404_page(stack: Stack) -> None:
    answer = stack.request("GET", "/no/such/page")
    assert answer.status == 404
    assert b"There is no page at this address" in answer.body


def test_an_oversized_body_gets_413_from_nginx(stack: Stack) -> None:
    answer = stack.request("POST", "/api/notes", {"title": "x", "body": "y" * (1024 * 1024)})
    assert answer.status == 413
    assert answer.headers["server"] == "nginx"


def test_a_burst_beyond_the_api_rate_limit_gets_429(stack: Stack) -> None:
    statuses = [stack.request("GET", "/api/notes").status for _ in range(40)]
    assert 429 in statuses
    assert statuses[0] == 200
    time.sleep(3)  # let the bucket refill for the other tests


def test_a_client_cannot_spoof_its_address(stack: Stack) -> None:
    marker = "/api/notes/987654321"
    stack.request("GET", marker, headers={"X-Forwarded-For": "203.0.113.66"})
    time.sleep(0.5)
    # The application's own line (Gunicorn's access log shows the raw header).
    logged = [
        entry
        for entry in stack.app_log()
        if entry.get("path") == marker and entry.get("message") == "request"
    ]
    assert len(logged) == 1, "the request was not logged once"
    assert logged[0]["client"] == "127.0.0.1"


def test_readyz_follows_the_database_without_a_restart(stack: Stack) -> None:
    assert stack.request("GET", "/readyz").status == 200
    worker_pids = stack.gunicorn.workers()
    stack.postgres.stop()
    try:
        down = stack.request("GET", "/readyz")
        assert down.status == 503
        assert down.json() == {"status": "unavailable", "database": "unreachable"}
        assert stack.request("GET", "/healthz").status == 200
    finally:
        stack.postgres.start()
    assert stack.request("GET", "/readyz").status == 200
    assert stack.gunicorn.workers() == worker_pids, "the application was restarted"


def test_sustained_load_survives_reloads_a_killed_worker_and_a_database_restart(
    stack: Stack,
) -> None:
    """64 clients for 32 s: reads, health checks and API writes, while Gunicorn
    is reloaded three times, loses a worker to SIGKILL, and PostgreSQL restarts.

    Outside the outage, every request succeeds. During it, what needs the
    database answers 503 at once, never 502 or a hang, and /healthz stays 200.
    Every write answered 201 is stored, and none is stored twice."""
    load = Load(stack, connections=64, seconds=32)
    moments = []  # when each disturbance began, for the report
    with load.running():
        time.sleep(3)
        moments.append(time.monotonic())
        stack.gunicorn.signal(signal.SIGHUP)
        time.sleep(4)
        moments.append(time.monotonic())
        os.kill(stack.gunicorn.workers()[0], signal.SIGKILL)
        time.sleep(4)
        moments.append(time.monotonic())
        stack.gunicorn.signal(signal.SIGHUP)
        time.sleep(4)
        outage_start = time.monotonic()
        stack.postgres.stop()
        time.sleep(2)
        stack.postgres.start()  # returns once PostgreSQL accepts connections
        outage_end = time.monotonic()
        time.sleep(4)
        moments.append(time.monotonic())
        stack.gunicorn.signal(signal.SIGHUP)
    # Reported, not asserted: a disturbance counts for the 3 s after it began.
    spans = [(moment, moment + 3) for moment in moments] + [(outage_start, outage_end + 3)]
    (stack.logs / "load.txt").write_text(load.summary(spans) + "\n")
    print(load.summary(spans))

    during = [o for o in load.outcomes if o.overlaps(outage_start, outage_end)]
    outside = [o for o in load.outcomes if not o.overlaps(outage_start, outage_end)]
    assert {o.kind for o in outside} == {"page", "read", "health", "write"}
    failed = [o for o in outside if o.status not in {200, 201}]
    timeline = {"disturbances": moments, "outage": (outage_start, outage_end)}
    assert failed == [], (failed[:10], timeline)
    assert [o for o in during if o.status not in {200, 201, 503}] == [], timeline
    unavailable = [o for o in during if o.status == 503]
    assert unavailable, "no request met the database outage"
    assert {o.kind for o in unavailable} <= {"page", "read", "write"}
    assert max(o.seconds for o in unavailable) < 2, "a 503 was slow to come"

    stored = stack.postgres.sql(
        "SELECT title, count(*) FROM notes WHERE title LIKE 'load-%' GROUP BY title", "app"
    )
    counts = dict(line.split("|") for line in stored.splitlines())
    assert [title for title, count in counts.items() if count != "1"] == []
    answered = {o.title for o in load.outcomes if o.status == 201}
    assert answered - set(counts) == set(), "a write answered 201 is not in the database"


def test_stopping_gunicorn_drains_a_request_in_flight(stack: Stack) -> None:
    """Straight to Gunicorn: a request whose body is still arriving when the
    master gets TERM is finished, answered, and only then does Gunicorn exit."""
    body = json.dumps({"title": "Drained"}).encode()
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as connection:
        connection.settimeout(20)
        connection.connect(str(stack.gunicorn.socket))
        head = (f"POST /api/notes HTTP/1.1\r\nHost: {DOMAIN}\r\nContent-Type: application/json\r\n"
                f"Authorization: Bearer {stack.token}\r\n"
                f"Content-Length: {len(body)}\r\nConnection: close\r\n\r\n")  # fmt: skip
        connection.sendall(head.encode() + body[:5])
        time.sleep(0.5)
        stack.gunicorn.signal(signal.SIGTERM)
        time.sleep(1)
        connection.sendall(body[5:])
        answer = b""
        while chunk := connection.recv(65536):
            answer += chunk
    assert answer.startswith(b"HTTP/1.1 201"), answer[:200]
    assert stack.gunicorn.process is not None
    assert stack.gunicorn.process.wait(timeout=40) == 0
    stack.gunicorn.start()
    assert unix_get(stack.gunicorn.socket, "/healthz")[0] == 200


def test_a_browser_shows_the_styled_page(stack: Stack, tmp_path: Path) -> None:
    """Debian's Chromium, headless, loads the home page through nginx; the
    screenshot shows the stylesheet at work (the header's accent colour)."""
    from PIL import Image  # the end-to-end tier's own dependency

    browser = chromium(tmp_path / "profile")
    note = {"title": "Seen in a browser", "body": "Styled by CSS"}
    assert stack.request("POST", "/api/notes", note, stack.authorization).status == 201
    screenshot = tmp_path / "home.png"
    run([*browser, "--window-size=1000,700",
         # The test's own certificate, and the domain resolved to loopback.
         "--ignore-certificate-errors", f"--host-resolver-rules=MAP {DOMAIN} 127.0.0.1",
         f"--screenshot={screenshot}", f"https://{DOMAIN}:{stack.https_port}/"],
        timeout=120)  # fmt: skip
    with Image.open(screenshot) as image:
        picture = image.convert("RGB")
    assert picture.size == (1000, 700)
    assert picture.getpixel((500, 10)) == (0x25, 0x63, 0xEB), "the header is not styled"
    assert picture.getpixel((5, 300)) == (0xF8, 0xFA, 0xFC), "the page background is not styled"
    shutil.copy(screenshot, stack.logs / "home.png")  # kept beside the servers' logs


def test_the_generated_ci_runs_the_tests_against_postgresql(
    stack: Stack, tmp_path: Path, tmp_path_factory: pytest.TempPathFactory
) -> None:
    """ci.yml's lint and tests jobs, step by step, with this run's PostgreSQL in
    place of the one GitHub's runner starts (same user, password and database;
    another port)."""
    stack.postgres.sql("CREATE USER ci PASSWORD 'ci-only-password'")
    stack.postgres.sql("CREATE DATABASE ci OWNER ci")
    project = Path(shutil.copytree(stack.project, tmp_path / stack.project.name))
    workflow = project / ".github" / "workflows" / "ci.yml"
    env = {"PATH": runner_path(make_venv(tmp_path_factory.mktemp("venv") / ".venv"))}
    values = {"matrix.python-version": f"3.{sys.version_info.minor}"}
    run_workflow_job(workflow, "lint", project, values, env=env)
    url = f"postgresql://ci:ci-only-password@127.0.0.1:{stack.postgres.port}/ci"
    result, _ = run_workflow_job(
        workflow, "tests", project, values, env=env,
        conditions={"runner.os == 'Linux'": False}, replace_env={"DATABASE_URL": url},
    )  # fmt: skip
    assert result is not None
    # pytest's closing line, without colours (coverage's report follows it).
    plain = re.sub(r"\x1b\[[0-9;]*m", "", result.stdout)
    (summary,) = re.findall(r"^=+ .* in [\d.]+s .*=+$", plain, flags=re.MULTILINE)
    assert " passed" in summary, summary
    assert "skipped" not in summary, summary
    assert "failed" not in summary, summary
    # The tests ran on PostgreSQL (Alembic left its bookkeeping table there)
    # and cleaned up after themselves: every migration was reverted.
    query = "SELECT string_agg(tablename, ',') FROM pg_tables WHERE tableowner = 'ci'"
    assert stack.postgres.sql(query, "ci") == "alembic_version"
