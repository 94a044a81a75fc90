"""Every domain's models, imported once so that the metadata is complete (Alembic, tests)."""

from app.audit.models import AuditEntry
from app.auth.models import ApiToken, User, UserRole
from app.campaigns.models import Campaign, Target
from app.core.db import Base
from app.units.models import Cluster, Unit

__all__ = [
    "ApiToken",
    "AuditEntry",
    "Base",
    "Campaign",
    "Cluster",
    "Target",
    "Unit",
    "User",
    "UserRole",
]
