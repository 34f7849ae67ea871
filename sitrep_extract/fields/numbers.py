"""Counts and decimals as printed in sitreps (English, French, Spanish, Russian styles).

Separator rule shared by both parsers: ``,``/``.``/space/apostrophe followed by
exactly three digits (and repeated consistently) groups thousands; whatever
``,`` or ``.`` follows the grouped part is the decimal mark.
"""
from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal, localcontext

import regex

MULTIPLIERS: dict[str, int] = {
    "k": 10**3, "thousand": 10**3, "thousands": 10**3, "mille": 10**3,
    "mil": 10**3,  # Spanish "15 mil" is 15 000, not a million
    "тыс": 10**3, "тысяча": 10**3, "тысячи": 10**3, "тысяч": 10**3,
    "lakh": 10**5, "lakhs": 10**5,
    "m": 10**6, "mn": 10**6, "mln": 10**6, "million": 10**6, "millions": 10**6,
    "millón": 10**6, "millon": 10**6, "millones": 10**6,
    "млн": 10**6, "миллион": 10**6, "миллиона": 10**6, "миллионов": 10**6,
    "crore": 10**7, "crores": 10**7,
    "b": 10**9, "bn": 10**9, "billion": 10**9, "billions": 10**9,
    "milliard": 10**9, "milliards": 10**9, "mil millones": 10**9,
    "млрд": 10**9, "миллиард": 10**9, "миллиарда": 10**9, "миллиардов": 10**9,
}

_SPACES = " \u00a0\u202f\u2009"  # space, NBSP, narrow NBSP, thin space
_GROUP_SEPS = ",.'’" + _SPACES
# Words may follow after a space; single letters only glued on ("563K"), so "500 m" stays 500.
_WORDS = "|".join(
    regex.escape(w).replace("\\ ", "\\s+")
    for w in sorted((w for w in MULTIPLIERS if len(w) > 1), key=len, reverse=True)
)
_LETTERS = "".join(w for w in MULTIPLIERS if len(w) == 1)

NUMBER_RE = regex.compile(
    # Not inside a word ("H1N1", "COVID-19") nor in the middle of a longer dotted token.
    r"(?<![\p{L}\d])(?<!\d[.,'’])(?<!\p{L}-)"
    rf"(?P<int>[1-9]\d{{0,2}}(?P<sep>[{_GROUP_SEPS}])\d{{3}}(?:(?P=sep)\d{{3}})*(?!\d)|\d+)"
    r"(?:(?!(?P=sep))(?P<dec>[.,])(?P<frac>\d+))?"
    r"(?![.,'’]?\d)"  # "8.800.080.00.06" is not a number at all
    rf"(?:[{_SPACES}]?(?P<word>{_WORDS})(?!\p{{L}})|(?P<letter>[{_LETTERS}])(?!\p{{L}}))?",
    regex.IGNORECASE,
)


def _multiplier(m: regex.Match) -> int:
    word = m["word"] or m["letter"]
    return MULTIPLIERS[" ".join(word.lower().split())] if word else 1


def _value(m: regex.Match, int_part: str, frac: str | None) -> Decimal:
    digits = "".join(c for c in int_part if c.isdigit()) + "." + (frac or "0")
    with localcontext() as ctx:
        ctx.prec = len(digits) + 12  # exact even for absurdly long digit runs
        return Decimal(digits) * _multiplier(m)


def _count(m: regex.Match) -> int:
    return int(_value(m, m["int"], m["frac"]).to_integral_value(ROUND_HALF_UP))


def parse_count(text: str) -> int | None:
    """The first whole count in ``text``, or None (``ND``, ``N/A``, ``-``).

    ``54,747``/``7.525``/``46 997``/``14’840`` are thousands; ``2.7 mln``,
    ``1,5 million``, ``563K`` apply a multiplier; a decimal part without a
    multiplier is rounded half up (``12.5%`` -> 13). Signs are ignored.
    """
    m = NUMBER_RE.search(text)
    return _count(m) if m else None


def find_counts(text: str) -> list[tuple[int, int, int]]:
    """(value, start, end) of every number token in prose, valued as ``parse_count`` does."""
    return [(_count(m), m.start(), m.end()) for m in NUMBER_RE.finditer(text)]


def parse_decimal(text: str) -> float | None:
    """The first rate/percentage/decimal in ``text``, or None.

    When both ``,`` and ``.`` occur the last one is the decimal mark
    (``1 234,5``, ``1,234.5``); a lone one followed by 1-2 or 4+ digits is
    decimal (``19,1``). A lone one followed by exactly three digits is a
    thousands separator (``1,234`` -> 1234.0) unless the integer part is 0
    (``0,125``) or a ``%`` follows: ``1,590%`` -> 1.59, since a percentage
    over a thousand is far less likely than three decimals.
    """
    m = NUMBER_RE.search(text)
    if not m:
        return None
    int_part, frac, sep = m["int"], m["frac"], m["sep"]
    if (frac is None and sep in (",", ".") and int_part.count(sep) == 1
            and not (m["word"] or m["letter"])
            and text[m.end():].lstrip(_SPACES).startswith("%")):
        int_part, frac = int_part.split(sep)
    return float(_value(m, int_part, frac))
