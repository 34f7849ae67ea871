"""The one exception type the library raises for bad input."""
from __future__ import annotations


class ExtractError(Exception):
    """Input that cannot be read as a report: a one-line, user-facing reason.

    ``str(error)`` is ``"<path>: <reason>"`` when the path is known, so the CLI
    can print it as is.
    """

    def __init__(self, reason: str, path: str | None = None):
        self.reason = " ".join(str(reason).split())  # always one line
        self.path = path
        super().__init__(f"{path}: {self.reason}" if path else self.reason)

    def with_path(self, path: str) -> "ExtractError":
        return ExtractError(self.reason, path)
