"""What units submit: dossiers, their nominations and attachments, and the secretariat's
appraisal. Every status change goes through :func:`transition` or :func:`transition_dossier`.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import replace

from pydantic_core import to_json
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from app.audit import service as audit_service
from app.auth.models import Role
from app.auth.policies import Actor, unit_scope
from app.awards import repository as awards_repository
from app.awards import rules
from app.awards import service as awards_service
from app.awards.models import AwardSubject, AwardType
from app.awards.schemas import CheckRead, EligibilityRead
from app.campaigns import repository as campaigns_repository
from app.core import storage
from app.core.config import get_settings
from app.core.db import Reads, utcnow
from app.core.errors import (
    AppError,
    BadRequest,
    Conflict,
    Forbidden,
    NotFound,
    PayloadTooLarge,
    UnsupportedMediaType,
)
from app.core.pagination import PageParams, decode_cursor, encode_cursor, paginate
from app.core.text import fold
from app.nominations import excel, policies, repository
from app.nominations.models import (
    Attachment,
    AttachmentKind,
    Dossier,
    DossierStatus,
    Nomination,
    NominationStatus,
    NomineeKind,
)
from app.nominations.policies import STATUS_LABELS
from app.nominations.schemas import (
    AppraiseIn,
    AttachmentRead,
    CollectiveFactsIn,
    DossierCreate,
    DossierRead,
    DossierSummary,
    DossierUpdate,
    HistoryItem,
    NominationIn,
    NominationRead,
    NominationUpdate,
)
from app.people import repository as people_repository
from app.people import service as people_service
from app.people.models import Person
from app.units import repository as units_repository


class InvalidTransition(Conflict):
    default_detail = "Không thể thực hiện thao tác này ở trạng thái hiện tại."


class IdempotencyConflict(Conflict):
    default_detail = "Idempotency-Key này đã được dùng cho một hồ sơ có nội dung khác."


ACTION_LABELS = {
    "submit": "gửi",
    "return": "trả lại",
    "appraise_eligible": "thẩm định là đủ điều kiện",
    "appraise_ineligible": "thẩm định là không đủ điều kiện",
    "put_on_agenda": "đưa vào phiên họp Hội đồng",
    "remove_from_agenda": "rút khỏi phiên họp Hội đồng",
    "approve": "ghi nhận Hội đồng thông qua",
    "reject": "ghi nhận Hội đồng không thông qua",
    "decide": "đưa vào quyết định khen thưởng",
    "revoke": "hủy bỏ",
}


# ---------------------------------------------------------------------------- transitions


def transition(
    session: Session,
    *,
    actor: Actor | None,
    nomination: Nomination,
    action: str,
    reason: str | None = None,
) -> None:
    """Move a nomination along the state machine, or refuse with 409; audited."""
    _move(
        session,
        actor=actor,
        target=nomination,
        table=policies.NOMINATION_TRANSITIONS,
        action=action,
        reason=reason,
        prefix="nomination",
        noun=f"đề nghị số {nomination.id}",
    )


def transition_dossier(
    session: Session, *, actor: Actor, dossier: Dossier, action: str, reason: str | None = None
) -> None:
    """Move a dossier along its state machine, or refuse with 409; audited."""
    _move(
        session,
        actor=actor,
        target=dossier,
        table=policies.DOSSIER_TRANSITIONS,
        action=action,
        reason=reason,
        prefix="dossier",
        noun="hồ sơ",
    )


def _move(session: Session, *, actor, target, table, action, reason, prefix, noun) -> None:
    """The one place a status changes: look the change up in ``table``, record who and why."""
    current = target.status
    to = table.get((current, action))
    if to is None:
        raise InvalidTransition(
            f"Không thể {ACTION_LABELS.get(action, action)} {noun} "
            f"khi đang ở trạng thái “{STATUS_LABELS[current]}”."
        )
    target.status = to
    audit_service.record(
        session,
        actor=actor,
        action=f"{prefix}.{action}",
        target=target,
        data={"from": current.value, "to": to.value, "reason": reason},
    )


# ---------------------------------------------------------------------------- reading


def get_dossier(
    session: Session, *, actor: Actor, dossier_id: int, for_update: bool = False
) -> Dossier:
    """A dossier the actor may read; another unit's is answered as missing."""
    dossier = repository.get_dossier(session, dossier_id, for_update=for_update)
    if dossier is None or not policies.can_read_dossier(actor, dossier.unit_id):
        raise NotFound("Không tìm thấy hồ sơ.")
    if dossier.status is DossierStatus.DRAFT and not policies.can_see_draft(actor, dossier.unit_id):
        raise NotFound("Không tìm thấy hồ sơ.")
    return dossier


