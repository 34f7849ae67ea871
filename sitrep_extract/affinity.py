"""How well a heading fits a block of text: the content check for detached headings.

Two measures: canonical list sections have keyword profiles (``canonical.TABLE``);
titled stories are compared word by word with their candidate text, rarer
words counting more.
"""
from __future__ import annotations

import math

import regex as re

from .canonical import Canon

_STOP = frozenset("""a an and are as at be by for from has have in into is it its of on or over the their this to
was were will with during after before about under new more than our we us all how why what who""".split())
_WORD = re.compile(r"[^\W\d_]{3,}")


def stems(text: str) -> set[str]:
    """Content words cut to a stem-like prefix, so 'volunteers' meets 'volunteering'."""
    if text.isascii():  # lower-casing ASCII keeps every letter a letter: one call for the whole text
        return {w[:6] for w in _WORD.findall(text.lower()) if w not in _STOP}
    return {w[:6] for w in (m.lower() for m in _WORD.findall(text)) if w not in _STOP}


def keyword_score(canon: Canon, text: str) -> float:
    """0..1: how many of the section's marker words the text uses (3 or more is a full match)."""
    if not canon.keywords:
        return 0.3
    low = " " + text.lower() + " "
    hits = sum(1 for k in canon.keywords if (" " + k) in low or ("(" + k) in low)
    return min(hits, 3) / 3


class TitleMatcher:
    """Word overlap between titles and texts, weighted by rarity across the document's blocks."""

    def __init__(self, texts: list[str]):
        self.count = max(1, len(texts))
        self.df: dict[str, int] = {}
        for text in texts:
            for stem in stems(text):
                self.df[stem] = self.df.get(stem, 0) + 1

    def weight(self, stem: str) -> float:
        return math.log((1 + self.count) / (1 + self.df.get(stem, 0))) + 0.1

    def score(self, title: str, text: str) -> float:
        """0..1: the weighted share of the title's words found in the text."""
        return self.score_stems(stems(title), stems(text))

    def score_stems(self, wanted: set[str], found: set[str]) -> float:
        if not wanted:
            return 0.0
        ordered = sorted(wanted)  # a fixed order: float sums decide ties, and must not vary between runs
        total = sum(self.weight(s) for s in ordered)
        return sum(self.weight(s) for s in ordered if s in found) / total
