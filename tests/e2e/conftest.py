"""Fixtures of the end-to-end tier: fresh virtual environments and a real package index."""

from __future__ import annotations

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


@pytest.fixture
def new_venv(tmp_path_factory: pytest.TempPathFactory) -> Callable[[], Venv]:
    """Make a fresh virtual environment with pip in it (uv makes it in a blink)."""

    def make() -> Venv:
        path = tmp_path_factory.mktemp("venv") / ".venv"
        run([tool("uv"), "venv", "--quiet", "--seed", "--python", sys.executable, path])
        return Venv(path)

    return make


@dataclass
class PackageIndex:
    url: str
    user: str
    password: str
    packages: Path

    @property
    def simple(self) -> str:
        return f"{self.url}/simple/"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


@pytest.fixture(scope="session")
def package_index(tmp_path_factory: pytest.TempPathFactory) -> Iterator[PackageIndex]:
    """A real PyPI-like index on loopback: pypiserver, uploads behind a password.

    --disable-fallback keeps it from redirecting unknown names to PyPI, so an
    install from it proves the package really came from it.
    """
    from passlib.apache import HtpasswdFile

    home = tmp_path_factory.mktemp("index")
    packages = home / "packages"
    packages.mkdir()
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
