"""Writers that serialise a Report: JSON, JSON Lines, CSV and a terminal summary."""
from __future__ import annotations

from .csvout import CASE_COLUMNS, ITEM_COLUMNS, write_cases, write_items, write_series
from .jsonout import error_record, to_json, to_jsonl, write_json
from .summary import render_summary

__all__ = ["CASE_COLUMNS", "ITEM_COLUMNS", "error_record", "render_summary",
           "to_json", "to_jsonl", "write_cases", "write_items", "write_json", "write_series"]
