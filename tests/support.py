"""The helpers of the whole suite, in one plain module: paths, running commands,
baking templates, fresh virtual environments, a real package index, reading
wheels and workflows. Fixtures (in the conftest files), the end-to-end tests,
the bench and the docs tools all import them from here."""

from __future__ import annotations

import ast
import contextlib
import email.message
import email.parser
import hashlib
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import time
import tomllib
import urllib.request
import zipfile
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import yaml

# The templates of the collection: the sync tool's list is the one list.
from tools.sync_templates import template_names as template_names

ROOT = Path(__file__).resolve().parent.parent
TEMPLATES = ROOT / "templates"
IN_CI = os.environ.get("CI") == "true"
# The interpreter the tests' own virtual environment was made from: a tool
# given a virtual environment's interpreter may install into that environment.
BASE_PYTHON = getattr(sys, "_base_executable", sys.executable)
# Run a tool as from outside the nox session these tests run in: nox sets
# VIRTUAL_ENV and UV_PROJECT_ENVIRONMENT to the session's environment, and
# `uv sync` or Poetry would install a project into it (emptying it, for uv).
OUTSIDE_NOX: dict[str, str | None] = {"VIRTUAL_ENV": None, "UV_PROJECT_ENVIRONMENT": None}


def copy_collection(destination: Path) -> Path:
    """A copy of the collection's files as git sees them (tracked, and new ones
    not ignored), without .venv, .nox or anything else git ignores."""
    listed = run(["git", "ls-files", "-co", "--exclude-standard", "-z"], cwd=ROOT).stdout
    for name in filter(None, listed.split("\0")):
        if (ROOT / name).is_file():
            (destination / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(ROOT / name, destination / name)
    return destination


def node_script(script: str, package: str, folder: Path) -> list[str]:
    """The command that runs tests/tools/SCRIPT with Node.js, given the
    node_modules folder where npm installed PACKAGE (pinned: name@version).
    Skips the calling test where Node.js or npm is missing."""
    node, npm = shutil.which("node"), shutil.which("npm")
    if node is None or npm is None:
        pytest.skip(f"{script} needs Node.js and npm (.ci/run installs them)")
    run([npm, "install", "--silent", "--prefix", folder, package])
    return [node, str(ROOT / "tests" / "tools" / script), str(folder / "node_modules")]


def template_context(name: str) -> dict[str, Any]:
    with (TEMPLATES / name / "cookiecutter.json").open(encoding="utf-8") as file:
        context: dict[str, Any] = json.load(file)
    return context


# The Poetry release the tests drive, and the one generated projects pin.
POETRY_VERSION: str = template_context("poetry-project")["_poetry_version"]


def template_choices(name: str) -> dict[str, list[str]]:
    """The template's closed questions, each with its answers (the default first)."""
    return {
        key: value
        for key, value in template_context(name).items()
        if isinstance(value, list) and not key.startswith("_")
    }


def run(
    command: Sequence[str | Path],
    cwd: Path | None = None,
    env: Mapping[str, str | None] | None = None,
    check: bool = True,
    timeout: float = 600,
) -> subprocess.CompletedProcess[str]:
    """Run a command; on an unexpected exit status, fail with its whole output.

    `env` adds to this process's environment; a variable set to None is removed.
    """
    merged = {**os.environ, **(env or {})}
    full_env = {key: value for key, value in merged.items() if value is not None}
    result = subprocess.run(
        [str(part) for part in command],
        cwd=cwd,
        env=full_env,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )
    if check and result.returncode != 0:
        raise AssertionError(
            f"{' '.join(map(str, command))} exited {result.returncode} in {cwd}\n"
            f"--- stdout ---\n{result.stdout}\n--- stderr ---\n{result.stderr}"
        )
    return result


def cookiecutter(*args: str | Path, cwd: Path) -> subprocess.CompletedProcess[str]:
    """Run the cookiecutter command line as a person would."""
    return run([sys.executable, "-m", "cookiecutter", *args], cwd=cwd, check=False)


def tool(name: str) -> str:
    """The path of a command-line tool installed beside the test interpreter."""
    path = shutil.which(name, path=str(Path(sys.executable).parent)) or shutil.which(name)
    if path is None:
        raise AssertionError(f"{name} is not installed: run the tests through nox")
    return path


def chromium(profile: Path) -> list[str]:
    """Debian's Chromium, headless, with nothing of its own running in the
    background; skips the test where it is not installed."""
    path = shutil.which("chromium")
    if path is None:
        pytest.skip("needs Debian's chromium (.ci/run installs it)")
    return [path, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
            "--disable-background-networking", "--disable-component-update", "--disable-sync",
            f"--user-data-dir={profile}"]  # fmt: skip


EXPRESSION = re.compile(r"\$\{\{\s*([\w.-]+)\s*\}\}")


def run_workflow_job(
    workflow: Path,
    job: str,
    cwd: Path,
    values: dict[str, str],
    env: Mapping[str, str | None] | None = None,
    check: bool = True,
    conditions: Mapping[str, bool] | None = None,
    replace_env: Mapping[str, str] | None = None,
) -> tuple[subprocess.CompletedProcess[str] | None, dict[str, str]]:
    """Run every `run:` step of one job of a GitHub Actions workflow, as a runner would.

    `uses:` steps are GitHub's own actions and are skipped: the caller provides
    what they would (a Python on PATH, a checkout in `cwd`). Expressions in
    `env:` (the workflow's, the job's, the step's) are looked up in `values`
    (e.g. {"matrix.python-version": "3.11"}); any other expression is an error,
    which keeps `run:` scripts free of them. A step with an `if:` runs when
    `conditions` maps that exact condition to True (the caller says what
    GitHub would decide); a condition it does not answer is an error.
    `replace_env` overrides the workflow's own `env:` values, for what stands
    on another address here than on GitHub's runner (a database's port).
    Returns the last step's result and the outputs the steps wrote.
    """
    document = yaml.safe_load(workflow.read_text(encoding="utf-8"))
    steps = document["jobs"][job]["steps"]
    # The workflow's and the job's `env:` apply to every step; a step's own wins.
    shared_env = {**document.get("env", {}), **document["jobs"][job].get("env", {})}
    outputs_file = cwd / ".github-output"
    outputs_file.write_text("")
    result = None
    for step in steps:
        if "run" not in step:
            continue
        if "if" in step:
            answers = conditions or {}
            assert step["if"] in answers, f"no answer for `if: {step['if']}` in {workflow}"
            if not answers[step["if"]]:
                continue
        assert "${{" not in step["run"], f"expression inside a run: script in {workflow}"
        step_env = {
            key: EXPRESSION.sub(lambda match: values[match.group(1)], str(value))
            for key, value in {**shared_env, **step.get("env", {})}.items()
        }
        for key, value in (replace_env or {}).items():
            assert key in step_env, f"{key} is not in the environment of {workflow}'s job {job}"
            step_env[key] = value
        result = run(
            ["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", step["run"]],
            cwd=cwd / step.get("working-directory", "."),
            env={**(env or {}), **step_env, "GITHUB_OUTPUT": str(outputs_file)},
            check=check,
        )
        if result.returncode != 0:
            break
    lines = outputs_file.read_text().splitlines()
    outputs_file.unlink()
    return result, dict(line.split("=", 1) for line in lines if "=" in line)


Bake = Callable[..., Path]


def bake_with(cookies: Any, template: str, answers: dict[str, str]) -> Path:
    """Bake one template of the collection by its own path.

    pytest-cookies bakes the first template when given the collection's root,
    so every test names the template it means.
    """
    result = cookies.bake(extra_context=answers, template=str(TEMPLATES / template))
    if result.exit_code != 0:
        raise AssertionError(f"baking {template} with {answers} failed: {result.exception}")
    return Path(result.project_path)


GIT = ["git", "-c", "user.name=Shipyard Tests", "-c", "user.email=tests@example.com"]


def git_commit(folder: Path, message: str = "Initial commit", tag: str | None = None) -> str:
    """Commit everything in the folder, making it a git repository first if it
    is not one, and tag the commit if asked; return the commit's id."""
    if not (folder / ".git").exists():
        run([*GIT, "init", "-q", "-b", "main"], cwd=folder)
    run([*GIT, "add", "-A"], cwd=folder)
    run([*GIT, "commit", "-q", "-m", message], cwd=folder)
    if tag:
        run([*GIT, "tag", tag], cwd=folder)
    return run(["git", "rev-parse", "HEAD"], cwd=folder).stdout.strip()


def python_build(project: Path, outdir: Path, *args: str) -> str:
    """Build with pypa/build, the way pip or any other frontend would; the log."""
    frontend = [sys.executable, "-m", "build", "--installer", "uv"]
    result = run([*frontend, "--outdir", outdir, *args, project])
    return result.stdout + result.stderr


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def checkout(project: Path, tmp_path: Path) -> Path:
    """A clean copy of the project, as actions/checkout gives a workflow."""
    ignore = shutil.ignore_patterns(
        "dist", ".nox", ".venv", "__pycache__", "*.egg-info", "build", "site"
    )
    return Path(shutil.copytree(project, tmp_path / project.name, ignore=ignore))


@dataclass
class Venv:
    path: Path

    @property
    def bin(self) -> Path:
        return self.path / ("Scripts" if sys.platform == "win32" else "bin")

    @property
    def python(self) -> Path:
        return self.bin / ("python.exe" if sys.platform == "win32" else "python")

    def pip(self, *args: str | Path, cwd: Path | None = None) -> None:
        run([self.python, "-m", "pip", "--disable-pip-version-check", *args], cwd=cwd)

    def run(self, command: str, *args: str | Path, cwd: Path | None = None) -> str:
        """Run a command installed in this environment; return its stdout."""
        suffix = ".exe" if sys.platform == "win32" else ""
        return run([self.bin / f"{command}{suffix}", *args], cwd=cwd).stdout


def runner_path(python: Venv) -> str:
    """PATH for a workflow's `run:` steps: a fresh Python first, as
    actions/setup-python provides, then uv for nox to make its environments."""
    return os.pathsep.join([str(python.bin), str(Path(tool("uv")).parent), os.environ["PATH"]])


def make_venv(path: Path, *, seed: bool = True) -> Venv:
    """A fresh virtual environment of the test interpreter (uv makes it in a
    blink), with pip in it unless `seed` is False."""
    run(
        [
            tool("uv"),
            "venv",
            "--quiet",
            *(["--seed"] if seed else []),
            "--python",
            sys.executable,
            path,
        ]
    )
    return Venv(path)


@dataclass
class PackageIndex:
    url: str
    user: str
    password: str
    packages: Path

    @property
    def simple(self) -> str:
        return f"{self.url}/simple/"

    def published(self, distribution: str) -> dict[str, str]:
        """One distribution's files on the index, with their SHA-256. Other
        tests publish theirs to the same index: look only at this one's."""
        prefix = re.sub(r"[-_.]+", "_", distribution).lower() + "-"
        files = sorted(self.packages.iterdir())
        return {path.name: sha256(path) for path in files if path.name.lower().startswith(prefix)}


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


@contextlib.contextmanager
def serve_index(home: Path, packages: Path) -> Iterator[PackageIndex]:
    """A real PyPI-like index on loopback: pypiserver, uploads behind a password.

    It serves what is in `packages`. --disable-fallback keeps it from
    redirecting unknown names to PyPI, so an install from it proves the
    package really came from it.
    """
    from passlib.apache import HtpasswdFile

    users = HtpasswdFile(str(home / "htpasswd"), new=True)
    users.set_password("shipyard", "correct horse battery staple")
    users.save()
    port = free_port()
    server = subprocess.Popen(
        [tool("pypi-server"), "run", "--host", "127.0.0.1", "--port", str(port),
         "--passwords", home / "htpasswd", "--authenticate", "update",
         "--disable-fallback", packages],
        stdout=subprocess.DEVNULL,
        stderr=(home / "server.log").open("w"),
    )  # fmt: skip
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                urllib.request.urlopen(f"{url}/simple/", timeout=2).close()
                break
            except OSError:
                if time.monotonic() > deadline or server.poll() is not None:
                    raise AssertionError((home / "server.log").read_text()) from None
                time.sleep(0.2)
        yield PackageIndex(url, "shipyard", "correct horse battery staple", packages)
    finally:
        server.terminate()
        server.wait(timeout=10)


def drive_library_release(project: Path, env: Mapping[str, str | None], version: str) -> None:
    """The release workflow the library templates share, job by job: the tests
    on this Python, the build of both distributions, and the check that takes
    the tag of their version and refuses any other."""
    workflow = project / ".github" / "workflows" / "release.yml"
    python = {"matrix.python-version": f"3.{sys.version_info.minor}"}
    run_workflow_job(workflow, "tests", project, python, env=env)
    run_workflow_job(workflow, "build", project, {}, env=env)
    assert len([*(project / "dist").glob("*.whl"), *(project / "dist").glob("*.tar.gz")]) == 2
    _, outputs = run_workflow_job(workflow, "check", project, {"github.ref_name": f"v{version}"})
    assert outputs == {"prerelease": "false"}
    result, _ = run_workflow_job(
        workflow, "check", project, {"github.ref_name": "v9.9.9"}, check=False
    )
    assert result is not None
    assert result.returncode != 0


def wheel_metadata(wheel: Path) -> tuple[email.message.Message, str, list[str]]:
    """A wheel's core metadata, its entry_points.txt, and the files it installs."""
    with zipfile.ZipFile(wheel) as archive:
        info = next(name for name in archive.namelist() if name.endswith(".dist-info/METADATA"))
        metadata = email.parser.Parser().parsestr(archive.read(info).decode())
        entry_points = archive.read(info.replace("METADATA", "entry_points.txt")).decode()
        files = sorted(name for name in archive.namelist() if ".dist-info/" not in name)
    return metadata, entry_points, files


# Jinja left behind. GitHub Actions' own `${{ ... }}` expressions are fine, and
# so is docker/metadata-action's `pattern={{version}}`.
LEFTOVER_JINJA = re.compile(r"(?<!\$)(?<!pattern=)\{\{|\{%|%\}")


def is_flask_template(path: Path, project: Path) -> bool:
    """A generated application's own Jinja templates (Flask renders them)."""
    return "templates" in path.relative_to(project).parts and path.suffix == ".html"


# Binary files the templates ship (icons); every other file is text.
BINARY_SUFFIXES = {".png", ".ico", ".icns"}


def files_of(project: Path) -> list[Path]:
    """The project's text files."""
    return sorted(
        path for path in project.rglob("*") if path.is_file() and path.suffix not in BINARY_SUFFIXES
    )


def check_parses(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    if path.suffix == ".toml":
        tomllib.loads(text)
    elif path.suffix in {".yml", ".yaml"}:
        list(yaml.safe_load_all(text))  # a file may hold several documents
    elif path.suffix == ".json":
        json.loads(text)
    elif path.suffix in {".py", ".pyi"}:
        ast.parse(text, filename=str(path))


def check_project(project: Path) -> None:
    """Every file parses, holds no leftover Jinja, and passes ruff."""
    files = files_of(project)
    assert files, "the project is empty"
    for path in files:
        check_parses(path)
        text = path.read_text(encoding="utf-8")
        assert "cookiecutter." not in text, f"an answer left out of {path.relative_to(project)}"
        if not is_flask_template(path, project):
            assert not LEFTOVER_JINJA.search(text), f"Jinja left in {path.relative_to(project)}"
        assert text.strip(), f"{path.relative_to(project)} is empty"
    run([tool("ruff"), "check", "--no-cache", "."], cwd=project)
    run([tool("ruff"), "format", "--check", "--no-cache", "."], cwd=project)