def _editable_dossier(session: Session, *, actor: Actor, dossier_id: int) -> Dossier:
    dossier = get_dossier(session, actor=actor, dossier_id=dossier_id, for_update=True)
    if not policies.can_edit_dossier(actor, dossier.unit_id):
        raise Forbidden("Chỉ cán bộ thi đua của đơn vị lập hồ sơ mới được sửa hồ sơ.")
    if dossier.status not in policies.EDITABLE_DOSSIER_STATUSES:
        raise InvalidTransition(
            f"Hồ sơ đang ở trạng thái “{STATUS_LABELS[dossier.status]}”: chỉ sửa được hồ sơ "
            "đang soạn hoặc bị trả lại."
        )
    return dossier


def list_dossiers(
    session: Session,
    *,
    actor: Actor,
    params: PageParams,
    status: DossierStatus | None,
    campaign_id: int | None,
    year: int | None,
) -> tuple[list[Dossier], str | None]:
    if not actor.has_role(Role.ADMIN, Role.SECRETARIAT, Role.UNIT_OFFICER):
        raise Forbidden()
    stmt = repository.dossiers_query(
        unit_id=unit_scope(actor), status=status, campaign_id=campaign_id, year=year
    )
    if unit_scope(actor) is None and status is None:
        # The office does not see units' drafts: a draft is still the unit's business.
        stmt = stmt.where(Dossier.status != DossierStatus.DRAFT)
    return paginate(session, stmt, key=Dossier.id, params=params)


def get_nomination(session: Session, *, actor: Actor, nomination_id: int) -> Nomination:
    nomination = repository.get_nomination(session, nomination_id)
    if nomination is None or not policies.can_read_nomination(actor, nomination.unit_id):
        raise NotFound("Không tìm thấy đề nghị khen thưởng.")
    if nomination.status is NominationStatus.DRAFT and not policies.can_see_draft(
        actor, nomination.unit_id
    ):
        raise NotFound("Không tìm thấy đề nghị khen thưởng.")
    return nomination


def _listing_query(
    actor: Actor,
    filters: repository.NominationFilters,
    *,
    limit: int,
    after_id: int | None = None,
    ids: tuple[int, ...] | None = None,
) -> repository.ListQuery | None:
    """What ``actor`` may see of ``filters``, or None when that is nothing at all."""
    if not actor.has_role(
        *policies.OFFICE_ROLES,
        Role.UNIT_OFFICER,
        Role.COUNCIL_MEMBER,
        Role.COUNCIL_CHAIR,
        Role.SIGNER,
    ):
        raise Forbidden()
    scope = None if not actor.is_unit_officer_only else unit_scope(actor)
    if scope is not None:
        if filters.unit_id is not None and filters.unit_id != scope:
            return None
        filters = replace(filters, unit_id=scope)
    return repository.ListQuery(
        filters=filters,
        limit=limit,
        after_id=after_id,
        ids=ids,
        # The office does not see units' drafts; a unit sees its own.
        hide_drafts=scope is None,
        with_duplicates=actor.has_role(*policies.OFFICE_ROLES),
    )


def list_nomination_json(
    on: Reads,
    *,
    actor: Actor,
    params: PageParams,
    filters: repository.NominationFilters,
) -> tuple[list[str], str | None]:
    """A page of the nominations the actor may read, each as its JSON (NominationRead).

    A unit officer sees only their unit's; the office sees every unit's but no drafts and gets
    each nomination's duplicates. Ordered by id, ``params.cursor`` continuing a page.
    """
    after_id = decode_cursor(params.cursor) if params.cursor else None
    query = _listing_query(actor, filters, limit=params.limit + 1, after_id=after_id)
    if query is None:
        return [], None
    rows = repository.list_json(on, query)
    cursor = None
    if len(rows) > params.limit:
        rows = rows[: params.limit]
        cursor = encode_cursor(rows[-1][0])
    return [item for _, item in rows], cursor


