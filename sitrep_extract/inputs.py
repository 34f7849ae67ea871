"""Command-line inputs -> the sorted list of files to read."""
from __future__ import annotations

import fnmatch
import glob as globbing
import os
from dataclasses import dataclass
from pathlib import Path

DEFAULT_PATTERNS = ("*.pdf", "*.txt")


@dataclass(frozen=True)
class Missing:
    """An input that names nothing readable; reported as that input's error."""

    path: str
    reason: str


def expand(inputs: list[str], recursive: bool = False, patterns: tuple[str, ...] = DEFAULT_PATTERNS
           ) -> list[str | Missing]:
    """Files named, files in directories (recursed with ``recursive``), and quoted globs.

    Order: inputs in the order given; the files of one directory or glob sorted by path,
    so a batch always runs (and prints) in the same order.
    """
    out: list[str | Missing] = []
    seen: set[str] = set()

    def add(path: str) -> None:
        key = os.path.realpath(path)  # once per file, however it is reached (symlinks, a glob through a loop)
        if key not in seen:
            seen.add(key)
            out.append(path)

    for item in inputs:
        if item == "-":
            out.append("-")
        elif os.path.isdir(item):
            unreadable = _unreadable(item)
            if unreadable:
                out.append(Missing(item, unreadable))
                continue
            try:
                found = _in_directory(item, recursive, patterns)
            except OSError as exc:  # a subdirectory that vanished or cannot be read while walking
                out.append(Missing(item, f"cannot list the directory: {exc.strerror or exc}"))
                continue
            if not found:
                out.append(Missing(item, f"is a directory with no {' or '.join(patterns)} files"
                                         + ("" if recursive else " (use --recursive to look in subdirectories)")))
            for path in found:
                add(path)
        elif not os.path.exists(item) and globbing.has_magic(item):
            matches = sorted(p for p in globbing.glob(item, recursive=recursive) if os.path.isfile(p))
            if not matches:
                out.append(Missing(item, "no files match this pattern"))
            for path in matches:
                add(path)
        else:
            add(item)  # a file, or a missing path whose error the reader reports
    return out


def _unreadable(directory: str) -> str | None:
    """Why a directory cannot be listed, or None."""
    try:
        with os.scandir(directory) as entries:
            next(entries, None)
    except PermissionError:
        return "permission denied (a directory that cannot be listed)"
    except OSError as exc:
        return exc.strerror or str(exc)
    return None


def _in_directory(directory: str, recursive: bool, patterns: tuple[str, ...]) -> list[str]:
    root = Path(directory)
    candidates = root.rglob("*") if recursive else root.glob("*")
    wanted = [p.lower() for p in patterns]
    # Case-insensitive, so REPORT.PDF is found too.
    return sorted(str(p) for p in candidates
                  if any(fnmatch.fnmatch(p.name.lower(), w) for w in wanted) and p.is_file())
