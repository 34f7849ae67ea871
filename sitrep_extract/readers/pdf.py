"""Read a PDF into lines in reading order (layout in ``layout.py``).

Two engines reduce each page to the same ``PageData`` -- characters with
boxes, sizes and fonts, drawn lines, boxes and images -- and everything after
that is shared: characters become words (``words.py``), ruled tables are
found with pdfplumber's table finder, drawn horizontal edges become region
separators, and ``layout.py`` puts the words in reading order.  Running
headers/footers and page numbers are removed once all pages are read.

* ``pdfplumber`` (the reference): pdfminer interprets the page; its layout
  objects are read directly, without building pdfplumber's per-object dicts.
* ``pdfium`` (``pdfium.py``): PDFium, through pypdfium2, about ten times
  faster; a page it cannot reproduce exactly is read with pdfplumber.

Pages are read one at a time and released, so memory stays flat on long files.
"""
from __future__ import annotations

import io
import logging
import os
import re
from bisect import bisect_left
from collections import defaultdict
from dataclasses import dataclass, field

from ..errors import ExtractError
from ..model import Line
from .layout import Rule, Table, TableRow, Word, layout_page
from .words import base_font, plain_text, snap, words_from_chars

# pdfminer logs recoverable damage as warnings; without this they reach stderr
# through logging's last-resort handler. Applications that configure logging still see them.
logging.getLogger("pdfminer").addHandler(logging.NullHandler())

ENGINES = ("pdfplumber", "pdfium")
DEFAULT_ENGINE = "pdfplumber"  # the reference; pdfium matches it on the samples, not on every PDF (README)
NO_TEXT = "no text layer on any page — scanned document? OCR is not supported"
MARGIN_SHARE = 0.1  # running headers/footers live in the top/bottom 10% of a page
RECYCLE_PAGES = 100  # engines drop the fonts and objects they cache after this many pages
_PAGE_NUMBER = re.compile(
    r"^(?:(?:page|p\.|pg\.?|seite|página|pagina)\s*)?[-–—|(]?\s*(\d{1,4})\s*[-–—|)]?"
    r"(?:\s*(?:of|/|de|sur|von)\s*\d{1,4})?$",
    re.I,
)
_DIGITS = re.compile(r"\d+")


@dataclass
class PdfText:
    lines: list[Line]
    page_count: int
    dropped: list[Line] = field(default_factory=list)  # running headers/footers, page numbers
    warnings: list[str] = field(default_factory=list)
    engine: str = DEFAULT_ENGINE
    fallback_pages: list[int] = field(default_factory=list)  # pdfium engine: pages read with pdfplumber


@dataclass(slots=True)
class PageData:
    """What the layout needs of one page, in pdfplumber's coordinates (points, origin top-left).

    ``chars``: (text, x0, x1, top, bottom, size, fontname, upright) in content order;
    ``lines``/``rects``/``images``: (x0, x1, top, bottom); ``curves``: point lists (x, top).
    All positions snapped to 1/1000 pt so both engines agree to the last digit.
    """

    width: float
    height: float
    chars: list[tuple]
    lines: list[tuple] = field(default_factory=list)
    rects: list[tuple] = field(default_factory=list)
    curves: list[list[tuple]] = field(default_factory=list)
    images: list[tuple] = field(default_factory=list)
    bbox: tuple = (0.0, 0.0, 0.0, 0.0)  # pdfplumber's page.bbox (the MediaBox)


def read_pdf(
    source: str | bytes | os.PathLike,
    *,
    pages: set[int] | None = None,
    max_pages: int | None = None,
    password: str | None = None,
    engine: str | None = None,
) -> PdfText:
    """Lines of the selected pages (1-based) in reading order; ``ExtractError`` for unreadable input."""
    engine = engine or DEFAULT_ENGINE
    if engine not in ENGINES:
        raise ValueError(f"unknown PDF engine {engine!r} (choose from {', '.join(ENGINES)})")
    path = None if isinstance(source, (bytes, bytearray)) else os.fspath(source)
    try:
        if engine == "pdfium":
            from .pdfium import open_pdfium

            _check_path(source)
            with open_pdfium(source, password) as doc:
                return _read_doc(doc, pages, max_pages, engine)
        with _stream(source) as stream:  # ours to close: pdfplumber leaves a passed-in stream open
            with PlumberDoc(stream, password) as doc:
                return _read_doc(doc, pages, max_pages, engine)
    except ExtractError as error:
        raise error.with_path(path) if path and not error.path else error


