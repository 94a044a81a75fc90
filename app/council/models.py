"""The council (Hội đồng Thi đua - Khen thưởng): membership, sessions, secret ballots.

Secret ballot (bỏ phiếu kín), by construction of the tables:

- ``council_participations`` records THAT a member voted: (session, member), nothing else — no
  timestamp, no sequence, no link to a ballot.
- ``council_ballots`` records THAT a ballot is in the box: a random key and the SHA-256 of the
  member's receipt — no member, no timestamp.
- ``council_ballot_choices`` records WHAT was voted: one row per (agenda item, choice) under a
  random key — no member, no timestamp, not even the ballot it came from.

The ballot tables are created WITHOUT ROWID on SQLite, so their storage order is the order of
their random keys, not the order of insertion; on PostgreSQL the service rewrites a session's
ballot rows in key order on every ballot (see ``service.cast_ballot``).
"""

from __future__ import annotations

import datetime as dt
import enum

from sqlalchemy import (
    Boolean,
    Date,
    Float,
    ForeignKey,
    ForeignKeyConstraint,
    Index,
    Integer,
    String,
    Text,
)
from sqlalchemy.orm import Mapped, mapped_column

from app.core.db import Base, UTCDateTime
from app.core.models import CreatedAtMixin, str_enum


class CouncilRole(enum.StrEnum):
    CHAIR = "chair"  # Chủ tịch Hội đồng (the chairman of the People's Committee)
    STANDING_VICE_CHAIR = "standing_vice_chair"  # Phó Chủ tịch Thường trực (head of Ban TĐKT)
    VICE_CHAIR = "vice_chair"  # Phó Chủ tịch
    MEMBER = "member"  # Ủy viên


class SessionStatus(enum.StrEnum):
    DRAFT = "draft"  # being prepared by the secretariat
    OPEN = "open"  # ballots are being cast
    CLOSED = "closed"  # counted; nominations approved or rejected
    CANCELLED = "cancelled"  # withdrawn; nominations back to eligible, ballots never counted


class Choice(enum.StrEnum):
    AGREE = "agree"  # Đồng ý
    DISAGREE = "disagree"  # Không đồng ý
    ABSTAIN = "abstain"  # Không có ý kiến


class CouncilMember(CreatedAtMixin, Base):
    """One term of one person on the council: membership changes over time.

    ``valid_to`` is the last day of the term (inclusive); open-ended while it is NULL.
    """

    __tablename__ = "council_members"
    __table_args__ = (Index("ix_council_members_valid", "valid_from", "valid_to"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    role: Mapped[CouncilRole] = mapped_column(str_enum(CouncilRole, "council_role"))
    valid_from: Mapped[dt.date] = mapped_column(Date)
    valid_to: Mapped[dt.date | None] = mapped_column(Date)


class CouncilSession(CreatedAtMixin, Base):
    """A meeting (phiên họp) of the council with its agenda of appraised nominations."""

    __tablename__ = "council_sessions"
    __table_args__ = (Index("ix_council_sessions_status_id", "status", "id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(String(300))
    meeting_date: Mapped[dt.date] = mapped_column(Date)
    status: Mapped[SessionStatus] = mapped_column(str_enum(SessionStatus, "council_session_status"))
    created_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    opened_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime())
    closed_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime())
    # The quorum in force when the session was closed, kept for the minutes.
    quorum: Mapped[float | None] = mapped_column(Float)
    cancel_reason: Mapped[str | None] = mapped_column(Text)


class SessionMember(Base):
    """The membership a session sits with: a snapshot, so later changes do not rewrite it.

    Name and title are copied too: the minutes print them as they were on the day.
    """

    __tablename__ = "council_session_members"

    session_id: Mapped[int] = mapped_column(
        ForeignKey("council_sessions.id", ondelete="CASCADE"), primary_key=True
    )
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), primary_key=True)
    role: Mapped[CouncilRole] = mapped_column(str_enum(CouncilRole, "council_role"))
    position: Mapped[int] = mapped_column(Integer)
    full_name: Mapped[str] = mapped_column(String(200))
    title: Mapped[str | None] = mapped_column(String(200))


class AgendaItem(Base):
    """A nomination on a session's agenda; the tally is written when the session closes."""

    __tablename__ = "council_agenda_items"

    session_id: Mapped[int] = mapped_column(
        ForeignKey("council_sessions.id", ondelete="CASCADE"), primary_key=True
    )
    nomination_id: Mapped[int] = mapped_column(ForeignKey("nominations.id"), primary_key=True)
    position: Mapped[int] = mapped_column(Integer)
    agree: Mapped[int | None] = mapped_column(Integer)
    disagree: Mapped[int | None] = mapped_column(Integer)
    abstain: Mapped[int | None] = mapped_column(Integer)
    # The award type's threshold when the session closed (an office may change it later).
    threshold: Mapped[float | None] = mapped_column(Float)
    passed: Mapped[bool | None] = mapped_column(Boolean)


class Participation(Base):
    """THAT a member voted in a session (in person, or in writing through the secretariat).

    Deliberately without a timestamp, a sequence or any reference to a ballot.
    """

    __tablename__ = "council_participations"
    __table_args__ = (
        ForeignKeyConstraint(
            ["session_id", "user_id"],
            ["council_session_members.session_id", "council_session_members.user_id"],
            ondelete="CASCADE",
        ),
        {"sqlite_with_rowid": False},
    )

    session_id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(primary_key=True)
    written: Mapped[bool] = mapped_column(Boolean, default=False)


class Ballot(Base):
    """A ballot in the box: a random key and the digest of the receipt its member was given.

    No member, no timestamp, no choices.
    """

    __tablename__ = "council_ballots"
    __table_args__ = ({"sqlite_with_rowid": False},)

    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    session_id: Mapped[int] = mapped_column(
        ForeignKey("council_sessions.id", ondelete="CASCADE"), index=True
    )
    receipt_digest: Mapped[str] = mapped_column(String(64), unique=True)


class BallotChoice(Base):
    """WHAT was voted: one choice on one agenda item, under a random key.

    No member, no timestamp, and no reference to the ballot it was part of, so that not even the
    pattern of one ballot's choices can be read back.
    """

    __tablename__ = "council_ballot_choices"
    __table_args__ = (
        ForeignKeyConstraint(
            ["session_id", "nomination_id"],
            ["council_agenda_items.session_id", "council_agenda_items.nomination_id"],
            ondelete="CASCADE",
        ),
        Index("ix_council_ballot_choices_item", "session_id", "nomination_id"),
        {"sqlite_with_rowid": False},
    )

    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    session_id: Mapped[int] = mapped_column()
    nomination_id: Mapped[int] = mapped_column()
    choice: Mapped[Choice] = mapped_column(str_enum(Choice, "council_choice"))
