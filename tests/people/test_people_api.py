from __future__ import annotations

import pytest

from tests.factories import BAD_PAGE_PARAMETERS

PERSON = {
    "full_name": "Nguyễn Văn Thắng",
    "gender": "nam",
    "birth_date": "1980-05-17",
    "citizen_id": "020080001234",
    "position": "Trưởng phòng Nghiệp vụ Y",
}


def _me(client, headers) -> dict:
    return client.get("/api/v1/auth/me", headers=headers).json()


def _create(client, headers, **overrides):
    return client.post("/api/v1/people", json={**PERSON, **overrides}, headers=headers)


def test_person_created_in_the_officers_own_unit(client, login):
    headers = login("donvi1")

    response = _create(client, headers)

    assert response.status_code == 201
    assert response.json()["unit_id"] == _me(client, headers)["unit_id"]
    assert response.json()["full_name"] == "Nguyễn Văn Thắng"


def test_person_search_ignores_diacritics_and_case(client, login):
    headers = login("donvi1")
    created = _create(client, headers).json()
    _create(client, headers, full_name="Trần Thị Hoa", citizen_id="020080009999")

    found = client.get("/api/v1/people", params={"q": "nguyen van THANG"}, headers=headers).json()

    assert [p["id"] for p in found["items"]] == [created["id"]]


@pytest.mark.parametrize("q", ["%", "_", "' OR 1=1 --", "\\", "a" * 200])
def test_person_search_metacharacters_match_literally(client, login, q):
    headers = login("donvi1")
    _create(client, headers)

    response = client.get("/api/v1/people", params={"q": q}, headers=headers)

    assert response.status_code == 200
    assert response.json()["items"] == []


def test_person_of_another_unit_is_invisible_to_a_unit_officer(client, login):
    created = _create(client, login("donvi1")).json()
    other = login("donvi2")

    assert client.get(f"/api/v1/people/{created['id']}", headers=other).status_code == 404
    assert client.get(f"/api/v1/people/{created['id']}/records", headers=other).status_code == 404
    listed = client.get("/api/v1/people", headers=other).json()["items"]
    assert created["id"] not in [p["id"] for p in listed]
    by_unit = client.get("/api/v1/people", params={"unit_id": created["unit_id"]}, headers=other)
    assert by_unit.json()["items"] == []
    record = client.post(
        f"/api/v1/people/{created['id']}/records", json={"year": 2022}, headers=other
    )
    assert record.status_code == 404


def test_person_cannot_be_created_in_another_unit(client, login):
    donvi2_unit = _me(client, login("donvi2"))["unit_id"]

    response = _create(client, login("donvi1"), unit_id=donvi2_unit)

    assert response.status_code == 403


def test_secretariat_sees_people_of_every_unit(client, login):
    created = _create(client, login("donvi2")).json()

    response = client.get(f"/api/v1/people/{created['id']}", headers=login("thuky"))

    assert response.status_code == 200


@pytest.mark.parametrize("username", ["hoidong02", "chutich"])
def test_people_registry_is_closed_to_council_roles(client, login, username):
    assert client.get("/api/v1/people", headers=login(username)).status_code == 403


@pytest.mark.parametrize(
    "citizen_id",
    ["12345678901", "1234567890123", "12345678901a", "１２３４５６７８９０１２", " 020080001234x"],
)
def test_person_citizen_id_must_be_12_digits(client, login, citizen_id):
    response = _create(client, login("donvi1"), citizen_id=citizen_id)

    assert response.status_code == 422


def test_person_citizen_id_is_unique(client, login):
    first = _create(client, login("donvi1"))

    second = _create(client, login("donvi2"), full_name="Người khác")

    assert first.status_code == 201
    assert second.status_code == 409
    assert second.json()["error"] == "Conflict"


@pytest.mark.parametrize(
    "patch",
    [
        {"gender": "khac"},
        {"birth_date": "1800-01-01"},
        {"full_name": ""},
        {"full_name": 12},
        {"unit_id": 0},
        {"unit_id": 10**12},
    ],
)
def test_person_invalid_fields_are_422(client, login, patch):
    assert _create(client, login("donvi1"), **patch).status_code == 422


RECORD = {
    "year": 2022,
    "rating": "hoan_thanh_xuat_sac",
    "titles": ["LDTT", "CSTDCS"],
    "initiatives": [{"name": "Phần mềm quản lý hồ sơ bệnh án", "level": "co_so"}],
    "discipline": None,
}


def test_person_records_round_trip(client, login):
    headers = login("donvi1")
    person = _create(client, headers).json()

    created = client.post(f"/api/v1/people/{person['id']}/records", json=RECORD, headers=headers)
    listed = client.get(f"/api/v1/people/{person['id']}/records", headers=headers)

    assert created.status_code == 201
    row = {**RECORD, "decided_titles": [], "months_worked": None, "note": None}
    assert created.json() == row
    assert listed.json() == {"items": [row], "next_cursor": None}


def test_person_record_same_year_twice_is_409_then_put_replaces(client, login):
    headers = login("donvi1")
    person = _create(client, headers).json()
    url = f"/api/v1/people/{person['id']}/records"
    client.post(url, json=RECORD, headers=headers)

    again = client.post(url, json=RECORD, headers=headers)
    replaced = client.put(f"{url}/2022", json={**RECORD, "titles": ["LDTT"]}, headers=headers)

    assert again.status_code == 409
    assert replaced.status_code == 200
    assert client.get(url, headers=headers).json()["items"][0]["titles"] == ["LDTT"]


@pytest.mark.parametrize(
    "patch",
    [
        {"titles": ["KHONG_CO"]},
        {"titles": ["LDTT", "LDTT"]},
        {"rating": "gioi"},
        {"discipline": "phe_binh"},
        {"initiatives": [{"name": "x", "level": "huyen"}]},
        {"year": 1800},
        {"months_worked": 13},
    ],
)
def test_person_record_bad_values_are_refused(client, login, patch):
    headers = login("donvi1")
    person = _create(client, headers).json()

    response = client.post(
        f"/api/v1/people/{person['id']}/records", json={**RECORD, **patch}, headers=headers
    )

    assert response.status_code in (400, 422)
    listed = client.get(f"/api/v1/people/{person['id']}/records", headers=headers).json()
    assert listed == {"items": [], "next_cursor": None}


def test_person_records_are_paged_by_year(client, login):
    headers = login("donvi1")
    person = _create(client, headers).json()
    url = f"/api/v1/people/{person['id']}/records"
    for year in (2022, 2019, 2021, 2020, 2023):
        assert client.post(url, json={**RECORD, "year": year}, headers=headers).status_code == 201

    first = client.get(url, params={"limit": 2}, headers=headers).json()
    second = client.get(url, params={"limit": 2, "cursor": first["next_cursor"]}, headers=headers)
    third = client.get(
        url, params={"limit": 2, "cursor": second.json()["next_cursor"]}, headers=headers
    )

    assert [r["year"] for r in first["items"]] == [2019, 2020]
    assert [r["year"] for r in second.json()["items"]] == [2021, 2022]
    assert [r["year"] for r in third.json()["items"]] == [2023]
    assert third.json()["next_cursor"] is None


@pytest.mark.parametrize(("params", "status"), BAD_PAGE_PARAMETERS)
def test_person_records_bad_page_parameters_are_refused(client, login, params, status):
    headers = login("donvi1")
    person = _create(client, headers).json()

    response = client.get(f"/api/v1/people/{person['id']}/records", params=params, headers=headers)

    assert response.status_code == status
