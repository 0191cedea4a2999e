"""The hash stored with an Idempotency-Key is of the request's canonical JSON (sorted keys, the stdlib's
separators, ASCII): a key resent after an upgrade must find the same hash, so the canonical text never
changes, however it is computed (the hashes below are those of the code before it was made cheaper). It
covers the fields each request model had in 1.6.0 (routes.HASHED_FIELDS): a field a later release adds
does not change it, and a pod of the previous release computes the same hash during a rollout."""

from __future__ import annotations

import hashlib
import json
import uuid
from typing import Any

import pytest
from pydantic import TypeAdapter

from rc_donations.entrypoints import schemas as s
from rc_donations.entrypoints.routes import HASHED_FIELDS, _idem

CAMPAIGN = uuid.UUID("0b7c1d9e-5f3a-4e2b-9c8d-7a6b5c4d3e2f")
BODIES: dict[str, tuple[dict[str, Any], str]] = {
    "cash": (
        {
            "kind": "cash",
            "amount_vnd": 250000,
            "channel": "bank_transfer",
            "received_on": "2026-11-30",
            "bank_reference": "FT26334000123",
            "donor": {
                "type": "individual",
                "name": "Nguyễn Văn An",
                "phone": "0912345678",
                "consent_to_be_named": True,
            },
        },
        "c8f7eff0055998c29856d012df0f8f0ecb39827075ebd7d4af5b0a7c0c0c0b19",
    ),
    "in kind": (
        {
            "kind": "in_kind",
            "received_on": "2026-11-30",
            "items": [{"item": "Gạo", "quantity": 100, "unit": "kg", "assessed_value_vnd": 2000000}],
            "donor": {"type": "organisation", "name": "Công ty TNHH Minh Phát"},
        },
        "c184358cafa76a1868a174a8eb5e3254cf77e9b70ca3ed1b8f200bb985f1ff01",
    ),
}


@pytest.mark.parametrize("case", BODIES)
def test_the_request_hash_is_that_of_the_canonical_json(case: str) -> None:
    raw, pinned = BODIES[case]
    body = TypeAdapter(s.DonationIn).validate_python(raw)
    idem = _idem("key-1", CAMPAIGN, body)
    assert idem is not None and idem.key == "key-1"
    canonical = json.dumps({"campaign_id": str(CAMPAIGN), "body": body.model_dump(mode="json")}, sort_keys=True)
    assert idem.request_hash == hashlib.sha256(canonical.encode()).hexdigest() == pinned


def test_no_key_no_hash() -> None:
    body = TypeAdapter(s.DonationIn).validate_python(BODIES["cash"][0])
    assert _idem(None, CAMPAIGN, body) is None


class CashDonationInLater(s.CashDonationIn):
    """The same request model, as a later release might give it one more optional field."""

    channel_detail: str | None = None


def test_a_field_added_later_does_not_change_the_hash() -> None:
    campaign = uuid.uuid4()
    body: dict[str, Any] = {"kind": "cash", "amount_vnd": 300_000, "channel": "cash", "received_on": "2026-05-01"}
    now, later = (
        _idem("k", campaign, s.CashDonationIn.model_validate(body)),
        _idem("k", campaign, CashDonationInLater.model_validate(body | {"channel_detail": "quầy số 2"})),
    )
    assert now is not None and later is not None and later.request_hash == now.request_hash
    changed = _idem("k", campaign, s.CashDonationIn.model_validate(body | {"amount_vnd": 300_001}))
    assert changed is not None and changed.request_hash != now.request_hash
    elsewhere = _idem("k", uuid.uuid4(), s.CashDonationIn.model_validate(body))
    assert elsewhere is not None and elsewhere.request_hash != now.request_hash  # another campaign
    assert _idem(None, campaign, s.CashDonationIn.model_validate(body)) is None


@pytest.mark.parametrize("model", list(HASHED_FIELDS), ids=lambda m: m.__name__)
def test_the_frozen_fields_are_the_models_own_so_today_the_whole_request_is_hashed(model: type[Any]) -> None:
    """Every field frozen is still the model's (a field renamed or removed would silently leave the hash),
    and every field of today's model is frozen (1.7.0 hashes what 1.6.0 did: a rollout's two releases agree).
    A field added later fails the second: leave it out of HASHED_FIELDS and name it in ``later`` here."""
    later: dict[type[Any], set[str]] = {}  # fields added after 1.6.0, never hashed
    fields = set(HASHED_FIELDS[model])
    assert fields == set(model.model_fields) - later.get(model, set())


def test_the_nested_frozen_fields_are_the_donors_and_the_goods_of_1_6() -> None:
    """The donor's and the goods' fields frozen are those 1.6.0 hashed, and each is still the model's."""
    donor_1_6 = {"type", "id", "name", "phone", "id_number", "birth_date", "consent_to_be_named"}
    item_1_6 = {"item", "quantity", "unit", "assessed_value_vnd"}
    for model in (s.CashDonationIn, s.InKindDonationIn, s.BloodDonationIn, s.PledgeIn):
        assert set(HASHED_FIELDS[model]["donor"]) == donor_1_6 <= set(s.DonorIn.model_fields)
    assert HASHED_FIELDS[s.InKindDonationIn]["items"] == {"__all__": item_1_6}
    assert item_1_6 <= set(s.ItemIn.model_fields)
    # every keyed request's model (the donation kinds, a pledge, a distribution) has its fields frozen
    assert set(HASHED_FIELDS) == {s.CashDonationIn, s.InKindDonationIn, s.BloodDonationIn, s.PledgeIn, s.DistributionIn}
