"""How well a heading fits a block of text: the content check for detached headings.

Two measures: canonical list sections have keyword profiles (``canonical.TABLE``);
titled stories are compared word by word with their candidate text, rarer
words counting more.
"""
from __future__ import annotations

import math
from collections.abc import Collection, Hashable, Iterable

from .canonical import Canon
from .normalize import WordPattern, lowered_words

_STOP = frozenset("""a an and are as at be by for from has have in into is it its of on or over the their this to
was were will with during after before about under new more than our we us all how why what who""".split())
_WORD = WordPattern(r"[^\W\d_]{3,}")


def stems(text: str) -> set[str]:
    """Content words cut to a stem-like prefix, so 'volunteers' meets 'volunteering'."""
    return {w[:6] for w in lowered_words(_WORD, text) if w not in _STOP}


def keyword_score(canon: Canon, text: str) -> float:
    """0..1: how many of the section's marker words the text uses (3 or more is a full match)."""
    if not canon.keywords:
        return 0.3
    low = " " + text.lower() + " "
    hits = 0
    for k in canon.keywords:  # most keywords are absent: one scan for the word before two for its starts
        if k in low and ((" " + k) in low or ("(" + k) in low):
            hits += 1
            if hits == 3:
                break
    return hits / 3


class TitleMatcher:
    """Word overlap between titles and texts, weighted by rarity across the document's blocks.

    Only the stems some title has can ever count, so each text is kept as just those (a small set,
    usually empty): the stems of every block are found once, for the rarity counts and the scores.
    """

    def __init__(self, texts: Iterable[tuple[Hashable, str]], titles: Iterable[str]):
        """``texts``: (key, text) of every block; ``titles``: every title a text may be scored against."""
        self.vocabulary = set().union(*(stems(title) for title in titles))
        self.df: dict[str, int] = {}
        self.hits: dict[Hashable, frozenset[str]] = {}  # key -> the text's stems that some title has
        empty: frozenset[str] = frozenset()
        for key, text in texts:
            found = stems(text) & self.vocabulary
            self.hits[key] = frozenset(found) if found else empty
            for stem in found:
                self.df[stem] = self.df.get(stem, 0) + 1
        self.count = max(1, len(self.hits))

    def weight(self, stem: str) -> float:
        return math.log((1 + self.count) / (1 + self.df.get(stem, 0))) + 0.1

    def profile(self, title: str) -> "TitleProfile":
        return TitleProfile(self, stems(title))


class TitleProfile:
    """One title's stems with their weights, summed once."""

    def __init__(self, matcher: TitleMatcher, wanted: set[str]):
        self.stems = frozenset(wanted)
        self.ordered = sorted(wanted)  # a fixed order: float sums decide ties, and must not vary between runs
        self.weights = [matcher.weight(s) for s in self.ordered]
        self.total = sum(self.weights)

    def share(self, found: Collection[str]) -> float:
        """0..1: the weighted share of the title's words found."""
        if not self.ordered:
            return 0.0
        return sum(w for s, w in zip(self.ordered, self.weights) if s in found) / self.total
