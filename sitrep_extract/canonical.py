"""The one table from printed heading variants to canonical section ids.

Variants are compared after ``heading_key`` (case, accents, punctuation,
numbering and spacing folded), with a small edit-distance tolerance for typos.
``role`` says how a heading's content is read:

- ``story``: titled stories (the lead story is ``overview``);
- ``container``: a heading over titled stories (``highlights``);
- ``list``: a section of bullet items;
- ``special``: content with its own parser (key sources, contact, media coverage).
"""
from __future__ import annotations

import bisect
import difflib
import functools
import operator
import unicodedata
from collections import Counter
from dataclasses import dataclass

import regex as re
_QUOTES = re.compile(r"[’'`]")
_NOT_WORD = re.compile(r"[^\w'*]+")


@dataclass(frozen=True)
class Canon:
    id: str
    role: str
    variants: tuple[str, ...]
    # Words that mark an item or paragraph as belonging here (used to confirm
    # which block a detached heading labels).
    keywords: tuple[str, ...] = ()
    # Whether a variant may be cut out of a longer heading line (two headings run together); not
    # for topics that story titles name ("16 DAYS OF ACTIVISM AGAINST / GENDER-BASED VIOLENCE").
    splits: bool = True


TABLE: tuple[Canon, ...] = (
    Canon("overview", "story", (
        "overview", "situation overview", "summary", "executive summary", "situation summary",
        "resume de la situation", "apercu de la situation", "resumen de la situacion", "resumen",
        "context", "background", "contexte", "antecedentes",
    )),
    Canon("highlights", "container", (
        "highlights", "key highlights", "highlight", "key points", "key messages", "main highlights",
        "faits saillants", "points saillants", "points cles", "messages cles", "aspectos destacados",
        "puntos clave", "lo mas destacado", "destacados",
    )),
    Canon("socio_economic_response", "list", (
        "socio-economic impact and response", "socio-economic response", "socio-economic impact",
        "socioeconomic impact and response", "socio economic impact and response", "socio-economic",
        "impact socio-economique et reponse", "reponse socio-economique", "respuesta socioeconomica",
        "impacto socioeconomico y respuesta",
    ), keywords=(
        "economic", "economy", "socio", "jobs", "employment", "unemploy", "entrepreneur", "business",
        "income", "livelihood", "social protection", "cash", "poverty", "food security", "education",
        "school", "teacher", "children", "families", "family", "migrant", "gender", "violence",
        "women", "youth", "young", "vulnerable", "undp", "unicef", "unfpa", "unesco", "iom",
        "training", "webinar", "waste", "agreement", "grant", "recovery", "psycholog",
    )),
    Canon("emergency_health_response", "list", (
        "emergency health response", "health response", "public health response", "health",
        "health sector response", "reponse sanitaire", "reponse de sante publique", "respuesta sanitaria",
        "respuesta de salud", "sante", "case management", "clinical management", "prise en charge",
        "infection prevention and control", "ipc", "prevention et controle des infections", "laboratory",
        "laboratoire", "vaccination", "immunization", "psychosocial support", "mental health and psychosocial support",
        "water sanitation and hygiene", "wash", "water, sanitation and hygiene (wash)",
        "eau hygiene et assainissement", "eau, hygiene et assainissement (wash)", "eau et assainissement",
        "agua saneamiento e higiene", "safe and dignified burials", "points of entry",
    ), keywords=(
        "who", "health", "healthcare", "medical", "clinical", "protocol", "laborator", "hospital",
        "patient", "infection", "ipc", "vaccin", "immuniz", "treatment", "testing", "pcr", "covax",
        "case management", "trial", "maternal", "newborn", "mothers", "doctor", "nurse", "ministry of health",
        "minister of healthcare", "surveillance", "biosafety", "diagnos", "therapy", "epidemiolog",
        "pathway", "remdesivir", "dexamethasone", "phc", "primary health care",
    )),
    Canon("response_supplies", "list", (
        "covid-19 response supplies", "response supplies", "supplies", "supplies and logistics",
        "logistics", "logistics and supplies", "procurement", "logistique", "approvisionnements",
        "covid-19 supplies", "procurement and supplies", "supplies and procurement", "medical supplies",
        "suministros", "logistica",
    ), keywords=(
        "supply", "supplies", "procure", "shipment", "ship", "equipment", "ppe", "kits", "deliver",
        "donat", "ventilator", "logistic", "purchase", "usd", "stock", "warehouse", "consignment",
        "arrive", "requirement list", "quality assur", "laboratories", "mask", "respirator", "gown",
        "glove", "concentrator", "autoclave", "handed over", "hand over", "test kits", "sanitizer", "disinfect",
    )),
    Canon("risk_communication", "list", (
        "un risk communication and community engagement", "risk communication and community engagement",
        "risk communications and community engagement", "risk communication", "risk communications",
        "rcce", "community engagement", "communication des risques et engagement communautaire",
        "communication des risques", "comunicacion de riesgos y participacion comunitaria",
        "comunicacion de riesgos", "recommendations and advice for the public", "advice for the public",
        "communication and community engagement", "communication et mobilisation communautaire",
    ), keywords=(
        "communicat", "campaign", "media", "tv", "television", "radio", "video", "interview", "article",
        "information", "awareness", "social media", "infographic", "journalis", "publication", "message",
        "fake news", "disinformation", "hotline", "app", "broadcast", "facebook", "instagram", "channel",
        "published", "release", "debate", "forum", "comment", "advice", "visual", "cards", "story",
    )),
    Canon("articles_media", "list", (
        "articles, videos and interviews", "articles videos and interviews", "articles and interviews",
        "articles and videos", "in the media", "media", "articles", "videos and interviews",
        "publications", "resources", "videos, articles and interviews", "articles, videos, interviews",
        "in the news", "news and media",
    ), keywords=("article", "video", "interview", "story", "op-ed", "clip", "web story", "publication")),
    # humanitarian sectors (clusters), as OCHA and UNICEF reports head them
    Canon("education", "list", (
        "education", "education sector", "education and learning", "learning", "schools",
        "education response", "education in emergencies", "education et apprentissage", "educacion",
    ), keywords=(
        "education", "school", "teacher", "student", "pupil", "learning", "classroom", "unesco",
        "curricul", "kindergarten", "preschool",
    ), splits=False),
    Canon("protection", "list", (
        "protection", "child protection", "gender-based violence", "gbv", "protection and gbv",
        "protection and gender-based violence", "gender-based violence and protection", "protection de l'enfance",
        "violences basees sur le genre", "proteccion", "proteccion de la ninez", "violencia de genero",
    ), keywords=(
        "protection", "violence", "gbv", "gender-based", "survivor", "refugee", "asylum", "trafficking",
        "unhcr", "shelter for women", "psychosocial", "hotline", "abuse",
    ), splits=False),
    Canon("food_security", "list", (
        "food security", "food security and livelihoods", "food assistance", "food security and agriculture",
        "securite alimentaire", "seguridad alimentaria",
    ), keywords=("food", "wfp", "fao", "harvest", "farmer", "agricultur", "ration", "voucher"), splits=False),
    Canon("nutrition", "list", (
        "nutrition", "nutricion",
    ), keywords=("nutrition", "malnutrition", "breastfeeding", "micronutrient", "ready-to-use", "wasting"),
        splits=False),
    Canon("shelter", "list", (
        "shelter", "shelter and nfi", "shelter and non-food items", "shelter and nfis", "emergency shelter",
        "abris", "abris et articles non alimentaires", "albergue",
    ), keywords=("shelter", "tent", "non-food", "nfi", "blanket", "housing"), splits=False),
    Canon("epidemiology", "list", (
        "epidemiological update", "epidemiological situation", "epidemiological overview",
        "situation in numbers", "key figures", "key facts", "situation update", "current situation",
        "donnees epidemiologiques", "situation epidemiologique", "situacion epidemiologica",
        "datos epidemiologicos", "surveillance", "epidemiology", "surveillance and contact tracing",
        "contact tracing", "epidemiological and laboratory surveillance", "suivi des contacts", "vigilancia",
    )),
    Canon("coordination", "list", (
        "coordination", "leadership and coordination", "coordination and leadership",
        "public health response and coordination", "coordination et leadership",
        "coordination and partnerships", "partnerships and coordination", "coordination and partnership",
        "partnerships", "un coordination", "inter-agency coordination", "operational coordination",
        "coordination mechanisms", "coordination et partenariats", "coordinacion", "coordinacion y alianzas",
    )),
    Canon("actions", "list", (
        "response", "response actions", "response activities", "actions taken", "actions to date",
        "interventions", "activites de reponse", "actions menees", "acciones de respuesta", "reponse en cours",
        "ongoing response", "preparedness and response", "strategic objectives", "response measures",
        "un response", "humanitarian response", "reponse humanitaire", "respuesta humanitaria",
    )),
    Canon("challenges", "list", (
        "challenges", "gaps and challenges", "challenges and gaps", "constraints", "defis",
        "difficultes", "gaps", "desafios", "needs", "besoins", "needs and gaps", "besoins et gaps", "necesidades",
        "gaps and constraints", "constraints and gaps", "challenges and constraints", "access constraints",
        "gaps and needs", "lacunes et contraintes", "brechas y desafios",
    )),
    Canon("next_steps", "list", (
        "next steps", "priorities", "way forward", "recommendations", "planned activities",
        "prochaines etapes", "recommandations", "perspectives", "proximos pasos", "recomendaciones",
    )),
    Canon("analysis", "list", (
        "situation analysis", "analyse de la situation", "risk assessment", "who risk assessment",
        "evaluation des risques", "evaluacion de riesgos", "analisis de la situacion", "risk analysis",
    )),
    Canon("timeline", "list", (
        "timeline", "chronology", "chronologie des faits marquants", "chronologie", "cronologia",
        "key events",
    )),
    Canon("key_sources", "special", (
        "key sources", "sources", "data sources", "sources of information", "references", "source",
    )),
    Canon("contact", "special", (
        "for more information please contact", "for more information", "for further information",
        "contact", "contacts", "contact us", "for more information contact", "pour plus d'informations",
        "pour plus d'information", "para mas informacion", "pour plus d'informations contacter",
        "pour plus d'informations veuillez contacter", "pour toute information complementaire",
        "para mas informacion contactar", "for further information please contact",
    )),
    Canon("media_coverage", "special", (
        "media coverage", "* media coverage",  # "UN IN KAZAKHSTAN MEDIA COVERAGE"
    )),
)

