"""Certificate rendering core: plain data in, PDF bytes out; no database.

Public API (import from here):

- ``CertificateView``, ``verify_url(code)``: the data a certificate prints, its QR address.
- ``PageFormat``, ``PAGE_FORMATS``: the page size of each kind, in one place.
- ``render_html(views)``: the HTML document (for tests and debugging).
- ``render_one(view)``, ``render_batch(views)``: one PDF; a failure raises ``RenderError``.
  Full-colour certificates print in two layers (see "layers" below); ``layered=False`` lays each
  sheet out in one piece, the reference the layers are tested against (and the benchmark's
  baseline).
- ``render_parallel(views, processes=2, chunk=...)``: one PDF from worker processes, with the
  certificates that failed reported instead of raised: ``pdf, failed = render_parallel(...)``.
- ``render_blank(views, layout)``, ``render_calibration(layout)``: the pre-printed blank (phôi)
  mode, from ``app.certificates.render_blank``.
- ``warm_up()``: pay the first-render costs (imports, fonts, stylesheet) at start-up;
  ``warm_pool(processes)``: start the worker processes ahead of the first print job;
  ``shutdown_pool()``.

Page sizes. NĐ 50/2006 Art 28 (superseded by NĐ 85/2014; used as a structural guide) gives the
Bằng khen as 400 x 300 mm with an inner border of 320 x 230 mm. Offices also print on A3 or A4, so
each kind's paper is a ``PageFormat`` in ``PAGE_FORMATS``; every render function takes a
``formats`` mapping to override it (e.g. ``{**PAGE_FORMATS, "bang_khen": PageFormat.a3()}``).
The layout is designed for the 320 x 230 mm frame and scales with each format's frame.
"""

from __future__ import annotations

import concurrent.futures as cf
import gc
import hashlib
import json
import logging
import multiprocessing
import os
import select
import threading
import time
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass
from functools import lru_cache
from pathlib import Path
from stat import S_ISREG
from types import MappingProxyType
from typing import Any, NamedTuple

import segno
from jinja2 import Environment, FileSystemBytecodeCache, FileSystemLoader, StrictUndefined
from markupsafe import Markup

from app.certificates import pdf_engine
from app.certificates.render_blank import (
    DEFAULT_BLANK_LAYOUT,
    BlankLayout,
    FieldBox,
    blank_document_html,
    blank_stylesheet_text,
    calibration_document_html,
)
from app.certificates.render_data import (
    KINDS,
    CertificateView,
    long_date,
    place_and_date,
    position_line,
    verify_url,
)
from app.core.config import get_settings

__all__ = [
    "DEFAULT_BLANK_LAYOUT",
    "FONT_FAMILY",
    "PAGE_FORMATS",
    "BlankLayout",
    "CertificateView",
    "ContentTooLong",
    "FieldBox",
    "PageFormat",
    "RenderError",
    "RenderFailure",
    "RenderResult",
    "cache_key",
    "default_chunk",
    "get_pool",
    "processes_available",
    "render_batch",
    "render_blank",
    "render_calibration",
    "render_html",
    "render_one",
    "render_parallel",
    "shutdown_pool",
    "verify_url",
    "warm_pool",
    "warm_up",
]

log = logging.getLogger("thidua.certificates")

TEMPLATES_DIR = Path(__file__).resolve().parents[2] / "templates"
STATIC_DIR = Path(__file__).resolve().parents[1] / "static" / "certificates"
ASSET_NAMES = ("emblem", "seal", "signature")

# Times New Roman is the administrative standard (NĐ 30/2020); Liberation Serif is its metric twin
# and DejaVu Serif the last Vietnamese-capable fallback.
FONT_FAMILY = '"Times New Roman", "Liberation Serif", "DejaVu Serif", serif'

# The layout is designed in millimetres for the Bằng khen's inner frame.
DESIGN_FRAME_MM = (320.0, 230.0)


