"""The collection's own structure: chooser, shims, one source for shared things."""

from __future__ import annotations

import json
import re

import pytest

from tests.support import ROOT, TEMPLATES, template_choices, template_context, template_names


def test_the_chooser_lists_exactly_the_templates_that_exist() -> None:
    chooser = json.loads((ROOT / "cookiecutter.json").read_text(encoding="utf-8"))
    entries = chooser["templates"]
    assert sorted(entries) == template_names()
    for key, entry in entries.items():
        assert (ROOT / entry["path"]).resolve() == TEMPLATES / key
        assert entry["title"].strip()
        assert entry["description"].strip()


@pytest.mark.parametrize("template", template_names())
def test_every_question_has_a_prompt(template: str) -> None:
    context = template_context(template)
    questions = {key for key in context if not key.startswith("_")}
    assert questions == set(context["__prompts__"])


@pytest.mark.parametrize("template", template_names())
def test_every_closed_question_is_a_menu_with_a_label_per_answer(template: str) -> None:
    context = template_context(template)
    for key, answers in template_choices(template).items():
        labels = context["__prompts__"][key]
        assert labels.keys() == {"__prompt__", *answers}, key
        assert all(labels[answer].startswith(f"{answer}: ") for answer in answers), key
        # cookiecutter prints prompts through rich, which takes [...] as markup.
        assert not any("[" in label for label in labels.values()), key


def test_all_templates_support_the_same_pythons() -> None:
    pythons = {tuple(template_choices(t)["min_python"]) for t in template_names()}
    assert len(pythons) == 1


def checklist_files() -> list[str]:
    """The files CONTRIBUTING.md's checklist for a new template names."""
    text = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    checklist = text.split("<!-- checklist -->", 1)[1].split("<!-- /checklist -->", 1)[0]
    return re.findall(r"^- `([^`]+)`", checklist, flags=re.MULTILINE)


def test_the_checklist_names_the_files_that_must_know_a_template() -> None:
    assert "README.md" in checklist_files()
    assert "tests/e2e/test_PACKAGE.py" in checklist_files()


@pytest.mark.parametrize("template", template_names())
def test_every_file_of_the_checklist_knows_every_template(template: str) -> None:
    missing = []
    for name in checklist_files():
        path = ROOT / name.replace("NAME", template).replace("PACKAGE", template.replace("-", "_"))
        if "NAME" in name or "PACKAGE" in name:
            known = path.exists()
        else:
            known = path.is_file() and template in path.read_text(encoding="utf-8")
        if not known:
            missing.append(name)
    assert not missing, f"{template} is missing from {missing} (see CONTRIBUTING.md)"
