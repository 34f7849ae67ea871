"""Reading order for one PDF page: word boxes in, ``Line`` objects out.

Pure geometry, no pdfplumber, so every layout case can be unit-tested with
synthetic boxes.  The algorithm is a recursive XY-cut with band merging:

1. Cut the region into horizontal *strips* at vertical white space.
2. Group consecutive strips into *bands*: a run of strips that all leave the
   same vertical white gap (a gutter) open, with text on both sides of it and
   both sides real text columns, is one multi-column band; everything else is
   single-column.  Drawn horizontal rules that cross a gutter end a band.
3. Split multi-column bands at their gutter and recurse on each side.
4. Leaf regions become lines; large gaps inside a line become tabs.
"""
from __future__ import annotations

import bisect
import itertools
import re
import statistics
from dataclasses import dataclass, field
from typing import Iterable, Mapping, Sequence, Union

from ..model import Line

FIRST_LINE_GAP = 3.0  # gap_before of the first line of a region
MIN_COLUMN_LINES = 2
COLUMN_PAGE_SHARE = 0.15  # a column is at least this share of the page width...
COLUMN_EMS = 12.0  # ...or this many ems wide
GUTTER_EMS = 0.9  # narrowest gutter, in ems (justified word gaps stay below ~1.1 em only once)
TAB_EMS = 1.25  # a gap inside a line this wide (in ems) becomes a tab
TAIL_BESIDE_LINES = 6  # a column's tail beside the top of a full column: that column's least length
NARROW_COLUMN_EMS = 5.0  # a sidebar with its own line grid may be this narrow
MAX_DEPTH = 16


@dataclass(slots=True)
class Word:
    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float = 10.0
    fontname: str = ""
    bullet: bool = False  # a lone bullet glyph

    @property
    def height(self) -> float:
        return max(self.bottom - self.top, 0.5)


@dataclass(slots=True)
class TableRow:
    cells: list[str]
    x0: float
    x1: float
    top: float
    bottom: float


@dataclass(slots=True)
class Table:
    """A ruled table found by the PDF reader: placed as one block, read row by row."""

    x0: float
    top: float
    x1: float
    bottom: float
    rows: list[TableRow]
    id: int = 0


@dataclass(slots=True)
class Rule:
    """A horizontal drawn edge (line, box side, image side) at height ``y``."""

    x0: float
    x1: float
    y: float


Item = Union[Word, Table]
WordLike = Union[Word, Mapping]

# ---------------------------------------------------------------- text cleaning

_CID = re.compile(r"\(cid:\d+\)")
_LIGATURES = str.maketrans({"ﬀ": "ff", "ﬁ": "fi", "ﬂ": "fl", "ﬃ": "ffi", "ﬄ": "ffl", "ﬅ": "st", "ﬆ": "st"})
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f\u200b\ufeff]")
_PRIVATE = re.compile("[\ue000-\uf8ff]")
BULLET_GLYPHS = set("•●▪■◦○◆◇►▶▸‣⁃∙·➢➤➔✓✔❖□☐◘◙⦿⊙")
_BOLD = re.compile(r"bold|black|heavy|semibold|demi|extrabold|ultrabold", re.I)
_ITALIC = re.compile(r"italic|oblique|slanted|(?:^|[-,_])(?:[a-z]*)it$", re.I)


def _is_private(ch: str) -> bool:
    return "\ue000" <= ch <= "\uf8ff"


def clean_text(text: str) -> tuple[str, bool]:
    """Cleaned word text, and whether a leading bullet glyph was removed from it.

    Unmapped glyphs ``(cid:NNN)`` and private-use symbols are dropped; at the
    start of a word they are taken as bullets (that is where list markers sit).
    """
    if text.isascii() and text.isprintable() and "(cid:" not in text:
        return text, False  # nothing to clean (the common case: bullets and ligatures are not ASCII)
    text = _CONTROL.sub("", text.translate(_LIGATURES))
    bullet = False
    head = _CID.match(text)
    if head:
        bullet, text = True, text[head.end():]
    elif text and (text[0] in BULLET_GLYPHS or _is_private(text[0])):
        bullet, text = True, text[1:]
    text = _CID.sub("", text)
    return _PRIVATE.sub("", text), bullet


