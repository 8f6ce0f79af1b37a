"""Accounts: reading is public, every write needs an account, and the ways in
(passwords, sessions, API tokens) are guarded."""

from __future__ import annotations

import re
import time
from datetime import timedelta

import pytest
from flask import Flask
from flask.testing import FlaskClient

from {{ cookiecutter.package_name }} import auth
from {{ cookiecutter.package_name }}.auth import (
    ATTEMPT_WINDOW,
    MAX_ATTEMPTS,
    SIGN_IN_LIFETIME,
)
from {{ cookiecutter.package_name }}.extensions import db
from {{ cookiecutter.package_name }}.models import (
    ApiToken,
    Note,
    SignInAttempt,
    User,
    now,
)

from tests.conftest import PASSWORD, Accounts

WRITES = [
    ("POST", "/api/notes"),
    ("PUT", "/api/notes/1"),
    ("PATCH", "/api/notes/1"),
    ("DELETE", "/api/notes/1"),
]


def csrf_token_of(page: bytes) -> str:
    """The session's token, the same in every form of the page."""
    tokens: set[bytes] = set(re.findall(rb'name="csrf_token" value="([^"]+)"', page))
    (token,) = tokens
    return token.decode()


def sign_in(client: FlaskClient, name: str, password: str = PASSWORD) -> int:
    token = csrf_token_of(client.get("/signin").data)
    form = {"name": name, "password": password, "csrf_token": token}
    return client.post("/signin", data=form).status_code


def notes(client: FlaskClient) -> list[dict[str, object]]:
    listed = client.get("/api/notes").json
    assert listed is not None
    return list(listed["notes"])


@pytest.mark.parametrize(("method", "path"), WRITES)
def test_a_write_without_a_token_gets_401_and_changes_nothing(
    client: FlaskClient, writer: FlaskClient, method: str, path: str
) -> None:
    writer.post("/api/notes", json={"title": "Kept"})
    before = notes(client)
    for headers in (
        {},
        {"Authorization": "Bearer not-a-token"},
        {"Authorization": "Basic YTpi"},
    ):
        response = client.open(
            path, method=method, json={"title": "New"}, headers=headers
        )
        assert response.status_code == 401
        assert response.headers["WWW-Authenticate"] == 'Bearer realm="api"'
        assert response.json is not None
        assert response.json["error"]["status"] == 401
    assert notes(client) == before


@pytest.mark.parametrize(("method", "path"), WRITES[1:])
def test_only_its_author_changes_a_note(
    accounts: Accounts, client: FlaskClient, writer: FlaskClient, method: str, path: str
) -> None:
    writer.post("/api/notes", json={"title": "Mine"})
    before = notes(client)
    intruder = accounts.token(accounts.create("mallory"))
    headers = {"Authorization": f"Bearer {intruder}"}
    response = client.open(
        path, method=method, json={"title": "Theirs"}, headers=headers
    )
    assert response.status_code == 403
    assert notes(client) == before


def test_a_revoked_token_stops_working(
    app: Flask, writer: FlaskClient, author: str
) -> None:
    assert writer.post("/api/notes", json={"title": "Before"}).status_code == 201
    result = app.test_cli_runner().invoke(args=["users", "revoke", author])
    assert result.output == f"revoked 1 token(s) of '{author}' and ended its sessions\n"
    assert writer.post("/api/notes", json={"title": "After"}).status_code == 401


def test_signing_out_or_revoking_ends_copies_of_the_session_cookie(
    app: Flask, author: str
) -> None:
    """Someone who copied the cookie (a shared computer, a stolen backup) can
    no longer write once its owner signs out, or the operator revokes."""
    for end in ("sign out", "revoke"):
        browser, thief = app.test_client(), app.test_client()
        assert sign_in(browser, author) == 303
        page = browser.get("/").data
        cookie = browser.get_cookie("session")
        assert cookie is not None
        thief.set_cookie("session", cookie.value)
        form = {"title": f"After {end}", "csrf_token": csrf_token_of(page)}
        if end == "sign out":
            browser.post("/signout", data={"csrf_token": form["csrf_token"]})
        else:
            app.test_cli_runner().invoke(args=["users", "revoke", author])
        assert thief.post("/notes", data=form).status_code == 403
        assert author.encode() not in thief.get("/").data
    assert notes(app.test_client()) == []


