"""The compatibility rules that guard published events."""

from __future__ import annotations

import uuid
from datetime import date
from typing import ClassVar, Literal

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