def is_bold(fontname: str) -> bool:
    return bool(_BOLD.search(_style(fontname)))


def is_italic(fontname: str) -> bool:
    return bool(_ITALIC.search(_style(fontname)))


def _style(fontname: str) -> str:
    name = fontname.split("+", 1)[-1]  # drop the subset prefix "ABCDEF+"
    for sep in ("-", ","):
        if sep in name:
            return name.split(sep, 1)[1]  # "Calibri-Bold-Italic" -> "Bold-Italic"
    return name if _BOLD.search(name) or "italic" in name.lower() or "oblique" in name.lower() else ""


def as_words(raw: Iterable[WordLike]) -> list[Word]:
    """Accept pdfplumber word dicts or ``Word`` objects; clean text, split glued bullets.

    Rotated words (pdfplumber's ``upright`` False) are skipped: they are axis
    labels and stamps, and their boxes would cut across the text columns.
    """
    out: list[Word] = []
    for w in raw:
        if isinstance(w, Word):
            text, x0, x1, top, bottom, size, font = w.text, w.x0, w.x1, w.top, w.bottom, w.size, w.fontname
        elif not w.get("upright", True):
            continue
        else:
            text, x0, x1, top, bottom = w["text"], w["x0"], w["x1"], w["top"], w["bottom"]
            size, font = w.get("size"), w.get("fontname") or ""
        x0, x1 = sorted((float(x0), float(x1)))
        top, bottom = sorted((float(top), float(bottom)))
        size = float(size) if size and size > 0 else max(bottom - top, 1.0)
        cleaned, bullet = clean_text(str(text))
        if bullet:  # the glyph becomes a word of its own with empty text
            glyph_x1 = min(x0 + 0.6 * size, x1) if cleaned else x1
            out.append(Word("", x0, glyph_x1, top, bottom, size, font, True))
            x0 = glyph_x1
        if cleaned:
            out.append(Word(cleaned, x0, x1, top, bottom, size, font))
    return _dedupe(out)


def _dedupe(words: list[Word]) -> list[Word]:
    words.sort(key=lambda w: (w.text, w.top, w.x0))
    out: list[Word] = []
    for w in words:
        prev = out[-1] if out else None
        if prev and prev.text == w.text and abs(prev.top - w.top) < 1.5 and abs(prev.x0 - w.x0) < 1.5:
            continue
        out.append(w)
    return out


# ---------------------------------------------------------------- segmentation


@dataclass(slots=True)
class _Strip:
    top: float
    bottom: float
    items: list[Item]
    cover: list[tuple[float, float]]  # occupied x-intervals (small gaps closed)
    rule: bool = False  # a drawn edge, not text


def _core(it: Item) -> tuple[float, float]:
    if isinstance(it, Table):
        return it.top, it.bottom
    h = it.bottom - it.top
    return it.top + 0.2 * h, it.bottom - 0.2 * h  # ascenders/descenders of tight lines may touch


def _merge_intervals(spans: list[tuple[float, float]], min_gap: float) -> list[tuple[float, float]]:
    spans.sort()
    out: list[list[float]] = []
    for lo, hi in spans:
        if out and lo - out[-1][1] < min_gap:
            out[-1][1] = max(out[-1][1], hi)
        else:
            out.append([lo, hi])
    return [(lo, hi) for lo, hi in out]


def _strips(items: list[Item], rules: Sequence[Rule], x_lo: float, x_hi: float, min_gap: float) -> list[_Strip]:
    strips: list[_Strip] = []
    core_bottom = float("-inf")
    for it in sorted(items, key=lambda i: i.top):
        c_top, c_bottom = _core(it)
        if strips and c_top < core_bottom:
            s = strips[-1]
            s.items.append(it)
            s.top, s.bottom = min(s.top, it.top), max(s.bottom, it.bottom)
            core_bottom = max(core_bottom, c_bottom)
        else:
            strips.append(_Strip(it.top, it.bottom, [it], []))
            core_bottom = c_bottom
    for s in strips:
        s.cover = _merge_intervals([(i.x0, i.x1) for i in s.items], min_gap)
    if rules and strips:
        y_lo, y_hi = strips[0].top, max(s.bottom for s in strips)
        tol = 3.0  # a rule must reach past the gutter on both sides
        tops = [st.top for st in strips]
        reach = list(itertools.accumulate((st.bottom for st in strips), max))
        for r in rules:
            lo, hi = max(r.x0 + tol, x_lo), min(r.x1 - tol, x_hi)
            if hi - lo < 20 or not y_lo < r.y < y_hi:
                continue
            k = bisect.bisect_right(tops, r.y - 0.5) - 1
            if k >= 0 and r.y < reach[k] - 0.5:
                continue  # under a line of text (underline, cell border): not a separator
            strips.append(_Strip(r.y, r.y, [], [(lo, hi)], rule=True))
        strips.sort(key=lambda s: (s.top, s.rule))
    return strips


