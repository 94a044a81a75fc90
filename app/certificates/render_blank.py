"""Printing onto pre-printed blanks (phôi): only the variable fields, placed in millimetres.

A blank already carries the border, the emblem, the motto lines, the issuer and the heading. The
office prints the eight variable fields of DOMAIN.md §9 onto it, at positions it calibrates per
certificate kind, plus one printer offset (dx, dy) that shifts everything (printers feed paper a
little off). Positions are millimetres from the page's top-left corner, never screen pixels.

``DEFAULT_BLANK_LAYOUT`` is the default as plain JSON-serialisable data::

    {
      "offset_dx_mm": 0.0, "offset_dy_mm": 0.0,     # printer offset, added to every field
      "kinds": {
        "bang_khen": {
          "width_mm": 420.0, "height_mm": 297.0,    # the blank's paper (A3 landscape)
          "fields": {
            "name": {"x_mm": 62.0, "y_mm": 128.0,   # top-left corner of the field's box
                     "width_mm": 296.0, "height_mm": 14.0,
                     "font_size_pt": 24.0, "align": "center",   # left | center | right
                     "bold": true, "italic": false, "enabled": true},
            ...                                     # the eight fields of FIELDS (and "qr")
          }
        },
        "giay_khen": {...}, "chung_nhan_cstd": {...}
      }
    }

The default positions follow this service's own full-colour layout printed on A3; a real blank
differs, which is what ``render_calibration`` is for: print it on plain paper, hold it against a
blank to the light, and move each box (or the offset) until it sits on the blank's field.
"""

from __future__ import annotations

import copy
from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass
from typing import Any, Literal

from jinja2 import Environment
from markupsafe import Markup

from app.certificates.render_data import (
    KINDS,
    CertificateView,
    long_date,
    place_and_date,
    position_line,
)

# The eight variable fields of a blank (DOMAIN.md §9), in print order, with their labels on the
# calibration page. "qr" is optional (off by default): most blanks have no room reserved for it.
FIELDS: tuple[str, ...] = (
    "salutation",
    "name",
    "position_unit",
    "achievement",
    "decision_line",
    "place_date",
    "signer_title",
    "signer_name",
)
OPTIONAL_FIELDS: tuple[str, ...] = ("qr",)
FIELD_LABELS: Mapping[str, str] = {
    "salutation": "Lời tặng («Tặng»)",
    "name": "Họ và tên / tên tập thể",
    "position_unit": "Chức vụ, đơn vị",
    "achievement": "Thành tích",
    "decision_line": "Số quyết định, ngày, số sổ vàng",
    "place_date": "Địa danh, ngày tháng năm",
    "signer_title": "Chức danh người ký",
    "signer_name": "Họ tên người ký",
    "qr": "Mã QR xác thực",
}

Align = Literal["left", "center", "right"]


@dataclass(frozen=True, slots=True)
class FieldBox:
    """Where and how one variable field prints, in mm from the page's top-left corner."""

    x_mm: float
    y_mm: float
    width_mm: float
    height_mm: float
    font_size_pt: float
    align: Align = "center"
    bold: bool = False
    italic: bool = False
    enabled: bool = True

    def __post_init__(self) -> None:
        if self.align not in ("left", "center", "right"):
            raise ValueError(f"align must be left, center or right, not {self.align!r}")
        if self.width_mm <= 0 or self.height_mm <= 0 or self.font_size_pt <= 0:
            raise ValueError("width, height and font size must be positive")


@dataclass(frozen=True, slots=True)
class KindBlank:
    """One kind's blank: its paper and its fields."""

    width_mm: float
    height_mm: float
    fields: Mapping[str, FieldBox]


