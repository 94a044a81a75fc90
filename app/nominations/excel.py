"""Nominee lists as Excel workbooks: the import template, its checking, and the export.

The template (sheet "Danh sách đề nghị") has one row per nominee from row 5 on; the second sheet
"Hướng dẫn" lists the codes. Every row is checked and every error is reported with its row and
column, in Vietnamese; nothing is saved unless every row is valid (see service.import_rows).
Exports leave out citizen IDs and birth dates: a list leaves the building more easily than a
database does.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from openpyxl import Workbook, load_workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.worksheet.datavalidation import DataValidation
from pydantic import ValidationError

from app.awards.models import AwardType
from app.nominations.models import AwardMethod
from app.nominations.policies import STATUS_LABELS
from app.nominations.schemas import NominationIn, NominationRead

SHEET = "Danh sách đề nghị"
HEADER_ROW = 4
FIRST_ROW = HEADER_ROW + 1
MAX_ROWS = 2000
MAX_UNCOMPRESSED = 50 * 1024 * 1024  # a workbook that inflates beyond this is refused

GENDERS = {"nam": "nam", "nữ": "nu", "nu": "nu"}
KINDS = {
    "cá nhân": "individual",
    "ca nhan": "individual",
    "tập thể": "collective",
    "tap the": "collective",
}
METHOD_LABELS = {
    AwardMethod.THUONG_XUYEN: "Thường xuyên",
    AwardMethod.CHUYEN_DE: "Chuyên đề",
    AwardMethod.DOT_XUAT: "Đột xuất",
    AwardMethod.DOI_NGOAI: "Đối ngoại",
    AwardMethod.CONG_HIEN: "Cống hiến",
    AwardMethod.NIEN_HAN: "Niên hạn",
}
METHODS = {label.lower(): method for method, label in METHOD_LABELS.items()}


@dataclass(frozen=True)
class Column:
    key: str
    title: str
    width: int


COLUMNS = (
    Column("stt", "STT", 6),
    Column("award_type", "Mã danh hiệu, hình thức", 16),
    Column("kind", "Cá nhân / Tập thể", 14),
    Column("name", "Họ và tên (hoặc tên tập thể)", 30),
    Column("gender", "Giới tính (Nam/Nữ)", 12),
    Column("birth_date", "Ngày sinh (dd/mm/yyyy)", 14),
    Column("citizen_id", "Số CCCD (12 chữ số)", 16),
    Column("position", "Chức vụ, nơi công tác", 30),
    Column("achievement", "Tóm tắt thành tích", 60),
    Column("award_method", "Hình thức tổ chức khen thưởng", 18),
)
TITLES = {c.key: c.title for c in COLUMNS}
LETTERS = {c.key: chr(ord("A") + i) for i, c in enumerate(COLUMNS)}


@dataclass(frozen=True)
class RowError:
    row: int
    column: str
    message: str

    def as_dict(self) -> dict[str, Any]:
        return {"row": self.row, "column": self.column, "message": self.message}


class WorkbookUnreadable(ValueError):
    """The upload is not a workbook this module can read (wrong format, too large, a bomb)."""


def template(award_types: list[AwardType]) -> bytes:
    """The import template, with the catalog's codes offered in a drop-down."""
    wb = Workbook()
    ws = wb.active
    ws.title = SHEET
    ws["A1"] = "DANH SÁCH ĐỀ NGHỊ KHEN THƯỞNG"
    ws["A1"].font = Font(bold=True, size=14)
    ws["A2"] = (
        "Mỗi dòng một đối tượng, từ dòng 5. Cột Mã danh hiệu chọn từ danh sách (xem sheet "
        "Hướng dẫn). Số CCCD nhập dạng văn bản, đủ 12 chữ số."
    )
    ws["A2"].alignment = Alignment(wrap_text=False)
    fill = PatternFill("solid", fgColor="F2DCDB")
    for index, column in enumerate(COLUMNS, start=1):
        cell = ws.cell(row=HEADER_ROW, column=index, value=column.title)
        cell.font = Font(bold=True)
        cell.fill = fill
        cell.alignment = Alignment(wrap_text=True, vertical="center")
        ws.column_dimensions[LETTERS[column.key]].width = column.width
    last = FIRST_ROW + MAX_ROWS - 1
    for key in ("citizen_id", "birth_date"):
        for row in range(FIRST_ROW, FIRST_ROW + 200):
            ws[f"{LETTERS[key]}{row}"].number_format = "@"
    for key, options in (
        ("award_type", ",".join(a.code for a in award_types)),
        ("kind", "Cá nhân,Tập thể"),
        ("gender", "Nam,Nữ"),
        ("award_method", ",".join(METHOD_LABELS.values())),
    ):
        validation = DataValidation(type="list", formula1=f'"{options}"', allow_blank=True)
        validation.add(f"{LETTERS[key]}{FIRST_ROW}:{LETTERS[key]}{last}")
        ws.add_data_validation(validation)
    ws.freeze_panes = f"A{FIRST_ROW}"

    guide = wb.create_sheet("Hướng dẫn")
    guide.append(["Mã", "Danh hiệu, hình thức khen thưởng", "Đối tượng"])
    for award in award_types:
        subject = "Cá nhân" if award.subject.value == "individual" else "Tập thể"
        guide.append([award.code, award.name, subject])
    guide.append([])
    guide.append(["Hình thức tổ chức khen thưởng:", ", ".join(METHOD_LABELS.values())])
    guide.column_dimensions["A"].width = 16
    guide.column_dimensions["B"].width = 50
    return _save(wb)


