"""The docs' sources: generated files current, runnable examples well formed."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from packaging.requirements import InvalidRequirement, Requirement

from tests.runnable import DOCS, MarkupError, pages, parse_page
from tools import docs_pages


def files(folder: Path) -> dict[str, bytes]:
    return {
        path.relative_to(folder).as_posix(): path.read_bytes()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def test_generated_files_are_current(tmp_path: Path) -> None:
    """The comparison pages show what the templates generate today."""
    docs_pages.generate(tmp_path)
    committed, fresh = files(docs_pages.OUTPUT), files(tmp_path)
    names = committed.keys() | fresh.keys()
    stale = sorted(name for name in names if committed.get(name) != fresh.get(name))
    assert not stale, (
        f"docs/generated/ differs from the templates in {stale}: "
        "run `python tools/run.py nox -s docs_pages` and commit the result"
    )


def test_every_page_is_well_formed() -> None:
    """Every marker precedes a bash block, and every index entry is a requirement."""
    for page in pages():
        for entry in page.index:
            try:
                requirement = Requirement(entry)
            except InvalidRequirement as error:
                pytest.fail(f"{page.path}: index entry {entry!r}: {error}")
            pinned = [spec.operator for spec in requirement.specifier] == ["=="]
            assert pinned, f"{page.path}: pin {entry!r} with ==, so the page's index stays fixed"


def test_the_docs_have_runnable_examples() -> None:
    """The examples tier has something to run, on every roadmap stage."""
    runnable = {page.name for page in pages() if page.blocks}
    stages = {page.name for page in pages() if page.name.startswith("stages/")}
    assert stages, "no stage pages"
    assert stages <= runnable, f"stages without a runnable example: {sorted(stages - runnable)}"


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("<!-- runnable -->\n```python\nprint()\n```\n", "must be followed by a ```bash fence"),
        ("<!-- runnable -->\n\n```bash\nls\n```\n", "must be followed by a ```bash fence"),
        ("<!-- runnable: maybe -->\n```bash\nls\n```\n", "unknown mode 'maybe'"),
        ("<!-- runnable -->\n```bash\nls\n", "never closes"),
        ("---\nindex: attrs\n---\n", "must be a list"),
        ("<!-- runnable: fails -->\n```bash\nfalse\n```\n", "say what it prints"),
        ('<!-- runnable: fails "x" -->\n```bash\ncd a\nfalse\n```\n', "child shell"),
        ('<!-- runnable: fails "x" -->\n```bash\n  export A=1\n```\n', "child shell"),
        ('<!-- runnable: "x" -->\n```bash\nls\n```\n', "malformed marker"),
    ],
)
def test_bad_markup_is_refused(text: str, problem: str) -> None:
    with pytest.raises(MarkupError, match=problem):
        parse_page(text, DOCS / "bad.md")


def test_blocks_keep_their_order_mode_and_indentation() -> None:
    text = (
        '=== "Linux"\n\n    <!-- runnable -->\n    ```bash\n    cd x\n      ls\n    ```\n\n'
        '<!-- runnable: fails "no such file" -->\n```bash\nls nowhere\n```\n'
    )
    blocks = parse_page(text, DOCS / "good.md").blocks
    assert [(block.line, block.script, block.must_succeed) for block in blocks] == [
        (4, "cd x\n  ls\n", True),
        (10, "ls nowhere\n", False),
    ]


def test_a_marker_inside_another_code_block_is_only_text() -> None:
    """docs/testing.md shows the markup itself, inside a Markdown block."""
    text = "````markdown\n<!-- runnable -->\n```bash\nrm -rf build\n```\n`````\n"
    text += "<!-- runnable -->\n```bash\nls\n```\n"
    assert [block.script for block in parse_page(text, DOCS / "shown.md").blocks] == ["ls\n"]


def test_the_workflow_page_says_how_to_set_up_what_each_workflow_needs() -> None:
    """The set-up text is written by hand: it must name every environment and
    secret that the generated workflows use, so a rename cannot slip past it."""
    page = (DOCS / "compare" / "workflows.md").read_text(encoding="utf-8")
    setup_text = "\n".join(line for line in page.splitlines() if "--8<--" not in line)
    needed = set()
    for summary in (docs_pages.OUTPUT / "workflows").rglob("*.md"):
        text = summary.read_text(encoding="utf-8")
        needed |= set(re.findall(r"\| `([\w-]+)` \| [^|]* \|$", text, re.MULTILINE))
        secrets = text.split("**Secrets it reads:**")[1]
        needed |= set(re.findall(r"`(\w+)`", secrets)) - {"GITHUB_TOKEN"}
    assert needed, "no environments or secrets found in the summaries"
    missing = sorted(name for name in needed if f"`{name}`" not in setup_text)
    assert not missing, f"compare/workflows.md does not explain {missing}"