def _white(cover: list[tuple[float, float]], x_lo: float, x_hi: float, min_gap: float) -> list[tuple[float, float]]:
    out, cursor = [], x_lo
    for lo, hi in cover:
        if lo - cursor >= min_gap:
            out.append((cursor, lo))
        cursor = max(cursor, hi)
    if x_hi - cursor >= min_gap:
        out.append((cursor, x_hi))
    return out


def _intersect(a: list[tuple[float, float]], b: list[tuple[float, float]], min_gap: float) -> list[tuple[float, float]]:
    out, i, j = [], 0, 0
    while i < len(a) and j < len(b):
        lo, hi = max(a[i][0], b[j][0]), min(a[i][1], b[j][1])
        if hi - lo >= min_gap:
            out.append((lo, hi))
        if a[i][1] < b[j][1]:
            i += 1
        else:
            j += 1
    return out


@dataclass(slots=True)
class _Ctx:
    page_width: float


def _median_size(items: Iterable[Item]) -> float:
    sizes = [i.size for i in items if isinstance(i, Word) and not i.bullet]
    return statistics.median(sizes) if sizes else 10.0


def _aligned_share(rows_a: list[_Row], rows_b: list[_Row]) -> float:
    """Share of the rows of the shorter side that sit on the same line as a row of the other side."""
    few, many = sorted((rows_a, rows_b), key=len)
    centers = sorted((r.top + r.bottom) / 2 for r in many)
    hits = 0
    for r in few:
        c, tol = (r.top + r.bottom) / 2, max(1.0, 0.15 * r.height)
        k = bisect.bisect_left(centers, c - tol)
        hits += k < len(centers) and centers[k] <= c + tol
    return hits / len(few)


def _prose(rows: list[_Row]) -> bool:
    """Most rows are running text: several words, no cell gaps inside."""
    def running(r: _Row) -> bool:
        words = [w for w in r.words if w.text]
        return len(words) >= 3 and len(_segments(words, _tab_gap(words))) == 1
    return sum(map(running, rows)) >= 0.5 * len(rows)


def _fill(rows: list[_Row]) -> float:
    """Share of rows running (nearly) the full width: high for text, low for table cells."""
    x0, x1 = min(r.x0 for r in rows), max(r.x1 for r in rows)
    return sum(1 for r in rows if r.x1 - r.x0 >= 0.75 * (x1 - x0)) / len(rows)


def _listy(rows: list[_Row]) -> bool:
    """Most rows start with a list marker: a bullet list, not table cells."""
    def marked(r: _Row) -> bool:
        first = r.words[0]
        return first.bullet or first.text[:1] in "-–•*" or bool(re.fullmatch(r"\d{1,2}[.)]", first.text))
    return sum(map(marked, rows)) >= 0.5 * len(rows)


def _left_aligned(rows: list[_Row]) -> bool:
    x0 = min(r.x0 for r in rows)
    return sum(1 for r in rows if r.x0 - x0 < 1.5) >= 0.6 * len(rows)


