"""The compatibility rules that guard published events."""

from __future__ import annotations

import uuid
from datetime import date
from typing import ClassVar, Literal

from pydantic import Field

from rc_shared.catalogue import breaking_changes, schema_of
from rc_shared.envelope import Event


class V1(Event):
    event_type: ClassVar[str] = "test.thing.v1"
    topic: ClassVar[str] = "test"
    aggregate_field: ClassVar[str] = "thing_id"
    thing_id: uuid.UUID
    amount: int
    on: date
    kind: Literal["a", "b"]
    note: str | None = None


def test_identical_schema_is_compatible() -> None:
    assert breaking_changes(schema_of(V1), schema_of(V1)) == []


def test_adding_an_optional_field_is_compatible() -> None:
    class Added(V1):
        extra: str | None = None

    assert breaking_changes(schema_of(V1), schema_of(Added)) == []


def test_adding_a_required_field_breaks() -> None:
    class Added(V1):
        extra: str

    assert breaking_changes(schema_of(V1), schema_of(Added)) == ["new required field 'extra'"]


def test_removing_a_field_breaks() -> None:
    old = schema_of(V1)
    new = schema_of(V1)
    del new["properties"]["note"]  # type: ignore[attr-defined]
    assert breaking_changes(old, new) == ["field 'note' removed"]


def test_retyping_a_field_breaks() -> None:
    class Retyped(Event):
        event_type: ClassVar[str] = "test.thing.v1"
        topic: ClassVar[str] = "test"
        aggregate_field: ClassVar[str] = "thing_id"
        thing_id: uuid.UUID
        amount: str
        on: date
        kind: Literal["a", "b"]
        note: str | None = None

    assert breaking_changes(schema_of(V1), schema_of(Retyped)) == ["field 'amount' changed type"]


def test_adding_an_enum_value_is_compatible_removing_one_breaks() -> None:
    class More(Event):
        event_type: ClassVar[str] = "test.thing.v1"
        topic: ClassVar[str] = "test"
        aggregate_field: ClassVar[str] = "thing_id"
        thing_id: uuid.UUID
        amount: int
        on: date
        kind: Literal["a", "b", "c"]
        note: str | None = None

    assert breaking_changes(schema_of(V1), schema_of(More)) == []
    problems = breaking_changes(schema_of(More), schema_of(V1))
    assert problems == ["field 'kind' lost enum values ['c']"]


def test_moving_an_event_to_another_topic_or_key_breaks() -> None:
    """A consumer subscribes to the topic and relies on the key for per-aggregate order: both are part of
    the contract (the schema says them: x-kafka-topic, x-kafka-key), and were not compared."""

    class Moved(V1):
        topic: ClassVar[str] = "test.other"

    class Rekeyed(V1):
        aggregate_field: ClassVar[str] = "amount"

    assert breaking_changes(schema_of(V1), schema_of(Moved)) == ["topic changed from 'test' to 'test.other'"]
    assert breaking_changes(schema_of(V1), schema_of(Rekeyed)) == ["key changed from 'thing_id' to 'amount'"]


def test_changing_a_fields_bounds_either_way_breaks() -> None:
    """A wider bound (hours up to 48, was 24) makes a newer producer's events fail an older consumer's
    validation, so they are dead-lettered; a narrower one does the same to an older producer's events.
    Only type and format were compared."""

    class Bounded(Event):
        event_type: ClassVar[str] = "test.hours.v1"
        topic: ClassVar[str] = "test"
        aggregate_field: ClassVar[str] = "thing_id"
        thing_id: uuid.UUID
        hours: float = Field(gt=0, le=24)
        code: str = Field(max_length=20)

    class Wider(Bounded):
        hours: float = Field(gt=0, le=48)

    class Shorter(Bounded):
        code: str = Field(max_length=10)

    assert breaking_changes(schema_of(Bounded), schema_of(Bounded)) == []
    assert breaking_changes(schema_of(Bounded), schema_of(Wider)) == ["field 'hours' changed its bounds"]
    assert breaking_changes(schema_of(Bounded), schema_of(Shorter)) == ["field 'code' changed its bounds"]
