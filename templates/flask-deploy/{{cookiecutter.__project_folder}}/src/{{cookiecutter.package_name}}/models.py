"""The database tables, as SQLAlchemy 2 models. Change one, then run

    flask --app "$APP" db migrate -m "what changed"

where APP, the application's module, is
{{ cookiecutter.package_name }}.wsgi; then commit the new file in
migrations/versions/."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import DateTime, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from {{ cookiecutter.package_name }}.extensions import db

TITLE_MAX = 200
BODY_MAX = 10_000


class Note(db.Model):  # type: ignore[name-defined, misc]
    __tablename__ = "notes"

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(String(TITLE_MAX))
    body: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), default=lambda: datetime.now(UTC)
    )

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "title": self.title,
            "body": self.body,
            "created_at": self.created_at.isoformat(),
        }
