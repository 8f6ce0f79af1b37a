"""The JSON API: every operation, and every kind of bad request."""

from __future__ import annotations

from typing import Any

import pytest
from flask.testing import FlaskClient


def create(client: FlaskClient, **fields: Any) -> dict[str, Any]:
    response = client.post("/api/notes", json=fields)
    assert response.status_code == 201, response.json
    note = response.json
    assert isinstance(note, dict)
    return note


def test_create_read_update_delete(client: FlaskClient) -> None:
    note = create(client, title="First", body="Hello")
    assert client.get(f"/api/notes/{note['id']}").json == note
    assert client.get("/api/notes").json == {"notes": [note]}

    changed = client.patch(f"/api/notes/{note['id']}", json={"body": "Changed"})
    assert changed.status_code == 200
    assert changed.json is not None
    assert (changed.json["title"], changed.json["body"]) == ("First", "Changed")

    replaced = client.put(f"/api/notes/{note['id']}", json={"title": "Second"})
    assert replaced.json is not None
    assert replaced.json["title"] == "Second"

    assert client.delete(f"/api/notes/{note['id']}").status_code == 204
    assert client.get(f"/api/notes/{note['id']}").status_code == 404
    assert client.get("/api/notes").json == {"notes": []}


def test_create_answers_with_the_new_location(client: FlaskClient) -> None:
    response = client.post("/api/notes", json={"title": "Here"})
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
    ],
)
def test_bad_notes_are_refused_in_json(
    client: FlaskClient, body: Any, message: str
) -> None:
    response = client.post("/api/notes", json=body)
    assert response.status_code == 422
    assert response.json == {"error": {"status": 422, "message": message}}


def test_api_errors_are_json(client: FlaskClient) -> None:
    missing = client.get("/api/notes/12345")
    assert missing.status_code == 404
    assert missing.json is not None
    assert missing.json["error"]["status"] == 404
    wrong_method = client.delete("/api/notes")
    assert wrong_method.status_code == 405
    assert wrong_method.json is not None
    assert wrong_method.json["error"]["status"] == 405


def test_an_oversized_body_is_refused(client: FlaskClient) -> None:
    response = client.post("/api/notes", data="x" * (1024 * 1024 + 1))
    assert response.status_code == 413
