"""The web pages, rendered from Jinja templates, and the error pages."""

from __future__ import annotations

from flask import Blueprint, Response, jsonify, render_template, request
from werkzeug.exceptions import HTTPException

from {{ cookiecutter.package_name }}.extensions import db
from {{ cookiecutter.package_name }}.models import Note

blueprint = Blueprint("web", __name__)
# Error pages of our own; other errors keep Werkzeug's plain page.
ERROR_PAGES = {404, 500}


@blueprint.get("/")
def index() -> str:
    notes = db.session.scalars(db.select(Note).order_by(Note.id.desc()).limit(50)).all()
    return render_template("index.html", notes=notes)


@blueprint.app_errorhandler(HTTPException)
def error_page(
    exception: HTTPException,
) -> tuple[str, int] | tuple[Response, int] | HTTPException:
    """Every HTTP error of the application: JSON under /api/, a page elsewhere.

    Errors raised before a view runs (no such URL, a method the URL does not
    allow) reach only an application-wide handler like this one.
    """
    status = exception.code or 500
    if request.path.startswith("/api/"):
        message = exception.description or exception.name
        return jsonify(error={"status": status, "message": message}), status
    if status in ERROR_PAGES:
        return render_template(f"errors/{status}.html"), status
    return exception
