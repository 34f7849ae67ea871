"""One printed row of a key-figure table -> labelled counts.

'CONFIRMED\\t116772', 'Décès 4 15', '46 997 confirmed (1826 new)',
'Deaths*\\t6\\tAffected Districts\\t76' (two pairs on one line), and long
self-describing labels ('Cumulative cases with lab confirmation 29 03 02 01 35').
Labels map to metrics through one table; the last cell of a row is taken as its
total (tables put the total or cumulative column last).
"""
from __future__ import annotations

import unicodedata
from dataclasses import dataclass

import regex as re
_TABS = re.compile(r"\t+")
_DIGIT = re.compile(r"\d")

# label (folded: lower case, no accents) -> metric. Regexes match the whole label.
METRICS: tuple[tuple[str, str], ...] = (
    ("case_fatality_rate_percent", r"(?:case\s+)?fatality\s+rate|cfr|(?:taux\s+de\s+)?letalite|letalidad|"
                                   r"tasa\s+de\s+letalidad|mortality\s+rate"),
    ("confirmed", r"(?:total\s+|cumulative\s+)?confirmed(?:\s+cases)?|cas\s+confirmes|casos\s+confirmados|"
                  r"confirmes|positives?|lab(?:oratory)?[-\s]confirmed(?:\s+cases)?"),
    ("recovered", r"recovered|recoveries|recovery|discharged|cured|gueris|guerisons|recuperados|recovered\s+cases"),
    ("deaths", r"deaths?|mortality|deceased|fatalities|dead|deces(?:\s+cumules)?|fallecidos|muertes|"
               r"defunciones|verified\s+deaths|confirmed\s+deaths|total\s+deaths"),
    ("suspected", r"suspected(?:\s+cases)?|cas\s+suspects|casos\s+sospechosos|suspects"),
    ("probable", r"probable(?:\s+cases)?|cas\s+probables|casos\s+probables"),
    ("active", r"active(?:\s+cases)?|cas\s+actifs(?:\s+en\s+soins)?|casos\s+activos"),
    ("cases", r"(?:total\s+|reported\s+|cumulative\s+)?(?:\w+\s+)?cases|cas\s+notifies|cas\s+signales|"
              r"total\s+(?:de\s+)?cas(?:\s+signales)?|casos(?:\s+notificados)?|non\s+cas"),
    ("tested", r"(?:people\s+|samples\s+)?tested|tests?(?:\s+performed|\s+done)?|samples|echantillons|pruebas"),
    ("hospitalized", r"hospitali[sz]ed|in\s+hospital|hospitalises|hospitalizados|admitted"),
    ("contacts", r"contacts?(?:\s+(?:listed|traced|followed|under\s+follow[-\s]?up|listes|suivis))?|"
                 r"nombre\s+de\s+contacts\s+listes|contacts\s+suivis(?:\s+\(%\))?|contactos"),
    ("countries", r"countries|pays|affected\s+districts|districts|regions|provinces"),
)


class LabelTable:
    """Label patterns as one regex: the first whose pattern matches the whole label names it.

    One match per label instead of one per pattern (labels are looked up for every printed line).
    """

    def __init__(self, entries: tuple[tuple[str, str], ...]):
        self.names = [name for name, _ in entries]
        self.pattern = re.compile("|".join(f"(?P<m{k}>{p})" for k, (_, p) in enumerate(entries)))
        self.longest = 80  # no label of these tables is longer; a longer line is prose

    def lookup(self, key: str) -> str | None:
        m = self.pattern.fullmatch(key) if len(key) <= self.longest else None
        return self.names[int(m.lastgroup[1:])] if m else None


