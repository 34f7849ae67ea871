"""A human-readable summary of a Report on a terminal (rich).

Report text is always wrapped in ``Text`` objects, never passed as a markup
string, so brackets in a report ("[1]", "[WHO]") print literally.
"""
from __future__ import annotations

from rich.console import Console, Group
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from ..report import CaseTable, Report, Section

SNIPPET_CHARS = 80


def render_summary(report: Report, console: Console) -> None:
    console.print(_header(report))
    if report.case_tables:
        console.print(_case_table(report.case_tables))
    if report.headline_figures:
        figures = Table(title="Headline figures", title_justify="left")
        for column in ("Metric", "Value", "As of", "Text"):
            figures.add_column(column, justify="right" if column == "Value" else "left")
        for f in report.headline_figures:
            figures.add_row(Text(f.metric), _number(f.value), Text(f.as_of or ""), Text(_snippet(f.text)))
        console.print(figures)
    for section in report.sections:
        console.print(_section_table(section))
    _print_extras(report, console)
    for warning in report.warnings:
        console.print(Text(f"warning: {warning}", style="yellow"))


def _header(report: Report) -> Panel:
    doc, src = report.document, report.source
    facts = [("kind", doc.kind), ("date", doc.date), ("country", doc.country),
             ("number", doc.number), ("language", doc.language)]
    line = Text("  ").join(Text.assemble((f"{k}: ", "bold"), v) for k, v in facts if v)
    pages = f", {src.pages} pages" if src.pages is not None else ""
    source = Text.assemble(("source: ", "bold"), f"{src.path} ({src.format}{pages})")
    title = Text(doc.title or "(untitled report)", style="bold")
    return Panel(Group(title, line, source), expand=False)


def _case_table(tables: list[CaseTable]) -> Table:
    grid = Table(title="Case tables", title_justify="left")
    grid.add_column("Table")
    grid.add_column("As of")
    for column in ("Confirmed", "Recovered", "Deaths", "CFR %"):
        grid.add_column(column, justify="right")
    for t in tables:
        cfr = "" if t.case_fatality_rate_percent is None else f"{t.case_fatality_rate_percent:g}"
        grid.add_row(Text(" / ".join(x for x in (t.title, t.subject) if x)), Text(t.as_of or ""),
                     _number(t.confirmed), _number(t.recovered), _number(t.deaths), Text(cfr))
    return grid


def _section_table(section: Section) -> Group | Text:
    count = len(section.items)
    title = Text.assemble((section.heading or section.id, "bold"),
                          (f"  ({section.id}, {count} item{'s' * (count != 1)})", "dim"))
    if not count:
        return title
    grid = Table()
    grid.add_column("#", justify="right")
    grid.add_column("Item")
    grid.add_column("Page", justify="right")
    for index, item in enumerate(section.items, start=1):
        grid.add_row(str(index), Text(_snippet(item.title or item.text)), _number(item.page))
    return Group(title, grid)  # not Table(title=...): that wraps to the table's width


def _print_extras(report: Report, console: Console) -> None:
    media = report.media_coverage
    if media and (media.total_reach is not None or media.engagement is not None):
        console.print(Text.assemble(("Media coverage: ", "bold"),
                                    f"total reach {_number(media.total_reach) or '?'}, "
                                    f"engagement {_number(media.engagement) or '?'}"))
    contact = report.contact
    details = [v for v in vars(contact).values() if v] if contact else []
    if details:
        console.print(Text.assemble(("Contact: ", "bold"), ", ".join(details)))
    if report.key_sources:
        console.print(Text("Key sources:", style="bold"))
        for source in report.key_sources:
            console.print(Text(f"  - {source}"))


def _snippet(text: str) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= SNIPPET_CHARS else flat[: SNIPPET_CHARS - 1].rstrip() + "…"


def _number(value: int | float | None) -> str:
    return "" if value is None else f"{value:,}"
