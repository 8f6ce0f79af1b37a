"""Benchmarks: how long each template takes to bake, build and start, and how big
its distributions are. They write a table; they never assert a time.

    nox -s bench        (writes .bench/results.md and prints it)
"""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TypeVar

from cookiecutter.main import cookiecutter

from tests.support import (
    BASE_PYTHON,
    OUTSIDE_NOX,
    POETRY_VERSION,
    ROOT,
    TEMPLATES,
    Venv,
    free_port,
    make_venv,
    run,
    tool,
)

# Per template, the combinations that change what is built. Every one is built
# by the same frontend (python -m build), so the build column compares backends:
# setuptools, poetry-core and uv_build.
COMBINATIONS: dict[str, dict[str, dict[str, str]]] = {
    "setuptools-package": {
        "pyproject.toml": {},
        "setup.py": {"metadata": "setup.py"},
        "pyproject.toml + C extension": {"c_extension": "cpython"},
    },
    "poetry-project": {
        "pep621": {},
        "classic": {"metadata": "classic"},
    },
    "uv-project": {
        "uv_build": {},
    },
}
RUNS = 5
T = TypeVar("T")


def timed(action: Callable[..., T], *args: Any, **kwargs: Any) -> tuple[float, T]:
    start = time.perf_counter()
    result = action(*args, **kwargs)
    return time.perf_counter() - start, result


def median_start_time(command: list[str]) -> float:
    times = []
    for _ in range(RUNS):
        start = time.perf_counter()
        subprocess.run(command, check=True, capture_output=True)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def bench(work: Path, template: str, name: str, answers: dict[str, str]) -> list[str]:
    output = work / f"{template}-{name.replace(' ', '-').replace('+', '')}"
    bake_time, project = timed(
        cookiecutter,
        str(TEMPLATES / template),
        no_input=True,
        extra_context=answers,
        output_dir=str(output),
    )
    project = Path(str(project))
    dist = project / "dist"
    build = [sys.executable, "-m", "build", "--installer", "uv", "--outdir", dist, project]
    build_time, _ = timed(run, build)
    (sdist,) = dist.glob("*.tar.gz")
    (wheel,) = dist.glob("*.whl")
    venv = make_venv(output / ".venv", seed=False)
    install = [tool("uv"), "pip", "install", "--quiet", "--python", venv.python]
    install_time, _ = timed(run, [*install, wheel])
    start = median_start_time([str(venv.bin / project.name), "10"])
    return [
        f"{template} ({name})",
        f"{bake_time:.2f} s",
        f"{build_time:.1f} s",
        f"{sdist.stat().st_size / 1024:.1f} KiB",
        f"{wheel.stat().st_size / 1024:.1f} KiB",
        f"{install_time:.2f} s",
        f"{start * 1000:.0f} ms",
    ]


def size_of(path: Path) -> int:
    """Bytes on disk. A symbolic link (a shared library under a second name, as
    PyInstaller makes them on Linux and macOS) takes no room of its own."""
    if path.is_file():
        return path.stat().st_size
    files = [file for file in path.rglob("*") if file.is_file() and not file.is_symlink()]
    return sum(file.stat().st_size for file in files)


def freeze(venv: Venv, spec: Path, bundle: str) -> tuple[float, Path]:
    """Build with PyInstaller, reproducibly; return the time and the executable."""
    env = {"SOURCE_DATE_EPOCH": "315532800", "PYTHONHASHSEED": "0"}
    command = [venv.bin / "pyinstaller", "--clean", "--noconfirm", spec.name, "--"]
    seconds, _ = timed(run, [*command, f"--{bundle}"], cwd=spec.parent, env=env)
    name = spec.stem
    executable = spec.parent / "dist" / name
    return seconds, executable / name if bundle == "onedir" else executable


# A build, measured: seconds to freeze, bytes shipped, median seconds to start.
Measured = tuple[float, int, float]


def measure(seconds: float, executable: Path, bundle: str) -> Measured:
    shipped = executable.parent if bundle == "onedir" else executable
    return seconds, size_of(shipped), median_start_time([str(executable), "--version"])


