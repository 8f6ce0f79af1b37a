"""The health endpoints the load balancer and the orchestrator ask."""

from __future__ import annotations

import pytest
from flask import Flask
from flask.testing import FlaskClient

from {{ cookiecutter.package_name }} import create_app
from {{ cookiecutter.package_name }}.extensions import db


def test_healthz_and_readyz(client: FlaskClient) -> None:
    assert client.get("/healthz").json == {"status": "ok"}
    assert client.get("/readyz").json == {"status": "ok", "database": "ok"}


def test_readyz_is_503_without_a_database(
    app: Flask, monkeypatch: pytest.MonkeyPatch
) -> None:
    del app  # the application under test stays as it is
    monkeypatch.setenv("DATABASE_URL", "postgresql://nobody@127.0.0.1:1/none")
    unreachable = create_app()
    client = unreachable.test_client()
    response = client.get("/readyz")
    assert response.status_code == 503
    assert response.json == {"status": "unavailable", "database": "unreachable"}
    assert client.get("/healthz").status_code == 200
    with unreachable.app_context():
        db.engine.dispose()
