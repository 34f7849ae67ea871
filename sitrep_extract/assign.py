"""Which heading owns which block: one best reading of the whole document.

Between two runs of headings lies a stretch of blocks. Read normally, the
stretch belongs to the last heading above it. In text pulled out of a
multi-column PDF, a page's headings can be printed after the blocks they
label, so the end of a stretch may instead belong to the headings of the run
below it, shared among them in the order they are printed (or, if content
says so clearly, in another order). A dynamic programme over the runs picks
the cut in every stretch, the heading of each run that takes what follows it,
and the order of the others, scoring how well each block fits its heading:
keyword profiles for canonical sections, word overlap for titled stories, a
"More on … page N" line closing a story, a list's last item ending in a period.
"""
from __future__ import annotations

import itertools
from dataclasses import dataclass

from .affinity import TitleMatcher, TitleProfile, keyword_score

ATTACH_BONUS = 0.25  # a block under its heading stays there unless content clearly says otherwise
EMPTY_PENALTY = {"list": 0.5, "story": 0.2, "container": 0.0}
ORDER_PENALTY = 0.3
END_BONUS = 0.25  # a list's segment ending at an item that ends a sentence
SEMICOLON_END_BONUS = 0.4  # more when the items before it end in ";" (the series closes a list with its one ".")
GAP_BONUS = 0.5  # a list's segment ending where a wider gap than any between its items follows
FOOT_PENALTY = 0.3  # a heading whose blocks sit both above and below it: possible, but not the norm
LIST_BASE = 0.15  # a list item without any of a section's marker words counts slightly against it
ORPHAN_COST = 0.1  # a block before any heading, left without one
MAX_POOL = 60  # headings printed late label at most about a page of blocks
MAX_RUN = 8  # a longer stack of headings is a table of contents or junk, not headings printed late
MAX_ORDERS = 4  # permutations are tried for up to this many detached headings


@dataclass
class Run:
    """A run of consecutive headings and the free blocks that follow it (up to the next run)."""

    attach: list[int]  # headings that may take the blocks below the run (takers, containers or inherited)
    detach: list[int]  # headings that may take blocks above the run
    after: list[int]  # free blocks between this run and the next
    closed: bool = False  # a block came after the run: it takes no more headings
    has_figures: bool = False  # a table follows the run: its last heading is not empty without blocks