def _are_columns(left: list[Item], right: list[Item], ctx: _Ctx) -> bool:
    """Both sides are text columns, not the label and value cells of a table."""
    sides = []
    for side in (left, right):
        words = [w for w in side if isinstance(w, Word)]
        if not any(w.text for w in words):
            return False
        rows = _rows(words)
        n_lines = len(rows) + sum(len(t.rows) for t in side if isinstance(t, Table))
        width = max(i.x1 for i in side) - min(i.x0 for i in side)
        sides.append((rows, n_lines, width, _median_size(words)))
    (rows_l, n_l, width_l, size_l), (rows_r, n_r, width_r, size_r) = sides
    if min(n_l, n_r) < MIN_COLUMN_LINES:
        return _column_tail(rows_l, rows_r, width_r / size_r) or _column_tail(rows_r, rows_l, width_l / size_l)
    aligned = _aligned_share(rows_l, rows_r)
    min_width = COLUMN_PAGE_SHARE * ctx.page_width
    if width_l >= min(min_width, COLUMN_EMS * size_l) and width_r >= min(min_width, COLUMN_EMS * size_r):
        # on independent line grids they are columns; rows on shared lines may be a table
        if aligned < 0.7 or (_listy(rows_l) and _listy(rows_r)):
            return True
        if min(_fill(rows_l), _fill(rows_r)) >= 0.4 and _prose(rows_l) and _prose(rows_r):
            return True
    if min(width_l / size_l, width_r / size_r) < NARROW_COLUMN_EMS:
        return False
    if min(n_l, n_r) >= 4 and aligned < 0.5:
        return True  # a narrow sidebar on a line grid of its own
    # a wrapped paragraph beside a left-aligned list: no table has a paragraph for a label column
    return any(len(a) >= 3 and _prose(a) and _fill(a) >= 0.6 and _left_aligned(b)
               for a, b in ((rows_l, rows_r), (rows_r, rows_l)))


def _column_tail(long: list[_Row], short: list[_Row], short_ems: float) -> bool:
    """The last line or two of a story, run over into a column of their own beside the top of a full
    column of prose: columns, not a one-row table ('… More on' / 'risk communications on page 3.')."""
    return (len(long) >= TAIL_BESIDE_LINES and _prose(long) and _fill(long) >= 0.6 and _prose(short)
            and short_ems >= COLUMN_EMS / 2 and max(r.bottom for r in short) <= long[1].bottom)


def _split(items: list[Item], gutter: tuple[float, float]) -> tuple[list[Item], list[Item]]:
    mid = (gutter[0] + gutter[1]) / 2
    left = [i for i in items if (i.x0 + i.x1) / 2 < mid]
    right = [i for i in items if (i.x0 + i.x1) / 2 >= mid]
    return left, right


def _valid_gutter(strips: list[_Strip], candidates, ctx: _Ctx):
    items = [it for s in strips for it in s.items]

    def evidence(g):
        return sum(1 for s in strips if s.cover and s.cover[0][0] < g[0] and s.cover[-1][1] > g[1])

    edges = sorted(candidates)
    for g in sorted(candidates, key=lambda g: (-evidence(g), g[0] - g[1])):
        k = edges.index(g)
        lo = edges[k - 1][1] if k else float("-inf")
        hi = edges[k + 1][0] if k + 1 < len(edges) else float("inf")
        left, right = _split(items, g)
        # judge the two columns next to the gap (three columns: not "one vs two")
        if _are_columns([i for i in left if i.x0 >= lo], [i for i in right if i.x1 <= hi], ctx):
            return g
    return None


def _multi_run(strips: list[_Strip], i: int, x_lo: float, x_hi: float, min_gap: float, ctx: _Ctx):
    """Longest run of strips from ``i`` sharing a gap with text on both sides: (end, gutter or None).

    ``None`` when no such gap exists; a None gutter when the gap is not a column gutter (a table).
    """
    white: list[tuple[float, float]] | None = None
    left_edge, right_edge = float("inf"), float("-inf")
    best = None
    for j in range(i, len(strips)):
        s = strips[j]
        w = _white(s.cover, x_lo, x_hi, min_gap)
        white = w if white is None else _intersect(white, w, min_gap)
        if not white:
            break
        if not s.rule:
            left_edge, right_edge = min(left_edge, s.cover[0][0]), max(right_edge, s.cover[-1][1])
        interior = [g for g in white if left_edge < g[0] and right_edge > g[1]]
        if interior:
            best = (j, interior)
    if best is None:
        return None
    return best[0], _valid_gutter(strips[i:best[0] + 1], best[1], ctx)


def _one_sided(s: _Strip, gutter: tuple[float, float]) -> bool:
    return not s.rule and (s.cover[-1][1] <= gutter[0] or s.cover[0][0] >= gutter[1])


def _gap(a: _Strip, b: _Strip) -> float:
    return b.top - a.bottom


