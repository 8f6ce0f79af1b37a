"""Benchmarks: how long each template takes to bake, build and start, and how big
its distributions are. They write a table; they never assert a time.

    nox -s bench        (writes .bench/results.md and prints it)
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from cookiecutter.main import cookiecutter

from tests.support import ROOT, TEMPLATES, run, tool

# Per template, the combinations that change what is built. Every one is built
# by the same frontend (python -m build), so the build column compares backends:
# setuptools against poetry-core.
COMBINATIONS = {
    "setuptools-package": {
        "pyproject.toml": {},
        "setup.py": {"metadata": "setup.py"},
        "pyproject.toml + C extension": {"c_extension": "cpython"},
    },
    "poetry-project": {
        "pep621": {},
        "classic": {"metadata": "classic"},
    },
}
RUNS = 5
T = TypeVar("T")


def timed(action: Callable[..., T], *args: Any, **kwargs: Any) -> tuple[float, T]:
    start = time.perf_counter()
    result = action(*args, **kwargs)
    return time.perf_counter() - start, result


def median_start_time(command: list[str]) -> float:
    times = []
    for _ in range(RUNS):
        start = time.perf_counter()
        subprocess.run(command, check=True, capture_output=True)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def bench(work: Path, template: str, name: str, answers: dict[str, str]) -> list[str]:
    output = work / f"{template}-{name.replace(' ', '-').replace('+', '')}"
    bake_time, project = timed(
        cookiecutter,
        str(TEMPLATES / template),
        no_input=True,
        extra_context=answers,
        output_dir=str(output),
    )
    project = Path(str(project))
    dist = project / "dist"
    build = [sys.executable, "-m", "build", "--installer", "uv", "--outdir", dist, project]
    build_time, _ = timed(run, build)
    (sdist,) = dist.glob("*.tar.gz")
    (wheel,) = dist.glob("*.whl")
    venv = output / ".venv"
    run([tool("uv"), "venv", "--quiet", "--python", sys.executable, venv])
    install = [tool("uv"), "pip", "install", "--quiet", "--python", venv / "bin" / "python"]
    install_time, _ = timed(run, [*install, wheel])
    start = median_start_time([str(venv / "bin" / project.name), "10"])
    return [
        f"{template} ({name})",
        f"{bake_time:.2f} s",
        f"{build_time:.1f} s",
        f"{sdist.stat().st_size / 1024:.1f} KiB",
        f"{wheel.stat().st_size / 1024:.1f} KiB",
        f"{install_time:.2f} s",
        f"{start * 1000:.0f} ms",
    ]


def main() -> None:
    header = ["template", "bake", "build (sdist + wheel)", "sdist", "wheel", "install", "start"]
    with tempfile.TemporaryDirectory() as work:
        rows = [
            bench(Path(work), template, name, answers)
            for template, combinations in COMBINATIONS.items()
            for name, answers in combinations.items()
        ]
    lines = [
        f"| {' | '.join(header)} |",
        f"|{'|'.join(' --- ' for _ in header)}|",
        *(f"| {' | '.join(row)} |" for row in rows),
    ]
    table = "\n".join(lines) + "\n"
    results = ROOT / ".bench" / "results.md"
    results.parent.mkdir(exist_ok=True)
    results.write_text(table, encoding="utf-8")
    print(table)
    print(f"Start is the median of {RUNS} runs of the console script; written to {results.name}.")


if __name__ == "__main__":
    main()
