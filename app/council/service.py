"""The council's operations: membership, sessions, the secret ballot and the count.

The ballot rules live here. A ballot is accepted only from a member of the session's membership,
once, while the session is open, with exactly one choice for every nomination on the agenda.
What is stored (see ``models``): THAT the member voted, THAT a ballot with a given receipt digest
is in the box, and WHAT was chosen per nomination — three facts that share no key, no timestamp
and no storage order. The audit log records "ballot cast" with the actor and never the choices
or the receipt. Choices are only ever read as counts, when the session is closed.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from app.audit import service as audit_service
from app.auth import repository as auth_repository
from app.auth.policies import Actor
from app.awards.schemas import EligibilityRead
from app.core import storage
from app.core.config import get_settings
from app.core.db import utcnow
from app.core.errors import AppError, BadRequest, Conflict, Forbidden, NotFound
from app.core.pagination import PageParams, paginate
from app.council import policies, repository
from app.council.models import (
    AgendaItem,
    Choice,
    CouncilMember,
    CouncilRole,
    CouncilSession,
    Participation,
    SessionMember,
    SessionStatus,
)
from app.council.schemas import (
    CouncilMemberCreate,
    CouncilMemberRead,
    ReceiptCheckRead,
    ReceiptRead,
    ResultRead,
    SessionCreate,
    SessionMemberRead,
    SessionRead,
    VoteIn,
)
from app.nominations import service as nominations_service
from app.nominations.models import Attachment, NominationStatus
from app.nominations.repository import NominationFilters
from app.nominations.schemas import NominationRead


def today() -> dt.date:
    """The province's calendar day."""
    return dt.datetime.now(policies.VN_TZ).date()


# ---------------------------------------------------------------------------- errors


class NotACouncilMember(Forbidden):
    default_detail = "Bạn không phải thành viên Hội đồng của phiên họp này nên không bỏ phiếu được."


class NotASessionMember(BadRequest):
    default_detail = "Người này không phải thành viên Hội đồng của phiên họp."


class SessionNotOpen(Conflict):
    default_detail = "Phiên họp không ở trạng thái bỏ phiếu."


class BallotAlreadyCast(Conflict):
    default_detail = (
        "Đã có phiếu của thành viên này trong phiên họp; mỗi thành viên chỉ bỏ phiếu một lần."
    )


class NotOnAgenda(Conflict):
    default_detail = "Phiếu có đề nghị không nằm trong chương trình phiên họp."


class InvalidBallot(BadRequest):
    default_detail = "Phiếu phải có đúng một lựa chọn cho mỗi đề nghị trong chương trình phiên họp."


class QuorumNotReached(Conflict):
    default_detail = "Chưa đủ số thành viên bỏ phiếu để kết thúc phiên họp."


class InvalidSessionTransition(Conflict):
    default_detail = "Không thể thực hiện thao tác này ở trạng thái hiện tại của phiên họp."


class ResultsNotReady(Conflict):
    default_detail = "Kết quả chỉ có sau khi phiên họp kết thúc bỏ phiếu và kiểm phiếu."


class ReceiptNotFound(NotFound):
    default_detail = "Không có phiếu nào mang mã biên nhận này trong phiên họp."


class EmptyCouncil(Conflict):
    default_detail = "Hội đồng chưa có thành viên nào đang trong nhiệm kỳ."


class MembershipConflict(Conflict):
    default_detail = "Nhiệm kỳ này trùng với một nhiệm kỳ đã có."


class BallotBoxInconsistent(Conflict):
    default_detail = "Hòm phiếu không khớp với danh sách đã bỏ phiếu; không thể kiểm phiếu."


# ---------------------------------------------------------------------------- membership


def _term_read(term: CouncilMember, user) -> CouncilMemberRead:
    return CouncilMemberRead(
        id=term.id,
        user_id=user.id,
        username=user.username,
        full_name=user.full_name,
        title=user.title,
        role=term.role,
        valid_from=term.valid_from,
        valid_to=term.valid_to,
    )


def _ordered(rows: list[tuple[CouncilMember, object]]) -> list[tuple[CouncilMember, object]]:
    return sorted(rows, key=lambda r: (policies.ROLE_RANK[r[0].role], r[0].id))


