"""The fast PDF engine: PDFium (pypdfium2, which pdfplumber already installs).

PDFium parses the page in C; this module asks it, character by character, for
what pdfminer would have reported -- text, origin, advance, font size, font
name -- and rebuilds pdfplumber's character boxes from them (pdfminer's box is
the advance wide and the font size tall, starting at the font's descent), in
content-stream order.  Drawn lines, boxes and images come from the page
objects, classified the way pdfminer classifies paths.  The result is the same
``PageData`` the pdfplumber engine produces, so words, tables, reading order,
headers/footers and bullets go through the same code.

PDFium's text layer is smarter than pdfminer's, and where that shows, this
module undoes it or gives the page to pdfplumber:

* it re-sorts text objects along a line: characters are put back in content order;
* it skips text objects without ink (a lone space) and merges a space that
  follows a generated one: the spaces are restored (a space ends a word);
* it turns a line-end hyphen into U+0002: back to "-";
* it splits ligatures (U+FB01 -> "f", "i") and multi-character glyphs into
  pieces on one box: pieces are joined again;
* its "loose" character box reaches over glyphs that overhang their advance:
  the advance is taken from the font's /Widths instead;
* pdfminer uses AFM metrics for simple fonts with a standard-14 name (and its
  aliases: Arial -> Helvetica), whatever the PDF says: pdfminer's own font
  objects, read from the page's font dictionaries, give the name, descent and
  widths (``pdfium_fonts``);
* it drops text objects that repeat the previous one (fake bold), replaces
  text marked with /ActualText, and bidi-reorders right-to-left text; a page
  with any of these, or a rotated page, is read with pdfplumber instead
  (``PdfText.fallback_pages``).

Known difference: pdfminer adds character spacing (Tc) between the glyphs of
a string but not after its last glyph, PDFium after every glyph, so with Tc
set the second and later strings of a line sit |Tc| points apart in the two
engines.  That moves word boxes by hundredths of a point; the samples'
Reports are identical (``tests/test_engines.py``).
"""
from __future__ import annotations

import ctypes
import os
from ctypes import byref, c_double, c_float, c_int, c_void_p

from ..errors import ExtractError
from .pdfium_calls import Unsupported, calls
from .pdfium_fonts import Font, FontDicts, font_info, font_name
from .words import base_font

RECYCLE_PAGES = 50  # reopen the document after this many pages (see PdfiumDoc._recycle)

# Right-to-left scripts (PDFium bidi-reorders them) and scripts whose glyphs map to several
# characters or reorder (Indic, Thai, Lao, Tibetan, Myanmar, Khmer ...): pdfplumber reads those pages.
# Devanagari is read here: its zero-width marks and multi-character glyphs come out as pdfminer's
# (checked on the Nepali sample's page, tests/test_engines.py); the other scripts are not checked.
_RTL = ((0x590, 0x8FF), (0xFB1D, 0xFDFF), (0xFE70, 0xFEFF))
_COMPLEX = _RTL + ((0x980, 0xDFF), (0xE00, 0xFFF), (0x1000, 0x109F), (0x1780, 0x17FF), (0xA980, 0xAADF))


def open_pdfium(source, password: str | None) -> "PdfiumDoc":
    return PdfiumDoc(source, password)


def _r3(value: float) -> float:
    return round(value, 3)


# ---------------------------------------------------------------- documents


