"""Reusable parameter types. Ids are bounded so that no input overflows a database integer."""

from __future__ import annotations

from typing import Annotated

from fastapi import Path, Query
from pydantic import Field

MAX_ID = 2_147_483_647

IdPath = Annotated[int, Path(ge=1, le=MAX_ID)]
IdQuery = Annotated[int | None, Query(ge=1, le=MAX_ID)]

# An id inside a JSON body (lists of ids included).
BodyId = Annotated[int, Field(ge=1, le=MAX_ID)]