def list_members(
    session: Session, *, actor: Actor, on: dt.date | None = None, history: bool = False
) -> list[CouncilMemberRead]:
    """The membership on a day (today by default), or every term with ``history``."""
    if not (policies.is_office(actor) or actor.has_role(*policies.COUNCIL_ROLES)):
        raise Forbidden()
    if history:
        rows = repository.all_terms(session)
    else:
        rows = repository.members_on(session, on or today())
    return [_term_read(t, u) for t, u in _ordered(rows)]


def has_any_term(session: Session, *, user_id: int) -> bool:
    return bool(repository.terms_of_user(session, user_id))


def _overlap(a_from: dt.date, a_to: dt.date | None, b_from: dt.date, b_to: dt.date | None) -> bool:
    return a_from <= (b_to or dt.date.max) and b_from <= (a_to or dt.date.max)


UNIQUE_ROLES = (CouncilRole.CHAIR, CouncilRole.STANDING_VICE_CHAIR)


def add_member(
    session: Session, *, actor: Actor | None, data: CouncilMemberCreate
) -> CouncilMemberRead:
    """Appoint a user to the council for a term (admin or secretariat; demo data: no actor)."""
    if actor is not None and not policies.can_manage_membership(actor):
        raise Forbidden()
    user = auth_repository.get_user(session, data.user_id)
    if user is None:
        raise NotFound(f"Không tìm thấy người dùng số {data.user_id}.")
    if not user.has_role(*policies.COUNCIL_ROLES):
        raise BadRequest(
            f"Tài khoản {user.username} chưa có vai trò thành viên Hội đồng Thi đua - Khen thưởng."
        )
    valid_from = data.valid_from or today()
    _check_term(session, user_id=user.id, role=data.role, start=valid_from, end=data.valid_to)
    term = CouncilMember(
        user_id=user.id, role=data.role, valid_from=valid_from, valid_to=data.valid_to
    )
    repository.add(session, term)
    audit_service.record(
        session,
        actor=actor,
        action="council.member_add",
        target=term,
        data={
            "user_id": user.id,
            "role": data.role.value,
            "valid_from": valid_from.isoformat(),
            "valid_to": data.valid_to.isoformat() if data.valid_to else None,
        },
    )
    return _term_read(term, user)


def _check_term(
    session: Session,
    *,
    user_id: int,
    role: CouncilRole,
    start: dt.date,
    end: dt.date | None,
    term_id: int | None = None,
) -> None:
    if end is not None and end < start:
        raise BadRequest("Ngày kết thúc nhiệm kỳ không được trước ngày bắt đầu.")
    for other in repository.terms_of_user(session, user_id):
        if other.id != term_id and _overlap(start, end, other.valid_from, other.valid_to):
            raise MembershipConflict(
                "Người này đã là thành viên Hội đồng trong khoảng thời gian đó "
                f"(từ {other.valid_from:%d/%m/%Y})."
            )
    if role in UNIQUE_ROLES:
        for other in repository.terms_with_role(session, role):
            if other.id != term_id and _overlap(start, end, other.valid_from, other.valid_to):
                raise MembershipConflict(
                    f"Hội đồng đã có {policies.ROLE_LABELS[role]} trong khoảng thời gian đó."
                )


def end_member(
    session: Session, *, actor: Actor, member_id: int, valid_to: dt.date
) -> CouncilMemberRead:
    """Set the last day of a term; sessions already created keep their membership."""
    if not policies.can_manage_membership(actor):
        raise Forbidden()
    term = repository.get_member(session, member_id)
    if term is None:
        raise NotFound("Không tìm thấy nhiệm kỳ thành viên Hội đồng.")
    _check_term(
        session,
        user_id=term.user_id,
        role=term.role,
        start=term.valid_from,
        end=valid_to,
        term_id=term.id,
    )
    term.valid_to = valid_to
    audit_service.record(
        session,
        actor=actor,
        action="council.member_end",
        target=term,
        data={"user_id": term.user_id, "valid_to": valid_to.isoformat()},
    )
    return _term_read(term, auth_repository.get_user(session, term.user_id))


