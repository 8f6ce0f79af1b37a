"""Real servers on loopback for the flask-deploy tier: PostgreSQL, Gunicorn, nginx.

Each runs from a workspace folder that every local user may enter (nginx's
workers and PostgreSQL run as other users than the tests when the tests run as
root), and each is stopped by the fixture that started it.
"""

from __future__ import annotations

import glob
import http.client
import json
import os
import shutil
import signal
import socket
import ssl
import subprocess
import tempfile
import time
import urllib.parse
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from tests.support import Venv, free_port, run, tool

AS_ROOT = os.geteuid() == 0 if hasattr(os, "geteuid") else False


def wait_for(
    ready: Callable[[], bool], what: str, log: Path | None = None, seconds: float = 30
) -> None:
    deadline = time.monotonic() + seconds
    while not ready():
        if time.monotonic() > deadline:
            detail = log.read_text(errors="replace")[-3000:] if log and log.exists() else ""
            raise AssertionError(f"{what} did not come up in {seconds} s\n{detail}")
        time.sleep(0.1)


def postgres_bin() -> Path | None:
    """The newest PostgreSQL server installed from Debian's packages, if any."""
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/postgres"))
    return Path(found[-1]).parent if found else None


def shared_workspace(prefix: str) -> Path:
    """A folder every local user may enter: nginx's workers and PostgreSQL may
    run as other users than the tests. The caller removes it."""
    workspace = Path(tempfile.mkdtemp(prefix=prefix))
    workspace.chmod(0o755)
    return workspace


def new_database(workspace: Path, logs: Path) -> Postgres:
    """A PostgreSQL server of its own in `workspace`, not started yet."""
    postgres_folder = postgres_bin()
    assert postgres_folder is not None, "PostgreSQL is not installed"
    return Postgres(postgres_folder, workspace / "pgdata", free_port(), logs / "postgres.log")


@dataclass
class Postgres:
    """A PostgreSQL server of its own: its data folder, port and superuser."""

    bin: Path
    data: Path
    port: int
    log: Path
    process: subprocess.Popen[bytes] | None = None

    def as_server_user(self, command: list[str | Path]) -> list[str | Path]:
        # initdb and postgres refuse to run as root: become the postgres user.
        if AS_ROOT:
            return ["setpriv", "--reuid=postgres", "--regid=postgres", "--init-groups", *command]
        return command

    def initdb(self) -> None:
        self.data.mkdir()
        if AS_ROOT:
            shutil.chown(self.data, "postgres", "postgres")
        initdb: list[str | Path] = [self.bin / "initdb", "-D", self.data, "-U", "postgres",
                                    "--auth=trust", "-E", "UTF8"]  # fmt: skip
        run(self.as_server_user(initdb))

    def start(self) -> None:
        command: list[str | Path] = [self.bin / "postgres", "-D", self.data, "-p", str(self.port),
                   "-h", "127.0.0.1", "-k", self.data, "-c", "fsync=off"]  # fmt: skip
        self.process = subprocess.Popen(
            [str(part) for part in self.as_server_user(command)],
            stdout=self.log.open("ab"),
            stderr=subprocess.STDOUT,
        )
        wait_for(self.ready, "PostgreSQL", self.log)

    def start_with_app_database(self) -> str:
        """Start with a database `app` owned by a user `app`; its URL."""
        self.initdb()
        self.start()
        self.sql("CREATE USER app PASSWORD 'app-password'")
        self.sql("CREATE DATABASE app OWNER app")
        return f"postgresql://app:app-password@127.0.0.1:{self.port}/app"

    def ready(self) -> bool:
        probe = ["pg_isready", "-q", "-h", "127.0.0.1", "-p", str(self.port)]
        return subprocess.run(probe, check=False).returncode == 0

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.send_signal(signal.SIGINT)  # "fast" shutdown
            self.process.wait(timeout=30)

    def sql(self, statement: str, database: str = "postgres") -> str:
        command = ["psql", "-h", "127.0.0.1", "-p", str(self.port), "-U", "postgres",
                   "-d", database, "-tAq", "-v", "ON_ERROR_STOP=1", "-c", statement]  # fmt: skip
        return run(command).stdout.strip()