def freeze_row(label: str, build: Measured, hello: Measured) -> list[str]:
    """A row of the table: size and start also as ratios to the hello-world."""
    seconds, size, start = build
    _, hello_size, hello_start = hello
    return [
        label,
        f"{seconds:.0f} s",
        f"{size / 1e6:.1f} MB ({size / hello_size:.2f}x hello-world)",
        f"{start * 1000:.0f} ms ({start / hello_start:.2f}x hello-world)",
    ]


HELLO_SPEC = """\
import argparse
parser = argparse.ArgumentParser()
parser.add_argument("--onefile", action="store_true")
parser.add_argument("--onedir", dest="onefile", action="store_false")
options = parser.parse_args()
a = Analysis(["hello.py"])
pyz = PYZ(a.pure)
if options.onefile:
    exe = EXE(pyz, a.scripts, a.binaries, a.datas, name="hello", upx=False)
else:
    exe = EXE(pyz, a.scripts, exclude_binaries=True, name="hello", upx=False)
    coll = COLLECT(exe, a.binaries, a.datas, name="hello", upx=False)
"""


def bench_pyinstaller(work: Path) -> list[list[str]]:
    """Each interface of pyinstaller-app, both bundles, against a bare hello-world
    frozen in the same run by the same packages (the ones the template pins), so
    that each row reads as what the interface and the template add to Python."""
    venv = make_venv(work / "pyinstaller-venv", seed=False)
    install: list[str | Path] = [tool("uv"), "pip", "install", "--quiet", "--python", venv.python]
    hello: dict[str, Measured] = {}
    rows: list[list[str]] = []
    for interface in ["cli", "tk", "qt"]:
        output = work / f"app-{interface}"
        answers = {"interface": interface}
        project = Path(cookiecutter(str(TEMPLATES / "pyinstaller-app"), no_input=True,
                                    extra_context=answers, output_dir=str(output)))  # fmt: skip
        # What the project's freeze installs: every package pinned, with hashes
        # (PySide6 joins for qt). The spec reads the program from src/.
        requirements = project / "freeze-requirements.txt"
        run([*install, "--require-hashes", "--requirement", requirements])
        if not hello:  # first, the baseline, with PyInstaller alone installed
            folder = work / "hello"
            folder.mkdir()
            (folder / "hello.py").write_text('import sys\nprint("hello", *sys.argv[1:])\n')
            (folder / "hello.spec").write_text(HELLO_SPEC)
            for bundle in ["onedir", "onefile"]:
                hello[bundle] = measure(*freeze(venv, folder / "hello.spec", bundle), bundle)
                rows.append(freeze_row(f"hello-world ({bundle})", hello[bundle], hello[bundle]))
        for bundle in ["onedir", "onefile"]:
            build = measure(*freeze(venv, project / f"{project.name}.spec", bundle), bundle)
            label = f"pyinstaller-app ({interface}, {bundle})"
            rows.append(freeze_row(label, build, hello[bundle]))
    return rows


def wrk(url: str, host: str) -> tuple[float, str]:
    """Requests per second and the 99th-percentile latency of a 10-second wrk run."""
    command = ["wrk", "--threads", "2", "--connections", "32", "--duration", "10s", "--latency",
               "--header", f"Host: {host}", url]  # fmt: skip
    output = run(command).stdout
    rate = next(line for line in output.splitlines() if line.startswith("Requests/sec:"))
    p99 = next(line for line in output.splitlines() if line.strip().startswith("99%"))
    return float(rate.split()[1]), p99.split()[1]


# The least a Flask application can be, served the same way as the template's:
# what the template's own work costs shows as the ratio between the two.
HELLO_APP = """\
from flask import Flask

app = Flask(__name__)


@app.get("/")
@app.get("/healthz")
def hello() -> str:
    return "hello"
"""


