{%- set pythons = cookiecutter.__supported_pythons.split() -%}
#!/usr/bin/env -S uv run --script
# /// script
# dependencies = ["nox>=2025.10.14"]
# ///
"""Every task a developer or CI runs: `nox -l` lists them, `nox` runs the default ones.

Each session gets a fresh virtual environment, made with uv when it is installed
(much faster) and with virtualenv otherwise. CI runs these same sessions, so a
green run here means a green run there.
"""

from __future__ import annotations

import glob
import shutil

import nox

nox.needs_version = ">=2025.10.14"  # download_python
nox.options.default_venv_backend = "uv|virtualenv"
# Test on the Pythons this machine has; never download one (CI installs each).
nox.options.download_python = "never"

PYPROJECT = nox.project.load_toml("pyproject.toml")
PYTHONS = {{ pythons | list | tojson }}


@nox.session(python=PYTHONS)
def tests(session: nox.Session) -> None:
    """Run the test suite against the package installed from the source tree."""
    # Not an editable install: the tests see what a user's `pip install` gives.
    session.install(".", *nox.project.dependency_groups(PYPROJECT, "test"))
    session.run("coverage", "run", "-m", "pytest", *session.posargs)
    session.run("coverage", "combine", "--quiet")  # the subprocesses' data too
    session.run("coverage", "report")


@nox.session
def lint(session: nox.Session) -> None:
    """Check formatting, lint rules and types."""
    session.install(".", *nox.project.dependency_groups(PYPROJECT, "lint", "test"))
    session.run("ruff", "format", "--check", ".")
    session.run("ruff", "check", ".")
    session.run("mypy")


@nox.session(default=False)
def build(session: nox.Session) -> None:
    """Build the sdist and the wheel into dist/, and check them as PyPI will."""
    session.install(*nox.project.dependency_groups(PYPROJECT, "build"))
    shutil.rmtree("dist", ignore_errors=True)
    session.run("python", "-m", "build", *session.posargs)
    session.run("twine", "check", "--strict", *glob.glob("dist/*"))


if __name__ == "__main__":
    nox.main()