@dataclass(frozen=True, slots=True)
class PageFormat:
    """Paper of one certificate kind: page and inner frame in mm, signing space, QR size."""

    width_mm: float
    height_mm: float
    frame_width_mm: float
    frame_height_mm: float
    band_inset_mm: float = 12.0  # outer decorative double line, from the paper's edge
    sign_space_mm: float = 35.0  # room for the signature and the seal
    qr_mm: float = 24.0

    def __post_init__(self) -> None:
        if not (
            0 < self.frame_width_mm <= self.width_mm and 0 < self.frame_height_mm <= self.height_mm
        ):
            raise ValueError("the frame must be positive and fit inside the page")
        if self.qr_mm < 15:
            raise ValueError("a QR code under 15 mm does not scan reliably once printed")

    @property
    def scale(self) -> float:
        return min(
            self.frame_width_mm / DESIGN_FRAME_MM[0], self.frame_height_mm / DESIGN_FRAME_MM[1]
        )

    @classmethod
    def bang_khen(cls) -> PageFormat:
        """400 x 300 mm, inner border 320 x 230 mm (NĐ 50/2006 Art 28)."""
        return cls(400, 300, 320, 230)

    @classmethod
    def a3(cls) -> PageFormat:
        """A3 landscape, 420 x 297 mm."""
        return cls(420, 297, 336, 236)

    @classmethod
    def a4(cls) -> PageFormat:
        """A4 landscape, 297 x 210 mm (the signing space stays 35 mm: the seal does not shrink)."""
        return cls(297, 210, 263, 184, band_inset_mm=8.0, qr_mm=20.0)


# The one place where each kind's paper is set. Giấy khen and giấy chứng nhận sizes are not in
# a current decree we could confirm: A4 landscape is what offices commonly print on.
PAGE_FORMATS: Mapping[str, PageFormat] = MappingProxyType(
    {
        "bang_khen": PageFormat.bang_khen(),
        "giay_khen": PageFormat.a4(),
        "chung_nhan_cstd": PageFormat.a4(),
    }
)


class RenderError(RuntimeError):
    """One or more certificates could not be rendered; ``failures`` says which and why."""

    def __init__(self, failures: Sequence[RenderFailure]):
        self.failures = list(failures)
        first = self.failures[0] if self.failures else None
        detail = f" Bằng thứ {first.index + 1}: {first.error}" if first else ""
        super().__init__(f"Không in được {len(self.failures)} bằng.{detail}")


class RenderFailure(NamedTuple):
    index: int  # position in the input sequence
    error: str


class RenderResult(NamedTuple):
    """The merged PDF (b"" when nothing rendered) and the certificates that failed, in order."""

    pdf: bytes
    failed: list[RenderFailure]


# --- templates --------------------------------------------------------------------------------

# Compiled templates are kept on disk (a private per-user folder in the temp directory, keyed by
# the template's source): a fresh worker process skips compiling them, a third of its first render.
_bytecode_cache = FileSystemBytecodeCache()
_env = Environment(
    loader=FileSystemLoader(str(TEMPLATES_DIR)),
    autoescape=True,  # names and citations are user data: they must print as text
    undefined=StrictUndefined,
    auto_reload=False,
    bytecode_cache=_bytecode_cache,
)
# Only configuration (formats, font stack) reaches the stylesheet template, never user data.
_css_env = Environment(
    loader=FileSystemLoader(str(TEMPLATES_DIR)),
    autoescape=False,  # noqa: S701 - CSS from configuration only, see above
    undefined=StrictUndefined,
    auto_reload=False,
    bytecode_cache=_bytecode_cache,
)


def _mm(value: float, scale: float) -> float:
    return round(value * scale, 2)


def _vn_decimal(value: float) -> str:
    """62.0 → '62', 62.5 → '62,5': millimetres as a Vietnamese reader writes them."""
    return f"{value:.1f}".rstrip("0").rstrip(".").replace(".", ",")


_css_env.globals.update(mm=_mm, pt=_mm)
_env.filters["vn_decimal"] = _vn_decimal


def _check_font_family(font_family: str) -> str:
    if any(c in font_family for c in "{};<>\\"):
        raise ValueError(f"not a CSS font-family list: {font_family!r}")
    return font_family


def _formats_key(formats: Mapping[str, PageFormat] | None) -> tuple[tuple[str, PageFormat], ...]:
    merged = {**PAGE_FORMATS, **(formats or {})}
    unknown = set(merged) - set(KINDS)
    if unknown:
        raise ValueError(f"page formats for unknown kinds: {sorted(unknown)}")
    return tuple((kind, merged[kind]) for kind in KINDS)


@lru_cache(maxsize=16)
def _certificate_css_text(formats_key: tuple[tuple[str, PageFormat], ...], font_family: str) -> str:
    template = _css_env.get_template("certificates/print.css")
    return template.render(formats=dict(formats_key), font_family=_check_font_family(font_family))


def _template_for(view: CertificateView):
    return _template(view.kind, view.subject)


@lru_cache(maxsize=16)
def _template(kind: str, subject: str):
    # A kind may have one layout for both subjects (chung_nhan_cstd.html).
    return _env.select_template(
        [f"certificates/{kind}_{subject}.html", f"certificates/{kind}.html"]
    )


