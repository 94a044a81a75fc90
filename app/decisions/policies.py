"""Who may draft, sign and read decisions."""

from __future__ import annotations

from app.auth.models import Role
from app.auth.policies import Actor

# The secretariat drafts, the signer (the chairman) signs; both and the admin read them all.
READER_ROLES = (Role.ADMIN, Role.SECRETARIAT, Role.SIGNER, Role.COUNCIL_CHAIR)


def can_read(actor: Actor) -> bool:
    return actor.has_role(*READER_ROLES)


def reading_unit(actor: Actor) -> int | None:
    """The unit whose share of signed decisions the actor reads: a unit officer's (or its API
    token's) own unit; None for everyone else."""
    if actor.has_role(Role.UNIT_OFFICER) and actor.unit_id is not None:
        return actor.unit_id
    return None
