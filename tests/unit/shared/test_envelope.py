"""CloudEvents binary-mode envelope: round trip and rejection of malformed records."""

from __future__ import annotations

import json
import uuid
from datetime import UTC, date, datetime
from types import MappingProxyType
from typing import Any

import pytest

from rc_shared.catalogue import catalogue
from rc_shared.envelope import Envelope, EnvelopeError, decode
from rc_shared.events.campaigns import CallDocument, CampaignDisclosureUpdated, ReceivingPoint
from rc_shared.events.members import UnitCreated
from rc_shared.ids import hex_tokens, uuid4s
from rc_shared.outbox import envelopes_for, outbox_columns, outbox_rows
from rc_shared.tracing import (
    child_traceparent,
    child_traceparents,
    current_correlation_id,
    current_traceparent,
    new_traceparent,
    trace_id,
)


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
        # the time is the producer's: none (taken as the consumer's clock, so each replay dated it anew) or one
        # without a zone is refused
        (lambda h, v: ([x for x in h if x[0] != "ce_time"], v), "missing CloudEvents header: ce_time"),
        (
            lambda h, v: ([("ce_time", b"2025-01-02T03:04:05") if k == "ce_time" else (k, x) for k, x in h], v),
            "ce_time has no time zone",
        ),
        (lambda h, v: ([("ce_time", b"yesterday") if k == "ce_time" else (k, x) for k, x in h], v), "not ISO 8601"),
    ],
)
def test_malformed_records_are_rejected_with_a_reason(mutate, message) -> None:  # type: ignore[no-untyped-def]
    env = Envelope(data=_event(), source="/members")
    headers, value = mutate(env.headers(), env.value())
    with pytest.raises(EnvelopeError, match=message):
        decode(headers, value, catalogue())


def test_a_newer_producers_added_fields_are_read_past_and_nothing_else_is_excused() -> None:
    """A tolerant reader (a rolling upgrade: the producer already writes an optional field this
    consumer's model does not know, at the top or inside a list's objects): the event is read with
    what the model knows; a wrong value beside an unknown field is still refused."""
    env = Envelope(data=_event(), source="/members")
    newer = json.loads(env.value()) | {"added_in_a_later_release": {"x": 1}}
    back = decode(env.headers(), json.dumps(newer).encode(), catalogue())
    assert back.data == env.data and back.id == env.id
    disclosure = CampaignDisclosureUpdated(
        campaign_id=uuid.uuid4(), version=2, call_documents=[CallDocument(title="Lời kêu gọi", number="15/LKG")],
        receiving_points=[ReceivingPoint(method="in_person", location="Văn phòng Hội")],
    )  # fmt: skip
    env = Envelope(data=disclosure, source="/campaigns")
    newer = json.loads(env.value())
    newer["call_documents"][0]["language"] = "vi"
    newer["receiving_points"][0]["map_url"] = "https://example.org"
    assert decode(env.headers(), json.dumps(newer).encode(), catalogue()).data == disclosure
    with pytest.raises(EnvelopeError, match="payload does not match"):  # an unknown field and a bad value
        decode(env.headers(), json.dumps(newer | {"version": 0}).encode(), catalogue())
    with pytest.raises(ValueError, match="Extra inputs are not permitted"):  # writing stays strict
        UnitCreated.model_validate(json.loads(Envelope(data=_event(), source="/m").value()) | {"extra": 1})


def test_child_traceparent_keeps_the_trace_and_changes_the_span() -> None:
    parent = new_traceparent()
    child = child_traceparent(parent)
    assert trace_id(child) == trace_id(parent)
    assert child != parent
    assert trace_id(child_traceparent("garbage")) is not None


def test_ids_drawn_in_bulk_are_distinct_random_version_4_uuids_and_hex_tokens(monkeypatch: pytest.MonkeyPatch) -> None:
    checked: list[Any] = []
    built = uuid.UUID.__init__

    def init(self: uuid.UUID, *args: Any, **kwargs: Any) -> None:
        checked.append(kwargs.get("int"))
        built(self, *args, **kwargs)

    monkeypatch.setattr(uuid.UUID, "__init__", init)  # its checks of every argument, in Python, per id
    ids = uuid4s(5000)
    assert [c for c in checked if c is not None] == []
    monkeypatch.undo()
    assert len(set(ids)) == 5000
    assert all(u.version == 4 and u.variant == uuid.RFC_4122 and uuid.UUID(str(u)) == u for u in ids)
    assert len({u.int >> 64 for u in ids}) == 5000  # both halves random, not a counter
    tokens = hex_tokens(1000, 8)
    assert len(set(tokens)) == 1000 and all(len(t) == 16 and int(t, 16) >= 0 for t in tokens)


def test_child_traceparents_keep_the_trace_each_with_its_own_span_or_each_a_new_trace() -> None:
    parent = new_traceparent()
    children = child_traceparents(parent, 50)
    assert {trace_id(c) for c in children} == {trace_id(parent)}
    assert len(set(children)) == 50 and parent not in children
    orphans = child_traceparents("garbage", 50)
    assert all(trace_id(c) is not None for c in orphans) and len({trace_id(c) for c in orphans}) == 50


def _wrapped_in_request(traceparent: str, correlation_id: str, n: int) -> list[Envelope]:
    """``n`` events wrapped at once by :func:`envelopes_for` inside a request with that trace and correlation."""
    tp, cid = current_traceparent.set(traceparent), current_correlation_id.set(correlation_id)
    try:
        return envelopes_for([_event() for _ in range(n)], "/members")
    finally:
        current_traceparent.reset(tp)
        current_correlation_id.reset(cid)