class Scorer:
    """Segment scores, with every per-block measure computed once (the DP tries many ranges)."""

    def __init__(self, tokens, matcher: TitleMatcher):
        self.tokens = tokens
        self.matcher = matcher
        self._texts: dict[int, str] = {}
        self._unit: dict[tuple[int, int], float] = {}
        self._rows: dict[tuple[int, int, int, int], list[float]] = {}
        self._titles: dict[int, TitleProfile] = {}

    def keep_only(self, stretch: list[int]) -> None:
        """Forget what was measured for blocks outside ``stretch``: runs are scored one after another
        and a run reads only its own stretch and the one above it, so memory stays flat on long
        documents. Segment rows are per heading, and each heading belongs to one run."""
        wanted = set(stretch)
        self._texts = {i: t for i, t in self._texts.items() if i in wanted}
        self._unit.clear()
        self._rows.clear()

    def text(self, i: int) -> str:
        if i not in self._texts:
            self._texts[i] = self.tokens[i].block.text
        return self._texts[i]

    def stems(self, i: int) -> frozenset[str]:
        """The block's stems that some title has (no other stem can count in a title score)."""
        return self.matcher.hits[i]

    def gap(self, i: int) -> float:
        """The blank space above a block (text: blank lines; PDF: line heights)."""
        return self.tokens[i].block.lines[0].gap_before

    def kind(self, i: int) -> str:
        return self.tokens[i].block.kind

    def unit(self, heading: int, i: int) -> float:
        """How well one block fits under a heading, on its own."""
        key = (heading, i)
        if key not in self._unit:
            token = self.tokens[heading]
            if self.kind(i) == "urls":
                value = LIST_BASE  # links fit anywhere and nowhere
            elif token.canon is not None and token.role in ("list", "container"):
                value = keyword_score(token.canon, self.text(i))
            else:
                value = self._title(heading).share(self.stems(i))
            self._unit[key] = value - LIST_BASE
        return self._unit[key]

    def segments_from(self, heading: int, stretch: list[int], start: int) -> list[float]:
        """Scores of stretch[start:p] under a heading for every p >= start, built block by block:
        O(n) per start where scoring each range afresh would be O(n²)."""
        key = (heading, stretch[0] if stretch else -1, len(stretch), start)
        if key not in self._rows:
            self._rows[key] = self._row(heading, stretch, start)
        return self._rows[key]

    def _row(self, heading: int, stretch: list[int], start: int) -> list[float]:
        token = self.tokens[heading]
        role = "list" if token.role == "list" else "container" if token.role == "container" else "story"
        row = [-EMPTY_PENALTY[role]]
        if role != "story":
            score = 0
            semicolons = 0  # items so far that end in ";": a list closed by its one "." item
            inner_gap = 0.0  # the widest gap between the segment's blocks so far
            gaps = [self.gap(i) for i in stretch[start:]] + [0.0]  # gaps[n]: above the block after n blocks
            for n, i in enumerate(stretch[start:], 1):
                score += self.unit(heading, i)
                text = self.text(i).rstrip()
                bonus = 0.0
                if role == "list" and n > 1:
                    if text.endswith((".", "”", '"')):
                        bonus = END_BONUS + SEMICOLON_END_BONUS * semicolons / (n - 1)
                    if start + n < len(stretch) and gaps[n] > inner_gap:
                        bonus += GAP_BONUS
                row.append(score + bonus)
                semicolons += text.endswith(";")
                if n > 1 and gaps[n - 1] > inner_gap:
                    inner_gap = gaps[n - 1]
            return row
        # A titled story: its words, in a few paragraphs, closed by a "More on … page N." line if any.
        title = self._title(heading)
        found: set[str] = set()  # the title's stems met so far
        share = title.share(found)
        links = urls = 0  # "More on … page N" lines before the last block; link lists
        for n, i in enumerate(stretch[start:], 1):
            kind = self.kind(i)
            new = (self.stems(i) & title.stems) - found
            if new:
                found |= new
                share = title.share(found)
            urls += kind == "urls"
            score = 2 * share - 0.1 * (n - 1)
            score += 0.4 if kind == "see_also" and n > 1 else 0.0  # it closes a story's text, it is none
            # A story does not run on past its "More on … page N" line, nor hold link lists.
            row.append(score - 0.5 * links - 0.3 * urls)
            links += kind == "see_also"
        return row

    def _title(self, heading: int) -> TitleProfile:
        if heading not in self._titles:
            self._titles[heading] = self.matcher.profile(self.tokens[heading].text)
        return self._titles[heading]


def assign(runs: list[Run], before: list[int], scorer: Scorer) -> dict[int, int]:
    """Owner heading of every free block. ``before``: free blocks above the first run."""
    owner: dict[int, int] = {}
    # best[c]: score of everything above the stretch that precedes the current run, given that the
    # stretch's first c blocks went to the heading above it (the rest are left for this run).
    previous = before
    best = [-ORPHAN_COST * c for c in range(len(before) + 1)]
    trail: list[tuple[list[float], list]] = []  # per run: (best, back pointers per cut)
    for run in runs:
        scorer.keep_only(previous)
        configs = _configs(run)
        candidates: list[tuple[float, object]] = []
        start_min = _detach_start(previous, scorer)
        prefixes: dict[tuple[int, ...], tuple[list[float], list[int]]] = {}  # shared by orders alike at the start
        for attach, order in configs:
            value, back = _best_before(best, previous, order, start_min, scorer, prefixes)
            if value == float("-inf"):
                continue
            foot = order[-1:] == (attach,)
            if order[:len(order) - foot] != tuple(d for d in run.detach if d != attach):
                value -= ORDER_PENALTY
            value -= FOOT_PENALTY * foot
            candidates.append((value, (attach, order, back), foot))
        new_best = [float("-inf")] * (len(run.after) + 1)
        new_back: list = [None] * (len(run.after) + 1)
        held = _held(run.after, scorer)
        for value, config, foot in candidates:
            attach = config[0]
            # a heading printed after its own blocks does not hold the blocks under it as normal reading would
            hold = 0.0 if foot else ATTACH_BONUS
            for cut in range(len(run.after) + 1):
                if attach is None:
                    total = value - ORPHAN_COST * cut  # nobody in this run takes them: left without a heading
                elif cut == 0 and run.has_figures:
                    total = value  # the table under the heading is its content
                else:
                    # the first ``held`` blocks sit straight under the heading: the bonus of normal reading
                    total = value + (scorer.segments_from(attach, run.after, 0)[cut] + hold * min(held, cut))
                if total > new_best[cut] + 1e-12:
                    new_best[cut], new_back[cut] = total, config
        trail.append((new_best, new_back))
        previous, best = run.after, new_best
    _trace(runs, before, trail, owner)
    return owner