def _short(error: BaseException) -> str:
    text = " ".join(str(error).split()) or type(error).__name__
    return text[:120].rstrip(" .!-")


def _check_path(source) -> None:
    if isinstance(source, (bytes, bytearray)):
        return
    path = os.fspath(source)
    if not os.path.exists(path):
        raise ExtractError("file not found")
    if os.path.isdir(path):
        raise ExtractError("is a directory, not a PDF")
    if not os.access(path, os.R_OK):
        raise ExtractError("cannot open file: Permission denied")


def _stream(source) -> io.IOBase:
    if isinstance(source, (bytes, bytearray)):
        return io.BytesIO(source)
    _check_path(source)
    try:
        return open(os.fspath(source), "rb")
    except OSError as error:
        raise ExtractError(f"cannot open file: {error.strerror or _short(error)}")


# ---------------------------------------------------------------- the page loop (both engines)


def _read_doc(doc, wanted: set[int] | None, max_pages: int | None, engine: str) -> PdfText:
    page_count = doc.page_count
    if page_count == 0:
        raise ExtractError("PDF has no pages")
    to_read = page_count if wanted is None else sum(1 for n in wanted if 1 <= n <= page_count)
    if max_pages is not None and to_read > max_pages:
        raise ExtractError(f"{to_read:,} pages to read, over the --max-pages limit of {max_pages:,} "
                           "(raise it, or read part of the file with --pages)")
    result = PdfText([], page_count, engine=engine)
    heights: dict[int, float] = {}
    read = with_text = failed = 0
    first_failure = ""
    next_table_id = 0
    floats: dict[float, float] = {}
    for number in range(1, page_count + 1):
        if wanted is not None and number not in wanted:
            continue
        read += 1
        try:
            data = doc.page(number)
            lines, next_table_id = _read_page(data, number, next_table_id)
            heights[number] = float(data.height)
        except MemoryError:
            raise  # not damage to this page: the caller decides (--max-memory)
        except Exception as error:
            failed += 1
            first_failure = first_failure or _short(error)
            result.warnings.append(f"page {number}: skipped, could not be read ({_short(error)})")
            continue
        with_text += bool(lines)
        result.lines.extend(_share_floats(lines, floats))
    result.fallback_pages = list(getattr(doc, "fallback_pages", []))
    if wanted is not None:
        outside = sorted(n for n in wanted if not 1 <= n <= page_count)
        if outside:
            result.warnings.append(f"pages not in the document: {', '.join(map(str, outside))}")
    if read and failed == read:
        raise ExtractError(f"not a valid PDF: no page could be read ({first_failure})")
    if read and with_text == 0:
        raise ExtractError(NO_TEXT)
    result.lines, result.dropped = _drop_running_lines(result.lines, heights)
    return result


_GEOMETRY = ("x0", "x1", "top", "bottom", "size", "gap_before", "column_width")


def _share_floats(lines: list[Line], floats: dict[float, float]) -> list[Line]:
    """One float object per value across the document: lines are kept until the whole document is
    parsed, and margins, sizes, column widths and line pitches repeat on every page (a third of a
    long PDF's memory was these floats)."""
    for line in lines:
        for name in _GEOMETRY:
            value = getattr(line, name)
            if type(value) is float and value:  # not an int 1 for 1.0, nor 0.0 for -0.0
                setattr(line, name, floats.setdefault(value, value))
    return lines


def _read_page(data: PageData, number: int, next_table_id: int) -> tuple[list[Line], int]:
    width, height = float(data.width), float(data.height)
    chars = _single_spaces(data.chars)
    # text placed off the page is not printed (layout skips rotated text itself)
    words = [w for w in words_from_chars(chars)
             if w.x1 > 0 and w.x0 < width and w.bottom > 0 and w.top < height]
    if not words:
        return [], next_table_id
    tables = _find_tables(data, next_table_id, chars) if data.rects or data.lines else []  # no rulings, no tables
    next_table_id += len(tables)
    rules = _rules(data, tables)
    return layout_page(words, page=number, page_width=width, tables=tables, rules=rules), next_table_id


