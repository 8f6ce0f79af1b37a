"""flask-deploy's container image, built from the generated Dockerfile and run.

The image is built by a container engine of the suite's own (tests/e2e/container.py)
on a stand-in for the official Python base image, and run as the Kubernetes
manifests ask: as a user without rights, on a read-only root filesystem with
only /tmp writable. PostgreSQL and nginx run on the host; the container uses
the host's network, so every request stays on loopback.
"""

from __future__ import annotations

import http.client
import json
import os
import re
import shutil
import signal
import socket
import tarfile
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.e2e.container import Docker, running_dockerd, tag_stand_in_base
from tests.e2e.stack import (
    Postgres,
    https_connection,
    new_api_token,
    new_database,
    shared_workspace,
    start_nginx,
    wait_for,
)
from tests.support import Bake, free_port

pytestmark = [pytest.mark.e2e, pytest.mark.xdist_group("flask-container")]

TEMPLATE = "flask-deploy"
DOMAIN = "shipyard.example.com"
IMAGE = "example-service:test"
UID = "10001"


@dataclass
class Built:
    project: Path
    docker: Docker
    image: str
    base: str  # the stand-in, under the name the Dockerfile asks for
    database_url: str
    postgres: Postgres

    def run_options(self, port: int) -> list[str]:
        """How the Kubernetes manifests run the image, on the host's network."""
        # fmt: off
        return [
            "--network", "host", "--read-only", "--tmpfs", "/tmp",
            "--cap-drop", "ALL", "--security-opt", "no-new-privileges",
            "--env", "SECRET_KEY=only-for-this-test-run",
            "--env", f"DATABASE_URL={self.database_url}",
            "--env", f"GUNICORN_BIND=127.0.0.1:{port}",
            "--env", "WEB_CONCURRENCY=2",
        ]
        # fmt: on


@pytest.fixture(scope="module")
def built(bake_once: Bake, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Built]:
    """The image of a default project, and PostgreSQL for it to use."""
    for program in ["dockerd", "docker", "mmdebstrap", "zstd"]:
        if shutil.which(program) is None:
            pytest.skip(f"{program} is not installed (.ci/install-system-programs installs it)")
    project = bake_once(TEMPLATE, domain=DOMAIN)
    work = tmp_path_factory.mktemp("container")
    workspace = shared_workspace("shipyard-container-")
    postgres = new_database(workspace, work)
    try:
        database_url = postgres.start_with_app_database()
        with running_dockerd(work / "dockerd") as docker:
            base = tag_stand_in_base(docker, project, work)
            docker("build", "--network", "host", "--quiet", "--tag", IMAGE, project)
            yield Built(project, docker, IMAGE, base, database_url, postgres)
    finally:
        postgres.stop()
        shutil.rmtree(workspace, ignore_errors=True)


def migration_command(built: Built) -> list[str]:
    """The command of deploy/k8s/migrate/job.yaml: `flask --app ... db upgrade`."""
    job = (built.project / "deploy" / "k8s" / "migrate" / "job.yaml").read_text(encoding="utf-8")
    (command,) = re.findall(r"command: (\[.*\])", job)
    arguments: list[str] = json.loads(command)
    return arguments


def migrate(built: Built, port: int) -> str:
    """The migration, run from the image as the Job runs it."""
    return built.docker("run", "--rm", *built.run_options(port), built.image,
                        *migration_command(built))  # fmt: skip


@pytest.fixture(scope="module")
def token(built: Built, serving: tuple[str, int]) -> str:
    """An account's API token, made from the image by `flask users`, as an
    operator would with `kubectl exec`."""
    flask = migration_command(built)[:-2]  # the same `flask --app ...`, another command
    _, port = serving

    def run_in_image(*arguments: str) -> str:
        options = built.run_options(port)
        return built.docker("run", "--rm", *options, built.image, *flask, *arguments)

    return new_api_token(run_in_image)


