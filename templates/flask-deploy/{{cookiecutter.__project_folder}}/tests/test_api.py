"""The JSON API: every operation, and every kind of bad request (writers and
refusals: test_auth.py)."""

from __future__ import annotations

from typing import Any

import pytest
from flask.testing import FlaskClient


def create(writer: FlaskClient, **fields: Any) -> dict[str, Any]:
    response = writer.post("/api/notes", json=fields)
    assert response.status_code == 201, response.json
    note = response.json
    assert isinstance(note, dict)
    return note


def test_create_read_update_delete(client: FlaskClient, writer: FlaskClient) -> None:
    note = create(writer, title="First", body="Hello")
    assert client.get(f"/api/notes/{note['id']}").json == note
    assert client.get("/api/notes").json == {"notes": [note]}

    changed = writer.patch(f"/api/notes/{note['id']}", json={"body": "Changed"})
    assert changed.status_code == 200
    assert changed.json is not None
    assert (changed.json["title"], changed.json["body"]) == ("First", "Changed")

    replaced = writer.put(f"/api/notes/{note['id']}", json={"title": "Second"})
    assert replaced.json is not None
    assert replaced.json["title"] == "Second"

    assert writer.delete(f"/api/notes/{note['id']}").status_code == 204
    assert client.get(f"/api/notes/{note['id']}").status_code == 404
    assert client.get("/api/notes").json == {"notes": []}


def test_create_answers_with_the_new_location(writer: FlaskClient) -> None:
    response = writer.post("/api/notes", json={"title": "Here"})
    assert response.headers["Location"] == f"/api/notes/{response.json['id']}"  # type: ignore[index]


@pytest.mark.parametrize(
    ("body", "message"),
    [
        (None, "the body must be a JSON object"),
        ([], "the body must be a JSON object"),
        ({}, "title is required"),
        ({"title": ""}, "title must not be empty"),
        ({"title": 7}, "title must be a string"),
        ({"title": "x" * 201}, "title must be at most 200 characters"),
        ({"title": "ok", "colour": "red"}, "unknown fields: colour"),
        ({"title": "a\x00b"}, "title must not contain NUL characters"),
        ({"title": "ok", "body": "\ud800"}, "body must be valid Unicode text"),
    ],
)
def test_bad_notes_are_refused_in_json(
    writer: FlaskClient, body: Any, message: str
) -> None:
    response = writer.post("/api/notes", json=body)
    assert response.status_code == 422
    assert response.json == {"error": {"status": 422, "message": message}}


def test_api_errors_are_json(client: FlaskClient, writer: FlaskClient) -> None:
    missing = client.get("/api/notes/12345")
    assert missing.status_code == 404
    assert missing.json is not None
    assert missing.json["error"]["status"] == 404
    wrong_method = writer.delete("/api/notes")
    assert wrong_method.status_code == 405
    assert wrong_method.json is not None
    assert wrong_method.json["error"]["status"] == 405


def test_an_oversized_body_is_refused(writer: FlaskClient) -> None:
    response = writer.post("/api/notes", data="x" * (1024 * 1024 + 1))
    assert response.status_code == 413


def test_the_same_idempotency_key_creates_one_note(
    client: FlaskClient, writer: FlaskClient
) -> None:
    """A client retrying after a lost answer (or nginx retrying for it) sends the
    same key again, and gets the note created the first time."""
    key = {"Idempotency-Key": "3f0c9d6e-retry-once"}
    first = writer.post("/api/notes", json={"title": "Once"}, headers=key)
    again = writer.post("/api/notes", json={"title": "Once"}, headers=key)
    assert first.status_code == again.status_code == 201
    assert first.json == again.json
    other = writer.post(
        "/api/notes", json={"title": "Once"}, headers={"Idempotency-Key": "x"}
    )
    assert other.json is not None
    listed = client.get("/api/notes").json
    assert listed is not None
    assert [note["title"] for note in listed["notes"]] == ["Once", "Once"]


def test_an_idempotency_key_cannot_be_reused_for_another_note(
    client: FlaskClient, writer: FlaskClient
) -> None:
    key = {"Idempotency-Key": "used-once"}
    first = writer.post("/api/notes", json={"title": "First"}, headers=key)
    assert first.status_code == 201
    reused = writer.post("/api/notes", json={"title": "Second"}, headers=key)
    assert reused.status_code == 422
    assert reused.json == {
        "error": {
            "status": 422,
            "message": "this Idempotency-Key was already used for another note",
        }
    }
    listed = client.get("/api/notes").json
    assert listed is not None
    assert [note["title"] for note in listed["notes"]] == ["First"]


def test_an_empty_idempotency_key_is_refused(writer: FlaskClient) -> None:
    response = writer.post(
        "/api/notes", json={"title": "x"}, headers={"Idempotency-Key": ""}
    )
    assert response.status_code == 422