_METRIC_RES = LabelTable(METRICS)
# Long labels are read by the words they use, first match wins (deaths before cases: "deaths among cases").
_KEYWORDS = (
    ("deaths", r"death|fatalit|deces|fallec|muert"),
    ("recovered", r"recover|discharg|gueri|cured"),
    ("contacts", r"contact"),
    ("confirmed", r"confirm"),
    ("suspected", r"suspect"),
    ("probable", r"probable"),
    ("tested", r"\btest|sample|specimen|echantillon"),
    ("cases", r"\bcases?\b|\bcas\b|\bcasos\b"),
)
_KEYWORD_RES = [(metric, re.compile(pattern)) for metric, pattern in _KEYWORDS]
_NEW = re.compile(r"\bnew\b|\bnouveaux?\b|past\s+24|last\s+24|\btoday\b|du\s+jour|this\s+week|\bsemaine\b|\bdaily\b")
_CURRENT = re.compile(r"currently|admitted|isolated|under\s+treatment|en\s+soins|\bactive\b")

MULTIPLIER = r"k|m|mln|mn|million|bn|thousand"  # "13 MLN", "563K"
VALUE = rf"[-+]?\d[\d\s.,’'\u00a0\u202f]*(?:\s?%|\s?(?:{MULTIPLIER})\b)?"
_MISSING = r"(?:ND|NA|N/A|n\.?d\.?|—|–|-)"
# One cell of a row printed with spaces: "116 772" (spaced thousands), "1,59%", "ND"; "5 0 5" is three cells.
_CELL = re.compile(r"\d{1,3}(?:[ \u00a0\u202f]\d{3})+(?!\d)(?:\s?%)?|\d[\d.,’'\u00a0\u202f]*(?:\s?%)?|\b(?:ND|NA|N/A)\b")
_ONE_VALUE = rf"(?:{VALUE}|{_MISSING})"
_NEXT_VALUE = rf"(?:\t|\s+|\s*\(\s*)[-+]?{_ONE_VALUE}"
_LABEL_FIRST = re.compile(rf"^(?P<label>[^\d\t]*?[^\W\d](?:[^\d\t]*?[^\s:])?)\s*[:*†]*\s*(?:\t|\s)\s*"
                          rf"(?P<values>{_ONE_VALUE}(?:{_NEXT_VALUE}\)?[^\t]*)*)$", re.IGNORECASE)
_VALUE_FIRST = re.compile(rf"^(?P<value>{VALUE})\s+(?P<label>[^\W\d][^\d(]{{1,40}}?)\s*(?:\((?P<note>[^)]*)\))?"
                          rf"\s*[*†‡§¹²³]*\s*$", re.IGNORECASE)
_NUMERIC_CELL = re.compile(rf"^(?:{VALUE}|{_MISSING})(?:\s*\([^)]*\))?$", re.IGNORECASE)
MAX_ROW_CHARS = 160
_BULLET = re.compile(r"^[-–•*●▪]\s")
_MARKS = re.compile(r"[*:†]+")
_ANY_CELL = re.compile(r"\d|(?<!\S)(?:n\.?d\.?|na|n/a|[—–-])(?=\s|$|\()", re.IGNORECASE)
MAX_LABEL_WORDS = 10
# A missing value standing alone, _MISSING spelled out in both cases: a scan that ignores case is
# several times slower (and no other character folds to n, a or d).
_MISSING_CELL = re.compile(r"(?<!\S)(?:[nN](?:/?[aA]|\.?[dD]\.?)|[—–-])(?=[\s(]|$)")
# The start of a label-first row's values: a value after white space, then the end or another value.
_FIRST_VALUES = re.compile(rf"(?<!\S){_ONE_VALUE}(?:$|{_NEXT_VALUE})", re.IGNORECASE)


def fold(text: str) -> str:
    if not text.isascii():  # ASCII has no accents to strip: skip the per-character pass
        text = unicodedata.normalize("NFKD", text)
        text = "".join(ch for ch in text if not unicodedata.combining(ch))
    return " ".join(_MARKS.sub(" ", text.lower()).split())


def metric_of(label: str, table: LabelTable = _METRIC_RES) -> str | None:
    """The metric a whole label names ('CASE FATALITY RATE' -> 'case_fatality_rate_percent')."""
    if len(label) > 2 * table.longest:
        return None
    return table.lookup(fold(label))


