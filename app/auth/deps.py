"""Named dependencies: the current actor (API bearer token) and role requirements."""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated, TypeVar

from fastapi import Depends, Request
from fastapi.security import OAuth2PasswordBearer

from app.auth import service as auth_service
from app.auth.models import Role
from app.auth.policies import Actor
from app.core.db import READ_ONLY_METHODS, OpenReads, Reads, SessionDep
from app.core.errors import Forbidden, NotAuthenticated

# auto_error=False: a missing header is answered with the contract's error body, not FastAPI's.
bearer_scheme = OAuth2PasswordBearer(tokenUrl="/api/v1/auth/token", auto_error=False)


T = TypeVar("T")

BearerToken = Annotated[str | None, Depends(bearer_scheme)]


def current_actor(request: Request, session: SessionDep, token: BearerToken) -> Actor:
    if not token:
        raise NotAuthenticated()
    record_use = request.method not in READ_ONLY_METHODS
    return auth_service.actor_from_bearer(session, token, record_use=record_use)


async def bearer_token(request: Request) -> str:
    """The request's bearer token, for an endpoint that reads its request itself (the busiest
    ones: FastAPI's solving of dependencies cost them more than their query, measured in
    bench/nominations.md). Such a route declares ``openapi_extra=BEARER_OPENAPI``."""
    token = await bearer_scheme(request)
    if not token:
        raise NotAuthenticated()
    return token


def read_as_actor(open_reads: OpenReads, token: str, work: Callable[[Reads, Actor], T]) -> T:
    """``work(reads, actor)`` on a read connection, with the token's actor: the whole read of
    a read-only ``async`` endpoint in one call, for run_db (no connection is held across an
    ``await``)."""
    with open_reads() as reads:
        return work(reads, auth_service.actor_from_bearer(reads, token))


# What a route that reads its bearer token itself adds to its OpenAPI operation.
BEARER_OPENAPI = {"security": [{bearer_scheme.scheme_name: []}]}


CurrentActor = Annotated[Actor, Depends(current_actor)]


def require_role(*roles: Role):
    """A dependency that lets through an actor holding any of ``roles``."""

    def dependency(actor: CurrentActor) -> Actor:
        if not actor.has_role(*roles):
            raise Forbidden()
        return actor

    dependency.__name__ = "require_" + "_or_".join(r.value for r in roles)
    return dependency


AdminDep = Annotated[Actor, Depends(require_role(Role.ADMIN))]
SecretariatDep = Annotated[Actor, Depends(require_role(Role.SECRETARIAT))]
OfficeDep = Annotated[Actor, Depends(require_role(Role.ADMIN, Role.SECRETARIAT))]
UnitOfficerDep = Annotated[Actor, Depends(require_role(Role.UNIT_OFFICER))]
CouncilMemberDep = Annotated[Actor, Depends(require_role(Role.COUNCIL_MEMBER))]
SignerDep = Annotated[Actor, Depends(require_role(Role.SIGNER))]
