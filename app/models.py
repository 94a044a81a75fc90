"""Every domain's models, imported once so that the metadata is complete (Alembic, tests)."""

from app.audit.models import AuditEntry
from app.auth.models import ApiToken, LoginFailure, User, UserRole
from app.awards.models import AwardType
from app.campaigns.models import Campaign, Target
from app.certificates.models import Certificate, PrintJob, PrintLayout
from app.core.counters import Counter
from app.core.db import Base
from app.council import models as council_models  # noqa: F401 - registers the council tables
from app.decisions.models import Decision, DecisionItem
from app.nominations.models import Attachment, Dossier, Nomination
from app.people.models import Person, PersonRecord
from app.units.models import Cluster, Unit

__all__ = [
    "ApiToken",
    "Attachment",
    "AuditEntry",
    "AwardType",
    "Certificate",
    "Base",
    "Campaign",
    "Cluster",
    "Counter",
    "Decision",
    "LoginFailure",
    "DecisionItem",
    "Dossier",
    "Nomination",
    "Person",
    "PersonRecord",
    "PrintJob",
    "PrintLayout",
    "Target",
    "Unit",
    "User",
    "UserRole",
]
