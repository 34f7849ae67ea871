"""Text laid out in columns side by side (``pdftotext -layout``) -> the same text, one column after another.

A layout export keeps each page's geometry in character cells: the columns of a newsletter sit
side by side on each line, separated by a gutter of spaces at the same position down the page.
Read line by line, every line would mix two stories. So each page is cut at its gutter: a stretch
of character positions blank on nearly every line while many lines have text on both sides of it.
A line with text inside the gutter (a heading or caption across both columns) ends the run of
lines above it; each run is read left column first, then right, and each column may be cut again
(three columns). Text without such a gutter is returned unchanged.
"""
from __future__ import annotations

import re

# A gutter needs this many lines with text on both sides (and this share of the page's lines).
MIN_TWO_SIDED = 5
MIN_TWO_SIDED_SHARE = 0.2
# Lines printed across the gutter (headings, captions) that still let it count as one.
MAX_BLOCKED_SHARE = 0.1
MIN_GUTTER = 2  # blank character positions
MAX_DEPTH = 2  # a cut, then a cut inside each side: up to four columns
_GAP = re.compile(r"\S {2,}\S")
_WORD = re.compile(r"[^\W\d_]{2,}")


def unfold_columns(text: str) -> str:
    """``text`` with side-by-side columns read one after another (pages stay apart by form feeds)."""
    if "   " not in text:
        return text  # no gap of three spaces anywhere: too narrow for a column gutter
    return "\f".join("\n".join(_unfold(page.split("\n"), 0)) for page in text.split("\f"))


def _unfold(rows: list[str], depth: int) -> list[str]:
    gutter = None if depth >= MAX_DEPTH else _gutter(rows)
    if gutter is None:
        return rows
    out: list[str] = []
    run: list[tuple[str, str]] = []
    for row in rows:
        halves = _halves(row, *gutter)
        if halves is None:  # text across the gutter: it stands on its own, between runs
            out.extend(_run(run, depth))
            out.append(row)
            run = []
        else:
            run.append(halves)
    out.extend(_run(run, depth))
    return out


def _halves(row: str, a: int, b: int) -> tuple[str, str] | None:
    """The row's text left and right of the gutter [a, b), or None if it is printed across it. A
    left line that runs into the gutter still ends before the right column ('… in Nur-   petences')."""
    if not row[a:b].strip():
        return row[:a].rstrip(), row[a:].rstrip()
    if row[b - MIN_GUTTER:b].isspace() and row[b:b + 1].strip():
        return row[:b].rstrip(), " " * (b - a) + row[b:].rstrip()
    return None


def _run(pairs: list[tuple[str, str]], depth: int) -> list[str]:
    """A run of lines clear of the gutter: the left column, then the right one."""
    if not any(left and right.strip() for left, right in pairs):
        return [(left + right).rstrip() for left, right in pairs]
    left, right = _side(pairs, 0), _side(pairs, 1)
    indent = min((len(r) - len(r.lstrip(" ")) for r in right if r), default=0)
    right = [r[indent:] for r in right]
    return _unfold(left, depth + 1) + [""] + _unfold(right, depth + 1)


def _side(pairs: list[tuple[str, str]], k: int) -> list[str]:
    """One column's lines. A line blank on this side only is the other column's line falling
    between two of this one's (baselines differ): no gap in this column, so it is left out."""
    return [pair[k] for pair in pairs if pair[k].strip() or not pair[1 - k].strip()]


def _gutter(rows: list[str]) -> tuple[int, int] | None:
    """The character positions [a, b) of the widest-used gutter of these lines, or None."""
    filled = [row for row in rows if row.strip()]
    need = max(MIN_TWO_SIDED, MIN_TWO_SIDED_SHARE * len(filled))
    if sum(1 for row in filled if _GAP.search(row)) < need or any("\t" in row for row in filled):
        return None  # too few lines with a gap inside (the cheap test); tabs separate cells, not columns
    width = max(map(len, filled))
    blocked = [0] * width  # lines with text at a position
    two_sided = [0] * width  # lines with a space at a position and text on both sides of it
    for row in filled:
        first = len(row) - len(row.lstrip())
        last = len(row.rstrip())
        for c in range(first, last):
            if row[c] != " ":
                blocked[c] += 1
            else:
                two_sided[c] += 1
    allowed = max(2, MAX_BLOCKED_SHARE * len(filled))
    best, best_score = None, 0
    c = 0
    while c < width:
        if blocked[c] > allowed or two_sided[c] < need:
            c += 1
            continue
        start = c
        while c < width and blocked[c] <= allowed and two_sided[c] >= need:
            c += 1
        lo, hi, least = _clearest(blocked, start, c)
        if hi - lo >= MIN_GUTTER:
            score = min(two_sided[lo:hi])
            if score > best_score and score >= 2 * least and _prose_beside(filled, lo, hi) >= need:
                best, best_score = (lo, hi), score
    return best


def _clearest(blocked: list[int], start: int, end: int) -> tuple[int, int, int]:
    """The widest stretch of [start, end) that the fewest lines cross, at least MIN_GUTTER wide if
    there is one: a few left lines running long, or the spaces between a heading's words, are
    not the gutter. Returns (lo, hi, lines crossing)."""
    for least in sorted(set(blocked[start:end])):
        runs, lo = [], None
        for k in range(start, end + 1):
            if k < end and blocked[k] <= least:
                lo = k if lo is None else lo
            elif lo is not None:
                runs.append((k - lo, lo, k))
                lo = None
        width, lo, hi = max(runs)
        if width >= MIN_GUTTER:
            return lo, hi, least
    return start, start, 0


def _prose_beside(rows: list[str], a: int, b: int) -> int:
    """Lines with words on both sides of [a, b): columns of text, not a table aligned with spaces
    ('KOSHI   1193   9.4%'), whose rows must stay whole."""
    return sum(1 for row in rows if not row[a:b].strip()
               and len(_WORD.findall(row[:a])) >= 2 and len(_WORD.findall(row[b:])) >= 2)