class PdfiumDoc:
    """Pages of a PDF through PDFium, one at a time; ``page`` returns ``pdf.PageData``."""

    def __init__(self, source, password: str | None):
        import pypdfium2 as pdfium

        self.source = source
        self.password = password
        self.fallback_pages: list[int] = []
        self.fallback_reasons: dict[int, str] = {}
        self._plumber = None
        self._stream = None
        self._fonts: dict[int, Font] = {}
        self._dicts = FontDicts(source, password)
        self._read = 0
        data = bytes(source) if isinstance(source, bytearray) else source
        if not isinstance(data, bytes):
            data = os.fspath(data)
        self._data = data
        try:
            self.pdf = pdfium.PdfDocument(data, password=password)
            self.page_count = len(self.pdf)
        except Exception:
            # PDFium refuses it: pdfplumber decides (and words the error) for both engines alike
            self.pdf = None
            self._open_plumber()
            self.page_count = self._plumber.page_count
            self.fallback_pages = list(range(1, self.page_count + 1))
            self.fallback_reasons = {n: "PDFium cannot open the file" for n in self.fallback_pages}

    def page(self, number: int):
        if self.pdf is None:
            return self._plumber.page(number)
        if self._read and self._read % RECYCLE_PAGES == 0:
            self._recycle()
        self._read += 1
        try:
            return self._page(number)
        except (Unsupported, Exception) as why:  # a page PDFium cannot give exactly, or a bug: pdfplumber reads it
            if isinstance(why, MemoryError):
                raise
            self.fallback_pages.append(number)
            self.fallback_reasons[number] = str(why) if isinstance(why, Unsupported) else \
                f"internal error: {type(why).__name__}: {why}"
            if self._plumber is None:
                self._open_plumber()
            return self._plumber.page(number)

    def _recycle(self) -> None:
        """Reopen the document: PDFium and pdfminer keep every font they load for the life of a
        document, and a merged PDF brings new ones on every page -- memory would grow with the pages."""
        import pypdfium2 as pdfium

        self.pdf.close()
        self.pdf = pdfium.PdfDocument(self._data, password=self.password)
        self._fonts = {}
        self._dicts.reset()

    def _page(self, number: int):
        from .pdf import PageData

        page = self.pdf[number - 1]
        try:
            if page.get_rotation() % 360:
                raise Unsupported("rotated page")
            # the MediaBox in single precision, back to the decimals it was written with
            x0, y0, x1, y1 = (round(v, 4) for v in self._mediabox(page, number))
            x0, x1 = sorted((x0, x1))
            y0, y1 = sorted((y0, y1))
            height = y1 - y0
            handle = ctypes.cast(page.raw, c_void_p).value
            reader = _PageReader(handle, height, self._fonts, lambda: self._dicts.fonts(number))
            reader.read_objects()
            chars = reader.read_chars()
            bbox = (_r3(x0), _r3(-y0), _r3(x1), _r3(height - y0))
            return PageData(_r3(x1 - x0), _r3(height), chars, reader.lines, reader.rects, reader.curves,
                            reader.images, bbox)
        finally:
            page.close()

    def _mediabox(self, page, number: int) -> tuple:
        """The page's MediaBox; PDFium reads only the page's own, pdfminer inherits it from /Pages."""
        R = calls().R
        box = (c_float(), c_float(), c_float(), c_float())
        if R.FPDFPage_GetMediaBox(page.raw, *(byref(v) for v in box)):
            return tuple(v.value for v in box)
        return self._dicts.mediabox(number)

    def _open_plumber(self) -> None:
        import io

        from .pdf import PlumberDoc

        if isinstance(self.source, (bytes, bytearray)):
            self._stream = io.BytesIO(self.source)
        else:
            try:
                self._stream = open(os.fspath(self.source), "rb")
            except OSError as error:
                raise ExtractError(f"cannot open file: {error.strerror or error}")
        self._plumber = PlumberDoc(self._stream, self.password, None if self.pdf is None else self.page_count)

    def close(self) -> None:
        for thing in (self.pdf, self._plumber, self._stream, self._dicts):
            if thing is not None:
                try:
                    thing.close()
                except Exception:
                    pass
        self.pdf = self._plumber = self._stream = None

    def __enter__(self):
        return self

    def __exit__(self, *exc) -> None:
        self.close()


# ---------------------------------------------------------------- one page


