"""Use cases of beneficiaries: register (deduplicated), verify, sponsor, list, public list."""

from __future__ import annotations

import uuid
from datetime import date
from typing import Any

from rc_campaigns.domain.beneficiaries import (
    BeneficiaryFilter,
    DedupKey,
    DuplicateBeneficiary,
    Sponsorship,
    contact_key,
    normalise_name,
)
from rc_campaigns.service_layer.campaigns import require as require_campaign
from rc_campaigns.service_layer.policy import Policy
from rc_campaigns.service_layer.unit_of_work import BeneficiaryRepo, CampaignRepo, CampaignsUnitOfWork
from rc_shared.auth import Forbidden
from rc_shared.errors import Conflict, Invalid, NotFound
from rc_shared.events.campaigns import BeneficiaryEnrolled, BeneficiaryRegistered, BeneficiaryVerified, SponsorPaired
from rc_shared.uow import columns

ERASED_LABEL = "(ẩn danh theo yêu cầu)"  # the public list's name of a beneficiary whose data was erased
UNNAMED_LABEL = "(không công bố tên)"  # the public list's name of one who did not consent to its publication
# Fields that identify a person or describe their health: never in events, never on the public list.
PERSONAL_FIELDS = ("full_name", "id_number", "address", "situation", "notes")


async def require(repo: BeneficiaryRepo, beneficiary_id: uuid.UUID, *, for_update: bool = False) -> Any:
    row = await repo.get(beneficiary_id, for_update=for_update)
    if row is None:
        raise NotFound(f"beneficiary {beneficiary_id} not found", beneficiary_id=str(beneficiary_id))
    return row


async def register(uow: CampaignsUnitOfWork, policy: Policy, fields: dict[str, Any]) -> uuid.UUID:
    repo = uow.beneficiaries
    consent = fields["consent"]
    if consent["given_on"] > policy.today():
        raise Invalid("consent.given_on is in the future: consent must be given before registration", field="consent")
    if fields["kind"] == "person" and fields.get("household_size") not in (None, 1):
        raise Invalid("a person's household_size must be 1 or absent", field="household_size")
    if fields.get("campaign_id") is not None:
        c = await uow.campaigns.get(fields["campaign_id"])
        if c is None:
            raise Invalid(f"campaign {fields['campaign_id']} does not exist", field="campaign_id")
        if c.state in ("settled", "cancelled"):
            raise Conflict(f"campaign {c.id} is {c.state}: no more beneficiaries can join it", state=c.state)
    key = DedupKey.of(
        fields["kind"], fields["unit_id"], fields["full_name"], fields["address"], fields.get("id_number")
    )
    dup = await repo.find_duplicate(key)
    if dup is not None:
        raise DuplicateBeneficiary(*dup)  # the entrypoint names it only to a caller who may read it
    beneficiary_id = uuid.uuid4()
    await repo.add(
        beneficiary_id,
        key,
        {
            **fields,
            "consent_purpose": consent["purpose"],
            "consent_given_on": consent["given_on"],
            "consent_to_publish": consent.get("publish_name", False),
        },
    )
    uow.emit(
        BeneficiaryRegistered(
            beneficiary_id=beneficiary_id,
            kind=fields["kind"],
            unit_id=fields["unit_id"],
            campaign_id=fields.get("campaign_id"),
            humanitarian_address=fields.get("humanitarian_address", False),
            household_size=fields.get("household_size"),
        )
    )
    return beneficiary_id


async def enrol(uow: CampaignsUnitOfWork, policy: Policy, beneficiary_id: uuid.UUID, campaign_id: uuid.UUID) -> bool:
    """Enrol a beneficiary registered before (for another campaign, or none) in ``campaign_id`` too: one
    household, one record, supported by each appeal that takes it on; its verification stands. False (and no
    event) when it already was, by its registration or an enrolment. 404 for an unknown campaign, 409 for one
    settled or cancelled, or a record whose personal data was erased."""
    repo = uow.beneficiaries
    row = await require(repo, beneficiary_id, for_update=True)
    _not_erased(row)
    c = await uow.campaigns.get(campaign_id)
    if c is None:
        raise NotFound(f"campaign {campaign_id} not found", campaign_id=str(campaign_id))
    if c.state in ("settled", "cancelled"):
        raise Conflict(f"campaign {c.id} is {c.state}: no more beneficiaries can join it", state=c.state)
    if row["campaign_id"] == campaign_id or not await repo.enrol(beneficiary_id, campaign_id, policy.today()):
        return False
    uow.emit(
        BeneficiaryEnrolled(
            beneficiary_id=beneficiary_id,
            kind=row["kind"],
            unit_id=row["unit_id"],
            campaign_id=campaign_id,
            enrolled_on=policy.today(),
            humanitarian_address=row["humanitarian_address"],
            household_size=row["household_size"],
        )
    )
    return True


