"""`balise schema`: the JSON Schema agrees with the validator on real files."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
from click.testing import CliRunner

from site_builder.cli import main
from site_builder.source.load import read_source
from site_builder.source.schema import front_matter_schema
from site_builder.source.validate import COMMON_KEYS, INCIDENT_ONLY_KEYS, MAINTENANCE_ONLY_KEYS, UPDATE_KEYS

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = sorted((ROOT / "incidents").glob("*.md"))


def as_json(path: Path) -> dict:
    """Front-matter as plain JSON data, the way an editor's YAML language server sees it."""
    source = read_source(path, path.read_bytes(), path.name)
    return json.loads(json.dumps(source.front_matter))


def test_the_schema_is_a_valid_json_schema():
    jsonschema.Draft7Validator.check_schema(front_matter_schema())


def test_the_schema_knows_exactly_the_keys_the_validator_knows():
    schema = front_matter_schema()
    assert set(schema["properties"]) == set(COMMON_KEYS + MAINTENANCE_ONLY_KEYS + INCIDENT_ONLY_KEYS)
    assert set(schema["properties"]["updates"]["items"]["properties"]) == set(UPDATE_KEYS)


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.name)
def test_every_example_incident_matches_the_schema(path):
    jsonschema.validate(as_json(path), front_matter_schema())


def test_the_schema_rejects_a_misspelt_key():
    document = {"title": "t", "imapct": "major", "updates": [{"at": "2026-11-20T14:05:00Z", "status": "investigating", "message": "m"}]}
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(document, front_matter_schema())


def test_the_schema_rejects_a_maintenance_status_on_an_incident():
    document = {"title": "t", "impact": "major", "updates": [{"at": "2026-11-20T14:05:00Z", "status": "completed", "message": "m"}]}
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(document, front_matter_schema())


def test_the_command_limits_component_ids_to_the_configured_ones(project):
    result = CliRunner().invoke(main, ["schema"])
    schema = json.loads(result.stdout)
    assert schema["properties"]["components"]["anyOf"][0]["propertyNames"] == {"enum": ["api", "web", "db"]}
