"""Country names and aliases -> one canonical English name (the table the country guess uses)."""
from __future__ import annotations

import regex as re

COUNTRIES: dict[str, tuple[str, ...]] = {
    "Afghanistan": (), "Albania": (), "Algeria": ("Algérie",), "Angola": (), "Argentina": (), "Armenia": (),
    "Australia": (), "Austria": (), "Azerbaijan": (), "Bangladesh": (), "Belarus": (), "Belgium": (),
    "Benin": ("Bénin",), "Bhutan": (), "Bolivia": (), "Bosnia and Herzegovina": (), "Botswana": (),
    "Brazil": ("Brasil", "Brésil"), "Bulgaria": (), "Burkina Faso": (), "Burundi": (), "Cambodia": (),
    "Cameroon": ("Cameroun",), "Canada": (), "Central African Republic": ("République centrafricaine", "RCA"),
    "Chad": ("Tchad",), "Chile": (), "China": ("Chine",), "Colombia": (), "Comoros": (),
    "Congo": ("Republic of the Congo", "Congo-Brazzaville"),
    "Democratic Republic of the Congo": ("DRC", "RDC", "DR Congo", "République démocratique du Congo",
                                         "Democratic Republic of Congo"),
    "Costa Rica": (), "Côte d'Ivoire": ("Cote d'Ivoire", "Ivory Coast"), "Croatia": (), "Cuba": (),
    "Cyprus": (), "Czechia": ("Czech Republic",), "Denmark": (), "Djibouti": (), "Dominican Republic": (),
    "Ecuador": (), "Egypt": (), "El Salvador": (), "Eritrea": (), "Estonia": (), "Eswatini": ("Swaziland",),
    "Ethiopia": (), "Fiji": (), "Finland": (), "France": (), "Gabon": (), "Gambia": (), "Georgia": (),
    "Germany": (), "Ghana": (), "Greece": (), "Guatemala": (), "Guinea": ("Guinée",), "Guinea-Bissau": (),
    "Haiti": ("Haïti",), "Honduras": (), "Hong Kong": ("Hong Kong SAR", "HKSAR"), "Hungary": (), "India": (),
    "Indonesia": (), "Iran": (), "Iraq": (), "Ireland": (), "Israel": (), "Italy": (), "Jamaica": (),
    "Japan": (), "Jordan": (), "Kazakhstan": (), "Kenya": (), "Kosovo": (), "Kuwait": (),
    "Kyrgyzstan": ("Kyrgyz Republic",), "Laos": ("Lao PDR",), "Latvia": (), "Lebanon": ("Liban",),
    "Lesotho": (), "Liberia": (), "Libya": (), "Lithuania": (), "Madagascar": (), "Malawi": (),
    "Malaysia": (), "Mali": (), "Mauritania": ("Mauritanie",), "Mexico": (), "Moldova": (), "Mongolia": (),
    "Montenegro": (), "Morocco": ("Maroc",), "Mozambique": (), "Myanmar": (), "Namibia": (), "Nepal": ("Népal",),
    "Netherlands": (), "New Zealand": (), "Nicaragua": (), "Niger": (), "Nigeria": (), "North Macedonia": (),
    "Norway": (), "Oman": (), "Pakistan": (), "Palestine": ("occupied Palestinian territory", "oPt"),
    "Panama": (), "Papua New Guinea": (), "Paraguay": (), "Peru": (), "Philippines": (), "Poland": (),
    "Portugal": (), "Qatar": (), "Republic of Korea": ("South Korea",), "Romania": (),
    "Russia": ("Russian Federation",), "Rwanda": (), "Saudi Arabia": (), "Senegal": ("Sénégal",),
    "Serbia": (), "Sierra Leone": (), "Singapore": (), "Somalia": (), "South Africa": (), "South Sudan": (),
    "Spain": (), "Sri Lanka": (), "Sudan": ("Soudan",), "Sweden": (), "Switzerland": (), "Syria": (
        "Syrian Arab Republic",), "Tajikistan": (), "Tanzania": ("United Republic of Tanzania",), "Thailand": (),
    "Timor-Leste": (), "Togo": (), "Tunisia": (), "Türkiye": ("Turkey",), "Turkmenistan": (), "Uganda": (),
    "Ukraine": (), "United Arab Emirates": ("UAE",), "United Kingdom": ("UK",), "United States": (
        "United States of America", "USA"), "Uruguay": (), "Uzbekistan": (), "Venezuela": (), "Viet Nam": (
        "Vietnam",), "Yemen": (), "Zambia": (), "Zimbabwe": (),
}


def _pattern(name: str, aliases: tuple[str, ...]) -> re.Pattern:
    # Names match in any case (mastheads are in capitals); abbreviations such as "DRC" only as printed.
    words = [rf"(?i:{re.escape(n)})" for n in (name, *[a for a in aliases if len(a) > 4])] + \
            [re.escape(a) for a in aliases if len(a) <= 4]
    return re.compile(r"(?<![\w-])(?:" + "|".join(words) + r")(?![\w-])")


_PATTERNS = [(name, _pattern(name, aliases)) for name, aliases in COUNTRIES.items()]


SCAN_CHARS = 400_000  # the country of a report shows long before this


def count_countries(text: str) -> dict[str, int]:
    """Mentions per country; a longer name wins over a shorter one inside it ("Papua New Guinea")."""
    text = text[:SCAN_CHARS]
    spans = sorted(((m.start(), m.end(), name) for name, pattern in _PATTERNS for m in pattern.finditer(text)),
                   key=lambda s: (s[0], -(s[1] - s[0])))
    counts: dict[str, int] = {}
    end = -1
    for start, stop, name in spans:
        if start >= end:
            counts[name] = counts.get(name, 0) + 1
            end = stop
    return counts


def guess_country(head: str, body: str) -> str | None:
    """The country the report is about: named in its masthead, or clearly dominant in its text."""
    in_head = count_countries(head)
    counts = count_countries(body)
    if in_head:
        return max(in_head, key=lambda name: (in_head[name], counts.get(name, 0)))
    if not counts:
        return None
    best = max(counts, key=counts.get)
    return best if counts[best] >= 3 and counts[best] >= 0.5 * sum(counts.values()) else None