def _snapshot(session: Session, council_session: CouncilSession) -> list[SessionMember]:
    """The membership in force today, copied onto the session."""
    rows = _ordered(repository.members_on(session, today()))
    if not rows:
        raise EmptyCouncil()
    snapshot, seen = [], set()
    for term, user in rows:
        if user.id in seen:
            continue
        seen.add(user.id)
        snapshot.append(
            SessionMember(
                session_id=council_session.id,
                user_id=user.id,
                role=term.role,
                position=len(snapshot) + 1,
                full_name=user.full_name,
                title=user.title,
            )
        )
    repository.replace_session_members(session, council_session.id, snapshot)
    return snapshot


# ---------------------------------------------------------------------------- sessions


def _members(session: Session, council_session: CouncilSession) -> list[SessionMember]:
    return repository.session_members(session, [council_session.id])[council_session.id]


def _chair_id(members: list[SessionMember]) -> int | None:
    return next((m.user_id for m in members if m.role is CouncilRole.CHAIR), None)


def _readable(
    session: Session, *, actor: Actor, session_id: int, for_update: bool = False
) -> tuple[CouncilSession, list[SessionMember]]:
    council_session = repository.get_session(session, session_id, for_update=for_update)
    if council_session is None:
        raise NotFound("Không tìm thấy phiên họp Hội đồng.")
    members = _members(session, council_session)
    if not policies.can_read_session(actor, {m.user_id for m in members}):
        raise NotFound("Không tìm thấy phiên họp Hội đồng.")
    return council_session, members


def get_session(session: Session, *, actor: Actor, session_id: int) -> CouncilSession:
    return _readable(session, actor=actor, session_id=session_id)[0]


def list_sessions(
    session: Session, *, actor: Actor, params: PageParams, status: SessionStatus | None = None
) -> tuple[list[CouncilSession], str | None]:
    """Every session for the office; for anyone else the sessions they sit in."""
    if policies.is_office(actor):
        member_id = None
    elif actor.api_token_id is not None:
        return [], None
    else:
        member_id = actor.id
    stmt = repository.sessions_query(member_id=member_id, status=status)
    return paginate(session, stmt, key=CouncilSession.id, params=params)


def recent_sessions(session: Session, *, actor: Actor) -> list[CouncilSession]:
    member_id = None if policies.is_office(actor) else actor.id
    return repository.recent_sessions(session, member_id=member_id)


def _move(council_session: CouncilSession, action: str) -> None:
    current = council_session.status
    target = policies.SESSION_TRANSITIONS.get((current, action))
    if target is None:
        raise InvalidSessionTransition(
            f"Không thể {policies.ACTION_LABELS[action]} phiên họp đang ở trạng thái "
            f"“{policies.STATUS_LABELS[current]}”."
        )
    council_session.status = target


def create_session(session: Session, *, actor: Actor, data: SessionCreate) -> CouncilSession:
    """Prepare a session from eligible nominations; they move to ``in_council``."""
    if not policies.can_prepare(actor):
        raise Forbidden("Chỉ Ban Thi đua - Khen thưởng chuẩn bị phiên họp Hội đồng.")
    title = " ".join(data.title.split())
    if not title:
        raise BadRequest("Hãy nhập tên phiên họp.")
    ids = list(data.nomination_ids)
    repeated = sorted({i for i in ids if ids.count(i) > 1})
    if repeated:
        raise BadRequest(f"Đề nghị số {_list(repeated)} được đưa vào chương trình hơn một lần.")
    nominations = repository.nominations_for_update(session, ids)
    missing = [i for i in ids if i not in nominations]
    if missing:
        raise BadRequest(f"Không tìm thấy đề nghị khen thưởng số {_list(missing)}.")
    council_session = CouncilSession(
        title=title,
        meeting_date=data.meeting_date,
        status=SessionStatus.DRAFT,
        created_by_id=actor.id,
    )
    repository.add(session, council_session)
    session.flush()
    for position, nomination_id in enumerate(ids, start=1):
        nominations_service.transition(
            session, actor=actor, nomination=nominations[nomination_id], action="put_on_agenda"
        )
        repository.add(
            session,
            AgendaItem(
                session_id=council_session.id, nomination_id=nomination_id, position=position
            ),
        )
    members = _snapshot(session, council_session)
    audit_service.record(
        session,
        actor=actor,
        action="council.session_create",
        target=council_session,
        data={"nomination_ids": ids, "members": [m.user_id for m in members]},
    )
    return council_session


