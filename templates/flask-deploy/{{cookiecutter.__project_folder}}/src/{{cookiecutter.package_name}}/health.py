"""Health endpoints for load balancers and orchestrators.

- /healthz: the process is alive and answering (a liveness probe). It never
  touches the database, so a database outage does not get every instance
  restarted.
- /readyz: the process can do its work, the database answers (a readiness
  probe). 503 while it does not: traffic goes elsewhere until it does.
"""

from __future__ import annotations

from flask import Blueprint, Response, current_app, jsonify
from sqlalchemy import text
from sqlalchemy.exc import SQLAlchemyError

from {{ cookiecutter.package_name }}.extensions import (
    db,
    end_session,
)

blueprint = Blueprint("health", __name__)


@blueprint.get("/healthz")
def healthz() -> Response:
    return jsonify(status="ok")


@blueprint.get("/readyz")
def readyz() -> tuple[Response, int]:
    try:
        db.session.execute(text("SELECT 1"))
    except SQLAlchemyError as exception:
        end_session()
        current_app.logger.warning("database unreachable: %s", type(exception).__name__)
        return jsonify(status="unavailable", database="unreachable"), 503
    return jsonify(status="ok", database="ok"), 200