@pytest.fixture(scope="module")
def serving(built: Built, tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, int]]:
    """The migrated database, the image serving it, and its Gunicorn port."""
    port = free_port()
    migrate(built, port)
    name = "serving"
    # The HEALTHCHECK of the image, checked every second instead of every 30.
    # fmt: off
    built.docker(
        "run", "--detach", "--name", name, *built.run_options(port),
        "--health-interval", "1s", "--health-start-period", "5s", built.image,
    )
    # fmt: on
    try:
        wait_for(lambda: answers(port, "/healthz") == 200, "the container's Gunicorn", seconds=60)
        yield name, port
    finally:
        built.docker("rm", "--force", name, check=False)


def answers(port: int, path: str) -> int | None:
    try:
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
        connection.request("GET", path)
        return connection.getresponse().status
    except OSError:
        return None


def health(built: Built, container: str) -> str:
    return built.docker("inspect", "--format", "{{.State.Health.Status}}", container).strip()


def test_the_image_runs_as_a_user_without_rights(built: Built) -> None:
    assert built.docker("inspect", "--format", "{{.Config.User}}", built.image).strip() == UID
    assert built.docker("run", "--rm", "--read-only", built.image, "id", "-u").strip() == UID


def test_the_image_holds_the_application_and_nothing_else(built: Built, tmp_path: Path) -> None:
    """No secrets, no build tools, no tests, no .git: what the image adds to
    its base is the virtual environment, one configuration file and a user."""
    names = files_of(built.docker, built.image, tmp_path / "image.tar")
    added = sorted(names - files_of(built.docker, built.base, tmp_path / "base.tar"))
    application = [name for name in added if name.startswith(("opt/venv/", "etc/example-service/"))]
    # useradd's work: the account files it rewrote keep their names, backups are new.
    accounts = {"etc/passwd-", "etc/group-", "etc/shadow-", "etc/gshadow-", "var/log/faillog"}
    assert set(added) - set(application) - {"opt/venv", "etc/example-service"} <= accounts, added
    assert "etc/example-service/gunicorn.conf.py" in application
    assert any("/site-packages/example_service/" in name for name in application)
    assert not any(".git" in name.split("/") for name in added)
    # The project's own files, anywhere but inside the installed dependencies.
    own = [name for name in added if "/site-packages/" not in name]
    for forbidden in ["tests", ".env", "Dockerfile", "noxfile.py", "src", "pyproject.toml"]:
        assert not any(forbidden in name.split("/") for name in own), forbidden
    compilers = [name for name in names if re.search(r"bin/(gcc|cc|c\+\+|make)(-[\d.]+)?$", name)]
    assert compilers == [], "build tools"
    environment = built.docker("inspect", "--format", "{{json .Config.Env}}", built.image)
    assert not re.search(r"SECRET|PASSWORD|DATABASE_URL|TOKEN", environment), environment


def files_of(docker: Docker, image: str, archive: Path) -> set[str]:
    """Every path in an image's filesystem, as `docker export` writes it."""
    container = docker("create", "--entrypoint", "true", image).strip()
    try:
        docker("export", "--output", archive, container)
    finally:
        docker("rm", container)
    with tarfile.open(archive) as tar:
        return {name.rstrip("/") for name in tar.getnames()}


def test_the_migration_runs_from_the_image_as_the_job_does(built: Built) -> None:
    migrate(built, free_port())
    tables = built.postgres.sql(
        "SELECT tablename FROM pg_tables WHERE schemaname = 'public'", "app"
    )
    assert "alembic_version" in tables
    assert "notes" in tables


def test_the_image_answers_through_the_generated_nginx(
    built: Built, serving: tuple[str, int], token: str, tmp_path: Path
) -> None:
    _, port = serving
    nginx, _, https_port, certificate = start_nginx(
        built.project, DOMAIN, tmp_path / "nginx", f"127.0.0.1:{port}", tmp_path
    )
    try:
        connection = https_connection(https_port, certificate)
        connection.request("GET", "/readyz", headers={"Host": DOMAIN})
        ready = connection.getresponse()
        assert ready.status == 200, ready.read()
        ready.read()
        body = json.dumps({"title": "From the container"})
        headers = {"Host": DOMAIN, "Content-Type": "application/json",
                   "Authorization": f"Bearer {token}"}  # fmt: skip
        connection.request("POST", "/api/notes", body, headers)
        response = connection.getresponse()
        assert response.status == 201, response.read()
        response.read()
        connection.request("GET", "/api/notes", headers={"Host": DOMAIN})
        notes = json.loads(connection.getresponse().read())["notes"]
        assert "From the container" in [note["title"] for note in notes]
    finally:
        nginx.stop()