def _not_erased(row: Any) -> None:
    if row["erased_at"] is not None:
        raise Conflict(
            f"beneficiary {row['id']}'s personal data was erased at their request: the record takes no change",
            erased=True,
        )


IDENTITY = ("full_name", "id_number", "address")  # who the record is: a verified one's is the verifier's


async def correct(
    uow: CampaignsUnitOfWork, beneficiary_id: uuid.UUID, changes: dict[str, Any], *, may_verify: bool
) -> None:
    """A correction of the personal details (the data subject's right): checked against the other records
    as a registration is (one household, one record: 409 naming the other when in the caller's scope). Who
    a verified record is (name, identity number, address) is corrected only by a role that may verify:
    otherwise support could go to someone nobody verified."""
    repo = uow.beneficiaries
    row = await require(repo, beneficiary_id, for_update=True)
    _not_erased(row)
    if row["verified_on"] is not None and not may_verify and any(changes.get(k, row[k]) != row[k] for k in IDENTITY):
        raise Forbidden(
            f"beneficiary {beneficiary_id} was verified: its name, identity number and address are corrected by a"
            " role that may verify (unit manager)"
        )
    changes = dict(changes)
    publish = changes.pop("publish_name", None)  # (the consent to publish the name: not who the record is)
    fields = {k: row[k] for k in ("full_name", "id_number", "address", "commune", "situation", "notes")}
    fields |= {k: ("" if v is None and k in ("situation", "notes") else v) for k, v in changes.items()}
    key = DedupKey.of(row["kind"], row["unit_id"], fields["full_name"], fields["address"], fields["id_number"])
    if any(fields[k] != row[k] for k in IDENTITY):
        dup = await repo.find_duplicate(key, other_than=beneficiary_id)
        if dup is not None:
            raise DuplicateBeneficiary(*dup)
    else:
        # who the record is stays: its keys too (a household registered twice before the keys placed tones
        # by one convention, migration 0010, still takes its notes, its situation and its consent)
        key = DedupKey(row["kind"], row["unit_id"], row["name_key"], row["address_key"], row["id_number"])
    await repo.correct(beneficiary_id, key, fields)
    if publish is not None:
        await repo.consent_to_publish(beneficiary_id, bool(publish))


async def erase(uow: CampaignsUnitOfWork, beneficiary_id: uuid.UUID) -> bool:
    """Erase a beneficiary's personal data (Law 91/2025); the record, its commune and the support it received
    stay (distributions and reports count them; the public list shows it unnamed). False: erased before."""
    await require(uow.beneficiaries, beneficiary_id, for_update=True)
    return await uow.beneficiaries.erase(beneficiary_id)


async def verify(
    uow: CampaignsUnitOfWork, policy: Policy, beneficiary_id: uuid.UUID, verified_by: str, verified_on: date
) -> None:
    repo = uow.beneficiaries
    row = await require(repo, beneficiary_id, for_update=True)
    _not_erased(row)
    if row["verified_on"] is not None:
        raise Conflict(
            f"beneficiary {beneficiary_id} was already verified on {row['verified_on'].isoformat()}",
            verified_on=row["verified_on"],
        )
    if verified_on > policy.today():
        raise Invalid("verified_on is in the future", field="verified_on")
    if verified_on < row["consent_given_on"]:
        raise Invalid(
            f"verified_on ({verified_on.isoformat()}) is before consent was given "
            f"({row['consent_given_on'].isoformat()})",
            field="verified_on",
        )
    await repo.verify(beneficiary_id, verified_by, verified_on)
    uow.emit(BeneficiaryVerified(beneficiary_id=beneficiary_id, unit_id=row["unit_id"], verified_on=verified_on))


