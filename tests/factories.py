"""Small helpers that build data through the public API, as a unit's system would."""

from __future__ import annotations

import itertools


def _minimal_pdf() -> bytes:
    """A valid one-page PDF, made with pypdf (so it has a proper cross-reference table)."""
    import io

    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


MINIMAL_PDF = _minimal_pdf()

_citizen_ids = itertools.count(20_000_000_0001)


def next_citizen_id() -> str:
    return f"{next(_citizen_ids):012d}"


def campaign_id(client, headers, code: str = "TD_2022") -> int:
    items = client.get("/api/v1/campaigns", params={"limit": 200}, headers=headers).json()["items"]
    return next(c["id"] for c in items if c["code"] == code)


def individual(award: str = "CSTDCS", name: str = "Nguyễn Văn Thắng", **person) -> dict:
    return {
        "award_type": award,
        "person": {"full_name": name, "gender": "nam", "citizen_id": next_citizen_id(), **person},
        "achievement": "Hoàn thành xuất sắc nhiệm vụ năm 2022; có sáng kiến được công nhận.",
    }


def collective(award: str = "TTLDXS", name: str = "Khoa Hồi sức tích cực") -> dict:
    """A collective nomination with member counts that meet the collective titles' ratios."""
    return {
        "award_type": award,
        "collective": {
            "name": name,
            "facts": {
                "rating": "hoan_thanh_xuat_sac",
                "members_total": 20,
                "members_completed_tasks": 20,
                "members_ldtt": 14,
                "members_cstdcs": 2,
            },
        },
        "achievement": "Tập thể hoàn thành xuất sắc nhiệm vụ.",
    }


# Paging parameters every list refuses: (query parameters, status).
BAD_PAGE_PARAMETERS = [
    ({"limit": 0}, 422),
    ({"limit": 201}, 422),
    ({"cursor": "x" * 65}, 422),
    ({"cursor": "@@"}, 400),
]


def dossier_body(client, headers, nominations: list[dict] | None = None, **fields) -> dict:
    return {
        "campaign_id": campaign_id(client, headers),
        "year": 2022,
        "title": "Tờ trình đề nghị khen thưởng năm 2022",
        "nominations": nominations if nominations is not None else [individual()],
        **fields,
    }


def create_dossier(client, headers, nominations: list[dict] | None = None, **fields) -> dict:
    response = client.post(
        "/api/v1/dossiers",
        json=dossier_body(client, headers, nominations, **fields),
        headers=headers,
    )
    assert response.status_code == 201, response.text
    return response.json()


def attach(client, headers, dossier_id: int, kind: str = "to_trinh", content: bytes = MINIMAL_PDF):
    return client.post(
        f"/api/v1/dossiers/{dossier_id}/attachments",
        data={"kind": kind},
        files={"file": ("to-trinh.pdf", content, "application/pdf")},
        headers=headers,
    )


def submitted_dossier(client, headers, nominations: list[dict] | None = None) -> dict:
    dossier = create_dossier(client, headers, nominations)
    assert attach(client, headers, dossier["id"]).status_code == 201
    response = client.post(f"/api/v1/dossiers/{dossier['id']}/submit", headers=headers)
    assert response.status_code == 200, response.text
    return response.json()


def appraised_nominations(
    client, unit_headers, office_headers, count: int = 1, award: str = "CSTDCS"
):
    """``count`` nominations in status eligible, from one submitted dossier."""
    names = ["Nguyễn Văn Thắng", "Trần Thị Hoa", "Lê Minh Đức", "Hoàng Thị Lan", "Vi Văn Sơn"]
    noms = [individual(award, f"{names[i % len(names)]} {i}") for i in range(count)]
    dossier = submitted_dossier(client, unit_headers, noms)
    ids = [n["id"] for n in dossier["nominations"]]
    for nid in ids:
        r = client.post(
            f"/api/v1/nominations/{nid}/appraise",
            json={"result": "eligible"},
            headers=office_headers,
        )
        assert r.status_code == 200, r.text
    return ids


def approved_nominations(
    client, db, unit_headers, office_headers, count: int = 1, award: str = "CSTDCS"
):
    """``count`` nominations the council approved (moved there directly, without a session)."""
    from app.nominations import service as nomination_service
    from app.nominations.models import Nomination

    ids = appraised_nominations(client, unit_headers, office_headers, count=count, award=award)
    for nid in ids:
        nomination = db.get(Nomination, nid)
        nomination_service.transition(db, actor=None, nomination=nomination, action="put_on_agenda")
        nomination_service.transition(db, actor=None, nomination=nomination, action="approve")
    db.flush()
    return ids


class LiveApi:
    """The public API of a live server, for tests that need real commits (background jobs,
    concurrency)."""

    def __init__(self, base_url: str):
        import httpx

        self.http = httpx.Client(base_url=base_url, timeout=120)
        self._tokens: dict[str, dict[str, str]] = {}

    def headers(self, username: str) -> dict[str, str]:
        if username not in self._tokens:
            r = self.http.post(
                "/api/v1/auth/token", data={"username": username, "password": "demo"}
            )
            r.raise_for_status()
            self._tokens[username] = {"Authorization": f"Bearer {r.json()['access_token']}"}
        return self._tokens[username]

    def approved_nominations(self, engine, count: int, award: str = "CSTDCS") -> list[int]:
        """Submitted and appraised through the API; moved to approved in a committed session."""
        from sqlalchemy.orm import Session

        from app.nominations import service as nomination_service
        from app.nominations.models import Nomination

        unit, office = self.headers("donvi1"), self.headers("thuky")
        campaigns = self.http.get("/api/v1/campaigns", headers=unit).json()["items"]
        body = {
            "campaign_id": campaigns[0]["id"],
            "year": 2022,
            "title": "Đề nghị",
            "nominations": [individual(award, f"Người nhận {i}") for i in range(count)],
        }
        dossier = self.http.post("/api/v1/dossiers", json=body, headers=unit).json()
        self.http.post(
            f"/api/v1/dossiers/{dossier['id']}/attachments",
            data={"kind": "to_trinh"},
            files={"file": ("t.pdf", MINIMAL_PDF, "application/pdf")},
            headers=unit,
        )
        self.http.post(f"/api/v1/dossiers/{dossier['id']}/submit", headers=unit).raise_for_status()
        ids = [n["id"] for n in dossier["nominations"]]
        for nid in ids:
            self.http.post(
                f"/api/v1/nominations/{nid}/appraise", json={"result": "eligible"}, headers=office
            ).raise_for_status()
        with Session(engine) as session:
            for nid in ids:
                nomination = session.get(Nomination, nid)
                nomination_service.transition(
                    session, actor=None, nomination=nomination, action="put_on_agenda"
                )
                nomination_service.transition(
                    session, actor=None, nomination=nomination, action="approve"
                )
            session.commit()
        return ids
