"""JSON and JSON Lines output of a Report (or of an ``error_record``).

Output is UTF-8 text with non-ASCII characters kept as they are, and never
contains ``NaN`` or ``Infinity`` (not JSON; jq and many parsers reject them).
"""
from __future__ import annotations

import json
import math
from collections.abc import Iterator, Mapping
from dataclasses import asdict, is_dataclass
from typing import Any, TextIO

from ..report import Report

# Valid inside JSON strings, but Python's str.splitlines() and old JavaScript
# treat them as line breaks; escaping keeps every JSON Lines record one line.
_LINE_BREAKS = {"\u0085": "\\u0085", "\u2028": "\\u2028", "\u2029": "\\u2029"}


def to_json(report: Report | Mapping[str, Any]) -> str:
    """Pretty JSON (indent 2) with a trailing newline."""
    return "".join(_pretty(report)) + "\n"


def write_json(report: Report | Mapping[str, Any], stream: TextIO, end: str = "\n") -> None:
    """``to_json`` written to ``stream`` in pieces (``end`` instead of the newline): a long report
    is never held as one string, nor as the list of small pieces json.dumps joins."""
    for piece in _pretty(report):
        stream.write(piece)
    stream.write(end)


def to_jsonl(report: Report | Mapping[str, Any]) -> str:
    """One compact JSON line, without the newline (the caller adds it)."""
    return _escape("".join(_pieces(report, _COMPACT)))


def error_record(path: str, reason: str, fmt: str | None = None) -> dict[str, Any]:
    """The record a batch writes in place of a report for a file that failed."""
    return {"source": {"path": path, "format": fmt}, "error": " ".join(str(reason).split())}


_PRETTY = json.JSONEncoder(ensure_ascii=False, allow_nan=False, indent=2)  # what json.dumps(indent=2) uses
_COMPACT = json.JSONEncoder(ensure_ascii=False, allow_nan=False, separators=(",", ":"))
_PIECE = 1 << 16  # characters per write


def _pretty(report: Report | Mapping[str, Any]) -> Iterator[str]:
    """The text of json.dumps(indent=2), in pieces of about 64 KB."""
    buffer: list[str] = []
    size = 0
    for chunk in _pieces(report, _PRETTY):
        buffer.append(chunk)
        size += len(chunk)
        if size >= _PIECE:
            yield _escape("".join(buffer))
            buffer.clear()
            size = 0
    yield _escape("".join(buffer))


def _pieces(report: Report | Mapping[str, Any], encoder: json.JSONEncoder) -> Iterator[str]:
    """What ``encoder`` makes of ``report.to_dict()``, built one section at a time: a long report
    is never copied whole into dicts (that copy was the peak memory of a 2000-page PDF)."""
    if not isinstance(report, Report):
        yield from encoder.iterencode(_finite(report))
        return

    def pad(depth: int) -> str:  # the line break and indentation json.dumps puts before a value at depth
        return "" if encoder.indent is None else "\n" + " " * (encoder.indent * depth)

    yield "{"
    for n, name in enumerate(report.key_order()):
        value = getattr(report, name)
        yield ("," if n else "") + pad(1) + json.dumps(name, ensure_ascii=False) + encoder.key_separator
        if name == "sections" and value:
            yield "["
            for i, section in enumerate(value):
                yield ("," if i else "") + pad(2)
                yield from _nested(encoder, asdict(section), pad(2))
            yield pad(1) + "]"
        else:
            yield from _nested(encoder, _plain(value), pad(1))
    yield pad(0) + "}"


def _nested(encoder: json.JSONEncoder, value: Any, pad: str) -> Iterator[str]:
    """``value`` encoded at the depth ``pad`` shows (a newline cannot occur inside a JSON string)."""
    for chunk in encoder.iterencode(_finite(value)):
        yield chunk.replace("\n", pad) if pad else chunk


def _plain(value: Any) -> Any:
    if is_dataclass(value):
        return asdict(value)
    if isinstance(value, list):
        return [_plain(item) for item in value]
    return value


def _escape(text: str) -> str:
    for char, escape in _LINE_BREAKS.items():
        text = text.replace(char, escape)  # these only occur inside strings
    return text


def _finite(value: Any) -> Any:
    """The same data with NaN and infinities replaced by None (null); copied only when there are any."""
    return _replace_nonfinite(value) if _has_nonfinite(value) else value


def _has_nonfinite(value: Any) -> bool:
    if isinstance(value, float):
        return not math.isfinite(value)
    if isinstance(value, Mapping):
        return any(_has_nonfinite(item) for item in value.values())
    if isinstance(value, (list, tuple)):
        return any(_has_nonfinite(item) for item in value)
    return False


def _replace_nonfinite(value: Any) -> Any:
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    if isinstance(value, Mapping):
        return {key: _replace_nonfinite(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [_replace_nonfinite(item) for item in value]
    return value