@dataclass
class Gunicorn:
    """Gunicorn started with the project's own gunicorn.conf.py."""

    command: list[str | Path]
    cwd: Path
    env: Mapping[str, str | None]
    socket: Path
    log: Path
    process: subprocess.Popen[bytes] | None = None

    def start(self) -> None:
        self.socket.unlink(missing_ok=True)
        environment = {**os.environ, **self.env}
        self.process = subprocess.Popen(
            [str(part) for part in self.command],
            cwd=self.cwd,
            env={key: value for key, value in environment.items() if value is not None},
            stdout=self.log.open("ab"),
            stderr=subprocess.STDOUT,
        )
        wait_for(self.answers, "Gunicorn", self.log)

    def answers(self) -> bool:
        if self.process is not None and self.process.poll() is not None:
            raise AssertionError(f"Gunicorn exited: {self.log.read_text()[-3000:]}")
        try:
            return unix_get(self.socket, "/healthz")[0] == 200
        except OSError:
            return False

    def workers(self) -> list[int]:
        assert self.process is not None
        result = run(["pgrep", "-P", str(self.process.pid)])
        return [int(pid) for pid in result.stdout.split()]

    def signal(self, number: int) -> None:
        assert self.process is not None
        self.process.send_signal(number)

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=40)


def unix_get(path: Path, target: str) -> tuple[int, bytes]:
    """A GET straight to Gunicorn's unix socket, bypassing nginx."""
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as connection:
        connection.settimeout(10)
        connection.connect(str(path))
        connection.sendall(
            f"GET {target} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n".encode()
        )
        answer = b""
        while chunk := connection.recv(65536):
            answer += chunk
    status = int(answer.split(b" ", 2)[1])
    return status, answer.split(b"\r\n\r\n", 1)[1]


@dataclass
class Nginx:
    """nginx with the project's site configuration, under its own prefix."""

    prefix: Path
    log: Path
    process: subprocess.Popen[bytes] | None = None
    files: dict[str, Path] = field(default_factory=dict)

    def command(self, *args: str) -> list[str]:
        return ["nginx", "-p", str(self.prefix), "-c", "nginx.conf", *args]

    def test_configuration(self) -> str:
        result = run(self.command("-t"))
        return result.stdout + result.stderr

    def start(self, port: int) -> None:
        self.process = subprocess.Popen(
            self.command("-g", "daemon off;"), stdout=self.log.open("ab"), stderr=subprocess.STDOUT
        )

        def listening() -> bool:
            with socket.socket() as probe:
                return probe.connect_ex(("127.0.0.1", port)) == 0

        wait_for(listening, "nginx", self.log)

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.send_signal(signal.SIGQUIT)  # graceful
            self.process.wait(timeout=20)


MAIN_CONFIGURATION = """\
# The test's own nginx.conf: where nginx keeps its files. The site
# configuration under test is included unchanged but for ports and paths.
worker_processes 2;
pid {prefix}/nginx.pid;
error_log {logs}/nginx-error.log warn;
events {{ worker_connections 512; }}
http {{
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    access_log {prefix}/access.log;
    client_body_temp_path {prefix}/tmp/body;
    proxy_temp_path {prefix}/tmp/proxy;
    fastcgi_temp_path {prefix}/tmp/fastcgi;
    uwsgi_temp_path {prefix}/tmp/uwsgi;
    scgi_temp_path {prefix}/tmp/scgi;
    include sites/*.conf;
}}
"""


def https_connection(
    port: int, certificate: Path, source: str | None = None
) -> http.client.HTTPSConnection:
    """A TLS connection to nginx that trusts exactly the test's certificate;
    from the loopback address `source` (any of 127.0.0.0/8) if given."""
    context = ssl.create_default_context(cafile=str(certificate))
    context.check_hostname = False  # the certificate names the domain, we dial 127.0.0.1
    return http.client.HTTPSConnection(
        "127.0.0.1", port, context=context, timeout=15,
        source_address=(source, 0) if source else None,
    )  # fmt: skip