# Headings that introduce a titled box or feature story: "SPOTLIGHT: ...".
FEATURE_PREFIXES = ("spotlight", "feature", "in focus", "focus", "story", "human interest story",
                    "box", "success story", "field story", "temoignage", "en bref", "technical focus")

BY_ID = {canon.id: canon for canon in TABLE}
MAX_HEADING_CHARS = 200  # longer is prose; also keeps fuzzy matching off huge lines

_NUMBERING = re.compile(r"^\s*(?:\d{1,2}(?:\.\d{1,2})*[.)]?|[ivx]{1,4}[.)]|[a-h][.)])\s+", re.IGNORECASE)


@functools.lru_cache(maxsize=8192)  # the same lines are asked about by several stages
def heading_key(text: str) -> str:
    """Fold a printed heading for comparison: 'UN RISK COMMUNICATION AND\\nCOMMUNITY…' -> words."""
    if not text.isascii():  # (ASCII has nothing to decompose)
        text = unicodedata.normalize("NFKD", text)
        text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = _NUMBERING.sub("", text.lower())
    text = _QUOTES.sub("'", text)
    text = _NOT_WORD.sub(" ", text)
    return " ".join(text.split())


_EXACT: dict[str, Canon] = {}
_WILDCARD: list[tuple[str, Canon]] = []
for _canon in TABLE:
    for _variant in _canon.variants:
        _key = heading_key(_variant)
        if _key.startswith("* "):
            _WILDCARD.append((_key[2:], _canon))
        else:
            _EXACT.setdefault(_key, _canon)
