"""Process-wide WeasyPrint state: one font configuration, prebuilt stylesheets, an image cache.

WeasyPrint spends much of a small document's time on set-up (font configuration, parsing the
stylesheet) and on font subsetting; keeping the first two per process and putting many
certificates in one document keeps the cost per certificate low.
"""

from __future__ import annotations

import gc
import io
import os
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from weasyprint import CSS
    from weasyprint.document import Document, Page
    from weasyprint.text.fonts import FontConfiguration

_lock = threading.Lock()
_font_config: FontConfiguration | None = None
_font_config_pid: int | None = None
# Images loaded from files (emblem, seal, signature): parsed once per process and shared by every
# document. Each document gets its own cache dict seeded from it, so that per-certificate data:
# URLs (QR codes) and their raster data die with the document instead of piling up.
_file_images: dict = {}
_FILE_IMAGES_LIMIT = 32


def font_config() -> FontConfiguration:
    """The process's single FontConfiguration (a forked child builds its own)."""
    global _font_config, _font_config_pid
    pid = os.getpid()
    if _font_config is None or _font_config_pid != pid:
        with _lock:
            if _font_config is None or _font_config_pid != pid:
                from weasyprint.text.fonts import FontConfiguration

                _font_config = FontConfiguration()
                _font_config_pid = pid
                stylesheet.cache_clear()
    return _font_config


@lru_cache(maxsize=16)
def stylesheet(css_text: str) -> CSS:
    """A parsed stylesheet, built once per process for each distinct text."""
    from weasyprint import CSS

    return CSS(string=css_text, font_config=font_config())


def local_only_fetcher():
    """A URL fetcher for our own files and data: URIs only: a certificate never reaches the
    network, whatever a template or a deployer's image refers to."""
    try:
        from weasyprint.urls import URLFetcher
    except ImportError:  # WeasyPrint before the URLFetcher class
        from weasyprint.urls import default_url_fetcher

        def fetch(url: str, *args, **kwargs):
            if not url.startswith(("file:", "data:")):
                raise ValueError(f"refusing to fetch {url[:80]!r} while printing")
            return default_url_fetcher(url, *args, **kwargs)

        return fetch
    return URLFetcher(allowed_protocols={"file", "data"})


_gc_lock = threading.Lock()
_gc_pausers = 0
_gc_was_enabled = True