def self_signed_certificate(folder: Path, domain: str) -> tuple[Path, Path]:
    certificate, key = folder / "fullchain.pem", folder / "privkey.pem"
    run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
         "-subj", f"/CN={domain}", "-keyout", key, "-out", certificate])  # fmt: skip
    return certificate, key


@dataclass
class Answer:
    status: int
    headers: dict[str, str]
    body: bytes

    def json(self) -> object:
        return json.loads(self.body)


@dataclass
class Stack:
    project: Path
    package: str
    domain: str
    postgres: Postgres
    gunicorn: Gunicorn
    nginx: Nginx
    http_port: int
    https_port: int
    certificate: Path
    database_url: str
    logs: Path
    token: str  # the API token of WRITER

    @property
    def authorization(self) -> dict[str, str]:
        """The header that makes a request WRITER's."""
        return {"Authorization": f"Bearer {self.token}"}

    def request(
        self,
        method: str,
        path: str,
        body: object = None,
        headers: dict[str, str] | None = None,
        form: dict[str, str] | None = None,
    ) -> Answer:
        """One request through nginx over HTTPS: `body` is sent as JSON, `form`
        as a web form."""
        connection = https_connection(self.https_port, self.certificate)
        sent = {"Host": self.domain}
        payload = None
        if body is not None:
            payload = json.dumps(body).encode()
            sent["Content-Type"] = "application/json"
        if form is not None:
            payload = urllib.parse.urlencode(form).encode()
            sent["Content-Type"] = "application/x-www-form-urlencoded"
        try:
            connection.request(method, path, body=payload, headers={**sent, **(headers or {})})
            response = connection.getresponse()
            answer = Answer(
                response.status,
                {key.lower(): value for key, value in response.getheaders()},
                response.read(),
            )
        finally:
            connection.close()
        return answer

    def app_log(self) -> list[dict[str, object]]:
        """The JSON lines the application and Gunicorn wrote."""
        lines = self.gunicorn.log.read_text(errors="replace").splitlines()
        return [json.loads(line) for line in lines if line.startswith("{")]


# The account the tests write with, made as an operator makes one.
WRITER = "e2e-writer"
WRITER_PASSWORD = "a password for this test run only"


def new_api_token(flask: Callable[..., str]) -> str:
    """An account and an API token for it, through the project's own
    `flask users` commands; `flask(*arguments)` runs one and returns its output."""
    flask("users", "create", WRITER, "--password", WRITER_PASSWORD)
    return flask("users", "token", WRITER).strip()


def substitute(text: str, replacements: dict[str, str]) -> str:
    """Replace each text that must be there: a drift in the configuration fails."""
    for old, new in replacements.items():
        assert old in text, f"the site configuration no longer contains {old!r}"
        text = text.replace(old, new)
    return text