def _steer(
    session: Session, *, actor: Actor, session_id: int
) -> tuple[CouncilSession, list[SessionMember]]:
    """The session, locked, for the secretariat or its chair; 404 for anyone who cannot read it."""
    council_session, members = _readable(
        session, actor=actor, session_id=session_id, for_update=True
    )
    if not policies.can_open_or_close(actor, _chair_id(members)):
        raise Forbidden("Chỉ Ban Thi đua - Khen thưởng hoặc Chủ tịch Hội đồng điều hành phiên họp.")
    return council_session, members


def open_session(session: Session, *, actor: Actor, session_id: int) -> CouncilSession:
    """Open the ballot; the membership in force today is the one the session sits with."""
    council_session, _ = _steer(session, actor=actor, session_id=session_id)
    _move(council_session, "open")
    members = _snapshot(session, council_session)
    council_session.opened_at = utcnow()
    audit_service.record(
        session,
        actor=actor,
        action="council.session_open",
        target=council_session,
        data={"members": [m.user_id for m in members]},
    )
    return council_session


def close_session(session: Session, *, actor: Actor, session_id: int) -> CouncilSession:
    """Count the ballots, once the quorum has voted; each nomination is approved or rejected."""
    council_session, members = _steer(session, actor=actor, session_id=session_id)
    _move(council_session, "close")
    quorum = get_settings().council_quorum
    total = len(members)
    voted = len(repository.voters(session, [council_session.id])[council_session.id])
    if not policies.quorum_reached(voted, total, quorum):
        raise QuorumNotReached(
            f"Chưa đủ số thành viên bỏ phiếu để kết thúc phiên họp: mới có {voted}/{total} "
            f"thành viên bỏ phiếu, cần ít nhất {policies.quorum_needed(total, quorum)} "
            f"({policies.share(quorum)} tổng số thành viên Hội đồng)."
        )
    if repository.ballot_count(session, council_session.id) != voted:
        raise BallotBoxInconsistent()
    counts = repository.tally(session, council_session.id)
    items = repository.agenda(session, [council_session.id])[council_session.id]
    nominations = repository.nominations_for_update(session, [i.nomination_id for i in items])
    awards = repository.award_types(session, {n.award_type_id for n in nominations.values()})
    outcome: dict[str, list[int]] = {"approved": [], "rejected": []}
    for item in items:
        c = counts.get(item.nomination_id, {choice: 0 for choice in Choice})
        if sum(c.values()) != voted:
            raise BallotBoxInconsistent()
        nomination = nominations[item.nomination_id]
        threshold = awards[nomination.award_type_id].vote_threshold
        item.agree = c[Choice.AGREE]
        item.disagree = c[Choice.DISAGREE]
        item.abstain = c[Choice.ABSTAIN]
        item.threshold = threshold
        item.passed = policies.passes(item.agree, total, threshold)
        action = "approve" if item.passed else "reject"
        nominations_service.transition(
            session,
            actor=actor,
            nomination=nomination,
            action=action,
            reason=f"Phiên họp Hội đồng số {council_session.id}: {item.agree}/{total} đồng ý",
        )
        outcome["approved" if item.passed else "rejected"].append(item.nomination_id)
    council_session.closed_at = utcnow()
    council_session.quorum = quorum
    audit_service.record(
        session,
        actor=actor,
        action="council.session_close",
        target=council_session,
        data={"members": total, "voted": voted, **outcome},
    )
    return council_session


