"""The collection's own structure: chooser, shims, one source for shared things."""

from __future__ import annotations

import json

import pytest

from tests.support import ROOT, TEMPLATES, template_context, template_names

HOOK_NAMES = ["pre_gen_project", "post_gen_project"]


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
def test_every_default_answer_is_an_allowed_choice(template: str) -> None:
    context = template_context(template)
    for field, allowed in context["_choices"].items():
        assert context[field] in allowed, field


def test_all_templates_support_the_same_pythons() -> None:
    pythons = {tuple(template_context(t)["_choices"]["min_python"]) for t in template_names()}
    assert len(pythons) == 1


@pytest.mark.parametrize("template", template_names())
@pytest.mark.parametrize("hook", HOOK_NAMES)
def test_template_hooks_are_the_one_shim(template: str, hook: str) -> None:
    """Every template's hook is the same thin shim, differing only in its name."""
    reference = (TEMPLATES / template_names()[0] / "hooks" / "pre_gen_project.py").read_text()
    text = (TEMPLATES / template / "hooks" / f"{hook}.py").read_text()
    assert text == reference.replace("pre_gen_project", hook)
    assert len(text.splitlines()) < 25, "a shim stays thin: logic belongs in hooks/"
