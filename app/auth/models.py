"""Users, their roles, and API tokens for units' own systems."""

from __future__ import annotations

import datetime as dt
import enum

from sqlalchemy import Boolean, ForeignKey, Index, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.core.db import Base, UTCDateTime
from app.core.models import CreatedAtMixin, str_enum


class Role(enum.StrEnum):
    ADMIN = "admin"
    SECRETARIAT = "secretariat"  # Ban Thi đua - Khen thưởng, Sở Nội vụ
    COUNCIL_MEMBER = "council_member"
    COUNCIL_CHAIR = "council_chair"
    SIGNER = "signer"  # signs decisions (the chairman of the People's Committee)
    UNIT_OFFICER = "unit_officer"  # submits a unit's nominations


ROLE_LABELS: dict[Role, str] = {
    Role.ADMIN: "Quản trị hệ thống",
    Role.SECRETARIAT: "Ban Thi đua - Khen thưởng (Sở Nội vụ)",
    Role.COUNCIL_MEMBER: "Thành viên Hội đồng Thi đua - Khen thưởng",
    Role.COUNCIL_CHAIR: "Chủ tịch Hội đồng Thi đua - Khen thưởng",
    Role.SIGNER: "Người ký quyết định khen thưởng",
    Role.UNIT_OFFICER: "Cán bộ thi đua của đơn vị",
}


class User(CreatedAtMixin, Base):
    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(String(64), unique=True)
    full_name: Mapped[str] = mapped_column(String(200))
    title: Mapped[str | None] = mapped_column(String(200))
    password_hash: Mapped[str] = mapped_column(String(255))
    unit_id: Mapped[int | None] = mapped_column(ForeignKey("units.id"), index=True)
    is_active: Mapped[bool] = mapped_column(Boolean, default=True)

    role_rows: Mapped[list[UserRole]] = relationship(
        lazy="raise", cascade="all, delete-orphan", order_by="UserRole.role"
    )

    @property
    def roles(self) -> list[Role]:
        return sorted((r.role for r in self.role_rows), key=list(Role).index)

    def has_role(self, *roles: Role) -> bool:
        return any(r.role in roles for r in self.role_rows)


class UserRole(Base):
    __tablename__ = "user_roles"

    user_id: Mapped[int] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), primary_key=True
    )
    role: Mapped[Role] = mapped_column(str_enum(Role, "role"), primary_key=True)


class ApiToken(CreatedAtMixin, Base):
    """A long-lived token for a unit's own system; only its SHA-256 digest is stored."""

    __tablename__ = "api_tokens"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(100))
    digest: Mapped[str] = mapped_column(String(64), unique=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id"), index=True)
    last_used_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime())
    revoked_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime())


class LoginFailure(Base):
    """A failed sign-in, kept for a day to throttle guessing (never to lock an account)."""

    __tablename__ = "login_failures"
    __table_args__ = (
        Index("ix_login_failures_username_at", "username", "at"),
        Index("ix_login_failures_address_at", "address", "at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(String(64))
    address: Mapped[str] = mapped_column(String(64))
    at: Mapped[dt.datetime] = mapped_column(UTCDateTime())
