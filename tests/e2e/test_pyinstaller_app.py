"""pyinstaller-app, end to end: frozen with the generated spec file, then run.

For each interface, the generated workflows' jobs build the default bundle
(onedir) twice, the way CI and a release would, and nox builds the onefile
bundle twice more. Every build must pass its own --self-test; the two builds
of each bundle must be byte-identical; the executables must work from another
working directory; the onefile executable must clean up after itself; the
builds must leave out what the program never uses. The spec file also runs
with stand-ins for PyInstaller's build steps, as on macOS and Windows, to
check the version each system is given.
"""

from __future__ import annotations

import hashlib
import json
import os
import platform
import re
import shutil
import subprocess
import sys
import tarfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

from tests.support import (
    Bake,
    Venv,
    git_commit,
    make_venv,
    run,
    run_workflow_job,
    runner_path,
    tool,
)

pytestmark = pytest.mark.e2e

TEMPLATE = "pyinstaller-app"
# Each interface's builds stay on one worker: they share one baked project.
INTERFACES = [
    pytest.param(interface, marks=pytest.mark.xdist_group(f"pyinstaller-{interface}"))
    for interface in ["cli", "tk", "qt"]
]
EXE = ".exe" if sys.platform == "win32" else ""
# What GitHub would decide for each `if:` of the generated workflows, on a
# Linux runner with no signing secrets. The xvfb install step is answered
# False: .ci/run has installed xvfb here, and the step needs sudo.
LINUX_RUNNER = {
    "runner.os == 'Linux'": False,
    "runner.os == 'macOS' && env.MACOS_SIGNING == 'true'": False,
    "runner.os == 'macOS' && env.MACOS_SIGNING == 'true' && env.MACOS_NOTARISATION == 'true'": (
        False
    ),
    "runner.os == 'Windows' && env.WINDOWS_SIGNING == 'true'": False,
    "always() && runner.os == 'macOS' && env.MACOS_SIGNING == 'true'": False,
}


