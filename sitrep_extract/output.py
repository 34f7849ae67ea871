"""Printing a batch of results: data to stdout (or files), errors, warnings and progress to stderr."""
from __future__ import annotations

import os
import signal
import sys
import tempfile
import threading
from collections.abc import Iterable
from pathlib import Path

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from .batch import Result
from .emit import error_record, render_summary, to_jsonl, write_cases, write_items, write_json
from .explain import explain, reading_text


class Printer:
    def __init__(self, fmt: str = "json", cases: bool = False, csv_guard: bool = True, output_dir: str | None = None,
                 force: bool = False, quiet: bool = False, debug: bool = False, total: int = 1,
                 inputs: Iterable[str] = ()):
        self.fmt, self.cases, self.csv_guard = fmt, cases, csv_guard
        self.output_dir, self.force, self.quiet, self.debug = output_dir, force, quiet, debug
        self.total = total
        self.inputs = {os.path.realpath(p) for p in inputs if p != "-"}
        self._input_ids: set[tuple[int, int]] | None = None  # (device, inode) of the inputs, for hard links
        self.err = Console(stderr=True, highlight=False, soft_wrap=True)
        self.out = Console(highlight=False, soft_wrap=False)
        self.done = self.failed = self.not_sitreps = 0
        self._first = True
        self._written: set[str] = set()
        self.collected: list = []  # reports kept with fmt="collect" (for `series`)
        self.stopped_by: int | None = None

    # -- the loop ---------------------------------------------------------------------------
    def run(self, results: Iterable[Result]) -> int:
        """Print every result; return the number that failed. Ctrl-C or SIGTERM stops the batch after
        the file being read (``stopped_by`` is then the signal number); a second one stops at once."""
        if self.output_dir:
            os.makedirs(self.output_dir, exist_ok=True)
        previous = {sig: signal.signal(sig, self._stop) for sig in (signal.SIGINT, signal.SIGTERM)} \
            if threading.current_thread() is threading.main_thread() else {}
        try:
            self._loop(results)
        finally:
            for sig, handler in previous.items():
                signal.signal(sig, handler)
            close = getattr(results, "close", None)
            if close:
                close()  # stops the worker processes: files not yet printed are dropped
        if self.stopped_by:
            self._say(f"sitrep-extract: interrupted after {self.done} of {self.total} inputs")
        return self.failed

    def _stop(self, signum, frame) -> None:
        self.stopped_by = signum
        signal.signal(signum, signal.SIG_DFL)  # a second signal ends the run at once

    def _loop(self, results: Iterable[Result]) -> None:
        show_bar = self.total > 1 and not self.quiet and self.err.is_terminal
        try:
            if show_bar:
                with Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                              TextColumn("{task.fields[rate]}"), TextColumn("[red]{task.fields[failed]}"),
                              TimeElapsedColumn(), console=self.err, transient=True) as bar:
                    task = bar.add_task("reading", total=self.total, rate="", failed="")
                    for result in results:
                        self._one(result)
                        if self.stopped_by:
                            break
                        elapsed = bar.tasks[task].elapsed or 0
                        bar.update(task, advance=1, description=_short(result.path),
                                   rate=f"{self.done / elapsed:.1f} files/s" if elapsed else "",
                                   failed=f"{self.failed} failed" if self.failed else "")
            else:
                for result in results:
                    self._one(result)
                    if self.stopped_by:
                        break
            self._finish()
        except BrokenPipeError:
            # The reader went away (`| head`): stop quietly, as Unix tools do.
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
        except OSError as error:  # stdout itself failed (a full disk): no point reading more
            self.failed += 1
            self._say(f"sitrep-extract: cannot write the output: {error.strerror or error}")
            _quiet_stdout()
            return self.failed
        if self.total > 1 and not self.quiet and not self.stopped_by:
            parts = [f"{self.done} report{'s' if self.done != 1 else ''}", f"{self.failed} failed"]
            if self.not_sitreps:
                parts.append(f"{self.not_sitreps} not sitrep{'s' if self.not_sitreps != 1 else ''}")
            self.err.print(", ".join(parts), markup=False)
        return self.failed

    def _one(self, result: Result) -> None:
        self.done += 1
        if not result.ok:
            self.failed += 1
            self._say(f"sitrep-extract: {result.path}: {result.error}")
            if self.debug and result.detail:
                sys.stderr.write(result.detail)
            if self.fmt in ("json", "jsonl") and not self.output_dir:
                self._emit_data(error_record(result.path, result.error or "", result.format))
                sys.stdout.flush()
            return
        report = result.report
        if report.document.kind == "not_sitrep":
            self.not_sitreps += 1
        if not self.quiet:
            for warning in report.warnings:
                self._say(f"sitrep-extract: {result.path}: warning: {warning}")
        if self.fmt == "collect":
            self.collected.append(report)
        elif self.output_dir:
            self._write_file(result)
        elif self.fmt in ("json", "jsonl"):
            self._emit_data(report)
        elif self.fmt == "csv":
            writer = write_cases if self.cases else write_items
            writer([report], sys.stdout, header=self._first, safe=self.csv_guard)
            self._first = False
        elif self.fmt == "summary":
            render_summary(report, self.out)
        elif self.fmt == "text":
            self._banner(result.path)
            sys.stdout.write(reading_text(result.analysis))
        elif self.fmt == "explain":
            self._banner(result.path)
            explain(result.analysis, self.out)
        sys.stdout.flush()

    def _emit_data(self, data) -> None:
        if self.fmt == "jsonl":
            sys.stdout.write(to_jsonl(data) + "\n")
        elif self.total == 1:
            write_json(data, sys.stdout)
        else:  # several inputs: one JSON array, streamed
            sys.stdout.write("[\n" if self._first else ",\n")
            write_json(data, sys.stdout, end="")
            self._first = False

    def _finish(self) -> None:
        if self.fmt == "json" and self.total > 1 and not self.output_dir:
            sys.stdout.write("[]\n" if self._first else "\n]\n")
        sys.stdout.flush()

    def _banner(self, path: str) -> None:
        if self.total > 1:
            sys.stdout.write(f"==> {path} <==\n")

    def _say(self, message: str) -> None:
        self.err.print(message, markup=False, highlight=False)

    # -- --output-dir ---------------------------------------------------------------------------
    def _write_file(self, result: Result) -> None:
        target = self._target(result.path)
        if self._is_input(target):
            self._fail(result, f"refusing to write {target}: it is one of the inputs")
            return
        if os.path.lexists(target) and not self.force:
            self._fail(result, f"{target} exists (use --force to replace it)")
            return
        # Temp file + rename: a reader never sees half a file, and a file being written when Ctrl-C or
        # SIGTERM arrives is finished first (the signals are held), so an interrupted run leaves none.
        held = _hold_signals()
        tmp = None
        try:
            fd, tmp = tempfile.mkstemp(dir=self.output_dir, prefix=".sitrep-", suffix=".tmp")
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                write_json(result.report, handle)
                handle.flush()
                os.fchmod(handle.fileno(), 0o666 & ~_UMASK)  # as a plain `>` redirect would create it
                os.fsync(handle.fileno())
            os.replace(tmp, target)  # replaces a symlink itself, never the file it points to
            tmp = None
        except OSError as error:
            self._fail(result, f"cannot write {target}: {error.strerror or error}")
        finally:
            if tmp is not None and os.path.exists(tmp):
                os.unlink(tmp)
            _release_signals(held)

    def _is_input(self, target: str) -> bool:
        if os.path.realpath(target) in self.inputs:
            return True
        try:
            info = os.stat(target)
        except OSError:
            return False  # does not exist (or is a dangling link): not an input
        if self._input_ids is None:
            self._input_ids = set()
            for path in self.inputs:
                try:
                    found = os.stat(path)
                except OSError:
                    continue
                self._input_ids.add((found.st_dev, found.st_ino))
        return (info.st_dev, info.st_ino) in self._input_ids  # a hard link to an input

    def _target(self, path: str) -> str:
        """<output-dir>/<input name>.json; the name is only the base name, so it cannot escape the directory."""
        stem = "stdin" if path == "-" else Path(path).stem
        stem = "".join(ch if ch.isalnum() or ch in "-_. " else "_" for ch in stem).strip(". ") or "report"
        stem = stem.encode("utf-8")[:MAX_NAME_BYTES].decode("utf-8", "ignore").rstrip(". ") or "report"
        name, n = f"{stem}.json", 1
        while name.casefold() in self._written:  # two inputs with the same name in different directories
            n += 1
            name = f"{stem}-{n}.json"
        self._written.add(name.casefold())
        return os.path.join(self.output_dir, name)

    def _fail(self, result: Result, reason: str) -> None:
        self.failed += 1
        self._say(f"sitrep-extract: {result.path}: {reason}")


MAX_NAME_BYTES = 200  # of an output file's stem: file systems allow 255 bytes per name


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


_UMASK = _umask()


def _hold_signals() -> set | None:
    """Block Ctrl-C and SIGTERM (delivered when released): a file is written whole or not at all."""
    if not hasattr(signal, "pthread_sigmask"):
        return None
    return signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT, signal.SIGTERM})


def _release_signals(previous: set | None) -> None:
    if previous is not None:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)


def _quiet_stdout() -> None:
    """Point stdout at /dev/null so the interpreter's last flush cannot fail again."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass


def _short(path: str, width: int = 40) -> str:
    return path if len(path) <= width else "…" + path[-(width - 1):]
