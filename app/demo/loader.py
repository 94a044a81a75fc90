"""Load the demo data (development only). Idempotent: what exists already is left as it is.

Every object is looked up by its natural key (code, username) before it is created, so a second
run adds nothing and changes nothing.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy.orm import Session

from app.auth import repository as auth_repository
from app.auth import service as auth_service
from app.auth.models import Role
from app.campaigns import repository as campaigns_repository
from app.campaigns import service as campaigns_service
from app.campaigns.schemas import CampaignCreate
from app.council import service as council_service
from app.council.models import CouncilRole
from app.council.schemas import CouncilMemberCreate
from app.demo import data
from app.units import repository as units_repository
from app.units.models import Cluster, ClusterKind, Unit, UnitKind

DEMO_PASSWORD = "demo"  # noqa: S105 - the contract's documented demo password


@dataclass
class LoadReport:
    created: dict[str, int] = field(default_factory=dict)

    def add(self, kind: str) -> None:
        self.created[kind] = self.created.get(kind, 0) + 1

    @property
    def total(self) -> int:
        return sum(self.created.values())


def _load_clusters_and_units(session: Session, report: LoadReport) -> None:
    for item in data.CLUSTERS:
        if units_repository.get_cluster_by_code(session, item["code"]) is None:
            session.add(
                Cluster(code=item["code"], name=item["name"], kind=ClusterKind(item["kind"]))
            )
            report.add("clusters")
    session.flush()
    # Parents before children: the data lists top-level units first.
    for item in sorted(data.UNITS, key=lambda u: u["parent"] is not None):
        if units_repository.get_unit_by_code(session, item["code"]) is not None:
            continue
        cluster = (
            units_repository.get_cluster_by_code(session, item["cluster"])
            if item["cluster"]
            else None
        )
        parent = (
            units_repository.get_unit_by_code(session, item["parent"]) if item["parent"] else None
        )
        session.add(
            Unit(
                code=item["code"],
                name=item["name"],
                kind=UnitKind(item["kind"]),
                cluster_id=cluster.id if cluster else None,
                parent_id=parent.id if parent else None,
            )
        )
        session.flush()
        report.add("units")


def _load_campaigns(session: Session, report: LoadReport) -> None:
    directive = (Path(__file__).parent / data.DIRECTIVE_TEXT_FILE).read_text(encoding="utf-8")
    annual = {**data.ANNUAL_CAMPAIGN, "targets": data.TARGETS}
    for item in [annual, *data.MOVEMENTS]:
        if campaigns_repository.get_by_code(session, item["code"]) is not None:
            continue
        doc = item.get("launch_document")
        if doc is not None:  # the text file is loaded into launch_document_text, not kept as a key
            item = {**item, "launch_document": {k: v for k, v in doc.items() if k != "text_file"}}
        spec = CampaignCreate.model_validate(item)
        text = directive if item["code"] == annual["code"] else None
        campaigns_service.create_campaign(session, actor=None, data=spec, launch_document_text=text)
        report.add("campaigns")


def _load_accounts(session: Session, report: LoadReport) -> None:
    for item in data.ACCOUNTS:
        if auth_repository.get_user_by_username(session, item["username"]) is not None:
            continue
        unit = units_repository.get_unit_by_code(session, item["unit"]) if item["unit"] else None
        auth_service.create_user(
            session,
            actor=None,
            username=item["username"],
            password=DEMO_PASSWORD,
            full_name=item["full_name"],
            title=item.get("title"),
            roles=[Role(r) for r in item["roles"]],
            unit_id=unit.id if unit else None,
        )
        session.flush()
        report.add("users")


def _load_council(session: Session, report: LoadReport) -> None:
    start = dt.date.fromisoformat(data.COUNCIL_TERM_START)
    for username, role in data.COUNCIL_MEMBERSHIP.items():
        user = auth_repository.get_user_by_username(session, username)
        if user is None or council_service.has_any_term(session, user_id=user.id):
            continue
        council_service.add_member(
            session,
            actor=None,
            data=CouncilMemberCreate(user_id=user.id, role=CouncilRole(role), valid_from=start),
        )
        session.flush()
        report.add("council_members")


def load_demo_data(session: Session) -> LoadReport:
    """Load everything that is missing; return what was created."""
    report = LoadReport()
    _load_clusters_and_units(session, report)
    _load_campaigns(session, report)
    _load_accounts(session, report)
    _load_council(session, report)
    return report
