"""The error body of the contract, declared in OpenAPI for every status an endpoint can answer."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel


class ErrorBody(BaseModel):
    error: str
    detail: str


class RowErrorBody(BaseModel):
    row: int
    column: str
    message: str


class ImportErrorBody(ErrorBody):
    """An import refused as a whole, with every row's errors."""

    errors: list[RowErrorBody]


_DESCRIPTIONS = {
    400: "Bad request",
    401: "Not authenticated or invalid token",
    403: "Forbidden for this role or unit",
    404: "Not found",
    409: "Conflict with the current state",
    413: "Payload too large",
    415: "Unsupported media type",
    507: "Insufficient storage",
}


def error_responses(*codes: int) -> dict[int | str, dict[str, Any]]:
    return {code: {"model": ErrorBody, "description": _DESCRIPTIONS[code]} for code in codes}
