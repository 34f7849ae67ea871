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
_AGENCY_RES = [(name, re.compile(r"(?<!\w)(?:" + "|".join(pats) + r")(?![\w])")) for name, pats in AGENCIES.items()]
# One scan for every agency's names at once: where some name starts (most items name none).
_ANY_AGENCY = re.compile(r"(?<!\w)(?:" + "|".join(p for pats in AGENCIES.values() for p in pats) + r")(?![\w])")

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
    # every place some agency's name starts; each agency is then tried only there
    starts = [m.start() for m in _ANY_AGENCY.finditer(text, overlapped=True)]
    if not starts:
        return []
    return [name for name, pattern in _AGENCY_RES if any(pattern.match(text, p) for p in starts)]


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
