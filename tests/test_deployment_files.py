"""flask-deploy's deployment files pass the tools their platforms trust:
hadolint (Dockerfile), kubernetes-validate (manifests), the Compose schema,
systemd-analyze (the service unit).
nginx -t on the site configuration runs in the end-to-end tier, where nginx
serves it for real."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
import yaml

from tests.support import Bake, run, tool

TEMPLATE = "flask-deploy"
# The defaults, and names that push the derived service name to its edges.
ANSWERS = [
    pytest.param({}, id="defaults"),
    pytest.param(
        {
            "project_slug": "Zope.Notes_API",
            "github_owner": "Jane-Doe",
            "domain": "notes.example.org",
        },
        id="unusual-names",
    ),
]


@pytest.fixture(params=ANSWERS)
def project(request: pytest.FixtureRequest, bake: Bake) -> Path:
    return bake(TEMPLATE, **request.param)


def test_hadolint_passes_the_dockerfile(project: Path) -> None:
    run([tool("hadolint"), project / "Dockerfile"])


def test_the_kubernetes_manifests_are_valid(project: Path) -> None:
    manifests = project / "deploy" / "k8s"
    listed = set()
    for kustomization in manifests.rglob("kustomization.yaml"):
        resources = yaml.safe_load(kustomization.read_text())["resources"]
        listed |= {(kustomization.parent / name).relative_to(manifests) for name in resources}
    files = sorted(path for path in manifests.rglob("*.yaml") if path.name != "kustomization.yaml")
    # Everything is applied (the migration Job on its own, first) but the
    # example Secret, which holds no real secret.
    unlisted = {path.relative_to(manifests) for path in files} - listed
    assert unlisted == {Path("secret.example.yaml")}
    result = run([tool("kubernetes-validate"), "--strict", *files])
    assert result.stdout.count("passed") == len(files), result.stdout


def test_compose_follows_the_compose_specification(project: Path) -> None:
    run(
        [
            tool("check-jsonschema"),
            "--builtin-schema",
            "vendor.compose-spec",
            project / "compose.yaml",
        ]
    )


def test_every_name_is_the_service_name(project: Path) -> None:
    service = yaml.safe_load((project / "deploy" / "k8s" / "service.yaml").read_text())
    name = service["metadata"]["name"]
    assert name.replace("-", "").isalnum()
    assert name == name.lower()
    assert (project / "deploy" / "nginx" / f"{name}.conf").is_file()
    assert (project / "deploy" / "systemd" / f"{name}.service").is_file()
    assert (project / "deploy" / "systemd" / f"{name}.socket").is_file()


def test_git_never_tracks_the_development_database(project: Path) -> None:
    """APP_ENV=development keeps a SQLite file in Flask's instance/ folder."""
    (project / "instance").mkdir()
    (project / "instance" / "development.sqlite3").write_bytes(b"SQLite format 3\0")
    run(["git", "init", "--quiet"], cwd=project)
    untracked = run(["git", "status", "--porcelain", "--untracked-files=all"], cwd=project).stdout
    assert "README.md" in untracked
    assert "instance/" not in untracked


# systemd-analyze's exposure score, 0 (locked down) to 10 (exposed): what the
# unit leaves open is a network service's network access and its devices.
MOST_EXPOSURE = 1.5


def test_systemd_rates_the_service_unit_as_locked_down(project: Path) -> None:
    if shutil.which("systemd-analyze") is None:
        pytest.skip("systemd-analyze is not installed (Debian's systemd package)")
    (unit,) = (project / "deploy" / "systemd").glob("*.service")
    result = run(["systemd-analyze", "security", "--offline=true", unit], check=False)
    (score,) = re.findall(r"Overall exposure level for \S+: ([\d.]+)", result.stdout)
    assert float(score) <= MOST_EXPOSURE, result.stdout
