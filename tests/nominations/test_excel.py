"""The Excel round trip: template → filled list → import (all or nothing) → export."""

from __future__ import annotations

import io
import zipfile

import pytest
from openpyxl import load_workbook

from app.nominations import excel
from tests.factories import create_dossier, submitted_dossier

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _template(client, headers) -> bytes:
    response = client.get("/api/v1/dossiers/import-template", headers=headers)
    assert response.status_code == 200
    assert response.headers["content-type"] == XLSX
    return response.content


def _filled(template: bytes, rows: list[list]) -> bytes:
    wb = load_workbook(io.BytesIO(template))
    ws = wb[excel.SHEET]
    for offset, row in enumerate(rows):
        for col, value in enumerate(row, start=1):
            ws.cell(row=excel.FIRST_ROW + offset, column=col, value=value)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def _import(client, headers, dossier_id: int, content: bytes):
    return client.post(
        f"/api/v1/dossiers/{dossier_id}/import",
        files={"file": ("danh-sach.xlsx", content, XLSX)},
        headers=headers,
    )


GOOD_ROWS = [
    [
        1,
        "CSTDCS",
        "Cá nhân",
        "Nguyễn Thị Ánh Tuyết",
        "Nữ",
        "05/02/1985",
        "020185001111",
        "Điều dưỡng trưởng",
        "Có sáng kiến cấp cơ sở.",
        "Thường xuyên",
    ],
    [
        2,
        "LDTT",
        "Cá nhân",
        "Hoàng Văn Đức",
        "Nam",
        "17/11/1990",
        "020190002222",
        "Bác sĩ",
        "Hoàn thành tốt nhiệm vụ.",
        None,
    ],
    [
        3,
        "TTLDXS",
        "Tập thể",
        "Khoa Nhi",
        None,
        None,
        None,
        None,
        "Tập thể xuất sắc.",
        "Thường xuyên",
    ],
]


def test_excel_round_trip(client, login):
    unit, office = login("donvi1"), login("thuky")
    dossier = create_dossier(client, unit, [])

    imported = _import(client, unit, dossier["id"], _filled(_template(client, unit), GOOD_ROWS))

    assert imported.status_code == 201, imported.text
    assert [n["nominee"]["name"] for n in imported.json()] == [
        "Nguyễn Thị Ánh Tuyết",
        "Hoàng Văn Đức",
        "Khoa Nhi",
    ]
    person = client.get(
        f"/api/v1/people/{imported.json()[0]['nominee']['person_id']}", headers=unit
    ).json()
    assert (person["birth_date"], person["citizen_id"], person["gender"]) == (
        "1985-02-05",
        "020185001111",
        "nu",
    )

    from tests.factories import attach

    attach(client, unit, dossier["id"])
    client.post(f"/api/v1/dossiers/{dossier['id']}/submit", headers=unit)
    exported = client.get(
        "/api/v1/nominations/export.xlsx", params={"dossier_id": dossier["id"]}, headers=office
    )
    ws = load_workbook(io.BytesIO(exported.content)).active
    names = [row[6] for row in ws.iter_rows(min_row=2, values_only=True)]
    assert {"Nguyễn Thị Ánh Tuyết", "Hoàng Văn Đức", "Khoa Nhi"} <= set(names)
    flat = " ".join(str(v) for row in ws.iter_rows(values_only=True) for v in row if v is not None)
    assert "020185001111" not in flat
    assert "1985" not in flat


def test_excel_bad_row_reports_row_and_column_and_saves_nothing(client, login):
    unit = login("donvi1")
    dossier = create_dossier(client, unit, [])
    rows = [
        GOOD_ROWS[0],
        [
            2,
            "LDTT",
            "Cá nhân",
            "Hoàng Văn Đức",
            "Nam",
            "31/02/1990",
            "02019000222",
            "Bác sĩ",
            "x",
            None,
        ],
        [3, "KHONG_CO", "Cá nhân", "Lê Thị Hà", "Khác", None, None, None, "", None],
    ]

    response = _import(client, unit, dossier["id"], _filled(_template(client, unit), rows))
    after = client.get(f"/api/v1/dossiers/{dossier['id']}", headers=unit).json()

    assert response.status_code == 400
    body = response.json()
    assert body["error"] == "ImportRejected"
    cells = {(e["row"], e["column"]) for e in body["errors"]}
    assert (6, "Ngày sinh (dd/mm/yyyy)") in cells
    assert (7, "Giới tính (Nam/Nữ)") in cells
    assert all(6 <= e["row"] <= 7 for e in body["errors"])
    assert after["nominations"] == []


