"""Dossier and nomination pages: a unit's own dossiers, and the secretariat's inbox and appraisal.

Every page calls the nominations service; the forms post to handlers that catch the service's
domain errors and show the same page again with the message and what the user typed.
"""

from __future__ import annotations

import datetime as dt
import re
import secrets
from collections.abc import Callable
from typing import Annotated, Any, TypeVar
from urllib.parse import urlencode

from fastapi import APIRouter, Depends, Form, Query, Request, UploadFile
from fastapi.responses import FileResponse, HTMLResponse, RedirectResponse, Response
from pydantic import ValidationError
from sqlalchemy.orm import Session

from app.auth.models import Role
from app.auth.policies import Actor
from app.awards import service as awards_service
from app.awards.models import AwardSubject
from app.awards.schemas import AwardTypeRead
from app.campaigns import service as campaigns_service
from app.core.config import get_settings
from app.core.db import SessionDep
from app.core.errors import AppError, Forbidden, NotFound
from app.core.pagination import PageParams
from app.core.params import IdPath
from app.core.text import fold, name_sort_key
from app.core.web import CsrfChecked, WebActor, render
from app.decisions import repository as decisions_repository
from app.nominations import policies, service
from app.nominations.models import (
    AttachmentKind,
    AwardMethod,
    DossierStatus,
    NominationStatus,
    NomineeKind,
)
from app.nominations.repository import NominationFilters
from app.nominations.schemas import (
    AppraiseIn,
    DossierCreate,
    NominationIn,
    NominationRead,
    NominationUpdate,
)
from app.units import service as units_service

router = APIRouter(include_in_schema=False)

T = TypeVar("T")

PAGE_SIZE = 50
TEXT = 300  # the longest single-line field the forms accept
LONG_TEXT = 20_000  # an achievement summary

ATTACHMENT_KIND_LABELS = {
    AttachmentKind.TO_TRINH: "Tờ trình",
    AttachmentKind.BAO_CAO_THANH_TICH: "Báo cáo thành tích",
    AttachmentKind.BIEN_BAN: "Biên bản",
    AttachmentKind.OTHER: "Khác",
}
AWARD_METHOD_LABELS = {
    AwardMethod.THUONG_XUYEN: "Thường xuyên (hằng năm)",
    AwardMethod.CHUYEN_DE: "Theo chuyên đề, đợt thi đua",
    AwardMethod.DOT_XUAT: "Đột xuất",
    AwardMethod.DOI_NGOAI: "Đối ngoại",
    AwardMethod.CONG_HIEN: "Quá trình cống hiến",
    AwardMethod.NIEN_HAN: "Theo niên hạn",
}
GENDER_LABELS = {"nam": "Nam", "nu": "Nữ"}
HISTORY_LABELS = {
    "create": "Lập hồ sơ",
    "update": "Sửa hồ sơ",
    "attach": "Đính kèm tệp",
    "detach": "Gỡ tệp đính kèm",
    "submit": "Gửi hồ sơ",
    "return": "Trả lại hồ sơ",
}
# What the office filters its inbox by: a unit's drafts are still the unit's business.
OFFICE_STATUSES = (DossierStatus.SUBMITTED, DossierStatus.RETURNED)

_VN_TZ = dt.timezone(dt.timedelta(hours=7), "ICT")  # Việt Nam keeps no daylight saving time


def _vn_datetime(value: dt.datetime | None) -> str:
    """A UTC timestamp as Vietnamese local time: 05/09/2022 14:30."""
    if value is None:
        return ""
    if value.tzinfo is None:
        value = value.replace(tzinfo=dt.UTC)
    return value.astimezone(_VN_TZ).strftime("%d/%m/%Y %H:%M")


def _vn_local_date(value: dt.datetime | None) -> str:
    """The calendar day in Việt Nam of a UTC timestamp: 29/11/2026 for 28/11/2026 21:00 UTC."""
    return _vn_datetime(value)[:10]


def _file_size(size: int) -> str:
    if size < 1024:
        return f"{size} byte"
    if size < 1024 * 1024:
        return f"{round(size / 1024)} KB"
    return f"{size / (1024 * 1024):.1f} MB".replace(".", ",")


PAGE_HELPERS = {
    "STATUS_LABELS": policies.STATUS_LABELS,
    "ATTACHMENT_KIND_LABELS": ATTACHMENT_KIND_LABELS,
    "AWARD_METHOD_LABELS": AWARD_METHOD_LABELS,
    "GENDER_LABELS": GENDER_LABELS,
    "HISTORY_LABELS": HISTORY_LABELS,
    "vn_datetime": _vn_datetime,
    "vn_local_date": _vn_local_date,
    "file_size": _file_size,
}


