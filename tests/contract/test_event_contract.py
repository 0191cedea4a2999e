"""The events are a published contract: generated docs are current and changes stay compatible."""

from __future__ import annotations

import json
from pathlib import Path

import yaml

from rc_shared import catalogue as cat

ROOT = Path(__file__).resolve().parents[2]


def test_generated_asyncapi_and_schemas_are_current() -> None:
    stale = cat.stale_files(ROOT)
    assert stale == [], f"stale generated files {stale}: run `python -m rc_shared.catalogue generate`"


def test_published_schemas_are_backward_compatible_with_the_models() -> None:
    assert cat.compatibility_problems(ROOT) == {}


def test_every_catalogued_event_has_a_published_schema_and_a_channel() -> None:
    doc = yaml.safe_load((ROOT / "docs/asyncapi.yaml").read_text())
    messages = doc["components"]["messages"]
    for event_type, model in cat.catalogue().items():
        assert (ROOT / f"docs/events/{event_type}.json").exists()
        assert messages[model.__name__]["name"] == event_type
        channel = doc["channels"][model.topic.replace(".", "_")]
        assert channel["address"] == model.topic


def test_event_types_are_versioned_and_keys_are_aggregate_ids() -> None:
    for event_type, model in cat.catalogue().items():
        assert event_type.rsplit(".", 1)[-1].startswith("v")
        schema = json.loads((ROOT / f"docs/events/{event_type}.json").read_text())
        assert schema["x-kafka-key"] == model.aggregate_field
        assert model.aggregate_field in schema["required"]


PERSONAL_FIELDS = {"name", "full_name", "phone", "id_number", "birth_date", "address", "email", "health"}


def test_events_carry_no_personal_data_fields() -> None:
    public_names = {"members.units", "campaigns.campaigns"}  # units' and campaigns' names are public
    for event_type, model in cat.catalogue().items():
        fields = set(model.model_fields) - ({"name"} if model.topic in public_names else set())
        leaked = PERSONAL_FIELDS & fields
        assert not leaked, f"{event_type} carries personal data fields {leaked}"


def test_the_catalogues_version_has_its_entry_in_the_changelog() -> None:
    """A version bump of the event catalogue says what changed (docs/openapi/CHANGELOG.md)."""
    changelog = (ROOT / "docs" / "openapi" / "CHANGELOG.md").read_text()
    assert f"\n## events {cat.VERSION}\n" in changelog, f"docs/openapi/CHANGELOG.md: no '## events {cat.VERSION}'"