# ---------------------------------------------------------------- ruled tables


def _edges(data: PageData) -> list[dict]:
    """pdfplumber's ``page.edges``: line edges, the four sides of each box, straight curve segments."""
    edges = []
    for x0, x1, top, bottom in data.lines:
        edges.append(_edge(x0, x1, top, bottom, "h" if top == bottom else "v", "line"))
    for x0, x1, top, bottom in data.rects:
        edges.append(_edge(x0, x1, top, top, "h", "rect_edge"))
        edges.append(_edge(x0, x1, bottom, bottom, "h", "rect_edge"))
        edges.append(_edge(x0, x0, top, bottom, "v", "rect_edge"))
        edges.append(_edge(x1, x1, top, bottom, "v", "rect_edge"))
    for pts in data.curves:
        for (ax, ay), (bx, by) in zip(pts, pts[1:]):
            orientation = "v" if ax == bx else ("h" if ay == by else None)
            edges.append(_edge(min(ax, bx), max(ax, bx), min(ay, by), max(ay, by), orientation, "curve_edge"))
    return edges


def _edge(x0, x1, top, bottom, orientation, kind) -> dict:
    return {"x0": x0, "x1": x1, "top": top, "bottom": bottom, "width": x1 - x0, "height": bottom - top,
            "orientation": orientation, "object_type": kind}


def _may_hold_table(edges: list[dict]) -> bool:
    """A cheap necessary condition for a table of two rows of two cells: three vertical edges at
    different x overlapping one height, and three horizontal edges at different y overlapping one width."""
    return (_three_across([(e["x0"], e["top"], e["bottom"]) for e in edges if e["orientation"] == "v"])
            and _three_across([(e["top"], e["x0"], e["x1"]) for e in edges if e["orientation"] == "h"]))


def _three_across(edges: list[tuple[float, float, float]], reach: float = 7.0) -> bool:
    """Three edges at distinct positions whose spans (widened by snapping/joining tolerances) overlap."""
    if len({round(p, 1) for p, _, _ in edges}) < 3:
        return False
    if len(edges) > 400:
        return True  # dense drawings: let the table finder decide
    spans = sorted((lo - reach, hi + reach, round(p, 1)) for p, lo, hi in edges)
    for k, (lo, _, _) in enumerate(spans):  # the deepest overlap starts at some span's start
        at = {p for a, b, p in spans[:k + 1] if a <= lo <= b}
        if len(at) >= 3:
            return True
    return False


def _single_spaces(chars: list[tuple]) -> list[tuple]:
    """The first of consecutive spaces only.  A space prints nothing and one is enough to end a
    word; PDFium keeps only the first of a run, and the others, where text is printed over them,
    would split the text under them ("T otal")."""
    out = []
    previous = None
    for c in chars:
        if c[0] == " " and previous == " ":
            continue
        out.append(c)
        previous = c[0]
    return out


def _find_tables(data: PageData, first_id: int, chars: list[tuple] | None = None) -> list[Table]:
    """Ruled data tables: at least two rows with two filled cells, not a layout grid."""
    edges = _edges(data)
    if not _may_hold_table(edges):
        return []
    from .tables import find_tables

    found = find_tables(edges)
    boxes = [t.bbox for t in found]
    tables: list[Table] = []
    placed = None  # the page's characters by height, made once for all its tables
    for k, t in enumerate(found):
        if any(j != k and _inside(b, boxes[k]) for j, b in enumerate(boxes)):
            continue  # a grid holding other tables lays out the page
        grid = t.rows
        if sum(1 for row in grid if sum(1 for c in row.cells if c is not None) >= 2) < 2:
            continue  # cannot hold two rows of two filled cells
        rows = []
        if placed is None:
            placed = _placed(data.chars if chars is None else chars)
        for row, cells in zip(grid, _extract(grid, boxes[k], placed)):
            cells = [c or "" for c in cells]
            if any(c.count("\n") >= 8 for c in cells):
                break  # a whole text block in one cell: a box, not a table
            rx0, rtop, rx1, rbottom = row.bbox
            if not rows or cells != rows[-1].cells:  # pdfplumber may repeat a row
                rows.append(TableRow(cells, rx0, rx1, rtop, rbottom))
        else:
            rows = _trim_rows(rows)
            if len(rows) >= 2:
                x0, x1 = min(r.x0 for r in rows), max(r.x1 for r in rows)
                tables.append(Table(x0, rows[0].top, x1, rows[-1].bottom, rows, first_id + len(tables)))
    return tables


