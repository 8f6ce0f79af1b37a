"""Each template is self-contained, and its copies of the shared sources are current.

cookiecutter, cruft and copier render one template folder at one commit, so
whatever a project gets must be inside that folder. What templates share is
written once under hooks/ and copied in by `nox -s sync` (tools/sync_templates.py).
"""

from __future__ import annotations

import pytest

from hooks import PRIVATE_KEYS
from tests.support import ROOT, TEMPLATES, template_context, template_names
from tools import sync_templates


@pytest.mark.parametrize("template", template_names())
def test_every_shared_file_in_a_template_is_its_current_source(template: str) -> None:
    stale = [
        str(path.relative_to(ROOT))
        for path, text in sync_templates.expected_files(template).items()
        if not path.is_file() or path.read_text(encoding="utf-8") != text
    ]
    assert not stale, f"run `python tools/run.py nox -s sync` and commit: {stale}"


@pytest.mark.parametrize("template", template_names())
def test_a_template_keeps_no_hook_the_sources_do_not_make(template: str) -> None:
    assert sync_templates.stale_files(template) == []


@pytest.mark.parametrize("template", template_names())
def test_a_template_reaches_nothing_outside_its_folder(template: str) -> None:
    """No hook looks for the collection: no parent folders, no other process's
    working directory, no module imported from outside the template."""
    for hook in (TEMPLATES / template / "hooks").glob("*.py"):
        text = hook.read_text(encoding="utf-8")
        for reach in [
            "../",
            "/proc/",
            "_repo_dir",
            "sys.path",
            "from hooks import",
            "import hooks",
        ]:
            assert reach not in text, f"{hook.relative_to(ROOT)} holds {reach!r}"
    for path in (TEMPLATES / template).rglob("*"):
        assert not path.is_symlink(), f"{path.relative_to(ROOT)} is a link"


def test_every_private_key_a_template_uses_is_explained() -> None:
    used = {
        key
        for template in template_names()
        for key in template_context(template)
        if key.startswith("_") and not key.startswith("__")
    }
    assert used <= PRIVATE_KEYS.keys(), (
        f"explain in hooks/__init__.py: {used - PRIVATE_KEYS.keys()}"
    )
    assert PRIVATE_KEYS.keys() <= used, f"no template uses: {PRIVATE_KEYS.keys() - used}"


def test_each_private_key_is_read_where_the_table_says() -> None:
    for key, meaning in PRIVATE_KEYS.items():
        reader = ROOT / meaning.split(":", 1)[0]
        files = [reader] if reader.is_file() else [p for p in reader.rglob("*") if p.is_file()]
        assert any(key in path.read_text(encoding="utf-8") for path in files), key


def test_every_workflow_pins_each_action_as_the_collections_own_workflows_do() -> None:
    """Each action is pinned once, in .github/workflows (where Dependabot keeps
    it current); the templates' workflows follow through `nox -s sync`."""
    stale = [str(path.relative_to(ROOT)) for path in sync_templates.stale_pins()]
    assert not stale, f"run `python tools/run.py nox -s sync` and commit: {stale}"


def test_a_moved_pin_reaches_every_workflow_that_uses_the_action() -> None:
    """What sync does with a Dependabot update of the collection's pins."""
    moved = {**sync_templates.action_pins(), "actions/checkout": ("0" * 40, "v99.0.0")}
    reached = 0
    for path in sync_templates.workflow_sources():
        text = sync_templates.repinned(path.read_text(encoding="utf-8"), moved)
        if "actions/checkout@" in text:
            assert "actions/checkout@3d3c" not in text
            assert f"actions/checkout@{'0' * 40}  # v99.0.0" in text
            reached += 1
    assert reached >= 5, "every template checks its code out"


def test_an_action_pinned_nowhere_in_the_collection_is_refused() -> None:
    with pytest.raises(SystemExit, match="example/unknown is pinned nowhere"):
        sync_templates.repinned(f"      - uses: example/unknown@{'a' * 40}  # v1.0.0\n", {})
