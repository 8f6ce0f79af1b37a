"""The collection's tasks. `python tools/run.py nox` runs them all: it is the README's test command.

    nox -s tests    fast tier: bake every template across its options, check the files
    nox -s e2e      end-to-end tier: build, install, publish and run what is baked
    nox -s lint     the collection's own code and workflows
    nox -s docs     build the docs site strictly, then check every page in a browser
    nox -s docs_pages   regenerate the files the docs' comparison pages show
    nox -s sync     copy the shared sources of hooks/ into every template
    nox -s bench    how long templates take to bake, build and start; how big they are

Sessions make their virtual environments with uv when it is installed (seconds
instead of tens of seconds) and with virtualenv otherwise.
"""

from __future__ import annotations

import base64
import hashlib
import io
import sys
import tarfile
import urllib.request
from pathlib import Path

import nox

nox.needs_version = ">=2025.2.9"
nox.options.default_venv_backend = "uv|virtualenv"
nox.options.sessions = ["lint", "tests", "docs", "e2e", "bench"]

PYPROJECT = nox.project.load_toml("pyproject.toml")

# Mermaid, which draws the docs' diagrams, from the npm registry: pinned, and
# checked against the registry's published SHA-512 before use.
MERMAID_VERSION = "11.17.2"
MERMAID_SHA512 = (
    "V6K3C8EBdEsPFZXSKMJe6ppQOENxuHARr9GvHX4hh47lAbhMRD9qf4oEK7LoaRQxULMa80/qt5gHO73aCleBBg=="
)
MERMAID_JS = Path("docs/assets/javascripts/mermaid.min.js")


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
    session.run("pytest", "-m", "not e2e and not docs", "-n", "auto", *session.posargs)


@nox.session
def docs(session: nox.Session) -> None:
    """Build the site with --strict into site/, then open every page in Chromium."""
    session.install(*nox.project.dependency_groups(PYPROJECT, "docs"))
    fetch_mermaid(Path(session.cache_dir))
    session.run("mkdocs", "build", "--strict")
    session.run("pytest", "-m", "docs", "tests/test_docs_site.py", *session.posargs)


@nox.session
def docs_pages(session: nox.Session) -> None:
    """Regenerate docs/generated/ from the templates; commit what changes."""
    session.install(*nox.project.dependency_groups(PYPROJECT, "test"))
    session.run("python", "-m", "tools.docs_pages")


@nox.session(venv_backend="none")
def sync(session: nox.Session) -> None:
    """Copy the shared sources of hooks/ into every template; commit what changes."""
    session.run(sys.executable, "tools/sync_templates.py")


@nox.session
def lock_images(session: nox.Session) -> None:
    """Lock, with hashes, what flask-deploy's image installs; commit what changes."""
    session.install(*nox.project.dependency_groups(PYPROJECT, "run"))
    session.run("python", "tools/lock_images.py")


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
    session.run("python", "-m", "tools.bench")


def fetch_mermaid(cache: Path) -> None:
    """Put the pinned Mermaid into the site, so diagrams need no CDN."""
    archive = cache / f"mermaid-{MERMAID_VERSION}.tgz"
    if archive.exists():
        data = archive.read_bytes()
    else:
        url = f"https://registry.npmjs.org/mermaid/-/mermaid-{MERMAID_VERSION}.tgz"
        with urllib.request.urlopen(url, timeout=120) as response:
            data = response.read()
    # Checked on every use: the cached copy is trusted no more than the download.
    if base64.b64encode(hashlib.sha512(data).digest()).decode() != MERMAID_SHA512:
        archive.unlink(missing_ok=True)
        raise RuntimeError(f"mermaid {MERMAID_VERSION} does not match its pinned SHA-512")
    if not archive.exists():
        cache.mkdir(parents=True, exist_ok=True)
        partial = archive.with_suffix(".part")
        partial.write_bytes(data)
        partial.replace(archive)
    with tarfile.open(fileobj=io.BytesIO(data)) as package:
        member = package.extractfile("package/dist/mermaid.min.js")
        assert member is not None
        MERMAID_JS.parent.mkdir(parents=True, exist_ok=True)
        MERMAID_JS.write_bytes(member.read())