def list_nominations(
    session: Session,
    *,
    actor: Actor,
    params: PageParams,
    filters: repository.NominationFilters,
) -> tuple[list[NominationRead], str | None]:
    """The same page as :func:`list_nomination_json`, as models (pages, exports, agendas)."""
    items, cursor = list_nomination_json(session, actor=actor, params=params, filters=filters)
    return [NominationRead.model_validate_json(item) for item in items], cursor


def page_json(items: list[str], next_cursor: str | None) -> bytes:
    """``Page[NominationRead]`` as JSON, from the items' JSON as the database wrote it."""
    return f'{{"items":[{",".join(items)}],"next_cursor":{to_json(next_cursor).decode()}}}'.encode()


def nomination_reads(
    session: Session, *, actor: Actor, nominations: list[Nomination]
) -> list[NominationRead]:
    """``nominations``, which the caller has checked the actor may read, as models, in order."""
    if not nominations:
        return []
    session.flush()  # the listing reads with SQL: pending changes must be in the database
    ids = tuple(n.id for n in nominations)
    query = repository.ListQuery(
        filters=repository.NominationFilters(),
        limit=len(ids),
        ids=ids,
        with_duplicates=actor.has_role(*policies.OFFICE_ROLES),
    )
    by_id = dict(repository.list_json(session, query))
    return [NominationRead.model_validate_json(by_id[i]) for i in ids if i in by_id]


def _history_items(
    session: Session, *, target_type: str, target_id: int, prefix: str
) -> list[HistoryItem]:
    entries = audit_service.entries_for(session, target_type=target_type, target_id=str(target_id))
    return [
        HistoryItem(
            at=e.at,
            actor=e.actor_username,
            action=e.action.removeprefix(prefix),
            from_status=e.data.get("from"),
            to_status=e.data.get("to"),
            reason=e.data.get("reason"),
        )
        for e in entries
    ]


def history(session: Session, *, actor: Actor, nomination_id: int) -> list[HistoryItem]:
    """Every change of a nomination, oldest first."""
    nomination = get_nomination(session, actor=actor, nomination_id=nomination_id)
    return _history_items(
        session, target_type="nominations", target_id=nomination.id, prefix="nomination."
    )


def dossier_history(session: Session, *, actor: Actor, dossier_id: int) -> list[HistoryItem]:
    """Every change of a dossier, oldest first."""
    dossier = get_dossier(session, actor=actor, dossier_id=dossier_id)
    return _history_items(session, target_type="dossiers", target_id=dossier.id, prefix="dossier.")


# ---------------------------------------------------------------------------- creating


