"""Characters -> words, shared by both PDF engines.

Both readers (pdfplumber/pdfminer and PDFium) reduce a page to the same
character records, and this module groups them into words exactly the way
pdfplumber's ``extract_words(extra_attrs=["fontname", "size"])`` does with its
default tolerances: consecutive characters of one style form a run; a run is
cut into lines by the top of each character (chained, 3 pt); a line is read
left to right and a word ends at a space, a jump back, a gap over 3 pt or a
top 3 pt away.

What differs from pdfplumber is only what would make two engines disagree on
the same page: positions and sizes are snapped to 1/1000 pt (PDFium computes
in single precision, pdfminer in double, and pdfminer's sizes carry noise
such as ``10.980000000000018`` that would split a word in two), and the font
name loses its subset prefix (``ABCDEF+Calibri`` -> ``Calibri``; PDFium does
not report it).
"""
from __future__ import annotations

from operator import itemgetter
from typing import Iterable

from .layout import Word

X_TOLERANCE = 3.0
Y_TOLERANCE = 3.0
LIGATURES = {"ﬀ": "ff", "ﬃ": "ffi", "ﬄ": "ffl", "ﬁ": "fi", "ﬂ": "fl", "ﬆ": "st", "ﬅ": "st"}

# A character: (text, x0, x1, top, bottom, size, fontname, upright), positions in pdfplumber's
# page coordinates (points, origin top-left), already snapped with ``snap``.
Char = tuple


def snap(value: float) -> float:
    """To 1/1000 pt, through 1e-6 first so values that differ only by float noise land together
    (559.27549999999996 and 559.27550000000001 are both 559.2755 -> 559.275)."""
    return round(round(value, 6), 3)


def base_font(name: str) -> str:
    """``ABCDEF+Helvetica-Bold`` -> ``Helvetica-Bold``: subset prefixes are six capitals and a plus."""
    if len(name) > 7 and name[6] == "+" and name[:6].isupper() and name[:6].isalpha():
        return name[7:]
    return name


def words_from_chars(chars: Iterable[Char]) -> list[Word]:
    """Upright words of the page (rotated characters only break runs, as in pdfplumber)."""
    out: list[Word] = []
    run: list[Char] = []
    key = None
    for ch in chars:
        k = (ch[7], ch[6], ch[5])
        if k != key:
            if run and key[0]:
                _run_words(run, out)
            run, key = [], k
        run.append(ch)
    if run and key[0]:
        _run_words(run, out)
    return out


def _run_words(run: list[Char], out: list[Word]) -> None:
    if len(run) == 1:
        lines = [run]
    else:
        # cluster the distinct tops (chained within the tolerance), as pdfplumber's cluster_objects
        tops = sorted({c[3] for c in run})
        cluster_of: dict[float, int] = {}
        n, last = 0, tops[0]
        for t in tops:
            if t > last + Y_TOLERANCE:
                n += 1
            cluster_of[t] = n
            last = t
        if n == 0:
            lines = [sorted(run, key=_x0)]
        else:
            buckets: list[list[Char]] = [[] for _ in range(n + 1)]
            for c in run:
                buckets[cluster_of[c[3]]].append(c)
            lines = [sorted(b, key=_x0) for b in buckets]
    for line in lines:
        word: list[Char] = []
        for c in line:
            text = c[0]
            if text.isspace():
                if word:
                    out.append(_merge(word))
                    word = []
                continue
            if word:
                p = word[-1]
                if c[1] < p[1] or c[1] > p[2] + X_TOLERANCE or abs(c[3] - p[3]) > Y_TOLERANCE:
                    out.append(_merge(word))
                    word = []
            word.append(c)
        if word:
            out.append(_merge(word))


_x0 = itemgetter(1)
_UNLIGATE = str.maketrans(LIGATURES)


def _merge(chars: list[Char]) -> Word:
    first = chars[0]
    if len(chars) == 1:
        text = LIGATURES.get(first[0], first[0])
        return Word(text, first[1], first[2], first[3], first[4], first[5], first[6])
    texts, _, x1s, tops, bottoms, _, _, _ = zip(*chars)
    # a word's characters run left to right (a step back ends the word): the first starts it
    return Word("".join(texts).translate(_UNLIGATE), first[1], max(x1s), min(tops), max(bottoms), first[5], first[6])


def plain_text(chars: list[Char]) -> str:
    """``pdfplumber.utils.extract_text(chars)`` (default settings, not layout) for upright characters:
    words as above but without the style split, lines of words clustered by top, joined by spaces
    and newlines.  Used for the text of table cells."""
    if not chars:
        return ""
    words: list[Word] = []
    _run_words(chars, words)
    if len(words) <= 1:
        return words[0].text if words else ""
    tops = sorted({w.top for w in words})
    cluster_of: dict[float, int] = {}
    n, last = 0, tops[0]
    for t in tops:
        if t > last + Y_TOLERANCE:
            n += 1
        cluster_of[t] = n
        last = t
    lines: list[list[str]] = [[] for _ in range(n + 1)]
    for w in words:
        lines[cluster_of[w.top]].append(w.text)
    return "\n".join(" ".join(line) for line in lines)
