"""Decisions: drafted by the secretariat from approved nominations, signed by the chairman.

Signing takes the next number of the year's sequence (``N/QĐ-UBND``), computes each
recipient's bonus with the rules engine (coefficient × lương cơ sở in force on the signing date,
rounded up to 10,000 đ), moves every nomination to ``decided`` and issues the certificates, all
in one transaction.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from sqlalchemy.orm import Session

from app.audit import service as audit_service
from app.auth.policies import Actor
from app.awards.models import AwardSubject, AwardType
from app.awards.rules import bonus as bonus_rules
from app.certificates import service as certificates_service
from app.core.clock import vn_today
from app.core.config import get_settings
from app.core.counters import next_number
from app.core.db import utcnow
from app.core.errors import BadRequest, Conflict, Forbidden, NotFound
from app.core.pagination import PageParams, paginate
from app.decisions import policies, repository
from app.decisions.models import Decision, DecisionItem, DecisionStatus
from app.decisions.schemas import DecisionCreate, DecisionItemRead, DecisionRead
from app.nominations import repository as nominations_repository
from app.nominations import service as nominations_service
from app.nominations.models import Nomination, NominationStatus, NomineeKind
from app.people.models import Person
from app.units import repository as units_repository

NUMBER_SUFFIX = "/QĐ-UBND"


@dataclass(frozen=True)
class Recipient:
    """One line of a decision's annex, as printed."""

    item: DecisionItem
    nomination: Nomination
    award: AwardType
    name: str
    position: str | None
    unit_name: str | None
    award_name: str


def _require_reader(actor: Actor) -> None:
    if not policies.can_read(actor):
        raise Forbidden("Chỉ Ban Thi đua - Khen thưởng và lãnh đạo UBND tỉnh xem quyết định.")


def create_decision(session: Session, *, actor: Actor, data: DecisionCreate) -> Decision:
    """A draft decision for approved nominations that are in no other decision."""
    ids = list(dict.fromkeys(data.nomination_ids))
    nominations = {n.id: n for n in nominations_repository.nominations_by_ids(session, ids)}
    missing = [i for i in ids if i not in nominations]
    if missing:
        raise BadRequest(f"Không có đề nghị số {', '.join(map(str, missing))}.")
    not_approved = [i for i in ids if nominations[i].status is not NominationStatus.APPROVED]
    if not_approved:
        raise Conflict(
            "Chỉ đưa vào quyết định những đề nghị đã được Hội đồng thông qua; chưa thông qua: "
            + ", ".join(map(str, not_approved))
            + "."
        )
    taken = repository.nominations_already_in_a_decision(session, ids)
    if taken:
        raise Conflict(f"Các đề nghị {', '.join(map(str, taken))} đã có trong một quyết định khác.")
    decision = Decision(title=data.title, status=DecisionStatus.DRAFT, created_by_id=actor.id)
    session.add(decision)
    session.flush()
    for position, nomination_id in enumerate(ids, start=1):
        session.add(
            DecisionItem(decision_id=decision.id, nomination_id=nomination_id, position=position)
        )
    audit_service.record(
        session, actor=actor, action="decision.create", target=decision, data={"nominations": ids}
    )
    return decision


def get_decision(
    session: Session, *, actor: Actor, decision_id: int, for_update: bool = False
) -> Decision:
    _require_reader(actor)
    decision = repository.get(session, decision_id, for_update=for_update)
    if decision is None:
        raise NotFound("Không tìm thấy quyết định.")
    return decision


def list_decisions(
    session: Session, *, actor: Actor, params: PageParams, status: DecisionStatus | None
) -> tuple[list[Decision], str | None]:
    _require_reader(actor)
    return paginate(
        session, repository.decisions_query(status=status), key=Decision.id, params=params
    )


def _reader_scope(actor: Actor) -> int | None:
    """Whose decisions the actor reads through the API: None for whole decisions, drafts
    included (the office, the signer, the council chair); a unit's id for a unit officer or the
    unit's API token, who read the *signed* decisions that award the unit's nominees, and in them
    only the unit's own lines: the number, date and bonus to file and to tell their people.
    Anyone else: 403."""
    if policies.can_read(actor):
        return None
    unit_id = policies.reading_unit(actor)
    if unit_id is None:
        _require_reader(actor)
    return unit_id


def read_decision(session: Session, *, actor: Actor, decision_id: int) -> DecisionRead:
    """One decision as the actor may read it (see ``_reader_scope``); 404 for a unit when the
    decision is a draft or awards none of its nominees."""
    unit_id = _reader_scope(actor)
    if unit_id is None:
        return decision_read(session, get_decision(session, actor=actor, decision_id=decision_id))
    decision = repository.get(session, decision_id)
    if decision is not None and decision.status is DecisionStatus.SIGNED:
        read = decision_read(session, decision, unit_id=unit_id)
        if read.items:
            return read
    raise NotFound("Không tìm thấy quyết định.")


def read_decisions(
    session: Session, *, actor: Actor, params: PageParams, status: DecisionStatus | None
) -> tuple[list[DecisionRead], str | None]:
    """A page of decisions as the actor may read them (see ``_reader_scope``)."""
    unit_id = _reader_scope(actor)
    decisions, cursor = paginate(
        session,
        repository.decisions_query(status=status, unit_id=unit_id),
        key=Decision.id,
        params=params,
    )
    return [decision_read(session, d, unit_id=unit_id) for d in decisions], cursor