def _placed(chars: list[tuple]) -> tuple[list[float], list[tuple]]:
    """The characters as (middle height, content order, middle x, char), sorted, and their heights."""
    placed = sorted(((c[3] + c[4]) / 2, k, (c[1] + c[2]) / 2, c) for k, c in enumerate(chars))
    return [item[0] for item in placed], placed


def _extract(rows, bbox: tuple, placed: tuple[list[float], list[tuple]]) -> list[list[str | None]]:
    """pdfplumber's Table.extract(), reading only the characters inside the table (``_placed``)."""
    x0, top, x1, bottom = bbox
    heights, chars = placed
    # by height, then content order: the table is one slice, and each row one slice of that
    inside = [item for item in chars[bisect_left(heights, top):bisect_left(heights, bottom)]
              if x0 <= item[2] < x1]
    heights = [item[0] for item in inside]
    out = []
    for row in rows:
        rx0, rtop, rx1, rbottom = row.bbox
        band = inside[bisect_left(heights, rtop):bisect_left(heights, rbottom)]
        band.sort(key=_content_order)
        row_chars = [(h, v, c) for v, _, h, c in band if rx0 <= h < rx1]
        cells = []
        for cell in row.cells:
            if cell is None:
                cells.append(None)
                continue
            ax0, atop, ax1, abottom = cell
            cell_chars = [c for h, v, c in row_chars if ax0 <= h < ax1 and atop <= v < abottom]
            cells.append(_cell_text(cell_chars))
        out.append(cells)
    return out


def _content_order(item: tuple) -> int:
    return item[1]


def _cell_text(chars: list[tuple]) -> str:
    if all(c[7] for c in chars):
        return plain_text(chars)
    from pdfplumber.utils import extract_text  # rotated text in a cell: pdfplumber's own reading

    return extract_text([{"text": t, "x0": a, "x1": b, "top": c, "bottom": d, "doctop": c, "upright": u,
                          "size": s, "fontname": f} for t, a, b, c, d, s, f, u in chars])


def _filled(row: TableRow) -> int:
    return sum(1 for c in row.cells if c.strip())


def _trim_rows(rows: list[TableRow]) -> list[TableRow]:
    """Drop single-cell rows at either end (a title or footnote boxed in): they go back to the text."""
    full = [k for k, r in enumerate(rows) if _filled(r) >= 2]
    if len(full) < 2:
        return []
    return rows[full[0]:full[-1] + 1]


def _inside(inner: tuple, outer: tuple) -> bool:
    x0, top, x1, bottom = outer
    return inner[0] >= x0 - 1 and inner[1] >= top - 1 and inner[2] <= x1 + 1 and inner[3] <= bottom + 1


def _rules(data: PageData, tables: list[Table]) -> list[Rule]:
    """Horizontal edges of drawn lines, boxes and images: they separate bands of text."""
    rules = []
    for x0, x1, top, bottom in (*data.lines, *data.rects, *data.images):
        if x1 - x0 < 20:
            continue
        for y in {top, bottom} if bottom - top > 2 else {(top + bottom) / 2}:
            if not any(t.x0 - 1 <= x0 and x1 <= t.x1 + 1 and t.top - 1 <= y <= t.bottom + 1 for t in tables):
                rules.append(Rule(x0, x1, y))
    return rules


# ---------------------------------------------------------------- the pdfplumber (pdfminer) engine


