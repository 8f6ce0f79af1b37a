"""The web pages, rendered from Jinja templates, and the error pages."""

from __future__ import annotations

from flask import (
    Blueprint,
    Response,
    current_app,
    g,
    jsonify,
    redirect,
    render_template,
    request,
    url_for,
)
from flask.typing import ResponseReturnValue
from sqlalchemy.exc import OperationalError
from werkzeug.exceptions import HTTPException, ServiceUnavailable

from {{ cookiecutter.package_name }}.auth import (
    sign_in_required,
    signed_in_user,
)
from {{ cookiecutter.package_name }}.extensions import (
    db,
    end_session,
)
from {{ cookiecutter.package_name }}.models import (
    BODY_MAX,
    TITLE_MAX,
    Note,
)

blueprint = Blueprint("web", __name__)
# Error pages of our own: their heading and what the reader can do about it.
# Other errors keep Werkzeug's plain page.
ERROR_PAGES = {
    403: (
        "Refused",
        "Writing needs an account: sign in, then send the form from its page.",
    ),
    404: ("Not found", "There is no page at this address."),
    429: ("Too many requests", "Wait a moment, then try again."),
    500: (
        "Something went wrong",
        "The error has been logged. Please try again in a moment.",
    ),
    503: (
        "Unavailable",
        "The service cannot reach its database. Please try again in a moment.",
    ),
}
# How long a client should wait before trying again while the database is away.
RETRY_AFTER_SECONDS = 5
UNREACHABLE = ("08", "57P01", "57P02", "57P03")


@blueprint.get("/")
def index() -> str:
    signed_in_user()  # a session that no longer holds is cleared, name and all
    notes = db.session.scalars(db.select(Note).order_by(Note.id.desc()).limit(50)).all()
    return render_template(
        "index.html", notes=notes, title_max=TITLE_MAX, body_max=BODY_MAX
    )


@blueprint.post("/notes")
@sign_in_required
def add_note() -> ResponseReturnValue:
    """The home page's form (CSRF-checked in auth.check_csrf)."""
    # PostgreSQL text cannot hold NUL; a browser never sends one.
    title = request.form.get("title", "").replace("\x00", "").strip()[:TITLE_MAX]
    body = request.form.get("body", "").replace("\x00", "")[:BODY_MAX]
    if title:
        db.session.add(Note(title=title, body=body, author_id=g.user.id))
        db.session.commit()
    return redirect(url_for("web.index"), code=303)


def database_unreachable(exception: OperationalError) -> bool:
    """Whether the error says the database is not there (down, restarting,
    unreachable), rather than that a query failed."""
    if exception.connection_invalidated:  # the connection broke mid-use
        return True
    # psycopg's SQLSTATE: None when no server answered at all; class 08 for a
    # lost connection; 57P01-57P03 while the server shuts down or starts up.
    sqlstate = getattr(exception.orig, "sqlstate", "")
    return sqlstate is None or str(sqlstate).startswith(UNREACHABLE)


@blueprint.app_errorhandler(OperationalError)
def database_unavailable(exception: OperationalError) -> Response:
    """The database is down or restarting: 503 at once, with a hint when to
    come back, rather than a 500, a hang, or a 502 from nginx. The connection
    pool checks each connection before use, so service resumes by itself.
    Any other operational error (a statement timeout, a deadlock) is a 500,
    logged with its traceback."""
    end_session()
    if not database_unreachable(exception):
        raise exception
    current_app.logger.warning("database unreachable: %s", exception.orig)
    response = current_app.make_response(error_page(ServiceUnavailable()))
    response.headers["Retry-After"] = str(RETRY_AFTER_SECONDS)
    return response


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
        heading, message = ERROR_PAGES[status]
        return render_template("error.html", heading=heading, message=message), status
    return exception
