"""The Report: a typed tree that the JSON and CSV writers only serialise.

Field names and nesting are the public contract documented in the README and
in ``schema.json``; change them only together with ``SCHEMA_VERSION``.
"""
from __future__ import annotations

from dataclasses import asdict, dataclass, field, fields
from typing import Any

SCHEMA_VERSION = "1"


@dataclass
class SeeAlso:
    section: str | None  # canonical id of the section referred to; None when only a page is given
    page: int | None


@dataclass
class Amount:
    currency: str
    value: float
    text: str


@dataclass
class Item:
    text: str
    title: str | None = None
    see_also: SeeAlso | None = None
    agencies: list[str] = field(default_factory=list)
    amounts: list[Amount] = field(default_factory=list)
    page: int | None = None
    bbox: list[float] | None = None


@dataclass
class Section:
    id: str
    heading: str | None
    page: int | None = None
    items: list[Item] = field(default_factory=list)


@dataclass
class CaseTable:
    title: str
    subject: str
    as_of: str | None = None
    confirmed: int | None = None
    recovered: int | None = None
    deaths: int | None = None
    case_fatality_rate_percent: float | None = None
    page: int | None = None
    # Further labelled counts (suspected, probable, contacts ...), label -> number.
    other: dict[str, float] = field(default_factory=dict)


@dataclass
class HeadlineFigure:
    metric: str
    value: int
    as_of: str | None
    text: str


@dataclass
class MediaCoverage:
    total_reach: int | None = None
    engagement: int | None = None


@dataclass
class Contact:
    name: str | None = None
    role: str | None = None
    organization: str | None = None
    address: str | None = None
    email: str | None = None
    phone: str | None = None


@dataclass
class Source:
    path: str
    format: str  # "pdf" | "text"
    sha256: str
    bytes: int
    pages: int | None = None
    encoding: str | None = None


@dataclass
class Document:
    kind: str  # "sitrep" | "not_sitrep"
    title: str | None = None
    country: str | None = None
    date: str | None = None
    number: str | None = None
    language: str | None = None


@dataclass
class Report:
    source: Source
    document: Document
    sections: list[Section] = field(default_factory=list)
    case_tables: list[CaseTable] = field(default_factory=list)
    headline_figures: list[HeadlineFigure] = field(default_factory=list)
    media_coverage: MediaCoverage | None = None
    key_sources: list[str] = field(default_factory=list)
    contact: Contact | None = None
    warnings: list[str] = field(default_factory=list)
    schema_version: str = SCHEMA_VERSION

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-ready data, keys in a stable order."""
        data = asdict(self)
        return {name: data[name] for name in self.key_order()}

    @classmethod
    def key_order(cls) -> list[str]:
        """The top-level keys of the JSON: the schema version first, then the fields as declared."""
        return ["schema_version", *(f.name for f in fields(cls) if f.name != "schema_version")]

    def section(self, section_id: str) -> list[Item]:
        """All items of the sections with this canonical id, in document order."""
        return [item for s in self.sections if s.id == section_id for item in s.items]
