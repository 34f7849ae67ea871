"""The command line: parse options, call the library, print. Data to stdout, everything else to stderr."""
from __future__ import annotations

import gc
import json
import os
import signal
import sys
import threading
from contextlib import contextmanager

import click

from . import __version__
from .batch import Options, default_jobs, run_many, run_one
from .errors import ExtractError
from .inputs import DEFAULT_PATTERNS, expand
from .readers.pdf import DEFAULT_ENGINE, ENGINES

EXAMPLES = """
\b
Examples:
  sitrep-extract report.pdf --json | jq '.case_tables[0].confirmed'
  sitrep-extract reports/*.pdf --csv > items.csv       # one row per item
  sitrep-extract reports/ -r --jsonl | jq -c '.document'
  cat report.txt | sitrep-extract - --csv --cases       # one row per case table
  sitrep-extract report.pdf --explain                   # how each block was read
  sitrep-extract series reports/ --csv > cases.csv      # case counts over time

\b
Exit status: 0 all inputs read, 1 some input failed (the others are still
printed), 2 usage error, 130/143 stopped by Ctrl-C/SIGTERM (after the file
being read; files already written are complete, none is left half-written).
"""


SERIES_EXAMPLES = """
\b
Examples:
  sitrep-extract series reports/ --csv > cases.csv
  sitrep-extract series reports/*.pdf --json | jq '.[] | select(.flags != [])'
"""