def cancel_session(
    session: Session, *, actor: Actor, session_id: int, reason: str
) -> CouncilSession:
    """Withdraw a session not yet counted; its nominations go back to ``eligible``."""
    council_session, _ = _readable(session, actor=actor, session_id=session_id, for_update=True)
    if not policies.can_prepare(actor):
        raise Forbidden("Chỉ Ban Thi đua - Khen thưởng hủy được phiên họp.")
    _move(council_session, "cancel")
    items = repository.agenda(session, [council_session.id])[council_session.id]
    nominations = repository.nominations_for_update(session, [i.nomination_id for i in items])
    for item in items:
        nominations_service.transition(
            session,
            actor=actor,
            nomination=nominations[item.nomination_id],
            action="remove_from_agenda",
            reason=reason,
        )
    council_session.cancel_reason = reason
    audit_service.record(
        session,
        actor=actor,
        action="council.session_cancel",
        target=council_session,
        data={"reason": reason},
    )
    return council_session


# ---------------------------------------------------------------------------- the ballot

# Crockford's base32 without the letters that read like digits: easy to copy from a screen.
_RECEIPT_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"


def _new_receipt() -> str:
    """20 random symbols (100 bits) in groups of four: 7KQX-M2PA-W9RT-3HDF-ZC4N."""
    raw = "".join(secrets.choice(_RECEIPT_ALPHABET) for _ in range(20))
    return "-".join(raw[i : i + 4] for i in range(0, 20, 4))


def _receipt_digest(receipt: str) -> str:
    normalized = "".join(ch for ch in receipt.upper() if ch.isalnum())
    normalized = normalized.replace("O", "0").replace("I", "1").replace("L", "1")
    return hashlib.sha256(normalized.encode()).hexdigest()


def _require_open(council_session: CouncilSession) -> None:
    status = council_session.status
    if status is SessionStatus.OPEN:
        return
    detail = {
        SessionStatus.DRAFT: "Phiên họp chưa mở bỏ phiếu; vui lòng chờ Ban Thi đua - Khen thưởng "
        "hoặc Chủ tịch Hội đồng mở phiên.",
        SessionStatus.CLOSED: "Phiên họp đã kết thúc bỏ phiếu; không nhận thêm phiếu.",
        SessionStatus.CANCELLED: "Phiên họp đã bị hủy; không nhận phiếu.",
    }[status]
    raise SessionNotOpen(detail)


def _validated(agenda_ids: list[int], votes: list[VoteIn]) -> dict[int, Choice]:
    """Exactly one choice for every nomination on the agenda, and nothing else."""
    on_agenda = set(agenda_ids)
    stray = sorted({v.nomination_id for v in votes if v.nomination_id not in on_agenda})
    if stray:
        raise NotOnAgenda(
            f"Đề nghị số {_list(stray)} không có trong chương trình phiên họp này; "
            "phiếu không được ghi nhận."
        )
    chosen: dict[int, Choice] = {}
    repeated = set()
    for vote in votes:
        if vote.nomination_id in chosen:
            repeated.add(vote.nomination_id)
        chosen[vote.nomination_id] = vote.choice
    missing = [i for i in agenda_ids if i not in chosen]
    problems = []
    if missing:
        problems.append(f"chưa có lựa chọn cho đề nghị số {_list(missing)}")
    if repeated:
        problems.append(f"đề nghị số {_list(sorted(repeated))} có hơn một lựa chọn")
    if problems:
        raise InvalidBallot(
            "Phiếu phải có đúng một lựa chọn (đồng ý, không đồng ý hoặc không có ý kiến) cho mỗi "
            "đề nghị trong chương trình: " + "; ".join(problems) + ". Phiếu không được ghi nhận."
        )
    return chosen


