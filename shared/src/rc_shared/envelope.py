"""The event envelope: CloudEvents 1.0 in Kafka binary mode.

The CloudEvents attributes travel as Kafka headers (``ce_id``, ``ce_source``, ``ce_type``,
``ce_specversion``, ``ce_time``, ``ce_subject``, plus ``content-type``); the Kafka value is the
JSON payload, validated by the pydantic model registered for the event type; the Kafka key is the
aggregate id (the CloudEvents ``subject``) so that one aggregate's events stay in order.
W3C trace context (``traceparent``) and a correlation id ride along as extra headers.

Reading is tolerant of what a version may add: a payload with fields its model does not know (a newer
producer, within the same ``.vN``) is read without them; writing is strict (``extra="forbid"``).
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any, ClassVar, Generic

from pydantic import BaseModel, ConfigDict, ValidationError
from pydantic_core import SchemaValidator, core_schema
from typing_extensions import TypeVar

SPECVERSION = "1.0"
CONTENT_TYPE = "application/json"


class Event(BaseModel):
    """Base class of every event payload in the catalogue.

    Subclasses set ``event_type`` (a versioned name such as ``members.unit.created.v1``),
    ``topic`` and ``aggregate_field`` (the payload field whose value is the Kafka key).
    """

    model_config = ConfigDict(extra="forbid", frozen=True)

    event_type: ClassVar[str]
    topic: ClassVar[str]
    aggregate_field: ClassVar[str]
    summary: ClassVar[str] = ""

    def aggregate_id(self) -> str:
        return str(getattr(self, self.aggregate_field))


class EnvelopeError(ValueError):
    """A Kafka record that is not a valid event of the catalogue (a poison message)."""


E_co = TypeVar("E_co", bound=Event, default=Event, covariant=True)


@dataclass(frozen=True)
class Envelope(Generic[E_co]):
    """One event with its CloudEvents attributes; ``Envelope[UnitCreated]`` carries a ``UnitCreated``."""

    data: E_co
    source: str
    id: uuid.UUID = field(default_factory=uuid.uuid4)
    time: datetime = field(default_factory=lambda: datetime.now(UTC))
    traceparent: str | None = None
    correlation_id: str | None = None

    @property
    def type(self) -> str:
        return self.data.event_type

    @property
    def subject(self) -> str:
        return self.data.aggregate_id()

    @property
    def topic(self) -> str:
        return self.data.topic

    def header_map(self, *, time: str | None = None, subject: str | None = None) -> dict[str, str]:
        """The Kafka headers as text, in order (what the outbox stores); ``time`` and ``subject``: this
        envelope's ``ce_time`` and ``ce_subject`` texts when the caller has them already."""
        hs = {
            "ce_specversion": SPECVERSION,
            "ce_id": str(self.id),
            "ce_source": self.source,
            "ce_type": self.data.event_type,
            "ce_time": self.time.isoformat() if time is None else time,
            "ce_subject": self.subject if subject is None else subject,
            "content-type": CONTENT_TYPE,
        }
        if self.traceparent:
            hs["traceparent"] = self.traceparent
        if self.correlation_id:
            hs["correlation-id"] = self.correlation_id
        return hs

    def headers(self) -> list[tuple[str, bytes]]:
        return [(k, v.encode()) for k, v in self.header_map().items()]

    def key(self) -> bytes:
        return self.subject.encode()

    def value(self) -> bytes:
        """The payload's JSON: ``model_dump_json()``'s, by the model's serializer called directly."""
        return self.data.__pydantic_serializer__.to_json(self.data)


def header_text(value: bytes | bytearray | str | None) -> str:
    """A Kafka header's value as text: UTF-8 (U+FFFD for what is not), none as empty."""
    if value is None:
        return ""
    return value.decode("utf-8", errors="replace") if isinstance(value, bytes | bytearray) else str(value)


def headers_dict(headers: Iterable[tuple[str, bytes | None]] | None) -> dict[str, str]:
    return {k: header_text(v) for k, v in headers or ()}