def _configs(run: Run) -> list[tuple[int | None, tuple[int, ...]]]:
    """(heading taking the blocks below, detached headings in order) choices for a run."""
    if len(run.detach) > MAX_RUN:
        return [(run.attach[-1] if run.attach else None, ())]
    configs = []
    for attach in [*run.attach, None]:
        rest = [d for d in run.detach if d != attach]
        orders = [tuple(o) for o in itertools.permutations(rest)] if len(rest) <= MAX_ORDERS else [tuple(rest)]
        configs.extend((attach, order) for order in orders)
        if attach in run.detach:
            # A heading at the foot of a column: its first blocks above the run, the rest below it.
            configs.extend((attach, order + (attach,)) for order in orders[:1])
    return configs


def _detach_start(stretch: list[int], scorer: Scorer) -> int:
    """Detached headings take blocks after the last link list of the stretch, and at most a page."""
    last_sink = max((k + 1 for k, i in enumerate(stretch) if scorer.kind(i) == "urls"), default=0)
    return max(last_sink, len(stretch) - MAX_POOL)


def _held(after: list[int], scorer: Scorer) -> int:
    """Blocks straight under a run, before any link list: the ones normal reading holds firmly."""
    for k, i in enumerate(after):
        if scorer.kind(i) == "urls":
            return k
    return len(after)


def _best_before(best: list[float], stretch: list[int], order: tuple[int, ...], start_min: int,
                 scorer: Scorer, prefixes: dict | None = None) -> tuple[float, tuple[int, list[int]] | None]:
    """Best cut of the stretch above a run and the split of its tail among the detached headings.

    One DP over (heading j, end p): heading j's segment ends at p, the first heading's segment
    starts at a cut whose value is ``best[cut]``. Every cut is tried at once: O(k·n²), not O(k·n³).
    ``prefixes`` keeps the DP row after each start of an order, for the other orders of the same
    run (same ``best``, stretch and ``start_min``) that start alike: the permutations share most.
    """
    n = len(stretch)
    if not order:
        return best[n], (n, [])
    neg = float("-inf")
    row = [best[c] if c >= start_min else neg for c in range(n + 1)]
    backs: list[list[int]] = []
    for j, heading in enumerate(order):
        known = prefixes.get(order[:j + 1]) if prefixes is not None else None
        if known is not None:
            row, back = known
            backs.append(back)
            continue
        new, back = [neg] * (n + 1), [0] * (n + 1)
        for c in range(n + 1):  # ascending, and only a strictly better value replaces: ties keep the first cut
            base = row[c]
            if base == neg:
                continue
            for p, score in enumerate(scorer.segments_from(heading, stretch, c), c):
                value = base + score
                if value > new[p]:
                    new[p], back[p] = value, c
        row = new
        backs.append(back)
        if prefixes is not None:
            prefixes[order[:j + 1]] = (row, back)
    if row[n] == neg:
        return neg, None
    cuts = [n]
    for back in reversed(backs):
        cuts.append(back[cuts[-1]])
    cuts.reverse()  # the cut, the starts of the other segments, then the end
    return row[n], (cuts[0], cuts)


def _trace(runs: list[Run], before: list[int], trail, owner: dict[int, int]) -> None:
    """Follow the back pointers from the last run up and record every block's owner."""
    if not runs:
        return
    final, _ = trail[-1]
    # Normally all blocks after the last run go to its heading; if that is impossible, the best cut.
    cut = len(runs[-1].after) if final[-1] > float("-inf") else max(range(len(final)), key=final.__getitem__)
    for index in range(len(runs) - 1, -1, -1):
        run = runs[index]
        best, back = trail[index]
        attach, order, (stretch_cut, starts) = back[cut]
        if attach is not None:
            for i in run.after[:cut]:
                owner[i] = attach
        stretch = runs[index - 1].after if index else before
        for heading, start, end in zip(order, starts, starts[1:]):
            for i in stretch[start:end]:
                owner[i] = heading
        cut = stretch_cut