def _page(
    request: Request,
    template: str,
    context: dict[str, Any],
    *,
    actor: Actor,
    status_code: int = 200,
) -> HTMLResponse:
    return render(
        request,
        f"nominations/{template}",
        {**PAGE_HELPERS, **context},
        actor=actor,
        status_code=status_code,
    )


def _see_other(url: str) -> RedirectResponse:
    return RedirectResponse(url, status_code=303)


def _attempt(session: Session, operation: Callable[..., T], /, **kwargs: Any) -> T:
    """Run one service operation in a savepoint, so that a refused one leaves nothing behind
    when the page catches its error and the request goes on to commit."""
    with session.begin_nested():
        return operation(session, **kwargs)


def _nomination_in(session: Session, actor: Actor, dossier_id: int, nomination_id: int) -> None:
    """404 unless the nomination is one the actor may read and belongs to this dossier (the
    address names both)."""
    nomination = service.get_nomination(session, actor=actor, nomination_id=nomination_id)
    if nomination.dossier_id != dossier_id:
        raise NotFound("Không tìm thấy đề nghị khen thưởng trong hồ sơ này.")


def _is_office(actor: Actor) -> bool:
    return actor.has_role(*policies.OFFICE_ROLES)


def _can_appraise(actor: Actor) -> bool:
    """Appraisal and returns are the secretariat's; the admin reads without acting."""
    return actor.has_role(Role.SECRETARIAT)


def office_actor(actor: WebActor) -> Actor:
    if not _is_office(actor):
        raise Forbidden("Trang này dành cho Ban Thi đua - Khen thưởng.")
    return actor


def secretariat_actor(actor: WebActor) -> Actor:
    if not _can_appraise(actor):
        raise Forbidden("Chỉ Ban Thi đua - Khen thưởng mới thẩm định và trả lại hồ sơ.")
    return actor


def unit_officer_actor(actor: WebActor) -> Actor:
    if not actor.has_role(Role.UNIT_OFFICER) or actor.unit_id is None:
        raise Forbidden("Chỉ cán bộ thi đua của đơn vị mới lập hồ sơ đề nghị khen thưởng.")
    return actor


OfficeWebActor = Annotated[Actor, Depends(office_actor)]
SecretariatWebActor = Annotated[Actor, Depends(secretariat_actor)]
UnitOfficerWebActor = Annotated[Actor, Depends(unit_officer_actor)]


def _unit_names(session: Session) -> dict[int, str]:
    units, _ = units_service.list_units(
        session, params=PageParams(limit=10_000), cluster_id=None, parent_id=None
    )
    return {u.id: u.name for u in units}


def _campaigns(session: Session) -> list[Any]:
    campaigns, _ = campaigns_service.list_campaigns(session, params=PageParams(limit=10_000))
    return campaigns


def _int_or_none(value: str | None, *, low: int = 1, high: int = 2_147_483_647) -> int | None:
    """A filter from the query string: anything that is not a plain number in range is ignored,
    so that a hand-edited address shows the whole list instead of an error page. Only ASCII
    digits count: "²" is a digit to ``str.isdigit`` but not a number to ``int``."""
    value = (value or "").strip()
    if not (value.isascii() and value.isdigit()) or len(value) > 10:
        return None
    number = int(value)
    return number if low <= number <= high else None


def _enum_or_none(enum_type: type[T], value: str | None) -> T | None:
    try:
        return enum_type(value) if value else None  # type: ignore[call-arg]
    except ValueError:
        return None


def _cursor(value: str | None) -> str | None:
    value = (value or "").strip()
    return value if re.fullmatch(r"[A-Za-z0-9_-]{1,64}", value) else None


# --------------------------------------------------------------------------- lists