def _bands(strips: list[_Strip], x_lo: float, x_hi: float, min_gap: float, ctx: _Ctx):
    """Consecutive strips grouped as (strips, gutter or None)."""
    bands: list[tuple[list[_Strip], tuple[float, float] | None]] = []
    single: list[_Strip] = []
    i, n = 0, len(strips)
    while i < n:
        run = _multi_run(strips, i, x_lo, x_hi, min_gap, ctx)
        if run is None or run[1] is None:
            # no gap, or rows of a table: read across (skipping the run keeps this linear)
            end = i if run is None else run[0]
            single.extend(strips[i:end + 1])
            i = end + 1
            continue
        j, gutter = run
        # one-sided lines at the edges of the run that sit closer to the text
        # outside it (a masthead date, the last line of an intro) belong outside
        while i < j and single and not single[-1].rule and _one_sided(strips[i], gutter) \
                and _gap(single[-1], strips[i]) < _gap(strips[i], strips[i + 1]) - 0.5:
            single.append(strips[i])
            i += 1
        while j > i and j + 1 < n and not strips[j + 1].rule and _one_sided(strips[j], gutter) \
                and _gap(strips[j], strips[j + 1]) < _gap(strips[j - 1], strips[j]) - 0.5:
            j -= 1
        if single:
            bands.append((single, None))
            single = []
        bands.append((strips[i:j + 1], gutter))
        i = j + 1
    if single:
        bands.append((single, None))
    return bands


def segment(items: list[Item], rules: Sequence[Rule], ctx: _Ctx, depth: int = 0) -> list[list[Item]]:
    """Regions (lists of items) in reading order."""
    if not items:
        return []
    x_lo, x_hi = min(i.x0 for i in items), max(i.x1 for i in items)
    min_gap = max(GUTTER_EMS * _median_size(items), 4.0)
    strips = _strips(items, rules, x_lo, x_hi, min_gap)
    regions: list[list[Item]] = []
    for band, gutter in _bands(strips, x_lo, x_hi, min_gap, ctx):
        band_items = [it for s in band for it in s.items]
        if not band_items:
            continue
        if gutter is None or depth >= MAX_DEPTH:
            regions.append(band_items)
            continue
        top, bottom = min(i.top for i in band_items), max(i.bottom for i in band_items)
        for side in _split(band_items, gutter):
            lo, hi = min(i.x0 for i in side), max(i.x1 for i in side)
            side_rules = [r for r in rules if top < r.y < bottom and r.x1 > lo and r.x0 < hi]
            regions.extend(segment(side, side_rules, ctx, depth + 1))
    return regions


# ---------------------------------------------------------------- lines


@dataclass(slots=True)
class _Row:
    words: list[Word]
    top: float
    bottom: float
    ref_height: float
    x0s: list[float] = field(default_factory=list)  # while rows are built: words by x0, for overlap tests
    by_x0: list[Word] = field(default_factory=list)
    widest: float = 0.0

    @property
    def height(self) -> float:
        return self.bottom - self.top

    @property
    def x0(self) -> float:
        return min(w.x0 for w in self.words)

    @property
    def x1(self) -> float:
        return max(w.x1 for w in self.words)

    def add(self, w: Word) -> None:
        k = bisect.bisect_right(self.x0s, w.x0)
        self.x0s.insert(k, w.x0)
        self.by_x0.insert(k, w)
        self.widest = max(self.widest, w.x1 - w.x0)

    def stacked(self, w: Word) -> bool:
        """``w`` overlaps a word of the row horizontally: two small lines beside a tall word.

        Only words starting within the widest word's width before ``w`` can overlap it."""
        lo = bisect.bisect_right(self.x0s, w.x0 - self.widest)
        hi = bisect.bisect_left(self.x0s, w.x1)
        return _stacked(w, self.by_x0[lo:hi])


def _stacked(w: Word, words: list[Word]) -> bool:
    return any(min(w.x1, o.x1) - max(w.x0, o.x0) > 0.3 * min(w.x1 - w.x0, o.x1 - o.x0) > 0 for o in words)


