"""Small helpers for the council tests: sessions built through the public API."""

from __future__ import annotations

import re

import httpx

from tests.factories import MINIMAL_PDF, appraised_nominations, individual

# The demo council: the chairman and ten members, 11 in all.
MEMBERS = ["chutich"] + [f"hoidong{i:02d}" for i in range(1, 11)]
API = "/api/v1/council"


def prepare(client, login, *, count: int = 1, award: str = "CSTDCS", ids: list[int] | None = None):
    """A draft session (by the secretariat) with ``count`` fresh eligible nominations."""
    if ids is None:
        ids = appraised_nominations(
            client, login("donvi1"), login("thuky"), count=count, award=award
        )
    response = client.post(
        f"{API}/sessions",
        json={
            "title": "Phiên họp xét khen thưởng năm 2022",
            "meeting_date": "2023-01-05",
            "nomination_ids": ids,
        },
        headers=login("thuky"),
    )
    assert response.status_code == 201, response.text
    return response.json()


def opened(client, login, **kwargs) -> dict:
    """An open session."""
    session = prepare(client, login, **kwargs)
    response = client.post(f"{API}/sessions/{session['id']}/open", headers=login("thuky"))
    assert response.status_code == 200, response.text
    return response.json()


def ballot(nomination_ids, choice="agree") -> dict:
    choices = choice if isinstance(choice, dict) else {n: choice for n in nomination_ids}
    return {"votes": [{"nomination_id": n, "choice": choices[n]} for n in nomination_ids]}


def vote(client, headers, session: dict, choice="agree"):
    return client.post(
        f"{API}/sessions/{session['id']}/ballots",
        json=ballot(session["nomination_ids"], choice),
        headers=headers,
    )


def votes_by(client, as_user, session: dict, pattern: list) -> list[dict]:
    """Member i (in MEMBERS order) casts pattern[i]; None means the member does not vote."""
    receipts = []
    for username, choice in zip(MEMBERS, pattern, strict=False):
        if choice is None:
            continue
        response = vote(client, as_user(username), session, choice)
        assert response.status_code == 201, response.text
        receipts.append(response.json())
    return receipts


def close(client, login, session: dict):
    return client.post(f"{API}/sessions/{session['id']}/close", headers=login("thuky"))


HTML = {"accept": "text/html"}


def csrf(client) -> str:
    page = client.get("/login", headers=HTML)
    token = re.search(r'name="csrf_token" value="([^"]+)"', page.text)
    return token.group(1) if token else client.cookies.get("thidua_csrf")


def sign_in(client, username: str) -> str:
    """Sign the test client in through the login form; returns the CSRF token to post with."""
    client.cookies.clear()
    token = csrf(client)
    response = client.post(
        "/login",
        data={"username": username, "password": "demo", "csrf_token": token, "next": "/"},
        follow_redirects=False,
    )
    assert response.status_code == 303, response.text
    return client.cookies.get("thidua_csrf") or token


# ---------------------------------------------------------------------------- live server


def live_token(http: httpx.Client, username: str) -> dict[str, str]:
    response = http.post("/api/v1/auth/token", data={"username": username, "password": "demo"})
    assert response.status_code == 200, response.text
    return {"Authorization": f"Bearer {response.json()['access_token']}"}


def live_open_session(http: httpx.Client, count: int) -> dict:
    """Against the live server (real commits): fresh eligible nominations, an open session."""
    unit, office = live_token(http, "donvi1"), live_token(http, "thuky")
    campaigns = http.get("/api/v1/campaigns", params={"limit": 200}, headers=unit).json()
    campaign = next(c["id"] for c in campaigns["items"] if c["code"] == "TD_2022")
    dossier = http.post(
        "/api/v1/dossiers",
        json={
            "campaign_id": campaign,
            "year": 2022,
            "title": "Đồng thời",
            "nominations": [individual("CSTDCS", f"Vi Văn Đồng {i}") for i in range(count)],
        },
        headers=unit,
    ).json()
    http.post(
        f"/api/v1/dossiers/{dossier['id']}/attachments",
        data={"kind": "to_trinh"},
        files={"file": ("to-trinh.pdf", MINIMAL_PDF, "application/pdf")},
        headers=unit,
    )
    assert http.post(f"/api/v1/dossiers/{dossier['id']}/submit", headers=unit).status_code == 200
    ids = [n["id"] for n in dossier["nominations"]]
    for nid in ids:
        r = http.post(
            f"/api/v1/nominations/{nid}/appraise", json={"result": "eligible"}, headers=office
        )
        assert r.status_code == 200, r.text
    session = http.post(
        "/api/v1/council/sessions",
        json={"title": "Phiên họp đồng thời", "meeting_date": "2023-01-05", "nomination_ids": ids},
        headers=office,
    ).json()
    opened = http.post(f"/api/v1/council/sessions/{session['id']}/open", headers=office)
    assert opened.status_code == 200, opened.text
    return opened.json()
