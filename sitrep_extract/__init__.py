"""sitrep-extract: situation reports (PDF or text) to structured data.

>>> from sitrep_extract import extract
>>> report = extract("samples/un-kazakhstan-sitrep-2020-11-09.txt")
>>> report.case_tables[0].confirmed
116772
"""
from __future__ import annotations

__version__ = "0.1.0"

from .batch import Result, extract_many
from .errors import ExtractError
from .pipeline import analyse, extract
from .report import Report

__all__ = ["ExtractError", "Report", "Result", "analyse", "extract", "extract_many", "__version__"]
