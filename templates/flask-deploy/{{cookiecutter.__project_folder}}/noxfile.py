{%- set pythons = cookiecutter.__supported_pythons.split() -%}
#!/usr/bin/env -S uv run --script
# /// script
# dependencies = ["nox>=2025.10.14"]
# ///
"""Every task a developer or CI runs: `nox -l` lists them, `nox` runs the default ones.

- nox -s tests: the test suite on SQLite, or on the database DATABASE_URL names;
- nox -s lint: ruff and mypy;
- nox -s serve: Gunicorn with gunicorn.conf.py on http://127.0.0.1:8000, as in
  production but with the development configuration.
"""

from __future__ import annotations

import nox

nox.needs_version = ">=2025.2.9"
nox.options.default_venv_backend = "uv|virtualenv"

PYPROJECT = nox.project.load_toml("pyproject.toml")
PYTHONS = {{ pythons | list | tojson }}


@nox.session(python=PYTHONS)
def tests(session: nox.Session) -> None:
    """Run the test suite against the installed package."""
    # The very dependencies the image installs (requirements.txt, with hashes),
    # then the application and the test tools.
    session.install("--require-hashes", "--requirement", "requirements.txt")
    session.install("--no-deps", ".")
    session.install(*nox.project.dependency_groups(PYPROJECT, "test"))
    session.run("coverage", "run", "-m", "pytest", *session.posargs)
    session.run("coverage", "combine", "--quiet")  # the subprocesses' data too
    session.run("coverage", "report")


@nox.session
def lint(session: nox.Session) -> None:
    """Check formatting, lint rules and types."""
    session.install(".", *nox.project.dependency_groups(PYPROJECT, "lint"))
    session.run("ruff", "format", "--check", ".")
    session.run("ruff", "check", ".")
    session.run("mypy")


@nox.session(default=False)
def serve(session: nox.Session) -> None:
    """Serve the application with Gunicorn on 127.0.0.1:8000 (development settings)."""
    session.install(".")
    env = {"APP_ENV": "development", "GUNICORN_BIND": "127.0.0.1:8000"}
    app = "{{ cookiecutter.package_name }}.wsgi"
    session.run("flask", "--app", app, "db", "upgrade", env=env)
    session.run("gunicorn", "-c", "gunicorn.conf.py", f"{app}:app", env=env)


if __name__ == "__main__":
    nox.main()
