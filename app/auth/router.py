from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Request, status
from fastapi.responses import JSONResponse
from fastapi.security import OAuth2PasswordRequestForm

from app.auth import service
from app.auth.deps import CurrentActor
from app.auth.schemas import ApiTokenCreate, ApiTokenCreated, ApiTokenRead, MeRead, TokenRead
from app.core.db import SessionDep
from app.core.errors import InvalidCredentials
from app.core.params import IdPath
from app.core.responses import ErrorBody, error_responses

router = APIRouter(tags=["auth"])


@router.post(
    "/auth/token",
    response_model=TokenRead,
    responses={**error_responses(401), 429: {"model": ErrorBody, "description": "Throttled"}},
    summary="Sign in",
)
def login(
    request: Request, session: SessionDep, form: Annotated[OAuth2PasswordRequestForm, Depends()]
) -> TokenRead | JSONResponse:
    try:
        user = service.authenticate(
            session, username=form.username, password=form.password, address=client_address(request)
        )
    except (InvalidCredentials, service.TooManyAttempts) as exc:
        # Answered, not raised: the failure just recorded must be committed for throttling.
        return JSONResponse(
            ErrorBody(error=exc.error, detail=exc.detail).model_dump(),
            status_code=exc.status_code,
            headers={"WWW-Authenticate": "Bearer"}
            if exc.status_code == 401
            else {"Retry-After": "900"},
        )
    token, expires_in = service.issue_access_token(user)
    return TokenRead(access_token=token, expires_in=expires_in)


def client_address(request: Request) -> str:
    return request.client.host if request.client else ""


@router.get("/auth/me", response_model=MeRead, responses=error_responses(401))
def me(actor: CurrentActor) -> MeRead:
    user_roles = sorted(actor.roles, key=lambda r: r.value)
    return MeRead(
        id=actor.id,
        username=actor.username,
        full_name=actor.full_name,
        roles=user_roles,
        unit_id=actor.unit_id,
    )


@router.post(
    "/api-tokens",
    status_code=status.HTTP_201_CREATED,
    response_model=ApiTokenCreated,
    responses=error_responses(401, 403),
    summary="Create a long-lived API token for the caller's unit (shown once)",
)
def create_api_token(
    session: SessionDep, actor: CurrentActor, body: ApiTokenCreate | None = None
) -> ApiTokenCreated:
    """The body is optional (the contract shows none): without it, the default name."""
    api_token, raw = service.create_api_token(
        session, actor=actor, name=(body or ApiTokenCreate()).name
    )
    return ApiTokenCreated(
        id=api_token.id, name=api_token.name, unit_id=api_token.unit_id, token=raw
    )


@router.get("/api-tokens", response_model=list[ApiTokenRead], responses=error_responses(401, 403))
def list_api_tokens(session: SessionDep, actor: CurrentActor) -> list[ApiTokenRead]:
    return [ApiTokenRead.model_validate(t) for t in service.list_api_tokens(session, actor=actor)]


@router.delete(
    "/api-tokens/{token_id}",
    status_code=status.HTTP_204_NO_CONTENT,
    responses=error_responses(401, 404),
)
def revoke_api_token(session: SessionDep, actor: CurrentActor, token_id: IdPath) -> None:
    service.revoke_api_token(session, actor=actor, token_id=token_id)
