"""Files under THIDUA_DATA_DIR, written atomically under generated names.

A file is first written to a temporary name in the same directory, flushed to disk, then renamed:
a full disk or an unwritable directory raises :class:`StorageError` (HTTP 507) and leaves no
half-written file behind.
"""

from __future__ import annotations

import contextlib
import os
import secrets
from pathlib import Path

from app.core.config import get_settings
from app.core.errors import AppError


class StorageError(AppError):
    status_code = 507
    default_detail = "Không lưu được tệp: thư mục dữ liệu đầy hoặc không ghi được."


def area(name: str) -> Path:
    """A sub-directory of the data directory (created when missing)."""
    path = get_settings().data_dir / name
    try:
        path.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise StorageError() from exc
    return path


def generated_name(suffix: str) -> str:
    return secrets.token_hex(16) + suffix


def write_atomic(directory: Path, name: str, data: bytes) -> Path:
    """Write ``data`` to ``directory/name`` all or nothing."""
    final = directory / name
    tmp = directory / f".{name}.{secrets.token_hex(4)}.tmp"
    try:
        with open(tmp, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, final)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise StorageError() from exc
    return final


def remove_quietly(path: Path) -> None:
    with contextlib.suppress(OSError):
        path.unlink(missing_ok=True)