# Long names and citations print smaller. The first guess comes from their length; the laid-out
# page is then checked (``_overflowing``) and a sheet whose text would run into the signature
# block is laid out again one size smaller.
NAME_SIZES = 4  # classes n1..n4 in print.css
ACHIEVEMENT_SIZES = 5  # classes a1..a5


def _first_fit(view: CertificateView) -> tuple[int, int]:
    n, a = len(view.recipient_name), len(view.achievement)
    name = 1 if n <= 45 else 2 if n <= 80 else 3 if n <= 130 else 4
    achievement = 1 if a <= 300 else 2 if a <= 450 else 3 if a <= 650 else 4 if a <= 900 else 5
    return name, achievement


def _smaller(fit: tuple[int, int]) -> tuple[int, int] | None:
    name, achievement = fit
    if achievement < ACHIEVEMENT_SIZES:
        return name, achievement + 1
    if name < NAME_SIZES:
        return name + 1, achievement
    return None


class ContentTooLong(ValueError):
    """Even the smallest type size cannot fit the name and citation on the certificate."""

    def __init__(self) -> None:
        super().__init__(
            "Nội dung quá dài, không in vừa khổ giấy (tên, chức vụ hoặc thành tích): "
            "cần rút gọn trước khi in."
        )


# How the QR code is embedded: "png" (a tiny 1-pixel-per-module PNG drawn without smoothing) or
# "svg" (inline vector paths). The PNG costs WeasyPrint far less to draw; see bench/README.md.
QR_FORMAT = "png"


def _qr_markup(url: str, fmt: str | None = None) -> Markup:
    qr = segno.make(url, error="m", micro=False)
    if (fmt or QR_FORMAT) == "svg":
        # Vector; the size comes from the stylesheet (no width/height attributes).
        return Markup(qr.svg_inline(scale=1, border=2, omitsize=True))  # noqa: S704 - no user text
    # Not cached by URL in the image cache: data: URLs are unique per certificate.
    return Markup(f'<img class="qr-img" src="{qr.png_data_uri(scale=1, border=2)}" alt="">')  # noqa: S704


def asset_urls(data_dir: Path | None = None) -> dict[str, str]:
    """File URLs of the emblem, seal and signature: the deployer's, else our placeholders.

    A deployer puts ``emblem``, ``seal`` and ``signature`` (``.svg`` or ``.png``) in
    ``{THIDUA_DATA_DIR}/certificates/``; whichever is missing falls back to the shipped drawing.
    Each URL carries the file's modification time and size (``?v=…``): a file replaced while the
    service runs is a new URL, so no cache (WeasyPrint's images, the static layers, the rendered
    PDFs, whose key holds these URLs) keeps printing the old picture.
    """
    base = (data_dir if data_dir is not None else get_settings().data_dir) / "certificates"
    urls = {}
    for name in ASSET_NAMES:
        for path in (base / f"{name}.svg", base / f"{name}.png", STATIC_DIR / f"{name}.svg"):
            try:
                info = path.stat()
            except OSError:  # not there (or removed just now): the next one
                continue
            if S_ISREG(info.st_mode):
                urls[name] = f"{path.resolve().as_uri()}?v={info.st_mtime_ns:x}-{info.st_size:x}"
                break
    return urls


@dataclass(frozen=True, slots=True)
class _Options:
    """Everything a worker needs besides the views, so that it never reads settings itself."""

    base_url: str
    assets: tuple[tuple[str, str], ...]
    formats: tuple[tuple[str, PageFormat], ...]
    font_family: str = FONT_FAMILY
    with_signature: bool = False
    blank_layout: dict[str, Any] | None = None  # BlankLayout.to_dict(): blank mode
    layered: bool = True  # full mode: static layer once, stamped under each variable layer


def _options(
    *,
    base_url: str | None,
    formats: Mapping[str, PageFormat] | None,
    font_family: str,
    with_signature: bool,
    blank_layout: BlankLayout | None = None,
    layered: bool = True,
) -> _Options:
    return _Options(
        base_url=base_url if base_url is not None else get_settings().public_base_url,
        assets=tuple(asset_urls().items()),
        formats=_formats_key(formats),
        font_family=_check_font_family(font_family),
        with_signature=with_signature,
        blank_layout=blank_layout.to_dict() if blank_layout is not None else None,
        layered=layered,
    )