@contextmanager
def gunicorn_with_its_own_tls(
    venv: Venv, project: Path, app: str, cwd: Path, env: Mapping[str, str | None], logs: Path
) -> Iterator[int]:
    """Gunicorn serving HTTPS itself (--certfile, --keyfile): what nginx is
    compared with, like for like. Yields its port."""
    from tests.e2e.stack import https_connection, self_signed_certificate, wait_for

    def answers() -> bool:
        try:
            connection = https_connection(port, certificate)
            connection.request("GET", "/healthz")
            return connection.getresponse().status == 200
        except OSError:
            return False

    folder = Path(tempfile.mkdtemp(dir=logs))
    certificate, key = self_signed_certificate(folder, "localhost")
    port = free_port()
    log = logs / f"gunicorn-tls-{app.split(':')[0]}.log"
    environment = {**os.environ, **env}
    process = subprocess.Popen(
        [str(part) for part in [venv.bin / "gunicorn", "-c", project / "gunicorn.conf.py",
                                "--bind", f"127.0.0.1:{port}",
                                "--certfile", certificate, "--keyfile", key, app]],
        cwd=cwd, env={k: v for k, v in environment.items() if v is not None},
        stdout=log.open("ab"), stderr=subprocess.STDOUT,
    )  # fmt: skip
    try:
        wait_for(answers, "Gunicorn with TLS", log)
        yield port
    finally:
        process.terminate()
        process.wait(timeout=40)


def load_rows(
    label: str, through_nginx: str, direct_tls: str, direct: str, domain: str
) -> list[tuple[str, float, str]]:
    return [
        (f"{label}, through nginx (HTTPS)", *wrk(through_nginx, domain)),
        (f"{label}, Gunicorn direct (HTTPS, its own TLS)", *wrk(direct_tls, domain)),
        (f"{label}, Gunicorn direct (HTTP)", *wrk(direct, domain)),
    ]


def bench_hello(project: Path, domain: str, venv: Venv, logs: Path) -> list[tuple[str, float, str]]:
    """A bare hello-world Flask app under the project's gunicorn.conf.py and
    nginx site configuration."""
    from tests.e2e.stack import Gunicorn, shared_workspace, start_nginx

    workspace = shared_workspace("shipyard-hello-")
    gunicorn = nginx = None
    try:
        (workspace / "hello.py").write_text(HELLO_APP)
        socket, port = workspace / "gunicorn.sock", free_port()
        env = {"WEB_CONCURRENCY": "2"}
        gunicorn = Gunicorn(
            [venv.bin / "gunicorn", "-c", project / "gunicorn.conf.py",
             "--bind", f"unix:{socket}", "--bind", f"127.0.0.1:{port}", "hello:app"],
            workspace, env, socket, logs / "hello-gunicorn.log",
        )  # fmt: skip
        gunicorn.start()
        nginx, _, https_port, _ = start_nginx(
            project, domain, workspace / "nginx", f"unix:{socket}", logs
        )
        with gunicorn_with_its_own_tls(venv, project, "hello:app", workspace, env, logs) as tls:
            return load_rows("bare hello app", f"https://127.0.0.1:{https_port}/",
                             f"https://127.0.0.1:{tls}/", f"http://127.0.0.1:{port}/",
                             domain)  # fmt: skip
    finally:
        for server in (nginx, gunicorn):
            if server is not None:
                server.stop()
        shutil.rmtree(workspace, ignore_errors=True)


