"""Agencies named in an item and money amounts, each from one table."""
from __future__ import annotations

import regex as re

from ..report import Amount
from .numbers import parse_count

# canonical name -> patterns (matched as whole words, case-sensitive unless the pattern says otherwise)
AGENCIES: dict[str, tuple[str, ...]] = {
    "WHO": (r"WHO", r"(?i:World Health Organi[sz]ation)", r"OMS", r"PAHO"),
    "UNICEF": (r"UNICEF", r"(?i:United Nations Children['’]s Fund)"),
    "UNFPA": (r"UNFPA", r"(?i:United Nations Population Fund)", r"(?i:UN Population Fund)"),
    "UNDP": (r"UNDP", r"PNUD", r"(?i:United Nations Development Programme)"),
    "UNESCO": (r"UNESCO",),
    "IOM": (r"IOM", r"OIM", r"(?i:International Organi[sz]ation for Migration)"),
    "UN Women": (r"UN[ -]Women", r"UN[ -]WOMEN", r"ONU[ -]Femmes"),
    "UNEP": (r"UNEP", r"(?i:United Nations Environment Programme)", r"(?i:UN Environment)"),
    "UNAIDS": (r"UNAIDS", r"ONUSIDA"),
    "UNHCR": (r"UNHCR", r"HCR", r"(?i:UN Refugee Agency)"),
    "WFP": (r"WFP", r"PAM", r"(?i:World Food Programme)"),
    "FAO": (r"FAO",),
    "OCHA": (r"OCHA", r"(?i:Office for the Coordination of Humanitarian Affairs)"),
    "UNODC": (r"UNODC",),
    "UNDRR": (r"UNDRR",),
    "UNECE": (r"UNECE",),
    "ILO": (r"ILO", r"OIT"),
    "OHCHR": (r"OHCHR",),
    "ESCAP": (r"ESCAP", r"UNESCAP"),
    "UNOPS": (r"UNOPS",),
    "UN-Habitat": (r"UN[ -]Habitat",),
    "UNRCO": (r"(?i:Resident[ -]Coordinator['’]s Office)", r"RCO"),
    "World Bank": (r"(?i:World Bank)",),
    "ADB": (r"ADB", r"(?i:Asian Development Bank)"),
    "IMF": (r"IMF",),
    "EU": (r"EU", r"(?i:European Union)"),
    "USAID": (r"USAID",),
    "Africa CDC": (r"(?i:Africa CDC)",),
    "US CDC": (r"(?<!Africa )CDC",),
    "IFRC": (r"IFRC", r"(?i:Red Cross)", r"(?i:Red Crescent)", r"(?i:Croix[- ]Rouge)"),
    "MSF": (r"MSF", r"(?i:M[ée]decins Sans Fronti[èe]res)"),
    "Gavi": (r"(?i:Gavi)",),
}

# Scanning every position for ~60 names is slow, so each name gets a cheap gate that holds wherever it
# can match, and only the names whose gate holds are searched for. A case-sensitive name starts with a
# run of capitals (UNICEF, UN of UN[ -]Women, CDC): it is a whole run of [A-Z] in the text. A
# case-insensitive name contains one of these words, so its lower-cased text does. They avoid i and s:
# 'İ' and 'ſ' match those letters case-insensitively but do not lower() to them.
_CAPITALS = re.compile(r"[A-Z]{2,}")
_WORDS = ("world", "ted nat", "on fund", "ronment", "un refugee agency", "nal organ", "coord", "development bank",
          "european", "a cdc", "red cr", "rouge", "front", "gav")


def _gate(pattern: str) -> str:
    if pattern.startswith("(?i:"):  # letters, spaces, apostrophes and [classes]; a class cannot hold a word
        assert re.fullmatch(r"\(\?i:(?:[\w ’']|\[[^]]+\])+\)", pattern), pattern
        literal = re.sub(r"\[[^]]+\]", "|", pattern).lower()
        return next(word for word in _WORDS if word in literal)
    assert re.fullmatch(r"(?:\(\?<!\w+ \))?[A-Z]{2,}(?:\[ -\]\w+)?", pattern), pattern
    return _CAPITALS.search(pattern.partition(")")[2] if pattern.startswith("(?<!") else pattern)[0]


_NAMES = list(AGENCIES)
# gate -> (agency, that spelling's own pattern): the agency is named where any of its spellings matches
_GATES: dict[str, list[tuple[int, re.Pattern]]] = {}
for _index, _patterns in enumerate(AGENCIES.values()):
    for _pattern in _patterns:
        _GATES.setdefault(_gate(_pattern), []).append((_index, re.compile(rf"(?<!\w)(?:{_pattern})(?!\w)")))

CURRENCIES: dict[str, str] = {
    "USD": r"USD|US\$|U\.S\.\s?dollars?|\$|dollars?",
    "EUR": r"EUR|€|euros?",
    "GBP": r"GBP|£",
    "CHF": r"CHF",
    "KZT": r"KZT|tenge|₸",
    "KGS": r"KGS|som",
    "UZS": r"UZS",
    "RUB": r"RUB|₽|rubles?|roubles?",
    "CDF": r"CDF|FC",
    "UGX": r"UGX|USh",
    "NPR": r"NPR|Rs\.?",
    "HKD": r"HKD|HK\$",
    "XOF": r"XOF|FCFA",
}
_CUR = "|".join(f"(?P<{code}>{pat})" for code, pat in CURRENCIES.items())
_ANY_CUR = "|".join(CURRENCIES.values())
_NUM = r"\d[\d,.\s\u00a0’']*\d|\d"
_MULT = r"(?:\s?(?:mln|mn|million|millions|m|bn|billion|billions|thousand|k|bln|milliards?|millions?))?\b"
_AMOUNT = re.compile(
    rf"(?:(?<![^\W\d_])(?:{_CUR})\s?(?P<n1>{_NUM}){_MULT})|(?:(?P<n2>{_NUM}){_MULT}\s?(?:{_CUR.replace('(?P<', '(?P<x')})(?!\w))",
    re.IGNORECASE,
)
# Every amount has a currency beside a digit ('USD 5', '5 mln USD'): a scan that starts only at
# digits (the currency looked for behind) finds the texts with none at a tenth of the full pattern's cost.
_ANY_CURRENCY = re.compile(rf"(?<=(?:{_ANY_CUR})\s?)\d|\d(?:\s?[^\W\d_]+)?\s?(?:{_ANY_CUR})", re.IGNORECASE)


def agencies_in(text: str) -> list[str]:
    """Canonical agency names mentioned in a text, in table order."""
    lowered = text.lower()
    gates = _GATES.keys() & _CAPITALS.findall(text)
    gates.update(filter(lowered.__contains__, _WORDS))
    found: set[int] = set()
    for gate in gates:
        found.update(index for index, pattern in _GATES[gate] if index not in found and pattern.search(text))
    return [_NAMES[index] for index in sorted(found)]


def amounts_in(text: str) -> list[Amount]:
    """'USD 519,000', 'KZT 150 billion', 'USD 2.7 mln', '$2.7 million' -> Amounts."""
    found: list[Amount] = []
    if not _ANY_CURRENCY.search(text):
        return found
    for m in _AMOUNT.finditer(text):
        groups = m.groupdict()
        code = next((k.lstrip("x") for k, v in groups.items() if v and k.lstrip("x") in CURRENCIES), None)
        if code is None:
            continue
        value = parse_count(m.group().replace(m.group(code if groups.get(code) else "x" + code), " ", 1))
        if value is None:
            continue
        found.append(Amount(currency=code, value=float(value), text=m.group().strip()))
    return found
