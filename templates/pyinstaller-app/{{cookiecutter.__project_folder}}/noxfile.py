{%- set pythons = cookiecutter.__supported_pythons.split() -%}
#!/usr/bin/env -S uv run --script
# /// script
# dependencies = ["nox>=2025.10.14"]
# ///
"""Every task a developer or CI runs: `nox -l` lists them, `nox` runs the default ones.

- nox -s tests: the test suite, on every supported Python that is installed;
- nox -s lint: ruff and mypy;
- nox -s freeze: the executable, in dist/, then its --self-test;
- nox -s freeze -- --onefile: the other bundle mode (options go to the spec file);
- nox -s archive: the frozen build packed for a release, in dist/release/;
- nox -s check_tag -- v1.2.0: a release tag must name the version in __init__.py.
"""

from __future__ import annotations

import gzip
import os
import platform
import re
import shutil
import subprocess
import sys
import tarfile
import zipfile
from pathlib import Path

import nox

nox.needs_version = ">=2025.2.9"
nox.options.default_venv_backend = "uv|virtualenv"

PYPROJECT = nox.project.load_toml("pyproject.toml")
PYTHONS = {{ pythons | list | tojson }}
NAME = "{{ cookiecutter.project_slug }}"
DIST = Path("dist")
# 1980-01-01, the earliest date a zip archive can hold: the build date when
# there is no git history to take one from.
EARLIEST_ZIP_DATE = 315532800
{%- if cookiecutter.interface == "tk" %}


def on_a_display(command: list[str]) -> list[str]:
    """Tk needs a display: on Linux without one (CI, a server), lend it a
    virtual one with xvfb-run (Debian and Ubuntu package: xvfb)."""
    headless = sys.platform == "linux" and not os.environ.get("DISPLAY")
    if headless and shutil.which("xvfb-run"):
        return ["xvfb-run", "--auto-servernum", *command]
    return command
{%- endif %}


@nox.session(python=PYTHONS)
def tests(session: nox.Session) -> None:
    """Run the test suite against the installed package."""
    session.install(".", *nox.project.dependency_groups(PYPROJECT, "test"))
{%- if cookiecutter.interface == "tk" %}
    # external: xvfb-run, when it lends the display, comes from the system.
    session.run(*on_a_display(["pytest", *session.posargs]), external=True)
{%- else %}
    session.run("pytest", *session.posargs)
{%- endif %}


@nox.session
def lint(session: nox.Session) -> None:
    """Check formatting, lint rules and types."""
    session.install(".", *nox.project.dependency_groups(PYPROJECT, "lint"))
    session.run("ruff", "format", "--check", ".")
    session.run("ruff", "check", ".")
    session.run("mypy")


def last_commit_time() -> int:
    """The time of the last commit: the same for every build of one commit."""
    command = ["git", "log", "-1", "--format=%ct"]
    try:
        result = subprocess.run(command, capture_output=True, text=True)
    except OSError:  # git is not installed
        return EARLIEST_ZIP_DATE
    return int(result.stdout) if result.returncode == 0 else EARLIEST_ZIP_DATE


def version() -> str:
    """The version, read from the one place it is written."""
    package = Path("src", "{{ cookiecutter.package_name }}")
    init = (package / "__init__.py").read_text(encoding="utf-8")
    match = re.search(r'^__version__ = "([^"]+)"$', init, re.MULTILINE)
    if match is None:
        raise RuntimeError("__version__ not found in __init__.py")
    return match.group(1)


def built() -> tuple[Path, Path]:
    """The build in dist/: (what to ship, the executable in it).

    onefile: dist/NAME is the executable itself; onedir: dist/NAME/ is a folder
    holding the executable and everything it needs{% if cookiecutter.interface != "cli" %}, and on macOS the
    application bundle dist/NAME.app made from it{% endif %}.
    """
    suffix = ".exe" if sys.platform == "win32" else ""
    onefile = DIST / f"{NAME}{suffix}"
    if onefile.is_file():
        return onefile, onefile
{%- if cookiecutter.interface != "cli" %}
    app = DIST / f"{NAME}.app"
    if app.is_dir():
        return app, app / "Contents" / "MacOS" / NAME
{%- endif %}
    return DIST / NAME, DIST / NAME / f"{NAME}{suffix}"