def _sheet_html(
    view: CertificateView,
    opts: _Options,
    fit: tuple[int, int] | None = None,
    *,
    layer: str = "full",
    spacer_mm: float = 0.0,
) -> Markup:
    name_size, achievement_size = fit or _first_fit(view)
    texts = {
        "decision_date": long_date(view.decision_date),
        "place_date": place_and_date(view.place, view.decision_date),
        "position_line": position_line(view),
        "name_size": f"n{name_size}",
        "achievement_size": f"a{achievement_size}",
    }
    qr = None
    if layer != "static":
        qr = _qr_markup(verify_url(view.verify_code, base_url=opts.base_url))
    html = _template_for(view).render(
        v=view,
        t=texts,
        assets=dict(opts.assets),
        qr=qr,
        with_signature=opts.with_signature,
        layer=layer,
        spacer_mm=spacer_mm,
    )
    return Markup(html)  # noqa: S704 - rendered by the autoescaping environment


def _document_html(sheets: Iterable[Markup], title: str = "Bằng khen, giấy khen") -> str:
    return _env.get_template("certificates/document.html").render(sheets=sheets, title=title)


def render_html(
    views: Sequence[CertificateView],
    *,
    base_url: str | None = None,
    formats: Mapping[str, PageFormat] | None = None,
    with_signature: bool = False,
) -> str:
    """The print HTML of these certificates (what WeasyPrint lays out)."""
    opts = _options(
        base_url=base_url, formats=formats, font_family=FONT_FAMILY, with_signature=with_signature
    )
    return _document_html(_sheet_html(v, opts) for v in views)


# --- rendering in this process ------------------------------------------------------------------

# Between the citation and the signature block, at least this much room (CSS px, 1/96 in).
_MIN_GAP_PX = 2.0


def _classes(box) -> list[str]:
    element = getattr(box, "element", None)
    if element is None or not hasattr(element, "get"):
        return []
    return (element.get("class") or "").split()


def _overflowing(page, foot_top: float | None = None) -> bool:
    """Whether the text block of a laid-out certificate page runs into its signature block
    (whose top ``foot_top`` a variable layer takes from its static layer)."""
    top_bottom = None
    for box in page._page_box.descendants(placeholders=True):
        classes = _classes(box)
        if "top" in classes and box.element_tag == "div":
            top_bottom = box.position_y + box.margin_height()
        elif "foot-left" in classes or "foot-right" in classes:
            y = box.position_y
            foot_top = y if foot_top is None else min(foot_top, y)
    if top_bottom is None or foot_top is None:
        # A text block so long that WeasyPrint broke the sheet drops the signature block.
        return True
    return top_bottom > foot_top - _MIN_GAP_PX


# --- layers ----------------------------------------------------------------------------------
#
# The certificates of one decision share most of what they print: border, emblem, motto, issuer,
# heading, decision number and date, place, signer. Laying that out again on each of hundreds of
# pages is most of WeasyPrint's work, so a full-colour print is made of two layers: the static
# layer, laid out once per decision, kind and subject (and cached by this process), and on top of
# it each certificate's variable layer (name, unit, citation, serial, QR), whose text block
# starts where the static part ends (``spacer_mm``, measured on the static layer). The static
# page becomes a PDF form XObject drawn under every variable page (``pdf_engine.stamp_under``).
# A test checks that the two layers, printed together, look like the whole sheet laid out in one
# piece (``layered=False``, which stays the reference and the benchmark's baseline).

_PX_TO_MM = 25.4 / 96


class _StaticLayer(NamedTuple):
    pdf: bytes  # one page
    spacer_mm: float  # from the top of the text block to the end of its static part
    foot_top: float  # top of the footers (decision, signer), in CSS px from the page's top


def _static_key(view: CertificateView) -> tuple:
    """What the static layer of ``view`` depends on (the renderer's options aside)."""
    return (
        view.kind,
        view.subject,
        view.issuer_title,
        view.heading,
        view.award_name if view.kind == "chung_nhan_cstd" else "",
        view.decision_number,
        view.decision_date,
        view.place,
        view.signer_title,
        view.signer_name,
    )


@lru_cache(maxsize=64)
def _static_layer(key: tuple, opts: _Options) -> _StaticLayer:
    kind, subject, issuer, heading, award, number, date, place, signer_title, signer = key
    view = CertificateView(
        kind=kind,
        subject=subject,
        issuer_title=issuer,
        heading=heading,
        award_name=award,
        recipient_name="",
        recipient_position=None,
        recipient_unit="",
        achievement="",
        decision_number=number,
        decision_date=date,
        serial="",
        verify_code="",
        place=place,
        signer_title=signer_title,
        signer_name=signer,
    )
    css = pdf_engine.stylesheet(_certificate_css_text(opts.formats, opts.font_family))
    html = _document_html([_sheet_html(view, opts, layer="static")])
    with pdf_engine.rendering():
        document = pdf_engine.html_to_document(html, [css], base_url=STATIC_DIR.as_uri() + "/")
        if len(document.pages) != 1:
            raise RuntimeError("the static layer of a certificate must fit on one page")
        spacer_px, foot_top = _static_geometry(document.pages[0])
        pdf = pdf_engine.write_pages(document)
    return _StaticLayer(pdf, spacer_px * _PX_TO_MM, foot_top)


