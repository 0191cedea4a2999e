"""CloudEvents binary-mode envelope: round trip and rejection of malformed records."""

from __future__ import annotations

import uuid
from datetime import date

import pytest

from rc_shared.catalogue import catalogue
from rc_shared.envelope import Envelope, EnvelopeError, decode
from rc_shared.events.members import UnitCreated
from rc_shared.tracing import child_traceparent, new_traceparent, trace_id


def _event() -> UnitCreated:
    return UnitCreated(
        unit_id=uuid.uuid4(), valid_from=date(2023, 3, 1), code="BL", name="Bạc Liêu", level="province", parent_id=None
    )


def test_round_trip_keeps_attributes_and_payload() -> None:
    env = Envelope(data=_event(), source="/members", traceparent=new_traceparent(), correlation_id="c-1")
    back = decode(env.headers(), env.value(), catalogue())
    assert back.id == env.id
    assert back.data == env.data
    assert back.type == "members.unit.created.v1"
    assert back.source == "/members"
    assert back.subject == str(env.data.unit_id)
    assert back.traceparent == env.traceparent
    assert back.correlation_id == "c-1"
    assert env.key() == str(env.data.unit_id).encode()
    headers = dict(env.headers())
    assert headers["ce_specversion"] == b"1.0"
    assert headers["content-type"] == b"application/json"


@pytest.mark.parametrize(
    ("mutate", "message"),
    [
        (lambda h, v: ([x for x in h if x[0] != "ce_type"], v), "missing CloudEvents headers: ce_type"),
        (lambda h, v: ([*h[:3], ("ce_type", b"no.such.v1"), *h[4:]], v), "unknown event type"),
        (lambda h, v: (h, b"{not json"), "payload does not match"),
        (lambda h, v: (h, b'{"unit_id": "x"}'), "payload does not match"),
        (lambda h, v: ([("ce_id", b"nope") if k == "ce_id" else (k, x) for k, x in h], v), "ce_id is not a UUID"),
        (
            lambda h, v: ([("ce_specversion", b"0.3") if k == "ce_specversion" else (k, x) for k, x in h], v),
            "specversion",
        ),
    ],
)
def test_malformed_records_are_rejected_with_a_reason(mutate, message) -> None:  # type: ignore[no-untyped-def]
    env = Envelope(data=_event(), source="/members")
    headers, value = mutate(env.headers(), env.value())
    with pytest.raises(EnvelopeError, match=message):
        decode(headers, value, catalogue())


def test_child_traceparent_keeps_the_trace_and_changes_the_span() -> None:
    parent = new_traceparent()
    child = child_traceparent(parent)
    assert trace_id(child) == trace_id(parent)
    assert child != parent
    assert trace_id(child_traceparent("garbage")) is not None
