"""The fonts PDFium reports, with pdfminer's metrics: its name, descent and widths for each one.

PDFium names a font by its /BaseFont and hides its type; pdfminer, whose character boxes the
pdfium engine rebuilds, takes the descent from the font descriptor and AFM widths for simple fonts
with a standard name.  So each font is matched to pdfminer's own font object for the page's font
dictionary of that name.
"""
from __future__ import annotations

import ctypes
import os
from ctypes import byref, c_float

from .pdfium_calls import Unsupported, calls
from .words import base_font


class Font:
    __slots__ = ("handle", "name", "descent", "afm_widths", "miner", "widths", "by_text", "advances", "_reverse")

    def __init__(self, handle: int, name: str, descent: float, afm_widths: dict | None, miner=None):
        self.handle = handle
        self.name = name  # as pdfminer names it, without the subset prefix
        self.descent = descent  # pdfminer's descent, in thousandths of the font size (negative)
        self.afm_widths = afm_widths  # standard 14 font: pdfminer's AFM widths by character
        self.miner = miner  # pdfminer's font object, when the name points at one font dictionary
        self.widths: dict[int, float | None] = {}  # code point -> advance in thousandths (None: unknown)
        self.by_text: dict[str, float | None] = {}
        self.advances: dict[str, float] = {}  # text -> the advance the reader uses (cache)
        self._reverse = None

    def width(self, u: int, text: str) -> float | None:
        """The advance of the glyph printed as ``text`` (code point ``u``), in thousandths of the size.

        pdfminer's widths when its font maps exactly one width to this text; else the font's /Widths
        for the glyph PDFium maps ``u`` back to.  (PDFium's "loose" box is no use: it reaches over
        a glyph that overhangs its advance, like an italic f.)"""
        if self.miner is not None:
            w = self.by_text.get(text, -1.0)
            if w == -1.0:
                found = self.reverse().get(text)
                w = self.by_text[text] = next(iter(found)) if found and len(found) == 1 else None
            if w is not None:
                return w
        if not u:
            return None
        w = self.widths.get(u, -1.0)
        if w == -1.0:
            R = calls().R
            value = c_float()
            w = None
            if R.FPDFFont_GetGlyphWidth(ctypes.cast(self.handle, R.FPDF_FONT), u, c_float(1000.0), byref(value)) \
                    and value.value > 0:
                w = float(value.value)
            self.widths[u] = w
        return w

    def cid_width(self, cid: int) -> float | None:
        """The advance of an unmapped glyph (PDFium reports its code for a code point)."""
        if self.miner is None:
            return None
        try:
            return round(self.miner.char_width(cid) * 1000.0, 6)
        except Exception:
            return None

    def reverse(self) -> dict[str, set[float]]:
        """Text -> the widths of the glyphs pdfminer prints as that text."""
        if self._reverse is None:
            from pdfminer.pdffont import PDFCIDFont

            font, found = self.miner, {}
            pairs = []
            if isinstance(font, PDFCIDFont):
                umap = getattr(font, "unicode_map", None)
                pairs = list(getattr(umap, "cid2unichr", {}).items()) if umap is not None else []
            else:
                for code in range(256):
                    try:
                        pairs.append((code, font.to_unichr(code)))
                    except Exception:
                        pass
            for cid, text in pairs:
                try:
                    found.setdefault(text, set()).add(round(font.char_width(cid) * 1000.0, 6))
                except Exception:
                    pass
            self._reverse = found
        return self._reverse


def font_name(handle: int) -> str:
    R = calls().R
    buf = ctypes.create_string_buffer(256)
    n = R.FPDFFont_GetBaseFontName(ctypes.cast(handle, R.FPDF_FONT), buf, 256)
    return buf.raw[:max(n - 1, 0)].decode("utf-8", "replace") if n else ""


def font_info(handle: int, name: str, candidates: list) -> Font:
    """The font as pdfminer sees it: its own font objects for the page's font dictionaries of this name."""
    seen = {(base_font(str(f.fontname)), f.descent, _afm(f) is not None) for f in candidates}
    if len(seen) > 1:
        raise Unsupported(f"several fonts named {name!r}")
    if candidates:
        font = candidates[0]
        return Font(handle, base_font(str(font.fontname)), float(font.get_descent() * 1000), _afm(font),
                     font if len(candidates) == 1 else None)
    # no font dictionary found under this name (unusual): PDFium's own metrics
    R = calls().R
    value = c_float()
    R.FPDFFont_GetDescent(ctypes.cast(handle, R.FPDF_FONT), c_float(1000.0), byref(value))
    return Font(handle, base_font(name) or "unknown", -abs(round(value.value, 3)), None)


def _afm(font) -> dict | None:
    """pdfminer's AFM widths (keyed by character) for a standard-14 simple font, else None."""
    from pdfminer.pdffont import PDFType1Font

    if isinstance(font, PDFType1Font) and font.widths and all(isinstance(k, str) for k in list(font.widths)[:8]):
        return font.widths
    return None


