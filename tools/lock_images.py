"""Write the lock file that flask-deploy's container image installs from.

    python tools/run.py nox -s lock_images

The template pins its direct dependencies exactly; the image installs them
and everything they need from `requirements.txt`, every file with its hash,
so that two builds install the very same bytes. The template's dependencies do
not depend on the answers, so the lock is made once, here, for every
supported Python and platform, with the command the generated project's README
gives for doing it again. After that, Dependabot keeps it current in each
project. tests/test_deployment_files.py holds the lock to the pins of
pyproject.toml.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

from cookiecutter.main import cookiecutter

ROOT = Path(__file__).resolve().parent.parent
TEMPLATE = ROOT / "templates" / "flask-deploy"
LOCK = "requirements.txt"
# The command, as the generated README gives it: run in the project's folder.
COMMAND = (
    f"uv pip compile pyproject.toml --universal --generate-hashes --quiet --output-file {LOCK}"
)


def main() -> int:
    with tempfile.TemporaryDirectory() as work:
        project = Path(cookiecutter(str(TEMPLATE), no_input=True, output_dir=work))
        # uv from PyPI, in this environment (the `run` group).
        subprocess.run([sys.executable, "-m", *COMMAND.split()], cwd=project, check=True)
        target = TEMPLATE / "{{cookiecutter.__project_folder}}" / LOCK
        # Each project's lock names the project itself where uv says "via".
        text = (project / LOCK).read_text(encoding="utf-8")
        text = text.replace(f"{project.name} (pyproject.toml)",
                            "{{ cookiecutter.project_slug }} (pyproject.toml)")  # fmt: skip
        target.write_text(text, encoding="utf-8")
        print(f"wrote {target.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