def _request_hash(data: DossierCreate) -> str:
    canonical = json.dumps(data.model_dump(mode="json"), sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(canonical.encode()).hexdigest()


def _replay(existing: Dossier, request_hash: str) -> Dossier:
    if existing.request_hash != request_hash:
        raise IdempotencyConflict()
    return existing


def create_dossier(
    session: Session, *, actor: Actor, data: DossierCreate, idempotency_key: str | None = None
) -> tuple[Dossier, bool]:
    """Create a draft dossier with its nominations; return it and whether it was a replay.

    The same ``Idempotency-Key`` and body give back the same dossier; the same key with another
    body is a conflict. Concurrent requests with one key create exactly one dossier: the loser
    of the race finds the winner's row through the unique constraint.
    """
    if not actor.has_role(Role.UNIT_OFFICER) or actor.unit_id is None:
        raise Forbidden("Chỉ cán bộ thi đua của đơn vị mới lập hồ sơ đề nghị khen thưởng.")
    request_hash = _request_hash(data) if idempotency_key else None
    if idempotency_key:
        existing = repository.dossier_by_idempotency_key(
            session, user_id=actor.id, key=idempotency_key
        )
        if existing is not None:
            return _replay(existing, request_hash), True
    if campaigns_repository.get(session, data.campaign_id) is None:
        raise BadRequest(f"Phong trào thi đua số {data.campaign_id} không tồn tại.")
    dossier = Dossier(
        unit_id=actor.unit_id,
        campaign_id=data.campaign_id,
        year=data.year,
        title=data.title,
        status=DossierStatus.DRAFT,
        created_by_id=actor.id,
        idempotency_key=idempotency_key,
        request_hash=request_hash,
    )
    try:
        with session.begin_nested():
            session.add(dossier)
            session.flush()
    except IntegrityError:
        if not idempotency_key:
            raise
        existing = repository.dossier_by_idempotency_key(
            session, user_id=actor.id, key=idempotency_key
        )
        if existing is None:
            raise
        return _replay(existing, request_hash), True
    audit_service.record(
        session,
        actor=actor,
        action="dossier.create",
        target=dossier,
        data={"to": DossierStatus.DRAFT.value, "nominations": len(data.nominations)},
    )
    for index, item in enumerate(data.nominations, start=1):
        _add_nomination(session, actor=actor, dossier=dossier, item=item, index=index)
    return dossier, False


def _award_for(session: Session, code: str, where: str) -> AwardType:
    award = awards_repository.get_by_code(session, code)
    if award is None:
        raise BadRequest(f"{where}mã danh hiệu, hình thức khen thưởng “{code}” không tồn tại.")
    return award


def _require_subject(session: Session, award: AwardType, kind: NomineeKind, where: str) -> None:
    """400 when the award is not for this kind of nominee, naming the code that is: the same
    award for the other subject (``BK_TINH`` and ``BK_TINH_TT`` share a rules code), so that a
    unit's system learns which code to send."""
    if award.subject.value == kind.value:
        return
    expected = "tập thể" if award.subject is AwardSubject.COLLECTIVE else "cá nhân"
    message = f"{where}{award.name} ({award.code}) chỉ xét cho {expected}"
    counterpart = awards_repository.counterpart(session, award)
    if counterpart is not None:
        wanted = "tập thể" if counterpart.subject is AwardSubject.COLLECTIVE else "cá nhân"
        message += f"; cho {wanted}, dùng mã {counterpart.code} ({counterpart.name})"
    raise BadRequest(message + ".")


def _add_nomination(
    session: Session,
    *,
    actor: Actor,
    dossier: Dossier,
    item: NominationIn,
    index: int | None = None,
) -> Nomination:
    where = f"Đề nghị thứ {index}: " if index else ""
    award = _award_for(session, item.award_type, where)
    kind = NomineeKind.COLLECTIVE if item.collective is not None else NomineeKind.INDIVIDUAL
    _require_subject(session, award, kind, where)
    nomination = Nomination(
        dossier_id=dossier.id,
        unit_id=dossier.unit_id,
        campaign_id=dossier.campaign_id,
        year=dossier.year,
        award_type_id=award.id,
        nominee_kind=kind,
        achievement=item.achievement,
        award_method=item.award_method,
        status=NominationStatus.DRAFT,
    )
    if kind is NomineeKind.INDIVIDUAL:
        person = _resolve_person(session, actor=actor, dossier=dossier, item=item, where=where)
        nomination.person_id = person.id
        nomination.nominee_name = person.full_name
    else:
        collective = item.collective
        unit_id = collective.unit_id or dossier.unit_id
        unit = units_repository.get_unit(session, unit_id)
        if unit is None or (unit.id != dossier.unit_id and unit.parent_id != dossier.unit_id):
            raise Forbidden(f"{where}tập thể phải thuộc đơn vị lập hồ sơ hoặc đơn vị trực thuộc.")
        nomination.collective_unit_id = unit.id
        nomination.collective_name = " ".join(collective.name.split())
        nomination.nominee_name = nomination.collective_name
        facts = collective.facts.model_dump(mode="json") if collective.facts else None
        nomination.collective_facts = {"is_enterprise": collective.is_enterprise, "facts": facts}
    nomination.nominee_name_folded = fold(nomination.nominee_name)
    session.add(nomination)
    audit_service.record(
        session,
        actor=actor,
        action="nomination.create",
        target=nomination,
        data={"to": NominationStatus.DRAFT.value, "dossier_id": dossier.id},
    )
    return nomination


def _resolve_person(
    session: Session, *, actor: Actor, dossier: Dossier, item: NominationIn, where: str
) -> Person:
    if item.person_id is not None:
        person = people_repository.get(session, item.person_id)
        if person is None:
            raise BadRequest(f"{where}không có cá nhân số {item.person_id}.")
        if person.unit_id != dossier.unit_id:
            raise Forbidden(f"{where}cá nhân thuộc đơn vị khác, đơn vị không đề nghị được.")
        return person
    data = item.person
    if data.unit_id is not None and data.unit_id != dossier.unit_id:
        raise Forbidden(f"{where}cá nhân phải thuộc đơn vị lập hồ sơ.")
    if data.citizen_id:
        existing = people_repository.get_by_citizen_id(session, data.citizen_id)
        if existing is not None:
            if existing.unit_id != dossier.unit_id:
                raise Forbidden(f"{where}số căn cước công dân này thuộc cá nhân của đơn vị khác.")
            return existing
    return people_service.create_person(
        session, actor=actor, data=data.model_copy(update={"unit_id": dossier.unit_id})
    )


# ---------------------------------------------------------------------------- editing


def update_dossier(
    session: Session, *, actor: Actor, dossier_id: int, data: DossierUpdate
) -> Dossier:
    dossier = _editable_dossier(session, actor=actor, dossier_id=dossier_id)
    if data.title is not None:
        dossier.title = data.title
    audit_service.record(
        session,
        actor=actor,
        action="dossier.update",
        target=dossier,
        data=data.model_dump(exclude_none=True),
    )
    return dossier


def add_nomination(
    session: Session, *, actor: Actor, dossier_id: int, item: NominationIn
) -> Nomination:
    dossier = _editable_dossier(session, actor=actor, dossier_id=dossier_id)
    nomination = _add_nomination(session, actor=actor, dossier=dossier, item=item)
    if dossier.status is DossierStatus.RETURNED:
        # A nomination added to a returned dossier goes back with the others.
        nomination.status = NominationStatus.RETURNED
    return nomination


def _editable_nomination(session: Session, *, actor: Actor, nomination_id: int) -> Nomination:
    nomination = repository.get_nomination(session, nomination_id)
    if nomination is None or not policies.can_read_dossier(actor, nomination.unit_id):
        raise NotFound("Không tìm thấy đề nghị khen thưởng.")
    _editable_dossier(session, actor=actor, dossier_id=nomination.dossier_id)
    return nomination


def update_nomination(
    session: Session, *, actor: Actor, nomination_id: int, data: NominationUpdate
) -> Nomination:
    nomination = _editable_nomination(session, actor=actor, nomination_id=nomination_id)
    if data.award_type is not None:
        award = _award_for(session, data.award_type, "")
        _require_subject(session, award, nomination.nominee_kind, "")
        nomination.award_type_id = award.id
    if data.achievement is not None:
        nomination.achievement = data.achievement
    if data.award_method is not None:
        nomination.award_method = data.award_method
    if data.collective_facts is not None:
        if nomination.nominee_kind is not NomineeKind.COLLECTIVE:
            raise BadRequest("Số liệu tập thể chỉ dùng cho đề nghị khen thưởng tập thể.")
        current = nomination.collective_facts or {}
        nomination.collective_facts = {
            **current,
            "facts": data.collective_facts.model_dump(mode="json"),
        }
    audit_service.record(
        session,
        actor=actor,
        action="nomination.update",
        target=nomination,
        data={"fields": sorted(data.model_dump(exclude_none=True))},
    )
    return nomination


def delete_nomination(session: Session, *, actor: Actor, nomination_id: int) -> None:
    nomination = _editable_nomination(session, actor=actor, nomination_id=nomination_id)
    audit_service.record(
        session,
        actor=actor,
        action="nomination.delete",
        target=nomination,
        data={"dossier_id": nomination.dossier_id},
    )
    session.delete(nomination)


# ---------------------------------------------------------------------------- workflow


def submit_dossier(session: Session, *, actor: Actor, dossier_id: int) -> Dossier:
    """Send a draft or returned dossier to the secretariat."""
    dossier = get_dossier(session, actor=actor, dossier_id=dossier_id, for_update=True)
    if not policies.can_edit_dossier(actor, dossier.unit_id):
        raise Forbidden("Chỉ cán bộ thi đua của đơn vị lập hồ sơ mới gửi được hồ sơ.")
    if (dossier.status, "submit") not in policies.DOSSIER_TRANSITIONS:
        transition_dossier(session, actor=actor, dossier=dossier, action="submit")  # raises
    nominations = repository.nominations_of_dossier(session, dossier.id)
    if not nominations:
        raise BadRequest("Hồ sơ chưa có đề nghị khen thưởng nào.")
    kinds = {a.kind for a in repository.attachments_of_dossier(session, dossier.id)}
    if AttachmentKind.TO_TRINH not in kinds:
        raise BadRequest(
            "Hồ sơ thiếu tờ trình (Điều 84 Luật Thi đua, khen thưởng 2022): hãy đính kèm tờ trình."
        )
    transition_dossier(session, actor=actor, dossier=dossier, action="submit")
    for nomination in nominations:
        transition(session, actor=actor, nomination=nomination, action="submit")
    dossier.submitted_at = utcnow()
    return dossier


def return_dossier(session: Session, *, actor: Actor, dossier_id: int, reason: str) -> Dossier:
    """The secretariat returns an incomplete dossier, with the reason, to its unit."""
    dossier = get_dossier(session, actor=actor, dossier_id=dossier_id, for_update=True)
    nominations = repository.nominations_of_dossier(session, dossier.id)
    beyond = [
        n.id
        for n in nominations
        if n.status
        not in (NominationStatus.SUBMITTED, NominationStatus.ELIGIBLE, NominationStatus.INELIGIBLE)
    ]
    if dossier.status is DossierStatus.SUBMITTED and beyond:
        raise InvalidTransition(
            "Không thể trả lại hồ sơ: các đề nghị số "
            + ", ".join(map(str, beyond))
            + " đã được trình Hội đồng hoặc đã xử lý."
        )
    transition_dossier(session, actor=actor, dossier=dossier, action="return", reason=reason)
    for nomination in nominations:
        transition(session, actor=actor, nomination=nomination, action="return", reason=reason)
    dossier.return_reason = reason
    return dossier


def appraise(session: Session, *, actor: Actor, nomination_id: int, data: AppraiseIn) -> Nomination:
    """The secretariat's appraisal (thẩm định) of one nomination."""
    nomination = get_nomination(session, actor=actor, nomination_id=nomination_id)
    transition(
        session,
        actor=actor,
        nomination=nomination,
        action=f"appraise_{data.result}",
        reason=data.note,
    )
    nomination.appraisal_note = data.note
    return nomination


# ---------------------------------------------------------------------------- eligibility


def eligibility(session: Session, *, actor: Actor, nomination_id: int) -> EligibilityRead:
    """The rules in force for the nomination's year, applied to the nominee's history."""
    nomination = get_nomination(session, actor=actor, nomination_id=nomination_id)
    award = repository.award_types_by_id(session, [nomination.award_type_id])[
        nomination.award_type_id
    ]
    if nomination.nominee_kind is NomineeKind.INDIVIDUAL:
        person = people_repository.get(session, nomination.person_id)
        records = people_repository.records(session, person.id)
        return awards_service.evaluate_person(
            session, person=person, records=records, award_code=award.code, year=nomination.year
        )
    return _collective_eligibility(nomination, award)


def _collective_eligibility(nomination: Nomination, award: AwardType) -> EligibilityRead:
    regime = rules.regime_for(nomination.year)
    raw = (nomination.collective_facts or {}).get("facts")
    if raw is None:
        checks = [
            CheckRead(
                rule="collective_facts_present",
                passed=False,
                detail="Hồ sơ chưa khai số liệu của tập thể (tổng số thành viên, số đạt "
                "Lao động tiên tiến, Chiến sĩ thi đua cơ sở, kỷ luật) nên chưa xét được "
                "tiêu chuẩn.",
                citation="Điều 84 Luật Thi đua, khen thưởng 2022 (hồ sơ đề nghị khen thưởng)",
            )
        ]
        return EligibilityRead(
            eligible=False,
            award_type=award.code,
            year=nomination.year,
            regime=regime.REGIME.name,
            checks=checks,
        )
    facts_in = CollectiveFactsIn.model_validate(raw)
    facts = rules.CollectiveFacts(
        year=nomination.year,
        rating=facts_in.rating.value if facts_in.rating else None,
        members_total=facts_in.members_total,
        members_completed_tasks=facts_in.members_completed_tasks,
        members_ldtt=facts_in.members_ldtt,
        members_cstdcs=facts_in.members_cstdcs,
        members_disciplined={k.value: v for k, v in facts_in.members_disciplined.items()},
        unity=facts_in.unity,
        grassroots_democracy=facts_in.grassroots_democracy,
        led_cluster=facts_in.led_cluster,
        consecutive_excellent_years=facts_in.consecutive_excellent_years,
    )
    try:
        checks = rules.evaluate_collective(award.rule_code, facts)
    except rules.UnsupportedAward as exc:
        raise BadRequest(f"Chưa có quy tắc xét tự động cho {award.name}.") from exc
    return EligibilityRead(
        eligible=rules.eligible(checks),
        award_type=award.code,
        year=nomination.year,
        regime=regime.REGIME.name,
        checks=[CheckRead(**c.as_dict()) for c in checks],
    )


# ---------------------------------------------------------------------------- attachments

PDF_MAGIC = b"%PDF-"


def _looks_like_pdf(content: bytes) -> bool:
    """A PDF by content: the header near the start and an end-of-file marker near the end."""
    return PDF_MAGIC in content[:1024] and b"%%EOF" in content[-2048:]


def _page_count(content: bytes) -> int:
    """Pages of a PDF; a file that does not parse, or is locked by a password, is refused."""
    import io

    from pypdf import PdfReader
    from pypdf.errors import PyPdfError

    try:
        reader = PdfReader(io.BytesIO(content))
        if reader.is_encrypted:
            raise UnsupportedMediaType("Tệp PDF đặt mật khẩu: hãy gửi bản không khóa.")
        return len(reader.pages)
    except (PyPdfError, ValueError, KeyError, TypeError, RecursionError) as exc:
        raise UnsupportedMediaType("Tệp PDF bị hỏng, không đọc được.") from exc


def add_attachment(
    session: Session,
    *,
    actor: Actor,
    dossier_id: int,
    kind: AttachmentKind,
    filename: str,
    content: bytes,
) -> Attachment:
    """Attach a PDF to an editable dossier; it is stored under a generated name."""
    dossier = _editable_dossier(session, actor=actor, dossier_id=dossier_id)
    if not content:
        raise BadRequest("Tệp rỗng.")
    if not _looks_like_pdf(content):
        raise UnsupportedMediaType(
            "Tệp không phải là PDF (kiểm tra theo nội dung, không theo tên tệp)."
        )
    pages = _page_count(content)
    limit = get_settings().max_upload_pages
    if pages > limit:
        raise PayloadTooLarge(f"Tệp PDF có {pages} trang, vượt quá giới hạn {limit} trang.")
    stored_name = storage.generated_name(".pdf")
    path = storage.write_atomic(storage.area("attachments"), stored_name, content)
    try:
        attachment = Attachment(
            dossier_id=dossier.id,
            kind=kind,
            original_name=_clean_filename(filename),
            stored_name=stored_name,
            size=len(content),
            pages=pages,
            sha256=hashlib.sha256(content).hexdigest(),
            uploaded_by_id=actor.id,
        )
        session.add(attachment)
        audit_service.record(
            session,
            actor=actor,
            action="dossier.attach",
            target=dossier,
            data={
                "kind": kind.value,
                "name": attachment.original_name,
                "sha256": attachment.sha256,
            },
        )
        session.flush()
    except BaseException:
        storage.remove_quietly(path)
        raise
    return attachment


def _clean_filename(name: str) -> str:
    base = (name or "tep.pdf").replace("\\", "/").rsplit("/", 1)[-1]
    cleaned = "".join(ch for ch in base if ch.isprintable() and ch not in '<>:"|?*').strip()
    return (cleaned or "tep.pdf")[:255]


def attachment_file(session: Session, *, actor: Actor, dossier_id: int, attachment_id: int):
    """The attachment and its path on disk, for a reader of the dossier."""
    dossier = get_dossier(session, actor=actor, dossier_id=dossier_id)
    attachment = repository.get_attachment(session, dossier.id, attachment_id)
    if attachment is None:
        raise NotFound("Không tìm thấy tệp đính kèm.")
    path = storage.area("attachments") / attachment.stored_name
    if not path.is_file():
        raise NotFound("Tệp đính kèm không còn trên máy chủ.")
    return attachment, path


def delete_attachment(
    session: Session, *, actor: Actor, dossier_id: int, attachment_id: int
) -> None:
    dossier = _editable_dossier(session, actor=actor, dossier_id=dossier_id)
    attachment = repository.get_attachment(session, dossier.id, attachment_id)
    if attachment is None:
        raise NotFound("Không tìm thấy tệp đính kèm.")
    audit_service.record(
        session,
        actor=actor,
        action="dossier.detach",
        target=dossier,
        data={"kind": attachment.kind.value, "name": attachment.original_name},
    )
    session.delete(attachment)
    # The file stays until the transaction is committed; a later cleanup removes orphans.


# ---------------------------------------------------------------------------- views


def dossier_read(session: Session, *, actor: Actor, dossier: Dossier) -> DossierRead:
    nominations = repository.nominations_of_dossier(session, dossier.id)
    attachments = repository.attachments_of_dossier(session, dossier.id)
    return DossierRead(
        **DossierSummary.model_validate(dossier, from_attributes=True).model_dump(),
        nominations=nomination_reads(session, actor=actor, nominations=nominations),
        attachments=[AttachmentRead.model_validate(a) for a in attachments],
    )


# ---------------------------------------------------------------------------- Excel


class ImportRejected(BadRequest):
    default_detail = "Bảng tính có lỗi; chưa dòng nào được lưu. Sửa các lỗi sau rồi nhập lại."


def import_template(session: Session) -> bytes:
    return excel.template(awards_repository.all_award_types(session))


def import_rows(
    session: Session, *, actor: Actor, dossier_id: int, content: bytes
) -> list[Nomination]:
    """Add every row of an uploaded workbook to an editable dossier, or none of them."""
    dossier = _editable_dossier(session, actor=actor, dossier_id=dossier_id)
    try:
        subjects = {a.code: a.subject.value for a in awards_repository.all_award_types(session)}
        rows, errors = excel.read_rows(content, subjects)
    except excel.WorkbookUnreadable as exc:
        raise UnsupportedMediaType(str(exc)) from exc
    if not errors and not rows:
        raise BadRequest("Bảng tính không có dòng dữ liệu nào (dữ liệu bắt đầu từ dòng 5).")
    created: list[Nomination] = []
    if not errors:
        savepoint = session.begin_nested()
        for number, item in rows:
            try:
                created.append(_add_nomination(session, actor=actor, dossier=dossier, item=item))
                session.flush()
            except AppError as exc:
                errors.append(excel.RowError(number, excel.TITLES["award_type"], exc.detail))
            except IntegrityError:
                errors.append(
                    excel.RowError(
                        number, excel.TITLES["citizen_id"], "Trùng với một cá nhân đã có (số CCCD)."
                    )
                )
                break
        if errors:
            savepoint.rollback()
        else:
            savepoint.commit()
    if errors:
        raise ImportRejected(extra={"errors": [e.as_dict() for e in errors]})
    if dossier.status is DossierStatus.RETURNED:
        for nomination in created:
            nomination.status = NominationStatus.RETURNED
    audit_service.record(
        session, actor=actor, action="dossier.import", target=dossier, data={"rows": len(created)}
    )
    return created


def export_nominations(
    session: Session,
    *,
    actor: Actor,
    filters: repository.NominationFilters,
    limit: int = 100_000,
) -> bytes:
    """The filtered list as a workbook (office roles), without citizen IDs or birth dates."""
    if not actor.has_role(*policies.OFFICE_ROLES):
        raise Forbidden("Chỉ Ban Thi đua - Khen thưởng xuất được danh sách.")
    reads, _ = list_nominations(
        session, actor=actor, params=PageParams(limit=limit), filters=filters
    )
    units = {
        u.id: u.name for u in units_repository.units_by_id(session, {n.unit_id for n in reads})
    }
    return excel.export(reads, unit_names=units)


def inbox_counts(
    session: Session, *, actor: Actor, campaign_id: int | None, year: int | None
) -> dict[str, int]:
    """How many dossiers in each status, for the secretariat's inbox tabs."""
    return repository.dossier_status_counts(
        session, unit_id=unit_scope(actor), campaign_id=campaign_id, year=year
    )


def nomination_counts(session: Session, *, dossier_ids: list[int]) -> dict[int, int]:
    """How many nominations each dossier holds."""
    return repository.nomination_counts(session, dossier_ids)
