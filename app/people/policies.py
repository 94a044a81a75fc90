"""Who may see and change a person's data.

The officer of the person's unit and the secretariat (and the admin) see and edit people and their
records. Council members and the signer reach people through the nominations on their agenda,
not through this registry. A person of another unit is answered as missing (404).
"""

from __future__ import annotations

from app.auth.models import Role
from app.auth.policies import Actor, can_access_unit

REGISTRY_ROLES = (Role.ADMIN, Role.SECRETARIAT, Role.UNIT_OFFICER)


def can_use_registry(actor: Actor) -> bool:
    return actor.has_role(*REGISTRY_ROLES)


def can_see_person_of_unit(actor: Actor, unit_id: int) -> bool:
    return can_use_registry(actor) and can_access_unit(actor, unit_id)
