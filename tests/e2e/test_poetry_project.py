"""poetry-project, end to end, driven by the real Poetry command.

Poetry runs from its own virtual environment and never waits on a prompt
(`--no-interaction` on every call, no keyring). One harness-only change is made
to each generated project: PyPI's simple index is added as the primary source,
because Poetry's per-version JSON look-ups do not get through this network while
the simple index does. Generated projects never carry that source.
"""

from __future__ import annotations

import configparser
import email.parser
import email.utils
import os
import shutil
import subprocess
import sys
import tarfile
import tomllib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from packaging.requirements import Requirement

from tests.support import (
    OUTSIDE_NOX,
    POETRY_VERSION,
    Bake,
    PackageIndex,
    Venv,
    checkout,
    drive_library_release,
    make_venv,
    python_build,
    run,
    run_workflow_job,
    runner_path,
    sha256,
    tool,
    wheel_metadata,
)

pytestmark = pytest.mark.e2e

TEMPLATE = "poetry-project"
# The same answers for every wheel that is compared with another.
SHARED_ANSWERS = {
    "project_name": "Example Project",
    "description": "An example library with a command-line interface.",
    "cli": "click",
}
STYLES = {"pep621": {"metadata": "pep621"}, "classic": {"metadata": "classic"}}


@pytest.fixture(scope="session")
def poetry_bin(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real Poetry, installed on its own as its documentation asks."""
    venv = make_venv(tmp_path_factory.mktemp("poetry") / ".venv", seed=False)
    run([tool("uv"), "pip", "install", "--quiet", "--python", venv.python,
         f"poetry=={POETRY_VERSION}"])  # fmt: skip
    return venv.bin


@dataclass
class Poetry:
    """Runs Poetry commands in one project, never interactively."""

    bin: Path
    project: Path
    env: dict[str, str | None]

    def __call__(self, *args: str | Path) -> str:
        """Run `poetry ARGS`, which must succeed; return what it printed."""
        result = self.run(*args)
        assert result.returncode == 0, f"poetry {args} failed:\n{result.stdout}{result.stderr}"
        return result.stdout + result.stderr

    def fails(self, *args: str | Path) -> str:
        """Run `poetry ARGS`, which must fail; return what it printed."""
        result = self.run(*args)
        assert result.returncode != 0, f"poetry {args} succeeded:\n{result.stdout}"
        return result.stdout + result.stderr

    def run(self, *args: str | Path) -> subprocess.CompletedProcess[str]:
        suffix = ".exe" if sys.platform == "win32" else ""
        command = [self.bin / f"poetry{suffix}", "--no-interaction", "--no-ansi", *args]
        return run(command, cwd=self.project, env=self.env, check=False)

    def pyproject(self) -> dict[str, Any]:
        return tomllib.loads((self.project / "pyproject.toml").read_text(encoding="utf-8"))

    def lock(self) -> dict[str, Any]:
        return tomllib.loads((self.project / "poetry.lock").read_text(encoding="utf-8"))


def poetry_env(poetry_bin: Path) -> dict[str, str | None]:
    """The environment of a Poetry call: no keyring, no prompt, and not the
    virtual environment the tests run in (Poetry would install into it)."""
    return {
        "PATH": os.pathsep.join([str(poetry_bin), os.environ["PATH"]]),
        "PYTHON_KEYRING_BACKEND": "keyring.backends.null.Keyring",
        "POETRY_NO_INTERACTION": "1",
        **OUTSIDE_NOX,
    }


def harness_source(poetry: Poetry) -> None:
    poetry("source", "add", "--priority=primary", "pypi-simple", "https://pypi.org/simple/")


@pytest.fixture
def new_poetry_project(bake: Bake, poetry_bin: Path) -> Callable[..., Poetry]:
    """Bake a project and get Poetry ready to drive it."""

    def make(**answers: str) -> Poetry:
        poetry = Poetry(poetry_bin, bake(TEMPLATE, **answers), poetry_env(poetry_bin))
        harness_source(poetry)
        return poetry

    return make


# Tests of one style share its locked project: keep them on one worker.
@pytest.fixture(
    scope="module",
    params=[
        pytest.param(style, marks=pytest.mark.xdist_group(f"poetry-{style}")) for style in STYLES
    ],
)
def locked(request: pytest.FixtureRequest, bake_once: Bake, poetry_bin: Path) -> Poetry:
    """A project of each metadata style, locked and installed with Poetry."""
    project = bake_once(TEMPLATE, **SHARED_ANSWERS, **STYLES[request.param])
    poetry = Poetry(poetry_bin, project, poetry_env(poetry_bin))
    harness_source(poetry)
    poetry("lock")
    poetry("install")
    return poetry


def test_the_lock_file_matches_and_poetry_check_passes(locked: Poetry) -> None:
    if "project" in locked.pyproject():
        assert "All set!" in locked("check", "--lock", "--strict")
    else:
        # The classic table passes, with a deprecation warning per field that
        # [project] could hold: so its CI runs `poetry check` without --strict.
        assert "[tool.poetry.name] is deprecated" in locked("check", "--lock")
        assert "Error" not in locked("check", "--lock")
        assert "deprecated" in locked.fails("check", "--lock", "--strict")
    packages = {package["name"]: package for package in locked.lock()["package"]}
    assert {"click", "pytest", "ruff", "mypy", "twine"} <= set(packages)
    assert "mkdocs-material" in packages, "the optional docs group is locked too"


def test_the_platform_marked_dependency_is_locked_but_installed_only_on_windows(
    locked: Poetry,
) -> None:
    packages = {package["name"] for package in locked.lock()["package"]}
    assert "colorama" in packages
    installed = locked("run", "python", "-c", "import importlib.util as u; "
                       "print(u.find_spec('colorama') is not None)")  # fmt: skip
    assert installed.strip() == str(sys.platform == "win32")


def test_poetry_install_puts_the_venv_in_the_project(locked: Poetry) -> None:
    # poetry.toml asks for an in-project environment.
    assert (locked.project / ".venv").is_dir()
    where = locked("env", "info", "--path").strip()
    assert Path(where) == locked.project / ".venv"


def test_the_projects_own_tests_pass_under_poetry_run(locked: Poetry) -> None:
    output = locked("run", "pytest", "-p", "no:cacheprovider")
    assert " passed" in output
    assert "failed" not in output


def test_the_command_runs_under_poetry_run(locked: Poetry) -> None:
    assert locked("run", "example-project", "10") == "55\n"
    assert locked("run", "example-project", "--version") == "example-project, version 0.1.0\n"
    assert locked("run", "python", "-m", "example_project", "12") == "144\n"


def test_add_then_remove_a_dependency_leaves_a_consistent_lock(
    locked: Poetry, tmp_path: Path
) -> None:
    project = checkout(locked.project, tmp_path)
    poetry = Poetry(locked.bin, project, locked.env)
    before = (project / "pyproject.toml").read_text(encoding="utf-8")

    poetry("add", "attrs>=23.1")
    assert "attrs" in {package["name"] for package in poetry.lock()["package"]}
    poetry("check", "--lock")
    assert poetry("run", "python", "-c", "import attrs; print('ok')") == "ok\n"

    poetry("remove", "attrs")
    assert "attrs" not in {package["name"] for package in poetry.lock()["package"]}
    poetry("check", "--lock")
    after = (project / "pyproject.toml").read_text(encoding="utf-8")
    assert tomllib.loads(after) == tomllib.loads(before)
    assert "ModuleNotFoundError" in poetry.fails("run", "python", "-c", "import attrs")


def test_ci_workflow_jobs_pass(
    locked: Poetry, tmp_path: Path, new_venv: Callable[[], Venv]
) -> None:
    """The generated ci.yml, job by job, run step by step as a runner would:
    Poetry installed with pip, the project installed from poetry.lock."""
    project = checkout(locked.project, tmp_path)
    python = new_venv()
    env = {**locked.env, "PATH": os.pathsep.join([str(python.bin), os.environ["PATH"]])}
    workflow = project / ".github" / "workflows" / "ci.yml"
    values = {"matrix.python-version": f"3.{sys.version_info.minor}"}
    for job in ["lock", "lint", "tests", "build", "docs"]:
        run_workflow_job(workflow, job, cwd=project, values=values, env=env)
    assert sorted(path.name for path in (project / "dist").iterdir()) == [
        "example_project-0.1.0-py3-none-any.whl",
        "example_project-0.1.0.tar.gz",
    ]
    assert (project / "site" / "index.html").is_file()
    assert shutil.which("poetry", path=str(python.bin)), "the job installed Poetry with pip"


def test_release_workflow_tests_then_builds_with_poetry_and_checks_the_tag(
    locked: Poetry, tmp_path: Path, new_venv: Callable[[], Venv]
) -> None:
    """The release jobs run the noxfile's sessions, which run the pinned Poetry
    through uvx: the runner has Python and uv, and no Poetry of its own."""
    project = checkout(locked.project, tmp_path)
    drive_library_release(project, {**locked.env, "PATH": runner_path(new_venv())}, "0.1.0")


def test_the_nox_sessions_drive_poetry(locked: Poetry, tmp_path: Path) -> None:
    """The generated noxfile: Poetry fills each session's fresh environment."""
    project = checkout(locked.project, tmp_path)
    python = f"3.{sys.version_info.minor}"
    env = {
        **locked.env,
        "PATH": os.pathsep.join([str(Path(tool("uv")).parent), os.environ["PATH"]]),
    }
    result = run(
        [tool("nox"), "-s", "lock", f"tests-{python}", "lint", "build"], cwd=project, env=env
    )
    assert "Session build was successful" in result.stderr
    assert not (project / ".venv").exists(), "nox sessions must not touch the project's .venv"
    # Each session installs its own groups only: the tests get no release tools.
    tests_env = project / ".nox" / f"tests-{python.replace('.', '-')}"
    installed = {path.name.split("-")[0].lower() for path in tests_env.rglob("*.dist-info")}
    assert {"pytest", "example_project"} <= installed
    assert not installed & {"twine", "ruff", "mypy", "cryptography", "pre_commit"}, installed
    assert len(list((project / "dist").iterdir())) == 2


def core_metadata(wheel: Path) -> dict[str, Any]:
    """What a wheel tells installers and PyPI, in a form two backends can agree on.

    Backends spell the same facts differently: `click (>=8.1)` or `click>=8.1`,
    `Author` + `Author-email` or `Author-email: Name <email>`, entry points with
    or without spaces. The long description is the README, checked separately.
    """
    metadata, entry_points_text, files = wheel_metadata(wheel)
    entry_points = configparser.ConfigParser()
    entry_points.read_string(entry_points_text)
    authors = set()
    for name, address in email.utils.getaddresses(metadata.get_all("Author-email", [])):
        authors.add((name or metadata.get("Author", ""), address))
    return {
        "name": metadata["Name"],
        "version": metadata["Version"],
        "summary": metadata["Summary"],
        "keywords": metadata.get("Keywords"),
        "requires-python": metadata["Requires-Python"],
        "license-expression": metadata.get("License-Expression"),
        "license": metadata.get("License"),
        "license-files": metadata.get_all("License-File"),
        "authors": authors,
        "classifiers": set(metadata.get_all("Classifier", [])),
        "requires-dist": {str(Requirement(r)) for r in metadata.get_all("Requires-Dist", [])},
        "urls": set(metadata.get_all("Project-URL", [])),
        "content-type": metadata["Description-Content-Type"],
        "scripts": dict(entry_points["console_scripts"]),
        "files": files,
    }


def test_the_metadata_styles_and_setuptools_agree(bake_once: Bake, tmp_path: Path) -> None:
    """pep621 and classic Poetry wheels, and the setuptools-package wheel for the
    same answers, carry the same metadata. The one difference is how the
    classic [tool.poetry] table states the licence: a `License` field plus the
    matching trove classifier, where [project] writes a PEP 639 expression."""
    wheels = {}
    for style in STYLES:
        project = bake_once(TEMPLATE, **SHARED_ANSWERS, **STYLES[style])
        python_build(project, tmp_path / style, "--wheel")
        (wheels[style],) = (tmp_path / style).glob("*.whl")
    setuptools = bake_once("setuptools-package", **SHARED_ANSWERS, project_slug="example-project")
    python_build(setuptools, tmp_path / "setuptools", "--wheel")
    (wheels["setuptools"],) = (tmp_path / "setuptools").glob("*.whl")
    pep621, classic, reference = (core_metadata(wheels[key]) for key in [*STYLES, "setuptools"])

    assert pep621 == reference
    assert pep621["keywords"] == "command-line"
    assert pep621["license-expression"] == "MIT"
    assert pep621["requires-dist"] == {"click>=8.1"}
    assert classic.pop("license") == "MIT"
    assert classic.pop("classifiers") - pep621["classifiers"] == {
        "License :: OSI Approved :: MIT License"
    }
    assert {
        key: value for key, value in pep621.items() if key not in {"license", "classifiers"}
    } == {
        **classic,
        "license-expression": "MIT",
    }


def test_poetry_build_and_python_m_build_make_equivalent_wheels(
    locked: Poetry, tmp_path: Path
) -> None:
    """The same wheel from `poetry build`, from `python -m build`, and from the
    sdist alone, which carries the tests for whoever rebuilds it."""
    project = checkout(locked.project, tmp_path)
    poetry = Poetry(locked.bin, project, locked.env)
    poetry("build")
    (by_poetry,) = (project / "dist").glob("*.whl")
    python_build(project, tmp_path / "pypa", "--wheel")
    (by_build,) = (tmp_path / "pypa").glob("*.whl")
    assert by_poetry.name == by_build.name
    assert core_metadata(by_poetry) == core_metadata(by_build)

    (sdist,) = (project / "dist").glob("*.tar.gz")
    with tarfile.open(sdist) as archive:
        archive.extractall(tmp_path / "unpacked", filter="data")
    (unpacked,) = (tmp_path / "unpacked").iterdir()
    assert (unpacked / "tests" / "test_cli.py").is_file()
    assert (unpacked / "CHANGELOG.md").is_file()
    python_build(unpacked, tmp_path / "from-sdist", "--wheel")
    (from_sdist,) = (tmp_path / "from-sdist").glob("*.whl")
    assert core_metadata(from_sdist) == core_metadata(by_poetry)


def test_prerelease_publish_to_a_real_index_and_use_it_as_a_private_source(
    new_poetry_project: Callable[..., Poetry],
    package_index: PackageIndex,
    new_venv: Callable[[], Venv],
) -> None:
    """`poetry version prerelease`, `poetry build`, twine check, `poetry publish`
    to the local index; pip installs it back; then another project that names
    the index as its private source depends on it through Poetry."""
    poetry = new_poetry_project(project_name="Shipyard Poetry Check")
    assert "0.1.0 to 0.1.1a0" in poetry("version", "prerelease")
    poetry("build")
    dist = sorted((poetry.project / "dist").iterdir())
    assert [path.name for path in dist] == [
        "shipyard_poetry_check-0.1.1a0-py3-none-any.whl",
        "shipyard_poetry_check-0.1.1a0.tar.gz",
    ]
    run([tool("twine"), "check", "--strict", *dist])

    index_env = {
        "POETRY_REPOSITORIES_LOCAL_URL": package_index.url,
        "POETRY_HTTP_BASIC_LOCAL_USERNAME": package_index.user,
    }
    publish = Poetry(poetry.bin, poetry.project, {**poetry.env, **index_env})
    wrong_password = {**publish.env, "POETRY_HTTP_BASIC_LOCAL_PASSWORD": "not the password"}
    refused = Poetry(poetry.bin, poetry.project, wrong_password)
    assert "403" in refused.fails("publish", "--repository", "local")
    assert package_index.published("shipyard-poetry-check") == {}
    publish.env["POETRY_HTTP_BASIC_LOCAL_PASSWORD"] = package_index.password
    publish("publish", "--repository", "local")
    assert package_index.published("shipyard-poetry-check") == {
        path.name: sha256(path) for path in dist
    }

    venv = new_venv()
    venv.pip("install", "--quiet", "--no-cache-dir", "--index-url", package_index.simple,
             "--pre", "shipyard-poetry-check")  # fmt: skip
    assert venv.run("shipyard-poetry-check", "12") == "144\n"

    consumer = new_poetry_project(
        project_name="Shipyard Consumer", private_index_url=package_index.simple
    )
    # Poetry caches downloads by URL, across runs: a file this test published
    # in an earlier run, from an index on the same port, would be taken from
    # the cache and fail the lock file's hash.
    consumer.env["POETRY_CACHE_DIR"] = str(consumer.project.parent / "poetry-cache")
    consumer("add", "--source", "private", "shipyard-poetry-check==0.1.1a0")
    locked = {package["name"]: package for package in consumer.lock()["package"]}
    assert locked["shipyard-poetry-check"]["source"]["reference"] == "private"
    consumer("install")
    script = "import shipyard_poetry_check as p; print(p.fibonacci(20), p.__version__)"
    assert consumer("run", "python", "-c", script) == "6765 0.1.1a0\n"