def test_the_healthcheck_turns_healthy_then_unhealthy_when_the_app_stops(
    built: Built, serving: tuple[str, int]
) -> None:
    name, _ = serving
    wait_for(lambda: health(built, name) == "healthy", "a healthy container", seconds=30)
    # Freeze Gunicorn, master and workers, from the host: the container and
    # its health check go on, the application no longer answers.
    # Gunicorn's only: a health check's own short-lived process may be gone by
    # the time it would be resumed.
    table = built.docker("top", name, "-eo", "pid,args").splitlines()[1:]
    processes = [int(line.split()[0]) for line in table if "gunicorn" in line]
    assert len(processes) == 3, table  # the master and WEB_CONCURRENCY=2 workers
    for pid in processes:
        os.kill(pid, signal.SIGSTOP)
    try:
        wait_for(lambda: health(built, name) == "unhealthy", "an unhealthy container", seconds=60)
    finally:
        for pid in processes:
            os.kill(pid, signal.SIGCONT)


def test_docker_stop_lets_an_in_flight_request_finish(built: Built, token: str) -> None:
    """SIGTERM reaches Gunicorn as PID 1, which finishes the request it is
    reading before it exits; the note it stores is in the database."""
    port = free_port()
    migrate(built, port)
    name = "draining"
    built.docker("run", "--detach", "--name", name, *built.run_options(port), built.image)
    try:
        wait_for(lambda: answers(port, "/healthz") == 200, "the container's Gunicorn", seconds=60)
        body = json.dumps({"title": "Sent across a stop"}).encode()
        with socket.create_connection(("127.0.0.1", port), timeout=30) as client:
            head = (
                f"POST /api/notes HTTP/1.1\r\nHost: {DOMAIN}\r\n"
                f"Content-Type: application/json\r\nAuthorization: Bearer {token}\r\n"
                f"Content-Length: {len(body)}\r\n\r\n"
            )
            client.sendall(head.encode() + body[:5])  # the request is in flight
            time.sleep(0.5)
            stopping = threading.Thread(target=built.docker, args=("stop", "--time", "30", name))
            stopping.start()
            time.sleep(2)  # Gunicorn has the SIGTERM and waits for this request
            client.sendall(body[5:])
            reply = client.makefile("rb").readline()
            stopping.join(timeout=60)
        assert reply.startswith(b"HTTP/1.1 201"), reply
        state = built.docker("inspect", "--format", "{{.State.ExitCode}}", name).strip()
        assert state == "0", built.docker("logs", name)
        titles = built.postgres.sql("SELECT title FROM notes", "app")
        assert "Sent across a stop" in titles
    finally:
        built.docker("rm", "--force", name, check=False)


def test_a_broken_requirement_fails_the_build_with_the_builds_own_message(
    built: Built, tmp_path: Path
) -> None:
    project = Path(shutil.copytree(built.project, tmp_path / "broken"))
    pyproject = project / "pyproject.toml"
    text = pyproject.read_text(encoding="utf-8")
    pyproject.write_text(
        text.replace(
            "dependencies = [", 'dependencies = [\n    "no-such-package-shipyard==0.0.1",', 1
        ),
        encoding="utf-8",
    )
    result = built.docker.result("build", "--network", "host", "--tag", "broken:test", project)
    assert result.returncode != 0
    output = result.stdout + result.stderr
    # The lock does not hold it: `pip check` names what is missing.
    assert "requires no-such-package-shipyard, which is not installed" in output, output
