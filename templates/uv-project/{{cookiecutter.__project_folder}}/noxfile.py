{%- set pythons = cookiecutter.__supported_pythons.split() -%}
#!/usr/bin/env -S uv run --script
# /// script
# dependencies = ["nox>=2025.10.14"]
# ///
"""Every task a developer or CI runs: `nox -l` lists them, `nox` runs the default ones.

Day to day, `uv run pytest` tests the project in its own .venv. nox adds what
uv run does not: the same checks on every supported Python, each in a fresh
environment, the way CI runs them. uv makes those environments too, and fills
them from uv.lock (`uv sync --locked`), so every session tests exactly the
versions the lock file pins.
"""

from __future__ import annotations

import glob
import shutil

import nox

nox.needs_version = ">=2025.10.14"  # download_python
nox.options.default_venv_backend = "uv"
# Test on the Pythons this machine has; never download one (CI installs each).
nox.options.download_python = "never"

PYTHONS = {{ pythons | list | tojson }}


def uv_sync(session: nox.Session, *groups: str) -> None:
    """Install the project and the named dependency groups, as uv.lock pins
    them, into the session's environment (instead of the project's .venv).
    Not editable: the sessions test the package as it installs for a user."""
    environment = session.virtualenv.location
    session.run_install(
        "uv", "sync", "--locked", "--no-editable", "--no-default-groups",
        *(f"--group={group}" for group in groups),
        f"--python={environment}",
        env={"UV_PROJECT_ENVIRONMENT": environment},
    )  # fmt: skip


@nox.session(venv_backend="none")
def lock(session: nox.Session) -> None:
    """uv.lock must match pyproject.toml (`uv lock` brings it up to date)."""
    session.run("uv", "lock", "--check")


@nox.session(python=PYTHONS)
def tests(session: nox.Session) -> None:
    """Run the test suite."""
    uv_sync(session, "test")
    session.run("coverage", "run", "-m", "pytest", *session.posargs)
    session.run("coverage", "combine", "--quiet")  # the subprocesses' data too
    session.run("coverage", "report")


@nox.session
def lint(session: nox.Session) -> None:
    """Check formatting, lint rules and types."""
    uv_sync(session, "lint", "test")
    session.run("ruff", "format", "--check", ".")
    session.run("ruff", "check", ".")
    session.run("mypy")


@nox.session(default=False)
def build(session: nox.Session) -> None:
    """Build the sdist, then the wheel from it, into dist/; check them as PyPI will."""
    uv_sync(session, "build")
    shutil.rmtree("dist", ignore_errors=True)
    session.run("uv", "build", "--out-dir", "dist")
    session.run("twine", "check", "--strict", *glob.glob("dist/*"))


@nox.session(default=False)
def docs(session: nox.Session) -> None:
    """Build the documentation site into site/, failing on any warning."""
    uv_sync(session, "docs")
    session.run("mkdocs", "build", "--strict")


if __name__ == "__main__":
    nox.main()