def read_label(label: str) -> str | None:
    """A metric for a label: exact names first, then the words of a longer label.

    'New confirmed cases in the past 24 hours' -> 'new_confirmed'; 'Suspected cases currently
    isolated' -> 'active_suspected'; 'Cumulative cases with lab confirmation' -> 'confirmed'.
    """
    exact = metric_of(label)
    if exact or len(label.split()) > MAX_LABEL_WORDS:
        return exact
    key = fold(label)
    base = next((metric for metric, pattern in _KEYWORD_RES if pattern.search(key)), None)
    if base is None:
        return None
    if _NEW.search(key):
        return "new_" + base
    if _CURRENT.search(key):
        return "active_" + base if base not in ("cases", "confirmed") else "active"
    return base


@dataclass
class Row:
    metric: str
    label: str
    values: list[str]  # printed cells, the last is the total/cumulative figure


def parse_row(text: str) -> Row | None:
    """The first labelled value of a line, or None (see ``parse_rows``)."""
    rows = parse_rows(text)
    return rows[0] if rows else None


def parse_rows(text: str) -> list[Row]:
    """Every label/value pair a printed line holds."""
    text = text.strip()
    if len(text) > MAX_ROW_CHARS or _BULLET.match(text):
        return []  # prose, or a bullet item (an item of its section, not a table row)
    if not _ANY_CELL.search(text):
        return []  # no number and no "ND"/"—" cell: the row patterns below cannot match
    if "\t" in text:
        pairs = _tab_pairs(text)
        if pairs:
            return pairs
    m = _LABEL_FIRST.match(text) if "\t" in text or starts_with_metric(text) else None
    if m:
        # Long labels read by their words only in printed cells: "cases in the last 24" is prose.
        metric = read_label(m.group("label")) if "\t" in text else metric_of(m.group("label"))
        if metric:
            cells = [c for c in _TABS.split(m.group("values")) if c.strip()]
            if len(cells) == 1:
                cells = _CELL.findall(cells[0]) or cells
            return [Row(metric, m.group("label").strip(), [c.strip() for c in cells])]
    m = _VALUE_FIRST.match(text)
    if m:
        metric = metric_of(m.group("label"))
        if metric:
            return [Row(metric, m.group("label").strip(), [m.group("value").strip()])]
    return []


def could_be_row(text: str) -> bool:
    """False only for a line no row pattern can read: parse_rows(text) is [] and no tab is inside it.

    Most lines of a report are prose; this takes a few steps where parse_rows takes dozens. A label
    holds no digit, so a row's values start at its first digit or at an "ND"/"—" cell before it.
    """
    text = text.strip()
    if "\t" in text:
        return True
    digit = _DIGIT.search(text)
    end = digit.start() if digit else len(text)
    if digit:
        start = end - (end > 0 and text[end - 1] in "+-")  # "-5"
        if (start == 0 and _VALUE_FIRST.match(text)) or _FIRST_VALUES.match(text, start):
            return True
    if text.isascii() and text.isprintable() and not text.startswith(("n", "N", "-")) \
            and " n" not in text and " N" not in text and " -" not in text:
        return False  # in printable ASCII only a space can stand before a missing value
    return any(_FIRST_VALUES.match(text, cell.start()) for cell in _MISSING_CELL.finditer(text, 0, end))


def _tab_pairs(text: str) -> list[Row]:
    """'Deaths*\\t6\\tAffected Districts\\t76': cells in label, value(s), label, value(s) order."""
    cells = [c.strip() for c in text.split("\t") if c.strip()]
    rows: list[Row] = []
    label: str | None = None
    values: list[str] = []
    for cell in cells + ["\0"]:
        if cell != "\0" and _NUMERIC_CELL.match(cell):
            if label is None:
                return []  # a row of bare numbers: not ours
            values.append(cell)
            continue
        if label is not None:
            metric = read_label(label)
            if not values or not metric:
                return []
            rows.append(Row(metric, label, values))
        label, values = cell, []
    return rows


def starts_with_metric(text: str) -> bool:
    """Some metric name matches a start of the folded line: needed for a label-first row without
    tabs (its label is a start of the line, and folding keeps starts), and one anchored match
    instead of _LABEL_FIRST's backtracking over every place a label could end."""
    return _METRIC_RES.pattern.match(fold(text)) is not None


def has_number(text: str) -> bool:
    return bool(_DIGIT.search(text))