def _rows(words: list[Word]) -> list[_Row]:
    rows: list[_Row] = []
    for w in sorted(words, key=lambda w: (w.top + w.bottom) / 2):
        if rows:
            r = rows[-1]
            overlap = min(r.bottom, w.bottom) - max(r.top, w.top)
            if overlap >= 0.5 * min(w.height, r.ref_height) and not r.stacked(w):
                r.words.append(w)
                r.add(w)
                r.top, r.bottom = min(r.top, w.top), max(r.bottom, w.bottom)
                if not w.bullet:
                    r.ref_height = max(r.ref_height, w.height)
                continue
        row = _Row([w], w.top, w.bottom, w.height)
        row.add(w)
        rows.append(row)
    for r in rows:
        r.words.sort(key=lambda w: w.x0)
        r.x0s, r.by_x0 = [], []
    return rows


def _attach_lone_bullets(rows: list[_Row]) -> list[_Row]:
    """A bullet glyph printed a little higher or lower than its text forms a row of its own."""
    out: list[_Row] = []
    for k, r in enumerate(rows):
        if all(w.bullet for w in r.words) and k + 1 < len(rows):
            nxt = rows[k + 1]
            if nxt.top - r.bottom < 0.6 * nxt.height and nxt.x0 > r.x1 - 1:
                nxt.words[:0] = r.words
                nxt.top = min(nxt.top, r.top)
                continue
        out.append(r)
    return out


def _dominant(words: list[Word]) -> tuple[float | None, bool, bool]:
    weights: dict[tuple[float, str], int] = {}
    for w in words:
        key = (round(w.size, 1), w.fontname)
        weights[key] = weights.get(key, 0) + len(w.text)
    if not weights:
        return None, False, False
    by_size: dict[float, int] = {}
    bold = italic = total = 0
    for (size, font), n in weights.items():
        by_size[size] = by_size.get(size, 0) + n
        bold += n * is_bold(font)
        italic += n * is_italic(font)
        total += n
    return max(by_size, key=by_size.get), bold * 2 > total, italic * 2 > total


def _segments(words: list[Word], tab_gap: float) -> list[list[Word]]:
    segs: list[list[Word]] = []
    right = float("-inf")
    for w in words:
        if segs and w.x0 - right < tab_gap:
            segs[-1].append(w)
        else:
            segs.append([w])
        right = max(right, w.x1)
    return segs


