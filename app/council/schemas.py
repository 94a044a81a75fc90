from __future__ import annotations

import datetime as dt
from typing import Annotated

from pydantic import BaseModel, Field

from app.core.params import MAX_ID
from app.council.models import Choice, CouncilRole, SessionStatus

Id = Annotated[int, Field(ge=1, le=MAX_ID)]


# ---------------------------------------------------------------------------- membership


class CouncilMemberCreate(BaseModel):
    """A term on the council; ``valid_from`` defaults to today, ``valid_to`` is inclusive."""

    user_id: Id
    role: CouncilRole = CouncilRole.MEMBER
    valid_from: dt.date | None = None
    valid_to: dt.date | None = None


class CouncilMemberEnd(BaseModel):
    """The last day of the term."""

    valid_to: dt.date


class CouncilMemberRead(BaseModel):
    id: int
    user_id: int
    username: str
    full_name: str
    title: str | None
    role: CouncilRole
    valid_from: dt.date
    valid_to: dt.date | None


# ---------------------------------------------------------------------------- sessions


MAX_AGENDA = 500  # nominations on one session's agenda


class SessionCreate(BaseModel):
    title: str = Field(min_length=1, max_length=300)
    meeting_date: dt.date
    nomination_ids: list[Id] = Field(min_length=1, max_length=MAX_AGENDA)


class CancelIn(BaseModel):
    reason: str = Field(min_length=1, max_length=2000)


class SessionMemberRead(BaseModel):
    user_id: int
    full_name: str
    title: str | None
    role: CouncilRole
    voted: bool
    in_writing: bool = Field(description="voted through a written ballot recorded by the office")


class SessionRead(BaseModel):
    id: int
    title: str
    meeting_date: dt.date
    status: SessionStatus
    members: list[int] = Field(description="User ids of the session's membership (snapshot)")
    member_details: list[SessionMemberRead]
    members_total: int
    voted: list[int] = Field(description="Who has voted, by user id; never who voted what")
    voted_count: int
    written_count: int = Field(description="Of those, written ballots recorded by the office")
    nomination_ids: list[int]
    quorum: float
    quorum_needed: int
    quorum_reached: bool
    created_at: dt.datetime
    opened_at: dt.datetime | None
    closed_at: dt.datetime | None
    cancel_reason: str | None


# ---------------------------------------------------------------------------- ballots


class VoteIn(BaseModel):
    nomination_id: Id
    choice: Choice


class BallotIn(BaseModel):
    """One choice for every nomination on the agenda, each exactly once."""

    votes: list[VoteIn] = Field(max_length=1000)


class WrittenBallotIn(BallotIn):
    """A member's written opinion, recorded by the secretariat while the session is open."""

    member_id: Id


class ReceiptRead(BaseModel):
    session_id: int
    receipt: str = Field(description="Shown once; keep it to check that the ballot was counted")
    detail: str


class ReceiptCheckIn(BaseModel):
    receipt: str = Field(min_length=1, max_length=64)


class ReceiptCheckRead(BaseModel):
    session_id: int
    found: bool
    counted: bool = Field(description="True once the session is closed and the ballot tallied")
    session_status: SessionStatus
    ballots_total: int
    detail: str


class ResultRead(BaseModel):
    nomination_id: int
    nominee: str
    award_type: str
    award_name: str
    agree: int
    disagree: int
    abstain: int
    members_total: int
    agree_ratio: float = Field(description="agree / members_total: the whole membership")
    threshold: float
    passed: bool