@router.get("/dossiers", response_class=HTMLResponse)
def dossiers_page(
    request: Request,
    session: SessionDep,
    actor: WebActor,
    status: Annotated[str | None, Query(max_length=30)] = None,
    campaign_id: Annotated[str | None, Query(max_length=12)] = None,
    year: Annotated[str | None, Query(max_length=6)] = None,
    cursor: Annotated[str | None, Query(max_length=64)] = None,
) -> HTMLResponse:
    """A unit officer's own dossiers; for the office, the inbox of dossiers units have sent."""
    office = _is_office(actor)
    chosen_status = _enum_or_none(DossierStatus, status)
    if office and chosen_status not in OFFICE_STATUSES:
        chosen_status = None
    filters = {
        "status": chosen_status,
        "campaign_id": _int_or_none(campaign_id),
        "year": _int_or_none(year, low=1990, high=2100),
    }
    dossiers, next_cursor = service.list_dossiers(
        session,
        actor=actor,
        params=PageParams(limit=PAGE_SIZE, cursor=_cursor(cursor)),
        **filters,
    )
    campaigns = _campaigns(session)
    context: dict[str, Any] = {
        "dossiers": dossiers,
        "campaign_names": {c.id: c.name for c in campaigns},
        "nomination_counts": service.nomination_counts(
            session, dossier_ids=[d.id for d in dossiers]
        ),
        "filters": filters,
        "next_url": None,
        "can_create": actor.has_role(Role.UNIT_OFFICER) and actor.unit_id is not None,
    }
    if next_cursor:
        query = {k: v for k, v in filters.items() if v is not None}
        context["next_url"] = "/dossiers?" + urlencode({**query, "cursor": next_cursor})
    if not office:
        context["unit"] = units_service.get_unit(session, unit_id=actor.unit_id)
        return _page(request, "dossiers.html", context, actor=actor)
    counts = service.inbox_counts(
        session, actor=actor, campaign_id=filters["campaign_id"], year=filters["year"]
    )
    kept = {k: filters[k] for k in ("campaign_id", "year") if filters[k] is not None}
    tabs = [
        {
            "label": "Tất cả",
            "status": None,
            "count": sum(counts.get(s.value, 0) for s in OFFICE_STATUSES),
            "url": "/dossiers?" + urlencode(kept),
            "current": chosen_status is None,
        }
    ]
    for s in OFFICE_STATUSES:
        tabs.append(
            {
                "label": policies.STATUS_LABELS[s.value],
                "status": s.value,
                "count": counts.get(s.value, 0),
                "url": "/dossiers?" + urlencode({**kept, "status": s.value}),
                "current": chosen_status is s,
            }
        )
    context.update(
        campaigns=campaigns,
        unit_names=_unit_names(session),
        statuses=OFFICE_STATUSES,
        status_tabs=tabs,
    )
    return _page(request, "inbox.html", context, actor=actor)


@router.get("/nominations", response_class=HTMLResponse)
def nominations_page(
    request: Request,
    session: SessionDep,
    actor: OfficeWebActor,
    q: Annotated[str | None, Query(max_length=200)] = None,
    status: Annotated[str | None, Query(max_length=30)] = None,
    award_type: Annotated[str | None, Query(max_length=30)] = None,
    unit_id: Annotated[str | None, Query(max_length=12)] = None,
    year: Annotated[str | None, Query(max_length=6)] = None,
    duplicates_only: Annotated[str | None, Query(max_length=5)] = None,
    cursor: Annotated[str | None, Query(max_length=64)] = None,
) -> HTMLResponse:
    """The secretariat's search over every nomination received, diacritics ignored; with
    ``duplicates_only`` (a checkbox), only the nominations the duplicate guard flagged."""
    folded = fold(q or "")
    chosen = {
        "q": (q or "").strip(),
        "status": _enum_or_none(NominationStatus, status),
        "award_type": (award_type or "").strip() or None,
        "unit_id": _int_or_none(unit_id),
        "year": _int_or_none(year, low=1990, high=2100),
        "duplicates_only": "1" if duplicates_only in ("1", "on", "true") else None,
    }
    if chosen["status"] is NominationStatus.DRAFT:
        chosen["status"] = None
    filters = NominationFilters(
        unit_id=chosen["unit_id"],
        status=chosen["status"],
        year=chosen["year"],
        folded_query=folded or None,
        award_code=chosen["award_type"],
        duplicates_only=chosen["duplicates_only"] is not None,
    )
    items, next_cursor = service.list_nominations(
        session,
        actor=actor,
        params=PageParams(limit=PAGE_SIZE, cursor=_cursor(cursor)),
        filters=filters,
    )
    reads = sorted(items, key=_nominee_sort_key)
    unit_names = _unit_names(session)
    next_url = None
    if next_cursor:
        query = {k: v for k, v in chosen.items() if v not in (None, "")}
        next_url = "/nominations?" + urlencode({**query, "cursor": next_cursor})
    return _page(
        request,
        "nominations.html",
        {
            "nominations": reads,
            "filters": chosen,
            "statuses": [s for s in NominationStatus if s is not NominationStatus.DRAFT],
            "award_types": awards_service.list_award_types(session),
            "unit_names": unit_names,
            "units": sorted(unit_names.items(), key=lambda kv: fold(kv[1])),
            "next_url": next_url,
            "is_next_page": bool(_cursor(cursor)),
        },
        actor=actor,
    )