class _PageReader:
    def __init__(self, page: int, height: float, fonts: dict[int, Font], page_fonts):
        self.api = calls()
        self.page = page
        self.height = height
        self.fonts = fonts
        self._page_fonts_of = page_fonts
        self._page_fonts = None
        self.lines: list[tuple] = []
        self.rects: list[tuple] = []
        self.curves: list[list[tuple]] = []
        self.images: list[tuple] = []
        self.text_order: dict[int, int] = {}  # text object address -> content order
        self.empty_text: dict[int, tuple] = {}  # text objects without ink (spaces): address -> page matrix
        self.inked_text: list[int] = []
        self._f4 = (c_float(), c_float(), c_float(), c_float())

    # -------------------------------------------------------------- page objects

    def read_objects(self) -> None:
        api = self.api
        n = api.page_count_objects(self.page)
        self._walk([api.page_object(self.page, i) for i in range(n)], None)

    def _walk(self, objects, form_matrix) -> None:
        api = self.api
        TEXT, PATH, IMAGE, FORM = api.TEXT, api.PATH, api.IMAGE, api.FORM
        l, b, r, t = self._f4
        rl, rb, rr, rt = byref(l), byref(b), byref(r), byref(t)
        order = self.text_order
        for obj in objects:
            kind = api.obj_type(obj)
            if kind == TEXT:
                order[obj] = len(order)
                # PDFium skips text objects whose glyphs cover no area (spaces)
                if api.bounds(obj, rl, rb, rr, rt) and abs(r.value - l.value) >= 0.01 and t.value - b.value > 0:
                    self.inked_text.append(obj)
                else:
                    matrix = _matrix(obj)
                    self.empty_text[obj] = matrix if form_matrix is None else _mul(matrix, form_matrix)
                if api.count_marks(obj) and _has_actual_text(obj):
                    raise Unsupported("text with /ActualText")
            elif kind == PATH:
                self._path(obj, form_matrix)
            elif kind == IMAGE:
                self._image(obj, form_matrix)
            elif kind == FORM:
                matrix = _matrix(obj)
                inner = matrix if form_matrix is None else _mul(matrix, form_matrix)
                count = api.form_count_objects(obj)
                self._walk([api.form_object(obj, i) for i in range(count)], inner)

    def _path(self, obj, form_matrix) -> None:
        api = self.api
        fill, stroke = c_int(), c_int()
        if not api.draw_mode(obj, byref(fill), byref(stroke)) or (not fill.value and not stroke.value):
            return  # pdfminer paints nothing for "n"
        matrix = _matrix(obj)
        if form_matrix is not None:
            matrix = _mul(matrix, form_matrix)
        a, b, c, d, e, f = matrix
        x, y = c_float(), c_float()
        rx, ry = byref(x), byref(y)
        MOVETO, LINETO = api.MOVETO, api.LINETO
        get_segment, get_point, get_type, get_close = (api.segment, api.segment_point, api.segment_type,
                                                       api.segment_close)
        ops: list[tuple[str, tuple[float, float]]] = []
        bezier = 0
        for j in range(api.count_segments(obj)):
            seg = get_segment(obj, j)
            get_point(seg, rx, ry)
            kind = get_type(seg)
            px, py = x.value, y.value
            point = (a * px + c * py + e, b * px + d * py + f)
            if kind == MOVETO:
                ops.append(("m", point))
                bezier = 0
            elif kind == LINETO:
                ops.append(("l", point))
                bezier = 0
            else:  # three BEZIERTO points make one "c"; its end point is the third
                bezier += 1
                if bezier == 3:
                    ops.append(("c", point))
                    bezier = 0
            if get_close(seg):
                ops.append(("h", point))
        start = 0
        for k in range(1, len(ops) + 1):  # pdfminer paints each subpath ("m ...") on its own
            if k == len(ops) or ops[k][0] == "m":
                if ops[start][0] == "m":
                    self._subpath(ops[start:k])
                start = k

    def _subpath(self, ops) -> None:
        """pdfminer's paint_path for one subpath: an LTLine, an LTRect or an LTCurve."""
        shape = "".join(op for op, _ in ops)
        pts = [(ops[0][1] if op == "h" else p) for op, p in ops]
        if len(shape) > 3 and shape[-2:] == "lh" and pts[-2] == pts[0]:
            shape = shape[:-2] + "h"
            pts.pop()
        h = self.height
        if shape in ("mlh", "ml"):
            (x0, y0), (x1, y1) = pts[0], pts[1]
            self.lines.append(_rect(x0, y0, x1, y1, h))
        elif shape in ("mlllh", "mllll"):
            (x0, y0), (x1, y1), (x2, y2), (x3, y3), _ = pts
            closed = pts[0] == pts[4]
            square = (x0 == x1 and y1 == y2 and x2 == x3 and y3 == y0) or (
                y0 == y1 and x1 == x2 and y2 == y3 and x3 == x0)
            if closed and square:
                self.rects.append(_rect(x0, y0, x2, y2, h))
            else:
                self.curves.append([(_r3(px), _r3(h - py)) for px, py in pts])
        else:
            self.curves.append([(_r3(px), _r3(h - py)) for px, py in pts])

    def _image(self, obj, form_matrix) -> None:
        l, b, r, t = self._f4
        if not self.api.bounds(obj, byref(l), byref(b), byref(r), byref(t)):
            return
        x0, y0, x1, y1 = l.value, b.value, r.value, t.value
        if form_matrix is not None:
            a, bb, c, d, e, f = form_matrix
            corners = ((x0, y0), (x1, y0), (x0, y1), (x1, y1))
            xs = [a * x + c * y + e for x, y in corners]
            ys = [bb * x + d * y + f for x, y in corners]
            x0, x1, y0, y1 = min(xs), max(xs), min(ys), max(ys)
        self.images.append(_rect(x0, y0, x1, y1, self.height))

    # -------------------------------------------------------------- fonts and text objects

    def _font(self, handle: int) -> Font:
        font = self.fonts.get(handle)
        if font is None:
            if self._page_fonts is None:
                self._page_fonts = self._page_fonts_of()
            name = font_name(handle)
            font = self.fonts[handle] = font_info(handle, name, self._page_fonts.get(base_font(name)))
        return font

    def _object_info(self, tp: int, i: int, obj: int) -> tuple:
        """(order, font, size, advance factor, top offset, bottom offset, matrix, upright) of a text object."""
        api = self.api
        rank = self.text_order.get(obj)
        if rank is None:
            raise Unsupported("a character outside the page's text objects")
        font = self._font(api.text_font(obj))
        size = c_float()
        api.text_size(obj, byref(size))
        m = api.R.FS_MATRIX()
        api.char_matrix(tp, i, byref(m))
        return self._info(rank, font, round(size.value, 6), m.a, m.b, m.c, m.d)

    def _info(self, rank, font, fs, a, b, c, d) -> tuple:
        a, b, c, d = round(a, 6), round(b, 6), round(c, 6), round(d, 6)
        lo = font.descent * 0.001 * fs
        hi = lo + fs
        upright = a * d > 0 and b * c <= 0
        # pdfminer's box: (0, lo)-(advance, hi) through the text matrix; with b = c = 0 (upright,
        # unskewed) the offsets from the origin are fixed for the object
        y_lo, y_hi = sorted((d * lo, d * hi))
        size = round(round(abs(d * fs), 6), 3)
        return rank, font, fs, a * fs / 1000.0, y_hi, y_lo, (a, b, c, d, lo, hi), upright, size

    # -------------------------------------------------------------- characters

    def read_chars(self) -> list[tuple]:
        api = self.api
        tp = api.load_text(self.page)
        if not tp:
            raise Unsupported("PDFium has no text page")
        try:
            return self._chars(tp)
        finally:
            api.close_text(tp)

    def _chars(self, tp: int) -> list[tuple]:
        api = self.api
        get_object, get_unicode, get_origin = api.text_object, api.unicode, api.origin
        is_generated, map_error = api.generated, api.map_error
        ox, oy = c_double(), c_double()
        rox, roy = byref(ox), byref(oy)
        height = self.height
        objects: dict[int, tuple] = {}
        out: list[tuple] = []  # (sort key, (text, x0, x1, top, bottom, size, font, upright))
        append = out.append
        pending = None  # a space PDFium generated inside a text object, waiting for the next character
        last_i, last_key = -2, -1  # no character before the first: nothing to merge it with
        last_x = last_y = 0.0
        current = 0  # the text object the locals below describe
        info = font = widths = name = None
        base = k = y_hi = y_lo = size = 0.0
        plain = upright = False
        box_y = box_info = top = bottom = None
        count = api.count_chars(tp)
        units = self._units(tp, count)
        for i in range(count):
            obj = get_object(tp, i)
            if not obj:
                continue  # a space or line break PDFium generated between text objects
            if obj != current:
                info = objects.get(obj)
                if info is None:
                    info = objects[obj] = self._object_info(tp, i, obj)
                current = obj
                base, font, _, k, y_hi, y_lo, matrix, upright, size = info
                base *= 1048576
                plain = matrix[1] == 0 and matrix[2] == 0
                widths, name = font.advances, font.name
            u = units[i] if units is not None else get_unicode(tp, i)
            if 0xD800 <= u <= 0xDFFF or u == 0xFFFE:
                u = get_unicode(tp, i)  # the page's text has a line-end hyphen (2) as U+FFFE
            get_origin(tp, i, rox, roy)
            x, y = ox.value, oy.value
            key = base + i
            if u == 32 and is_generated(tp, i):
                # PDFium's own space before a character: it stands for a real space only if that
                # space was deleted as a double -- then the next character starts further on
                pending = (key, x, y, info)
                continue
            if pending is not None:
                if pending[3] is not info or abs(x - pending[1]) > 0.01 or abs(y - pending[2]) > 0.01:
                    append(self._char(pending[0], " ", pending[1], pending[2], _space_width(pending[3][1]),
                                      pending[3]))
                pending = None
            if u == 2:
                text = "-"  # PDFium's line-end hyphen
                w = self._width(font, 0x2D, text, tp, i, info)
            elif map_error(tp, i):
                text = f"(cid:{u})"
                w = font.cid_width(u) if font.afm_widths is None else 0
                if w is None:
                    w = self._loose_width(tp, i, info)
            else:
                if 32 < u < 0x590:
                    text = chr(u)
                elif u == 0:
                    text = "(cid:0)"
                else:
                    for lo_, hi_ in _COMPLEX:
                        if lo_ <= u <= hi_:
                            raise Unsupported("right-to-left or complex-script text")
                    text = chr(u) if u < 0x110000 else "\ufffd"
                if (i == last_i + 1 and x == last_x and y == last_y and key - i == last_key - last_i
                        and text != " " and out[-1][1][1] != out[-1][1][2]):  # not after a zero-width mark
                    out[-1] = self._merge_piece(out[-1], text, x, info)  # a piece of the same glyph
                    last_i, last_key = i, key
                    continue
                w = widths.get(text)
                if w is None:
                    w = self._width(font, u, text, tp, i, info)
            if plain:
                x1 = x + k * w
                if x1 < x:
                    x, x1 = x1, x
                if y != box_y or info is not box_info:  # a line's characters share top and bottom
                    box_y, box_info = y, info
                    top, bottom = round(height - y - y_hi, 3), round(height - y - y_lo, 3)
                append((key, (text, round(x, 3), round(x1, 3), top, bottom, size, name, upright)))
            else:
                append(self._char(key, text, x, y, w, info))
            last_i, last_key, last_x, last_y = i, key, ox.value, y
        if pending is not None:
            append(self._char(pending[0], " ", pending[1], pending[2], _space_width(pending[3][1]), pending[3]))
        for obj in self.inked_text:
            if obj not in objects:
                raise Unsupported("a text object PDFium left out (duplicate, hyphen or marked content)")
        for obj, matrix in self.empty_text.items():
            # a text object without ink -- spaces -- that PDFium skips: pdfminer has its spaces, and a
            # space ends a word, so one space at the object's origin stands for them
            if obj not in objects:
                append(self._blank(obj, matrix))
        out.sort(key=_first)
        return [c for _, c in out]

    def _units(self, tp: int, count: int):
        """The page's characters in one call (UTF-16 units), or None when a character outside the
        BMP makes two units and the units no longer line up with the character indices."""
        buf = (ctypes.c_ushort * (count + 1))()
        if self.api.page_text(tp, 0, count, buf) != count + 1:
            return None
        return buf[:count]  # a list: faster to index than the ctypes array

    def _width(self, font: "Font", u: int, text: str, tp: int, i: int, info: tuple) -> float:
        """The advance of the glyph, in thousandths of the font size (cached per font and text)."""
        if font.afm_widths is not None:
            w = font.afm_widths.get(text, 0)
        else:
            w = font.width(u, text) if u > 31 else None
            if w is None:
                return self._loose_width(tp, i, info)  # not cached: it is this glyph's own box
        font.advances[text] = w
        return w

    def _merge_piece(self, entry: tuple, text: str, x: float, info: tuple) -> tuple:
        """Join a piece PDFium split off a glyph (a ligature, a glyph mapped to several characters)
        and size the glyph for the whole text."""
        key, prev = entry
        merged = prev[0] + text
        font, (a, b, c) = info[1], info[6][:3]
        if b or c or a <= 0:
            return key, (merged, *prev[1:])
        w = None
        for candidate in (merged, _LIGATURE.get(merged)):
            if candidate:
                if font.afm_widths is not None:
                    w = font.afm_widths.get(candidate)
                else:
                    w = font.width(ord(candidate[0]) if len(candidate) == 1 else 0, candidate)
                if w:
                    break
        if not w:
            return key, (merged, *prev[1:])
        return key, (merged, prev[1], _r3(x + info[3] * w), *prev[3:])

    def _loose_width(self, tp: int, i: int, info: tuple) -> float:
        """The advance in thousandths from PDFium's loose box (a glyph /Widths does not cover)."""
        rect = self.api.R.FS_RECTF()
        self.api.loose_box(tp, i, byref(rect))
        return (rect.right - rect.left) / info[3] if info[3] else 0.0

    def _char(self, key: int, text: str, x: float, y: float, w: float, info: tuple) -> tuple:
        """pdfminer's apply_matrix_rect on (0, lo)-(advance, hi) around the origin, any matrix."""
        a, b, c, d, lo, hi = info[6]
        fs = info[2]
        adv = w * fs / 1000.0
        corners = ((0.0, lo), (adv, lo), (adv, hi), (0.0, hi))
        xs = [x + a * px + c * py for px, py in corners]
        ys = [y + b * px + d * py for px, py in corners]
        x0, x1, y0, y1 = min(xs), max(xs), min(ys), max(ys)
        size = info[8] if b == 0 and c == 0 else _r3(y1 - y0)
        return key, (text, _r3(x0), _r3(x1), _r3(self.height - y1), _r3(self.height - y0), size,
                     info[1].name, info[7])

    def _blank(self, obj: int, matrix: tuple) -> tuple:
        api = self.api
        font = self._font(api.text_font(obj))
        size = c_float()
        api.text_size(obj, byref(size))
        a, b, c, d, e, f = matrix
        info = self._info(self.text_order[obj], font, round(size.value, 6), a, b, c, d)
        return self._char(info[0] * 1048576 - 1, " ", e, f, _space_width(font), info)