@pytest.fixture(scope="session")
def display(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A virtual screen (Xvfb) for Tk: the DISPLAY to use."""
    xvfb = shutil.which("Xvfb")
    if xvfb is None:
        pytest.skip("Tk needs Xvfb (Debian package xvfb; .ci/run installs it)")
    for number in range(90, 140):
        if not Path(f"/tmp/.X11-unix/X{number}").exists():
            break
    log = (tmp_path_factory.mktemp("xvfb") / "xvfb.log").open("w")
    server = subprocess.Popen(
        [xvfb, f":{number}", "-screen", "0", "1024x768x24", "-nolisten", "tcp"],
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    deadline = time.monotonic() + 20
    while not Path(f"/tmp/.X11-unix/X{number}").exists():
        if server.poll() is not None or time.monotonic() > deadline:
            raise AssertionError(f"Xvfb did not start: see {log.name}")
        time.sleep(0.1)
    yield f":{number}"
    server.terminate()
    server.wait(timeout=10)


@dataclass
class Frozen:
    """One interface's project, and the builds made of it."""

    interface: str
    project: Path
    builds: Path  # builds/<bundle>-<n>/: a copy of dist/ after each build
    env: dict[str, str | None]

    @property
    def name(self) -> str:
        return self.project.name

    def executable(self, bundle: str, build: int = 1) -> Path:
        folder = self.builds / f"{bundle}-{build}"
        if bundle == "onefile":
            return folder / f"{self.name}{EXE}"
        return folder / self.name / f"{self.name}{EXE}"

    def run(self, bundle: str, *args: str, cwd: Path, **env: str) -> str:
        return run([self.executable(bundle), *args], cwd=cwd, env={**self.env, **env}).stdout


def file_hashes(folder: Path) -> dict[str, str]:
    return {
        path.relative_to(folder).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(folder.rglob("*"))
        if path.is_file() and path.parent.name != "release"
    }


@pytest.fixture(scope="module", params=INTERFACES)
def frozen(
    request: pytest.FixtureRequest,
    bake_once: Bake,
    tmp_path_factory: pytest.TempPathFactory,
) -> Frozen:
    interface: str = request.param
    env: dict[str, str | None] = {"DISPLAY": None, "QT_QPA_PLATFORM": None}
    if interface == "tk":
        env["DISPLAY"] = request.getfixturevalue("display")
    if interface == "qt":
        env["QT_QPA_PLATFORM"] = "offscreen"
    project = bake_once(TEMPLATE, interface=interface)
    git_commit(project)  # the build date comes from the last commit
    runner_env = {**env, "PATH": runner_path(make_venv(tmp_path_factory.mktemp("venv") / ".venv"))}
    builds = tmp_path_factory.mktemp(f"builds-{interface}")

    def keep(name: str) -> None:
        shutil.copytree(project / "dist", builds / name, symlinks=True)

    # The generated CI: lint, the project's tests, and a freeze with its self-test.
    ci = project / ".github" / "workflows" / "ci.yml"
    values = {"matrix.python-version": f"3.{sys.version_info.minor}"}
    for job in ["lint", "tests", "freeze"]:
        result, _ = run_workflow_job(
            ci, job, project, values, env=runner_env, conditions=LINUX_RUNNER
        )
        assert result is not None
        if job == "tests":  # the project's own tests, every one run (Tk on Xvfb)
            summary = result.stdout.strip().splitlines()[-1]
            assert " passed" in summary, summary
            assert "skipped" not in summary, summary
    run([tool("nox"), "-s", "archive"], cwd=project, env=runner_env)
    keep("onedir-1")
    # The generated release: the same build again from clean, then its archive.
    release = project / ".github" / "workflows" / "release.yml"
    secrets = {"secrets.MACOS_SIGNING_IDENTITY": ""}
    run_workflow_job(release, "freeze", project, secrets, env=runner_env, conditions=LINUX_RUNNER)
    keep("onedir-2")
    # The other bundle mode, twice, through the generated noxfile.
    for build in (1, 2):
        run([tool("nox"), "-R", "-s", "freeze", "--", "--onefile"], cwd=project, env=runner_env)
        keep(f"onefile-{build}")
    return Frozen(interface, project, builds, env)


@pytest.mark.parametrize("bundle", ["onedir", "onefile"])
def test_the_executable_runs_from_another_directory(
    frozen: Frozen, bundle: str, tmp_path: Path
) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    assert frozen.run(bundle, "--version", cwd=elsewhere) == f"{frozen.name} 0.1.0\n"
    report = frozen.run(bundle, "--self-test", cwd=elsewhere)
    modules = 3 if frozen.interface != "cli" else 2
    assert report == f"self-test passed (frozen): {modules} modules, 3 files\n"
    if frozen.interface == "cli":
        assert frozen.run(bundle, "Ada", cwd=elsewhere).startswith("Hello, Ada! This is")


@pytest.mark.parametrize("bundle", ["onedir", "onefile"])
def test_two_clean_builds_are_byte_identical(frozen: Frozen, bundle: str) -> None:
    first = file_hashes(frozen.builds / f"{bundle}-1")
    second = file_hashes(frozen.builds / f"{bundle}-2")
    assert first, "nothing was built"
    assert first == second, [name for name in first if first[name] != second.get(name)]


def test_onedir_bundles_the_data_files_beside_the_code(frozen: Frozen) -> None:
    internal = (
        frozen.builds / "onedir-1" / frozen.name / "_internal" / frozen.name.replace("-", "_")
    )
    assert (internal / "data" / "greeting.txt").is_file()
    assert (internal / "data" / "settings.json").is_file()
    assert (internal / "icons" / "app.png").is_file()


def test_onefile_leaves_no_temporary_folder_behind(frozen: Frozen, tmp_path: Path) -> None:
    temporary = tmp_path / "tmp"
    temporary.mkdir()
    for variable in ["TMPDIR", "TEMP", "TMP"]:
        frozen.env[variable] = str(temporary)
    try:
        assert "self-test passed" in frozen.run("onefile", "--self-test", cwd=tmp_path)
    finally:
        for variable in ["TMPDIR", "TEMP", "TMP"]:
            del frozen.env[variable]
    assert list(temporary.iterdir()) == []


def test_the_release_archive_holds_the_build_and_is_reproducible(frozen: Frozen) -> None:
    (archive,) = (frozen.builds / "onedir-2" / "release").iterdir()
    assert archive.name == f"{frozen.name}-0.1.0-{sys.platform}-{platform.machine()}.tar.gz"
    with tarfile.open(archive) as contents:
        members = contents.getmembers()
    names = [member.name for member in members]
    assert f"{frozen.name}/{frozen.name}{EXE}" in names
    assert any(name.endswith("/data/greeting.txt") for name in names)
    assert {(member.uid, member.gid, member.uname) for member in members} == {(0, 0, "")}
    # The CI build and the release build were archived apart: the same bytes.
    (first,) = (frozen.builds / "onedir-1" / "release").iterdir()
    assert first.read_bytes() == archive.read_bytes()


def test_the_release_checks_the_tag_against_the_version(bake: Bake) -> None:
    project = bake(TEMPLATE)
    release = project / ".github" / "workflows" / "release.yml"
    env = {"PATH": os.environ["PATH"]}

    def check(tag: str) -> tuple[int, dict[str, str]]:
        result, outputs = run_workflow_job(
            release, "check", project, {"github.ref_name": tag}, env=env, check=False
        )
        assert result is not None
        return result.returncode, outputs

    assert check("v0.1.0") == (0, {"prerelease": "false"})
    assert check("v0.2.0")[0] != 0
    init = project / "src" / project.name.replace("-", "_") / "__init__.py"
    init.write_text(init.read_text().replace('"0.1.0"', '"0.2.0rc1"'))
    assert check("v0.2.0rc1") == (0, {"prerelease": "true"})


# What each build must leave out, as paths inside _internal/ of the onedir
# build: modules, plugins and data the program never uses.
LEFT_OUT = {
    "cli": ["python3.*/lib-dynload/_multiprocessing.*"],
    "tk": [
        "python3.*/lib-dynload/_multiprocessing.*",
        "_tcl_data/tzdata",  # where Python's Tcl has its own time zones
        "_tcl_data/msgs",
    ],
    "qt": [
        "python3.*/lib-dynload/_multiprocessing.*",
        "PySide6/Qt/translations",
        "PySide6/Qt/plugins/imageformats",
        "PySide6/Qt/plugins/platformthemes/libqgtk3.so",
        "libgtk-3.so.*",
        "PySide6/QtNetwork.*",
    ],
}
# And what the window needs: the plugins that draw it on X11 and offscreen.
KEPT = {
    "cli": [],
    "tk": ["_tcl_data/init.tcl", "_tk_data/tk.tcl"],
    "qt": [
        "PySide6/Qt/plugins/platforms/libqxcb.so",
        "PySide6/Qt/plugins/platforms/libqoffscreen.so",
    ],
}


def test_the_build_leaves_out_what_the_program_never_uses(frozen: Frozen) -> None:
    internal = frozen.builds / "onedir-1" / frozen.name / "_internal"
    for pattern in LEFT_OUT[frozen.interface]:
        assert not list(internal.glob(pattern)), f"{pattern} is bundled"
    for path in KEPT[frozen.interface]:
        assert (internal / path).is_file(), f"{path} is missing"


def pin(requirement: Requirement) -> str:
    return f"{canonicalize_name(requirement.name)}{requirement.specifier}"


def pinned_for_this_system(requirements: Path) -> set[str]:
    """name==version of each package the requirements file installs here."""
    pins = set()
    for line in requirements.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith((" ", "#")):
            requirement = Requirement(line.removesuffix("\\").strip())
            if requirement.marker is None or requirement.marker.evaluate():
                pins.add(pin(requirement))
    return pins


def test_the_freeze_installs_only_the_pinned_packages(frozen: Frozen) -> None:
    python = frozen.project / ".nox" / "freeze" / "bin" / "python"
    listed = run([tool("uv"), "pip", "freeze", "--python", python]).stdout.split()
    installed = {pin(Requirement(entry)) for entry in listed}
    assert installed == pinned_for_this_system(frozen.project / "freeze-requirements.txt")


@pytest.mark.parametrize("interface", ["cli", "qt"])
def test_the_freeze_requirements_are_what_their_own_command_compiles(
    bake: Bake, interface: str
) -> None:
    project = bake(TEMPLATE, interface=interface)
    requirements = project / "freeze-requirements.txt"
    pinned = requirements.read_text(encoding="utf-8")
    command = pinned.splitlines()[1].removeprefix("#").split()
    assert command[:3] == ["uv", "pip", "compile"]
    # Run again, it keeps every version and finds the same hashes.
    run([tool("uv"), *command[1:], "--quiet"], cwd=project)
    assert requirements.read_text(encoding="utf-8") == pinned


# Runs a spec file the way PyInstaller does, as if on the system named first,
# with stand-ins for PyInstaller's build steps that record what each is given.
SPEC_AS_IF_ON = """\
import json
import sys
import types

import PyInstaller.compat

# The Windows API writes a version resource into an executable; making one
# needs it not. PyInstaller defines it on Windows alone.
PyInstaller.compat.win32api = None
from PyInstaller.utils.win32 import versioninfo

system, spec = sys.argv[1:]
given = {}


def stand_in(name):
    def record(*args, **kwargs):
        given[name] = kwargs
        return types.SimpleNamespace(pure=[], scripts=[], binaries=[], datas=[])

    return record


def text(value):
    if isinstance(value, versioninfo.VSVersionInfo):
        value.toRaw()  # the bytes PyInstaller writes into the executable
    return str(value)


sys.platform = system
sys.argv = [spec]
steps = {name: stand_in(name) for name in ["Analysis", "PYZ", "EXE", "COLLECT", "BUNDLE"]}
with open(spec, encoding="utf-8") as file:
    exec(compile(file.read(), spec, "exec"), steps)
print(json.dumps(given, default=text))
"""


@pytest.fixture(scope="module")
def build_packages(tmp_path_factory: pytest.TempPathFactory, bake_once: Bake) -> Venv:
    """The packages a build installs, and pefile, which PyInstaller adds on Windows."""
    requirements = bake_once(TEMPLATE) / "freeze-requirements.txt"
    venv = make_venv(tmp_path_factory.mktemp("build-packages") / ".venv", seed=False)
    install: list[str | Path] = [tool("uv"), "pip", "install", "--quiet", "--python", venv.python]
    run([*install, "--require-hashes", "--requirement", requirements])
    pefile = re.search(r"^pefile==[^\s;]+", requirements.read_text(encoding="utf-8"), re.M)
    assert pefile is not None
    run([*install, pefile.group()])
    return venv


def spec_as_if_on(system: str, project: Path, python: Venv) -> dict[str, dict[str, object]]:
    """What the spec file gives each build step on that system."""
    harness = project / "spec_as_if_on.py"
    harness.write_text(SPEC_AS_IF_ON, encoding="utf-8")
    output = run([python.python, harness, system, f"{project.name}.spec"], cwd=project).stdout
    given: dict[str, dict[str, object]] = json.loads(output)
    return given


def test_a_prerelease_keeps_apples_integer_short_version(bake: Bake, build_packages: Venv) -> None:
    project = bake(TEMPLATE, interface="tk", version="1.2.0rc1")
    bundle = spec_as_if_on("darwin", project, build_packages)["BUNDLE"]
    # Apple: CFBundleShortVersionString and CFBundleVersion, up to three integers.
    assert bundle["version"] == "1.2.0"
    assert bundle["info_plist"] == {"CFBundleVersion": "1.2.0"}


def test_a_windows_executable_carries_a_version_resource(bake: Bake, build_packages: Venv) -> None:
    project = bake(TEMPLATE, version="1.2.0rc1", author_name="Ada Lovelace")
    resource = spec_as_if_on("win32", project, build_packages)["EXE"]["version"]
    assert isinstance(resource, str)
    for expected in [
        "filevers=(1, 2, 0, 0)",
        "prodvers=(1, 2, 0, 0)",
        "flags=0x2",  # a pre-release
        "StringStruct('FileVersion', '1.2.0.0')",
        "StringStruct('ProductVersion', '1.2.0rc1')",
        "StringStruct('CompanyName', 'Ada Lovelace')",
        "StringStruct('FileDescription', 'An example application, frozen",
        "StringStruct('ProductName', 'Example App')",
        f"StringStruct('OriginalFilename', '{project.name}.exe')",
        "StringStruct('LegalCopyright', 'Copyright (c) ",
    ]:
        assert expected in resource, expected
    # Elsewhere the executable has no version resource to carry.
    assert spec_as_if_on("linux", project, build_packages)["EXE"]["version"] is None
