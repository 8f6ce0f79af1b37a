"""The pages: the home page, the static files, the error pages."""

from __future__ import annotations

from flask.testing import FlaskClient


def test_the_home_page_lists_the_notes(
    client: FlaskClient, writer: FlaskClient
) -> None:
    assert b"No notes yet" in client.get("/").data
    writer.post("/api/notes", json={"title": "Visible <b>escaped</b>"})
    page = client.get("/").data
    assert b"Visible &lt;b&gt;escaped&lt;/b&gt;" in page
    assert b'href="/static/style.css?v=' in page


def test_the_stylesheet_is_served(client: FlaskClient) -> None:
    response = client.get("/static/style.css")
    assert response.status_code == 200
    assert response.mimetype == "text/css"
    response.close()


def test_a_missing_page_gets_the_custom_404(client: FlaskClient) -> None:
    response = client.get("/no/such/page")
    assert response.status_code == 404
    assert b"There is no page at this address" in response.data
