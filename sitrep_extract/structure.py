"""Blocks -> tokens (headings and bodies) -> which heading owns which block.

Heading blocks are split into headings (several may be printed in one block);
special headings (key sources, contact) take the blocks their parsers read;
everything else is shared out by ``assign`` (one best reading of the whole
document, which also copes with headings printed after their blocks).
"""
from __future__ import annotations

from dataclasses import dataclass, field

import regex as re

from . import canonical
from .affinity import TitleMatcher
from .assign import Run, Scorer, assign
from .blocks import ends_with_connector
from .canonical import Canon
from .fields.document import calls_itself_sitrep
from .fields.places import COUNTRIES

_ALIASES = [alias for aliases in COUNTRIES.values() for alias in aliases] + list(COUNTRIES)
from .model import Block

_DOC_TITLE = re.compile(r"situation\s+report|sitrep|rapport\s+de\s+situation|informe\s+de\s+situaci[oó]n|"
                        r"situation\s+update|bulletin", re.IGNORECASE)
_LETTERS = re.compile(r"[^\W\d_]+")
_WEBBY = re.compile(r"\b(?:www\.|https?://)|\.\w{2,3}\b")

MAX_HEADING_LINES = 12


@dataclass
class Heading:
    text: str
    canon: Canon | None
    block: Block
    role: str  # story | container | list | special | doc_title

    @property
    def takes_body(self) -> bool:
        return self.role in ("story", "list")


@dataclass
class Body:
    block: Block

    @property
    def sink(self) -> bool:
        """A link list: blocks after it are not the continuation of what came before."""
        return self.block.kind == "urls"

    @property
    def boundary(self) -> bool:
        """Where a pool of blocks for headings printed late stops: a link list or a table."""
        return self.block.kind in ("urls", "figures")


Token = Heading | Body


@dataclass
class Outline:
    """The result: tokens in reading order and, per heading token index, the body token indexes it owns."""

    tokens: list[Token]
    owned: dict[int, list[int]] = field(default_factory=dict)
    orphans: list[int] = field(default_factory=list)


def tokenize(blocks: list[Block]) -> list[Token]:
    tokens: list[Token] = []
    for block in blocks:
        if block.kind != "heading":
            tokens.append(Body(block))
            continue
        for text, canon in _heading_parts(block):
            if canon is not None:
                role = canon.role
            elif _is_masthead(text) or _DOC_TITLE.search(text) and not any(
                    isinstance(t, Heading) and t.takes_body for t in tokens):
                role = "doc_title"
            else:
                role = "story"
            tokens.append(Heading(text=text, canon=canon, block=block, role=role))
    return tokens


_MASTHEAD_WORDS = frozenset("united nations un in the of republic government ministry health and population "
                            "world organization organisation country team office".split())


def _is_masthead(text: str) -> bool:
    """'UNITED NATIONS KAZAKHSTAN', 'Republic of Uganda': who publishes, not a section."""
    words = _LETTERS.findall(text.lower())
    rest = " ".join(w for w in words if w not in _MASTHEAD_WORDS)
    if not words or len(words) > 6 or rest == " ".join(words):
        return False
    return not rest or rest.title() in COUNTRIES or any(rest == alias.lower() for alias in _ALIASES)


def _heading_parts(block: Block) -> list[tuple[str, Canon | None]]:
    """A heading block may hold several headings printed one under the other, and a heading
    may wrap onto several lines: choose the grouping of lines that reads as the most
    canonical headings, then split each group on canonical variants inside a line."""
    lines = [line.text for line in block.lines]
    if len(lines) > MAX_HEADING_LINES:
        return canonical.split_headings(" ".join(lines))
    n = len(lines)
    best: list[tuple[float, int]] = [(0.0, 0)] + [(float("-inf"), 0)] * n
    for end in range(1, n + 1):
        for start in range(end):
            value = best[start][0] + _group_score(" ".join(lines[start:end]), end - start)
            if value > best[end][0]:
                best[end] = (value, start)
    cuts = [n]
    while cuts[-1] > 0:
        cuts.append(best[cuts[-1]][1])
    cuts.reverse()
    parts: list[tuple[str, Canon | None]] = []
    for start, end in zip(cuts, cuts[1:]):
        parts.extend(canonical.split_headings(" ".join(lines[start:end])))
    return parts


def _group_score(text: str, line_count: int) -> float:
    if ends_with_connector(text):
        return -3.0  # "SOCIO-ECONOMIC IMPACT AND" wraps on: with "RESPONSE" it is one heading
    if canonical.lookup(text):
        # A heading wrapped over lines that names a section as a whole beats reading its pieces as
        # sections ("SOCIO-ECONOMIC" / "IMPACT AND" / "RESPONSE": not socio-economic + actions).
        return 1.9 + 0.9 * (line_count - 1)
    if calls_itself_sitrep(text):
        return 0.8  # "COVID-19 SITUATION REPORT": a title of its own above the lead story's title
    parts = canonical.split_headings(text)
    named = sum(1 for _, canon in parts if canon)
    scraps = sum(1 for part, canon in parts if canon is None and len(part.split()) <= 1)
    return named - scraps - 0.2


