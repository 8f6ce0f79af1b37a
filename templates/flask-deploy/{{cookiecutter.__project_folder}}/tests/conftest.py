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