@nox.session(default=False)
def freeze(session: nox.Session) -> None:
    """Freeze the application with PyInstaller, reproducibly, then self-test it.

    Two builds of the same commit give byte-identical files: every package the
    build uses is pinned, with its hashes, in freeze-requirements.txt;
    timestamps come from SOURCE_DATE_EPOCH (the last commit's time) and hash
    order is fixed by PYTHONHASHSEED.
    """
    # Exactly the pinned packages, each checked against its hash; the program
    # itself is read from src/ by the spec file.
    session.install("--require-hashes", "--requirement", "freeze-requirements.txt")
    shutil.rmtree(DIST, ignore_errors=True)
    env = {"SOURCE_DATE_EPOCH": str(last_commit_time()), "PYTHONHASHSEED": "0"}
    spec = f"{NAME}.spec"
    options = ["--", *session.posargs]
    session.run("pyinstaller", "--clean", "--noconfirm", spec, *options, env=env)
    bundle, executable = built()
    # external: the executable lies in dist/, outside the session's environment.
{%- if cookiecutter.interface == "tk" %}
    session.run(*on_a_display([str(executable), "--self-test"]), external=True)
{%- elif cookiecutter.interface == "qt" %}
    # The self-test builds the window without showing it: no screen needed.
    offscreen = {"QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen")}
    session.run(str(executable), "--self-test", external=True, env=offscreen)
{%- else %}
    session.run(str(executable), "--self-test", external=True)
{%- endif %}
    files = [bundle] if bundle.is_file() else list(bundle.rglob("*"))
    # A symbolic link (a shared library under a second name) takes no room.
    real = [path for path in files if path.is_file() and not path.is_symlink()]
    size = sum(path.stat().st_size for path in real)
    session.log(f"built {bundle}: {size / 1e6:.1f} MB")


def archive_members(bundle: Path) -> list[Path]:
    """What goes into the archive, in a fixed order."""
    return [bundle, *sorted(bundle.rglob("*"))] if bundle.is_dir() else [bundle]


@nox.session(venv_backend="none", default=False)
def archive(session: nox.Session) -> None:
    """Pack the build in dist/ for a release: a zip on Windows, a tarball elsewhere.

    The archive is reproducible too: members in sorted order, every date set to
    the build's (SOURCE_DATE_EPOCH), no owner names, so two identical builds
    give byte-identical archives that anyone can compare with SHA256SUMS.
    """
    bundle, _ = built()
    epoch = last_commit_time()
    system = {"win32": "windows", "darwin": "macos"}.get(sys.platform, sys.platform)
    machine = platform.machine().lower()
    machine = {"amd64": "x86_64", "aarch64": "arm64"}.get(machine, machine)
    base = DIST / "release" / f"{NAME}-{version()}-{system}-{machine}"
    base.parent.mkdir(parents=True, exist_ok=True)
    if sys.platform == "win32":
        path = base.with_name(base.name + ".zip")
        stamp = (1980, 1, 1, 0, 0, 0)  # zip's earliest date; its dates have no zone
        with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as packed:
            for member in archive_members(bundle):
                name = member.relative_to(DIST).as_posix()
                info = zipfile.ZipInfo(name + "/" * member.is_dir(), date_time=stamp)
                info.external_attr = (0o755 if member.is_dir() else 0o644) << 16
                info.compress_type = zipfile.ZIP_DEFLATED
                packed.writestr(info, b"" if member.is_dir() else member.read_bytes())
    else:
        path = base.with_name(base.name + ".tar.gz")

        def normalise(info: tarfile.TarInfo) -> tarfile.TarInfo:
            info.mtime = epoch
            info.uid = info.gid = 0
            info.uname = info.gname = ""
            return info

        with (
            open(path, "wb") as raw,
            gzip.GzipFile(fileobj=raw, mode="wb", mtime=epoch) as compressed,
            tarfile.open(fileobj=compressed, mode="w") as packed,
        ):
            for member in archive_members(bundle):
                name = member.relative_to(DIST).as_posix()
                packed.add(member, arcname=name, recursive=False, filter=normalise)
    session.log(f"packed {path}")


@nox.session(venv_backend="none", default=False)
def check_tag(session: nox.Session) -> None:
    """Refuse a release tag that does not name the version in __init__.py, and
    tell the release workflow whether it is a pre-release (PEP 440)."""
    if len(session.posargs) != 1:
        session.error("usage: nox -s check_tag -- v1.2.0")
    tag, expected = session.posargs[0], f"v{version()}"
    if tag != expected:
        session.error(f"tag {tag} does not match __version__: expected {expected}")
    prerelease = bool(re.search(r"[0-9](a|b|rc)[0-9]+|\.dev[0-9]+", tag))
    output = os.environ.get("GITHUB_OUTPUT")
    if output:
        with open(output, "a", encoding="utf-8") as file:
            file.write(f"prerelease={str(prerelease).lower()}\n")
    session.log(f"{tag}: {'pre-release' if prerelease else 'final release'}")


if __name__ == "__main__":
    nox.main()