@contextmanager
def gc_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector while a document is laid out and written.

    A large document creates hundreds of thousands of objects; the collector would scan them (and
    every long-lived object) again and again. Its garbage is bounded by the document, so it is
    collected normally once the collector resumes. Re-entrant and thread-safe.
    """
    global _gc_pausers, _gc_was_enabled
    with _gc_lock:
        if _gc_pausers == 0:
            _gc_was_enabled = gc.isenabled()
            gc.disable()
        _gc_pausers += 1
    try:
        yield
    finally:
        with _gc_lock:
            _gc_pausers -= 1
            if _gc_pausers == 0 and _gc_was_enabled:
                gc.enable()


# Pango and fontconfig objects behind the shared FontConfiguration are not meant to be used by
# two threads at once (a web server's thread pool could try): one render at a time per process.
# It costs nothing in throughput, as the GIL lets one thread lay out at a time anyway; parallel
# work goes to worker processes.
_render_lock = threading.RLock()


@contextmanager
def rendering() -> Iterator[None]:
    """Hold this around laying out and writing documents: one at a time, collector paused."""
    with _render_lock, gc_paused():
        yield


def html_to_document(html: str, stylesheets: Sequence[CSS], *, base_url: str) -> Document:
    """Lay out one HTML document (pages can then be checked, replaced and written)."""
    from weasyprint import HTML

    fonts = font_config()
    cache = dict(_file_images)
    document = HTML(string=html, base_url=base_url, url_fetcher=local_only_fetcher()).render(
        stylesheets=list(stylesheets), font_config=fonts, cache=cache
    )
    if len(_file_images) < _FILE_IMAGES_LIMIT:
        for key, image in cache.items():
            if isinstance(key, str) and key.startswith("file:") and image is not None:
                _file_images.setdefault(key, image)
    return document


def write_pages(document: Document, pages: Sequence[Page] | None = None) -> bytes:
    """Write a laid-out document, or these pages of it (and of other documents), as one PDF."""
    if pages is not None and list(pages) != document.pages:
        document = document.copy(list(pages))
    return document.write_pdf()


def html_to_pdf(html: str, stylesheets: Sequence[CSS], *, base_url: str) -> bytes:
    """Lay out and write one PDF document."""
    return write_pages(html_to_document(html, stylesheets, base_url=base_url))


class Merger:
    """Concatenates PDFs in order, parsing each one as it is appended; a single part is kept
    as it is."""

    def __init__(self) -> None:
        self._first: bytes | None = None
        self._writer = None

    def append(self, part: bytes) -> None:
        if self._first is None and self._writer is None:
            self._first = part
            return
        if self._writer is None:
            from pypdf import PdfWriter

            self._writer = PdfWriter()
            self._writer.append(io.BytesIO(self._first))
            self._first = None
        self._writer.append(io.BytesIO(part))

    def result(self) -> bytes:
        """The merged PDF; b"" when nothing was appended."""
        if self._writer is None:
            return self._first or b""
        out = io.BytesIO()
        self._writer.write(out)
        return out.getvalue()


def merge_pdfs(parts: Sequence[bytes]) -> bytes:
    """Concatenate PDFs in order into one document."""
    merger = Merger()
    for part in parts:
        merger.append(part)
    return merger.result()


def stamp_under(pdf: bytes, backgrounds: Sequence[bytes]) -> bytes:
    """Draw under page i of ``pdf`` the single page of ``backgrounds[i]`` (same page size).

    Each distinct background becomes one PDF form XObject, shared by every page that shows it,
    and each page's content is preceded by one ``Do`` of it: nothing is re-parsed or re-encoded,
    so the cost per page is a few dictionary entries. The variable layers are drawn with no
    page background, so the static layer shows through them.
    """
    from pypdf import PdfReader, PdfWriter
    from pypdf.generic import (
        ArrayObject,
        DecodedStreamObject,
        DictionaryObject,
        NameObject,
    )

    writer = PdfWriter(clone_from=io.BytesIO(pdf))
    if len(writer.pages) != len(backgrounds):
        raise ValueError(f"{len(writer.pages)} pages but {len(backgrounds)} backgrounds")
    forms: dict[bytes, tuple[NameObject, object, object]] = {}
    for page, background in zip(writer.pages, backgrounds, strict=True):
        if background not in forms:
            source = PdfReader(io.BytesIO(background)).pages[0]
            form = DecodedStreamObject()
            form.set_data(source.get_contents().get_data())
            form[NameObject("/Type")] = NameObject("/XObject")
            form[NameObject("/Subtype")] = NameObject("/Form")
            form[NameObject("/BBox")] = ArrayObject(source.mediabox)
            form[NameObject("/Resources")] = source["/Resources"].clone(writer)
            name = NameObject(f"/ThiduaStatic{len(forms)}")
            draw = DecodedStreamObject()
            draw.set_data(f"q {name} Do Q\n".encode())
            forms[background] = (name, writer._add_object(form), writer._add_object(draw))
        name, form_ref, draw_ref = forms[background]
        resources = page[NameObject("/Resources")].get_object()
        if "/XObject" not in resources:
            resources[NameObject("/XObject")] = DictionaryObject()
        resources["/XObject"].get_object()[name] = form_ref
        contents = page.raw_get("/Contents")  # streams must stay indirect objects
        resolved = contents.get_object()
        streams = list(resolved) if isinstance(resolved, list) else [contents]
        page[NameObject("/Contents")] = ArrayObject([draw_ref, *streams])
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()