def start_nginx(
    project: Path, domain: str, prefix: Path, upstream: str, logs: Path
) -> tuple[Nginx, int, int, Path]:
    """nginx with the project's site configuration, in front of `upstream`
    (Gunicorn's address as nginx writes it: `unix:/path` or `127.0.0.1:8000`).
    Returns nginx, its HTTP and HTTPS ports, and the certificate it serves."""
    package = project.name.replace("-", "_")
    service_name = service_name_of(project)
    for folder in ["sites", "snippets", "tmp", "srv", "certs"]:
        (prefix / folder).mkdir(parents=True)
    shutil.copytree(project / "src" / package / "static", prefix / "srv" / "static")
    shutil.copytree(project / "deploy" / "nginx" / "errors", prefix / "srv" / "errors")
    for snippet in ["security-headers", "proxy"]:
        shutil.copy(project / "deploy" / "nginx" / f"{snippet}.conf",
                    prefix / "snippets" / f"{service_name}-{snippet}.conf")  # fmt: skip
    certificate, key = self_signed_certificate(prefix / "certs", domain)
    http_port, https_port = free_port(), free_port()
    site = substitute(
        (project / "deploy" / "nginx" / f"{service_name}.conf").read_text(encoding="utf-8"),
        {
            "listen 80;": f"listen 127.0.0.1:{http_port};",
            "listen [::]:80;": f"listen [::1]:{http_port};",
            "listen 443 ssl http2;": f"listen 127.0.0.1:{https_port} ssl http2;",
            "listen [::]:443 ssl http2;": f"listen [::1]:{https_port} ssl http2;",
            f"unix:/run/{service_name}/gunicorn.sock": upstream,
            f"/etc/letsencrypt/live/{domain}/fullchain.pem": str(certificate),
            f"/etc/letsencrypt/live/{domain}/privkey.pem": str(key),
            f"/srv/{service_name}/static/": f"{prefix / 'srv' / 'static'}/",
            f"/srv/{service_name}/errors": str(prefix / "srv" / "errors"),
        },
    )
    (prefix / "sites" / f"{service_name}.conf").write_text(site, encoding="utf-8")
    (prefix / "nginx.conf").write_text(MAIN_CONFIGURATION.format(prefix=prefix, logs=logs))
    for path in [prefix, *prefix.rglob("*")]:
        path.chmod(0o755 if path.is_dir() else 0o644)
    nginx = Nginx(prefix, logs / "nginx.log")
    assert "test is successful" in nginx.test_configuration()
    nginx.start(https_port)
    return nginx, http_port, https_port, certificate


def service_name_of(project: Path) -> str:
    """The name of the systemd units, the nginx site and the /srv and /run paths."""
    manifest = yaml.safe_load((project / "deploy" / "k8s" / "service.yaml").read_text())
    name: str = manifest["metadata"]["name"]
    return name


@contextmanager
def running_stack(
    project: Path,
    domain: str,
    python: Venv,
    logs: Path,
    tcp_port: int | None = None,
) -> Iterator[Stack]:
    """PostgreSQL, the project's migrations, Gunicorn and nginx, all running.

    The project is installed into `python`; servers' logs go to `logs`. With
    `tcp_port`, Gunicorn also listens there, for a benchmark without nginx.
    """
    package = project.name.replace("-", "_")
    workspace = shared_workspace("shipyard-stack-")
    postgres = new_database(workspace, logs)
    gunicorn = None
    nginx = None
    try:
        database_url = postgres.start_with_app_database()

        run([tool("uv"), "pip", "install", "--quiet", "--python", python.python, project])
        env: dict[str, str | None] = {
            "APP_ENV": "production",
            "SECRET_KEY": "only-for-this-test-run",
            "DATABASE_URL": database_url,
            "GUNICORN_BIND": f"unix:{workspace / 'gunicorn.sock'}",
            "WEB_CONCURRENCY": "2",
            "PATH": os.pathsep.join([str(python.bin), os.environ["PATH"]]),
        }
        extra_binds = []
        if tcp_port is not None:  # command-line binds replace the configured one
            extra_binds = ["--bind", f"unix:{workspace / 'gunicorn.sock'}"]
            extra_binds += ["--bind", f"127.0.0.1:{tcp_port}"]

        def flask(*arguments: str) -> str:
            command: list[str | Path] = [python.bin / "flask", "--app", f"{package}.wsgi"]
            command += arguments
            return run(command, cwd=project, env=env).stdout

        flask("db", "upgrade")
        token = new_api_token(flask)
        gunicorn = Gunicorn(
            [python.bin / "gunicorn", "-c", "gunicorn.conf.py", *extra_binds,
             f"{package}.wsgi:app"],
            project, env, workspace / "gunicorn.sock", logs / "gunicorn.log",
        )  # fmt: skip
        gunicorn.start()

        nginx, http_port, https_port, certificate = start_nginx(
            project, domain, workspace / "nginx", f"unix:{gunicorn.socket}", logs
        )
        yield Stack(project, package, domain, postgres, gunicorn, nginx, http_port, https_port,
                    certificate, database_url, logs, token)  # fmt: skip
    finally:
        for server in (nginx, gunicorn, postgres):
            if server is not None:
                server.stop()
        shutil.rmtree(workspace, ignore_errors=True)
