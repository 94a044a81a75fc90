"""Who may do what: the signed-in actor, named role dependencies, and unit scoping.

An :class:`Actor` is who is acting in a request: a user signed in with a password, or a unit's
system with an API token. A token acts as the unit officer who created it, for that unit only,
and with the unit officer's role only, whatever else the creator may hold.
"""

from __future__ import annotations

from dataclasses import dataclass

from app.auth.models import Role
from app.core.errors import Forbidden


@dataclass(frozen=True)
class Actor:
    id: int
    username: str
    full_name: str
    roles: frozenset[Role]
    unit_id: int | None
    api_token_id: int | None = None

    def has_role(self, *roles: Role) -> bool:
        return not self.roles.isdisjoint(roles)

    @property
    def is_unit_officer_only(self) -> bool:
        """True when the actor's reach is one unit: a unit officer with no office-wide role."""
        return not self.has_role(Role.ADMIN, Role.SECRETARIAT) and self.has_role(Role.UNIT_OFFICER)


def can_access_unit(actor: Actor, unit_id: int | None) -> bool:
    """Office-wide roles see every unit; a unit officer sees only their own unit's data."""
    if actor.has_role(Role.ADMIN, Role.SECRETARIAT):
        return True
    return actor.unit_id is not None and actor.unit_id == unit_id


def unit_scope(actor: Actor) -> int | None:
    """The unit a listing must be limited to, or None when the actor sees every unit."""
    if actor.has_role(Role.ADMIN, Role.SECRETARIAT):
        return None
    if actor.unit_id is None:
        raise Forbidden("Tài khoản chưa được gắn với đơn vị nào.")
    return actor.unit_id
