"""The JSON API: create, read, update and delete notes.

Reading is public; writing needs an API token (auth.py), and a note is changed
or deleted only by its author. Every answer is JSON, errors included:
{"error": {"status": 404, "message": "..."}} (the HTTP errors through the
handler in web.py).
"""

from __future__ import annotations

from typing import Any

from flask import Blueprint, Response, abort, g, jsonify, request
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from {{ cookiecutter.package_name }}.auth import token_required
from {{ cookiecutter.package_name }}.extensions import db
from {{ cookiecutter.package_name }}.models import (
    BODY_MAX,
    IDEMPOTENCY_KEY_MAX,
    TITLE_MAX,
    Note,
)

blueprint = Blueprint("api", __name__)


class InvalidNote(Exception):
    """A request body that does not describe a note."""


def error(status: int, message: str) -> tuple[Response, int]:
    return jsonify(error={"status": status, "message": message}), status


@blueprint.errorhandler(InvalidNote)
def invalid_note(exception: InvalidNote) -> tuple[Response, int]:
    return error(422, str(exception))


def storable(text: str) -> bool:
    """Whether `text` can be stored: JSON may carry half of a surrogate pair
    ("\\ud800"), which has no UTF-8 form."""
    try:
        text.encode()
    except UnicodeEncodeError:
        return False
    return True


def note_fields(*, partial: bool) -> dict[str, str]:
    """The note in the request body, checked; with `partial`, fields may be left out."""
    request.get_data()  # a body over MAX_CONTENT_LENGTH stops here, with 413
    data: Any = request.get_json(silent=True)
    if not isinstance(data, dict):
        raise InvalidNote("the body must be a JSON object")
    unknown = set(data) - {"title", "body"}
    if unknown:
        raise InvalidNote(f"unknown fields: {', '.join(sorted(unknown))}")
    fields = {}
    rules = [("title", TITLE_MAX, True), ("body", BODY_MAX, False)]
    for name, limit, required in rules:
        if name not in data:
            if required and not partial:
                raise InvalidNote(f"{name} is required")
            continue
        value = data[name]
        if not isinstance(value, str):
            raise InvalidNote(f"{name} must be a string")
        if "\x00" in value:  # PostgreSQL text cannot hold it
            raise InvalidNote(f"{name} must not contain NUL characters")
        if not storable(value):
            raise InvalidNote(f"{name} must be valid Unicode text")
        if name == "title" and not value.strip():
            raise InvalidNote("title must not be empty")
        if len(value) > limit:
            raise InvalidNote(f"{name} must be at most {limit} characters")
        fields[name] = value
    return fields


@blueprint.get("/notes")
def list_notes() -> Response:
    notes = db.session.scalars(db.select(Note).order_by(Note.id)).all()
    return jsonify(notes=[note.to_json() for note in notes])


def idempotency_key() -> str | None:
    key = request.headers.get("Idempotency-Key")
    if key is not None and not 0 < len(key) <= IDEMPOTENCY_KEY_MAX:
        raise InvalidNote(
            f"Idempotency-Key must have 1 to {IDEMPOTENCY_KEY_MAX} characters"
        )
    return key


def earlier_note(key: str | None) -> Note | None:
    """The note this author already created with this Idempotency-Key."""
    if key is None:
        return None
    query = select(Note).where(Note.author_id == g.user.id, Note.idempotency_key == key)
    return db.session.scalar(query)


def owned_note(note_id: int) -> Note:
    note = db.get_or_404(Note, note_id)
    if note.author_id != g.user.id:
        abort(403, "only the note's author may change it")
    return note


@blueprint.post("/notes")
@token_required
def create_note() -> tuple[Response, int, dict[str, str]]:
    """201 and the new note. With an Idempotency-Key header, sending the same
    request again (a retry after a lost answer, by the client or by nginx)
    answers with the note created the first time instead of a copy; the same
    key with another note is refused."""
    fields = note_fields(partial=False)
    key = idempotency_key()
    note = earlier_note(key)
    if note is None:
        note = Note(**fields, author_id=g.user.id, idempotency_key=key)
        db.session.add(note)
        try:
            db.session.commit()
        except IntegrityError:  # the same key, committed by a request running alongside
            db.session.rollback()
            note = earlier_note(key)
            if note is None:  # pragma: no cover - an integrity error of another kind
                raise
    if (note.title, note.body) != (fields["title"], fields.get("body", "")):
        raise InvalidNote("this Idempotency-Key was already used for another note")
    return jsonify(note.to_json()), 201, {"Location": f"/api/notes/{note.id}"}


@blueprint.get("/notes/<int:note_id>")
def read_note(note_id: int) -> Response:
    return jsonify(db.get_or_404(Note, note_id).to_json())


@blueprint.route("/notes/<int:note_id>", methods=["PUT", "PATCH"])
@token_required
def update_note(note_id: int) -> Response:
    note = owned_note(note_id)
    for name, value in note_fields(partial=request.method == "PATCH").items():
        setattr(note, name, value)
    db.session.commit()
    return jsonify(note.to_json())


@blueprint.delete("/notes/<int:note_id>")
@token_required
def delete_note(note_id: int) -> tuple[str, int]:
    db.session.delete(owned_note(note_id))
    db.session.commit()
    return "", 204
