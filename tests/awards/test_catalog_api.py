from __future__ import annotations

import pytest

from tests.factories import BAD_PAGE_PARAMETERS

CONTRACT_CODES = {"LDTT", "CSTDCS", "CSTD_TINH", "BK_TINH", "TTLDTT", "TTLDXS", "CO_TINH"}


def _catalog(client, headers, **params) -> dict[str, dict]:
    response = client.get("/api/v1/award-types", params={"limit": 200, **params}, headers=headers)
    assert response.status_code == 200
    assert response.json()["next_cursor"] is None
    return {a["code"]: a for a in response.json()["items"]}


def test_award_types_cover_the_contract_codes_with_contract_fields(client, login):
    catalog = _catalog(client, login("donvi1"))

    assert set(catalog) >= CONTRACT_CODES
    for award in catalog.values():
        assert {
            "code",
            "name",
            "subject",
            "level",
            "vote_threshold",
            "secret_ballot",
            "bonus_coefficient",
        } <= set(award)


def test_award_types_cstd_tinh_needs_secret_ballot_at_90_percent(client, login):
    cstd = _catalog(client, login("hoidong01"))["CSTD_TINH"]

    assert (cstd["subject"], cstd["secret_ballot"], cstd["vote_threshold"]) == (
        "individual",
        True,
        0.9,
    )
    assert cstd["name"] == "Chiến sĩ thi đua cấp tỉnh"


@pytest.mark.parametrize(
    ("on", "coefficient"), [("2022-12-31", 1.0), ("2025-06-30", 1.0), ("2025-07-01", 1.5)]
)
def test_award_types_bonus_coefficient_follows_the_date(client, login, on, coefficient):
    catalog = _catalog(client, login("thuky"), on=on)

    assert catalog["BK_TINH"]["bonus_coefficient"] == coefficient
    assert catalog["CO_TINH"]["bonus_coefficient"] == 8.0


def test_award_types_collective_codes_are_collective(client, login):
    catalog = _catalog(client, login("thuky"))

    assert {c for c, a in catalog.items() if a["subject"] == "collective"} == {
        "TTLDTT",
        "TTLDXS",
        "CO_TINH",
        "BK_TINH_TT",
        "GIAY_KHEN_TT",
    }


def test_award_types_need_a_token(client):
    assert client.get("/api/v1/award-types").status_code == 401


def test_award_types_pages_follow_the_catalog_order(client, login):
    headers = login("donvi1")
    whole = client.get("/api/v1/award-types", headers=headers).json()
    codes, cursor, pages = [], None, 0

    while True:
        params = {"limit": 3, **({"cursor": cursor} if cursor else {})}
        page = client.get("/api/v1/award-types", params=params, headers=headers).json()
        codes += [a["code"] for a in page["items"]]
        pages += 1
        cursor = page["next_cursor"]
        if cursor is None:
            break

    assert whole["next_cursor"] is None
    assert codes == [a["code"] for a in whole["items"]]
    assert codes[:3] == ["LDTT", "CSTDCS", "CSTD_TINH"]
    assert pages == -(-len(codes) // 3)


@pytest.mark.parametrize(("params", "status"), BAD_PAGE_PARAMETERS)
def test_award_types_bad_page_parameters_are_refused(client, login, params, status):
    response = client.get("/api/v1/award-types", params=params, headers=login("donvi1"))

    assert response.status_code == status