def _tab_gap(words: list[Word]) -> float:
    size = _median_size(words)
    gaps = sorted(b.x0 - a.x1 for a, b in zip(words, words[1:]))
    spacing = gaps[len(gaps) // 4] if len(gaps) >= 3 else 0.0  # justified lines stretch every gap
    return max(TAB_EMS * size, min(2.5 * spacing, 2.5 * size))


def _staggered(a: _Row, b: _Row, tab_gap: float) -> bool:
    """Rows that overlap vertically but sit in different cells (a two-line label beside a value)."""
    overlap = min(a.bottom, b.bottom) - max(a.top, b.top)
    if overlap < 0.15 * min(a.ref_height, b.ref_height):
        return False
    return all(
        s[0].x0 - max(w.x1 for w in t) >= tab_gap or t[0].x0 - max(w.x1 for w in s) >= tab_gap
        for s in _segments(a.words, tab_gap) for t in _segments(b.words, tab_gap)
    )


def _group_rows(rows: list[_Row]) -> list[list[_Row]]:
    groups: list[list[_Row]] = []
    for r in rows:
        body = [w for w in r.words if not w.bullet]
        if groups and len(groups[-1]) < 4 and body and _staggered(groups[-1][-1], r, _tab_gap(body)):
            groups[-1].append(r)
        else:
            groups.append([r])
    return groups


def _group_text(group: list[_Row]) -> tuple[str, list[Word]]:
    """Text of a row (or staggered rows): cells joined by tabs, a leading bullet as "• "."""
    ordered = sorted((w for r in group for w in r.words), key=lambda w: w.x0)
    lead = 0
    while lead < len(ordered) and ordered[lead].bullet:
        lead += 1
    flow = set(map(id, ordered[lead:]))  # dropped glyphs further on keep their place (no false tab)
    if not any(w.text for w in ordered[lead:]):
        return "", []
    tab_gap = _tab_gap(ordered[lead:])
    segs = [s for r in group for s in _segments([w for w in r.words if id(w) in flow], tab_gap)]
    if len(group) == 1:
        cells = segs
    else:  # cells = x-clusters of all segments; inside a cell, read row by row
        spans = _merge_intervals([(s[0].x0, max(w.x1 for w in s)) for s in segs], 0.0)
        cells = [[w for s in segs if lo <= s[0].x0 <= hi for w in s] for lo, hi in spans]
    text = "\t".join(filter(None, (_join([w for w in cell if w.text]) for cell in cells)))
    return ("• " + text if lead else text), [w for w in ordered if not w.bullet]


def _join(words: list[Word]) -> str:
    """Words joined by spaces, except pieces split only by a font change ("29" + superscript "th")."""
    parts = []
    for k, w in enumerate(words):
        if k:
            prev = words[k - 1]
            touching = w.x0 - prev.x1 < 0.1 * min(w.size, prev.size)
            parts.append("" if touching and (w.size, w.fontname) != (prev.size, prev.fontname) else " ")
        parts.append(w.text)
    return "".join(parts)


def _cell_text(cell: str | None) -> str:
    parts = []
    for token in (cell or "").split():
        text, bullet = clean_text(token)
        parts.extend((["•"] if bullet else []) + ([text] if text else []))
    return " ".join(parts)


def _table_lines(table: Table, words: list[Word], page: int) -> list[Line]:
    out = []
    for row in table.rows:
        cells = [c for c in map(_cell_text, row.cells) if c and c != "•"]
        if not cells:
            continue
        inside = [w for w in words if row.top - 1 <= (w.top + w.bottom) / 2 <= row.bottom + 1]
        size, bold, italic = _dominant([w for w in inside if not w.bullet])
        text = "\t".join(cells)
        out.append(Line(text, page, row.x0, row.x1, row.top, row.bottom, size, bold, italic, table=table.id))
    return out


def region_lines(items: list[Item], page: int, table_words: dict[int, list[Word]]) -> list[Line]:
    """Lines of one region, top to bottom; tables stay together as a block."""
    words = [i for i in items if isinstance(i, Word)]
    units: list[tuple[float, list[Line]]] = []
    for group in _group_rows(_attach_lone_bullets(_rows(words))):
        text, body = _group_text(group)
        if not text.strip("• \t"):
            continue
        all_words = [w for r in group for w in r.words]
        size, bold, italic = _dominant(body)
        line = Line(
            text, page,
            min(w.x0 for w in all_words), max(w.x1 for w in all_words),
            min(w.top for w in all_words), max(w.bottom for w in all_words),
            size, bold, italic,
        )
        units.append((line.top, [line]))
    for t in (i for i in items if isinstance(i, Table)):
        units.append((t.top, _table_lines(t, table_words.get(id(t), []), page)))
    units.sort(key=lambda u: u[0])
    return [line for _, lines in units for line in lines]


def layout_page(
    words: Iterable[WordLike],
    *,
    page: int = 1,
    page_width: float | None = None,
    tables: Sequence[Table] = (),
    rules: Sequence[Rule] = (),
) -> list[Line]:
    """All lines of one page in reading order, with region and spacing attributes."""
    ws = as_words(words)
    tables = [t for t in tables if t.rows]
    table_words: dict[int, list[Word]] = {id(t): [] for t in tables}  # read via the table, kept for font info
    if tables:
        free = []
        for w in ws:
            cx, cy = (w.x0 + w.x1) / 2, (w.top + w.bottom) / 2
            home = next((t for t in tables if t.x0 - 1 <= cx <= t.x1 + 1 and t.top - 1 <= cy <= t.bottom + 1), None)
            (table_words[id(home)] if home is not None else free).append(w)
        ws = free
    items: list[Item] = [*ws, *tables]
    if not items:
        return []
    width = page_width or max(i.x1 for i in items)
    out: list[Line] = []
    column = 0
    for region in segment(items, list(rules), _Ctx(width)):
        lines = region_lines(region, page, table_words)
        if not lines:
            continue
        col_width = max(i.x1 for i in region) - min(i.x0 for i in region)
        for k, line in enumerate(lines):
            line.column, line.column_width = column, round(col_width, 1)
            if k == 0:
                line.new_region, line.gap_before = True, FIRST_LINE_GAP
            else:
                prev = lines[k - 1]
                line.gap_before = round(max(line.top - prev.bottom, 0.0) / max(line.bottom - line.top, 1.0), 2)
        out.extend(lines)
        column += 1
    return out
