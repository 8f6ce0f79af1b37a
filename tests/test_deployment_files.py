"""flask-deploy's deployment files pass the tools their platforms trust:
hadolint (Dockerfile), kubernetes-validate (manifests), the Compose schema,
systemd-analyze (the service unit).
nginx -t on the site configuration runs in the end-to-end tier, where nginx
serves it for real."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import tomllib
from pathlib import Path
from typing import Any

import pytest
import yaml
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

from tests.support import Bake, node_script, run, tool

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


GATEWAY_API = "gateway.networking.k8s.io/"


def manifests_of(project: Path) -> dict[Path, list[dict[str, Any]]]:
    """Every manifest file under deploy/k8s, with the resources it holds."""
    folder = project / "deploy" / "k8s"
    return {
        path: [doc for doc in yaml.safe_load_all(path.read_text()) if doc]
        for path in sorted(folder.rglob("*.yaml"))
        if path.name != "kustomization.yaml"
    }


@pytest.fixture(scope="session")
def gateway_validator(tmp_path_factory: pytest.TempPathFactory) -> list[str]:
    """The schemas of the Gateway API's CRDs, from npm, and a script to apply them."""
    package = "@kubernetes-models/gateway-api@2.0.0"
    return node_script("validate-gateway.cjs", package, tmp_path_factory.mktemp("gateway-api"))


def test_every_kubernetes_manifest_is_applied_but_the_example_secret(project: Path) -> None:
    manifests = project / "deploy" / "k8s"
    listed = set()
    for kustomization in manifests.rglob("kustomization.yaml"):
        resources = yaml.safe_load(kustomization.read_text())["resources"]
        listed |= {(kustomization.parent / name).relative_to(manifests) for name in resources}
    # The migration Job is applied on its own, first; the example Secret holds no secret.
    unlisted = {path.relative_to(manifests) for path in manifests_of(project)} - listed
    assert unlisted == {Path("secret.example.yaml")}


def test_the_kubernetes_manifests_are_valid(project: Path) -> None:
    core = [path for path, docs in manifests_of(project).items()
            if not any(doc["apiVersion"].startswith(GATEWAY_API) for doc in docs)]  # fmt: skip
    result = run([tool("kubernetes-validate"), "--strict", *core])
    documents = sum(len(manifests_of(project)[path]) for path in core)
    assert result.stdout.count("passed") == documents, result.stdout


def test_the_gateway_api_resources_match_their_crds(
    project: Path, gateway_validator: list[str]
) -> None:
    resources = [doc for docs in manifests_of(project).values() for doc in docs
                 if doc["apiVersion"].startswith(GATEWAY_API)]  # fmt: skip
    assert {doc["kind"] for doc in resources} == {"Gateway", "HTTPRoute"}
    result = subprocess.run(gateway_validator, input=json.dumps(resources), capture_output=True,
                            text=True, check=False)  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.count(": valid") == len(resources), result.stdout


def test_the_way_in_and_the_network_policies_name_the_right_pods(project: Path) -> None:
    """The routes lead to the Service; only the gateway reaches the app's
    pods; only the app's pods and the migration Job's reach PostgreSQL."""
    resources = {(doc["kind"], doc["metadata"]["name"]): doc
                 for docs in manifests_of(project).values() for doc in docs}  # fmt: skip
    (service,) = [doc for (kind, _), doc in resources.items() if kind == "Service"]
    (deployment,) = [doc for (kind, _), doc in resources.items() if kind == "Deployment"]
    (job,) = [doc for (kind, _), doc in resources.items() if kind == "Job"]
    app_labels = deployment["spec"]["template"]["metadata"]["labels"]
    job_labels = job["spec"]["template"]["metadata"]["labels"]
    routes = [doc for (kind, _), doc in resources.items() if kind == "HTTPRoute"]
    backends = [ref for route in routes for rule in route["spec"]["rules"]
                for ref in rule.get("backendRefs", [])]  # fmt: skip
    assert backends == [
        {"name": service["metadata"]["name"], "port": service["spec"]["ports"][0]["port"]}
    ]

    def selects(selector: dict[str, Any], labels: dict[str, str]) -> bool:
        wanted: dict[str, str] = selector["matchLabels"]
        return wanted.items() <= labels.items()

    policies = [doc for (kind, _), doc in resources.items() if kind == "NetworkPolicy"]
    (to_app,) = [p for p in policies if selects(p["spec"]["podSelector"], app_labels)]
    (to_database,) = [p for p in policies if p is not to_app]
    (app_peer,) = [peer for rule in to_app["spec"]["ingress"] for peer in rule["from"]]
    assert not selects(app_peer["podSelector"], app_labels), "the app does not call itself"
    (database_peer,) = [peer for rule in to_database["spec"]["ingress"] for peer in rule["from"]]
    assert selects(database_peer["podSelector"], app_labels)
    assert selects(database_peer["podSelector"], job_labels)
    service_selector = {"matchLabels": service["spec"]["selector"]}
    assert not selects(service_selector, job_labels), "the Service must not reach the Job"


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


def test_the_image_lock_pins_what_pyproject_pins_with_hashes(project: Path) -> None:
    """requirements.txt, which the image installs from, holds every direct
    dependency at the version pyproject.toml pins, and a hash for each file."""
    pyproject = tomllib.loads((project / "pyproject.toml").read_text(encoding="utf-8"))
    direct = {}
    for line in pyproject["project"]["dependencies"]:
        requirement = Requirement(line)
        (pin,) = requirement.specifier
        direct[canonicalize_name(requirement.name)] = pin.version
        for extra in requirement.extras:  # psycopg[binary] pulls psycopg-binary
            direct[canonicalize_name(f"{requirement.name}-{extra}")] = pin.version
    lock = (project / "requirements.txt").read_text(encoding="utf-8")
    entry = r"^([A-Za-z0-9._-]+)==(\S+)(?: ;[^\\\n]*)?((?: \\\n\s+--hash=sha256:\w+)+)"
    entries = re.findall(entry, lock, re.MULTILINE)
    locked = {canonicalize_name(name): version for name, version, _ in entries}
    assert {name: locked.get(name) for name in direct} == direct
    assert len(entries) == len(re.findall(r"^\S+==", lock, re.MULTILINE)), "an entry without a hash"


def test_the_readme_tells_how_to_pin_the_dockerfiles_base_by_digest(project: Path) -> None:
    dockerfile = (project / "Dockerfile").read_text(encoding="utf-8")
    bases = set(re.findall(r"^FROM (\S+)", dockerfile, flags=re.MULTILINE))
    assert len(bases) == 1, bases  # both stages start from the same image
    (base,) = bases
    readme = (project / "README.md").read_text(encoding="utf-8")
    assert f"docker buildx imagetools inspect {base} |" in readme
    assert f"`FROM {base}@sha256:...`" in readme
