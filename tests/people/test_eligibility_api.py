"""The rules engine reached through a person's recorded history."""

from __future__ import annotations

PROVINCIAL_INITIATIVE = [{"name": "Quy trình cấp cứu liên viện", "level": "tinh"}]
BASE_INITIATIVE = [{"name": "Cải tiến sổ theo dõi", "level": "co_so"}]


def _person_with_years(client, headers, years: dict[int, dict]) -> int:
    person = client.post(
        "/api/v1/people",
        json={"full_name": "Hoàng Thị Lan", "gender": "nu", "citizen_id": "020190004321"},
        headers=headers,
    ).json()
    for year, fields in years.items():
        body = {"year": year, "rating": "hoan_thanh_xuat_sac", **fields}
        response = client.post(f"/api/v1/people/{person['id']}/records", json=body, headers=headers)
        assert response.status_code == 201, response.text
    return person["id"]


def _eligibility(client, headers, person_id: int, award: str, year: int):
    return client.get(
        f"/api/v1/people/{person_id}/eligibility",
        params={"award_type": award, "year": year},
        headers=headers,
    )


def test_eligibility_cstd_tinh_after_three_consecutive_cstdcs(client, login):
    headers = login("donvi1")
    cstdcs = {"titles": ["LDTT", "CSTDCS"], "initiatives": BASE_INITIATIVE}
    person_id = _person_with_years(
        client,
        headers,
        {2020: cstdcs, 2021: cstdcs, 2022: {**cstdcs, "initiatives": PROVINCIAL_INITIATIVE}},
    )

    response = _eligibility(client, headers, person_id, "CSTD_TINH", 2022)

    assert response.status_code == 200
    body = response.json()
    assert body["eligible"] is True
    assert body["regime"].startswith("Luật Thi đua, khen thưởng 2003")
    assert all(c["citation"] for c in body["checks"])


def test_eligibility_gap_year_is_refused_with_a_reason_in_vietnamese(client, login):
    headers = login("donvi1")
    cstdcs = {"titles": ["LDTT", "CSTDCS"], "initiatives": PROVINCIAL_INITIATIVE}
    person_id = _person_with_years(client, headers, {2020: cstdcs, 2022: cstdcs})

    body = _eligibility(client, headers, person_id, "CSTD_TINH", 2022).json()

    assert body["eligible"] is False
    failed = [c for c in body["checks"] if not c["passed"]]
    assert failed
    assert "2021" in failed[0]["detail"]
    assert "Điều" in failed[0]["citation"]


def test_eligibility_regime_b_for_2024(client, login):
    headers = login("donvi1")
    person_id = _person_with_years(client, headers, {2024: {"titles": ["LDTT"]}})

    body = _eligibility(client, headers, person_id, "CSTDCS", 2024).json()

    assert body["regime"].startswith("Luật Thi đua, khen thưởng 2022")
    assert body["eligible"] is True


def test_eligibility_collective_award_for_a_person_is_400(client, login):
    headers = login("donvi1")
    person_id = _person_with_years(client, headers, {})

    response = _eligibility(client, headers, person_id, "TTLDXS", 2022)

    assert response.status_code == 400
    assert "tập thể" in response.json()["detail"]


def test_eligibility_unknown_award_is_404(client, login):
    headers = login("donvi1")
    person_id = _person_with_years(client, headers, {})

    assert _eligibility(client, headers, person_id, "HUAN_CHUONG", 2022).status_code == 404


def test_eligibility_of_another_units_person_is_404(client, login):
    person_id = _person_with_years(client, login("donvi1"), {})

    assert _eligibility(client, login("donvi2"), person_id, "LDTT", 2022).status_code == 404