def _cast(
    session: Session,
    *,
    council_session: CouncilSession,
    member_id: int,
    votes: list[VoteIn],
    written: bool,
) -> str:
    _require_open(council_session)
    if repository.has_participated(session, council_session.id, member_id):
        raise BallotAlreadyCast(
            "Thành viên này đã bỏ phiếu trong phiên họp; mỗi thành viên chỉ bỏ phiếu một lần."
            if written
            else "Bạn đã bỏ phiếu trong phiên họp này; mỗi thành viên chỉ bỏ phiếu một lần."
        )
    items = repository.agenda(session, [council_session.id])[council_session.id]
    chosen = _validated([i.nomination_id for i in items], votes)
    try:
        with session.begin_nested():
            repository.add(
                session,
                Participation(session_id=council_session.id, user_id=member_id, written=written),
            )
            session.flush()
    except IntegrityError as exc:  # a concurrent ballot of the same member won
        raise BallotAlreadyCast() from exc
    receipt = _new_receipt()
    repository.store_ballot(
        session,
        ballot={
            "id": secrets.token_hex(16),
            "session_id": council_session.id,
            "receipt_digest": _receipt_digest(receipt),
        },
        choices=[
            {
                "id": secrets.token_hex(16),
                "session_id": council_session.id,
                "nomination_id": nomination_id,
                "choice": choice,
            }
            for nomination_id, choice in chosen.items()
        ],
    )
    return receipt


def cast_ballot(
    session: Session, *, actor: Actor, session_id: int, votes: list[VoteIn]
) -> ReceiptRead:
    """A member's own ballot; the answer carries the receipt, shown this once."""
    council_session = repository.get_session(session, session_id, for_update=True)
    if council_session is None:
        raise NotFound("Không tìm thấy phiên họp Hội đồng.")
    members = _members(session, council_session)
    if not policies.can_cast(actor, {m.user_id for m in members}):
        raise NotACouncilMember()
    receipt = _cast(
        session, council_session=council_session, member_id=actor.id, votes=votes, written=False
    )
    # Who voted, never what or with which receipt.
    audit_service.record(
        session, actor=actor, action="council.ballot_cast", target=council_session, data={}
    )
    return ReceiptRead(
        session_id=council_session.id,
        receipt=receipt,
        detail="Phiếu của bạn đã được bỏ vào hòm phiếu. Hãy giữ mã biên nhận để kiểm tra phiếu "
        "đã được tính; mã chỉ hiển thị một lần.",
    )


def record_written_ballot(
    session: Session, *, actor: Actor, session_id: int, member_id: int, votes: list[VoteIn]
) -> ReceiptRead:
    """An absent member's written opinion, entered by the secretariat while the session is open."""
    if not policies.can_record_written_ballot(actor):
        raise Forbidden("Chỉ Ban Thi đua - Khen thưởng ghi nhận phiếu bằng văn bản.")
    council_session, members = _readable(
        session, actor=actor, session_id=session_id, for_update=True
    )
    member = next((m for m in members if m.user_id == member_id), None)
    if member is None:
        raise NotASessionMember(
            f"Người dùng số {member_id} không phải thành viên Hội đồng của phiên họp này."
        )
    receipt = _cast(
        session, council_session=council_session, member_id=member_id, votes=votes, written=True
    )
    audit_service.record(
        session,
        actor=actor,
        action="council.written_ballot_recorded",
        target=council_session,
        data={"member_id": member_id},
    )
    return ReceiptRead(
        session_id=council_session.id,
        receipt=receipt,
        detail=f"Đã ghi nhận phiếu bằng văn bản của {member.full_name}. Hãy chuyển mã biên nhận "
        "cho thành viên để họ tự kiểm tra phiếu đã được tính; mã chỉ hiển thị một lần.",
    )


def check_receipt(
    session: Session, *, actor: Actor, session_id: int, receipt: str
) -> ReceiptCheckRead:
    """Whether the ballot with this receipt is in the box (and, after closing, counted)."""
    council_session, _ = _readable(session, actor=actor, session_id=session_id)
    ballot = repository.ballot_by_receipt(session, council_session.id, _receipt_digest(receipt))
    if ballot is None:
        raise ReceiptNotFound()
    status = council_session.status
    detail = {
        SessionStatus.OPEN: "Phiếu có trong hòm phiếu và sẽ được kiểm khi phiên họp kết thúc.",
        SessionStatus.CLOSED: "Phiếu có trong hòm phiếu và đã được tính vào kết quả kiểm phiếu.",
        SessionStatus.CANCELLED: "Phiếu có trong hòm phiếu, nhưng phiên họp đã bị hủy nên "
        "không được kiểm.",
        SessionStatus.DRAFT: "Phiếu có trong hòm phiếu.",
    }[status]
    return ReceiptCheckRead(
        session_id=council_session.id,
        found=True,
        counted=status is SessionStatus.CLOSED,
        session_status=status,
        ballots_total=repository.ballot_count(session, council_session.id),
        detail=detail,
    )


