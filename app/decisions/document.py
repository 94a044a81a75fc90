"""The decision as a PDF in the administrative style of NĐ 30/2020: Times New Roman, the
national motto, number and date, the articles, and the annex of recipients with their bonuses."""

from __future__ import annotations

import re
from collections import OrderedDict
from dataclasses import dataclass

from app.awards import rules
from app.certificates import pdf_engine
from app.certificates.render_data import long_date
from app.core.clock import vn_today
from app.core.config import get_settings
from app.core.text import money_text, number_words
from app.core.web import templates
from app.decisions.models import Decision
from app.decisions.service import Recipient


@dataclass(frozen=True)
class _Line:
    name: str
    position: str | None
    unit_name: str | None
    award_name: str
    coefficient_text: str
    bonus_text: str


def _count_text(lines: list[Recipient]) -> str:
    individuals = sum(1 for line in lines if line.nomination.nominee_kind.value == "individual")
    collectives = len(lines) - individuals
    parts = []
    if collectives:
        parts.append(f"{collectives:02d} tập thể")
    if individuals:
        parts.append(f"{individuals:02d} cá nhân")
    return " và ".join(parts)


def _articles_text(count: int) -> str:
    """The articles that name the recipients: "Điều 1", "Điều 1 và Điều 2", "Điều 1, Điều 2 và
    Điều 3"."""
    articles = [f"Điều {i}" for i in range(1, count + 1)]
    if len(articles) < 2:
        return "".join(articles)
    return ", ".join(articles[:-1]) + " và " + articles[-1]


_DECISION_WORD = re.compile(r"^\s*quyết định[\s:,.-]*", re.IGNORECASE)


def _subject(title: str) -> str:
    """The trích yếu under the heading "QUYẾT ĐỊNH": "Về việc …". A title typed as "Quyết định
    về việc …" would print the word twice; it is left out, and the subject starts with a capital."""
    subject = _DECISION_WORD.sub("", title, count=1) or title
    return subject[:1].upper() + subject[1:]


def render_decision(decision: Decision, lines: list[Recipient]) -> bytes:
    """The decision (a draft carries no number and says so) with its annex."""
    settings = get_settings()
    date = decision.signed_on or vn_today()
    regime = rules.regime_for(date.year, on=date)
    groups: OrderedDict[str, list[Recipient]] = OrderedDict()
    for line in lines:
        groups.setdefault(line.award_name, []).append(line)
    total = sum(line.item.bonus or 0 for line in lines) if decision.signed_on else 0
    html = templates.get_template("documents/decision.html").render(
        number=decision.number_text,
        title=_subject(decision.title),
        province=(decision.printed or {}).get("province") or settings.province_name,
        long_date=long_date(date) if decision.signed_on else "ngày … tháng … năm …",
        short_date=date.strftime("%d/%m/%Y") if decision.signed_on else None,
        basis=regime.REGIME.instruments,
        groups=[
            {"award_name": name, "count_text": _count_text(items)} for name, items in groups.items()
        ],
        recipient_articles=_articles_text(len(groups)),
        lines=[
            _Line(
                name=line.name,
                position=line.position,
                unit_name=line.unit_name,
                award_name=line.award_name,
                coefficient_text=(
                    f"{line.item.coefficient:g}".replace(".", ",")
                    if line.item.coefficient is not None
                    else ""
                ),
                bonus_text=money_text(line.item.bonus) if line.item.bonus is not None else "",
            )
            for line in lines
        ],
        signer_name=decision.signer_name,
        total_bonus=total,
        total_bonus_text=money_text(total),
        total_bonus_words=(number_words(total).capitalize() + " đồng") if total else "",
    )
    return pdf_engine.html_to_pdf(html, [], base_url=str(settings.data_dir))