class FontDicts:
    """pdfminer's font objects for the font dictionaries of each page (and its forms), by base name.

    PDFium names a font by its /BaseFont without the subset prefix and hides its type; pdfminer
    names it by its descriptor, and uses AFM metrics for simple fonts with a standard name.
    Only read for pages that bring a font PDFium has not shown before.
    """

    def __init__(self, source, password: str | None):
        self.source = source
        self.password = password or ""
        self._fp = None
        self._doc = None
        self._pages = None
        self._at = 0
        self._page = None
        self._used: set = set()  # object ids of the fonts read since the last reset

    def _open(self) -> None:
        import io

        from pdfminer.pdfdocument import PDFDocument
        from pdfminer.pdfinterp import PDFResourceManager
        from pdfminer.pdfpage import PDFPage
        from pdfminer.pdfparser import PDFParser

        if isinstance(self.source, (bytes, bytearray)):
            self._fp = io.BytesIO(self.source)
        else:
            self._fp = open(os.fspath(self.source), "rb")
        try:
            self._doc = PDFDocument(PDFParser(self._fp), password=self.password)
        except Exception as error:
            raise Unsupported(f"pdfminer cannot read the fonts ({error})")
        self._rsrc = PDFResourceManager(caching=True)
        self._pages = PDFPage.create_pages(self._doc)

    def mediabox(self, number: int) -> tuple:
        """Page ``number``'s MediaBox as pdfminer reads it (inherited from the page tree)."""
        self._walk_to(number)
        from pdfminer.pdftypes import resolve1

        box = resolve1(self._page.mediabox)
        if not box or len(box) != 4:
            raise Unsupported("no MediaBox")
        return tuple(float(resolve1(v)) for v in box)

    def _walk_to(self, number: int) -> None:
        if self._doc is None:
            self._open()
        try:
            while self._at < number:
                self._page = next(self._pages)
                self._at += 1
        except Exception as error:
            raise Unsupported(f"pdfminer cannot walk the pages ({error})")
        if self._at != number:
            raise Unsupported("pages asked for out of order")

    def fonts(self, number: int) -> "PageFonts":
        """Fonts of page ``number`` (pages asked for in increasing order)."""
        self._walk_to(number)
        return PageFonts(self._rsrc, self._page.resources, self._used)

    def reset(self) -> None:
        """Forget the fonts read so far but those the last pages used (the page walk goes on): a
        long report uses the same few fonts throughout, a merged one new fonts on every page."""
        from pdfminer.pdfinterp import PDFResourceManager

        if self._doc is not None:
            fonts = getattr(self._rsrc, "_cached_fonts", None)
            self._rsrc = PDFResourceManager(caching=True)
            kept = getattr(self._rsrc, "_cached_fonts", None)
            if isinstance(fonts, dict) and isinstance(kept, dict):
                kept.update((objid, font) for objid, font in fonts.items() if objid in self._used)
            self._used = set()
            cache = getattr(self._doc, "_cached_objs", None)
            if isinstance(cache, dict):
                cache.clear()

    def close(self) -> None:
        if self._fp is not None:
            self._fp.close()
            self._fp = None


class PageFonts:
    def __init__(self, rsrc, resources, used: set):
        self.rsrc = rsrc
        self.used = used
        self.specs: dict[str, list] = {}
        self._collect(resources, set(), 0)

    def get(self, name: str) -> list:
        fonts = []
        for objid, spec in self.specs.get(name, []):
            try:
                font = self.rsrc.get_font(objid, spec)
            except Exception:
                continue
            self.used.add(objid)
            if font not in fonts:
                fonts.append(font)
        return fonts

    def _collect(self, resources, seen: set, depth: int) -> None:
        from pdfminer.pdftypes import PDFObjRef, resolve1
        from pdfminer.psparser import literal_name

        resources = resolve1(resources)
        if not isinstance(resources, dict):
            return
        fonts = resolve1(resources.get("Font"))
        for ref in (fonts.values() if isinstance(fonts, dict) else ()):
            objid = ref.objid if isinstance(ref, PDFObjRef) else None
            spec = resolve1(ref)
            if not isinstance(spec, dict) or (objid is not None and objid in seen):
                continue
            if objid is not None:
                seen.add(objid)
            names = set()
            if spec.get("BaseFont") is not None:
                names.add(literal_name(resolve1(spec["BaseFont"])))
            for d in resolve1(spec.get("DescendantFonts")) or []:
                d = resolve1(d)
                if isinstance(d, dict) and d.get("BaseFont") is not None:
                    names.add(literal_name(resolve1(d["BaseFont"])))
            for name in names:
                self.specs.setdefault(base_font(str(name)), []).append((objid, spec))
        if depth >= 8:
            return
        xobjects = resolve1(resources.get("XObject"))
        for ref in (xobjects.values() if isinstance(xobjects, dict) else ()):
            objid = ref.objid if isinstance(ref, PDFObjRef) else None
            if objid is not None:
                if objid in seen:
                    continue
                seen.add(objid)
            xobj = resolve1(ref)
            attrs = getattr(xobj, "attrs", None)
            if attrs and literal_name(attrs.get("Subtype")) == "Form" and attrs.get("Resources"):
                self._collect(attrs["Resources"], seen, depth + 1)
