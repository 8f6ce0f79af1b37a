"""Configuration from environment variables: nothing secret lives in the code.

APP_ENV picks the kind of configuration:

- ``production`` (the default, so that a forgotten variable fails safe):
  SECRET_KEY and DATABASE_URL must be set, or the application refuses to start;
- ``development``: a throwaway secret and a SQLite file in instance/, unless
  the environment (or the .env file, see .env.example) says otherwise;
- ``testing``: an in-memory SQLite database, unless DATABASE_URL is set.
"""

from __future__ import annotations

import os
from datetime import timedelta
from typing import Any

ENVIRONMENTS = ("production", "development", "testing")


class ConfigError(Exception):
    """A configuration the application cannot start with."""


def database_url(url: str) -> str:
    """SQLAlchemy's name for the PostgreSQL driver this project uses (psycopg 3).

    Hosts hand out URLs starting postgres:// or postgresql://; both mean the same.
    """
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url.removeprefix(prefix)
    return url


def load_config() -> dict[str, Any]:
    environment = os.environ.get("APP_ENV", "production")
    if environment not in ENVIRONMENTS:
        choices = ", ".join(ENVIRONMENTS)
        raise ConfigError(f"APP_ENV={environment!r} is not one of {choices}")
    secret_key = os.environ.get("SECRET_KEY", "")
    url = os.environ.get("DATABASE_URL", "")
    if environment == "production":
        required = {"SECRET_KEY": secret_key, "DATABASE_URL": url}
        missing = " and ".join(name for name, value in required.items() if not value)
        if missing:
            raise ConfigError(f"production needs {missing} set in the environment")
    elif environment == "development":
        secret_key = secret_key or "development only, never in production"
        url = url or "sqlite:///development.sqlite3"
    else:
        secret_key = secret_key or "testing"
        url = url or "sqlite://"
    engine_options: dict[str, Any] = {
        # Check each pooled connection before use: survives a database restart.
        "pool_pre_ping": True,
    }
    if url.startswith(("postgres://", "postgresql://")):
        # No query may run longer than 25 s: the answer would come after nginx
        # gave up (proxy_read_timeout 35s), while holding a thread and a connection.
        # Give up connecting after 5 s: with the database unreachable, a page
        # answers 503 promptly instead of waiting out nginx.
        engine_options["connect_args"] = {
            "options": "-c statement_timeout=25000",
            "connect_timeout": 5,
        }
    return {
        "APP_ENV": environment,
        "TESTING": environment == "testing",
        "SECRET_KEY": secret_key,
        "SQLALCHEMY_DATABASE_URI": database_url(url),
        "SQLALCHEMY_ENGINE_OPTIONS": engine_options,
        # Refuse bodies over 1 MiB before reading them (nginx refuses them first).
        "MAX_CONTENT_LENGTH": 1024 * 1024,
        # The session is a cookie signed with SECRET_KEY: sent over HTTPS only
        # in production, out of JavaScript's reach, and not on requests that
        # other sites start (besides plain links). "__Host-" makes browsers
        # refuse it from any other host or path, or over plain HTTP.
        "SESSION_COOKIE_NAME": "__Host-session"
        if environment == "production"
        else "session",
        "SESSION_COOKIE_SECURE": environment == "production",
        "SESSION_COOKIE_HTTPONLY": True,
        "SESSION_COOKIE_SAMESITE": "Lax",
        # A signed-in session lasts two weeks, then asks for the password again.
        "PERMANENT_SESSION_LIFETIME": timedelta(days=14),
    }