def _nominee_sort_key(n: NominationRead) -> tuple[int, tuple[str, str, str]]:
    """People by given name the Vietnamese way, then collectives by name."""
    if n.nominee.kind is NomineeKind.INDIVIDUAL:
        return (0, name_sort_key(n.nominee.name))
    return (1, (fold(n.nominee.name), "", n.nominee.name))


# --------------------------------------------------------------------------- creating


def _active_campaigns(session: Session) -> list[Any]:
    return campaigns_service.current_campaigns(session)


def _new_form_page(
    request: Request,
    session: Session,
    actor: Actor,
    *,
    form: dict[str, Any] | None = None,
    errors: list[str] | None = None,
    status_code: int = 200,
) -> HTMLResponse:
    form = form or {"year": str(dt.date.today().year)}
    form.setdefault("form_key", secrets.token_urlsafe(18))
    return _page(
        request,
        "new.html",
        {"campaigns": _active_campaigns(session), "form": form, "errors": errors or []},
        actor=actor,
        status_code=status_code,
    )


@router.get("/dossiers/new", response_class=HTMLResponse)
def new_dossier_page(
    request: Request, session: SessionDep, actor: UnitOfficerWebActor
) -> HTMLResponse:
    return _new_form_page(request, session, actor)


@router.post("/dossiers/new", response_class=HTMLResponse, dependencies=[CsrfChecked])
def new_dossier_submit(
    request: Request,
    session: SessionDep,
    actor: UnitOfficerWebActor,
    campaign_id: Annotated[str, Form(max_length=12)] = "",
    year: Annotated[str, Form(max_length=6)] = "",
    title: Annotated[str, Form(max_length=2 * TEXT)] = "",
    form_key: Annotated[str, Form(max_length=64)] = "",
) -> Response:
    form = {"campaign_id": campaign_id, "year": year, "title": title, "form_key": form_key}
    errors = []
    chosen_campaign = _int_or_none(campaign_id)
    if chosen_campaign not in {c.id for c in _active_campaigns(session)}:
        errors.append("Hãy chọn một phong trào thi đua đang triển khai.")
    chosen_year = _int_or_none(year, low=1990, high=2100)
    if chosen_year is None:
        errors.append("Năm đề nghị phải là một năm từ 1990 đến 2100.")
    title = " ".join(title.split())
    if not title:
        errors.append("Hãy nhập tên hồ sơ (trích yếu của tờ trình).")
    elif len(title) > TEXT:
        errors.append(f"Tên hồ sơ dài quá {TEXT} ký tự.")
    if errors:
        return _new_form_page(request, session, actor, form=form, errors=errors, status_code=400)
    data = DossierCreate(campaign_id=chosen_campaign, year=chosen_year, title=title)
    # The form carries a one-time key: a double click or a re-sent form opens the dossier
    # that the first one created instead of creating a second.
    key = f"web:{form_key}" if re.fullmatch(r"[A-Za-z0-9_-]{16,64}", form_key) else None
    try:
        dossier, _ = _attempt(
            session, service.create_dossier, actor=actor, data=data, idempotency_key=key
        )
    except AppError as exc:
        form["form_key"] = secrets.token_urlsafe(18)
        return _new_form_page(
            request, session, actor, form=form, errors=[exc.detail], status_code=exc.status_code
        )
    return _see_other(f"/dossiers/{dossier.id}")


# --------------------------------------------------------------------------- one dossier


def _eligibility(session: Session, actor: Actor, nomination_id: int) -> dict[str, Any]:
    try:
        return {"result": service.eligibility(session, actor=actor, nomination_id=nomination_id)}
    except AppError as exc:
        return {"error": exc.detail}