def bench_flask(work: Path) -> list[list[str]]:
    """The generated flask-deploy stack: the home page (a PostgreSQL query)
    through nginx over HTTPS, and from Gunicorn directly, over HTTPS with its
    own TLS and over HTTP; each beside a bare hello app served the same way."""
    from tests.e2e.stack import running_stack

    domain = "bench.example.com"
    answers = {"domain": domain}
    output = str(work / "flask")
    project = Path(cookiecutter(str(TEMPLATES / "flask-deploy"), no_input=True,
                                extra_context=answers, output_dir=output))  # fmt: skip
    venv = make_venv(work / "flask-venv")
    logs = work / "flask-logs"
    logs.mkdir()
    port = free_port()
    with running_stack(project, domain, venv, logs, tcp_port=port) as stack:
        app = f"{stack.package}.wsgi:app"
        env = stack.gunicorn.env
        with gunicorn_with_its_own_tls(venv, project, app, project, env, logs) as tls:
            measured = load_rows("flask-deploy home page",
                                 f"https://127.0.0.1:{stack.https_port}/",
                                 f"https://127.0.0.1:{tls}/", f"http://127.0.0.1:{port}/",
                                 domain)  # fmt: skip
    hello = bench_hello(project, domain, venv, logs)
    rows = []
    for (label, rate, p99), (_, hello_rate, _) in zip(hello + measured, hello * 2, strict=True):
        rows.append([label, f"{rate:,.0f}", p99, f"{rate / hello_rate:.2f}"])
    return rows


def bench_container(work: Path) -> list[list[str]]:
    """flask-deploy's image, built on the stand-in base the tests use, beside
    that base: what the application and its dependencies add."""
    from tests.e2e.container import running_dockerd, tag_stand_in_base

    output = str(work / "container")
    project = Path(cookiecutter(str(TEMPLATES / "flask-deploy"), no_input=True,
                                output_dir=output))  # fmt: skip
    with running_dockerd(work / "dockerd") as docker:
        base = tag_stand_in_base(docker, project, work)
        seconds, _ = timed(
            docker, "build", "--network", "host", "--quiet", "--tag", "bench", project
        )

        def size(image: str) -> int:
            return int(docker("image", "inspect", "--format", "{{.Size}}", image))

        image, stand_in = size("bench"), size(base)
    return [
        ["stand-in base (Debian's Python)", "", f"{stand_in / 1e6:.1f} MB", "1.00"],
        ["flask-deploy image", f"{seconds:.1f} s", f"{image / 1e6:.1f} MB",
         f"{image / stand_in:.2f}"],
    ]  # fmt: skip


# Time to first green: generate the project, make the development environment
# its README names, and run its own tests, the way a newcomer starts. Caches
# are warm (one run first, unmeasured); the baseline is the least a uv project
# can be: `uv init --lib`, pytest added, one test.
FIRST_GREEN_RUNS = 3
BARE_TEST = "def test_nothing() -> None:\n    assert True\n"


def first_green_steps(template: str, project: Path, poetry: Path) -> list[list[str | Path]]:
    """The commands the template's README gives, from a fresh copy to green tests."""
    uv = tool("uv")
    if template == "setuptools-package":
        python = project / ".venv" / "bin" / "python"
        return [
            [sys.executable, "-m", "venv", project / ".venv"],
            [python, "-m", "pip", "install", "--quiet", "--upgrade", "pip"],
            [python, "-m", "pip", "install", "--quiet", "--editable", project, "--group",
             f"{project / 'pyproject.toml'}:dev"],
            [python, "-m", "pytest", "-q", "-p", "no:cacheprovider", project],
        ]  # fmt: skip
    if template == "poetry-project":
        # Poetry's per-version JSON look-ups fail on some networks; PyPI's
        # simple index as the primary source is what the e2e tests use too.
        return [
            [poetry, "source", "add", "--priority=primary", "pypi-simple", "https://pypi.org/simple/"],
            [poetry, "lock"],
            [poetry, "install", "--quiet"],
            [poetry, "run", "pytest", "-q", "-p", "no:cacheprovider"],
        ]  # fmt: skip
    return [[uv, "sync", "--quiet"], [uv, "run", "pytest", "-q", "-p", "no:cacheprovider"]]


def bare_uv_project(work: Path) -> float:
    uv = tool("uv")
    start = time.perf_counter()
    run([uv, "init", "--quiet", "--lib", "--name", "bare", work / "bare"])
    run([uv, "add", "--quiet", "--group", "test", "pytest"], cwd=work / "bare")
    (work / "bare" / "tests").mkdir()
    (work / "bare" / "tests" / "test_bare.py").write_text(BARE_TEST)
    run([uv, "run", "pytest", "-q", "-p", "no:cacheprovider"], cwd=work / "bare")
    return time.perf_counter() - start