def outline(blocks: list[Block]) -> Outline:
    tokens = tokenize(blocks)
    fixed = _special_owners(tokens)
    runs, before = _runs_and_stretches(tokens, fixed)
    matcher = TitleMatcher(((i, t.block.text) for i, t in enumerate(tokens) if isinstance(t, Body)),
                           (t.text for t in tokens if isinstance(t, Heading)))
    scorer = Scorer(tokens, matcher)
    owner: dict[int, int | None] = {**fixed, **assign(runs, before, scorer)}
    current: int | None = None
    for i, token in enumerate(tokens):  # tables in the flow stay with the heading above them
        if isinstance(token, Heading) and (token.takes_body or token.role == "container"):
            current = i
        elif isinstance(token, Body) and token.block.kind == "figures":
            owner[i] = current
    result = Outline(tokens=tokens)
    for i, token in enumerate(tokens):
        if isinstance(token, Body):
            if owner.get(i) is None:
                result.orphans.append(i)
            else:
                result.owned.setdefault(owner[i], []).append(i)
    return result


def _runs_and_stretches(tokens: list[Token], fixed: dict[int, int]) -> tuple[list[Run], list[int]]:
    """Runs of headings with the free blocks after each; and the free blocks before the first run."""
    runs: list[Run] = []
    before: list[int] = []
    inherited: int | None = None  # the heading normal reading gives blocks to when a run has none
    for i, token in enumerate(tokens):
        if isinstance(token, Heading):
            if not runs or runs[-1].after or runs[-1].closed:
                runs.append(Run(attach=[], detach=[], after=[]))
            run = runs[-1]
            if token.takes_body:
                run.detach.append(i)
                run.attach = [a for a in run.attach if tokens[a].role != "container"] + [i]
            elif token.role == "container":
                run.attach.append(i)  # HIGHLIGHTS over bullets takes them; over story titles it does not
            continue
        if runs and not runs[-1].closed:
            runs[-1].closed = True
            if not runs[-1].attach and inherited is not None:
                runs[-1].attach.append(inherited)
            if runs[-1].attach:
                inherited = runs[-1].attach[-1]
        if token.block.kind == "figures" and runs:
            runs[-1].has_figures = True
        if i in fixed or token.block.kind == "figures":
            continue
        (runs[-1].after if runs else before).append(i)
    if runs and not runs[-1].closed and not runs[-1].attach and inherited is not None:
        runs[-1].attach.append(inherited)
    return runs, before


def _special_owners(tokens: list[Token]) -> dict[int, int]:
    """Blocks a special heading (key sources, contact) reads: fixed before anything else is shared out."""
    owner: dict[int, int] = {}
    special: int | None = None
    for i, token in enumerate(tokens):
        if isinstance(token, Heading):
            special = i if token.role == "special" else None
            continue
        if special is not None and _special_accepts(tokens[special], token.block, first=tokens[i - 1] is tokens[special]):
            owner[i] = special
        elif token.block.kind != "figures":
            special = None
    # A special heading printed after its content (text from multi-column PDFs): take what sits
    # right above its run of headings, if that is what it reads.
    owned = set(owner.values())
    for h, token in enumerate(tokens):
        if isinstance(token, Heading) and token.role == "special" and h not in owned:
            i = h - 1
            while i >= 0 and (isinstance(tokens[i], Heading) or tokens[i].block.kind == "figures"):
                i -= 1
            if token.canon.id == "key_sources":  # its link list may sit anywhere up the page
                while i >= 0 and isinstance(tokens[i], Body) and (tokens[i].block.kind != "urls" or i in owner):
                    i -= 1
                if i < 0 or not isinstance(tokens[i], Body):
                    continue
            if token.canon.id == "contact":
                _claim_contact_above(tokens, owner, h, i)
                continue
            while i >= 0 and isinstance(tokens[i], Body) and i not in owner \
                    and _special_accepts(token, tokens[i].block, first=True):
                owner[i] = h
                i -= 1
    return owner


def _claim_contact_above(tokens: list[Token], owner: dict[int, int], heading: int, i: int) -> None:
    """The address block above a contact heading printed late: the block with the e-mail or phone
    and the short, unpunctuated blocks (name, role, office) just above it."""
    if i < 0 or not isinstance(tokens[i], Body) or not _CONTACTISH.search(tokens[i].block.text):
        return
    taken = 0
    while i >= 0 and isinstance(tokens[i], Body) and i not in owner and taken < 3:
        block = tokens[i].block
        if block.kind == "figures" or taken and (len(block.lines) > 8 or len(block.text) > 300
                                                 or _PROSE.search(block.text)):
            break
        owner[i] = heading
        i, taken = i - 1, taken + 1


_PROSE = re.compile(r"[a-z]{3,}[.!?]\s+[A-Z]|[a-z]{3,}[.!?]$")  # sentences, not "Mambetov st."
_CONTACTISH = re.compile(r"@|\b(?:tel|phone|fax|e-?mail|web|skype|hotline)\b|\+?\d[\d\s().-]{7,}", re.IGNORECASE)


def _special_accepts(heading: Heading, block: Block, first: bool) -> bool:
    """Specials own only what their parser reads: links for sources, a short address block for contacts."""
    kind = heading.canon.id if heading.canon else ""
    if kind == "key_sources":
        return block.kind == "urls" or bool(_WEBBY.search(block.text)) \
            and len(block.text) < 200
    if kind == "contact":
        short = len(block.lines) <= 10 and len(block.text) < 400
        return short and (first or (len(block.lines) <= 3 and bool(_CONTACTISH.search(block.text))))
    return False