_LIGATURE = {"ff": "ﬀ", "fi": "ﬁ", "fl": "ﬂ", "ffi": "ﬃ", "ffl": "ﬄ", "st": "ﬆ"}


def _space_width(font: Font) -> float:
    if font.afm_widths is not None:
        return font.afm_widths.get(" ", 0)
    return font.width(32, " ") or 0.0


def _first(item: tuple) -> int:
    return item[0]


def _rect(x0: float, y0: float, x1: float, y1: float, height: float) -> tuple:
    x0, x1 = sorted((x0, x1))
    y0, y1 = sorted((y0, y1))
    return _r3(x0), _r3(x1), _r3(height - y1), _r3(height - y0)


def _matrix(obj: int) -> tuple:
    api = calls()
    m = api.R.FS_MATRIX()
    if not api.obj_matrix(obj, byref(m)):
        return (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)
    return (m.a, m.b, m.c, m.d, m.e, m.f)


def _mul(m1: tuple, m2: tuple) -> tuple:
    """m1 then m2 (PDF order: a point is transformed by m1 first)."""
    a1, b1, c1, d1, e1, f1 = m1
    a2, b2, c2, d2, e2, f2 = m2
    return (a1 * a2 + b1 * c2, a1 * b2 + b1 * d2, c1 * a2 + d1 * c2, c1 * b2 + d1 * d2,
            e1 * a2 + f1 * c2 + e2, e1 * b2 + f1 * d2 + f2)


def _has_actual_text(obj: int) -> bool:
    R = calls().R
    handle = ctypes.cast(obj, R.FPDF_PAGEOBJECT)
    for k in range(R.FPDFPageObj_CountMarks(handle)):
        mark = R.FPDFPageObj_GetMark(handle, k)
        if mark and R.FPDFPageObjMark_GetParamValueType(mark, b"ActualText") != R.FPDF_OBJECT_UNKNOWN:
            return True
    return False
