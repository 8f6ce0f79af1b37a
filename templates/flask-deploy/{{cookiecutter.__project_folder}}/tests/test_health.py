"""The health endpoints the load balancer and the orchestrator ask."""

from __future__ import annotations

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import event, text
from sqlalchemy.engine import Connection
from sqlalchemy.exc import OperationalError

from {{ cookiecutter.package_name }} import create_app
from {{ cookiecutter.package_name }}.extensions import (
    db,
    end_session,
)


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


def test_pages_that_need_the_database_answer_503_while_it_is_away(
    app: Flask, monkeypatch: pytest.MonkeyPatch
) -> None:
    """503 with Retry-After, at once: not a 500, and not a wait nginx ends in 502."""
    del app
    monkeypatch.setenv("DATABASE_URL", "postgresql://nobody@127.0.0.1:1/none")
    unreachable = create_app()
    client = unreachable.test_client()
    page = client.get("/")
    assert page.status_code == 503
    assert page.headers["Retry-After"] == "5"
    assert b"cannot reach its database" in page.data
    api = client.get("/api/notes")
    assert api.status_code == 503
    assert api.json is not None
    assert api.json["error"]["status"] == 503
    with unreachable.app_context():
        db.engine.dispose()


def test_a_connection_dropped_after_the_last_query_ends_the_session_quietly(
    app: Flask,
) -> None:
    """The database restarts between a view's last query and the closing
    rollback: the broken connection is discarded, the answer is not lost."""
    del app
    assert db.session.execute(text("SELECT 1")).scalar() == 1  # a transaction is open

    def dropped(connection: Connection) -> None:
        reason = ConnectionError("server closed the connection unexpectedly")
        raise OperationalError("ROLLBACK", {}, reason)

    event.listen(db.engine, "rollback", dropped)
    try:
        end_session()
    finally:
        event.remove(db.engine, "rollback", dropped)
    assert db.session.execute(text("SELECT 2")).scalar() == 2  # a fresh connection


def test_a_query_that_fails_for_another_reason_is_a_500_not_a_503(
    app: Flask, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A database without its tables answers, so this is no outage: the page
    is a logged 500, and nobody is told to come back in 5 seconds."""
    del app
    # An empty in-memory database of its own; errors answered as in production.
    monkeypatch.setenv("DATABASE_URL", "sqlite://")
    unmigrated = create_app({"PROPAGATE_EXCEPTIONS": False})
    response = unmigrated.test_client().get("/")
    assert response.status_code == 500
    assert "Retry-After" not in response.headers
    with unmigrated.app_context():
        db.engine.dispose()