def _static_geometry(page) -> tuple[float, float]:
    """On a laid-out static layer: the height of the text block's static part, and the top of
    the footers."""
    top = None
    foot_top = None
    for box in page._page_box.descendants(placeholders=True):
        classes = _classes(box)
        if "top" in classes and box.element_tag == "div":
            top = box
        elif "foot-left" in classes or "foot-right" in classes:
            foot_top = box.position_y if foot_top is None else min(foot_top, box.position_y)
    if top is None or foot_top is None or not top.children:
        raise RuntimeError("the static layer lacks its text block or its footers")
    last = top.children[-1]
    return last.position_y + last.margin_height() - top.content_box_y(), foot_top


class _Sheets:
    """How one mode (full certificate or blank) builds its sheets, document and stylesheet."""

    def __init__(self, opts: _Options):
        self.opts = opts
        if opts.blank_layout is not None:
            self.layout: BlankLayout | None = BlankLayout.from_dict(opts.blank_layout)
            css_text = blank_stylesheet_text(self.layout, opts.font_family)
        else:
            self.layout = None
            css_text = _certificate_css_text(opts.formats, opts.font_family)
        self.css = pdf_engine.stylesheet(css_text)

    def sheet(self, view: CertificateView, fit: tuple[int, int] | None = None) -> Markup:
        if self.layout is None and self.opts.layered:
            static = self.static_layer(view)
            return _sheet_html(view, self.opts, fit, layer="variable", spacer_mm=static.spacer_mm)
        if self.layout is None:
            return _sheet_html(view, self.opts, fit)
        qr = None
        if self.layout.kinds[view.kind].fields["qr"].enabled:
            qr = _qr_markup(verify_url(view.verify_code, base_url=self.opts.base_url))
        return self.layout.sheet_html(view, _env, qr=qr)

    def document(self, sheets: Sequence[Markup]):
        if self.layout is not None:
            html = blank_document_html(sheets, _env)
        else:
            html = _document_html(sheets)
        return pdf_engine.html_to_document(html, [self.css], base_url=STATIC_DIR.as_uri() + "/")

    def static_layer(self, view: CertificateView) -> _StaticLayer:
        return _static_layer(_static_key(view), self.opts)

    def overflowing(self, page, view: CertificateView) -> bool:
        if self.layout is not None:
            return False
        foot_top = self.static_layer(view).foot_top if self.opts.layered else None
        return _overflowing(page, foot_top)

    def fitted_page(self, view: CertificateView, fit: tuple[int, int]):
        """Lay out one certificate alone, smaller and smaller until it fits."""
        smaller = _smaller(fit)
        while smaller is not None:
            document = self.document([self.sheet(view, smaller)])
            if len(document.pages) == 1 and not self.overflowing(document.pages[0], view):
                return document.pages[0]
            smaller = _smaller(smaller)
        raise ContentTooLong()

    def write(
        self, items: Sequence[tuple[int, CertificateView, Markup]]
    ) -> tuple[bytes, list[int], list[RenderFailure]]:
        """One PDF of these sheets, one page each; a sheet that overflows is laid out again
        smaller, and one that cannot fit at all is left out and reported."""
        with pdf_engine.rendering():
            document = self.document([sheet for _, _, sheet in items])
            if len(document.pages) != len(items):
                raise RuntimeError(
                    f"{len(items)} certificates laid out as {len(document.pages)} pages"
                )
            pages, printed, backgrounds, failures = [], [], [], []
            for page, (index, view, _) in zip(document.pages, items, strict=True):
                if self.overflowing(page, view):
                    try:
                        page = self.fitted_page(view, _first_fit(view))
                    except ContentTooLong as exc:
                        failures.append(RenderFailure(index, str(exc)))
                        continue
                pages.append(page)
                printed.append(index)
                if self.layout is None and self.opts.layered:
                    backgrounds.append(self.static_layer(view).pdf)
            pdf = pdf_engine.write_pages(document, pages) if pages else b""
            if pdf and backgrounds:
                pdf = pdf_engine.stamp_under(pdf, backgrounds)
            return pdf, printed, failures