class _DefaultGroup(click.Group):
    """`sitrep-extract FILE …` runs the `extract` command; `sitrep-extract series …` the other one."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        if args and args[0] not in self.commands and args[0] not in ("--help", "-h"):
            args = ["extract", *args]
        elif not args:
            args = ["extract", "--help"]
        return super().parse_args(ctx, args)

    def format_help(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        extract_cmd = self.commands["extract"]
        with click.Context(extract_cmd, info_name=ctx.info_name, parent=None) as sub:
            extract_cmd.format_help(sub, formatter)
        formatter.write_paragraph()
        formatter.write_text("Other commands: `sitrep-extract series --help` (case counts over time).")


@click.group(cls=_DefaultGroup, context_settings={"help_option_names": ["-h", "--help"]})
def main() -> None:
    """Turn situation reports (PDF or text) into JSON, JSON Lines or CSV."""
    # The modules' objects live as long as the run: keep them out of every collection (forked batch
    # workers share them).
    gc.freeze()


def _print_schema(ctx: click.Context, _param: click.Parameter, value: bool) -> None:
    if not value or ctx.resilient_parsing:
        return
    from .schema import load_schema

    click.echo(json.dumps(load_schema(), indent=2, ensure_ascii=False))
    ctx.exit(0)


def _parse_pages(_ctx, _param, value: str | None) -> frozenset[int] | None:
    if not value:
        return None
    pages: set[int] = set()
    try:
        for part in value.split(","):
            part = part.strip()
            if "-" in part:
                low, high = (int(x) for x in part.split("-", 1))
                if low < 1 or high < low or high - low > 100000:
                    raise ValueError
                pages.update(range(low, high + 1))
            elif part:
                if int(part) < 1:
                    raise ValueError
                pages.add(int(part))
    except ValueError:
        raise click.BadParameter(f"{value!r} is not a page list like 1-3,5") from None
    return frozenset(pages)


_SIZE_UNITS = {"": 1, "b": 1, "k": 1024, "kb": 1024, "kib": 1024, "m": 1024 ** 2, "mb": 1024 ** 2,
               "mib": 1024 ** 2, "g": 1024 ** 3, "gb": 1024 ** 3, "gib": 1024 ** 3, "t": 1024 ** 4,
               "tb": 1024 ** 4, "tib": 1024 ** 4}


def parse_size(value: str | int | None) -> int | None:
    """``"4G"``, ``"512M"``, ``"200000000"`` -> bytes (binary units); ``"0"``/``"none"`` -> None (no limit)."""
    if value is None or isinstance(value, int):
        return value or None
    text = value.strip().lower().replace("_", "").replace(",", "")
    if text in ("0", "none", "off", "unlimited"):
        return None
    number = text.rstrip("bkmgtib ")
    unit = text[len(number):].strip()
    try:
        size = float(number)
    except ValueError:
        size = -1.0
    if unit not in _SIZE_UNITS or not 0 < size < 2 ** 62:
        raise ValueError(f"{value!r} is not a size like 200M or 4G")
    return max(1, int(size * _SIZE_UNITS[unit]))


def _size_option(_ctx, param: click.Parameter, value):
    try:
        return parse_size(value)
    except ValueError as error:
        raise click.BadParameter(str(error), param=param) from None


def common_options(func):
    """Options shared by `extract` and `series`: which files, and how to read them."""
    options = [
        click.argument("inputs", nargs=-1, required=True, metavar="FILE|DIR|-..."),
        click.option("-r", "--recursive", is_flag=True, help="Look for files in subdirectories of DIR too."),
        click.option("--glob", "patterns", default=",".join(DEFAULT_PATTERNS), show_default=True,
                     help="File patterns to take from directories (comma-separated)."),
        click.option("-j", "--jobs", type=click.IntRange(min=1), default=None,
                     help="Files to read in parallel processes [default: number of CPUs]; 1 reads in-process."),
        click.option("--pages", callback=_parse_pages, help="Only these PDF pages, e.g. 1-3,5."),
        click.option("--engine", type=click.Choice(ENGINES), default=DEFAULT_ENGINE, show_default=True,
                     help="PDF reader: pdfium is about twice as fast (see README, Performance)."),
        click.option("--max-pages", type=click.IntRange(min=1), default=2000, show_default=True,
                     help="Refuse PDFs with more pages."),
        click.option("--max-bytes", default="200000000", show_default=True, callback=_size_option, metavar="SIZE",
                     help="Refuse larger files (bytes, or e.g. 50M; 0 for no limit)."),
        click.option("--max-memory", default="4G",
                     show_default=True, callback=_size_option, metavar="SIZE",
                     help="Memory one file may take while read (e.g. 512M; 0 for no limit); "
                          "a file over it fails, so a decompression bomb cannot exhaust the machine."),
        click.option("--timeout", type=click.FloatRange(min=0, min_open=True), default=None, metavar="SECONDS",
                     help="Give up on a file after this many seconds (the batch goes on)."),
        click.option("--dask", "dask_address", metavar="ADDRESS", default=None,
                     help="Read the files on this Dask cluster (e.g. tcp://host:8786; needs the dask extra)."),
        click.option("-q", "--quiet", is_flag=True, help="No progress bar or warnings on stderr."),
        click.option("--debug", is_flag=True, help="Print tracebacks of internal errors."),
    ]
    for option in reversed(options):
        func = option(func)
    return func


@main.command("extract", epilog=EXAMPLES, context_settings={"help_option_names": ["-h", "--help"]})
@common_options
@click.option("--json", "fmt", flag_value="json", help="Pretty JSON (an array when there are several inputs).")
@click.option("--jsonl", "--nl", "fmt", flag_value="jsonl", help="JSON Lines: one compact document per line.")
@click.option("--csv", "fmt", flag_value="csv", help="CSV, one row per item (with --cases: per case table).")
@click.option("--summary", "fmt", flag_value="summary", help="A readable summary (the default on a terminal).")
@click.option("--text", "fmt", flag_value="text", help="The reading-order text the parser saw.")
@click.option("--explain", "fmt", flag_value="explain", help="Each block with the role it was given, per page.")
@click.option("--cases", is_flag=True, help="With --csv: one row per case table instead of per item.")
@click.option("--no-csv-guard", is_flag=True,
              help="Keep CSV cells that start with = + - @, tab or CR as they are (by default they get a "
                   "leading ' so a spreadsheet does not run them as formulas).")
@click.option("-o", "--output-dir", type=click.Path(file_okay=False), default=None,
              help="Write one <name>.json per input into this directory instead of stdout.")
@click.option("--force", is_flag=True, help="With --output-dir: replace existing files.")
@click.option("--schema", is_flag=True, expose_value=False, is_eager=True, callback=_print_schema,
              help="Print the JSON Schema of the output and exit.")
@click.version_option(__version__, "--version", prog_name="sitrep-extract")
def extract_command(inputs, recursive, patterns, jobs, pages, engine, max_pages, max_bytes, max_memory, timeout,
                    dask_address, quiet, debug, fmt, cases, no_csv_guard, output_dir, force) -> None:
    """Extract sections, items, highlights and case tables from situation reports.

    FILE is a PDF or a text file; DIR is searched for *.pdf and *.txt; - reads stdin.
    """
    from .output import Printer

    if cases and fmt not in (None, "csv"):
        raise click.UsageError("--cases goes with --csv")
    if force and not output_dir:
        raise click.UsageError("--force goes with --output-dir")
    if output_dir and fmt not in (None, "json", "jsonl"):
        raise click.UsageError(f"--output-dir writes one JSON file per input; it does not go with --{fmt}")
    fmt = fmt or ("csv" if cases else None) or ("summary" if sys.stdout.isatty() and not output_dir else "json")
    with _signals_end_the_run():
        if output_dir:
            _prepare_output_dir(output_dir)
        paths = expand(list(inputs), recursive, tuple(p.strip() for p in patterns.split(",") if p.strip()))
        options = Options(pages=pages, max_pages=max_pages, max_bytes=max_bytes, engine=engine, timeout=timeout,
                          debug=debug, max_memory=max_memory)
        stdin_data = _read_stdin(max_bytes) if "-" in paths else None
        printer = Printer(fmt=fmt, cases=cases, csv_guard=not no_csv_guard, output_dir=output_dir, force=force,
                          quiet=quiet, debug=debug, total=len(paths), inputs=[p for p in paths if isinstance(p, str)])
        if fmt in ("text", "explain"):  # these need every stage's output, so they run in-process
            results = (run_one(p, options, stdin_data if p == "-" else None, keep_analysis=True) for p in paths)
        else:
            results = _results(paths, options, jobs, stdin_data, dask_address)
        failed = printer.run(results)
        sys.exit(128 + printer.stopped_by if printer.stopped_by else 1 if failed else 0)


class _Interrupted(BaseException):
    def __init__(self, signum: int):
        super().__init__(signum)
        self.signum = signum


@contextmanager
def _signals_end_the_run():
    """Outside the batch loop (reading stdin, writing the series table) Ctrl-C and SIGTERM end the run
    at once and quietly with 128 + the signal number; inside it, Printer.run stops after the current file."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def interrupt(signum, _frame):
        raise _Interrupted(signum)

    previous = {sig: signal.signal(sig, interrupt) for sig in (signal.SIGINT, signal.SIGTERM)}
    try:
        yield
    except _Interrupted as stop:
        sys.exit(128 + stop.signum)
    except KeyboardInterrupt:
        sys.exit(128 + signal.SIGINT)
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)