async def add_sponsorship(
    uow: CampaignsUnitOfWork, beneficiary_id: uuid.UUID, fields: dict[str, Any]
) -> dict[str, Any]:
    repo = uow.beneficiaries
    row = await require(repo, beneficiary_id, for_update=True)
    _not_erased(row)
    if not row["humanitarian_address"]:
        raise Conflict(
            f"beneficiary {beneficiary_id} is not a humanitarian address: only those are paired with sponsors",
            humanitarian_address=False,
        )
    if row["verified_on"] is None:
        raise Conflict(f"beneficiary {beneficiary_id} is not verified yet: verify before pairing a sponsor")
    start_on, end_on = fields["start_on"], fields.get("end_on")
    if end_on is not None and end_on < start_on:
        raise Invalid(f"end_on ({end_on.isoformat()}) is before start_on ({start_on.isoformat()})", field="end_on")
    sponsor_id = await repo.sponsor_id(
        fields["sponsor_type"],
        fields["sponsor_name"],
        normalise_name(fields["sponsor_name"]),
        fields["sponsor_contact"],
        contact_key(fields["sponsor_contact"]),
    )
    clash = await repo.overlapping_sponsorship(beneficiary_id, sponsor_id, start_on, end_on)
    if clash is not None:
        raise Conflict(
            f"this sponsor already sponsors beneficiary {beneficiary_id} in an overlapping period"
            f" (sponsorship {clash})",
            sponsorship_id=str(clash),
        )
    sponsorship_id = uuid.uuid4()
    await repo.add_sponsorship(
        Sponsorship(sponsorship_id, beneficiary_id, sponsor_id, start_on, end_on, fields["commitment"])
    )
    uow.emit(
        SponsorPaired(
            beneficiary_id=beneficiary_id,
            sponsorship_id=sponsorship_id,
            sponsor_id=sponsor_id,
            sponsor_type=fields["sponsor_type"],
            unit_id=row["unit_id"],
            start_on=start_on,
            end_on=end_on,
        )
    )
    return {"id": sponsorship_id, "sponsor_id": sponsor_id, "beneficiary_id": beneficiary_id}


_AS_STORED = (  # the columns a beneficiary view shows as they are
    "id",
    "kind",
    "unit_id",
    "full_name",
    "id_number",
    "address",
    "commune",
    "household_size",
    "situation",
    "notes",
    "humanitarian_address",
    "campaign_id",
)


def _view(row: Any) -> dict[str, Any]:
    return {
        **columns(row, *_AS_STORED),
        "consent": {
            "purpose": row["consent_purpose"],
            "given_on": row["consent_given_on"],
            "publish_name": row["consent_to_publish"],
        },
        "verified": row["verified_on"] is not None,
        "verified_by": row["verified_by"],
        "verified_on": row["verified_on"],
        "erased": row["erased_at"] is not None,
    }


async def get(repo: BeneficiaryRepo, beneficiary_id: uuid.UUID) -> dict[str, Any]:
    row = await require(repo, beneficiary_id)
    view = _view(row)
    view["support_received"] = await repo.support_received(beneficiary_id)
    view["sponsorships"] = [dict(r) for r in await repo.sponsorships(beneficiary_id)]
    view["enrolled_campaign_ids"] = await repo.campaigns_of(beneficiary_id)
    return view


async def list_beneficiaries(
    repo: BeneficiaryRepo, where: BeneficiaryFilter, limit: int, offset: int
) -> list[dict[str, Any]]:
    rows = await repo.search(where, limit, offset)
    return [_view(r) for r in rows]


async def public_list(campaigns: CampaignRepo, repo: BeneficiaryRepo, campaign_id: uuid.UUID) -> list[dict[str, Any]]:
    """Decree 93 disclosure, minimised: name, commune and support received; nothing else. Those supported
    and the verified registrants of a campaign that has been called (a draft's list is not public yet); a
    registration not yet verified names no one (it may be refused)."""
    c = await require_campaign(campaigns, campaign_id)
    if c.state == "draft":
        return []
    rows = await repo.public_list(campaign_id)
    return [
        {
            "name": ERASED_LABEL
            if r["full_name"] is None
            else r["full_name"]
            if r["consent_to_publish"]
            else UNNAMED_LABEL,
            "commune": r["commune"],
            "support_received_vnd": int(r["cash_vnd"]) + int(r["goods_value_vnd"]),
            "cash_vnd": int(r["cash_vnd"]),
            "goods_value_vnd": int(r["goods_value_vnd"]),
        }
        for r in rows
    ]