def _render_indexed(
    items: Sequence[tuple[int, CertificateView]], opts: _Options
) -> tuple[bytes, list[int], list[RenderFailure]]:
    """Render items as one document; isolate failures so that the others still print.

    Returns the PDF (b"" if none printed), the indexes printed in order, and the failures.
    """
    mode = _Sheets(opts)
    sheets: list[tuple[int, CertificateView, Markup]] = []
    failures: list[RenderFailure] = []
    for index, view in items:
        try:
            sheets.append((index, view, mode.sheet(view)))
        except Exception as exc:  # a bad certificate must not take the others down
            failures.append(RenderFailure(index, _describe(exc)))
    if not sheets:
        return b"", [], failures
    try:
        pdf, printed, write_failures = mode.write(sheets)
        return pdf, printed, sorted(failures + write_failures)
    except Exception as exc:
        if len(sheets) == 1:
            return b"", [], sorted([*failures, RenderFailure(sheets[0][0], _describe(exc))])
    # The document as a whole failed: find the culprit(s) one by one. Rare, so the slow path is
    # acceptable.
    parts: list[bytes] = []
    printed = []
    for item in sheets:
        try:
            pdf, item_printed, item_failures = mode.write([item])
        except Exception as exc:
            failures.append(RenderFailure(item[0], _describe(exc)))
            continue
        if pdf:
            parts.append(pdf)
        printed.extend(item_printed)
        failures.extend(item_failures)
    return (pdf_engine.merge_pdfs(parts) if parts else b""), printed, sorted(failures)


def _describe(exc: BaseException) -> str:
    """The reason a certificate did not print, for the office (with the technical detail)."""
    if isinstance(exc, ContentTooLong):
        return str(exc)
    return f"Không in được bằng này ({type(exc).__name__}: {exc})"[:500]


def _render_strict(views: Sequence[CertificateView], opts: _Options) -> bytes:
    if not views:
        raise ValueError("nothing to render: no certificates given")
    pdf, _, failures = _render_indexed(list(enumerate(views)), opts)
    if failures:
        raise RenderError(failures)
    return pdf


def render_one(
    view: CertificateView,
    *,
    base_url: str | None = None,
    formats: Mapping[str, PageFormat] | None = None,
    font_family: str = FONT_FAMILY,
    with_signature: bool = False,
    layered: bool = True,
) -> bytes:
    """One certificate as a one-page PDF (``layered=False``: laid out in one piece)."""
    return render_batch(
        [view],
        base_url=base_url,
        formats=formats,
        font_family=font_family,
        with_signature=with_signature,
        layered=layered,
    )


def render_batch(
    views: Sequence[CertificateView],
    *,
    base_url: str | None = None,
    formats: Mapping[str, PageFormat] | None = None,
    font_family: str = FONT_FAMILY,
    with_signature: bool = False,
    layered: bool = True,
) -> bytes:
    """Many certificates as ONE document in this process, one page each, in order."""
    opts = _options(
        base_url=base_url,
        formats=formats,
        font_family=font_family,
        with_signature=with_signature,
        layered=layered,
    )
    return _render_strict(views, opts)


def render_blank(
    views: Sequence[CertificateView],
    layout: BlankLayout | None = None,
    *,
    base_url: str | None = None,
) -> bytes:
    """Only the variable fields, placed in mm for printing onto pre-printed blanks (phôi)."""
    opts = _options(
        base_url=base_url,
        formats=None,
        font_family=FONT_FAMILY,
        with_signature=False,
        blank_layout=layout or BlankLayout.default(),
    )
    return _render_strict(views, opts)


def render_calibration(
    layout: BlankLayout | None = None, *, kinds: Sequence[str] | None = None
) -> bytes:
    """Calibration pages on plain paper: mm rulers and a labelled box where each field prints."""
    layout = layout or BlankLayout.default()
    html = calibration_document_html(layout, _env, kinds=kinds)
    css = pdf_engine.stylesheet(blank_stylesheet_text(layout, FONT_FAMILY))
    with pdf_engine.rendering():
        return pdf_engine.html_to_pdf(html, [css], base_url=STATIC_DIR.as_uri() + "/")


def warm_up() -> None:
    """Import WeasyPrint, load fonts and stylesheets, render one throw-away certificate."""
    import datetime as dt

    sample = CertificateView(
        kind="bang_khen",
        subject="individual",
        issuer_title="CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH",
        heading="BẰNG KHEN",
        award_name="Bằng khen",
        recipient_name="Nguyễn Văn Ấm",
        recipient_position="Chuyên viên",
        recipient_unit="Sở Nội vụ",
        achievement="Đã có thành tích xuất sắc.",
        decision_number="1/QĐ-UBND",
        decision_date=dt.date(2023, 1, 1),
        serial="0",
        verify_code="warmup",
        place="Lạng Sơn",
        signer_title="CHỦ TỊCH",
        signer_name="Nguyễn Văn Ấm",
    )
    render_one(sample, base_url="http://localhost")


