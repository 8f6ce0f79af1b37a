"""Every runnable shell example of the docs, run as a reader would run it.

Each page runs in an empty folder with an empty home, a plain Python, the
system's tools, and its own package index that holds only what the page's
front matter lists (with dependencies). docs/testing.md is the contract.
"""

from __future__ import annotations

import contextlib
import os
import shlex
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from tests.runnable import Page, pages
from tests.support import BASE_PYTHON, ROOT, run, serve_index

pytestmark = pytest.mark.e2e

RUNNABLE = [page for page in pages() if page.blocks]


def fill_index(packages: Path, requirements: tuple[str, ...]) -> None:
    """Download each requirement with its dependencies, one at a time, so a
    page can list several versions of one distribution."""
    for requirement in requirements:
        run([sys.executable, "-m", "pip", "download", "--quiet", "--disable-pip-version-check",
             "--dest", packages, requirement])  # fmt: skip


def driver(page: Page, blocks: Path) -> str:
    """One bash script that runs the page's blocks in order, in one shell."""
    lines = ["set -euo pipefail"]
    for number, block in enumerate(page.blocks, start=1):
        script = blocks / f"{number:02}.sh"
        script.write_text(block.script, encoding="utf-8")
        label = f"{page.path.relative_to(ROOT)}:{block.line}"
        if block.must_succeed:
            lines += [f"echo '::: block {number} at {label}'", f"source {shlex.quote(str(script))}"]
        else:
            # A child shell: the failure must come from the block, and it
            # cannot end this shell. It inherits the directory and variables.
            output, expect = blocks / f"{number:02}.out", blocks / f"{number:02}.expect"
            expect.write_text(block.expect + "\n", encoding="utf-8")
            out, want = shlex.quote(str(output)), shlex.quote(str(expect))
            missing = f"::: block {number} at {label} failed without printing: {block.expect}"
            succeeded = f"::: block {number} at {label} succeeded but must fail"
            lines += [
                f"echo '::: block {number} at {label} (must fail)'",
                f"if bash -euo pipefail {shlex.quote(str(script))} > {out} 2>&1; then",
                f"  cat {out}; echo {shlex.quote(succeeded)}; exit 1",
                "fi",
                f"cat {out}",
                f"grep -qF -f {want} {out} || {{ echo {shlex.quote(missing)}; exit 1; }}",
            ]
    lines.append("echo '::: every block ran'")
    return "\n".join(lines) + "\n"


@pytest.mark.parametrize("page", RUNNABLE, ids=[page.name for page in RUNNABLE])
def test_runnable_examples(page: Page, tmp_path: Path) -> None:
    for folder in ("work", "home", "config", "bin", "blocks", "index", "index/packages", "tmp"):
        (tmp_path / folder).mkdir()
    fill_index(tmp_path / "index" / "packages", page.index)
    # A plain Python, not this test's environment, with the system's tools.
    for name in ("python", "python3"):
        (tmp_path / "bin" / name).symlink_to(BASE_PYTHON)
    script = tmp_path / "blocks" / "page.sh"
    script.write_text(driver(page, tmp_path / "blocks"), encoding="utf-8")

    with serve_index(tmp_path / "index", tmp_path / "index" / "packages") as index:
        env = {
            "PATH": os.pathsep.join([str(tmp_path / "bin"), "/usr/bin", "/bin"]),
            "HOME": str(tmp_path / "home"),
            # No system-wide configuration either (pip reads /etc/xdg/pip).
            "XDG_CONFIG_DIRS": str(tmp_path / "config"),
            "TMPDIR": str(tmp_path / "tmp"),
            "LANG": "C.UTF-8",
            "TERM": "dumb",
            "SHIPYARD": str(ROOT),
            "PIP_INDEX_URL": index.simple,
            "INDEX_URL": index.simple,
            "UPLOAD_URL": f"{index.url}/",
            "TWINE_USERNAME": index.user,
            "TWINE_PASSWORD": index.password,
            "UV_DEFAULT_INDEX": index.simple,
            "PIP_DISABLE_PIP_VERSION_CHECK": "1",
            # Nothing reaches beyond loopback: a proxy that does not exist.
            "http_proxy": "http://127.0.0.1:9",
            "https_proxy": "http://127.0.0.1:9",
            "no_proxy": "127.0.0.1,localhost",
            "GIT_CONFIG_NOSYSTEM": "1",
            "GIT_AUTHOR_NAME": "Jane Doe",
            "GIT_AUTHOR_EMAIL": "jane@example.com",
            "GIT_COMMITTER_NAME": "Jane Doe",
            "GIT_COMMITTER_EMAIL": "jane@example.com",
        }
        # Output goes to a file: a pipe would stay open while anything a block
        # started in the background lives.
        log = tmp_path / "output.log"
        with log.open("w") as stdout:
            process = subprocess.Popen(
                ["bash", script],
                cwd=tmp_path / "work",
                env=env,
                stdout=stdout,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        try:
            process.wait(timeout=900)
        except subprocess.TimeoutExpired:
            pass  # reported below, with the output so far
        finally:
            # Whatever a block left running in the background goes too.
            with contextlib.suppress(ProcessLookupError):
                os.killpg(process.pid, signal.SIGKILL)
            process.wait()
    output = log.read_text(encoding="utf-8", errors="replace")
    tail = "\n".join(output.splitlines()[-150:])
    assert process.returncode == 0, f"{page.path.relative_to(ROOT)} failed or hung:\n{tail}"
    assert output.rstrip().endswith("::: every block ran"), tail
