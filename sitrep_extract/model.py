"""The line model shared by every reader.

Readers (text, PDF) produce ``Line`` objects in reading order; everything after
reading works on these, so the text and PDF paths share all parsing code.
Geometry is in PDF points for PDFs; text lines have ``x0 = 0`` and
``x1 = len(text)`` (characters), ``page = None`` and no font information.
"""
from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(slots=True)
class Line:
    text: str
    page: int | None = None
    x0: float = 0.0
    x1: float = 0.0
    top: float = 0.0
    bottom: float = 0.0
    size: float | None = None  # font size in points (PDF only)
    bold: bool = False
    italic: bool = False
    gap_before: float = 0.0  # blank space above, in line heights (text: blank lines)
    column_width: float | None = None  # width of the column the line sits in
    column: int = 0  # index of the column/region on its page, in reading order
    new_region: bool = False  # first line of a new column, band or page
    table: int | None = None  # id of the ruled table the line (a row, cells joined by tabs) comes from

    @property
    def bbox(self) -> list[float] | None:
        if self.page is None:
            return None
        return [round(self.x0, 1), round(self.top, 1), round(self.x1, 1), round(self.bottom, 1)]

    @property
    def width(self) -> float:
        return self.x1 - self.x0


@dataclass(slots=True)
class Block:
    """Consecutive lines that belong together: a paragraph, a bullet item or a heading."""

    lines: list[Line] = field(default_factory=list)
    kind: str = "para"  # para | bullet | heading | table | urls

    @property
    def text(self) -> str:
        from .normalize import join_lines

        return join_lines([line.text for line in self.lines])

    @property
    def page(self) -> int | None:
        return self.lines[0].page if self.lines else None

    @property
    def bbox(self) -> list[float] | None:
        return self.lines[0].bbox if self.lines else None