class PlumberDoc:
    """Pages of a PDF through pdfplumber/pdfminer, one at a time."""

    def __init__(self, stream, password: str | None, page_count: int | None = None):
        self.pdf = _open(stream, password)
        try:
            self._page_objs = None
            self.page_count = self._count() if page_count is None else page_count
        except BaseException:
            self.close()
            raise

    def _count(self) -> int:
        from pdfminer.pdfpage import PDFPage

        try:
            return sum(1 for _ in PDFPage.create_pages(self.pdf.doc))
        except Exception as error:
            raise ExtractError(f"not a valid PDF: {_short(error)}")

    def _pages(self):
        from pdfminer.pdfpage import PDFPage

        for number, page_obj in enumerate(PDFPage.create_pages(self.pdf.doc), start=1):
            yield number, page_obj

    def page(self, number: int) -> PageData:
        """Pages must be asked for in increasing order (the page tree is walked once)."""
        from pdfplumber.page import Page

        if self._page_objs is None:
            self._page_objs = self._pages()
        for n, page_obj in self._page_objs:
            if n == number:
                page = Page(self.pdf, page_obj, page_number=n)
                try:
                    return plumber_page_data(page)
                finally:
                    page.close()
                    _release(self.pdf, number)
        raise ExtractError(f"page {number} not found")

    def close(self) -> None:
        # not pdfplumber's close(): it makes a Page of every page to close them (a walk of the whole
        # page tree); the pages read here were closed as they were read
        pdf = self.pdf
        try:
            pdf.flush_cache()
            if not pdf.stream_is_external:
                pdf.stream.close()
        except Exception:
            pass

    def __enter__(self):
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def _open(stream, password: str | None):
    import pdfplumber
    from pdfminer.pdfdocument import PDFPasswordIncorrect

    try:
        return pdfplumber.open(stream, password=password or "")
    except Exception as error:  # pdfplumber wraps pdfminer errors; look at the cause
        cause = error.__cause__ or error.__context__ or error
        if isinstance(cause, PDFPasswordIncorrect) or isinstance(error, PDFPasswordIncorrect):
            raise ExtractError("encrypted PDF (wrong password)" if password else "encrypted PDF (password required)")
        reason = _short(error)
        if "No /Root object" in reason:
            reason = "no PDF structure found"
        raise ExtractError(f"not a valid PDF: {reason}")


def _release(pdf, number: int) -> None:
    """Forget the objects pdfminer parsed for the last page (decoded content streams, images), and
    now and then the fonts it keeps (a merged PDF brings new ones on every page)."""
    cache = getattr(pdf.doc, "_cached_objs", None)
    if isinstance(cache, dict):
        cache.clear()
    fonts = getattr(pdf.rsrcmgr, "_cached_fonts", None)
    if number % RECYCLE_PAGES == 0 and isinstance(fonts, dict):
        fonts.clear()


def plumber_page_data(page) -> PageData:
    """One pdfplumber page as PageData, read from pdfminer's layout objects (as ``page.chars`` etc. would be)."""
    from pdfminer.layout import LTChar, LTContainer, LTCurve, LTImage, LTLine, LTRect

    height = float(page.height)
    mb_x0, mb_top = float(page.mediabox[0]), float(page.mediabox[1])
    chars: list[tuple] = []
    lines: list[tuple] = []
    rects: list[tuple] = []
    curves: list[list[tuple]] = []
    images: list[tuple] = []

    def box(obj) -> tuple:
        return (snap(obj.x0 + mb_x0), snap(obj.x1 + mb_x0), snap(height - obj.y1 + mb_top),
                snap(height - obj.y0 + mb_top))

    fonts: dict = {}
    from pdfminer.fontmetrics import FONT_METRICS

    def walk(objs) -> None:
        for obj in objs:
            kind = type(obj)
            if kind is LTChar or isinstance(obj, LTChar):
                font = fonts.get(obj.fontname)
                if font is None:
                    name = obj.fontname
                    if isinstance(name, bytes):
                        name = name.decode("utf-8", "replace")
                    font = fonts[obj.fontname] = base_font(str(name))
                x0, x1, top, bottom = box(obj)
                text = obj._text
                if text in _UNUSED_WINANSI and obj.fontname in FONT_METRICS:
                    text, x1 = _winansi_bullet(obj, FONT_METRICS[obj.fontname][1], x0, x1)
                chars.append((text, x0, x1, top, bottom, snap(obj.size), font, bool(obj.upright)))
            elif isinstance(obj, LTContainer):
                walk(obj._objs)
            elif isinstance(obj, LTRect):
                rects.append(box(obj))
            elif isinstance(obj, LTLine):
                lines.append(box(obj))
            elif isinstance(obj, LTCurve):
                curves.append([(snap(x + mb_x0), snap(mb_top + height - y)) for x, y in obj.pts])
            elif isinstance(obj, LTImage):
                images.append(box(obj))

    walk(page.layout._objs)
    if page.pdf.unicode_norm is not None:
        from pdfplumber.utils.text import normalize_unicode  # type: ignore[attr-defined]

        chars = [(normalize_unicode(page.pdf.unicode_norm, c[0]), *c[1:]) for c in chars]
    bbox = tuple(snap(float(v)) for v in page.bbox)
    return PageData(snap(float(page.width)), snap(height), chars, lines, rects, curves, images, bbox)