def cache_key(
    view: CertificateView,
    *,
    base_url: str | None = None,
    formats: Mapping[str, PageFormat] | None = None,
    with_signature: bool = False,
) -> str:
    """A content hash of what a certificate's PDF depends on, for caching rendered PDFs."""
    h = hashlib.sha256()
    data = asdict(view)
    data["decision_date"] = view.decision_date.isoformat()
    h.update(json.dumps(data, sort_keys=True, ensure_ascii=False).encode())
    h.update((base_url if base_url is not None else get_settings().public_base_url).encode())
    h.update(repr(_formats_key(formats)).encode())
    h.update(repr((with_signature, FONT_FAMILY, sorted(asset_urls().items()))).encode())
    h.update(_templates_fingerprint().encode())
    return h.hexdigest()


@lru_cache(maxsize=1)
def _templates_fingerprint() -> str:
    h = hashlib.sha256()
    for path in sorted((TEMPLATES_DIR / "certificates").glob("*")):
        h.update(path.name.encode())
        h.update(path.read_bytes())
    return h.hexdigest()


# --- rendering in worker processes --------------------------------------------------------------

_pool: cf.ProcessPoolExecutor | None = None
_pool_key: tuple[int, str] | None = None
_pool_lock = threading.Lock()


def _exit_with(pid: int) -> None:
    """End this worker as soon as process ``pid`` (the one that owns the pool) is gone.

    A pool worker waits on its queue forever if the server is killed without shutting the pool
    down, and each worker keeps the fork server alive: without this, every killed server would
    leave three idle processes behind.
    """
    try:
        fd = os.pidfd_open(pid)  # readable once the process has exited (Linux 5.3+)
    except ProcessLookupError:
        os._exit(0)
    except (AttributeError, OSError):
        fd = None

    def watch() -> None:
        if fd is not None:
            select.select([fd], [], [])
        else:
            while True:
                time.sleep(2.0)
                try:
                    os.kill(pid, 0)
                except ProcessLookupError:
                    break
                except PermissionError:
                    continue
        os._exit(0)

    threading.Thread(target=watch, name="thidua-pool-owner-watch", daemon=True).start()


def _worker_init(owner_pid: int) -> None:
    _exit_with(owner_pid)
    # Pay imports, font configuration and the stylesheet once per worker, not per chunk; then move
    # everything alive (modules, fonts, stylesheets) out of the collector's sight for good.
    try:
        warm_up()
    except Exception:  # a worker that cannot warm up still reports per-chunk errors later
        log.exception("certificate worker warm-up failed")
    gc.collect()
    gc.freeze()


def _worker_render(
    items: list[tuple[int, CertificateView]], opts: _Options
) -> tuple[bytes, list[int], list[RenderFailure]]:
    return _render_indexed(items, opts)


def get_pool(processes: int = 2, start_method: str = "forkserver") -> cf.ProcessPoolExecutor:
    """The process's pool of warmed certificate workers, created on first use and reused."""
    global _pool, _pool_key
    key = (processes, start_method)
    with _pool_lock:
        broken = _pool is not None and getattr(_pool, "_broken", False)
        if _pool is None or _pool_key != key or broken:
            if _pool is not None:
                _pool.shutdown(wait=not broken, cancel_futures=True)
            # forkserver: workers start from a clean single-threaded process, so a web server's
            # threads and locks are not forked with them. The fork server imports WeasyPrint
            # once (no fonts or threads yet), so each worker starts without paying the import.
            ctx = multiprocessing.get_context(start_method)
            if start_method == "forkserver":
                ctx.set_forkserver_preload(["__main__", "weasyprint", __name__])
            _pool = cf.ProcessPoolExecutor(
                max_workers=processes,
                mp_context=ctx,
                initializer=_worker_init,
                initargs=(os.getpid(),),
            )
            _pool_key = key
        return _pool


def warm_pool(
    processes: int = 2, start_method: str = "forkserver", timeout: float = 120.0
) -> cf.ProcessPoolExecutor:
    """Start the workers now and wait until every one has warmed up (call at start-up)."""
    pool = get_pool(processes, start_method)
    deadline = time.monotonic() + timeout
    seen: set[int] = set()
    while len(seen) < processes and time.monotonic() < deadline:
        # A worker takes tasks only once its initializer (warm_up) has run.
        seen.update(pool.map(_worker_pid, [0.05] * processes * 2))
    return pool


def _worker_pid(pause: float) -> int:
    time.sleep(pause)
    return os.getpid()