def _dossier_page(
    request: Request,
    session: Session,
    actor: Actor,
    dossier_id: int,
    *,
    status_code: int = 200,
    **extra: Any,
) -> HTMLResponse:
    dossier = service.get_dossier(session, actor=actor, dossier_id=dossier_id)
    read = service.dossier_read(session, actor=actor, dossier=dossier)
    office = _is_office(actor)
    editable = (
        policies.can_edit_dossier(actor, dossier.unit_id)
        and dossier.status in policies.EDITABLE_DOSSIER_STATUSES
    )
    nominations = sorted(read.nominations, key=_nominee_sort_key)
    appraisable = {
        n.id
        for n in nominations
        if _can_appraise(actor)
        and dossier.status is DossierStatus.SUBMITTED
        and any(
            (n.status, action) in policies.NOMINATION_TRANSITIONS
            for action in ("appraise_eligible", "appraise_ineligible")
        )
    }
    context = {
        "dossier": read,
        "nominations": nominations,
        "unit": units_service.get_unit(session, unit_id=dossier.unit_id),
        "campaign": campaigns_service.get_campaign(session, campaign_id=dossier.campaign_id),
        "history": service.dossier_history(session, actor=actor, dossier_id=dossier.id),
        "office": office,
        "editable": editable,
        "can_submit": editable and (dossier.status, "submit") in policies.DOSSIER_TRANSITIONS,
        "can_return": _can_appraise(actor)
        and (dossier.status, "return") in policies.DOSSIER_TRANSITIONS,
        "appraisable": appraisable,
        "checks": {n.id: _eligibility(session, actor, n.id) for n in nominations} if office else {},
        "award_types": _award_choices(session, dossier.year) if editable else [],
        "attachment_kinds": ATTACHMENT_KIND_LABELS,
        "max_upload_mb": get_settings().max_upload_bytes // (1024 * 1024),
        "nomination_form": {"award_method": AwardMethod.THUONG_XUYEN.value},
        "appraise_forms": {},
        "appraise_errors": {},
        # The decision of each decided nomination: its number and date are what the unit files.
        "decisions": decisions_repository.signed_decisions_of(session, [n.id for n in nominations]),
        **extra,
    }
    return _page(request, "dossier.html", context, actor=actor, status_code=status_code)


def _award_choices(session: Session, year: int) -> list[AwardTypeRead]:
    """The catalog entries in force in the dossier's year."""
    first, last = dt.date(year, 1, 1), dt.date(year, 12, 31)
    return [
        a
        for a in awards_service.list_award_types(session)
        if a.valid_from <= last and (a.valid_to is None or a.valid_to >= first)
    ]


@router.get("/dossiers/{dossier_id}", response_class=HTMLResponse)
def dossier_page(
    request: Request, session: SessionDep, actor: WebActor, dossier_id: IdPath
) -> HTMLResponse:
    return _dossier_page(request, session, actor, dossier_id)


def _parse_date(value: str) -> dt.date | None:
    """dd/mm/yyyy as typed, or yyyy-mm-dd as a date input sends it."""
    value = value.strip()
    for pattern in ("%d/%m/%Y", "%Y-%m-%d", "%d-%m-%Y", "%d.%m.%Y"):
        try:
            return dt.datetime.strptime(value, pattern).date()
        except ValueError:
            continue
    raise ValueError(value)


FACT_FIELDS = {
    "members_total": "tổng số thành viên",
    "members_completed_tasks": "số hoàn thành nhiệm vụ",
    "members_ldtt": "số đạt Lao động tiên tiến",
    "members_cstdcs": "số đạt Chiến sĩ thi đua cơ sở",
}


