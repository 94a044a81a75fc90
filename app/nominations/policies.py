"""The nomination and dossier state machines, as data, and who may see what.

Every status change goes through ``service.transition`` (nominations) or
``service.transition_dossier``, which look the change up here, refuse anything else with a 409,
and write the audit row that ``GET /nominations/{id}/history`` reads.
"""

from __future__ import annotations

from app.auth.models import Role
from app.auth.policies import Actor, can_access_unit
from app.nominations.models import DossierStatus as D
from app.nominations.models import NominationStatus as N

# (from status, action) -> to status
NOMINATION_TRANSITIONS: dict[tuple[N, str], N] = {
    (N.DRAFT, "submit"): N.SUBMITTED,
    (N.RETURNED, "submit"): N.SUBMITTED,
    (N.SUBMITTED, "return"): N.RETURNED,
    (N.ELIGIBLE, "return"): N.RETURNED,
    (N.INELIGIBLE, "return"): N.RETURNED,
    (N.SUBMITTED, "appraise_eligible"): N.ELIGIBLE,
    (N.SUBMITTED, "appraise_ineligible"): N.INELIGIBLE,
    (N.ELIGIBLE, "appraise_ineligible"): N.INELIGIBLE,  # the secretariat may change its mind
    (N.INELIGIBLE, "appraise_eligible"): N.ELIGIBLE,  # before the council sits
    (N.ELIGIBLE, "put_on_agenda"): N.IN_COUNCIL,
    (N.IN_COUNCIL, "remove_from_agenda"): N.ELIGIBLE,
    (N.IN_COUNCIL, "approve"): N.APPROVED,
    (N.IN_COUNCIL, "reject"): N.REJECTED,
    (N.APPROVED, "decide"): N.DECIDED,
    (N.DECIDED, "revoke"): N.REVOKED,
}

DOSSIER_TRANSITIONS: dict[tuple[D, str], D] = {
    (D.DRAFT, "submit"): D.SUBMITTED,
    (D.RETURNED, "submit"): D.SUBMITTED,
    (D.SUBMITTED, "return"): D.RETURNED,
}

# A unit edits its dossier only while it is in its hands.
EDITABLE_DOSSIER_STATUSES = frozenset({D.DRAFT, D.RETURNED})

STATUS_LABELS: dict[str, str] = {
    "draft": "Đang soạn",
    "submitted": "Đã gửi",
    "returned": "Bị trả lại",
    "eligible": "Đủ điều kiện",
    "ineligible": "Không đủ điều kiện",
    "in_council": "Đang trình Hội đồng",
    "approved": "Hội đồng thông qua",
    "rejected": "Hội đồng không thông qua",
    "decided": "Đã có quyết định",
    "revoked": "Đã thu hồi",
}

OFFICE_ROLES = (Role.ADMIN, Role.SECRETARIAT)


def can_read_dossier(actor: Actor, unit_id: int) -> bool:
    """The secretariat and admin read every dossier; a unit officer its own unit's."""
    if actor.has_role(*OFFICE_ROLES):
        return True
    return actor.has_role(Role.UNIT_OFFICER) and can_access_unit(actor, unit_id)


def can_see_draft(actor: Actor, unit_id: int) -> bool:
    """A draft is still its unit's business: only the unit's own officer sees it; the office
    sees a dossier once it is submitted (lists and reads by id alike)."""
    return actor.has_role(Role.UNIT_OFFICER) and actor.unit_id == unit_id


def can_edit_dossier(actor: Actor, unit_id: int) -> bool:
    """Only the unit's own officer edits and submits its dossiers."""
    return actor.has_role(Role.UNIT_OFFICER) and actor.unit_id == unit_id


def can_read_nomination(actor: Actor, unit_id: int) -> bool:
    # Council members and the signer read nominations too: the agenda and the decision
    # draft are made of them.
    if actor.has_role(Role.COUNCIL_MEMBER, Role.COUNCIL_CHAIR, Role.SIGNER):
        return True
    return can_read_dossier(actor, unit_id)