# Codes WinAnsiEncoding leaves unused: the PDF specification (Annex D) and PDFium print them as a
# bullet, pdfminer reports "(cid:N)" with no width.  Old FPDF documents use chr(127) as their bullet.
_UNUSED_WINANSI = {f"(cid:{n})" for n in (127, 129, 141, 143, 144, 157)}


def _winansi_bullet(obj, widths: dict, x0: float, x1: float) -> tuple[str, float]:
    a, b, c, d, _, _ = obj.matrix
    if b or c or not d or "•" not in widths:
        return obj._text, x1
    fontsize = obj.size / abs(d)
    return "•", snap(x0 + a * widths["•"] * fontsize / 1000.0)


# ---------------------------------------------------------------- running headers and footers


def _running_key(text: str) -> str:
    return _DIGITS.sub("#", " ".join(text.lower().split()))


def _is_page_number(line: Line, in_top: bool) -> bool:
    match = _PAGE_NUMBER.match(" ".join(line.text.split()))
    if not match:
        return False
    # a bare number at the top may be a report number ("SITREP NO. 31"): only if it is this page's
    return not in_top or int(match.group(1)) == line.page or not match.group(0).strip().isdigit()


def _drop_running_lines(lines: list[Line], heights: dict[int, float]) -> tuple[list[Line], list[Line]]:
    """Split off page numbers and header/footer lines repeated on two or more pages."""
    sizes = sorted(line.size for line in lines if line.size and line.table is None)
    body_size = sizes[len(sizes) // 2] if sizes else None
    margin: dict[int, str] = {}  # id(line) -> "top" | "bottom"
    pages_by_key: dict[str, set[int]] = defaultdict(set)
    by_page: dict[int, list[Line]] = defaultdict(list)
    for line in lines:
        if line.table is None:
            by_page[line.page or 0].append(line)
    outermost = []  # running lines sit at the very top or bottom of a page
    for page_lines in by_page.values():
        page_lines.sort(key=lambda ln: ln.top)
        outermost += page_lines[:3] + page_lines[3:][-3:]
    keys: dict[int, str] = {}
    for line in outermost:
        height = heights.get(line.page or 0)
        if not height:
            continue
        if line.bottom <= MARGIN_SHARE * height:
            margin[id(line)] = "top"
        elif line.top >= (1 - MARGIN_SHARE) * height:
            margin[id(line)] = "bottom"
        else:
            continue
        keys[id(line)] = key = _running_key(line.text)
        if body_size is None or line.size is None or line.size <= 1.25 * body_size:
            pages_by_key[key].add(line.page)
    kept, dropped = [], []
    for line in lines:
        zone = margin.get(id(line))
        running = zone and len(pages_by_key.get(keys[id(line)], ())) >= 2
        if zone and (running or _is_page_number(line, zone == "top")):
            dropped.append(line)
        else:
            kept.append(line)
    _restore_region_starts(lines, kept, {id(line) for line in dropped})
    return kept, dropped


def _restore_region_starts(lines: list[Line], kept: list[Line], dropped: set[int]) -> None:
    """Where a dropped line started or widened a region, the kept lines define it."""
    if not dropped:
        return
    touched = {(line.page, line.column) for line in lines if id(line) in dropped}
    starts = {(line.page, line.column) for line in lines if line.new_region and id(line) in dropped}
    regions: dict[tuple, list[Line]] = defaultdict(list)
    for line in kept:
        if (line.page, line.column) in touched:
            regions[(line.page, line.column)].append(line)
    for key, group in regions.items():
        width = round(max(line.x1 for line in group) - min(line.x0 for line in group), 1)
        for line in group:
            line.column_width = min(line.column_width or width, width)
        if key in starts:
            group[0].new_region, group[0].gap_before = True, max(group[0].gap_before, 3.0)


__all__ = ["read_pdf", "PdfText", "PageData", "ENGINES", "DEFAULT_ENGINE", "NO_TEXT", "Word"]
