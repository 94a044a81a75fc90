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


_DIGITS = ("không", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín")
_GROUPS = ("", "nghìn", "triệu", "tỷ")


def _three_digits(n: int, *, full: bool) -> str:
    """Read 0-999; ``full`` reads leading zeros ("không trăm linh năm") inside a larger number."""
    hundreds, tens, units = n // 100, n // 10 % 10, n % 10
    words: list[str] = []
    if hundreds or full:
        words += [_DIGITS[hundreds], "trăm"]
    if tens == 0:
        if units and (hundreds or full):
            words.append("linh")
    elif tens == 1:
        words.append("mười")
    else:
        words += [_DIGITS[tens], "mươi"]
    if units:
        if units == 1 and tens >= 2:
            words.append("mốt")
        elif units == 5 and tens >= 1:
            words.append("lăm")
        else:
            words.append(_DIGITS[units])
    return " ".join(words)


def number_words(n: int) -> str:
    """A whole number in Vietnamese words, as written on payment documents:
    1450000 → 'một triệu bốn trăm năm mươi nghìn'."""
    if n < 0:
        return "âm " + number_words(-n)
    if n == 0:
        return "không"
    groups: list[int] = []
    while n:
        groups.append(n % 1000)
        n //= 1000
    words: list[str] = []
    for index in range(len(groups) - 1, -1, -1):
        value = groups[index]
        if value == 0:
            continue
        full = index < len(groups) - 1
        scale = _GROUPS[index % 3] if index % 3 else ""
        words.append(_three_digits(value, full=full))
        if scale:
            words.append(scale)
        if index and index % 3 == 0:
            words.append("tỷ")
    return " ".join(w for w in words if w)


def money_text(amount: int) -> str:
    """1450000 → '1.450.000'."""
    return f"{amount:,}".replace(",", ".")
