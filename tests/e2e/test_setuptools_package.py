"""setuptools-package, end to end: build, check, install, run, test, publish.

Each option combination that changes the build is baked once, built once with
`python -m build`, and then driven with the real tools in fresh environments.
"""

from __future__ import annotations

import shutil
import sys
import tarfile
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.support import (
    Bake,
    PackageIndex,
    Venv,
    checkout,
    git_commit,
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

TEMPLATE = "setuptools-package"
TAG_VERSION = "1.2.3"

# The combinations that change what is built: metadata style, versioning, the
# C extension (and with it the CLI library, which changes the dependencies).
COMBINATIONS = {
    "pyproject": {"metadata": "pyproject.toml"},
    "setup.py": {"metadata": "setup.py"},
    "pyproject-scm-c-click": {
        "metadata": "pyproject.toml",
        "versioning": "setuptools-scm",
        "c_extension": "cpython",
        "cli": "click",
    },
    "setup.py-scm-c-click": {
        "metadata": "setup.py",
        "versioning": "setuptools-scm",
        "c_extension": "cpython",
        "cli": "click",
    },
    # Unusual but valid answers must still build: unicode, dots, apostrophes.
    "unusual-names": {
        "project_name": "Café Ünïcode Tools",
        "project_slug": "cafe.unicode-tools",
        "author_name": "Zoë O'Brien-Łukasz",
        "license": "GPL-3.0-or-later",
    },
}
# The compiled module's file, named for the stable ABI (on Windows, `.pyd` alone).
EXTENSION_FILE = "_speedups.pyd" if sys.platform == "win32" else "_speedups.abi3.so"


@dataclass
class Built:
    project: Path
    answers: dict[str, str]
    sdist: Path
    wheel: Path
    log: str  # what the build printed

    @property
    def slug(self) -> str:
        return self.project.name

    @property
    def package(self) -> str:
        return self.slug.replace("-", "_").replace(".", "_")

    @property
    def version(self) -> str:
        scm = self.answers.get("versioning") == "setuptools-scm"
        return TAG_VERSION if scm else "0.1.0"

    @property
    def has_extension(self) -> bool:
        return self.answers.get("c_extension") == "cpython"


# Tests of one combination share its build: keep them on one worker.
@pytest.fixture(
    scope="module",
    params=[
        pytest.param(name, marks=pytest.mark.xdist_group(f"setuptools-{name}"))
        for name in COMBINATIONS
    ],
)
def built(request: pytest.FixtureRequest, bake_once: Bake) -> Built:
    answers = COMBINATIONS[request.param]
    project = bake_once(TEMPLATE, **answers)
    if answers.get("versioning") == "setuptools-scm":
        git_commit(project, tag=f"v{TAG_VERSION}")
    dist = project / "dist"
    log = python_build(project, dist)
    (sdist,) = dist.glob("*.tar.gz")
    (wheel,) = dist.glob("*.whl")
    return Built(project, answers, sdist, wheel, log)


@pytest.fixture(scope="module")
def installed(built: Built, tmp_path_factory: pytest.TempPathFactory) -> Venv:
    """A fresh environment with the built wheel installed, as a user gets it."""
    venv = make_venv(tmp_path_factory.mktemp("venv") / ".venv")
    venv.pip("install", "--quiet", built.wheel)
    return venv


def test_distributions_pass_the_checks_pypi_makes(built: Built) -> None:
    run([tool("twine"), "check", "--strict", built.sdist, built.wheel])
    run([tool("validate-pyproject"), built.project / "pyproject.toml"])
    assert built.sdist.name == f"{built.package}-{built.version}.tar.gz"
    tags = built.wheel.name.removesuffix(".whl").split("-")[2:]
    if built.has_extension:
        # The stable ABI: one wheel for CPython 3.11, the default oldest
        # Python, and every newer one, whichever Python built it.
        assert tags[:2] == ["cp311", "abi3"], built.wheel.name
        assert tags[2] != "any"
    else:
        assert tags == ["py3", "none", "any"]


def test_the_manifest_matches_what_it_names(built: Built) -> None:
    """MANIFEST.in names no pattern that matches nothing: setuptools warns about
    each one, on every build."""
    assert "warning: no " not in built.log, built.log


def test_the_wheel_holds_the_package_and_its_type_information(built: Built) -> None:
    names = zipfile.ZipFile(built.wheel).namelist()
    package = built.package
    for module in ["__init__.py", "__main__.py", "cli.py", "core.py", "py.typed"]:
        assert f"{package}/{module}" in names
    compiled = [name for name in names if name.startswith(f"{package}/_speedups.")]
    if built.has_extension:
        # The compiled module and its type stub; the C source stays in the sdist.
        assert sorted(compiled) == [f"{package}/{EXTENSION_FILE}", f"{package}/_speedups.pyi"]
    else:
        assert compiled == []
    assert any(name.endswith("licenses/LICENSE") for name in names)


def test_the_sdist_can_rebuild_everything(built: Built, tmp_path: Path) -> None:
    # A downstream packager builds from the sdist alone: it must hold the tests too.
    with tarfile.open(built.sdist) as sdist:
        sdist.extractall(tmp_path, filter="data")
    (unpacked,) = tmp_path.iterdir()
    assert (unpacked / "tests" / "test_cli.py").is_file()
    python_build(unpacked, tmp_path / "dist", "--wheel")
    (wheel,) = (tmp_path / "dist").glob("*.whl")
    assert wheel.name == built.wheel.name


def test_the_console_script_runs(built: Built, installed: Venv) -> None:
    assert installed.run(built.slug, "--version").split()[-1] == built.version
    assert "Print the N-th Fibonacci number." in installed.run(built.slug, "--help")
    assert installed.run(built.slug, "10") == "55\n"
    assert installed.run("python", "-m", built.package, "90") == "2880067194370816120\n"


def test_the_installed_package_is_the_wheel(built: Built, installed: Venv) -> None:
    script = f"import {built.package} as p; print(p.__file__); print(p.__version__)"
    location, version = installed.run("python", "-c", script).split()
    assert "site-packages" in location
    assert version == built.version
    if built.has_extension:
        script = f"from {built.package} import core, _speedups\n"
        script += "print(core.fibonacci is _speedups.fibonacci)\n"
        script += "print(_speedups.__file__)\n"
        script += "print(_speedups.fibonacci(100))"
        in_use, module, value = installed.run("python", "-c", script).splitlines()
        assert in_use == "True"
        assert Path(module).name == EXTENSION_FILE, module
        assert value == "354224848179261915075"


def test_the_projects_own_tests_pass_against_the_wheel(built: Built, installed: Venv) -> None:
    installed.pip("install", "--quiet", "--group", "test", cwd=built.project)
    output = installed.run("python", "-m", "pytest", "-p", "no:cacheprovider", cwd=built.project)
    assert " passed" in output
    assert "failed" not in output


def test_ci_workflow_steps_pass(built: Built, tmp_path: Path, new_venv: Callable[[], Venv]) -> None:
    """The generated ci.yml, job by job, run step by step: its nox sessions pass."""
    project = checkout(built.project, tmp_path)
    path = runner_path(new_venv())
    workflow = project / ".github" / "workflows" / "ci.yml"
    python_version = f"3.{sys.version_info.minor}"
    for job in ["lint", "build", "tests"]:
        run_workflow_job(
            workflow,
            job,
            cwd=project,
            values={"matrix.python-version": python_version},
            env={"PATH": path},
        )
    assert sorted(path.name for path in (project / "dist").iterdir()) == sorted(
        [built.sdist.name, built.wheel.name]
    )


def test_release_workflow_builds_checks_and_picks_the_index(
    built: Built, tmp_path: Path, new_venv: Callable[[], Venv]
) -> None:
    """The release workflow's tests, build and check jobs, step by step: the
    project's tests pass first; the build makes the distributions; the check
    refuses any file whose version is not the tag's, and decides between
    TestPyPI and PyPI."""
    project = checkout(built.project, tmp_path)
    path = runner_path(new_venv())
    workflow = project / ".github" / "workflows" / "release.yml"
    python_version = {"matrix.python-version": f"3.{sys.version_info.minor}"}
    run_workflow_job(workflow, "tests", project, python_version, env={"PATH": path})
    run_workflow_job(workflow, "build", project, {}, env={"PATH": path})
    dist = project / "dist"
    if not built.has_extension:  # with the extension, the wheels come from cibuildwheel
        assert sorted(p.name for p in dist.iterdir()) == sorted(
            [built.sdist.name, built.wheel.name]
        )
    shutil.copy(built.wheel, dist)  # what the download step gathers from every build job

    def check(tag: str, cwd: Path) -> tuple[int, str, dict[str, str]]:
        values = {"github.ref_name": tag}
        result, outputs = run_workflow_job(workflow, "check", cwd, values, check=False)
        assert result is not None
        return result.returncode, result.stdout, outputs

    assert check(f"v{built.version}", project) == (0, "", {"prerelease": "false"})
    status, stdout, _ = check("v9.9.9", project)
    assert status != 0
    assert "is not version 9.9.9, which tag v9.9.9 asks for" in stdout

    # A pre-release tag, with the files a pre-release build would have made.
    prerelease = tmp_path / "prerelease"
    (prerelease / "dist").mkdir(parents=True)
    for file in dist.iterdir():
        shutil.copy(
            file, prerelease / "dist" / file.name.replace(built.version, f"{built.version}rc1")
        )
    assert check(f"v{built.version}rc1", prerelease)[2] == {"prerelease": "true"}


def test_an_editable_install_follows_the_source(
    built: Built, tmp_path: Path, new_venv: Callable[[], Venv]
) -> None:
    project = checkout(built.project, tmp_path)
    venv = new_venv()
    venv.pip("install", "--quiet", "--editable", project)
    core = project / "src" / built.package / "core.py"
    core.write_text(core.read_text(encoding="utf-8") + "\nEDITED = 'yes'\n", encoding="utf-8")
    script = f"from {built.package} import core; print(core.EDITED)"
    assert venv.run("python", "-c", script) == "yes\n"


def comparable_metadata(wheel: Path) -> tuple[list[tuple[str, str]], str]:
    """The wheel's METADATA headers (sorted) and its entry points.

    The long description is the README, which describes each layout, so it
    differs on purpose; it is checked to be the README all the same.

    `Dynamic` headers are left out: setuptools marks every field that setup.py
    gives as dynamic (setup.py is code, so no tool can read them without running
    it), while the [project] table declares them statically.
    """
    metadata, entry_points, _ = wheel_metadata(wheel)
    assert "\n## Layout\n" in str(metadata.get_payload()), "the README is not the description"
    headers = sorted((key, value) for key, value in metadata.items() if key != "Dynamic")
    return headers, entry_points


@pytest.mark.parametrize(
    ("modern", "classic"),
    [("pyproject", "setup.py"), ("pyproject-scm-c-click", "setup.py-scm-c-click")],
)
def test_both_metadata_styles_make_the_same_wheel_metadata(
    bake_once: Bake, tmp_path: Path, modern: str, classic: str
) -> None:
    wheels = []
    for name in (modern, classic):
        answers = COMBINATIONS[name]
        project = bake_once(TEMPLATE, **answers)
        if answers.get("versioning") == "setuptools-scm":
            git_commit(project, tag=f"v{TAG_VERSION}")
        python_build(project, tmp_path / name, "--wheel")
        (wheel,) = (tmp_path / name).glob("*.whl")
        wheels.append(wheel)
    modern_metadata, classic_metadata = (comparable_metadata(wheel) for wheel in wheels)
    assert modern_metadata == classic_metadata
    headers = dict(modern_metadata[0])
    assert headers["Keywords"] == "command-line"
    assert headers["License-Expression"] in {"MIT"}
    assert headers["Requires-Python"] == ">=3.11"


def test_setuptools_scm_falls_back_to_a_dev_version_without_git(bake: Bake, tmp_path: Path) -> None:
    project = bake(TEMPLATE, versioning="setuptools-scm", version="2.0.0")
    python_build(project, tmp_path, "--wheel")
    (wheel,) = tmp_path.glob("*.whl")
    assert wheel.name.startswith("example_package-2.0.0.dev0-")


def test_setuptools_scm_fallback_keeps_a_dev_version_as_it_is(bake: Bake, tmp_path: Path) -> None:
    project = bake(TEMPLATE, versioning="setuptools-scm", version="2.0.0.dev1")
    python_build(project, tmp_path, "--wheel")
    (wheel,) = tmp_path.glob("*.whl")
    assert wheel.name.startswith("example_package-2.0.0.dev1-")


@pytest.mark.parametrize(
    "answers",
    [{"project_slug": "x", "package_name": "x"}, {"version": "1!2.0.0rc1.post3.dev4"}],
    ids=["one-letter", "epoch"],
)
def test_unusual_answers_build_valid_distributions(
    bake: Bake, tmp_path: Path, answers: dict[str, str]
) -> None:
    project = bake(TEMPLATE, **answers)
    run([tool("validate-pyproject"), project / "pyproject.toml"])
    python_build(project, tmp_path / "dist")
    run([tool("twine"), "check", "--strict", *(tmp_path / "dist").iterdir()])


def test_setuptools_scm_takes_a_prerelease_tag(bake: Bake, tmp_path: Path) -> None:
    project = bake(TEMPLATE, versioning="setuptools-scm")
    git_commit(project, tag="v3.0.0rc2")
    python_build(project, tmp_path, "--wheel")
    (wheel,) = tmp_path.glob("*.whl")
    assert wheel.name.startswith("example_package-3.0.0rc2-")


def test_publish_to_a_real_index_and_install_back(
    bake: Bake, tmp_path: Path, package_index: PackageIndex, new_venv: Callable[[], Venv]
) -> None:
    project = bake(TEMPLATE, project_name="Shipyard Publish Check")
    dist = tmp_path / "dist"
    python_build(project, dist)
    files = sorted(dist.iterdir())
    upload = [tool("twine"), "upload", "--non-interactive", "--disable-progress-bar"]
    upload += ["--repository-url", package_index.url, "--username", package_index.user]

    run([*upload, "--password", package_index.password, *files])
    published = package_index.published("shipyard-publish-check")
    assert published == {path.name: sha256(path) for path in files}

    # A wrong password is refused, and leaves what is published intact.
    refused = run([*upload, "--password", "not the password", *files], check=False)
    assert refused.returncode != 0
    assert "403" in refused.stdout + refused.stderr
    assert package_index.published("shipyard-publish-check") == published

    # The same version again is refused and leaves the first upload intact.
    again = run([*upload, "--password", package_index.password, *files], check=False)
    assert again.returncode != 0, again.stdout
    assert "Bad Request" in again.stdout or "409" in again.stdout, again.stdout
    assert package_index.published("shipyard-publish-check") == published

    venv = new_venv()
    venv.pip(
        "install", "--quiet", "--no-cache-dir", "--index-url", package_index.simple,
        "shipyard-publish-check==0.1.0",
    )  # fmt: skip
    assert venv.run("shipyard-publish-check", "12") == "144\n"
    listing = venv.run("python", "-m", "pip", "list", "--format=freeze")
    assert "shipyard-publish-check==0.1.0" in listing
