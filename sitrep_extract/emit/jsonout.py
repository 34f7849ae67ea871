"""JSON and JSON Lines output of a Report (or of an ``error_record``).

Output is UTF-8 text with non-ASCII characters kept as they are, and never
contains ``NaN`` or ``Infinity`` (not JSON; jq and many parsers reject them).
"""
from __future__ import annotations

import json
import math
from collections.abc import Mapping
from typing import Any

from ..report import Report

# Valid inside JSON strings, but Python's str.splitlines() and old JavaScript
# treat them as line breaks; escaping keeps every JSON Lines record one line.
_LINE_BREAKS = {"\u0085": "\\u0085", "\u2028": "\\u2028", "\u2029": "\\u2029"}


def to_json(report: Report | Mapping[str, Any]) -> str:
    """Pretty JSON (indent 2) with a trailing newline."""
    return _dumps(report, indent=2) + "\n"


def to_jsonl(report: Report | Mapping[str, Any]) -> str:
    """One compact JSON line, without the newline (the caller adds it)."""
    return _dumps(report, separators=(",", ":"))


def error_record(path: str, reason: str, fmt: str | None = None) -> dict[str, Any]:
    """The record a batch writes in place of a report for a file that failed."""
    return {"source": {"path": path, "format": fmt}, "error": " ".join(str(reason).split())}


def _dumps(report: Report | Mapping[str, Any], **options: Any) -> str:
    data = report.to_dict() if isinstance(report, Report) else report
    text = json.dumps(_finite(data), ensure_ascii=False, allow_nan=False, **options)
    for char, escape in _LINE_BREAKS.items():
        text = text.replace(char, escape)  # these only occur inside strings
    return text


def _finite(value: Any) -> Any:
    """The same data with NaN and infinities replaced by None (null)."""
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    if isinstance(value, Mapping):
        return {key: _finite(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [_finite(item) for item in value]
    return value