def test_a_sign_in_lasts_two_weeks_at_most(
    client: FlaskClient, author: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert sign_in(client, author) == 303
    form = {"title": "Too late", "csrf_token": csrf_token_of(client.get("/").data)}
    later = time.time() + SIGN_IN_LIFETIME.total_seconds() + 1
    monkeypatch.setattr(time, "time", lambda: later)
    assert client.post("/notes", data=form).status_code == 403
    assert notes(client) == []


def test_neither_passwords_nor_tokens_are_stored(app: Flask, token: str) -> None:
    user = db.session.scalars(db.select(User)).one()
    assert user.password_hash.startswith("scrypt:")
    assert PASSWORD not in user.password_hash
    stored = db.session.scalars(db.select(ApiToken.digest)).one()
    assert len(stored) == 64
    assert token not in stored


def test_signing_in_writing_and_signing_out(client: FlaskClient, author: str) -> None:
    assert b"Sign in" in client.get("/").data
    assert sign_in(client, author) == 303
    page = client.get("/").data
    assert author.encode() in page
    form = {
        "title": "From the page",
        "body": "<b>escaped</b>",
        "csrf_token": csrf_token_of(page),
    }
    assert client.post("/notes", data=form).status_code == 303
    assert [note["title"] for note in notes(client)] == ["From the page"]
    assert b"&lt;b&gt;escaped&lt;/b&gt;" in client.get("/").data
    assert (
        client.post("/signout", data={"csrf_token": form["csrf_token"]}).status_code
        == 303
    )
    assert author.encode() not in client.get("/").data
    assert client.post("/notes", data=form).status_code == 403  # the old token died too


def test_a_form_without_the_session_token_gets_403(
    client: FlaskClient, author: str
) -> None:
    assert sign_in(client, author) == 303
    for token in ({}, {"csrf_token": "forged"}):
        response = client.post("/notes", data={"title": "Forged", **token})
        assert response.status_code == 403
        assert b"Refused" in response.data
    assert notes(client) == []


def test_writing_through_the_page_needs_a_signed_in_session(
    client: FlaskClient,
) -> None:
    token = csrf_token_of(client.get("/signin").data)  # a session, but nobody signed in
    response = client.post("/notes", data={"title": "Anonymous", "csrf_token": token})
    assert response.status_code == 403
    assert b"Writing needs an account" in response.data
    assert notes(client) == []


@pytest.mark.parametrize("token", ["\u00e9t\u00e9", "a\x00b", "x" * 10_000])
def test_an_odd_csrf_token_is_refused_not_a_crash(
    client: FlaskClient, author: str, token: str
) -> None:
    assert sign_in(client, author) == 303
    response = client.post("/notes", data={"title": "Odd", "csrf_token": token})
    assert response.status_code == 403


def test_signing_in_starts_a_new_session(client: FlaskClient, author: str) -> None:
    before = csrf_token_of(client.get("/signin").data)
    assert sign_in(client, author) == 303
    after = csrf_token_of(client.get("/").data)
    assert after != before


@pytest.mark.parametrize("name", ["a\x00b", "x" * 10_000, ""])
def test_an_odd_name_is_a_failed_sign_in(client: FlaskClient, name: str) -> None:
    assert sign_in(client, name) == 401


def test_a_wrong_password_and_an_unknown_name_look_the_same(
    client: FlaskClient, author: str
) -> None:
    answers = []
    for name in (author, "nobody"):
        token = csrf_token_of(client.get("/signin").data)
        form = {"name": name, "password": "not the password", "csrf_token": token}
        answers.append(client.post("/signin", data=form))
    wrong, unknown = answers
    assert wrong.status_code == unknown.status_code == 401
    assert b"Wrong name or password." in wrong.data
    assert b"Wrong name or password." in unknown.data


def test_repeated_wrong_passwords_get_429_even_for_the_right_one(
    client: FlaskClient, author: str
) -> None:
    for _ in range(MAX_ATTEMPTS):
        assert sign_in(client, author, "wrong password, again") == 401
    token = csrf_token_of(client.get("/signin").data)
    form = {"name": author, "password": PASSWORD, "csrf_token": token}
    refused = client.post("/signin", data=form)
    assert refused.status_code == 429
    assert int(refused.headers["Retry-After"]) > 0
    assert author.encode() not in client.get("/").data


def test_an_attempt_is_counted_before_its_password_is_checked(
    client: FlaskClient, author: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """So attempts sent all at once are counted together: none slips past the
    limit while the others are still being checked."""
    counted = []
    check = auth.account_for

    def counting(name: str, password: str) -> User | None:
        counted.append(db.session.scalar(db.select(db.func.count(SignInAttempt.id))))
        return check(name, password)

    monkeypatch.setattr(auth, "account_for", counting)
    assert sign_in(client, author, "a wrong password") == 401
    assert counted == [1]


def test_trying_while_refused_does_not_prolong_the_refusal(
    client: FlaskClient, author: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Someone guessing every few minutes, all refused, does not keep the
    account locked: the right password works once the first failures age out."""
    start = now()
    for _ in range(MAX_ATTEMPTS):
        assert sign_in(client, author, "wrong password, again") == 401
    for minutes in (3, 6, 9, 12, 14):
        monkeypatch.setattr(auth, "now", lambda m=minutes: start + timedelta(minutes=m))
        assert sign_in(client, author, "still guessing") == 429
    later = start + ATTEMPT_WINDOW + timedelta(seconds=1)
    monkeypatch.setattr(auth, "now", lambda: later)
    assert sign_in(client, author) == 303


def test_a_right_password_clears_the_failures(client: FlaskClient, author: str) -> None:
    for _ in range(MAX_ATTEMPTS - 1):
        assert sign_in(client, author, "wrong password, again") == 401
    assert sign_in(client, author) == 303
    client.post("/signout", data={"csrf_token": csrf_token_of(client.get("/").data)})
    assert sign_in(client, author, "one more slip of the finger") == 401
    assert sign_in(client, author) == 303


@pytest.mark.parametrize(
    ("arguments", "given", "message"),
    [
        (
            ["create", "ada"],
            f"{PASSWORD}\n{PASSWORD}\n",
            "there is already an account named 'ada'",
        ),
        (
            ["create", "bob"],
            "too short\ntoo short\n",
            "a password has at least 15 characters",
        ),
        (
            ["create", "x" * 65],
            f"{PASSWORD}\n{PASSWORD}\n",
            "a name has 1 to 64 characters",
        ),
        (["token", "nobody"], "", "there is no account named 'nobody'"),
        (["revoke", "nobody"], "", "there is no account named 'nobody'"),
    ],
)
def test_the_users_command_refuses_in_one_line(
    app: Flask, author: str, arguments: list[str], given: str, message: str
) -> None:
    result = app.test_cli_runner().invoke(args=["users", *arguments], input=given)
    assert result.exit_code == 1
    assert result.output.splitlines()[-1] == f"Error: {message}"
    assert db.session.scalar(db.select(db.func.count(User.id))) == 1
    assert db.session.scalar(db.select(db.func.count(Note.id))) == 0