# ---------------------------------------------------------------------------- reading


def session_reads(session: Session, sessions: list[CouncilSession]) -> list[SessionRead]:
    """Sessions with their membership, who voted and the agenda, in a fixed number of queries."""
    ids = [s.id for s in sessions]
    members = repository.session_members(session, ids)
    voters = repository.voters(session, ids)
    agendas = repository.agenda(session, ids)
    quorum_setting = get_settings().council_quorum
    reads = []
    for s in sessions:
        voted = voters[s.id]
        total = len(members[s.id])
        quorum = s.quorum if s.quorum is not None else quorum_setting
        reads.append(
            SessionRead(
                id=s.id,
                title=s.title,
                meeting_date=s.meeting_date,
                status=s.status,
                members=[m.user_id for m in members[s.id]],
                member_details=[
                    SessionMemberRead(
                        user_id=m.user_id,
                        full_name=m.full_name,
                        title=m.title,
                        role=m.role,
                        voted=m.user_id in voted,
                        in_writing=voted.get(m.user_id, False),
                    )
                    for m in members[s.id]
                ],
                members_total=total,
                voted=sorted(voted),
                voted_count=len(voted),
                written_count=sum(1 for w in voted.values() if w),
                nomination_ids=[i.nomination_id for i in agendas[s.id]],
                quorum=quorum,
                quorum_needed=policies.quorum_needed(total, quorum),
                quorum_reached=policies.quorum_reached(len(voted), total, quorum),
                created_at=s.created_at,
                opened_at=s.opened_at,
                closed_at=s.closed_at,
                cancel_reason=s.cancel_reason,
            )
        )
    return reads


def session_read(session: Session, council_session: CouncilSession) -> SessionRead:
    return session_reads(session, [council_session])[0]


def results(session: Session, *, actor: Actor, session_id: int) -> list[ResultRead]:
    """Per nomination: the counts, agree / whole membership, the threshold and the outcome."""
    council_session, members = _readable(session, actor=actor, session_id=session_id)
    if council_session.status is not SessionStatus.CLOSED:
        raise ResultsNotReady()
    return _results(session, council_session, len(members))


def _results(session: Session, council_session: CouncilSession, total: int) -> list[ResultRead]:
    items = repository.agenda(session, [council_session.id])[council_session.id]
    nominations = repository.nominations_by_id(session, [i.nomination_id for i in items])
    awards = repository.award_types(session, {n.award_type_id for n in nominations.values()})
    out = []
    for item in items:
        nomination = nominations[item.nomination_id]
        award = awards[nomination.award_type_id]
        out.append(
            ResultRead(
                nomination_id=item.nomination_id,
                nominee=nomination.nominee_name,
                award_type=award.code,
                award_name=award.name,
                agree=item.agree,
                disagree=item.disagree,
                abstain=item.abstain,
                members_total=total,
                agree_ratio=item.agree / total if total else 0.0,
                threshold=item.threshold,
                passed=item.passed,
            )
        )
    return out


# ---------------------------------------------------------------------------- web views


@dataclass(frozen=True)
class AgendaEntry:
    """What a member reads about one nomination before voting."""

    position: int
    nomination: NominationRead
    unit_name: str
    attachments: list[Attachment]
    eligibility: EligibilityRead | None
    eligibility_error: str | None
    threshold: float


@dataclass(frozen=True)
class SessionPage:
    council_session: CouncilSession
    read: SessionRead
    agenda: list[AgendaEntry]
    results: list[ResultRead] | None
    is_member: bool
    has_voted: bool
    can_vote: bool
    can_steer: bool
    can_prepare: bool
    status_label: str


