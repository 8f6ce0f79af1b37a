"""Configuration from the environment, and the refusals that keep production safe."""

from __future__ import annotations

import subprocess
import sys

import pytest

from {{ cookiecutter.package_name }}.config import (
    ConfigError,
    database_url,
    load_config,
)

PACKAGE = "{{ cookiecutter.package_name }}"


def test_production_needs_a_secret_key_and_a_database(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv("APP_ENV", raising=False)  # production is the default
    monkeypatch.delenv("SECRET_KEY", raising=False)
    monkeypatch.delenv("DATABASE_URL", raising=False)
    expected = "production needs SECRET_KEY and DATABASE_URL"
    with pytest.raises(ConfigError, match=expected):
        load_config()


def test_production_takes_everything_from_the_environment(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("APP_ENV", "production")
    monkeypatch.setenv("SECRET_KEY", "s3cret")
    monkeypatch.setenv("DATABASE_URL", "postgres://app@db/app")
    config = load_config()
    assert config["SECRET_KEY"] == "s3cret"
    assert config["SQLALCHEMY_DATABASE_URI"] == "postgresql+psycopg://app@db/app"
    assert config["SESSION_COOKIE_SECURE"] is True
    assert config["SESSION_COOKIE_NAME"] == "__Host-session"
    connect_args = config["SQLALCHEMY_ENGINE_OPTIONS"]["connect_args"]
    assert connect_args == {
        "options": "-c statement_timeout=25000",
        "connect_timeout": 5,
    }


def test_an_unknown_environment_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("APP_ENV", "staging")
    with pytest.raises(ConfigError, match="APP_ENV='staging' is not one of"):
        load_config()


def test_database_urls_use_psycopg() -> None:
    assert database_url("postgresql://a@b/c") == "postgresql+psycopg://a@b/c"
    assert database_url("sqlite:///x.db") == "sqlite:///x.db"


def test_the_wsgi_entry_point_refuses_to_start_in_one_line(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    for name in ("APP_ENV", "SECRET_KEY", "DATABASE_URL"):
        monkeypatch.delenv(name, raising=False)
    result = subprocess.run(
        [sys.executable, "-c", f"import {PACKAGE}.wsgi"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 1
    assert result.stderr == (
        "error: production needs SECRET_KEY and DATABASE_URL set in the environment\n"
    )
