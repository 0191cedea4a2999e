"""A bank statement's events: each row's DonationRecorded JSON is exactly its model's, while the batch
validates and serialises one model, not one per row (a statement's events differ only in the donation,
its amount, its day and its receipt number)."""

from __future__ import annotations

import asyncio
import json
import uuid
from datetime import date, timedelta
from typing import Any

import pytest

from rc_donations.adapters.donations_repo import value_places
from rc_donations.domain.ledger import Ledger
from rc_donations.service_layer import statement
from rc_shared.events.donations import DonationRecorded

TODAY = date(2026, 11, 30)


def _ledger(closed: bool) -> Ledger:
    return Ledger(
        campaign_id=uuid.uuid4(),
        code="TEST",
        status="closed" if closed else "launched",
        organising_unit_id=uuid.uuid4(),
        participating_unit_ids=[],
        receiving_from=TODAY - timedelta(days=400),
        receiving_until=TODAY + timedelta(days=30),
        distribution_deadline=None,
        closed_on=TODAY if closed else None,
    )


ROWS: list[Any] = [
    {"bank_reference": "FT1", "received_on": str(TODAY), "amount_vnd": 1},
    {"bank_reference": "FT2", "received_on": "01/02/2026", "amount_vnd": "2.500.000"},
    "not an object",  # rejected: no event
    {"bank_reference": "FT3", "received_on": str(TODAY - timedelta(days=399)), "amount_vnd": 10**15},
    {"bank_reference": "FT4", "received_on": str(TODAY), "amount_vnd": 0},  # rejected
    {"bank_reference": "FT5", "received_on": str(TODAY - timedelta(days=1)), "amount_vnd": 999_999_999},
]


@pytest.mark.parametrize("closed", [False, True])
def test_each_rows_event_is_its_models_json_and_the_batch_builds_one_model(
    closed: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    built: list[DonationRecorded] = []

    class Counted(DonationRecorded):
        def __init__(self, **fields: Any) -> None:
            super().__init__(**fields)
            built.append(self)

    monkeypatch.setattr(statement, "DonationRecorded", Counted)
    ledger = _ledger(closed)
    prep = asyncio.run(statement._prepare(ledger, ROWS, TODAY, "donations"))
    valid = [c for c in prep.checked if isinstance(c, statement.statement.StatementRow)]
    assert [r.bank_reference for r in valid] == ["FT1", "FT2", "FT3", "FT5"]
    assert len(built) == 1  # one per row before
    for k, (row, did) in enumerate(zip(valid, prep.ids, strict=True)):
        receipt_no = 1000 + 7 * k
        payload = prep.heads[k] + str(receipt_no) + prep.tails[k]
        expected = DonationRecorded(
            campaign_id=ledger.campaign_id,
            donation_id=did,
            kind="cash",
            amount_vnd=row.amount_vnd,
            donor_type="anonymous",
            unit_id=ledger.organising_unit_id,
            channel="bank_transfer",
            received_on=row.received_on,
            receipt_no=receipt_no,
            recorded_after_close=closed,
        )
        assert payload == expected.model_dump_json()
        assert DonationRecorded.model_validate_json(payload) == expected
    # the other columns: each event its own id, its subject the campaign, its type and topic
    ids, topics, keys, types, headers = prep.outbox
    assert len(set(ids)) == len(valid) and set(keys) == {str(ledger.campaign_id)}
    assert set(types) == {DonationRecorded.event_type} and set(topics) == {DonationRecorded.topic}
    assert [json.loads(h)["ce_id"] for h in headers] == [str(i) for i in ids]


def test_a_statement_without_a_valid_row_has_no_event() -> None:
    prep = asyncio.run(statement._prepare(_ledger(False), ["x", {"bank_reference": ""}], TODAY, "donations"))
    assert (prep.ids, prep.heads, prep.tails, prep.outbox) == ([], [], [], [[], [], [], [], []])


def test_value_places_cut_an_events_json_around_the_fields_given_and_refuse_a_missing_one() -> None:
    pieces = value_places('{"a":"x","b":12,"c":null,"d":true}', ("a", "c"))
    assert pieces == ['{"a":', ',"b":12,"c":', ',"d":true}']
    with pytest.raises(ValueError, match="one e"):
        value_places('{"a":1}', ("e",))
