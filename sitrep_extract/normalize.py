"""Inline clean-up and unwrapping, shared by the text and PDF paths.

Keeps the printed wording: only markup remnants, odd spaces and line-end
hyphenation are undone.
"""
from __future__ import annotations

import re as stdlib_re

import regex as re

_MD_LINK = re.compile(r"\[([^\]\n]*)\]\((?:[^()\s]|\([^()\s]*\))*\)")
_MD_EMPHASIS = re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1")
_MD_LEFTOVER = re.compile(r"\*\*|(?<!\w)__|__(?!\w)")
_SPACES = re.compile(r"[ \u00a0\u2000-\u200a\u202f\u205f\u3000]+")
_ODD_SPACE = re.compile(r"[\u00a0\u2000-\u200a\u202f\u205f\u3000]")
_INVISIBLE = re.compile(r"[\u200b-\u200d\u2060\ufeff\u00ad]")
_TABS = re.compile(r"[ ]*\t[\t ]*")
_CID = re.compile(r"\(cid:\d+\)")
_CID_BULLET = re.compile(r"^\s*\(cid:\d+\)\s*(?=\S)")

BULLET_CHARS = "•●▪■◦‣⁃∙·○◾◽▶►➢➤✓✔❖♦◆□-–—*"
_BULLET = re.compile(r"^\s*(?:[•●▪■◦‣⁃∙·○◾◽▶►➢➤✓✔❖♦◆□\uf0b7\uf0a7\uf0d8\uf076\uf0fc]|[-–—*](?=\s))\s*")
_NUMBERED = re.compile(r"^\s*(?:\d{1,2}[.)]|\(\d{1,2}\)|[a-h][.)]|\([a-h]\))\s+(?=\S)")
_WORD_AT_END = re.compile(r"[\w]+$")
_WORD_AT_START = re.compile(r"[\w]+")


class WordPattern:
    r"""A word pattern compiled by both engines: stdlib ``re`` runs it ~30% faster, and on ASCII text
    its classes (\w, \d, [^\W\d_]) match what ``regex``'s do; beyond ASCII they differ (``re`` has
    no combining marks in \w, so it splits Devanagari words), so other text keeps ``regex``."""

    def __init__(self, pattern: str):
        self.unicode = re.compile(pattern)
        self.ascii = stdlib_re.compile(pattern)

    def findall(self, text: str) -> list[str]:
        return (self.ascii if text.isascii() else self.unicode).findall(text)


_WORDS = WordPattern(r"\w+(?:-\w+)*")


def clean_inline(text: str) -> str:
    """One printed line without markdown remnants, odd spaces or invisible characters.

    Tabs are kept (collapsed to one) because they separate table cells.
    """
    # each pattern runs only on text holding what it needs (most lines need none of them)
    if "(cid:" in text:
        text = _CID_BULLET.sub("• ", text)  # an unmapped glyph opening a line is a bullet (pdfminer text)
        text = _CID.sub("", text)
    if not text.isascii():
        text = _INVISIBLE.sub("", text)
    if "](" in text:
        text = _MD_LINK.sub(r"\1", text)
    if "**" in text or "__" in text:
        text = _MD_EMPHASIS.sub(r"\2", text)
        text = _MD_LEFTOVER.sub("", text)
    text = _one_space(text)
    if "\t" in text:
        text = _TABS.sub("\t", text)
    return text.strip(" \t")


def bullet_of(text: str) -> tuple[str | None, str]:
    """Split a leading bullet or item number off a line: ('•', rest) or (None, text)."""
    m = _BULLET.match(text)
    if m and m.end() < len(text):
        return text[m.start():m.end()].strip() or "•", text[m.end():]
    m = _NUMBERED.match(text)
    if m:
        return m.group().strip(), text[m.end():]
    return None, text


def _keeps_hyphen(left: str, right: str, vocabulary: set[str] | None) -> bool:
    """Whether 'left-' at a line end and 'right' on the next line form a hyphenated word."""
    head = _WORD_AT_END.search(left)
    tail = _WORD_AT_START.match(right)
    if not head or not tail:
        return True
    a, b = head.group(), tail.group()
    if vocabulary is not None:
        if f"{a}-{b}".lower() in vocabulary:
            return True
        if f"{a}{b}".lower() in vocabulary:
            return False
    # Typographic hyphenation splits lower-case words; names, acronyms and numbers keep it.
    return not (a[-1].islower() and b[0].islower())


def join_lines(lines: list[str], vocabulary: set[str] | None = None) -> str:
    """Unwrap printed lines into one paragraph, rejoining words broken at line ends."""
    out = ""
    for raw in lines:
        line = raw.replace("\t", " ").strip()
        if not line:
            continue
        if not out:
            out = line
        elif out.endswith("-") and len(out) > 1 and out[-2].isalnum() and line[0].isalnum():
            out = out if _keeps_hyphen(out[:-1], line, vocabulary) else out[:-1]
            out += line
        else:
            out += " " + line
    return _one_space(out).strip()


def _one_space(text: str) -> str:
    """Runs of spaces (any width) as one space; text without a double space or an odd space has none to fold."""
    if "  " in text or not text.isascii() and _ODD_SPACE.search(text):
        return _SPACES.sub(" ", text)
    return text


def lowers_in_place(text: str) -> bool:
    """Whether text.lower() turns each character into one of the same kind (letter, digit, other), so
    the words of the lower-cased text are the lower-cased words: true unless the text has 'İ' (lowers
    to two characters) or 'Σ' (lowers to σ or ς by its neighbours)."""
    return "İ" not in text and "Σ" not in text


def lowered_words(pattern: WordPattern, text: str) -> list[str]:
    """``[w.lower() for w in pattern.findall(text)]``, for a pattern without lookarounds or groups:
    one lower-casing of the whole text where that gives the same words."""
    if lowers_in_place(text):
        return pattern.findall(text.lower())
    return [w.lower() for w in pattern.findall(text)]


def words_of(text: str, lower: bool = False) -> list[str]:
    return lowered_words(_WORDS, text) if lower else _WORDS.findall(text)
