"""An application built for each test, its database made by the real migrations.

The tests run against SQLite in memory, or against the database DATABASE_URL
names (CI sets a PostgreSQL one): the same tests, both ways.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from flask import Flask
from flask.testing import FlaskClient
from flask_migrate import downgrade, upgrade

from {{ cookiecutter.package_name }} import create_app
from {{ cookiecutter.package_name }}.extensions import db

PASSWORD = "correct horse battery staple"


@pytest.fixture
def app(monkeypatch: pytest.MonkeyPatch) -> Iterator[Flask]:
    monkeypatch.setenv("APP_ENV", "testing")
    application = create_app()
    with application.app_context():
        upgrade()
        yield application
        db.session.remove()
        downgrade(revision="base")
        db.engine.dispose()  # close the pooled connections: no leak between tests


@pytest.fixture
def client(app: Flask) -> FlaskClient:
    return app.test_client()


class Accounts:
    """Accounts and tokens made as an operator makes them, with `flask users`."""

    password = PASSWORD

    def __init__(self, app: Flask) -> None:
        self.cli = app.test_cli_runner()

    def create(self, name: str) -> str:
        given = f"{PASSWORD}\n{PASSWORD}\n"
        result = self.cli.invoke(args=["users", "create", name], input=given)
        assert result.exit_code == 0, result.output
        return name

    def token(self, name: str) -> str:
        result = self.cli.invoke(args=["users", "token", name])
        assert result.exit_code == 0, result.output
        return result.output.strip()


@pytest.fixture
def accounts(app: Flask) -> Accounts:
    return Accounts(app)


@pytest.fixture
def author(accounts: Accounts) -> str:
    return accounts.create("ada")


@pytest.fixture
def token(accounts: Accounts, author: str) -> str:
    return accounts.token(author)


@pytest.fixture
def writer(app: Flask, token: str) -> FlaskClient:
    """A client that sends the author's API token with every request."""
    client = app.test_client()
    client.environ_base["HTTP_AUTHORIZATION"] = f"Bearer {token}"
    return client