def _save(wb: Workbook) -> bytes:
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def _check_container(content: bytes) -> None:
    if not content.startswith(b"PK\x03\x04"):
        raise WorkbookUnreadable("Tệp không phải là bảng tính Excel (.xlsx).")
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            if sum(info.file_size for info in archive.infolist()) > MAX_UNCOMPRESSED:
                raise WorkbookUnreadable("Bảng tính quá lớn khi giải nén.")
    except zipfile.BadZipFile as exc:
        raise WorkbookUnreadable("Tệp Excel bị hỏng, không đọc được.") from exc


def _text(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = str(value).strip()
    return text or None


def _date(value: Any, errors: list[RowError], row: int) -> str | None:
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    match = re.fullmatch(r"\s*(\d{1,2})/(\d{1,2})/(\d{4})\s*", str(value))
    if match:
        day, month, year = map(int, match.groups())
        try:
            return dt.date(year, month, day).isoformat()
        except ValueError:
            pass
    errors.append(
        RowError(row, TITLES["birth_date"], "Ngày sinh không hợp lệ; nhập dạng dd/mm/yyyy.")
    )
    return None


_FIELD_TO_COLUMN = {
    "award_type": "award_type",
    "achievement": "achievement",
    "award_method": "award_method",
    "full_name": "name",
    "name": "name",
    "gender": "gender",
    "birth_date": "birth_date",
    "citizen_id": "citizen_id",
    "position": "position",
}


def _column_of(loc: tuple[Any, ...]) -> str:
    for part in reversed(loc):
        if isinstance(part, str) and part in _FIELD_TO_COLUMN:
            return TITLES[_FIELD_TO_COLUMN[part]]
    return TITLES["name"]


def _message_of(error: dict[str, Any], column: str) -> str:
    kind = error.get("type", "")
    if kind == "missing":
        return f"Thiếu {column.lower()}."
    if kind == "string_pattern_mismatch":
        return "Số CCCD phải gồm đúng 12 chữ số."
    if kind == "string_too_long":
        return f"{column} quá dài."
    return f"{column}: giá trị không hợp lệ."


def read_rows(
    content: bytes, subjects: dict[str, str]
) -> tuple[list[tuple[int, NominationIn]], list[RowError]]:
    """Parse and check every row; return the valid nominations with their row numbers and the
    errors. ``subjects`` maps each award code to "individual" or "collective". Only when the
    error list is empty may the rows be saved."""
    _check_container(content)
    try:
        wb = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many types for a broken workbook
        raise WorkbookUnreadable("Không đọc được bảng tính Excel.") from exc
    try:
        if SHEET not in wb.sheetnames:
            raise WorkbookUnreadable(
                f"Bảng tính thiếu sheet “{SHEET}”: hãy dùng mẫu tải từ hệ thống."
            )
        ws = wb[SHEET]
        header = [
            _text(v)
            for v in next(
                _sheet_rows(ws, min_row=HEADER_ROW, max_row=HEADER_ROW, values_only=True), ()
            )
        ]
        if header[: len(COLUMNS)] != [c.title for c in COLUMNS]:
            raise WorkbookUnreadable(
                "Dòng tiêu đề (dòng 4) không đúng mẫu: hãy dùng mẫu tải từ hệ thống."
            )
        rows: list[tuple[int, NominationIn]] = []
        errors: list[RowError] = []
        for number, values in enumerate(
            _sheet_rows(ws, min_row=FIRST_ROW, max_col=len(COLUMNS), values_only=True),
            start=FIRST_ROW,
        ):
            if number >= FIRST_ROW + MAX_ROWS:
                errors.append(
                    RowError(number, TITLES["stt"], f"Tối đa {MAX_ROWS} dòng mỗi lần nhập.")
                )
                break
            cells = dict(zip((c.key for c in COLUMNS), values, strict=False))
            if all(_text(cells.get(c.key)) is None for c in COLUMNS[1:]):
                continue  # blank line
            parsed = _row(number, cells, errors, subjects)
            if parsed is not None:
                rows.append((number, parsed))
        return rows, errors
    finally:
        wb.close()


def _sheet_rows(ws: Any, **bounds: Any) -> Iterator[tuple[Any, ...]]:
    """The sheet's rows as openpyxl reads them, lazily. A broken sheet (XML cut short, a cell
    that is not what its type says, a shared string that does not exist) fails only as it is
    read, with whatever error openpyxl meets: it is refused like a workbook that does not open."""
    rows = ws.iter_rows(**bounds)
    while True:
        try:
            values = next(rows)
        except StopIteration:
            return
        except Exception as exc:  # openpyxl raises many types for a broken sheet
            raise WorkbookUnreadable(
                "Không đọc được bảng tính Excel: nội dung sheet bị hỏng."
            ) from exc
        yield values


def _row(
    number: int, cells: dict[str, Any], errors: list[RowError], subjects: dict[str, str]
) -> NominationIn | None:
    """One row as a nomination; every problem of the row is reported, not only the first."""
    before = len(errors)
    kind_text = (_text(cells.get("kind")) or "Cá nhân").lower()
    kind = KINDS.get(kind_text)
    if kind is None:
        errors.append(RowError(number, TITLES["kind"], "Chỉ nhận “Cá nhân” hoặc “Tập thể”."))
    gender = None
    if (g := _text(cells.get("gender"))) is not None:
        gender = GENDERS.get(g.lower())
        if gender is None:
            errors.append(RowError(number, TITLES["gender"], "Giới tính chỉ nhận “Nam” hoặc “Nữ”."))
    citizen = cells.get("citizen_id")
    if isinstance(citizen, int | float):
        errors.append(
            RowError(
                number,
                TITLES["citizen_id"],
                "Số CCCD phải nhập dạng văn bản (ô dạng số làm mất số 0 ở đầu).",
            )
        )
        citizen = None
    method = None
    if (m := _text(cells.get("award_method"))) is not None:
        method = METHODS.get(m.lower())
        if method is None:
            errors.append(
                RowError(
                    number, TITLES["award_method"], "Hình thức tổ chức khen thưởng không hợp lệ."
                )
            )
    birth = _date(cells.get("birth_date"), errors, number)
    name = _text(cells.get("name"))
    body: dict[str, Any] = {
        "award_type": (_text(cells.get("award_type")) or "").upper(),
        "achievement": _text(cells.get("achievement")) or "",
    }
    if method is not None:
        body["award_method"] = method
    if kind == "collective":
        body["collective"] = {"name": name or ""}
    else:
        person = {
            "full_name": name or "",
            "gender": gender,
            "birth_date": birth,
            "citizen_id": _text(citizen),
            "position": _text(cells.get("position")),
        }
        body["person"] = {k: v for k, v in person.items() if v is not None or k == "full_name"}
    code = body["award_type"]
    if code and code not in subjects:
        errors.append(
            RowError(number, TITLES["award_type"], f"Mã “{code}” không có trong danh mục.")
        )
    elif code and kind and subjects[code] != kind:
        expected = "tập thể" if subjects[code] == "collective" else "cá nhân"
        errors.append(RowError(number, TITLES["kind"], f"Mã {code} chỉ xét cho {expected}."))
    try:
        parsed = NominationIn.model_validate(body)
    except ValidationError as exc:
        for error in exc.errors():
            column = _column_of(tuple(error.get("loc", ())))
            if error.get("type") == "string_too_short":
                message = f"Thiếu {column.lower()}."
            else:
                message = _message_of(error, column)
            errors.append(RowError(number, column, message))
        return None
    return parsed if len(errors) == before else None


def export(nominations: list[NominationRead], *, unit_names: dict[int, str]) -> bytes:
    """A workbook of nominations, without citizen IDs or birth dates."""
    wb = Workbook()
    ws = wb.active
    ws.title = "Đề nghị khen thưởng"
    headers = [
        "Số",
        "Hồ sơ",
        "Đơn vị",
        "Năm",
        "Danh hiệu, hình thức",
        "Đối tượng",
        "Họ tên / Tập thể",
        "Chức vụ",
        "Trạng thái",
        "Thành tích",
        "Ghi chú thẩm định",
        "Trùng với đề nghị",
    ]
    ws.append(headers)
    for cell in ws[1]:
        cell.font = Font(bold=True)
    for n in nominations:
        ws.append(
            [
                n.id,
                n.dossier_id,
                unit_names.get(n.unit_id, ""),
                n.year,
                n.award_name,
                "Cá nhân" if n.nominee.kind.value == "individual" else "Tập thể",
                n.nominee.name,
                n.nominee.position or "",
                STATUS_LABELS[n.status.value],
                n.achievement,
                n.appraisal_note or "",
                ", ".join(map(str, n.duplicates)),
            ]
        )
    for letter, width in zip(
        "ABCDEFGHIJKL", (8, 8, 30, 6, 30, 10, 30, 25, 18, 60, 30, 16), strict=True
    ):
        ws.column_dimensions[letter].width = width
    ws.freeze_panes = "A2"
    return _save(wb)
