"""Any answer the hooks accept gives a project whose own lint passes.

Hypothesis draws what people type (names, descriptions, authors and addresses
across lengths, scripts and punctuation), bakes every template with them, and
holds each project to what the fast tier asks of the defaults: every file
parses, no Jinja is left, ruff check and ruff format pass. An answer the hook
refuses must be refused the clean way: one line, and nothing on disk. The end-
to-end tier builds and tests the extreme answers found here (see
tests/e2e/test_extreme_answers.py).
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

import pytest
from cookiecutter.exceptions import FailedHookException
from cookiecutter.generate import generate_context
from cookiecutter.main import cookiecutter
from cookiecutter.prompt import prompt_for_config
from hypothesis import HealthCheck, Phase, event, given, settings
from hypothesis import strategies as st

from hooks.validation import InvalidInput, validate
from tests.support import TEMPLATES, check_project, template_names

# Letters and digits of any script, spaces, and the punctuation people put in
# names and one-line descriptions, markup included. Hypothesis also draws the
# characters the hook refuses (quotes, braces, control characters).
LETTERS = st.characters(categories=["L", "N"])
PUNCTUATION = st.sampled_from(" -_.,:;!?'()&+/@#%*<>[]~=|`^$" + '"{}\\\t')
# "{{", "{%" and "{#" are left out: cookiecutter renders the answers it is
# given as Jinja before any hook sees them (typed answers, it does not).
JINJA = ("{{", "{%", "{#")
TEXT = st.text(st.one_of(LETTERS, LETTERS, LETTERS, PUNCTUATION), min_size=1, max_size=60).filter(
    lambda text: not any(tag in text for tag in JINJA)
)
WORDS = (
    st.lists(
        st.text(st.one_of(LETTERS, PUNCTUATION), min_size=1, max_size=20), min_size=1, max_size=40
    )
    .map(" ".join)
    .filter(lambda text: not any(tag in text for tag in JINJA))
)
EMAIL = st.builds(
    "{}@{}.{}".format,
    st.text(st.sampled_from("abcdefghijklmnopqrstuvwxyz0123456789._+-ë"), min_size=1, max_size=30),
    st.from_regex(r"[a-z0-9]([a-z0-9-]{0,20}[a-z0-9])?", fullmatch=True),
    st.sampled_from(["com", "org", "example", "io", "xn--p1ai"]),
)
ANSWERS = st.fixed_dictionaries(
    {"project_name": TEXT, "description": WORDS, "author_name": TEXT, "author_email": EMAIL}
)


def refusal(template: str, answers: dict[str, str]) -> str | None:
    """What the template's hook says of these answers (None: it takes them),
    asked with the context cookiecutter renders from them."""
    context = generate_context(
        context_file=str(TEMPLATES / template / "cookiecutter.json"), extra_context=answers
    )
    try:
        validate(prompt_for_config(context, no_input=True))
    except InvalidInput as error:
        return str(error)
    return None


@pytest.mark.parametrize("template", template_names())
@settings(
    max_examples=30,
    deadline=None,
    derandomize=True,  # the same examples on every run: a failure reproduces
    # No shrinking: each example bakes a project, and shrinking one takes minutes.
    phases=[Phase.explicit, Phase.generate],
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(answers=ANSWERS)
def test_any_accepted_answer_bakes_a_project_that_passes_its_own_lint(
    template: str, answers: dict[str, str]
) -> None:
    with tempfile.TemporaryDirectory() as folder:
        output = Path(folder)

        def bake() -> str:
            return str(
                cookiecutter(
                    str(TEMPLATES / template),
                    no_input=True,
                    extra_context=answers,
                    output_dir=str(output),
                )
            )

        refused = refusal(template, answers)
        event("refused" if refused else "baked")  # --hypothesis-show-statistics
        if refused is not None:
            with pytest.raises(FailedHookException):
                bake()
            assert not any(output.iterdir()), "a refused answer left files behind"
            return
        project = Path(bake())
        check_project(project)
        shutil.rmtree(project)