def _nomination_from_form(
    form: dict[str, str], awards: dict[str, AwardTypeRead]
) -> tuple[NominationIn | None, list[str]]:
    """The nomination the form describes, or the reasons it does not, in Vietnamese."""
    errors: list[str] = []
    award = awards.get(form["award_type"])
    if award is None:
        return None, ["Hãy chọn danh hiệu hoặc hình thức khen thưởng."]
    achievement = form["achievement"].strip()
    if not achievement:
        errors.append("Hãy nhập tóm tắt thành tích.")
    elif len(achievement) > LONG_TEXT:
        errors.append(f"Tóm tắt thành tích dài quá {LONG_TEXT:,} ký tự.".replace(",", "."))
    method = _enum_or_none(AwardMethod, form["award_method"]) or AwardMethod.THUONG_XUYEN
    item: dict[str, Any] = {
        "award_type": award.code,
        "achievement": achievement,
        "award_method": method,
    }
    if award.subject is AwardSubject.INDIVIDUAL:
        person: dict[str, Any] = {"full_name": " ".join(form["full_name"].split())}
        if not person["full_name"]:
            errors.append(f"{award.name} xét cho cá nhân: hãy nhập họ và tên người được đề nghị.")
        if form["gender"] in GENDER_LABELS:
            person["gender"] = form["gender"]
        citizen_id = "".join(form["citizen_id"].split())
        if citizen_id:
            if re.fullmatch(r"[0-9]{12}", citizen_id):
                person["citizen_id"] = citizen_id
            else:
                errors.append("Số căn cước công dân phải gồm đúng 12 chữ số.")
        if form["birth_date"].strip():
            try:
                born = _parse_date(form["birth_date"])
            except ValueError:
                errors.append(
                    "Ngày sinh không hợp lệ: nhập theo dạng ngày/tháng/năm, ví dụ 05/09/1980."
                )
            else:
                if dt.date(1900, 1, 1) <= born <= dt.date.today():
                    person["birth_date"] = born
                else:
                    errors.append("Ngày sinh phải từ 01/01/1900 đến hôm nay.")
        if form["position"].strip():
            person["position"] = " ".join(form["position"].split())
        item["person"] = person
    else:
        name = " ".join(form["collective_name"].split())
        if not name:
            errors.append(f"{award.name} xét cho tập thể: hãy nhập tên tập thể được đề nghị.")
        collective: dict[str, Any] = {"name": name}
        facts = {}
        for field, label in FACT_FIELDS.items():
            raw = form[field].strip()
            if raw:
                number = _int_or_none(raw, low=0, high=1_000_000)
                if number is None:
                    errors.append(f"Số liệu tập thể, {label}: phải là số nguyên không âm.")
                else:
                    facts[field] = number
        if facts:
            if "members_total" not in facts or facts["members_total"] < 1:
                errors.append("Số liệu tập thể: hãy nhập tổng số thành viên (ít nhất 1).")
            elif any(v > facts["members_total"] for k, v in facts.items()):
                errors.append("Số liệu tập thể: các số thành viên không được lớn hơn tổng số.")
            facts.setdefault("members_completed_tasks", 0)
            facts.setdefault("members_ldtt", 0)
            collective["facts"] = facts
        item["collective"] = collective
    if errors:
        return None, errors
    try:
        return NominationIn.model_validate(item), []
    except ValidationError as exc:
        fields = ", ".join(sorted({".".join(map(str, e["loc"])) for e in exc.errors()}))
        return None, [f"Thông tin đề nghị chưa hợp lệ ({fields})."]


@router.post(
    "/dossiers/{dossier_id}/nominations", response_class=HTMLResponse, dependencies=[CsrfChecked]
)
def add_nomination_submit(
    request: Request,
    session: SessionDep,
    actor: WebActor,
    dossier_id: IdPath,
    award_type: Annotated[str, Form(max_length=30)] = "",
    full_name: Annotated[str, Form(max_length=TEXT)] = "",
    gender: Annotated[str, Form(max_length=10)] = "",
    birth_date: Annotated[str, Form(max_length=20)] = "",
    citizen_id: Annotated[str, Form(max_length=40)] = "",
    position: Annotated[str, Form(max_length=TEXT)] = "",
    collective_name: Annotated[str, Form(max_length=TEXT)] = "",
    members_total: Annotated[str, Form(max_length=12)] = "",
    members_completed_tasks: Annotated[str, Form(max_length=12)] = "",
    members_ldtt: Annotated[str, Form(max_length=12)] = "",
    members_cstdcs: Annotated[str, Form(max_length=12)] = "",
    achievement: Annotated[str, Form(max_length=LONG_TEXT + 1000)] = "",
    award_method: Annotated[str, Form(max_length=30)] = "",
) -> Response:
    form = {
        "award_type": award_type,
        "full_name": full_name,
        "gender": gender,
        "birth_date": birth_date,
        "citizen_id": citizen_id,
        "position": position,
        "collective_name": collective_name,
        "members_total": members_total,
        "members_completed_tasks": members_completed_tasks,
        "members_ldtt": members_ldtt,
        "members_cstdcs": members_cstdcs,
        "achievement": achievement,
        "award_method": award_method,
    }
    dossier = service.get_dossier(session, actor=actor, dossier_id=dossier_id)
    awards = {a.code: a for a in _award_choices(session, dossier.year)}
    item, errors = _nomination_from_form(form, awards)
    status_code = 400
    if item is not None:
        try:
            nomination = _attempt(
                session, service.add_nomination, actor=actor, dossier_id=dossier_id, item=item
            )
            session.flush()
        except AppError as exc:
            errors, status_code = [exc.detail], exc.status_code
        else:
            return _see_other(f"/dossiers/{dossier_id}#nomination-{nomination.id}")
    return _dossier_page(
        request,
        session,
        actor,
        dossier_id,
        status_code=status_code,
        nomination_form=form,
        nomination_errors=errors,
    )


