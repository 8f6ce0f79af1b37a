"""Fixtures of the end-to-end tier: fresh virtual environments and a real package index."""

from __future__ import annotations

import contextlib
import hashlib
import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.support import run, tool

GIT = ["git", "-c", "user.name=Shipyard Tests", "-c", "user.email=tests@example.com"]


def git_commit(project: Path, tag: str | None = None) -> None:
    """Make the project a git repository with one commit, tagged if asked."""
    run([*GIT, "init", "-q", "-b", "main"], cwd=project)
    run([*GIT, "add", "-A"], cwd=project)
    run([*GIT, "commit", "-q", "-m", "Initial commit"], cwd=project)
    if tag:
        run([*GIT, "tag", tag], cwd=project)


def python_build(project: Path, outdir: Path, *args: str) -> None:
    """Build with pypa/build, the way pip or any other frontend would."""
    run([sys.executable, "-m", "build", "--installer", "uv", "--outdir", outdir, *args, project])


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


def make_venv(tmp_path_factory: pytest.TempPathFactory) -> Venv:
    """A fresh virtual environment with pip in it (uv makes it in a blink)."""
    path = tmp_path_factory.mktemp("venv") / ".venv"
    run([tool("uv"), "venv", "--quiet", "--seed", "--python", sys.executable, path])
    return Venv(path)


@pytest.fixture
def new_venv(tmp_path_factory: pytest.TempPathFactory) -> Callable[[], Venv]:
    """Make fresh virtual environments, as many as a test needs."""
    return lambda: make_venv(tmp_path_factory)


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


@pytest.fixture(scope="session")
def package_index(tmp_path_factory: pytest.TempPathFactory) -> Iterator[PackageIndex]:
    """One empty index per test session, for the tests that publish and install back."""
    home = tmp_path_factory.mktemp("index")
    packages = home / "packages"
    packages.mkdir()
    with serve_index(home, packages) as index:
        yield index