# Longest first, so "risk communication and community engagement" wins over "risk communication".
_VARIANT_KEYS = sorted(_EXACT, key=len, reverse=True)
_TYPO_CUTOFF = 0.88
_BY_LENGTH = sorted(_EXACT, key=len)
_LENGTHS = [len(k) for k in _BY_LENGTH]


# Bits for a text's characters: one per (character, how many of it), up to the most of it in any variant.
# How many of a variant's characters a key lacks is then how many of the variant's bits the key's lack.
_MOST = functools.reduce(operator.or_, map(Counter, _EXACT))  # (| of Counters keeps the larger count)
_BITS: dict[str, list[int]] = {}  # character -> the bits of having 0, 1, 2 … of it
_shift = 0
for _ch, _n in _MOST.items():
    _BITS[_ch] = [((1 << i) - 1) << _shift for i in range(_n + 1)]
    _shift += _n


def _bag(text: str) -> int:
    """The bits of ``text``'s characters (those no variant has count for nothing)."""
    bag = 0
    for ch, n in Counter(text).items():
        bits = _BITS.get(ch)
        if bits:
            bag |= bits[min(n, len(bits) - 1)]
    return bag


_BAGS = {k: _bag(k) for k in _EXACT}


def _similar_length(key: str) -> list[str]:
    """The variant keys whose length lets them reach the typo cutoff (difflib's real_quick_ratio,
    2·min/(sum of lengths)): the same matches as trying all, at a fraction of the cost per line."""
    n, c = len(key), _TYPO_CUTOFF
    shortest, longest = n * c / (2 - c) - 1, n * (2 - c) / c + 1  # a character of slack for rounding
    return _BY_LENGTH[bisect.bisect_left(_LENGTHS, shortest):bisect.bisect_right(_LENGTHS, longest)]


