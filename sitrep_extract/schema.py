"""The JSON Schema of Report.to_dict(): the documented output contract.

``jsonschema`` is only a test dependency, so it is imported when validating.
"""
from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources
from typing import Any


def load_schema() -> dict[str, Any]:
    """The schema (draft 2020-12) as a fresh dict."""
    return json.loads(resources.files(__package__).joinpath("schema.json").read_text(encoding="utf-8"))


def validate(data: dict[str, Any]) -> list[str]:
    """Messages for every way ``data`` breaks the schema, "where: what"; [] when valid."""
    try:
        import jsonschema
    except ImportError as error:
        raise ImportError("validating against the schema needs jsonschema: pip install jsonschema") from error
    errors = _validator(jsonschema.Draft202012Validator).iter_errors(data)
    return [f"{'/'.join(map(str, e.absolute_path)) or '(root)'}: {e.message}"
            for e in sorted(errors, key=lambda e: list(map(str, e.absolute_path)))]


@lru_cache(maxsize=1)
def _validator(cls: type) -> Any:
    return cls(load_schema())
