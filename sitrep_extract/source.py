"""Where a report comes from: a path, bytes, text, or stdin -> bytes, name and format."""
from __future__ import annotations

import hashlib
import os
import stat
from dataclasses import dataclass
from pathlib import Path

from .errors import ExtractError
from .report import Source

DEFAULT_MAX_BYTES = 200 * 1024 * 1024


@dataclass
class Loaded:
    data: bytes
    source: Source


def sniff_format(data: bytes, name: str = "") -> str:
    """'pdf' when the bytes are a PDF (whatever the name says), else 'text'.

    A file named .pdf that is not one is still read as PDF, so the user hears
    "not a valid PDF" rather than a text parse of binary garbage.
    """
    head = data[:1024].lstrip(b"\x00\t\n\r\x0c ")
    if head.startswith(b"%PDF-") or b"%PDF-" in data[:1024]:
        return "pdf"
    return "pdf" if name.lower().endswith(".pdf") else "text"


def describe(data: bytes, name: str, fmt: str | None = None) -> Source:
    fmt = fmt or sniff_format(data, name)
    return Source(path=name, format=fmt, sha256=hashlib.sha256(data).hexdigest(), bytes=len(data))


def read_path(path: str | os.PathLike, max_bytes: int | None = DEFAULT_MAX_BYTES) -> Loaded:
    """Read a file with one clear error for each way it can fail."""
    name = os.fspath(path)
    try:
        info = os.stat(name)
    except FileNotFoundError:
        raise ExtractError("no such file", name) from None
    except PermissionError:
        raise ExtractError("permission denied", name) from None
    except OSError as exc:
        raise ExtractError(exc.strerror or str(exc), name) from None
    except ValueError:  # a NUL byte in the name
        raise ExtractError("invalid file name", name.replace("\x00", "\\0")) from None
    if stat.S_ISDIR(info.st_mode):
        raise ExtractError("is a directory (use --recursive to read the files in it)", name)
    if max_bytes is not None and stat.S_ISREG(info.st_mode) and info.st_size > max_bytes:
        raise ExtractError(f"file is {info.st_size:,} bytes, over the --max-bytes limit of {max_bytes:,}", name)
    try:
        with open(name, "rb") as handle:
            data = read_limited(handle, max_bytes + 1 if max_bytes is not None else None,
                               info.st_size + 1 if stat.S_ISREG(info.st_mode) else 1 << 20)
    except PermissionError:
        raise ExtractError("permission denied", name) from None
    except OSError as exc:
        raise ExtractError(exc.strerror or str(exc), name) from None
    if max_bytes is not None and len(data) > max_bytes:
        raise ExtractError(f"input is over the --max-bytes limit of {max_bytes:,} bytes", name)
    if not data:
        raise ExtractError("empty file (0 bytes)", name)
    return Loaded(data=data, source=describe(data, name))


def read_limited(handle, limit: int | None, chunk: int) -> bytes:
    """At most ``limit`` bytes, in reads of ``chunk`` (the file's size, for a regular file): a pipe or
    device is never read past the limit, and no buffer of the whole limit is allocated up front."""
    chunks, total = [], 0
    while limit is None or total < limit:
        block = handle.read(max(1, min(chunk, limit - total)) if limit is not None else chunk)
        if not block:
            break
        chunks.append(block)
        total += len(block)
    return b"".join(chunks)


def from_bytes(data: bytes, name: str = "<bytes>", max_bytes: int | None = DEFAULT_MAX_BYTES) -> Loaded:
    if max_bytes is not None and len(data) > max_bytes:
        raise ExtractError(f"input is over the --max-bytes limit of {max_bytes:,} bytes", name)
    return Loaded(data=data, source=describe(data, name))


def looks_like_path(value: str) -> bool:
    """A str argument is a path when it is one line and names an existing file or ends like one."""
    if not value or "\n" in value or "\x00" in value or len(value) > 4096:
        return False
    return Path(value).exists() or value.lower().endswith((".pdf", ".txt", ".text", ".md"))
