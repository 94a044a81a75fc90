"""Domain errors carry their HTTP status; one handler renders them for the API and the web."""

from __future__ import annotations


class AppError(Exception):
    """Base of every domain error: ``{"error": <class name>, "detail": <message>}``."""

    status_code = 400
    default_detail = "Yêu cầu không hợp lệ."

    def __init__(self, detail: str | None = None, *, extra: dict | None = None) -> None:
        self.detail = detail or self.default_detail
        # More fields for the error body, e.g. the per-row errors of an import.
        self.extra = extra or {}
        super().__init__(self.detail)

    @property
    def error(self) -> str:
        return type(self).__name__


class BadRequest(AppError):
    status_code = 400


class NotAuthenticated(AppError):
    status_code = 401
    default_detail = "Chưa đăng nhập hoặc phiên đăng nhập đã hết hạn."


class InvalidCredentials(AppError):
    status_code = 401
    default_detail = "Tên đăng nhập hoặc mật khẩu không đúng."


class InvalidToken(AppError):
    status_code = 401
    default_detail = "Mã xác thực không hợp lệ hoặc đã hết hạn."


class Forbidden(AppError):
    status_code = 403
    default_detail = "Bạn không có quyền thực hiện thao tác này."


class CsrfFailed(AppError):
    status_code = 403
    default_detail = "Biểu mẫu đã hết hạn hoặc không hợp lệ. Vui lòng tải lại trang và thử lại."


class NotFound(AppError):
    status_code = 404
    default_detail = "Không tìm thấy."


class Conflict(AppError):
    status_code = 409
    default_detail = "Xung đột với dữ liệu hiện có."


class PayloadTooLarge(AppError):
    status_code = 413
    default_detail = "Tệp quá lớn."


class UnsupportedMediaType(AppError):
    status_code = 415
    default_detail = "Định dạng tệp không được chấp nhận."