@router.post(
    "/dossiers/{dossier_id}/nominations/{nomination_id}/delete",
    response_class=HTMLResponse,
    dependencies=[CsrfChecked],
)
def delete_nomination_submit(
    request: Request,
    session: SessionDep,
    actor: WebActor,
    dossier_id: IdPath,
    nomination_id: IdPath,
) -> Response:
    _nomination_in(session, actor, dossier_id, nomination_id)
    try:
        _attempt(session, service.delete_nomination, actor=actor, nomination_id=nomination_id)
    except AppError as exc:
        return _dossier_page(
            request,
            session,
            actor,
            dossier_id,
            status_code=exc.status_code,
            page_error=exc.detail,
        )
    return _see_other(f"/dossiers/{dossier_id}#nominations")


@router.post(
    "/dossiers/{dossier_id}/nominations/{nomination_id}/edit",
    response_class=HTMLResponse,
    dependencies=[CsrfChecked],
)
def edit_nomination_submit(
    request: Request,
    session: SessionDep,
    actor: WebActor,
    dossier_id: IdPath,
    nomination_id: IdPath,
    award_type: Annotated[str, Form(max_length=30)] = "",
    award_method: Annotated[str, Form(max_length=30)] = "",
    achievement: Annotated[str, Form(max_length=20_000)] = "",
) -> Response:
    """Change a nomination of a draft or returned dossier in place: its award, its method, its
    achievement (what a return usually asks for), instead of deleting and typing it again."""
    _nomination_in(session, actor, dossier_id, nomination_id)
    try:
        data = NominationUpdate(
            award_type=award_type or None,
            award_method=award_method or None,
            achievement=achievement,
        )
        _attempt(
            session, service.update_nomination, actor=actor, nomination_id=nomination_id, data=data
        )
    except ValidationError:
        error, status_code = "Hãy nhập tóm tắt thành tích và chọn đúng hình thức, phương thức.", 400
    except AppError as exc:
        error, status_code = exc.detail, exc.status_code
    else:
        return _see_other(f"/dossiers/{dossier_id}#nomination-{nomination_id}")
    return _dossier_page(
        request, session, actor, dossier_id, status_code=status_code, page_error=error
    )


@router.post(
    "/dossiers/{dossier_id}/attachments/{attachment_id}/delete",
    response_class=HTMLResponse,
    dependencies=[CsrfChecked],
)
def delete_attachment_submit(
    request: Request,
    session: SessionDep,
    actor: WebActor,
    dossier_id: IdPath,
    attachment_id: IdPath,
) -> Response:
    """Remove a file from a draft or returned dossier (a wrong file, or one to replace)."""
    try:
        _attempt(
            session,
            service.delete_attachment,
            actor=actor,
            dossier_id=dossier_id,
            attachment_id=attachment_id,
        )
    except AppError as exc:
        return _dossier_page(
            request,
            session,
            actor,
            dossier_id,
            status_code=exc.status_code,
            page_error=exc.detail,
        )
    return _see_other(f"/dossiers/{dossier_id}#attachments")


@router.post(
    "/dossiers/{dossier_id}/attachments", response_class=HTMLResponse, dependencies=[CsrfChecked]
)
def add_attachment_submit(
    request: Request,
    session: SessionDep,
    actor: WebActor,
    dossier_id: IdPath,
    kind: Annotated[str, Form(max_length=30)] = "",
    file: UploadFile | None = None,
) -> Response:
    chosen = _enum_or_none(AttachmentKind, kind)
    limit = get_settings().max_upload_bytes
    content = file.file.read(limit + 1) if file is not None else b""
    error, status_code = None, 400
    if chosen is None:
        error = "Hãy chọn loại tệp (tờ trình, báo cáo thành tích, biên bản...)."
    elif file is None or not file.filename:
        error = "Hãy chọn tệp PDF để tải lên."
    elif len(content) > limit:
        error, status_code = f"Tệp vượt quá giới hạn {limit // (1024 * 1024)} MB.", 413
    else:
        try:
            _attempt(
                session,
                service.add_attachment,
                actor=actor,
                dossier_id=dossier_id,
                kind=chosen,
                filename=file.filename,
                content=content,
            )
        except AppError as exc:
            error, status_code = exc.detail, exc.status_code
        else:
            return _see_other(f"/dossiers/{dossier_id}#attachments")
    return _dossier_page(
        request,
        session,
        actor,
        dossier_id,
        status_code=status_code,
        upload_error=error,
        upload_kind=kind,
    )


