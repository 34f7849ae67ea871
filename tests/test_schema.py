"""schema.json: the documented contract of Report.to_dict()."""
from __future__ import annotations

import builtins
import json

import jsonschema
import pytest
from hypothesis import given, settings

from sitrep_extract.emit import error_record, to_json
from sitrep_extract.schema import load_schema, validate
# pytest puts tests/ on sys.path, so the report builders are shared from there.
from test_emit import full_report, minimal_report, reports


def test_schema_is_valid_draft_2020_12():
    schema = load_schema()
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    jsonschema.Draft202012Validator.check_schema(schema)


def test_every_property_is_described():
    def walk(node, where):
        if isinstance(node, dict):
            for name, sub in node.get("properties", {}).items():
                assert "description" in sub, f"{where}/{name}"
            for key, sub in node.items():
                walk(sub, f"{where}/{key}")
        elif isinstance(node, list):
            for sub in node:
                walk(sub, where)

    walk(load_schema(), "")


def test_hand_made_reports_validate():
    for report in (minimal_report(), full_report()):
        assert validate(report.to_dict()) == []
        assert validate(json.loads(to_json(report))) == []


@pytest.mark.parametrize("path, value", [
    (("document", "kind"), "newsletter"),
    (("source", "format"), "docx"),
    (("source", "bytes"), "48213"),
    (("case_tables", 0, "confirmed"), 1.5),
    (("case_tables", 0, "other", "suspected"), "30"),
    (("sections", 0, "id"), "Highlights"),
    (("sections", 0, "items", 0, "page"), "1"),
    (("schema_version",), "2"),
])
def test_wrong_values_fail(path, value):
    data = full_report().to_dict()
    target = data
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = value
    errors = validate(data)
    assert errors and errors[0].startswith("/".join(map(str, path)) + ":")


@pytest.mark.parametrize("where", [(), ("source",), ("document",), ("sections", 0), ("sections", 0, "items", 0),
                                   ("case_tables", 0), ("contact",), ("media_coverage",)])
def test_unknown_keys_fail(where):
    data = full_report().to_dict()
    target = data
    for key in where:
        target = target[key]
    target["surprise"] = 1
    assert any("surprise" in message for message in validate(data))


def test_error_record_matches_its_definition():
    schema = load_schema()
    validator = jsonschema.Draft202012Validator({"$defs": schema["$defs"], "$ref": "#/$defs/error_record"})
    assert not list(validator.iter_errors(error_record("a.pdf", "broken", "pdf")))
    assert not list(validator.iter_errors(error_record("a", "broken")))
    assert validate(error_record("a.pdf", "broken")) != []  # an error record is not a report


def test_validate_without_jsonschema_says_what_to_install(monkeypatch):
    real_import = builtins.__import__

    def no_jsonschema(name, *args, **kwargs):
        if name == "jsonschema":
            raise ModuleNotFoundError("No module named 'jsonschema'")
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_jsonschema)
    with pytest.raises(ImportError, match="pip install jsonschema"):
        validate({})


@settings(max_examples=200, deadline=None)
@given(report=reports)
def test_json_output_of_random_reports_validates(report):
    assert validate(json.loads(to_json(report))) == []
