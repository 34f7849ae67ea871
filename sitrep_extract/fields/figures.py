"""Counts stated in prose: 'As of 10 July, 54,747 COVID-19 cases and 264 deaths were recorded'."""
from __future__ import annotations

from collections.abc import Iterable, Iterator

import regex as re

from ..report import HeadlineFigure
from .dates import parse_as_of
from .numbers import parse_count

_QUALIFIER = r"(?:new|additional|confirmed|suspected|probable|cumulative|total|active|covid-19|covid|ebola|dengue|" \
             r"cholera|mpox|measles|laboratory[- ]confirmed|related|reported|local|imported|nouveaux|confirm[ée]s|" \
             r"suspects|probables)"
_S = r"[^\S\n]+"  # spaces within a line
_NOUN = (r"(?:cases?|deaths?|fatalities|recoveries|recovered|tests|contacts|cas|d[ée]c[eè]s|casos|muertes|fallecidos|"
         # "10,512 people have recovered", "41 187 people had received the first dose", "96,000 people evacuated"
         rf"(?:people|persons|patients){_S}(?:(?:have|had){_S})?(?:recovered|died)|"
         rf"(?:people|persons){_S}(?:(?:have|had|are|were){_S})?(?:been{_S})?(?:fully{_S})?vaccinated|"
         rf"(?:people|persons){_S}(?:(?:have|had){_S})?received{_S}(?:(?:the|a){_S})?first{_S}dose|"
         rf"(?:people|persons|residents){_S}(?:(?:have|had|are|were){_S})?(?:been{_S})?(?:evacuated|displaced|injured))")
_FIGURE = re.compile(
    rf"(?<![\w.,-])(?P<num>\d{{1,3}}(?:[,. \u00a0’']\d{{3}})+|\d+)[^\S\n]+(?P<quals>(?:{_QUALIFIER}[^\S\n]+){{0,3}})"
    rf"(?P<noun>{_NOUN})\b",
    re.IGNORECASE,
)
# Between sentences: a stop, closing quotes, space, then a capital or digit. The sentence ends with the stop
# (m.start()), the next begins at m.end(). (Matched from the stop: a lookbehind tried at every character is slower.)
_SENTENCE_END = re.compile(r"[.!?][\"”’)]*\s+(?=[\"“(]?[A-Z0-9])")
_YEAR_AFTER = re.compile(r"\b(?:in|of|since|from|to|by|during|until|for)\s+$", re.IGNORECASE)
# A note under a table or chart ("§The exposure for 2 cases occurred outside of Spain.", "Note for
# figure 2: ..."): it qualifies a figure printed elsewhere, it does not state one.
# (a "*" that a later "*" closes is markdown emphasis, not a footnote mark)
_NOTE = re.compile(r"^\s*(?:(?:[†‡§¶]+|\*+(?![^*]*\*))(?=[^\s*†‡§¶])|(?:notes?|sources?)\b[^.:\n]{0,40}:)",
                   re.IGNORECASE)
_AS_OF_CUE = re.compile(r"\b(?:as\s+of|as\s+at|to\s+date|so\s+far|cumulative|a\s+total\s+of|au\s+\d|since)\b",
                        re.IGNORECASE)


def _metric(quals: str, noun: str) -> str:
    q, n = quals.lower(), noun.lower()
    if re.match(r"death|fatalit|d[ée]c|muert|fallec", n) or n.endswith("died"):
        return "deaths"
    if n.startswith("recover") or n.endswith("recovered"):
        return "recovered"
    for verb in ("evacuated", "displaced", "injured"):
        if n.endswith(verb):
            return verb
    if n.endswith(("vaccinated", "dose")):  # "41 187 people had received the first dose"
        return "fully_vaccinated" if "fully" in n else "vaccinated"
    if n == "tests":
        return "tested"
    if n.startswith("contact"):
        return "contacts"
    for word, metric in (("suspect", "suspected"), ("probable", "probable"), ("active", "active"),
                         ("new", "new_cases"), ("nouveau", "new_cases"), ("confirm", "confirmed")):
        if word in q:
            return metric
    return "confirmed"


def headline_figures(texts: Iterable[str], default_year: int | None, report_date: str | None,
                     cue_only: bool = False) -> list[HeadlineFigure]:
    """Figures from sentences of the given texts. With ``cue_only``, only sentences with an as-of cue count."""
    figures: list[HeadlineFigure] = []
    seen: set[tuple[str, int]] = set()
    for text in texts:
        for sentence in _figure_sentences(text):
            if cue_only and not _AS_OF_CUE.search(sentence):
                continue
            if "\t" in sentence or _NOTE.match(sentence):
                continue  # the cells of a table, or a note: no figure stated in prose
            matches = list(_FIGURE.finditer(sentence))
            if not matches:
                continue
            explicit = any("confirm" in m.group("quals").lower() for m in matches)
            as_of = parse_as_of(sentence, default_year) or report_date
            for m in matches:
                metric = _metric(m.group("quals"), m.group("noun"))
                if metric == "confirmed" and explicit and "confirm" not in m.group("quals").lower():
                    metric = "cases"
                value = parse_count(m.group("num"))
                if 1900 <= (value or 0) <= 2100 and _YEAR_AFTER.search(sentence[:m.start()]):
                    continue  # "In 2020 cases rose": a year, not a count
                if value is None or (metric, value) in seen:
                    continue
                seen.add((metric, value))
                figures.append(HeadlineFigure(metric=metric, value=value, as_of=as_of, text=sentence.strip()))
    return figures


def _figure_sentences(text: str) -> Iterator[str]:
    """The sentences of ``text`` that hold a figure, in order (only those can state one, and most hold none).
    One search over the whole text finds them: a figure never runs over a sentence's end (its stops are
    followed by digits) nor starts between sentences (in quotes or space)."""
    stops = _SENTENCE_END.finditer(text)
    start = 0  # where the sentence after the last stop passed begins
    for figure in _FIGURE.finditer(text):
        if figure.start() < start:
            continue  # in the sentence given last
        for stop in stops:
            if stop.start() >= figure.start():
                yield text[start:stop.start() + 1]
                start = stop.end()
                break
            start = stop.end()
        else:
            yield text[start:]
            return


def prose_chunks(lines: Iterable[str], size: int = 1 << 16) -> Iterator[str]:
    """The lines joined by newlines, in pieces of about ``size`` characters cut only where a sentence
    surely ends ('... cases.' / 'As of ...'): the sentences are those of the whole text, which is
    never held at once (a long document's text, several times over, was a peak of memory)."""
    piece: list[str] = []
    length = 0
    for line in lines:
        if length >= size and piece[-1].endswith((".", "!", "?")) and line[:1].isascii() and line[:1].isalnum() \
                and not line[:1].islower():
            yield "\n".join(piece)
            piece, length = [], 0
        piece.append(line)
        length += len(line) + 1
    if piece:
        yield "\n".join(piece)
