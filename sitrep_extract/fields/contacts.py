"""Key sources and the contact block, read from the lines under their headings."""
from __future__ import annotations

import regex as re

from ..normalize import bullet_of
from ..report import Contact

_LABEL_AT_END = re.compile(r"[\s,;]*(?:^|\b)(?:e-?mail|tel|phone|mobile|fax)\.?\s*:\s*$", re.IGNORECASE)
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_PHONE = re.compile(r"(?:\+|\b00)\d[\d\s().-]{7,}\d|\b(?:tel|phone|t[ée]l[ée]phone|hotline)\s*[.:]?\s*(\+?[\d\s().-]{6,}\d)",
                    re.IGNORECASE)
_URLISH = re.compile(r"\b(?:https?://\S+|www\.[\w.-]+\.\w{2,}(?:/\S*)?|[\w-]+(?:\.[\w-]+)*\.(?:org|int|gov|kz|com|net)"
                     r"(?:\.\w{2})?(?:/\S*)?)", re.IGNORECASE)
_HONORIFIC = re.compile(r"^(?:Ms|Mrs|Mr|Dr|Prof|Mme|M\.|Sr|Sra)\.?\s+\S", re.IGNORECASE)
_ORG_WORDS = re.compile(r"\b(?:office|organi[sz]ation|ministry|ministere|unit|division|department|centre|center|"
                        r"agency|programme|program|fund|un|who|unicef|bureau|institute|institut)\b", re.IGNORECASE)
_ADDRESS = re.compile(r"\d|\b(?:st|street|avenue|ave|road|rd|boulevard|blvd|str|floor|building|p\.?o\.? box|rue)\b\.?",
                      re.IGNORECASE)
_ROLE_WORDS = re.compile(r"\b(?:officer|manager|coordinator|director|head|specialist|adviser|advisor|chief|"
                         r"representative|analyst|focal point|assistant|consultant|responsable|chargée?|chef|"
                         r"directeur|directrice|coordonnat(?:eur|rice)|conseill(?:er|ère)|m[ée]decin|jefe|"
                         r"director[a]?|coordinador[a]?|asesor[a]?)\b",
                         re.IGNORECASE)


def key_sources(texts: list[str]) -> list[str]:
    """Web addresses (and named sources) listed under a KEY SOURCES heading, in order, once each."""
    found: list[str] = []
    for text in texts:
        for url in _URLISH.findall(text):
            url = url.rstrip(".,;)")
            if url.lower() not in (f.lower() for f in found):
                found.append(url)
    return found


def contact(lines: list[str]) -> Contact | None:
    """Name, role, organisation, address, e-mail and phone from a short contact block."""
    lines = [" ".join(line.replace("\t", " ").split()) for line in lines if line.strip()]
    if not lines:
        return None
    result = Contact()
    address: list[str] = []
    for line in lines:
        email = _EMAIL.search(line)
        if email:
            result.email = result.email or email.group()
            line = line[:email.start()].rstrip(" ,;:")  # "Jane Doe, Head of Office, OCHA, jane@un.org"
            if "," not in line or result.name is not None:
                continue
        if result.email and result.name:
            break  # the block ends with the e-mail; what follows is something else
        line = _LABEL_AT_END.sub("", line)  # "… Nur-Sultan, Kazakhstan E-mail:" / "jane@un.org" (a narrow column)
        if not line:
            continue
        marker = bullet_of(line)[0]
        if (marker and not marker[0].isalnum()) or line.endswith(";"):
            continue  # a list item that text extraction put under the heading, not a contact line
        phone = _PHONE.search(line)
        if phone and sum(ch.isdigit() for ch in line) >= 7:
            result.phone = result.phone or (phone.group(1) or phone.group()).strip()
            continue
        parts = [part.strip() for part in line.split(",")]
        if result.name is None and len(parts) > 1 and (_HONORIFIC.match(parts[0]) or _looks_like_name(parts[0])):
            # "Aida Bekova, Communications Officer, UN Resident Coordinator's Office": one line, comma-separated
            result.name = parts[0]
            for part in parts[1:]:
                if result.role is None and _role_first(part):
                    result.role = part
                elif result.organization is None and _ORG_WORDS.search(part):
                    result.organization = part
                else:
                    address.append(part)
            continue
        if result.name is None and (_HONORIFIC.match(line) or _looks_like_name(line)):
            result.name = line
        elif result.role is None and result.name is not None and _ROLE_WORDS.search(line) and not address:
            result.role = line
        elif result.organization is None and _ORG_WORDS.search(line) and not _ADDRESS.match(line):
            result.organization = line
        elif _ADDRESS.search(line) or address:
            address.append(line.rstrip(","))
    if address:
        result.address = ", ".join(address)
    if not any((result.name, result.email, result.phone, result.organization)):
        return None
    return result


def _role_first(part: str) -> bool:
    """'Communications Officer', 'Head of Office': a role word before any organisation word."""
    role, org = _ROLE_WORDS.search(part), _ORG_WORDS.search(part)
    return bool(role) and (org is None or role.start() < org.start())


def _looks_like_name(line: str) -> bool:
    words = line.split()
    return 2 <= len(words) <= 4 and all(w[:1].isupper() and w[1:].islower() for w in words if w.isalpha()) \
        and not _ORG_WORDS.search(line) and not any(ch.isdigit() for ch in line)


def email_of(name: str, texts: list[str]) -> str | None:
    """The address elsewhere in the document that carries the contact's name ('elnara.bainazarova@…'
    for 'Ms Elnara Bainazarova'): text extraction can print it away from the contact block."""
    words = {w.lower() for w in re.findall(r"[^\W\d_]{3,}", name)} - {"mrs", "prof"}
    for text in texts:
        for email in _EMAIL.findall(text):
            local = email.split("@")[0].lower()
            if any(w in local for w in words):
                return email
    return None


def first_email(text: str) -> str | None:
    m = _EMAIL.search(text)
    return m.group() if m else None
