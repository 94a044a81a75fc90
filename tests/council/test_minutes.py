"""The minutes of the count (biên bản kiểm phiếu) as a PDF."""

from __future__ import annotations

import datetime as dt
import io
import tempfile
import unicodedata
from pathlib import Path

from pypdf import PdfReader

from app.council import minutes
from tests.council.helpers import API, close, opened, votes_by


def _text(pdf: bytes) -> str:
    reader = PdfReader(io.BytesIO(pdf))
    text = "\n".join(page.extract_text() for page in reader.pages)
    return unicodedata.normalize("NFC", " ".join(text.split()))


def test_minutes_carry_the_session_members_counts_ratio_result_and_signatures(
    client, login, as_user
):
    session = opened(client, login, award="CSTD_TINH")
    votes_by(client, as_user, session, ["agree"] * 9 + ["disagree", None])
    close(client, login, session)

    response = client.get(f"{API}/sessions/{session['id']}/minutes.pdf", headers=login("thuky"))

    assert response.status_code == 200
    assert response.headers["content-type"] == "application/pdf"
    text = _text(response.content)
    for expected in (
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "BIÊN BẢN KIỂM PHIẾU",
        "Phiên họp xét khen thưởng năm 2022",
        "05/01/2023",
        "Hồ Tiến Thiệu",
        "Chiến sĩ thi đua cấp tỉnh",
        "9/11",
        "81,8 %",
        "≥ 90 %",
        "Không đạt",
        "THƯ KÝ HỘI ĐỒNG",
        "CHỦ TỊCH HỘI ĐỒNG",
        "Hoàng Thị Thu Hà",
        "Không bỏ phiếu",
    ):
        assert expected in text, expected
    fonts = {
        str(f["/BaseFont"])
        for page in PdfReader(io.BytesIO(response.content)).pages
        for f in page["/Resources"]["/Font"].values()
    }
    assert all("Times" in f or "Liberation-Serif" in f for f in fonts), fonts
    # Kept for a look at the layout (pdftoppm -r 50 -png); the test asserts on the text.
    (Path(tempfile.gettempdir()) / "thidua-council-minutes.pdf").write_bytes(response.content)


def test_minutes_before_closing_are_409(client, login):
    session = opened(client, login)

    response = client.get(f"{API}/sessions/{session['id']}/minutes.pdf", headers=login("thuky"))

    assert response.status_code == 409


def test_long_dates_follow_decree_30():
    assert minutes.long_date(dt.date(2023, 1, 5)) == "ngày 05 tháng 01 năm 2023"
    assert minutes.long_date(dt.date(2023, 3, 15)) == "ngày 15 tháng 3 năm 2023"
    assert minutes.long_date(dt.date(2022, 12, 31)) == "ngày 31 tháng 12 năm 2022"