def _read_stdin(max_bytes: int | None) -> bytes:
    """All of stdin, but never more than one byte over --max-bytes (`cat /dev/zero | sitrep-extract -`)."""
    from .source import read_limited

    return read_limited(sys.stdin.buffer, max_bytes + 1 if max_bytes is not None else None, 1 << 20)


def _prepare_output_dir(path: str) -> None:
    try:
        os.makedirs(path, exist_ok=True)
    except OSError as error:
        raise click.UsageError(f"cannot create --output-dir {path}: {error.strerror or error}") from None
    if not os.access(path, os.W_OK | os.X_OK):
        raise click.UsageError(f"cannot write to --output-dir {path}: permission denied")


def _results(paths, options: Options, jobs: int | None, stdin_data: bytes | None, dask_address: str | None):
    try:
        yield from run_many(paths, options, jobs=jobs or default_jobs(), stdin_data=stdin_data, dask=dask_address)
    except ExtractError as error:  # the cluster itself is unreachable: a usage-level failure
        raise click.UsageError(str(error)) from None


@main.command("series", epilog=SERIES_EXAMPLES, context_settings={"help_option_names": ["-h", "--help"]})
@common_options
@click.option("--csv", "fmt", flag_value="csv", help="CSV (the default when stdout is not a terminal).")
@click.option("--json", "fmt", flag_value="json", help="A JSON array of rows.")
@click.option("--jsonl", "--nl", "fmt", flag_value="jsonl", help="One JSON row per line.")
@click.option("--no-csv-guard", is_flag=True, help="Do not neutralise spreadsheet formulas in CSV cells.")
def series_command(inputs, recursive, patterns, jobs, pages, engine, max_pages, max_bytes, max_memory, timeout,
                   dask_address, quiet, debug, fmt, no_csv_guard) -> None:
    """Case counts over time: the case tables and headline figures of many reports as one table.

    One row per (as_of, subject) with confirmed, recovered, deaths, CFR, the change since the
    previous row and the source file. The same figures in several reports collapse into one row;
    conflicting values and cumulative counts that go down are flagged.
    """
    from .emit import write_series
    from .output import Printer
    from .series import build_series

    with _signals_end_the_run():
        paths = expand(list(inputs), recursive, tuple(p.strip() for p in patterns.split(",") if p.strip()))
        options = Options(pages=pages, max_pages=max_pages, max_bytes=max_bytes, engine=engine, timeout=timeout,
                          debug=debug, max_memory=max_memory)
        stdin_data = _read_stdin(max_bytes) if "-" in paths else None
        printer = Printer(fmt="collect", quiet=quiet, debug=debug, total=len(paths))
        failed = printer.run(_results(paths, options, jobs, stdin_data, dask_address))
        if printer.stopped_by:
            sys.exit(128 + printer.stopped_by)  # no table from part of the reports
        rows = build_series(printer.collected)
        fmt = fmt or "csv"
        if fmt == "csv":
            write_series(rows, sys.stdout, safe=not no_csv_guard)
        elif fmt == "json":
            click.echo(json.dumps([row.to_dict() for row in rows], indent=2, ensure_ascii=False))
        else:
            for row in rows:
                click.echo(json.dumps(row.to_dict(), ensure_ascii=False, separators=(",", ":")))
        sys.exit(1 if failed else 0)


if __name__ == "__main__":  # pragma: no cover
    main()
