"""The database tables, as SQLAlchemy 2 models. Change one, then run

    flask --app "$APP" db migrate -m "what changed"

where APP, the application's module, is
{{ cookiecutter.package_name }}.wsgi; then commit the new file in
migrations/versions/."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import DateTime, ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from {{ cookiecutter.package_name }}.extensions import db

TITLE_MAX = 200
BODY_MAX = 10_000
USER_NAME_MAX = 64
ADDRESS_MAX = 45  # the longest IPv6 address, as text
IDEMPOTENCY_KEY_MAX = 255


def now() -> datetime:
    return datetime.now(UTC)


class User(db.Model):  # type: ignore[name-defined, misc]
    """An account: who may write. Created with `flask users create`."""

    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(USER_NAME_MAX), unique=True)
    # The password's scrypt hash, with its salt and cost (auth.py); never the password.
    password_hash: Mapped[str] = mapped_column(String(255))
    # Part of every session; raising it ends them all (signing out, revoking).
    session_version: Mapped[int] = mapped_column(default=0, server_default="0")
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=now)


class ApiToken(db.Model):  # type: ignore[name-defined, misc]
    """A bearer token for the API, made by `flask users token`. Only its SHA-256
    digest is kept: a copy of the database does not let anyone in."""

    __tablename__ = "api_tokens"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    digest: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=now)


class SignInAttempt(db.Model):  # type: ignore[name-defined, misc]
    """A sign-in attempt, kept for a while to limit guessing (auth.py)."""

    __tablename__ = "sign_in_attempts"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(USER_NAME_MAX))
    address: Mapped[str] = mapped_column(String(ADDRESS_MAX))
    at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), default=now, index=True
    )


class Note(db.Model):  # type: ignore[name-defined, misc]
    __tablename__ = "notes"
    # A client that sends the same Idempotency-Key twice (a retry after a lost
    # answer) gets the note it created the first time, not a second one.
    __table_args__ = (UniqueConstraint("author_id", "idempotency_key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(String(TITLE_MAX))
    body: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=now)
    # Notes written before accounts existed, or whose author was deleted, have none.
    author_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL")
    )
    idempotency_key: Mapped[str | None] = mapped_column(String(IDEMPOTENCY_KEY_MAX))

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "title": self.title,
            "body": self.body,
            "created_at": self.created_at.isoformat(),
        }
