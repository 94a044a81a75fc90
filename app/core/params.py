"""Reusable parameter types. Ids are bounded so that no input overflows a database integer."""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated, Any, TypeVar

from fastapi import Path, Query, Request
from fastapi.exceptions import RequestValidationError
from pydantic import BaseModel, Field, ValidationError

MAX_ID = 2_147_483_647

IdPath = Annotated[int, Path(ge=1, le=MAX_ID)]
IdQuery = Annotated[int | None, Query(ge=1, le=MAX_ID)]

# An id inside a JSON body (lists of ids included).
BodyId = Annotated[int, Field(ge=1, le=MAX_ID)]


M = TypeVar("M", bound=BaseModel)


def query_parser(model: type[M]) -> tuple[Callable[[Request], M], dict[str, Any]]:
    """A function reading ``model`` from a request's query string, and the OpenAPI that
    documents it (its parameters and its 422), for the route's ``openapi_extra``.

    What ``Annotated[Model, Query()]`` does, for the busiest endpoints: FastAPI 0.165 works out
    each field's aliases again on every request, which costs a list request more than reading
    its page from SQLite takes (measured in bench/nominations.md). Here the model validates the
    query string in one call. A value repeated in the query string counts once, the last, as
    it does for FastAPI's own scalar parameters; unknown parameters are ignored; errors are
    FastAPI's own 422, located in ``query``.
    """

    def parse(request: Request) -> M:
        try:
            return model.model_validate(request.query_params)
        except ValidationError as exc:
            errors = exc.errors(include_url=False)
            raise RequestValidationError(
                [{**error, "loc": ("query", *error["loc"])} for error in errors]
            ) from None

    schema = model.model_json_schema()
    definitions = schema.get("$defs", {})

    def inline(node: Any) -> Any:
        if isinstance(node, dict):
            if "$ref" in node:
                return inline(definitions[node["$ref"].rsplit("/", 1)[-1]])
            return {key: inline(value) for key, value in node.items()}
        if isinstance(node, list):
            return [inline(value) for value in node]
        return node

    parameters = [
        {
            "name": name,
            "in": "query",
            "required": name in schema.get("required", ()),
            "schema": inline(field),
            **({"description": field["description"]} if "description" in field else {}),
        }
        for name, field in schema["properties"].items()
    ]
    # FastAPI documents its 422 only for parameters it reads itself: say it here.
    invalid = {
        "description": "Validation Error",
        "content": {
            "application/json": {"schema": {"$ref": "#/components/schemas/HTTPValidationError"}}
        },
    }
    return parse, {"parameters": parameters, "responses": {"422": invalid}}