def one_first_green(work: Path, template: str, poetry: Path) -> float:
    start = time.perf_counter()
    project = Path(cookiecutter(str(TEMPLATES / template), no_input=True, output_dir=str(work)))
    env = {**OUTSIDE_NOX, "POETRY_NO_INTERACTION": "1", "UV_PYTHON": BASE_PYTHON,
           "PYTHON_KEYRING_BACKEND": "keyring.backends.null.Keyring"}  # fmt: skip
    for step in first_green_steps(template, project, poetry):
        run(step, cwd=project, env=env)
    return time.perf_counter() - start


def bench_first_green(work: Path) -> list[list[str]]:
    poetry_venv = make_venv(work / "poetry-venv", seed=False)
    run([tool("uv"), "pip", "install", "--quiet", "--python", poetry_venv.python,
         f"poetry=={POETRY_VERSION}"])  # fmt: skip
    poetry = poetry_venv.bin / "poetry"
    measured: dict[str, list[float]] = {}
    for attempt in range(FIRST_GREEN_RUNS + 1):  # the first run warms the caches
        folder = work / f"first-green-{attempt}"
        folder.mkdir()
        times = {"bare `uv init --lib` project": bare_uv_project(folder)}
        for template in ["setuptools-package", "poetry-project", "uv-project"]:
            times[template] = one_first_green(folder / template, template, poetry)
        if attempt:
            for name, seconds in times.items():
                measured.setdefault(name, []).append(seconds)
    baseline = statistics.median(measured["bare `uv init --lib` project"])
    return [
        [name, f"{statistics.median(times):.1f} s", f"{statistics.median(times) / baseline:.1f}x"]
        for name, times in measured.items()
    ]


def table(header: list[str], rows: list[list[str]]) -> str:
    lines = [
        f"| {' | '.join(header)} |",
        f"|{'|'.join(' --- ' for _ in header)}|",
        *(f"| {' | '.join(row)} |" for row in rows),
    ]
    return "\n".join(lines) + "\n"


def main() -> None:
    with tempfile.TemporaryDirectory() as work:
        packages = [
            bench(Path(work), template, name, answers)
            for template, combinations in COMBINATIONS.items()
            for name, answers in combinations.items()
        ]
        first_green = bench_first_green(Path(work))
        executables = bench_pyinstaller(Path(work))
        web = bench_flask(Path(work))
        images = bench_container(Path(work))
    report = (
        table(
            ["template", "bake", "build (sdist + wheel)", "sdist", "wheel", "install", "start"],
            packages,
        )
        + f"\nStart: the median of {RUNS} runs of the console script.\n\n"
        + table(["first green", "time", "against the bare uv project"], first_green)
        + "\nGenerate, make the development environment the README names, run the"
        + f" project's own tests; the median of {FIRST_GREEN_RUNS} runs, caches warm.\n\n"
        + table(["build", "freeze", "size", "start"], executables)
        + "\nSize: the onedir folder or the onefile executable."
        + f" Start: the median of {RUNS} runs of `--version`.\n\n"
        + table(["load", "requests/s", "p99 latency", "requests/s against hello"], web)
        + "\nwrk, 2 threads, 32 connections, 10 s; Gunicorn with 2 workers of 4 threads,"
        + " its configuration and nginx's the project's own, for both applications."
        + " Gunicorn direct varies from run to run: the two workers take wrk's 32"
        + " connections as they come, and when one takes nearly all of them (31 to 1"
        + " in two of five runs measured) the rate drops by up to half.\n\n"
        + table(["image", "build", "size", "against the base"], images)
        + "\nBuilt from the generated Dockerfile on the stand-in base the tests use"
        + " (no registry is reachable here), in a fresh engine: pip downloads every dependency.\n"
    )
    results = ROOT / ".bench" / "results.md"
    results.parent.mkdir(exist_ok=True)
    results.write_text(report, encoding="utf-8")
    print(report)
    print(f"Written to {results}.")


if __name__ == "__main__":
    main()
