"""JSON and JSON Lines output of a Report (or of an ``error_record``).

Output is UTF-8 text with non-ASCII characters kept as they are, and never
contains ``NaN`` or ``Infinity`` (not JSON; jq and many parsers reject them).
"""
from __future__ import annotations

import math
from collections.abc import Iterator, Mapping
from dataclasses import fields, is_dataclass
from json.encoder import encode_basestring  # the C function when there is one
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


_PIECE = 1 << 16  # characters per write


class _Style:
    """How json.dumps lays out: ``indent`` spaces per depth (None: compact) and the key separator."""

    def __init__(self, indent: int | None):
        self.step = "" if indent is None else " " * indent
        self.newline = "" if indent is None else "\n"
        self.key_separator = ":" if indent is None else ": "


_PRETTY, _COMPACT = _Style(2), _Style(None)


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


def _pieces(report: Report | Mapping[str, Any], style: _Style) -> Iterator[str]:
    """The JSON of ``report.to_dict()``, one top-level value (and one section) at a time: a long
    report is never copied whole into dicts, nor into one string."""
    out: list[str] = []
    if not isinstance(report, Report):
        _encode(report, out, style.newline, style)
        yield "".join(out)
        return
    inner = style.newline + style.step
    yield "{"
    for n, name in enumerate(report.key_order()):
        value = getattr(report, name)
        yield ("," if n else "") + inner + encode_basestring(name) + style.key_separator
        if name == "sections" and value:
            yield "["
            deeper = inner + style.step
            for i, section in enumerate(value):
                out.clear()
                _encode(section, out, deeper, style)
                yield ("," if i else "") + deeper + "".join(out)
            yield inner + "]"
        else:
            out.clear()
            _encode(value, out, inner, style)
            yield "".join(out)
    yield style.newline + "}"


_FIELDS: dict[type, tuple[str, ...]] = {}


def _encode(value: Any, out: list[str], pad: str, style: _Style) -> None:
    """Append what json.dumps makes of ``asdict(value)`` at the depth ``pad`` (the line break and
    indentation before a value there) to ``out``; NaN and infinities as null. A walk of its own:
    json's pure-Python encoder, which indentation needs, plus asdict's copy cost three times as much."""
    kind = type(value)
    if kind is str:
        out.append(encode_basestring(value))
    elif value is None:
        out.append("null")
    elif value is True or value is False:
        out.append("true" if value else "false")
    elif kind is int:
        out.append(int.__repr__(value))
    elif kind is float:
        out.append(float.__repr__(value) if math.isfinite(value) else "null")
    elif kind is list or kind is tuple:
        if not value:
            out.append("[]")
            return
        inner = pad + style.step
        out.append("[")
        for i, item in enumerate(value):
            out.append("," + inner if i else inner)
            _encode(item, out, inner, style)
        out.append(pad + "]")
    elif isinstance(value, Mapping) or is_dataclass(value):
        pairs = [(_key(k), v) for k, v in value.items()] if isinstance(value, Mapping) else \
            [(name, getattr(value, name)) for name in _field_names(kind)]
        if not pairs:
            out.append("{}")
            return
        inner = pad + style.step
        out.append("{")
        for i, (key, item) in enumerate(pairs):
            out.append(("," + inner if i else inner) + encode_basestring(key) + style.key_separator)
            _encode(item, out, inner, style)
        out.append(pad + "}")
    elif isinstance(value, (int, float)):  # subclasses (an IntEnum ...): as json encodes them
        _encode(float(value) if isinstance(value, float) else int(value), out, pad, style)
    else:
        raise TypeError(f"Object of type {kind.__name__} is not JSON serializable")


def _field_names(kind: type) -> tuple[str, ...]:
    names = _FIELDS.get(kind)
    if names is None:
        names = _FIELDS[kind] = tuple(f.name for f in fields(kind))
    return names


def _key(key: Any) -> str:
    """A dict key as json.dumps writes it (JSON keys are strings)."""
    if isinstance(key, str):
        return key
    if key is None or key is True or key is False:
        return "null" if key is None else "true" if key else "false"
    if isinstance(key, float):
        return float.__repr__(key) if math.isfinite(key) else "null"
    if isinstance(key, int):
        return int.__repr__(int(key))
    raise TypeError(f"keys must be str, int, float, bool or None, not {type(key).__name__}")


def _escape(text: str) -> str:
    for char, escape in _LINE_BREAKS.items():
        text = text.replace(char, escape)  # these only occur inside strings
    return text
