"""Accounts: who may write.

- People sign in on /signin with a name and a password. The session is Flask's
  signed cookie (Secure, HttpOnly, SameSite=Lax: config.py); it carries the
  account's id and a CSRF token that every form must send back.
- Programs use the API with a bearer token: `Authorization: Bearer <token>`.
  The API never looks at the session cookie, so a page on another site cannot
  make a signed-in browser write through it.
- Reading is public. A write without an account is refused: 401 without
  credentials, 403 with a bad CSRF token or on someone else's note.
- Sign-in is limited: after MAX_FAILURES wrong attempts for one name, or from
  one address, within FAILURE_WINDOW, further attempts get 429 until the
  oldest failure ages out. The count is kept in the database, so it holds
  across Gunicorn workers and across replicas.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from collections.abc import Callable
from datetime import timedelta
from functools import cache, wraps
from typing import Any

from flask import (
    Blueprint,
    Response,
    abort,
    g,
    jsonify,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from flask.typing import ResponseReturnValue
from sqlalchemy import delete, func, or_, select
from werkzeug.security import check_password_hash, generate_password_hash

from {{ cookiecutter.package_name }}.extensions import db
from {{ cookiecutter.package_name }}.models import (
    USER_NAME_MAX,
    ApiToken,
    SignInFailure,
    User,
    now,
)

blueprint = Blueprint("auth", __name__)

MAX_FAILURES = 5
FAILURE_WINDOW = timedelta(minutes=15)
# NIST SP 800-63B: at least 15 characters for a password that is the only factor.
PASSWORD_MIN = 15

# A view function, as Flask calls it.
View = Callable[..., ResponseReturnValue]


# Passwords -----------------------------------------------------------------


def hash_password(password: str) -> str:
    """scrypt (Werkzeug's default): salted, and costly in time and memory, so
    a stolen hash is slow to guess. The cost is stored in the hash, so raising
    it later still verifies the old hashes."""
    return generate_password_hash(password)


@cache
def stand_in_hash() -> str:
    return hash_password(secrets.token_urlsafe())


def account_for(name: str, password: str) -> User | None:
    """The account with this name and password, or None.

    An unknown name costs the same hash as a wrong password, so the time an
    answer takes does not tell which names exist."""
    user: User | None = db.session.scalar(select(User).where(User.name == name))
    stored = user.password_hash if user else stand_in_hash()
    if check_password_hash(stored, password) and user is not None:
        return user
    return None


# API tokens ----------------------------------------------------------------


def digest(token: str) -> str:
    """A token is 256 random bits, too many to guess: a fast hash is enough,
    unlike for a password a person chose."""
    return hashlib.sha256(token.encode()).hexdigest()


def new_token(user: User) -> str:
    """A new token for `user`. It is shown once; only its digest is stored."""
    token = secrets.token_urlsafe(32)
    db.session.add(ApiToken(user_id=user.id, digest=digest(token)))
    db.session.commit()
    return token


def account_for_token(token: str) -> User | None:
    query = select(User).join(ApiToken).where(ApiToken.digest == digest(token))
    user: User | None = db.session.scalar(query)
    return user


def unauthorized(message: str) -> tuple[Response, int, dict[str, str]]:
    body = jsonify(error={"status": 401, "message": message})
    return body, 401, {"WWW-Authenticate": 'Bearer realm="api"'}


def token_required(view: View) -> View:
    """An API view that writes: it runs only with a valid bearer token, as its
    account."""

    @wraps(view)
    def checked(*args: Any, **kwargs: Any) -> ResponseReturnValue:
        credentials = request.authorization
        if credentials is None or credentials.type != "bearer" or not credentials.token:
            return unauthorized(
                "this needs an API token: Authorization: Bearer <token>"
            )
        user = account_for_token(credentials.token)
        if user is None:
            return unauthorized("the API token is not valid")
        g.user = user
        return view(*args, **kwargs)

    return checked


# Sessions and CSRF ------------------------------------------------------------


def signed_in_user() -> User | None:
    """The account of the browser's session, if any (also for the templates)."""
    if "user" not in g:
        user_id = session.get("user_id")
        g.user = db.session.get(User, user_id) if isinstance(user_id, int) else None
    user: User | None = g.user
    return user


def sign_in_required(view: View) -> View:
    """A page that writes: 401 unless a browser session is signed in."""

    @wraps(view)
    def checked(*args: Any, **kwargs: Any) -> ResponseReturnValue:
        if signed_in_user() is None:
            abort(401)
        return view(*args, **kwargs)

    return checked


def csrf_token() -> str:
    """The session's CSRF token, for the hidden field of every form."""
    if "csrf_token" not in session:
        session["csrf_token"] = secrets.token_urlsafe(32)
    token: str = session["csrf_token"]
    return token


def check_csrf() -> None:
    """Before every request: a form sent by POST must carry the session's CSRF
    token, which a page on another site cannot read. The API is exempt: it
    authenticates by bearer token, never by cookie. So is a request that
    reaches no view: it gets its 404 or 405."""
    if request.method in {"GET", "HEAD", "OPTIONS"} or request.url_rule is None:
        return
    if request.blueprint == "api":
        return
    sent = request.form.get("csrf_token", "")
    expected = session.get("csrf_token", "")
    if not expected or not hmac.compare_digest(sent, expected):
        abort(403)


# Signing in and out --------------------------------------------------------


def too_many_failures(name: str, address: str) -> bool:
    recent = select(func.count(SignInFailure.id)).where(
        SignInFailure.at > now() - FAILURE_WINDOW,
        or_(SignInFailure.name == name, SignInFailure.address == address),
    )
    return (db.session.scalar(recent) or 0) >= MAX_FAILURES


def record_failure(name: str, address: str) -> None:
    db.session.execute(
        delete(SignInFailure).where(SignInFailure.at < now() - FAILURE_WINDOW)
    )
    db.session.add(SignInFailure(name=name, address=address))
    db.session.commit()


@blueprint.route("/signin", methods=["GET", "POST"])
def sign_in() -> ResponseReturnValue:
    if request.method == "GET":
        return render_template("signin.html"), 200
    name = request.form.get("name", "")[:USER_NAME_MAX]
    password = request.form.get("password", "")
    address = request.remote_addr or "unknown"
    if too_many_failures(name, address):
        message = "Too many failed attempts. Try again in a few minutes."
        minutes = int(FAILURE_WINDOW.total_seconds() // 60)
        page = render_template("signin.html", error=message, name=name)
        return page, 429, {"Retry-After": str(minutes * 60)}
    user = account_for(name, password)
    if user is None:
        record_failure(name, address)
        return render_template(
            "signin.html", error="Wrong name or password.", name=name
        ), 401
    db.session.execute(delete(SignInFailure).where(SignInFailure.name == name))
    db.session.commit()
    # A new session: whatever a visitor held before signing in (a planted
    # cookie, an old CSRF token) is worth nothing afterwards.
    session.clear()
    session["user_id"] = user.id
    session["user_name"] = user.name  # for the pages' header, without a query
    csrf_token()  # a fresh one, in the cookie set with this answer
    session.permanent = True
    return redirect(url_for("web.index"), code=303)


@blueprint.post("/signout")
def sign_out() -> ResponseReturnValue:
    session.clear()
    return redirect(url_for("web.index"), code=303)