def shutdown_pool() -> None:
    """Stop the worker processes (tests, shutdown)."""
    global _pool, _pool_key
    with _pool_lock:
        if _pool is not None:
            _pool.shutdown(wait=True, cancel_futures=True)
        _pool, _pool_key = None, None


def _chunks(
    items: list[tuple[int, CertificateView]], size: int
) -> list[list[tuple[int, CertificateView]]]:
    return [items[i : i + size] for i in range(0, len(items), size)]


def default_chunk(total: int, processes: int) -> int:
    """Chunk size: large documents (cheap fonts per page), small enough to balance and report."""
    return max(1, min(50, -(-total // (max(1, processes) * 4))))


def render_parallel(
    views: Sequence[CertificateView],
    *,
    processes: int = 2,
    chunk: int | None = None,
    base_url: str | None = None,
    formats: Mapping[str, PageFormat] | None = None,
    font_family: str = FONT_FAMILY,
    with_signature: bool = False,
    blank_layout: BlankLayout | None = None,
    on_progress: Callable[[int, int], None] | None = None,
    start_method: str = "forkserver",
) -> RenderResult:
    """Render in worker processes and merge in order; failures are reported, not raised.

    ``on_progress(done, total)`` is called in this process as chunks finish. With
    ``blank_layout`` the certificates print in blank (phôi) mode. ``processes=1`` renders here.
    """
    opts = _options(
        base_url=base_url,
        formats=formats,
        font_family=font_family,
        with_signature=with_signature,
        blank_layout=blank_layout,
    )
    total = len(views)
    if total == 0:
        return RenderResult(b"", [])
    size = chunk or default_chunk(total, processes)
    batches = _chunks(list(enumerate(views)), size)
    merger = pdf_engine.Merger()
    results: dict[int, tuple[list[bytes], list[RenderFailure]]] = {}
    failed: list[RenderFailure] = []
    progress = {"done": 0, "merged": 0}

    def finished(n: int, parts: list[bytes], failures: list[RenderFailure]) -> None:
        results[n] = (parts, failures)
        # Merge in input order as soon as the chunks before it are in: this overlaps most of
        # the merging with the rendering of later chunks.
        while progress["merged"] in results:
            done_parts, done_failures = results.pop(progress["merged"])
            for part in done_parts:
                merger.append(part)
            failed.extend(done_failures)
            progress["merged"] += 1
        progress["done"] += len(batches[n])
        if on_progress:
            on_progress(progress["done"], total)

    if processes <= 1:
        for n, batch in enumerate(batches):
            pdf, _, failures = _safe_chunk(batch, opts)
            finished(n, [pdf] if pdf else [], failures)
    else:
        crashed: list[int] = []
        pool = get_pool(processes, start_method)
        futures = {pool.submit(_worker_render, batch, opts): n for n, batch in enumerate(batches)}
        for future in cf.as_completed(futures):
            n = futures[future]
            try:
                pdf, _, failures = future.result()
            except Exception as exc:  # a worker died (crash, memory): retry below, one by one
                log.warning("certificate chunk %d lost with its worker: %s", n, exc)
                crashed.append(n)
                continue
            finished(n, [pdf] if pdf else [], failures)
        for n in sorted(crashed):
            finished(n, *_retry_one_by_one(batches[n], opts, processes, start_method))

    return RenderResult(merger.result(), sorted(failed))


def _retry_one_by_one(
    batch: list[tuple[int, CertificateView]], opts: _Options, processes: int, start_method: str
) -> tuple[list[bytes], list[RenderFailure]]:
    """After a worker died: each certificate alone, in a fresh pool, so one culprit is found.

    Never in this process: whatever killed a worker must not kill the server.
    """
    parts: list[bytes] = []
    failures: list[RenderFailure] = []
    for item in batch:
        pool = get_pool(processes, start_method)
        try:
            pdf, _, item_failures = pool.submit(_worker_render, [item], opts).result()
        except Exception as exc:
            log.warning("certificate #%d killed its worker: %s", item[0], exc)
            failures.append(
                RenderFailure(
                    item[0], f"Tiến trình in bị dừng khi in bằng này ({type(exc).__name__})."
                )
            )
            continue
        if pdf:
            parts.append(pdf)
        failures.extend(item_failures)
    return parts, failures


def _safe_chunk(
    batch: list[tuple[int, CertificateView]], opts: _Options
) -> tuple[bytes, list[int], list[RenderFailure]]:
    try:
        return _render_indexed(batch, opts)
    except Exception as exc:
        return b"", [], [RenderFailure(i, _describe(exc)) for i, _ in batch]


def processes_available() -> int:
    """CPUs this process may use."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        return os.cpu_count() or 1
