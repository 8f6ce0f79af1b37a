"""A container engine of the suite's own, and a stand-in for the Python base image.

No registry of container images is reachable here, so `FROM python:...`
cannot be pulled. The tests build the generated Dockerfile, unchanged, on a
stand-in base instead: Debian's own Python, bootstrapped from Debian's
packages by mmdebstrap (the release the official `python:*-slim-bookworm`
images are built on), tagged with the name the Dockerfile asks for, in a
daemon that never talks to a registry. What that proves and what it does not
is said in the flask-deploy template's README.

dockerd runs with data, exec root, socket and pid file in a folder of its own,
with no bridge and no firewall rules: every container uses the host's network,
so every request stays on loopback. It is stopped by its PID, and leaves
nothing behind.
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from tests.support import ROOT, run

# The stand-in's root filesystem, as imported; it is then tagged with the
# name of the base image that the Dockerfile names.
ROOT_FILESYSTEM = "shipyard/debian-python:root-filesystem"
# What mmdebstrap bootstraps: the Debian release the official image names
# (python:3.X-slim-<release>), with the packages its Python stands for (a venv
# needs python3-venv; `python` is python-is-python3).
DEBIAN_RELEASES = ("bookworm", "trixie", "forky")
BASE_PACKAGES = ["python3", "python3-venv", "python-is-python3", "ca-certificates"]
# Where the stand-in's root filesystem is kept between runs: pytest's cache
# folder, which git ignores.
BASE_CACHE = ROOT / ".pytest_cache" / "d" / "container-base"
# A cached root filesystem older than this is bootstrapped again, for
# Debian's security updates.
BASE_MAX_AGE = 7 * 24 * 3600
# The host's certificate authorities, added to the stand-in at each run (never
# baked into the cached file): package downloads during a build may pass a
# proxy that only the host's bundle trusts.
HOST_CA_BUNDLE = Path("/etc/ssl/certs/ca-certificates.crt")


@dataclass
class Docker:
    """The docker client, talking to the suite's own daemon."""

    socket: Path

    def env(self) -> dict[str, str]:
        # The classic builder: it runs a build on the host's network, which
        # BuildKit does only with an entitlement this daemon does not grant.
        return {"DOCKER_HOST": f"unix://{self.socket}", "DOCKER_BUILDKIT": "0"}

    def __call__(self, *args: str | Path, check: bool = True, timeout: float = 600) -> str:
        return run(["docker", *args], env=self.env(), check=check, timeout=timeout).stdout

    def result(self, *args: str | Path, timeout: float = 600) -> subprocess.CompletedProcess[str]:
        return run(["docker", *args], env=self.env(), check=False, timeout=timeout)


def mounts_under(folder: Path) -> list[str]:
    with open("/proc/self/mounts", encoding="utf-8") as mounts:
        return [line.split()[1] for line in mounts if line.split()[1].startswith(str(folder))]


@contextmanager
def running_dockerd(folder: Path) -> Iterator[Docker]:
    """dockerd with everything it writes under `folder`; stopped by its PID."""
    if shutil.which("dockerd") is None or shutil.which("docker") is None:
        raise AssertionError("dockerd is not installed: .ci/install-system-programs installs it")
    folder.mkdir(parents=True, exist_ok=True)
    docker = Docker(folder / "docker.sock")
    log = folder / "dockerd.log"
    # fmt: off
    command = [
        "dockerd",
        "--data-root", str(folder / "data"), "--exec-root", str(folder / "exec"),
        "--pidfile", str(folder / "dockerd.pid"), "--host", f"unix://{docker.socket}",
        "--bridge=none", "--iptables=false", "--ip6tables=false",
    ]
    # fmt: on
    process = subprocess.Popen(command, stdout=log.open("ab"), stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + 60
        while docker.result("version").returncode != 0:
            if process.poll() is not None or time.monotonic() > deadline:
                raise AssertionError(
                    "dockerd could not start on this machine:\n" + log.read_text()[-3000:]
                )
            time.sleep(0.2)
        yield docker
    finally:
        running = docker.result("ps", "--quiet").stdout.split() if process.poll() is None else []
        if running:
            docker.result("rm", "--force", *running)
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=60)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        for mount in reversed(mounts_under(folder)):  # what a killed daemon may leave
            subprocess.run(["umount", "--lazy", mount], check=False)
        shutil.rmtree(folder, ignore_errors=True)


def base_root_filesystem(release: str, cache: Path = BASE_CACHE) -> Path:
    """Debian's Python as a compressed root filesystem: from the cache while
    it is younger than a week, bootstrapped with mmdebstrap otherwise."""
    tarball = cache / f"debian-{release}-python.tar.zst"
    if tarball.exists() and time.time() - tarball.stat().st_mtime < BASE_MAX_AGE:
        return tarball
    if shutil.which("mmdebstrap") is None:
        raise AssertionError("mmdebstrap is not installed: .ci/install-system-programs installs it")
    cache.mkdir(parents=True, exist_ok=True)
    partial = tarball.with_name(tarball.name + ".partial.tar.zst")
    # fmt: off
    run([
        "mmdebstrap", "--quiet", "--variant=minbase",
        f"--include={','.join(BASE_PACKAGES)}", release, str(partial),
    ], timeout=900)
    # fmt: on
    partial.replace(tarball)
    return tarball


def base_image(project: Path) -> str:
    """The one base image the project's Dockerfile builds its stages FROM."""
    dockerfile = (project / "Dockerfile").read_text(encoding="utf-8")
    names: set[str] = set(re.findall(r"^FROM (\S+)", dockerfile, flags=re.MULTILINE))
    (name,) = names
    return name


def tag_stand_in_base(docker: Docker, project: Path, work: Path, cache: Path = BASE_CACHE) -> str:
    """Make the stand-in the base image the project's Dockerfile names, with the
    host's certificate authorities added; that name."""
    name = base_image(project)
    release = name.rpartition("-")[2]
    assert release in DEBIAN_RELEASES, f"{name} names no Debian release the stand-in knows"
    tarball = base_root_filesystem(release, cache)
    decompress = subprocess.Popen(
        ["zstd", "--decompress", "--stdout", tarball], stdout=subprocess.PIPE
    )
    # fmt: off
    imported = subprocess.run(
        ["docker", "import",
         "--change", "ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
         "--change", "ENV LANG=C.UTF-8",
         "-", ROOT_FILESYSTEM],
        stdin=decompress.stdout, env={**os.environ, **docker.env()},
        capture_output=True, text=True, check=False,
    )
    # fmt: on
    decompress.wait()
    assert imported.returncode == 0, imported.stderr
    context = work / "stand-in-base"
    context.mkdir(parents=True)
    shutil.copy(HOST_CA_BUNDLE, context / "ca-certificates.crt")
    (context / "Dockerfile").write_text(
        f"FROM {ROOT_FILESYSTEM}\n"
        "COPY ca-certificates.crt /etc/ssl/certs/ca-certificates.crt\n"
        # Debian's pip reads certifi's bundle unless told otherwise.
        "ENV PIP_CERT=/etc/ssl/certs/ca-certificates.crt\n",
        encoding="utf-8",
    )
    docker("build", "--quiet", "--tag", name, context)
    return name