@router.get("/dossiers/{dossier_id}/attachments/{attachment_id}")
def attachment_download(
    session: SessionDep, actor: WebActor, dossier_id: IdPath, attachment_id: IdPath
) -> FileResponse:
    """The file, for a signed-in reader of the dossier (the API wants a bearer token)."""
    attachment, path = service.attachment_file(
        session, actor=actor, dossier_id=dossier_id, attachment_id=attachment_id
    )
    return FileResponse(
        path,
        media_type="application/pdf",
        filename=attachment.original_name,
        headers={"X-Content-Type-Options": "nosniff", "Cache-Control": "private, no-store"},
    )


@router.post(
    "/dossiers/{dossier_id}/submit", response_class=HTMLResponse, dependencies=[CsrfChecked]
)
def submit_dossier_submit(
    request: Request, session: SessionDep, actor: WebActor, dossier_id: IdPath
) -> Response:
    try:
        _attempt(session, service.submit_dossier, actor=actor, dossier_id=dossier_id)
    except AppError as exc:
        return _dossier_page(
            request,
            session,
            actor,
            dossier_id,
            status_code=exc.status_code,
            submit_error=exc.detail,
        )
    return _see_other(f"/dossiers/{dossier_id}")


@router.post(
    "/dossiers/{dossier_id}/return", response_class=HTMLResponse, dependencies=[CsrfChecked]
)
def return_dossier_submit(
    request: Request,
    session: SessionDep,
    actor: SecretariatWebActor,
    dossier_id: IdPath,
    reason: Annotated[str, Form(max_length=6000)] = "",
) -> Response:
    cleaned = reason.strip()
    error, status_code = None, 400
    if not cleaned:
        error = "Hãy ghi lý do trả lại hồ sơ để đơn vị biết cần bổ sung, sửa gì."
    elif len(cleaned) > 5000:
        error = "Lý do trả lại dài quá 5.000 ký tự."
    else:
        try:
            _attempt(
                session, service.return_dossier, actor=actor, dossier_id=dossier_id, reason=cleaned
            )
        except AppError as exc:
            error, status_code = exc.detail, exc.status_code
        else:
            return _see_other(f"/dossiers/{dossier_id}")
    return _dossier_page(
        request,
        session,
        actor,
        dossier_id,
        status_code=status_code,
        return_error=error,
        return_reason=reason,
    )


@router.post(
    "/dossiers/{dossier_id}/nominations/{nomination_id}/appraise",
    response_class=HTMLResponse,
    dependencies=[CsrfChecked],
)
def appraise_submit(
    request: Request,
    session: SessionDep,
    actor: SecretariatWebActor,
    dossier_id: IdPath,
    nomination_id: IdPath,
    result: Annotated[str, Form(max_length=20)] = "",
    note: Annotated[str, Form(max_length=6000)] = "",
) -> Response:
    _nomination_in(session, actor, dossier_id, nomination_id)
    error, status_code = None, 400
    cleaned = note.strip() or None
    if result not in ("eligible", "ineligible"):
        error = "Hãy chọn kết quả thẩm định: đủ hoặc không đủ điều kiện."
    elif result == "ineligible" and not cleaned:
        error = "Khi kết luận không đủ điều kiện, hãy ghi rõ lý do trong phần ghi chú."
    elif cleaned and len(cleaned) > 5000:
        error = "Ghi chú dài quá 5.000 ký tự."
    else:
        try:
            _attempt(
                session,
                service.appraise,
                actor=actor,
                nomination_id=nomination_id,
                data=AppraiseIn(result=result, note=cleaned),
            )
        except AppError as exc:
            error, status_code = exc.detail, exc.status_code
        else:
            return _see_other(f"/dossiers/{dossier_id}#nomination-{nomination_id}")
    return _dossier_page(
        request,
        session,
        actor,
        dossier_id,
        status_code=status_code,
        appraise_forms={nomination_id: {"result": result, "note": note}},
        appraise_errors={nomination_id: error},
    )
