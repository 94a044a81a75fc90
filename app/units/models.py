"""Units (đơn vị) and the clusters and blocks (cụm, khối thi đua) they emulate in."""

from __future__ import annotations

import enum

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.core.db import Base
from app.core.models import CreatedAtMixin, str_enum


class ClusterKind(enum.StrEnum):
    CUM = "cum"  # cụm: district-level units
    KHOI = "khoi"  # khối: departments, mass organisations, enterprises


class UnitKind(enum.StrEnum):
    SO_NGANH = "so_nganh"
    HUYEN = "huyen"
    DOANH_NGHIEP = "doanh_nghiep"
    LUC_LUONG_VU_TRANG = "luc_luong_vu_trang"
    DOAN_THE = "doan_the"
    DON_VI_TRUC_THUOC = "don_vi_truc_thuoc"


class Cluster(CreatedAtMixin, Base):
    """A cụm or khối thi đua: units that emulate and are ranked together."""

    __tablename__ = "clusters"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(40), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    kind: Mapped[ClusterKind] = mapped_column(str_enum(ClusterKind, "cluster_kind"))

    units: Mapped[list[Unit]] = relationship(back_populates="cluster", lazy="raise")


class Unit(CreatedAtMixin, Base):
    """A unit (đơn vị) that takes part in campaigns and nominates."""

    __tablename__ = "units"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(40), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    kind: Mapped[UnitKind] = mapped_column(str_enum(UnitKind, "unit_kind"))
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("units.id"), index=True)
    cluster_id: Mapped[int | None] = mapped_column(ForeignKey("clusters.id"), index=True)

    cluster: Mapped[Cluster | None] = relationship(back_populates="units", lazy="raise")
