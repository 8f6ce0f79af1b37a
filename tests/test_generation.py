"""The fast tier: every template bakes across its options into clean files."""

from __future__ import annotations

import ast
import itertools
import tomllib
from pathlib import Path

import pytest

from tests.support import (
    Bake,
    check_project,
    run,
    template_choices,
    template_context,
    template_names,
    tool,
)

# What a person may pick for each option, per template (its closed questions),
# without the licence: licences are baked separately, with default options.
OPTION_AXES = {
    name: {
        key: values
        for key, values in template_choices(name).items()
        if key not in {"license", "min_python"}
    }
    for name in template_names()
}
MATRIX = [
    pytest.param(name, dict(zip(axes, values, strict=True)), id=f"{name}-{'-'.join(values)}")
    for name, axes in OPTION_AXES.items()
    for values in itertools.product(*axes.values())
]
PYTHONS = [
    pytest.param(name, python, id=f"{name}-python{python}")
    for name in template_names()
    for python in template_choices(name)["min_python"]
]
LICENSES = [
    pytest.param(name, license, id=f"{name}-{license}")
    for name in template_names()
    for license in template_choices(name)["license"]
]
# Each library template (it ships the example package) in each place it can
# keep the metadata: its `metadata` answers, or the one place it has.
LIBRARY_METADATA = [
    pytest.param(name, answers, id="-".join([name, *answers.values()]))
    for name in template_names()
    if "library" in template_context(name).get("_file_sets", [])
    for answers in (
        [{"metadata": style} for style in template_choices(name)["metadata"]]
        if "metadata" in template_choices(name)
        else [{}]
    )
]


@pytest.mark.parametrize(("template", "answers"), MATRIX)
def test_every_option_combination_bakes_clean_files(
    bake: Bake, template: str, answers: dict[str, str]
) -> None:
    check_project(bake(template, **answers))


@pytest.mark.parametrize(("template", "python"), PYTHONS)
def test_every_minimum_python_bakes_clean_files(bake: Bake, template: str, python: str) -> None:
    project = bake(template, min_python=python)
    check_project(project)
    pyproject = (project / "pyproject.toml").read_text(encoding="utf-8")
    assert f'requires-python = ">={python}"' in pyproject
    # ruff targets that Python: from requires-python, or target-version without [project].
    settings = run([tool("ruff"), "check", "--show-settings", "."], cwd=project).stdout
    assert f"linter.unresolved_target_version = {python}\n" in settings
    ci = (project / ".github" / "workflows" / "ci.yml").read_text(encoding="utf-8")
    assert f'python-version: ["{python}",' in ci or f'python-version: ["{python}"]' in ci


@pytest.mark.parametrize(("template", "license"), LICENSES)
def test_every_licence_is_written_out(bake: Bake, template: str, license: str) -> None:
    project = bake(template, license=license, author_name="Ada Lovelace")
    text = (project / "LICENSE").read_text(encoding="utf-8")
    first_words = {
        "MIT": "MIT License",
        "Apache-2.0": "Apache License",
        "BSD-3-Clause": "BSD 3-Clause License",
        "GPL-3.0-or-later": "GNU GENERAL PUBLIC LICENSE",
    }
    assert text.lstrip().startswith(first_words[license])
    if license in {"MIT", "BSD-3-Clause"}:
        assert "Ada Lovelace" in text
    assert f'"{license}"' in (project / "pyproject.toml").read_text() + (
        (project / "setup.py").read_text() if (project / "setup.py").exists() else ""
    )


@pytest.mark.parametrize("template", template_names())
def test_defaults_alone_bake_a_project(bake: Bake, template: str) -> None:
    # `cookiecutter --no-input` must work: no answer may be left empty.
    project = bake(template)
    assert (project / "README.md").is_file()
    assert (project / "LICENSE").is_file()


def test_a_private_index_becomes_an_explicit_poetry_source(bake: Bake) -> None:
    url = "https://pypi.example.com/simple/"
    with_index = bake("poetry-project", private_index_url=url) / "pyproject.toml"
    poetry = tomllib.loads(with_index.read_text(encoding="utf-8"))["tool"]["poetry"]
    assert poetry["source"] == [{"name": "private", "url": url, "priority": "explicit"}]
    without = bake("poetry-project") / "pyproject.toml"
    assert "source" not in tomllib.loads(without.read_text(encoding="utf-8"))["tool"]["poetry"]


@pytest.mark.parametrize("metadata", ["pep621", "classic"])
def test_poetry_metadata_lives_in_one_table(bake: Bake, metadata: str) -> None:
    project = bake("poetry-project", metadata=metadata, cli="click")
    pyproject = tomllib.loads((project / "pyproject.toml").read_text(encoding="utf-8"))
    table = pyproject["project"] if metadata == "pep621" else pyproject["tool"]["poetry"]
    other = pyproject["tool"]["poetry"] if metadata == "pep621" else pyproject.get("project", {})
    assert table["name"] == "example-project"
    assert table["version"] == "0.1.0"
    assert "name" not in other
    assert "version" not in other
    # Standard groups (PEP 735), which pip and uv read too; Poetry adds only
    # that docs is optional.
    assert set(pyproject["dependency-groups"]) == {"test", "lint", "build", "docs", "dev"}
    assert pyproject["tool"]["poetry"]["group"] == {"docs": {"optional": True}}


def test_library_templates_configure_their_tools_alike(bake: Bake) -> None:
    """pytest, ruff and mypy settings are written in each library template's
    pyproject.toml (a reader sees the whole file there); they must not drift."""
    tools = [
        {
            key: value
            for key, value in tomllib.loads(
                (bake(template, min_python="3.12") / "pyproject.toml").read_text(encoding="utf-8")
            )["tool"].items()
            if key in {"pytest", "ruff", "mypy"}
        }
        for template in ["setuptools-package", "poetry-project", "uv-project"]
    ]
    assert tools[0] == tools[1] == tools[2]
    assert set(tools[0]) == {"pytest", "ruff", "mypy"}


def declared_keywords(project: Path) -> object:
    """The keywords of the project's metadata, from whichever table or call holds them."""
    pyproject = tomllib.loads((project / "pyproject.toml").read_text(encoding="utf-8"))
    if "project" in pyproject:
        return pyproject["project"].get("keywords")
    poetry = pyproject.get("tool", {}).get("poetry", {})
    if "name" in poetry:
        return poetry.get("keywords")
    # setup.py: the `keywords=` argument of the setup() call.
    tree = ast.parse((project / "setup.py").read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "setup":
            for argument in node.keywords:
                if argument.arg == "keywords":
                    return ast.literal_eval(argument.value)
    return None


@pytest.mark.parametrize(("template", "answers"), LIBRARY_METADATA)
def test_every_library_declares_keywords_for_pypi_search(
    bake: Bake, template: str, answers: dict[str, str]
) -> None:
    """PyPI's search matches a project's keywords. The template cannot know the
    project's subject, but every library ships a command-line program."""
    keywords = declared_keywords(bake(template, **answers))
    assert isinstance(keywords, list), keywords
    assert "command-line" in keywords
