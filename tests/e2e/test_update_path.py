"""A project made with cruft follows its template: `cruft update` delivers what changed.

A scratch copy of the collection gets two commits: OLD, the collection as it
is, and NEW, with a change to a template's own file (its README) and to a
shared source (hooks/files/gitignore.j2, copied in by the sync tool). A
project created from OLD, then edited by its owner, is updated to NEW: both
changes arrive, the owner's edit stays, and the project's own tests pass.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.support import Venv, cookiecutter, copy_collection, git_commit, make_venv, run, tool

pytestmark = [pytest.mark.e2e, pytest.mark.xdist_group("update-path")]

TEMPLATE = "templates/setuptools-package"
TEMPLATE_CHANGE = "Read RELEASING.md before your first release."
SHARED_CHANGE = "# Editor backups"
OWNER_CHANGE = "- The owner's own line, which an update must keep."


@pytest.fixture(scope="module")
def collection(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str, str]:
    """The scratch collection and its two commits, OLD and NEW."""
    repo = copy_collection(tmp_path_factory.mktemp("collection") / "shipyard")
    old = git_commit(repo, "OLD")
    readme = repo / TEMPLATE / "{{cookiecutter.__project_folder}}" / "README.md"
    readme.write_text(readme.read_text(encoding="utf-8") + f"\n{TEMPLATE_CHANGE}\n")
    gitignore = repo / "hooks" / "files" / "gitignore.j2"
    gitignore.write_text(gitignore.read_text(encoding="utf-8") + f"\n{SHARED_CHANGE}\n*~\n")
    run([sys.executable, "tools/sync_templates.py"], cwd=repo)
    new = git_commit(repo, "NEW")
    return repo, old, new


def assert_is_old(project: Path) -> None:
    assert TEMPLATE_CHANGE not in (project / "README.md").read_text(encoding="utf-8")
    assert SHARED_CHANGE not in (project / ".gitignore").read_text(encoding="utf-8")


def assert_is_new(project: Path) -> None:
    assert TEMPLATE_CHANGE in (project / "README.md").read_text(encoding="utf-8")
    assert SHARED_CHANGE in (project / ".gitignore").read_text(encoding="utf-8")


def run_own_tests(project: Path, venv: Venv) -> None:
    venv.pip("install", "--quiet", "-e", ".", "--group", "test", cwd=project)
    output = venv.run("python", "-m", "pytest", "-p", "no:cacheprovider", cwd=project)
    assert " passed" in output


@pytest.mark.parametrize("source", ["path", "url"])
def test_cruft_update_delivers_template_and_shared_changes_and_keeps_the_owners_edit(
    collection: tuple[Path, str, str],
    tmp_path: Path,
    tmp_path_factory: pytest.TempPathFactory,
    source: str,
) -> None:
    repo, old, new = collection
    where = str(repo) if source == "path" else repo.as_uri()
    run([tool("cruft"), "create", where, "--directory", TEMPLATE, "--checkout", old,
         "--no-input", "--output-dir", tmp_path])  # fmt: skip
    project = tmp_path / "example-package"
    assert_is_old(project)
    assert json.loads((project / ".cruft.json").read_text())["commit"] == old

    changelog = project / "CHANGELOG.md"
    changelog.write_text(changelog.read_text(encoding="utf-8") + f"\n{OWNER_CHANGE}\n")
    git_commit(project, "The owner's first commit")

    run([tool("cruft"), "update", "--checkout", "main", "--skip-apply-ask"], cwd=project)
    assert_is_new(project)
    assert OWNER_CHANGE in changelog.read_text(encoding="utf-8")
    assert json.loads((project / ".cruft.json").read_text())["commit"] == new
    run([tool("cruft"), "check"], cwd=project)
    run_own_tests(project, make_venv(tmp_path_factory.mktemp("venv") / ".venv"))


@pytest.mark.parametrize(("commit", "check"), [("old", assert_is_old), ("new", assert_is_new)])
def test_cookiecutter_checkout_renders_that_commit_entirely(
    collection: tuple[Path, str, str],
    tmp_path: Path,
    commit: str,
    check: Callable[[Path], None],
) -> None:
    repo, old, new = collection
    revision = old if commit == "old" else new
    # "git+" tells cookiecutter which version control system the URL is.
    result = cookiecutter(f"git+{repo.as_uri()}", "--checkout", revision, "--directory", TEMPLATE,
                          "--no-input", "-o", tmp_path, cwd=tmp_path)  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr
    check(tmp_path / "example-package")
