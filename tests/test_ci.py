"""CI's set-up: every system program the suite runs is installed on a fresh machine.

.ci/system-programs names each program and its Debian package;
.ci/install-system-programs installs the packages of the missing ones, and only
those. These tests read the suite's code for the programs it calls, and run the
install step against a simulated fresh machine: a PATH that holds only the
programs that machine has, and an apt-get that answers with `--simulate`.
"""

from __future__ import annotations

import ast
import shutil
from pathlib import Path

import pytest

from tests.support import ROOT, run

TABLE = ROOT / ".ci" / "system-programs"
INSTALL = ROOT / ".ci" / "install-system-programs"
# What a fresh machine of the project's image has, of the programs in the table.
ON_A_FRESH_MACHINE = {
    *["bash", "dirname", "apt-get", "git", "gcc", "make", "curl", "node", "npm", "objdump"],
    *["pg_isready", "psql", "setpriv", "openssl", "pgrep", "docker", "umount", "zstd"],
    "systemd-analyze",
}


def system_programs() -> dict[str, str]:
    """Program (or path pattern) to Debian package, as the table lists them."""
    table = {}
    for line in TABLE.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            program, package, *_ = line.split()
            table[program] = package
    return table


def programs_called_by(path: Path) -> set[str]:
    """The programs a module runs: names given to `shutil.which` (without a
    `path=` of a virtual environment) and the first word of every command
    written as a list (a string, then at least one option). It errs towards
    finding too much: a list of arguments that starts with a subcommand reads
    as a command too; start such a list with its first option instead."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr == "which"
            and not any(keyword.arg == "path" for keyword in node.keywords)
            and node.args
            and isinstance(node.args[0], ast.Constant)
        ):
            found.add(str(node.args[0].value))
        if isinstance(node, ast.List) and node.elts:
            words = [e.value for e in node.elts if isinstance(e, ast.Constant)]
            first = node.elts[0]
            if (
                isinstance(first, ast.Constant)
                and isinstance(first.value, str)
                and not first.value.startswith("-")
                and any(isinstance(word, str) and word.startswith("-") for word in words[1:])
            ):
                found.add(first.value)
    return found


def test_every_program_the_suite_calls_is_in_the_table() -> None:
    code = [*ROOT.glob("tests/**/*.py"), ROOT / "noxfile.py", *ROOT.glob("tools/*.py")]
    called = {program: path for path in code for program in programs_called_by(path)}
    assert {"nginx", "wrk", "Xvfb", "chromium", "psql"} <= called.keys(), "the scan finds calls"
    unlisted = {name: str(path.relative_to(ROOT)) for name, path in called.items()}
    for program in system_programs():
        unlisted.pop(program, None)
    assert not unlisted, f"add these to .ci/system-programs: {unlisted}"


def test_every_row_of_the_table_names_a_program_and_a_package() -> None:
    for line in TABLE.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            assert len(line.split()) >= 3, f"program, package and who needs it: {line!r}"


def test_ci_runs_the_install_step_then_exactly_the_readme_test_command() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    test_command = readme.split("## Run the tests", 1)[1].split("```console\n$ ", 1)[1]
    test_command = test_command.split("\n", 1)[0]
    lines = (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()
    assert lines[-2:] == ["bash .ci/install-system-programs", test_command]


def simulated_machine(tmp_path: Path, present: set[str]) -> tuple[dict[str, str], Path]:
    """A PATH holding only `present` (as stand-ins) and an apt-get that logs its
    arguments and simulates installs with the real apt-get; no root needed."""
    apt_get = shutil.which("apt-get")
    if apt_get is None or not Path("/var/lib/apt/lists").is_dir():
        pytest.skip("needs Debian's apt-get (CI runs on Debian)")
    folder = tmp_path / "bin"
    folder.mkdir()
    for program in present - {"dirname", "apt-get"}:
        stand_in = folder / program
        stand_in.write_text("#!/bin/sh\nexit 0\n")
        stand_in.chmod(0o755)
    (folder / "dirname").symlink_to(shutil.which("dirname") or "/usr/bin/dirname")
    log = tmp_path / "apt-get.log"
    fake = folder / "apt-get"
    fake.write_text(
        "#!/bin/bash\n"
        f'echo "$*" >> {log}\n'
        '[ "$1" = update ] && exit 0\n'
        f'exec {apt_get} --simulate "$@"\n'
    )
    fake.chmod(0o755)
    return {"PATH": str(folder)}, log


def install_step(env: dict[str, str]) -> str:
    bash = shutil.which("bash") or "/bin/bash"
    result = run([bash, INSTALL], env=env)
    return result.stdout + result.stderr


def installed_packages(log: Path) -> list[str]:
    installs = [line.split() for line in log.read_text().splitlines() if "install" in line]
    assert len(installs) == 1, installs
    return [word for word in installs[0][1:] if not word.startswith("-")]


def test_on_a_fresh_machine_ci_installs_exactly_the_missing_packages(tmp_path: Path) -> None:
    env, log = simulated_machine(tmp_path, ON_A_FRESH_MACHINE)
    output = install_step(env)
    assert sorted(installed_packages(log)) == [
        "chromium", "docker.io", "mmdebstrap", "nginx", "wrk", "xvfb"
    ]  # fmt: skip
    # NodeSource's nodejs bundles npm; Debian's npm conflicts with it.
    assert "Inst nodejs" not in output
    assert "Inst npm" not in output


def test_every_package_in_the_table_resolves_beside_the_nodesource_node(tmp_path: Path) -> None:
    kept = {"bash", "dirname", "apt-get", "node", "npm"}
    env, log = simulated_machine(tmp_path, kept)
    install_step(env)
    wanted = {package for program, package in system_programs().items()
              if program not in kept and not program.startswith("/")}  # fmt: skip
    assert wanted <= set(installed_packages(log))


def test_a_machine_with_every_program_installs_nothing(tmp_path: Path) -> None:
    programs = {program for program in system_programs() if not program.startswith("/")}
    env, log = simulated_machine(tmp_path, programs)
    output = install_step(env)
    assert not log.exists(), "apt-get was called"
    assert "every program the tests need is installed" in output


def test_the_install_step_names_each_missing_program_and_its_package(tmp_path: Path) -> None:
    env, _ = simulated_machine(tmp_path, ON_A_FRESH_MACHINE - {"psql"})
    assert "missing: psql (Debian package postgresql-client)" in install_step(env)
