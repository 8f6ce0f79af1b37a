"""Bad answers are refused before anything is written, in one clear line.

Each bad answer goes through the real `cookiecutter` command, as a person would
type it. What must hold: a non-zero exit, one line on stderr that names the
problem and what would be accepted, and no file left on disk.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from hooks.validation import InvalidInput, validate
from tests.support import TEMPLATES, Bake, cookiecutter, template_context, template_names

BAD_ANSWERS = [
    ("project_name", "", "project_name must not be empty"),
    ("project_name", "   ", "project_name must not be empty"),
    ("project_name", 'Say "hi"', "without double quotes, backslashes or braces"),
    ("project_name", "N" * 51, "is 51 characters long: make it 50 characters or fewer"),
    # Longer than a file name may be: refused before the folder is named after it.
    ("project_name", "N" * 300, "is 300 characters long: make it 50 characters or fewer"),
    ("description", "d" * 513, "make it 512 characters or fewer"),
    ("author_email", "zoë@exämple.com", "must be ASCII"),
    ("description", "back\\slash", "without double quotes, backslashes or braces"),
    ("description", "fast {json} parsing", "without double quotes, backslashes or braces"),
    ("author_name", "", "author_name must not be empty"),
    ("author_name", "Doe, Jane", "must not contain ','"),
    ("author_email", 'a"b@example.com', "is not an email address"),
    ("author_email", "<jane@example.com>", "is not an email address"),
    ("project_slug", "pytest", "is the name of a package this template depends on"),
    ("project_slug", "Pre_Commit", "is the name of a package this template depends on"),
    ("project_slug", "-leading-dash", "not a valid distribution name"),
    ("project_slug", "../escape", "not a valid distribution name"),
    ("project_slug", "has space", "not a valid distribution name"),
    ("package_name", "1st_package", "not a valid import name"),
    ("package_name", "My_Package", "not a valid import name"),
    ("package_name", "dash-ed", "not a valid import name"),
    ("package_name", "class", "is a Python keyword"),
    ("package_name", "match", "is a Python keyword"),
    ("package_name", "json", "would shadow the standard library"),
    ("package_name", "asyncio", "would shadow the standard library"),
    ("author_email", "jane", "is not an email address"),
    ("author_email", "jane@localhost", "is not an email address"),
    ("github_owner", "-jane", "is not a GitHub user or organisation name"),
    ("version", "1.0-beta", "is not a canonical PEP 440 version"),
    ("version", "v1.0", "is not a canonical PEP 440 version"),
    ("version", "01.0", "is not a canonical PEP 440 version"),
    ("version", "latest", "is not a canonical PEP 440 version"),
    ("service_name", "1st-service", "is not a service name"),
    ("service_name", "Notes.API", "is not a service name"),
    ("domain", "localhost", "is not a domain name"),
    ("domain", "Example.com", "is not a domain name"),
    ("private_index_url", "pypi.example.com", "is not an http(s) URL"),
    ("private_index_url", "ftp://pypi.example.com/", "is not an http(s) URL"),
    ("private_index_url", "https://user:secret@pypi.example.com/", "must not hold credentials"),
]
BAD_CASES = [
    pytest.param(template, field, value, message, id=f"{template}-{field}={value!r}")
    for template in template_names()
    for field, value, message in BAD_ANSWERS
    if field in template_context(template)
]


@pytest.mark.parametrize(("template", "field", "value", "message"), BAD_CASES)
def test_bad_answers_are_refused_cleanly(
    tmp_path: Path, template: str, field: str, value: str, message: str
) -> None:
    output = tmp_path / "output"
    result = cookiecutter(
        "--no-input", TEMPLATES / template, f"{field}={value}", "-o", output, cwd=tmp_path
    )
    assert result.returncode != 0
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, f"expected one line on stderr, got:\n{result.stderr}"
    assert lines[0].startswith(f"error: {field} "), lines[0]
    assert message in lines[0]
    assert "Traceback" not in result.stderr
    left = sorted(p.relative_to(tmp_path) for p in tmp_path.rglob("*"))
    assert left in ([], [Path("output")]), f"left on disk: {left}"


@pytest.mark.parametrize("template", template_names())
def test_a_name_without_letters_or_digits_is_refused_as_an_empty_slug(
    tmp_path: Path, template: str
) -> None:
    """The project folder is named after the slug before any hook runs: an empty
    slug must still reach the hook, and get its message, not a clash of folders."""
    result = cookiecutter(
        "--no-input", TEMPLATES / template, "project_name=!!!", "-o", tmp_path / "out", cwd=tmp_path
    )
    assert result.returncode != 0
    assert result.stderr.strip() == (
        "error: project_slug is empty: give the project name ASCII letters or digits, "
        "or answer project_slug yourself, e.g. 'my-package'"
    )
    assert not any((tmp_path / "out").rglob("*"))


@pytest.mark.parametrize("template", template_names())
def test_an_answer_outside_a_menu_is_refused_before_anything_is_written(
    tmp_path: Path, template: str
) -> None:
    """cookiecutter itself refuses it, before any hook runs: its message (the
    last line, after its own traceback) names the question and its answers."""
    result = cookiecutter(
        "--no-input", TEMPLATES / template, "license=WTFPL", "-o", tmp_path / "out", cwd=tmp_path
    )
    assert result.returncode != 0
    assert result.stderr.strip().splitlines()[-1] == (
        "ValueError: WTFPL provided for choice variable license, but the choices are "
        "['MIT', 'Apache-2.0', 'BSD-3-Clause', 'GPL-3.0-or-later']."
    )
    assert not any(tmp_path.rglob("*"))


def test_answers_must_be_text() -> None:
    with pytest.raises(InvalidInput, match="version must be text"):
        validate({"version": 1.0})


@pytest.mark.parametrize(
    "answers",
    [
        {"project_name": "Café Ünïcode Tools"},
        {"project_name": "Zope Tools", "project_slug": "zope.interface-tools"},
        {"author_name": "Zoë O'Brien-Łukasz", "author_email": "zoe+pkg@mail.example.org"},
        {"project_slug": "x", "package_name": "x"},
        {"project_slug": "My-Pkg"},
        {"version": "1!2.0.0rc1.post3.dev4"},
    ],
    ids=["unicode-name", "dotted-slug", "unicode-author", "one-letter", "capitals", "epoch"],
)
def test_unusual_but_valid_answers_are_accepted(bake: Bake, answers: dict[str, str]) -> None:
    for template in template_names():
        project = bake(template, **answers)
        assert (project / "pyproject.toml").is_file()


def test_names_are_derived_from_the_project_name(bake: Bake) -> None:
    project = bake("setuptools-package", project_name="Café Ünïcode Tools")
    assert project.name == "cafe-unicode-tools"
    assert (project / "src" / "cafe_unicode_tools" / "__init__.py").is_file()
    dotted = bake("setuptools-package", project_slug="zope.interface-tools")
    assert (dotted / "src" / "zope_interface_tools").is_dir()
