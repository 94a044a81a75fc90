"""Vietnamese text helpers: diacritic-free folding for search, Vietnamese name ordering."""

from __future__ import annotations

import unicodedata


def fold(value: str) -> str:
    """Lower-case, without diacritics (đ → d): 'Nguyễn Văn Thắng' → 'nguyen van thang'."""
    decomposed = unicodedata.normalize("NFD", value.replace("đ", "d").replace("Đ", "D"))
    stripped = "".join(c for c in decomposed if unicodedata.category(c) != "Mn")
    return " ".join(stripped.lower().split())


def name_sort_key(full_name: str) -> tuple[str, str, str]:
    """Sort the Vietnamese way: by given name (last word), then family and middle names."""
    parts = full_name.split()
    if not parts:
        return ("", "", "")
    given = parts[-1]
    rest = " ".join(parts[:-1])
    return (fold(given), fold(rest), full_name)
