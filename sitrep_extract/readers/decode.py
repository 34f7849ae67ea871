"""Bytes of a text sitrep -> str: pick the encoding, refuse binary files."""
from __future__ import annotations

import codecs
import re

import regex

from sitrep_extract.errors import ExtractError

_MAGIC = (
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"II*\x00", "a TIFF image"),
    (b"MM\x00*", "a TIFF image"),
    (b"%PDF-", "a PDF document"),
    (b"PK\x03\x04", "a ZIP archive or Office document"),
    (b"PK\x05\x06", "a ZIP archive"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "a legacy Office document"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"),
    (b"Rar!\x1a\x07", "a RAR archive"),
    (b"\x7fELF", "an executable"),
)
# UTF-32 first: its LE BOM starts with the UTF-16 LE BOM.
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_MAX_CONTROL_SHARE = 0.05
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x9f]")  # C0/C1 controls except \t\n\v\f\r
_SCRIPT_CHAR = regex.compile(r"[\p{Common}\p{Inherited}\p{Latin}\p{Greek}\p{Cyrillic}\p{Arabic}]")
_INVALID_RUN = re.compile(r"[\udc80-\udcff]+")  # what surrogateescape makes of bad bytes
# The encoding heuristics look at a prefix: enough to decide, and linear time and flat memory on the
# largest file --max-bytes lets in (counting every word of 200 MB in Python takes minutes).
SAMPLE_BYTES = 1 << 20


def decode_text(data: bytes) -> tuple[str, str, list[str]]:
    """(text, encoding, warnings) for the bytes of a text file; line endings become ``\\n``.

    Raises ExtractError for binary data (known magic numbers, NUL bytes that
    are not UTF-16, many control characters).
    """
    for magic, kind in _MAGIC:
        if data.startswith(magic):
            raise ExtractError(f"binary data, not text (looks like {kind})")
    text, encoding, warnings = _decode(data)
    if "\x00" in text or _CONTROL.subn("", text)[1] > _MAX_CONTROL_SHARE * len(text):
        raise ExtractError("binary data, not text (too many control characters)")
    return text.replace("\r\n", "\n").replace("\r", "\n"), encoding, warnings


def _decode(data: bytes) -> tuple[str, str, list[str]]:
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            body = data[len(bom):]
            if encoding == "utf-8-sig":
                return _decode_utf8(body, encoding)
            return _decode_strictly_or_replace(body, encoding)
    if b"\x00" in data:
        encoding = _utf16_without_bom(data)
        if encoding is None:
            raise ExtractError("binary data, not text (contains NUL bytes)")
        return _decode_strictly_or_replace(data, encoding)
    return _decode_utf8(data, "utf-8")


def _decode_strictly_or_replace(data: bytes, encoding: str) -> tuple[str, str, list[str]]:
    try:
        return data.decode(encoding), encoding, []
    except UnicodeDecodeError:
        text = data.decode(encoding, errors="replace")
        return text, encoding, [f"invalid {encoding.upper()} data, replaced"]


def _utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 byte order when NULs sit in the high bytes of most spaces and Latin letters."""
    data = data[:SAMPLE_BYTES]
    even, odd = data[0::2], data[1::2]
    if len(even) < 2 or len(odd) < 2:
        return None
    for encoding, high, low in (("utf-16-le", odd, even), ("utf-16-be", even, odd)):
        # Cyrillic has 0x04 high bytes, but its spaces and digits still give NULs.
        if high.count(0) >= 0.2 * len(high) and low.count(0) <= 0.02 * len(low):
            text = data.decode(encoding, errors="replace")
            if len(_SCRIPT_CHAR.findall(text)) >= 0.9 * len(text):  # random binary gives CJK, PUA, ...
                return encoding
    return None


def _decode_utf8(data: bytes, encoding: str) -> tuple[str, str, list[str]]:
    try:
        return data.decode("utf-8"), encoding, []
    except UnicodeDecodeError:
        pass
    # A few bad bytes among real UTF-8 characters are damage; mostly bad bytes are a legacy code page.
    if encoding == "utf-8-sig" or _damaged_utf8(data[:SAMPLE_BYTES]):
        text, places = _INVALID_RUN.subn("\ufffd", data.decode("utf-8", errors="surrogateescape"))
        word = "place" if places == 1 else "places"
        return text, encoding, [f"invalid UTF-8 at {places} {word}, replaced"]
    return _decode_legacy(data)


def _damaged_utf8(sample: bytes) -> bool:
    """True when the characters beyond ASCII that decode as UTF-8 are at least as many as the bad runs."""
    valid, places = _INVALID_RUN.subn("", sample.decode("utf-8", errors="surrogateescape"))
    good = len(valid) - len(valid.encode("ascii", "ignore"))
    return good >= places


def _decode_legacy(data: bytes) -> tuple[str, str, list[str]]:
    if _looks_cyrillic(data[:SAMPLE_BYTES].decode("cp1251", errors="replace")):
        warnings = ["byte 0x98 is undefined in cp1251, replaced"] if b"\x98" in data else []
        return data.decode("cp1251", errors="replace"), "cp1251", warnings
    try:
        return data.decode("cp1252"), "cp1252", []
    except UnicodeDecodeError:  # 0x81, 0x8D, 0x8F, 0x90, 0x9D are undefined in cp1252
        return data.decode("latin-1"), "latin-1", []


def _looks_cyrillic(text: str) -> bool:
    """Russian read as cp1251 gives whole Cyrillic words; French or Spanish gives
    Cyrillic letters stuck inside Latin words ("gйnйrale")."""
    pure = mixed = 0
    for word in regex.findall(r"\p{L}+", text):
        if word.isascii():
            continue
        if regex.fullmatch(r"\p{Cyrillic}+", word):
            pure += len(word)
        else:
            mixed += len(word)
    return pure > mixed
