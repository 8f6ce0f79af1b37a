"""The collection's tasks. `python -m nox` runs them all: it is the README's test command.

    nox -s tests    fast tier: bake every template across its options, check the files
    nox -s e2e      end-to-end tier: build, install, publish and run what is baked
    nox -s lint     the collection's own code and workflows
    nox -s bench    how long templates take to bake, build and start; how big they are

Sessions make their virtual environments with uv when it is installed (seconds
instead of tens of seconds) and with virtualenv otherwise.
"""

from __future__ import annotations

import nox

nox.needs_version = ">=2025.2.9"
nox.options.default_venv_backend = "uv|virtualenv"
nox.options.sessions = ["lint", "tests", "e2e", "bench"]

PYPROJECT = nox.project.load_toml("pyproject.toml")


@nox.session
def lint(session: nox.Session) -> None:
    """Format, lint and type-check the hook library, the tests and this file."""
    session.install(*nox.project.dependency_groups(PYPROJECT, "lint"))
    session.run("ruff", "format", "--check", ".")
    session.run("ruff", "check", ".")
    session.run("mypy")


@nox.session
def tests(session: nox.Session) -> None:
    """The fast tier: every template baked across its options, every file checked."""
    session.install(*nox.project.dependency_groups(PYPROJECT, "test"))
    session.run("pytest", "-m", "not e2e", "-n", "auto", *session.posargs)


@nox.session
def e2e(session: nox.Session) -> None:
    """The end-to-end tier: generated projects built, installed, published and run."""
    session.install(*nox.project.dependency_groups(PYPROJECT, "e2e"))
    # loadgroup: tests that share a slow fixture (an xdist_group) run on one worker.
    session.run("pytest", "-m", "e2e", "-n", "auto", "--dist", "loadgroup", *session.posargs)


@nox.session
def bench(session: nox.Session) -> None:
    """Benchmarks: a table of times and sizes, written to .bench/results.md, never asserted."""
    session.install(*nox.project.dependency_groups(PYPROJECT, "e2e"))
    session.run("python", "-m", "tests.bench")