@dataclass(frozen=True, slots=True)
class BlankLayout:
    """Per-kind field positions of the pre-printed blanks, plus the printer offset."""

    kinds: Mapping[str, KindBlank]
    offset_dx_mm: float = 0.0
    offset_dy_mm: float = 0.0

    @classmethod
    def default(cls) -> BlankLayout:
        """The shipped default: A3 landscape, positions of this service's own layout."""
        return cls.from_dict(DEFAULT_BLANK_LAYOUT)

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> BlankLayout:
        """Read a layout from JSON-like data; kinds or fields left out take the defaults."""
        kinds: dict[str, KindBlank] = {}
        given_kinds = data.get("kinds", {})
        unknown = set(given_kinds) - set(KINDS)
        if unknown:
            raise ValueError(f"blank layout for unknown kinds: {sorted(unknown)}")
        for kind in KINDS:
            base = DEFAULT_BLANK_LAYOUT["kinds"][kind]
            given = given_kinds.get(kind, {})
            fields_data = given.get("fields", {})
            unknown_fields = set(fields_data) - set(FIELDS) - set(OPTIONAL_FIELDS)
            if unknown_fields:
                raise ValueError(f"unknown blank fields for {kind}: {sorted(unknown_fields)}")
            fields = {
                name: FieldBox(**{**base["fields"][name], **fields_data.get(name, {})})
                for name in (*FIELDS, *OPTIONAL_FIELDS)
            }
            kinds[kind] = KindBlank(
                width_mm=float(given.get("width_mm", base["width_mm"])),
                height_mm=float(given.get("height_mm", base["height_mm"])),
                fields=fields,
            )
        return cls(
            kinds=kinds,
            offset_dx_mm=float(data.get("offset_dx_mm", 0.0)),
            offset_dy_mm=float(data.get("offset_dy_mm", 0.0)),
        )

    def to_dict(self) -> dict[str, Any]:
        """The layout as JSON-serialisable data (the shape of DEFAULT_BLANK_LAYOUT)."""
        return {
            "offset_dx_mm": self.offset_dx_mm,
            "offset_dy_mm": self.offset_dy_mm,
            "kinds": {
                kind: {
                    "width_mm": k.width_mm,
                    "height_mm": k.height_mm,
                    "fields": {name: asdict(box) for name, box in k.fields.items()},
                }
                for kind, k in self.kinds.items()
            },
        }

    def sheet_html(
        self, view: CertificateView, env: Environment, *, qr: Markup | None = None
    ) -> Markup:
        """One blank's page: the variable fields of this certificate."""
        template = env.get_template("certificates/blank_sheet.html")
        return Markup(  # noqa: S704 - rendered by the autoescaping environment
            template.render(
                kind=view.kind,
                boxes=self.kinds[view.kind].fields,
                texts=field_texts(view),
                sizes=_shrink(view),
                qr=qr,
            )
        )


def field_texts(view: CertificateView) -> dict[str, str | list[str]]:
    """What each variable field prints for this certificate (lists print as lines)."""
    return {
        "salutation": "Tặng",
        "name": view.recipient_name,
        "position_unit": position_line(view),
        "achievement": view.achievement,
        "decision_line": [
            f"Số quyết định: {view.decision_number} {long_date(view.decision_date)}",
            f"Số sổ vàng: {view.serial}",
        ],
        "place_date": place_and_date(view.place, view.decision_date),
        "signer_title": view.signer_title,
        "signer_name": view.signer_name,
    }


def _shrink(view: CertificateView) -> dict[str, float]:
    # A field's box has a fixed size: long names and citations print smaller rather than spill.
    n, a = len(view.recipient_name), len(view.achievement)
    return {
        "name": 1.0 if n <= 45 else 0.83 if n <= 80 else 0.7 if n <= 130 else 0.6,
        "achievement": 1.0 if a <= 300 else 0.87 if a <= 520 else 0.77 if a <= 800 else 0.67,
    }


def blank_stylesheet_text(layout: BlankLayout, font_family: str) -> str:
    """The stylesheet of blank mode and the calibration page for this layout."""
    from app.certificates.render import _css_env  # the non-escaping CSS environment

    return _css_env.get_template("certificates/blank.css").render(
        layout=layout, font_family=font_family
    )


def blank_document_html(sheets: Sequence[Markup], env: Environment) -> str:
    """The print document of blank-mode sheets."""
    return env.get_template("certificates/document.html").render(
        sheets=sheets, title="In trên phôi"
    )


