from __future__ import annotations

from app.demo.data import CLUSTERS, UNITS


def test_units_paginate_through_every_demo_unit(client, login):
    headers = login("donvi1")
    seen: list[str] = []
    cursor = None
    while True:
        params = {"limit": 10, **({"cursor": cursor} if cursor else {})}
        page = client.get("/api/v1/units", params=params, headers=headers).json()
        seen += [u["code"] for u in page["items"]]
        cursor = page["next_cursor"]
        if cursor is None:
            break

    assert sorted(seen) == sorted(u["code"] for u in UNITS)


def test_unit_has_contract_fields_and_parent(client, login):
    headers = login("thuky")
    units = client.get("/api/v1/units", params={"limit": 200}, headers=headers).json()["items"]
    by_code = {u["code"]: u for u in units}

    child = by_code["BAN_TDKT"]

    assert {"id", "code", "name", "parent_id", "cluster_id"} <= set(child)
    assert child["parent_id"] == by_code["SO_NOI_VU"]["id"]
    assert client.get(f"/api/v1/units/{child['id']}", headers=headers).json() == child


def test_clusters_list_their_member_units(client, login):
    body = client.get("/api/v1/clusters", headers=login("donvi2")).json()
    members = {c["code"]: sorted(u["code"] for u in c["units"]) for c in body["items"]}

    expected = {
        c["code"]: sorted(u["code"] for u in UNITS if u["cluster"] == c["code"]) for c in CLUSTERS
    }
    assert members == expected
    assert {c["kind"] for c in body["items"]} == {"cum", "khoi"}


def test_unit_unknown_is_404(client, login):
    response = client.get("/api/v1/units/999999", headers=login("thuky"))

    assert response.status_code == 404
    assert response.json()["error"] == "NotFound"


def test_unit_id_out_of_range_is_422_not_500(client, login):
    response = client.get("/api/v1/units/99999999999999999999", headers=login("thuky"))

    assert response.status_code == 422


def test_units_bad_cursor_is_400(client, login):
    response = client.get("/api/v1/units", params={"cursor": "%%%"}, headers=login("thuky"))

    assert response.status_code == 400
    assert response.json()["error"] == "BadRequest"


def test_units_limit_over_200_is_422(client, login):
    response = client.get("/api/v1/units", params={"limit": 201}, headers=login("thuky"))

    assert response.status_code == 422


def test_units_need_a_token(client):
    assert client.get("/api/v1/units").status_code == 401
