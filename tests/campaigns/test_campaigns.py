from __future__ import annotations

import pytest
from sqlalchemy import func, select

from app.audit.models import AuditEntry
from app.demo.data import ANNUAL_CAMPAIGN, MOVEMENTS, TARGETS

TARGET_FIELDS = ("group", "name", "lower", "upper", "unit", "qualifier", "direction", "text")


def _all_campaigns(client, headers) -> list[dict]:
    return client.get("/api/v1/campaigns", params={"limit": 200}, headers=headers).json()["items"]


def test_annual_campaign_targets_equal_the_directive_list(client, login):
    campaigns = {c["code"]: c for c in _all_campaigns(client, login("donvi1"))}

    annual = campaigns[ANNUAL_CAMPAIGN["code"]]

    assert (
        annual["theme"]
        == "Siết chặt kỷ cương, tăng cường trách nhiệm, quyết liệt hành động, sáng tạo bứt phá"
    )
    assert annual["kind"] == "annual"
    assert annual["ends_on"] == "2022-12-31"
    assert annual["launch_document"]["signer"] == "Hồ Tiến Thiệu"
    got = [{k: t[k] for k in TARGET_FIELDS} for t in annual["targets"]]
    assert got == [{k: t.get(k) for k in TARGET_FIELDS} for t in TARGETS]


def test_grdp_target_is_kept_as_a_range(client, login):
    campaigns = _all_campaigns(client, login("thuky"))
    annual = next(c for c in campaigns if c["kind"] == "annual")

    grdp = next(t for t in annual["targets"] if "GRDP" in t["name"])

    assert (grdp["lower"], grdp["upper"], grdp["unit"], grdp["qualifier"]) == (7, 7.5, "%", "range")


def test_six_movements_are_campaigns(client, login):
    campaigns = _all_campaigns(client, login("thuky"))

    movements = sorted(c["name"] for c in campaigns if c["kind"] == "movement")

    assert movements == sorted(m["name"] for m in MOVEMENTS)
    assert len(movements) == 6
    assert any("Quyết thắng" in name for name in movements)
    assert any("Vì an ninh Tổ quốc" in name for name in movements)


NEW_CAMPAIGN = {
    "code": "CD_CHUYEN_DOI_SO_2022",
    "name": "Thi đua chuyên đề chuyển đổi số năm 2022",
    "kind": "thematic",
    "starts_on": "2022-03-01",
    "ends_on": "2022-11-30",
    "targets": [
        {
            "group": "xa_hoi",
            "name": "Hồ sơ trực tuyến",
            "lower": 50,
            "upper": None,
            "unit": "%",
            "qualifier": "at_least",
        }
    ],
}


def test_campaign_create_by_secretariat_is_audited(client, login, db):
    before = db.scalar(select(func.count()).select_from(AuditEntry))

    response = client.post("/api/v1/campaigns", json=NEW_CAMPAIGN, headers=login("thuky"))

    assert response.status_code == 201
    assert response.json()["targets"][0]["lower"] == 50
    entry = db.scalars(select(AuditEntry).order_by(AuditEntry.id.desc())).first()
    assert db.scalar(select(func.count()).select_from(AuditEntry)) == before + 1
    assert (entry.action, entry.actor_username, entry.target_id) == (
        "campaign.create",
        "thuky",
        str(response.json()["id"]),
    )


@pytest.mark.parametrize("username", ["donvi1", "hoidong01", "chutich"])
def test_campaign_create_needs_office_role(client, login, username):
    response = client.post("/api/v1/campaigns", json=NEW_CAMPAIGN, headers=login(username))

    assert response.status_code == 403
    assert response.json()["error"] == "Forbidden"


def test_campaign_duplicate_code_is_409_and_nothing_saved(client, login):
    headers = login("thuky")
    first = client.post("/api/v1/campaigns", json=NEW_CAMPAIGN, headers=headers)

    second = client.post(
        "/api/v1/campaigns", json={**NEW_CAMPAIGN, "name": "Khác"}, headers=headers
    )

    assert first.status_code == 201
    assert second.status_code == 409
    names = [c["name"] for c in _all_campaigns(client, headers)]
    assert "Khác" not in names


@pytest.mark.parametrize(
    "patch",
    [
        {"ends_on": "2022-01-01"},
        {"kind": "weekly"},
        {"targets": [{"group": "x", "name": "y", "lower": 5, "upper": 1}]},
        {"targets": [{"group": "x", "name": "y", "lower": "NaN"}]},
        {"starts_on": "31/12/2022"},
        {"unexpected": 1},
    ],
    ids=["period-reversed", "unknown-kind", "range-reversed", "nan", "vn-date-format", "extra"],
)
def test_campaign_invalid_body_is_422(client, login, patch):
    response = client.post(
        "/api/v1/campaigns", json={**NEW_CAMPAIGN, **patch}, headers=login("thuky")
    )

    assert response.status_code == 422


def test_campaign_malformed_json_is_422(client, login):
    headers = {**login("thuky"), "content-type": "application/json"}

    response = client.post("/api/v1/campaigns", content=b"{not json", headers=headers)

    assert response.status_code == 422