def recipients(session: Session, decision: Decision) -> list[Recipient]:
    """The annex lines of a decision, in order, loaded in a fixed number of queries."""
    items = repository.items(session, decision.id)
    nominations = {
        n.id: n
        for n in nominations_repository.nominations_by_ids(
            session, [i.nomination_id for i in items]
        )
    }
    awards = nominations_repository.award_types_by_id(
        session, {n.award_type_id for n in nominations.values()}
    )
    people = nominations_repository.people_by_id(
        session, {n.person_id for n in nominations.values()}
    )
    unit_ids = {p.unit_id for p in people.values()} | {
        n.collective_unit_id for n in nominations.values() if n.collective_unit_id
    }
    units = {u.id: u.name for u in units_repository.units_by_id(session, unit_ids)}
    lines = []
    for item in items:
        n = nominations[item.nomination_id]
        if n.nominee_kind is NomineeKind.INDIVIDUAL:
            person: Person = people[n.person_id]
            name, position, unit_name = person.full_name, person.position, units.get(person.unit_id)
        else:
            name, position, unit_name = (
                n.collective_name or n.nominee_name,
                None,
                units.get(n.collective_unit_id),
            )
        award = awards[n.award_type_id]
        printed = (decision.printed or {}).get("lines", {}).get(str(n.id))
        if printed is not None:  # signed: the texts as the decision printed them
            name, position, unit_name = printed["name"], printed["position"], printed["unit_name"]
        lines.append(
            Recipient(
                item=item,
                nomination=n,
                award=award,
                name=name,
                position=position,
                unit_name=unit_name,
                award_name=printed["award_name"] if printed is not None else award.name,
            )
        )
    return lines


def _printed(lines: list[Recipient]) -> dict[str, Any]:
    """What the decision prints, kept at signing (``Decision.printed``)."""
    return {
        "province": get_settings().province_name,
        "lines": {
            str(line.nomination.id): {
                "name": line.name,
                "position": line.position,
                "unit_name": line.unit_name,
                "award_name": line.award_name,
            }
            for line in lines
        },
    }


def _bonus(line: Recipient, on: dt.date) -> tuple[float, int, int] | None:
    """(coefficient, lương cơ sở, bonus) of a line for a decision signed on ``on``; None for an
    award that carries no bonus."""
    try:
        coefficient = bonus_rules.coefficient_for(line.award.rule_code, on)
    except ValueError:
        return None
    collective = line.award.subject is AwardSubject.COLLECTIVE
    return (
        float(coefficient),
        bonus_rules.base_salary_on(on),
        bonus_rules.bonus_for(line.award.rule_code, on, collective=collective),
    )


def estimated_bonuses(session: Session, decision: Decision) -> dict[int, int | None]:
    """For a draft: each nomination's bonus were the decision signed today (the chairman sees
    the money before signing). Signing computes the real ones, on its own date."""
    today = vn_today()
    return {
        line.nomination.id: (b[2] if (b := _bonus(line, today)) is not None else None)
        for line in recipients(session, decision)
    }


def sign_decision(session: Session, *, actor: Actor, decision_id: int) -> Decision:
    """Sign: number, date, bonuses, nominations decided, certificates issued — or nothing."""
    decision = get_decision(session, actor=actor, decision_id=decision_id, for_update=True)
    if decision.status is not DecisionStatus.DRAFT:
        raise Conflict(f"Quyết định đã được ký, số {decision.number_text}.")
    lines = recipients(session, decision)
    if not lines:
        raise BadRequest("Quyết định chưa có người được khen thưởng.")
    signed_on = vn_today()
    decision.year = signed_on.year
    decision.number = next_number(session, name="decision", year=signed_on.year)
    decision.number_text = f"{decision.number}{NUMBER_SUFFIX}"
    decision.signed_on = signed_on
    decision.signed_at = utcnow()
    decision.signer_id = actor.id
    decision.signer_name = actor.full_name
    decision.status = DecisionStatus.SIGNED
    decision.printed = _printed(lines)
    for line in lines:
        bonus = _bonus(line, signed_on)
        if bonus is not None:
            line.item.coefficient, line.item.base_salary, line.item.bonus = bonus
        nominations_service.transition(
            session,
            actor=actor,
            nomination=line.nomination,
            action="decide",
            reason=decision.number_text,
        )
    certificates_service.issue_for_decision(session, actor=actor, decision=decision, lines=lines)
    audit_service.record(
        session,
        actor=actor,
        action="decision.sign",
        target=decision,
        data={"number": decision.number_text, "signed_on": signed_on.isoformat()},
    )
    return decision


def decision_read(
    session: Session, decision: Decision, *, unit_id: int | None = None
) -> DecisionRead:
    """The decision with its lines; with ``unit_id``, only that unit's lines (and their total)."""
    lines = recipients(session, decision)
    if unit_id is not None:
        lines = [line for line in lines if line.nomination.unit_id == unit_id]
    bonuses = [line.item.bonus for line in lines if line.item.bonus is not None]
    return DecisionRead(
        id=decision.id,
        title=decision.title,
        status=decision.status,
        number=decision.number_text,
        signed_on=decision.signed_on,
        signer_name=decision.signer_name,
        nomination_ids=[line.nomination.id for line in lines],
        items=[
            DecisionItemRead(
                nomination_id=line.nomination.id,
                position=line.item.position,
                recipient=line.name,
                kind=line.nomination.nominee_kind.value,
                unit_name=line.unit_name,
                award_type=line.award.code,
                award_name=line.award_name,
                coefficient=line.item.coefficient,
                bonus=line.item.bonus,
            )
            for line in lines
        ],
        total_bonus=sum(bonuses) if decision.status is DecisionStatus.SIGNED else None,
        created_at=decision.created_at,
    )


def awaiting_decision(session: Session, *, actor: Actor) -> list[Nomination]:
    """Approved nominations that still wait for a decision (for the secretariat's draft form)."""
    _require_reader(actor)
    return repository.approved_without_decision(session)
