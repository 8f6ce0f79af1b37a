"""The runnable shell examples of the docs: how pages mark them, read in one place.

A `bash` fence right after `<!-- runnable -->` is run by the end-to-end tests;
after `<!-- runnable: fails "some text" -->` it must exit non-zero and print
that text. A page lists in its front matter, under `index:`, the distributions
its examples install. See docs/testing.md for the whole contract.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from tests.support import ROOT

DOCS = ROOT / "docs"
MARKER = re.compile(
    r"^(?P<indent>[ \t]*)<!--\s*runnable"
    r'(?::\s*(?P<mode>[\w-]+)(?:\s+"(?P<expect>[^"]*)")?)?\s*-->\s*$'
)
FENCE_OPEN = re.compile(r"^(?P<fence>`{3,})\s*(?P<info>.*)$")
MODES = {None: True, "fails": False}
# A failing block runs in a child shell: what it changes of the shell would
# carry over for a reader, but not in the test.
SHELL_STATE = re.compile(r"^\s*(cd|export|source|\.|unset|deactivate)\b", re.MULTILINE)


class MarkupError(Exception):
    """A page marks an example in a way the tests cannot run."""


@dataclass(frozen=True)
class Block:
    line: int  # where the fence opens, counting from 1
    script: str
    must_succeed: bool
    expect: str = ""  # what a failing block must print


@dataclass(frozen=True)
class Page:
    path: Path
    index: tuple[str, ...]
    blocks: tuple[Block, ...]

    @property
    def name(self) -> str:
        return self.path.relative_to(DOCS).with_suffix("").as_posix()


def front_matter(text: str) -> dict[str, object]:
    if not text.startswith("---\n"):
        return {}
    end = text.find("\n---\n", 4)
    if end == -1:
        raise MarkupError("front matter opens with --- but never closes")
    meta = yaml.safe_load(text[4:end]) or {}
    if not isinstance(meta, dict):
        raise MarkupError("front matter is not a mapping")
    return meta


def read_page(path: Path) -> Page:
    return parse_page(path.read_text(encoding="utf-8"), path)


def parse_page(text: str, path: Path) -> Page:
    """The page's index and runnable blocks; `path` names it in errors."""
    where = path.relative_to(ROOT)
    try:
        meta = front_matter(text)
    except (MarkupError, yaml.YAMLError) as error:
        raise MarkupError(f"{where}: {error}") from None
    index = meta.get("index", [])
    if not isinstance(index, list) or not all(isinstance(item, str) for item in index):
        raise MarkupError(f"{where}: `index:` must be a list of requirement strings")

    lines = text.splitlines()
    blocks = []
    fence = None  # the fence of the code block a line is in: markers there are text
    for number, line in enumerate(lines):
        if fence is not None:
            # A fence closes with at least as many backticks as it opened with.
            closing = line.strip()
            if closing.startswith(fence) and closing == "`" * len(closing):
                fence = None
            continue
        opening = FENCE_OPEN.match(line.lstrip())
        if opening:
            fence = opening["fence"]
            continue
        marker = MARKER.match(line)
        if not marker:
            if line.lstrip().startswith("<!--") and "runnable" in line:
                raise MarkupError(f'{where}:{number + 1}: malformed marker (fails "text"?)')
            continue
        mode = marker["mode"]
        if mode not in MODES:
            raise MarkupError(f"{where}:{number + 1}: unknown mode {mode!r} (known: fails)")
        indent = marker["indent"]
        opening = (
            FENCE_OPEN.match(lines[number + 1][len(indent) :]) if number + 1 < len(lines) else None
        )
        if opening is None or opening["info"].split()[:1] != ["bash"]:
            raise MarkupError(
                f"{where}:{number + 1}: a runnable marker must be followed by a ```bash fence"
            )
        body = []
        for inner in lines[number + 2 :]:
            if inner.strip() == opening["fence"]:
                break
            if inner.strip() and not inner.startswith(indent):
                raise MarkupError(f"{where}:{number + 2}: the block's lines leave its indentation")
            body.append(inner[len(indent) :])
        else:
            raise MarkupError(f"{where}:{number + 2}: the runnable block never closes")
        script, expect = "\n".join(body) + "\n", marker["expect"] or ""
        if not MODES[mode]:
            if not expect.strip():
                raise MarkupError(f'{where}:{number + 1}: say what it prints: fails "some text"')
            if SHELL_STATE.search(script):
                raise MarkupError(
                    f"{where}:{number + 2}: a failing block runs in a child shell; "
                    "move cd, export and source into an ordinary block"
                )
        elif expect:
            raise MarkupError(f"{where}:{number + 1}: only a failing block says what it prints")
        blocks.append(Block(number + 2, script, MODES[mode], expect))
    return Page(path, tuple(index), tuple(blocks))


def pages() -> list[Page]:
    """Every page of the site, in a stable order."""
    return [read_page(path) for path in sorted(DOCS.rglob("*.md"))]
