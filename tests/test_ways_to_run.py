"""Every way a person runs a template renders all of it, hooks included.

A project that has the shared LICENSE and Dependabot files, and a refusal of a
bad name, proves that the template's files and its validating hook both came
through.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.support import (
    ROOT,
    TEMPLATES,
    cookiecutter,
    copy_collection,
    git_commit,
    run,
    template_names,
    tool,
)


@pytest.fixture(scope="module")
def collection_repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The collection as a git repository of its current files, as cruft wants one."""
    repo = copy_collection(tmp_path_factory.mktemp("collection") / "shipyard")
    git_commit(repo, "Collection under test")
    return repo


def assert_generated_by_shared_hooks(project: Path) -> None:
    assert (project / "LICENSE").read_text().startswith("MIT License")
    assert (project / ".github" / "dependabot.yml").is_file()


def test_the_chooser_takes_the_first_template_without_input(tmp_path: Path) -> None:
    result = cookiecutter("--no-input", ROOT, "-o", tmp_path, cwd=tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    project = tmp_path / "example-package"
    assert 'build-backend = "setuptools.build_meta"' in (project / "pyproject.toml").read_text()
    assert_generated_by_shared_hooks(project)


@pytest.mark.parametrize("template", template_names())
def test_directory_picks_a_template(tmp_path: Path, template: str) -> None:
    args = ("--no-input", ROOT, "--directory", f"templates/{template}", "-o", tmp_path)
    assert cookiecutter(*args, cwd=tmp_path).returncode == 0
    (project,) = tmp_path.iterdir()
    assert_generated_by_shared_hooks(project)


@pytest.mark.parametrize("template", template_names())
def test_a_template_path_works_on_its_own(tmp_path: Path, template: str) -> None:
    assert (
        cookiecutter("--no-input", TEMPLATES / template, "-o", tmp_path, cwd=tmp_path).returncode
        == 0
    )
    (project,) = tmp_path.iterdir()
    assert_generated_by_shared_hooks(project)


def test_the_chooser_and_directory_still_validate(tmp_path: Path) -> None:
    for extra in ([], ["--directory", "templates/setuptools-package"]):
        result = cookiecutter(
            "--no-input", ROOT, *extra, "version=latest", "-o", tmp_path, cwd=tmp_path
        )
        assert result.returncode != 0
        assert "error: version 'latest'" in result.stderr
    assert not any(tmp_path.iterdir())


# "clone": cruft is given the repository's folder. "git-dir": its .git folder,
# and "url": a file:// URL, both of which cruft clones like a remote repository.
CRUFT_SOURCES = ["clone", "git-dir", "url"]


def cruft_source(collection_repo: Path, source: str) -> str:
    return {
        "clone": str(collection_repo),
        "git-dir": str(collection_repo / ".git"),
        "url": collection_repo.as_uri(),
    }[source]


@pytest.mark.parametrize("source", CRUFT_SOURCES)
def test_cruft_creates_and_records_the_template(
    tmp_path: Path, collection_repo: Path, source: str
) -> None:
    url = cruft_source(collection_repo, source)
    directory = "templates/setuptools-package"
    run(
        [
            tool("cruft"),
            "create",
            url,
            "--directory",
            directory,
            "--no-input",
            "--output-dir",
            tmp_path,
        ]
    )
    project = tmp_path / "example-package"
    assert_generated_by_shared_hooks(project)
    state = json.loads((project / ".cruft.json").read_text())
    assert state["directory"] == directory
    # `cruft check` compares the project with the template: it is up to date.
    run([tool("cruft"), "check"], cwd=project)


def test_cruft_validates_too(tmp_path: Path, collection_repo: Path) -> None:
    result = run(
        [
            tool("cruft"),
            "create",
            collection_repo,
            "--directory",
            "templates/setuptools-package",
            "--no-input",
            "--extra-context",
            '{"package_name": "json"}',
            "--output-dir",
            tmp_path,
        ],
        check=False,
    )
    assert result.returncode != 0
    assert "error: package_name 'json' would shadow" in result.stderr
    assert not any(tmp_path.iterdir())