def calibration_document_html(
    layout: BlankLayout, env: Environment, *, kinds: Sequence[str] | None = None
) -> str:
    """Calibration pages: rulers, a 10 mm grid, and a labelled box per field."""
    kinds = list(kinds) if kinds else list(KINDS)
    unknown = set(kinds) - set(KINDS)
    if unknown:
        raise ValueError(f"unknown kinds: {sorted(unknown)}")
    template = env.get_template("certificates/calibration.html")
    sheets = [
        Markup(  # noqa: S704 - rendered by the autoescaping environment
            template.render(
                kind=kind,
                kind_label=KIND_LABELS[kind],
                blank=layout.kinds[kind],
                layout=layout,
                labels=FIELD_LABELS,
                grid=Markup(_grid_svg(layout.kinds[kind])),  # noqa: S704 - numbers only
            )
        )
        for kind in kinds
    ]
    return env.get_template("certificates/document.html").render(
        sheets=sheets, title="Trang căn chỉnh phôi"
    )


KIND_LABELS: Mapping[str, str] = {
    "bang_khen": "Bằng khen",
    "giay_khen": "Giấy khen",
    "chung_nhan_cstd": "Bằng chứng nhận danh hiệu thi đua",
}


def _grid_svg(blank: KindBlank) -> str:
    """A mm ruler along the top and left edges and a 10 mm grid, as one inline SVG in mm units."""
    w, h = blank.width_mm, blank.height_mm
    fine, major = [], []
    for x in range(0, int(w) + 1):
        tick = 6 if x % 10 == 0 else 3.5 if x % 5 == 0 else 2
        fine.append(f"M{x} 0V{tick}M{x} {h}V{h - tick}")
        if x % 10 == 0 and 0 < x < w:
            major.append(f"M{x} 0V{h}")
    for y in range(0, int(h) + 1):
        tick = 6 if y % 10 == 0 else 3.5 if y % 5 == 0 else 2
        fine.append(f"M0 {y}H{tick}M{w} {y}H{w - tick}")
        if y % 10 == 0 and 0 < y < h:
            major.append(f"M0 {y}H{w}")
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="grid" viewBox="0 0 {w} {h}">'
        f'<path d="{"".join(major)}" stroke="#c9d6e8" stroke-width="0.15" fill="none"/>'
        f'<path d="{"".join(fine)}" stroke="#000" stroke-width="0.12" fill="none"/>'
        "</svg>"
    )


def _box(x, y, w, h, size, align="center", bold=False, italic=False, enabled=True):
    return {
        "x_mm": x,
        "y_mm": y,
        "width_mm": w,
        "height_mm": h,
        "font_size_pt": size,
        "align": align,
        "bold": bold,
        "italic": italic,
        "enabled": enabled,
    }


_A3_FIELDS = {
    "salutation": _box(160.0, 101.0, 100.0, 9.0, 15.0),
    "name": _box(62.0, 127.0, 296.0, 15.0, 24.0, bold=True),
    "position_unit": _box(62.0, 143.0, 296.0, 9.0, 15.0),
    "achievement": _box(72.0, 154.0, 276.0, 48.0, 15.0, italic=True),
    "decision_line": _box(56.0, 214.0, 130.0, 14.0, 12.0, align="left"),
    "place_date": _box(228.0, 207.0, 150.0, 8.0, 14.0, italic=True),
    "signer_title": _box(228.0, 216.0, 150.0, 8.0, 15.0, bold=True),
    "signer_name": _box(228.0, 260.0, 150.0, 9.0, 16.0, bold=True),
    "qr": _box(56.0, 232.0, 24.0, 24.0, 8.0, align="left", enabled=False),
}

# The shipped default (see the module docstring for the shape). JSON-serialisable.
DEFAULT_BLANK_LAYOUT: dict[str, Any] = {
    "offset_dx_mm": 0.0,
    "offset_dy_mm": 0.0,
    "kinds": {
        kind: {"width_mm": 420.0, "height_mm": 297.0, "fields": copy.deepcopy(_A3_FIELDS)}
        for kind in KINDS
    },
}