def _typo_candidates(key: str) -> list[str]:
    """Variant keys that pass difflib's quick_ratio (shared characters, in any order) as well:
    its own test, from character counts made once per variant instead of once per comparison."""
    bag = _bag(key)
    out = []
    for variant in _similar_length(key):
        missing = (_BAGS[variant] & ~bag).bit_count()  # the variant's characters the key lacks
        if 2.0 * (len(variant) - missing) / (len(key) + len(variant)) >= _TYPO_CUTOFF:  # difflib's own sum
            out.append(variant)
    return out


_HALVES = re.compile(r"\s+[/&|–]\s+|/")  # "Prochaines étapes / Recommandations"
# Words in the longest variant (+4 for a "UN IN <COUNTRY> MEDIA COVERAGE" prefix): no span needs more.
_LONGEST = max(len(k.split()) for k in _EXACT) + 4


@functools.lru_cache(maxsize=4096)
def lookup(text: str) -> Canon | None:
    """The canonical section a whole printed heading names, or None (cached: documents repeat headings)."""
    if len(text) > MAX_HEADING_CHARS:
        return None
    key = heading_key(text)
    if not key:
        return None
    if key in _EXACT:
        return _EXACT[key]
    for suffix, canon in _WILDCARD:
        if key.endswith(" " + suffix) and len(key.split()) <= len(suffix.split()) + 4:
            return canon
    if len(key) >= 12:  # typos: only for headings long enough for a ratio to mean something
        candidates = _typo_candidates(key)
        close = candidates and difflib.get_close_matches(key, candidates, n=1, cutoff=_TYPO_CUTOFF)
        if close:
            return _EXACT[close[0]]
    parts = [p for p in _HALVES.split(text) if p.strip()]
    if len(parts) > 1:  # "Prochaines étapes / Recommandations": both halves name one section
        found = {lookup(part) for part in parts}
        if len(found) == 1 and None not in found:
            return found.pop()
    return None


def split_headings(text: str) -> list[tuple[str, Canon | None]]:
    """Split a run of heading words into canonical headings and the titles between them.

    'EMERGENCY HEALTH RESPONSE SOCIO-ECONOMIC IMPACT AND RESPONSE' -> two headings;
    words that match no variant stay together as a title (None).
    """
    whole = lookup(text)
    if whole:
        return [(text.strip(), whole)]
    words = text.split()
    keys = [heading_key(w) for w in words]
    found: list[tuple[int, int, Canon]] = []
    i = 0
    while i < len(words):
        match = None
        for j in range(min(len(words), i + _LONGEST), i, -1):  # longest span first
            span_key = " ".join(k for k in keys[i:j] if k)
            if span_key and len(span_key.split()) >= 2 and span_key in _EXACT:
                match = (i, j, _EXACT[span_key])
                break
            if span_key and j - i >= 2:
                for suffix, canon in _WILDCARD:
                    if span_key.endswith(" " + suffix):
                        match = (i, j, canon)
                        break
                if match:
                    break
        if match and _ok_split(match, words):
            found.append(match)
            i = match[1]
        else:
            i += 1
    if not found:
        return [(text.strip(), None)]
    parts: list[tuple[str, Canon | None]] = []
    pos = 0
    for start, end, canon in found:
        if start > pos:
            parts.append((" ".join(words[pos:start]), None))
        parts.append((" ".join(words[start:end]), canon))
        pos = end
    if pos < len(words):
        parts.append((" ".join(words[pos:]), None))
    parts = _rejoin_wrapped_tails(parts)
    # A variant cut out of a title ("OPEN DATA SOURCES PORTAL LAUNCHED") leaves scraps: keep the title whole.
    if any(canon is None and len(part.split()) < 2 for part, canon in parts):
        return [(text.strip(), None)]
    return parts


def _rejoin_wrapped_tails(parts: list[tuple[str, Canon | None]]) -> list[tuple[str, Canon | None]]:
    """Two headings printed side by side, the left one wrapped: 'SOCIO-ECONOMIC IMPACT EMERGENCY
    HEALTH RESPONSE' / 'AND RESPONSE'. A title-less part that completes an earlier heading into
    one of its variants is that heading's tail."""
    out = list(parts)
    for k, (part, canon) in enumerate(parts):
        if canon is not None:
            continue
        for m in range(k - 1, -1, -1):
            head, head_canon = out[m]
            if head_canon is not None and _EXACT.get(heading_key(f"{head} {part}")) is head_canon:
                out[m], out[k] = (f"{head} {part}", head_canon), ("", None)
                break
    return [p for p in out if p[0]]


def _ok_split(match: tuple[int, int, Canon], words: list[str]) -> bool:
    """Only a multi-word variant may be cut out of a longer heading ('HEALTH' alone may not)."""
    start, end, canon = match
    return canon.splits and (end - start >= 2 or canon.role == "special")


def is_feature_title(text: str) -> bool:
    key = heading_key(text)
    return any(key == p or key.startswith(p + " ") for p in FEATURE_PREFIXES)