def test_excel_citizen_id_typed_as_number_is_explained(client, login):
    unit = login("donvi1")
    dossier = create_dossier(client, unit, [])
    row = list(GOOD_ROWS[1])
    row[6] = 20190002222  # Excel dropped the leading zero

    response = _import(client, unit, dossier["id"], _filled(_template(client, unit), [row]))

    assert response.status_code == 400
    assert "dạng văn bản" in response.json()["errors"][0]["message"]


def test_excel_unknown_award_code_in_row_is_reported_and_nothing_saved(client, login):
    unit = login("donvi1")
    dossier = create_dossier(client, unit, [])
    rows = [
        GOOD_ROWS[0],
        [2, "HUAN_CHUONG", "Cá nhân", "Lý Văn Nam", "Nam", None, "020190003333", None, "x", None],
    ]

    response = _import(client, unit, dossier["id"], _filled(_template(client, unit), rows))

    assert response.status_code == 400
    assert [e["row"] for e in response.json()["errors"]] == [6]
    assert "HUAN_CHUONG" in response.json()["errors"][0]["message"]
    assert client.get(f"/api/v1/dossiers/{dossier['id']}", headers=unit).json()["nominations"] == []


@pytest.mark.parametrize(
    "content",
    [b"not a workbook", b"PK\x03\x04broken zip", b"%PDF-1.4 pretending"],
    ids=["text", "broken-zip", "pdf"],
)
def test_excel_unreadable_file_is_415(client, login, content):
    unit = login("donvi1")
    dossier = create_dossier(client, unit, [])

    assert _import(client, unit, dossier["id"], content).status_code == 415


def test_excel_compressed_bomb_is_refused(client, login):
    unit = login("donvi1")
    dossier = create_dossier(client, unit, [])
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/worksheets/sheet1.xml", b"0" * (excel.MAX_UNCOMPRESSED + 1))

    response = _import(client, unit, dossier["id"], out.getvalue())

    assert response.status_code == 415
    assert "giải nén" in response.json()["detail"]


def _with_sheet_xml(template: bytes, change) -> bytes:
    """The template with the XML of its list sheet changed by ``change(xml) -> xml``."""
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(template)) as source,
        zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as archive,
    ):
        for name in source.namelist():
            data = source.read(name)
            archive.writestr(name, change(data) if name == "xl/worksheets/sheet1.xml" else data)
    return out.getvalue()


def _broken_cell(cell: str):
    return lambda xml: xml.replace(b"</sheetData>", b'<row r="205">' + cell + b"</row></sheetData>")


@pytest.mark.parametrize(
    "change",
    [
        lambda xml: xml[: len(xml) // 2],
        _broken_cell(b'<c r="B205" t="s"><v>99999</v></c>'),
        _broken_cell(b'<c r="B205"><v>abc</v></c>'),
        _broken_cell(b'<c r="F205" t="d"><v>notadate</v></c>'),
        _broken_cell(b'<c r="!!" t="inlineStr"><is><t>x</t></is></c>'),
    ],
    ids=["cut-short", "no-such-shared-string", "text-in-number", "text-in-date", "bad-ref"],
)
def test_excel_sheet_broken_inside_is_415_and_saves_nothing(client, login, change):
    unit = login("donvi1")
    dossier = create_dossier(client, unit, [])
    content = _with_sheet_xml(_filled(_template(client, unit), GOOD_ROWS), change)

    response = _import(client, unit, dossier["id"], content)

    assert response.status_code == 415
    assert "Không đọc được bảng tính Excel" in response.json()["detail"]
    assert client.get(f"/api/v1/dossiers/{dossier['id']}", headers=unit).json()["nominations"] == []


def test_excel_wrong_header_is_refused(client, login):
    unit = login("donvi1")
    dossier = create_dossier(client, unit, [])
    wb = load_workbook(io.BytesIO(_template(client, unit)))
    wb[excel.SHEET]["D4"] = "Tên"
    out = io.BytesIO()
    wb.save(out)

    response = _import(client, unit, dossier["id"], out.getvalue())

    assert response.status_code == 415
    assert "tiêu đề" in response.json()["detail"]


def test_excel_import_into_submitted_dossier_is_409(client, login):
    unit = login("donvi1")
    dossier = submitted_dossier(client, unit)

    response = _import(client, unit, dossier["id"], _filled(_template(client, unit), GOOD_ROWS[:1]))

    assert response.status_code == 409


def test_excel_export_is_for_the_office(client, login):
    assert client.get("/api/v1/nominations/export.xlsx", headers=login("donvi1")).status_code == 403