def test_events_wrapped_at_once_get_their_own_ids_and_spans_under_the_request_trace() -> None:
    parent = new_traceparent()
    envs = _wrapped_in_request(parent, "corr-7", 20)
    assert len({e.id for e in envs}) == 20 and all(e.id.version == 4 for e in envs)
    assert len({e.traceparent for e in envs}) == 20
    assert {trace_id(e.traceparent) for e in envs} == {trace_id(parent)}
    assert {e.correlation_id for e in envs} == {"corr-7"}
    for e in envs:
        back = decode(e.headers(), e.value(), catalogue())
        assert (back.id, back.traceparent, back.data) == (e.id, e.traceparent, e.data)
        assert e.header_map() == {k: v.decode() for k, v in e.headers()}


@pytest.mark.parametrize(
    "correlation_id",
    ["corr-7", 'quote " and back\\slash', "line\nbreak\ttab\x01\x1f\x7f", "Nguyễn Văn Ân đ 😀 \u2028"],
)
def test_outbox_rows_store_the_headers_as_the_compact_json_text_they_are_read_back_from(correlation_id: str) -> None:
    envs = [Envelope(data=_event(), source="/members", correlation_id=correlation_id) for _ in range(3)]
    stored = outbox_rows(envs)[4]
    for e, text in zip(envs, stored, strict=True):
        assert text == json.dumps(e.header_map(), ensure_ascii=False, separators=(",", ":"))
        assert json.loads(text) == e.header_map()


class _CountingTime(datetime):
    """A time that counts how often its text is made."""

    calls = 0

    def isoformat(self, *args: Any, **kwargs: Any) -> str:
        type(self).calls += 1
        return super().isoformat(*args, **kwargs)


def test_outbox_rows_work_out_each_subject_once_and_each_time_text_once_per_time(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    subjects = 0
    aggregate_id = UnitCreated.aggregate_id

    def counted(self: UnitCreated) -> str:
        nonlocal subjects
        subjects += 1
        return aggregate_id(self)

    monkeypatch.setattr(UnitCreated, "aggregate_id", counted)
    at = _CountingTime(2026, 11, 30, 18, 0, tzinfo=UTC)
    later = _CountingTime(2026, 11, 30, 18, 1, tzinfo=UTC)
    envs = [Envelope(data=_event(), source="/members", time=t) for t in (at, at, at, later, at)]
    rows = outbox_rows(envs)
    assert (subjects, _CountingTime.calls) == (5, 2)
    assert rows[2] == [str(e.data.unit_id) for e in envs]


def test_outbox_columns_are_what_each_envelope_says_of_itself() -> None:
    parent = new_traceparent()
    envs = _wrapped_in_request(parent, "corr-8", 3)
    envs += [Envelope(data=_event(), source="/other", traceparent=None, correlation_id=None)]
    ids, topics, keys, types, headers, payloads = outbox_rows(envs)
    assert ids == [e.id for e in envs]
    assert topics == [e.topic for e in envs]
    assert keys == [e.subject for e in envs]
    assert types == [e.type for e in envs]
    assert headers == [json.dumps(e.header_map(), ensure_ascii=False, separators=(",", ":")) for e in envs]
    assert payloads == [e.data.model_dump_json() for e in envs]
    assert outbox_columns(envs)[4] == [e.header_map() for e in envs]


def test_decode_reads_headers_of_every_form_alike_the_payload_straight_by_the_models_validator(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    env = Envelope(data=_event(), source="/members", traceparent=new_traceparent(), correlation_id="corr-9")
    as_text = env.header_map()

    def wrapper(*_: Any, **__: Any) -> UnitCreated:
        raise AssertionError("model_validate_json's wrapper, per event of a consumer's batch")

    texts: list[Any] = []
    built = uuid.UUID.__init__

    def parsed(self: uuid.UUID, *args: Any, **kwargs: Any) -> None:
        texts.extend(a for a in (*args, kwargs.get("hex")) if isinstance(a, str))
        built(self, *args, **kwargs)

    monkeypatch.setattr(UnitCreated, "model_validate_json", wrapper)
    monkeypatch.setattr(uuid.UUID, "__init__", parsed)  # the id's text is parsed by pydantic-core, not here
    forms = [as_text, MappingProxyType(as_text), env.headers()]
    for form in forms:
        back = decode(form, env.value(), catalogue())
        assert (back.data, back.id, back.time, back.source, back.traceparent, back.correlation_id) == (
            env.data, env.id, env.time, env.source, env.traceparent, env.correlation_id,
        )  # fmt: skip
    assert texts == []
    for spelling in (str(env.id).upper(), env.id.hex, f"{{{env.id}}}", f"urn:uuid:{env.id}"):
        assert decode({**as_text, "ce_id": spelling}, env.value(), catalogue()).id == env.id
    for wrong in (f" {env.id}", str(env.id)[:-1], ""):
        with pytest.raises(EnvelopeError, match="ce_id is not a UUID"):
            decode({**as_text, "ce_id": wrong}, env.value(), catalogue())
    assert as_text == env.header_map()  # read, not changed
    del as_text["ce_source"], as_text["ce_type"]
    with pytest.raises(EnvelopeError, match="missing CloudEvents headers: ce_source, ce_type"):
        decode(as_text, env.value(), catalogue())
