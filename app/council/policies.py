"""Who may do what in the council, and the session state machine as data.

- The secretariat prepares sessions, opens and closes them, records written ballots.
- The chair of a session (as its membership snapshot says) may open and close it too.
- Only a member of a session's membership casts a ballot in it, once, signed in as themselves
  (never through a unit's API token).
- A session is read by the office (secretariat, admin) and by the members who sit in it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection
from fractions import Fraction

from app.auth.models import Role
from app.auth.policies import Actor
from app.council.models import Choice, CouncilRole, SessionStatus

S = SessionStatus

# (from status, action) -> to status
SESSION_TRANSITIONS: dict[tuple[SessionStatus, str], SessionStatus] = {
    (S.DRAFT, "open"): S.OPEN,
    (S.DRAFT, "cancel"): S.CANCELLED,
    (S.OPEN, "close"): S.CLOSED,
    (S.OPEN, "cancel"): S.CANCELLED,
}

ACTION_LABELS = {"open": "mở bỏ phiếu", "close": "kết thúc và kiểm phiếu", "cancel": "hủy"}

STATUS_LABELS: dict[SessionStatus, str] = {
    S.DRAFT: "Đang chuẩn bị",
    S.OPEN: "Đang bỏ phiếu",
    S.CLOSED: "Đã kiểm phiếu",
    S.CANCELLED: "Đã hủy",
}

ROLE_LABELS: dict[CouncilRole, str] = {
    CouncilRole.CHAIR: "Chủ tịch Hội đồng",
    CouncilRole.STANDING_VICE_CHAIR: "Phó Chủ tịch Thường trực",
    CouncilRole.VICE_CHAIR: "Phó Chủ tịch",
    CouncilRole.MEMBER: "Ủy viên",
}

# The order in which members are listed: chair, standing vice-chair, vice-chairs, members.
ROLE_RANK = {role: rank for rank, role in enumerate(CouncilRole)}

CHOICE_LABELS: dict[Choice, str] = {
    Choice.AGREE: "Đồng ý",
    Choice.DISAGREE: "Không đồng ý",
    Choice.ABSTAIN: "Không có ý kiến",
}

OFFICE_ROLES = (Role.ADMIN, Role.SECRETARIAT)
# Only a council member can be added to the membership.
COUNCIL_ROLES = (Role.COUNCIL_MEMBER, Role.COUNCIL_CHAIR)


def is_office(actor: Actor) -> bool:
    return actor.has_role(*OFFICE_ROLES)


def can_read_session(actor: Actor, member_ids: Collection[int]) -> bool:
    """The office reads every session; a member the sessions they sit in."""
    return is_office(actor) or (actor.api_token_id is None and actor.id in member_ids)


def can_prepare(actor: Actor) -> bool:
    return actor.has_role(Role.SECRETARIAT)


def can_open_or_close(actor: Actor, chair_id: int | None) -> bool:
    """The secretariat, or the session's own chair signed in as themselves."""
    if actor.has_role(Role.SECRETARIAT):
        return True
    return actor.api_token_id is None and chair_id is not None and actor.id == chair_id


def can_cast(actor: Actor, member_ids: Collection[int]) -> bool:
    """A member of the session's membership, signed in as themselves (not an API token)."""
    return actor.api_token_id is None and actor.id in member_ids


def can_record_written_ballot(actor: Actor) -> bool:
    return actor.has_role(Role.SECRETARIAT)


def can_manage_membership(actor: Actor) -> bool:
    return actor.has_role(*OFFICE_ROLES)


# ---------------------------------------------------------------------------- arithmetic


def exact(value: float) -> Fraction:
    """A setting or threshold stored as a float (0.9, 2/3), as the fraction it stands for."""
    return Fraction(value).limit_denominator(1_000_000)


def passes(agree: int, members_total: int, threshold: float) -> bool:
    """agree / members_total ≥ threshold, exactly: 10/11 passes 90 %, 7/10 passes 70 %."""
    if members_total <= 0:
        return False
    return Fraction(agree, members_total) >= exact(threshold)


def quorum_reached(voted: int, members_total: int, quorum: float) -> bool:
    if members_total <= 0:
        return False
    return Fraction(voted, members_total) >= exact(quorum)


def quorum_needed(members_total: int, quorum: float) -> int:
    """The fewest members who must vote: ceil(quorum × members)."""
    q = exact(quorum) * members_total
    return -(-q.numerator // q.denominator)


# ---------------------------------------------------------------------------- wording

# The province's calendar (Việt Nam has one time zone and no daylight saving).
VN_TZ = dt.timezone(dt.timedelta(hours=7))


def percent(value: float | None, digits: int = 1) -> str:
    """0.909… → '90,9 %' (Vietnamese decimal comma)."""
    if value is None:
        return ""
    text = f"{value * 100:.{digits}f}".rstrip("0").rstrip(".")
    return text.replace(".", ",") + " %"


def share(value: float) -> str:
    """A quorum or threshold as people say it: 2/3 → '2/3', 0.75 → '75 %'."""
    fraction = exact(value)
    if fraction.denominator in (3, 6, 7, 9):
        return f"{fraction.numerator}/{fraction.denominator}"
    return percent(value, digits=2)
