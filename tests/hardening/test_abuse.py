"""Hostile input: undecodable bodies, markup in text fields, overflowing numbers, long strings."""

from __future__ import annotations

import base64
import re

import pytest

from tests.factories import create_dossier, individual

MARKUP = '<script>alert("x")</script><img src=x onerror=alert(1)>'


def test_undecodable_body_is_422(client, login):
    headers = {**login("donvi1"), "content-type": "application/json"}

    response = client.post("/api/v1/dossiers", content=b"\xff\xfe\x00\x81", headers=headers)

    assert response.status_code == 422


@pytest.mark.parametrize(
    "path",
    [
        "/api/v1/units/-1",
        "/api/v1/units/0",
        "/api/v1/units/2147483648",
        "/api/v1/units/1e3",
        "/api/v1/nominations/9" * 3,
        "/api/v1/people?limit=100000",
        "/api/v1/people?limit=-5",
        "/api/v1/nominations?q=" + "ă" * 201,
        "/api/v1/nominations?year=99999",
    ],
)
def test_out_of_range_parameters_are_4xx(client, login, path):
    response = client.get(path, headers=login("thuky"))

    assert 400 <= response.status_code < 500


def test_markup_in_every_text_field_is_inert_in_pages(client, login):
    unit = login("donvi1")
    nomination = individual("CSTDCS", MARKUP, position=MARKUP)
    nomination["achievement"] = MARKUP
    dossier = create_dossier(client, unit, [nomination], title=MARKUP)
    page_token = re.search(
        r'name="csrf_token" value="([^"]+)"',
        client.get("/login", headers={"accept": "text/html"}).text,
    ).group(1)
    client.post("/login", data={"username": "donvi1", "password": "demo", "csrf_token": page_token})

    page = client.get(f"/dossiers/{dossier['id']}", headers={"accept": "text/html"}).text

    assert "<script>alert" not in page
    assert "onerror=alert(1)>" not in page
    assert "&lt;script&gt;" in page


def test_markup_in_json_comes_back_as_data(client, login):
    dossier = create_dossier(client, login("donvi1"), [individual("LDTT", MARKUP)], title=MARKUP)

    assert dossier["title"] == MARKUP
    assert dossier["nominations"][0]["nominee"]["name"] == MARKUP


def test_unwritable_data_directory_is_a_clear_507_and_nothing_saved(
    client, login, monkeypatch, tmp_path
):
    from app.core.config import get_settings
    from tests.factories import attach

    blocked = tmp_path / "data"
    blocked.mkdir()
    (blocked / "attachments").write_text("a file where the directory should be")
    monkeypatch.setattr(get_settings(), "data_dir", blocked)
    headers = login("donvi1")
    dossier = create_dossier(client, headers)

    response = attach(client, headers, dossier["id"])

    assert response.status_code == 507
    assert "không ghi được" in response.json()["detail"]
    assert (
        client.get(f"/api/v1/dossiers/{dossier['id']}", headers=headers).json()["attachments"] == []
    )


@pytest.mark.parametrize(
    ("path", "body"),
    [
        ("/api/v1/api-tokens", {"name": "\u0000"}),
        ("/api/v1/people", {"full_name": "Nguyễn\u0000Văn A"}),
    ],
)
def test_nul_character_is_refused_or_stored_never_a_500(client, login, path, body):
    response = client.post(path, json=body, headers=login("donvi1"))

    # SQLite stores the character; PostgreSQL refuses it, which is answered as invalid input.
    assert response.status_code in (201, 422)


@pytest.mark.parametrize("number", ["NaN", "Infinity", "-Infinity", "1e309"])
@pytest.mark.parametrize(
    ("path", "template"),
    [
        (
            "/api/v1/dossiers",
            '{"campaign_id": %s, "year": 2024, "title": "Tờ trình", "nominations": []}',
        ),
        ("/api/v1/people", '{"full_name": "Nguyễn Văn A", "gender": "nam", "unit_id": %s}'),
    ],
)
def test_a_number_json_cannot_write_is_refused_with_422_and_echoed_as_text(
    client, login, path, template, number
):
    # Python's JSON reader takes these as numbers; the 422 echoes the input it refused, and
    # JSON has no NaN or infinity to write it with.
    headers = {**login("donvi1"), "content-type": "application/json"}

    response = client.post(path, content=(template % number).encode(), headers=headers)

    assert response.status_code == 422
    assert response.json()["detail"][0]["input"] in ("nan", "inf", "-inf")


@pytest.mark.parametrize("cursor_id", ["9223372036854775808", "2147483648", "-1", "9" * 40])
@pytest.mark.parametrize(
    "path", ["/api/v1/units", "/api/v1/campaigns", "/api/v1/dossiers", "/api/v1/nominations"]
)
def test_a_cursor_holding_an_id_out_of_range_is_400(client, login, path, cursor_id):
    cursor = base64.urlsafe_b64encode(f"id:{cursor_id}".encode()).decode()

    response = client.get(path, params={"cursor": cursor}, headers=login("thuky"))

    assert response.status_code == 400
    assert response.json()["detail"] == "Tham số cursor không hợp lệ."
