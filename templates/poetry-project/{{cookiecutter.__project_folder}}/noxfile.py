{%- set pythons = cookiecutter.__supported_pythons.split() -%}
#!/usr/bin/env -S uv run --script
# /// script
# dependencies = ["nox>=2025.10.14"]
# ///
"""Every task a developer runs: `nox -l` lists them, `nox` runs the default ones.

nox gives each session a fresh virtual environment, and Poetry fills it:
`poetry sync` installs exactly what poetry.lock pins, and nothing else, into
the environment nox activates. So the tests run on every Python you have, each
with the locked versions. The sessions run the Poetry release pinned below
through uv (`uvx`), so nox needs nothing else: `uvx nox` runs them.
CI (.github/workflows/ci.yml) runs the same commands through Poetry alone;
the release workflow runs the `tests` and `build` sessions.
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
# The Poetry every session runs: the same release as POETRY_VERSION in ci.yml.
POETRY_VERSION = "{{ cookiecutter._poetry_version }}"
POETRY = ["uvx", "--from", f"poetry=={POETRY_VERSION}", "poetry", "--no-interaction"]


def poetry_sync(session: nox.Session, *options: str) -> None:
    """Install what poetry.lock pins into the session's environment.

    Poetry installs into the virtual environment that is active, and nox
    activates the session's own (it sets VIRTUAL_ENV) while running it.
    """
    session.run_install(*POETRY, "sync", *options, external=True)


@nox.session(python=False)
def lock(session: nox.Session) -> None:
    """Check that poetry.lock matches pyproject.toml (run `poetry lock` if not)."""
    session.run(*POETRY, "check", "--lock", external=True)


@nox.session(python=PYTHONS)
def tests(session: nox.Session) -> None:
    """Run the test suite with the locked dependencies."""
    poetry_sync(session, "--only", "main,test")
    session.run("coverage", "run", "-m", "pytest", *session.posargs)
    session.run("coverage", "combine", "--quiet")  # the subprocesses' data too
    session.run("coverage", "report")


@nox.session
def lint(session: nox.Session) -> None:
    """Check formatting, lint rules and types."""
    poetry_sync(session, "--only", "main,test,lint")
    session.run("ruff", "format", "--check", ".")
    session.run("ruff", "check", ".")
    session.run("mypy")


@nox.session(default=False)
def build(session: nox.Session) -> None:
    """Build the sdist and the wheel into dist/, and check them as PyPI will."""
    poetry_sync(session, "--only", "build", "--no-root")
    shutil.rmtree("dist", ignore_errors=True)
    session.run(*POETRY, "build", external=True)
    session.run("twine", "check", "--strict", *glob.glob("dist/*"))


@nox.session(default=False)
def docs(session: nox.Session) -> None:
    """Build the documentation site into site/, failing on any warning."""
    poetry_sync(session, "--only", "docs", "--no-root")
    session.run("mkdocs", "build", "--strict")


if __name__ == "__main__":
    nox.main()
