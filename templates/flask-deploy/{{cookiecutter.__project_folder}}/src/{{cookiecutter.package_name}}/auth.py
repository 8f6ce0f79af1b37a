"""Accounts: who may write.

- People sign in on /signin with a name and a password. The session is Flask's
  signed cookie (Secure, HttpOnly, SameSite=Lax: config.py); it carries the
  account, when it signed in, and a CSRF token that every form must send back.
  A sign-in lasts SIGN_IN_LIFETIME at most. Signing out, or `flask users
  revoke`, ends every session of the account: a copied cookie stops working.
- Programs use the API with a bearer token: `Authorization: Bearer <token>`.
  The API never looks at the session cookie, so a page on another site cannot
  make a signed-in browser write through it.
- Reading is public. A write without an account is refused: 401 from the API
  without a valid token, 403 from a page without a signed-in session or with
  a bad CSRF token, 403 on someone else's note.
- Sign-in is limited: once MAX_ATTEMPTS attempts for one name, or from one
  address, have failed within ATTEMPT_WINDOW, further attempts get 429 until
  the oldest ages out. Attempts are kept in the database, so the limit holds
  across Gunicorn workers and replicas; each is stored before its password is
  checked, so attempts sent all at once cannot slip past the count.
"""

from __future__ import annotations

import hashlib
import hmac
import ipaddress
import secrets
import time
from collections.abc import Callable
from datetime import timedelta
from functools import wraps
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
from sqlalchemy import delete, func, or_, select, update
from werkzeug.security import check_password_hash, generate_password_hash

from {{ cookiecutter.package_name }}.extensions import db
from {{ cookiecutter.package_name }}.models import (
    ADDRESS_MAX,
    USER_NAME_MAX,
    ApiToken,
    SignInAttempt,
    User,
    now,
)

blueprint = Blueprint("auth", __name__)

MAX_ATTEMPTS = 5
ATTEMPT_WINDOW = timedelta(minutes=15)
SIGN_IN_LIFETIME = timedelta(days=14)
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


# Checked against when the name is unknown: made once per process, on import,
# so that no request pays for it.
STAND_IN_HASH = hash_password(secrets.token_urlsafe())


def account_named(name: str) -> User | None:
    user: User | None = db.session.scalar(select(User).where(User.name == name))
    return user


def account_for(name: str, password: str) -> User | None:
    """The account with this name and password, or None.

    An unknown name costs the same hash as a wrong password, so the time an
    answer takes does not tell which names exist."""
    user = account_named(name)
    stored = user.password_hash if user else STAND_IN_HASH
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
    """An API view that writes: it runs only with a valid bearer token, with
    the token's account as g.user."""

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
    """The account the browser's session is signed in as, if the sign-in still
    holds: not too old, and not ended since. A session that no longer holds is
    cleared, so that the pages stop showing a name."""
    user_id, version = session.get("user_id"), session.get("session_version")
    signed_in_at = session.get("signed_in_at", 0)
    if not isinstance(user_id, int):
        return None
    user: User | None = db.session.get(User, user_id)
    fresh = time.time() - signed_in_at < SIGN_IN_LIFETIME.total_seconds()
    if user is None or user.session_version != version or not fresh:
        session.clear()
        return None
    return user


def sign_in_required(view: View) -> View:
    """A page that writes: 403 unless the browser's session is signed in; the
    account is g.user."""

    @wraps(view)
    def checked(*args: Any, **kwargs: Any) -> ResponseReturnValue:
        user = signed_in_user()
        if user is None:
            abort(403)
        g.user = user
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
    exempt = request.url_rule is None or request.blueprint == "api"
    if request.method in {"GET", "HEAD", "OPTIONS"} or exempt:
        return
    sent = request.form.get("csrf_token", "")
    expected = session.get("csrf_token", "")
    if not expected or not hmac.compare_digest(sent.encode(), expected.encode()):
        abort(403)


# Signing in and out --------------------------------------------------------


def client_address() -> str:
    """The client's address, as ProxyFix took it from the proxy's header."""
    try:
        return str(ipaddress.ip_address(request.remote_addr or ""))[:ADDRESS_MAX]
    except ValueError:
        return "unknown"


def attempt_allowed(name: str, address: str) -> bool:
    """Store this attempt, then count: refused beyond MAX_ATTEMPTS recent ones
    for the name or from the address (this one included). A refused attempt
    is forgotten again, so that trying while refused does not prolong it."""
    moment = now()
    cutoff = moment - ATTEMPT_WINDOW
    db.session.execute(delete(SignInAttempt).where(SignInAttempt.at < cutoff))
    attempt = SignInAttempt(name=name, address=address, at=moment)
    db.session.add(attempt)
    db.session.commit()
    recent = select(func.count(SignInAttempt.id)).where(
        SignInAttempt.at >= cutoff,
        or_(SignInAttempt.name == name, SignInAttempt.address == address),
    )
    if (db.session.scalar(recent) or 0) <= MAX_ATTEMPTS:
        return True
    db.session.delete(attempt)
    db.session.commit()
    return False


@blueprint.route("/signin", methods=["GET", "POST"])
def sign_in() -> ResponseReturnValue:
    if request.method == "GET":
        return render_template("signin.html"), 200
    # PostgreSQL text cannot hold NUL, and no account's name has one.
    name = request.form.get("name", "").replace("\x00", "")[:USER_NAME_MAX]
    password = request.form.get("password", "")
    if not attempt_allowed(name, client_address()):
        message = "Too many failed attempts. Try again in a few minutes."
        page = render_template("signin.html", error=message, name=name)
        return page, 429, {"Retry-After": str(int(ATTEMPT_WINDOW.total_seconds()))}
    user = account_for(name, password)
    if user is None:
        message = "Wrong name or password."
        return render_template("signin.html", error=message, name=name), 401
    db.session.execute(delete(SignInAttempt).where(SignInAttempt.name == name))
    db.session.commit()
    # A new session: whatever a visitor held before signing in (a planted
    # cookie, an old CSRF token) is worth nothing afterwards.
    session.clear()
    session["user_id"] = user.id
    session["user_name"] = user.name  # for the pages' header, without a query
    session["session_version"] = user.session_version
    session["signed_in_at"] = int(time.time())
    csrf_token()  # a fresh one, in the cookie set with this answer
    session.permanent = True
    return redirect(url_for("web.index"), code=303)


def end_sessions(user: User) -> None:
    """Every session of `user`, on every browser, stops holding. In one
    statement, so that two at the same moment both count."""
    raise_version = User.session_version + 1
    db.session.execute(
        update(User).where(User.id == user.id).values(session_version=raise_version)
    )
    db.session.commit()


@blueprint.post("/signout")
def sign_out() -> ResponseReturnValue:
    user = signed_in_user()
    if user is not None:
        end_sessions(user)
    session.clear()
    return redirect(url_for("web.index"), code=303)