def session_page(session: Session, *, actor: Actor, session_id: int) -> SessionPage:
    council_session, members = _readable(session, actor=actor, session_id=session_id)
    read = session_read(session, council_session)
    is_member = policies.can_cast(actor, read.members)
    has_voted = actor.id in read.voted and is_member
    closed = council_session.status is SessionStatus.CLOSED
    return SessionPage(
        council_session=council_session,
        read=read,
        # After the count the page shows the results; the agenda's checks are not needed.
        agenda=[]
        if closed
        else agenda_entries(session, actor=actor, council_session=council_session),
        results=_results(session, council_session, len(members)) if closed else None,
        is_member=is_member,
        has_voted=has_voted,
        can_vote=is_member and not has_voted and council_session.status is SessionStatus.OPEN,
        can_steer=policies.can_open_or_close(actor, _chair_id(members)),
        can_prepare=policies.can_prepare(actor),
        status_label=policies.STATUS_LABELS[council_session.status],
    )


def agenda_entries(
    session: Session, *, actor: Actor, council_session: CouncilSession
) -> list[AgendaEntry]:
    items = repository.agenda(session, [council_session.id])[council_session.id]
    nominations = repository.nominations_by_id(session, [i.nomination_id for i in items])
    ordered = [nominations[i.nomination_id] for i in items]
    reads = nominations_service.nomination_reads(session, actor=actor, nominations=ordered)
    awards = repository.award_types(session, {n.award_type_id for n in ordered})
    units = repository.unit_names(session, {n.unit_id for n in ordered})
    attachments = repository.attachments_of_dossiers(session, {n.dossier_id for n in ordered})
    entries = []
    for item, nomination, read in zip(items, ordered, reads, strict=True):
        try:
            checks, error = (
                nominations_service.eligibility(session, actor=actor, nomination_id=nomination.id),
                None,
            )
        except AppError as exc:
            checks, error = None, exc.detail
        entries.append(
            AgendaEntry(
                position=item.position,
                nomination=read,
                unit_name=units.get(nomination.unit_id, ""),
                attachments=attachments.get(nomination.dossier_id, []),
                eligibility=checks,
                eligibility_error=error,
                threshold=awards[nomination.award_type_id].vote_threshold,
            )
        )
    return entries


def eligible_nominations(session: Session, *, actor: Actor) -> list[NominationRead]:
    """What the secretariat may put on a new agenda."""
    items, _ = nominations_service.list_nominations(
        session,
        actor=actor,
        params=PageParams(limit=200),
        filters=NominationFilters(status=NominationStatus.ELIGIBLE),
    )
    return items


def agenda_attachment(
    session: Session, *, actor: Actor, session_id: int, attachment_id: int
) -> tuple[Attachment, Path]:
    """An attachment of a nomination on the agenda, for a reader of the session."""
    council_session, _ = _readable(session, actor=actor, session_id=session_id)
    attachment = repository.get_attachment(session, attachment_id)
    items = repository.agenda(session, [council_session.id])[council_session.id]
    dossiers = {
        n.dossier_id
        for n in repository.nominations_by_id(session, [i.nomination_id for i in items]).values()
    }
    if attachment is None or attachment.dossier_id not in dossiers:
        raise NotFound("Không tìm thấy tệp đính kèm.")
    path = storage.area("attachments") / attachment.stored_name
    if not path.is_file():
        raise NotFound("Tệp đính kèm không còn trên máy chủ.")
    return attachment, path


def minutes_pdf(session: Session, *, actor: Actor, session_id: int) -> tuple[bytes, str]:
    """The minutes of the count (biên bản kiểm phiếu) as a PDF, and a file name."""
    from app.council import minutes

    council_session, members = _readable(session, actor=actor, session_id=session_id)
    if council_session.status is not SessionStatus.CLOSED:
        raise ResultsNotReady("Biên bản kiểm phiếu chỉ có sau khi phiên họp kết thúc.")
    read = session_read(session, council_session)
    secretary = repository.user_names(session, [council_session.created_by_id]).get(
        council_session.created_by_id, ""
    )
    pdf = minutes.render(
        council_session=council_session,
        read=read,
        results=_results(session, council_session, len(members)),
        secretary=secretary,
    )
    return pdf, f"bien-ban-kiem-phieu-phien-{council_session.id}.pdf"


# ---------------------------------------------------------------------------- formatting


def _list(ids: list[int]) -> str:
    return ", ".join(str(i) for i in ids)