# An event id's text read as a UUID by pydantic-core: a sixth of ``uuid.UUID(text)``'s time, per event consumed.
_EVENT_ID = SchemaValidator(core_schema.uuid_schema())


def _without_newer_fields(model: type[Event], value: bytes, refused: ValidationError) -> Event | None:
    """A tolerant reader: the event read without the fields its model does not know, when those were
    all that the model refused (a newer producer added optional fields within the same version, and
    this process is older: a rolling upgrade); ``None`` when anything else is wrong with it.

    Producers still cannot write an unknown field (``extra="forbid"``): only reading tolerates them."""
    errors = refused.errors()
    if not errors or any(e["type"] != "extra_forbidden" for e in errors):
        return None
    payload = json.loads(value)
    for e in errors:
        *path, name = e["loc"]
        node: Any = payload
        try:
            for step in path:
                node = node[step]
        except (KeyError, IndexError, TypeError):  # (a path through a union's tag: not a plain field)
            return None
        if isinstance(node, dict):
            node.pop(name, None)
    try:
        return model.__pydantic_validator__.validate_json(json.dumps(payload))  # type: ignore[no-any-return]
    except ValueError:
        return None


def decode(
    headers: Sequence[tuple[str, bytes]] | Mapping[str, str] | None,
    value: bytes | None,
    registry: Mapping[str, type[Event]],
) -> Envelope:
    """Parse a Kafka record into an Envelope; raise EnvelopeError if it is not a valid event.

    Per event of a consumer's batch (thousands a second): headers already decoded as a ``dict`` (the
    consumers' case) are read as they are, without a copy or an ABC check, and the payload goes to the
    model's validator directly (what ``model_validate_json`` calls)."""
    h: Mapping[str, str] = (
        headers if type(headers) is dict else dict(headers) if isinstance(headers, Mapping) else headers_dict(headers)
    )
    if not ("ce_id" in h and "ce_source" in h and "ce_type" in h and "ce_specversion" in h):
        missing = [k for k in ("ce_id", "ce_source", "ce_type", "ce_specversion") if k not in h]
        raise EnvelopeError(f"missing CloudEvents headers: {', '.join(missing)}")
    if h["ce_specversion"] != SPECVERSION:
        raise EnvelopeError(f"unsupported specversion {h['ce_specversion']!r}")
    model = registry.get(h["ce_type"])
    if model is None:
        raise EnvelopeError(f"unknown event type {h['ce_type']!r}")
    try:
        event_id: uuid.UUID = _EVENT_ID.validate_python(h["ce_id"])
    except ValueError as exc:
        raise EnvelopeError(f"ce_id is not a UUID: {h['ce_id']!r}") from exc
    try:
        data = model.__pydantic_validator__.validate_json(value or b"")
    except ValidationError as exc:
        data = _without_newer_fields(model, value or b"", exc)
        if data is None:
            raise EnvelopeError(f"payload does not match {h['ce_type']}: {exc}") from exc
    except ValueError as exc:
        raise EnvelopeError(f"payload does not match {h['ce_type']}: {exc}") from exc
    # the time the event happened, as its producer wrote it: required (the catalogue says so), and with its
    # zone. A missing one was taken as the consumer's clock, so each replay dated the event anew and a
    # projection rebuilt from the topic (dates taken from the event's time) was not the one it replaced.
    ce_time = h.get("ce_time")
    if ce_time is None:
        raise EnvelopeError("missing CloudEvents header: ce_time (the time the event happened, with its zone)")
    try:
        time = datetime.fromisoformat(ce_time)
    except ValueError as exc:
        raise EnvelopeError(f"ce_time is not ISO 8601: {ce_time!r}") from exc
    if time.utcoffset() is None:
        raise EnvelopeError(f"ce_time has no time zone: {ce_time!r}")
    return Envelope(
        data=data,
        source=h["ce_source"],
        id=event_id,
        time=time,
        traceparent=h.get("traceparent"),
        correlation_id=h.get("correlation-id"),
    )
