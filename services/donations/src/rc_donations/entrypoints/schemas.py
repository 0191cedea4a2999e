"""Request bodies of the donations API: every constraint here answers 422 with the field at fault."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, field_validator, model_validator

from rc_donations.domain.ledger import MAX_VND
from rc_shared.api import TRIMMED, WHOLE, IdNumber, OffsetPage, Out, PatchBody, Phone, not_null, patch_schema
from rc_shared.dates import IsoOnly, bounds
from rc_shared.events.campaigns import CallDocument, ReceivingPoint, SupportLevel
from rc_shared.support import SUPPORT_KIND_PATTERN

MIN_DAY = date(2000, 1, 1)
MAX_DAY = date(2100, 12, 31)

Money = Annotated[int, Field(strict=True, gt=0, le=MAX_VND, description="Whole VND (an integer), 1 to 10^15."), WHOLE]
Day = Annotated[date, bounds(MIN_DAY, MAX_DAY), IsoOnly]
Name = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200), TRIMMED]
Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=500), TRIMMED]
Reason = Annotated[str, StringConstraints(strip_whitespace=True, min_length=3, max_length=500), TRIMMED]
BankRef = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=100), TRIMMED]
SupportKind = Annotated[str, StringConstraints(pattern=SUPPORT_KIND_PATTERN)]
Channel = Literal["bank_transfer", "cash", "momo", "zalopay", "vnpay", "card", "cash_box", "other"]


class _In(BaseModel):
    model_config = ConfigDict(extra="forbid")


class DonorIn(_In):
    """Who gave. Personal data stays in this service; events carry an opaque donor id."""

    type: Literal["individual", "organisation", "anonymous"]
    id: uuid.UUID | None = Field(None, description="An existing donor (instead of name/phone/id_number).")
    name: Name | None = None
    phone: Phone | None = None
    id_number: IdNumber | None = Field(
        None,
        description="CCCD / tax code; used to recognise a returning donor: an individual only under a name of "
        "theirs (accents, case and spaces aside, the same name, or one of two words or more all among the other's, "
        "beginning with the same family name and ending with the same given name: 'Mai Lan' is 'Mai Thị Lan', 'Thị "
        "Lan' is nobody's), another name being a 409 naming donor.id_number; an organisation whatever its name is "
        "written as.",
    )
    birth_date: Annotated[date, bounds(date(1900, 1, 1), MAX_DAY), IsoOnly] | None = None
    consent_to_be_named: bool = Field(
        False,
        strict=True,
        description="May the donor be named publicly with this gift? The public ledger names the donor on"
        " a gift given with consent, while the donor's consent stands: true gives a returning donor's consent"
        " (unless the donor withdrew it through PUT /donors/{id}/consent, which only that operation undoes);"
        " false leaves the donor's earlier consented gifts named.",
    )

    @model_validator(mode="after")
    def _rules(self) -> DonorIn:
        if self.type == "anonymous":
            if any(v is not None for v in (self.id, self.name, self.phone, self.id_number, self.birth_date)):
                raise ValueError("an anonymous donor carries no identity (no id, name, phone, id_number, birth_date)")
            if self.consent_to_be_named:
                raise ValueError("an anonymous donor cannot consent to be named")
        elif self.id is None and self.name is None:
            raise ValueError(f"name is required for an {self.type} donor (or give the id of a known donor)")
        return self


class _DonationIn(_In):
    received_on: Day = Field(
        description="The day the gift was received (a transfer: the day it was credited), in the organisation's time"
        " zone (RC_TIMEZONE, Asia/Ho_Chi_Minh by default): not after today there (422; a gateway whose clock is"
        " ahead of it near midnight should send it again a little later), and within the campaign's receiving"
        " period (409; a gift dated up to the close day is still taken after a close)."
    )
    donor: DonorIn | None = Field(None, description="Absent: an anonymous gift.")
    unit_id: uuid.UUID | None = Field(None, description="Receiving unit (default: the organising unit).")
    credited_unit_id: uuid.UUID | None = Field(None, description="Soft credit: the unit that mobilised the gift.")
    credited_person_id: uuid.UUID | None = Field(None, description="Soft credit: the person who mobilised it.")
    description: Text | None = None


class CashDonationIn(_DonationIn):
    kind: Literal["cash"]
    amount_vnd: Money
    channel: Channel
    bank_reference: BankRef | None = Field(
        None,
        description="Unique per campaign among the gifts not voided: a resubmission returns the original; once "
        "the original is voided, the same reference records a new gift (the transfer keyed again). Kept without "
        "spaces, in capitals (ft 26001 and FT26001 are one transfer), as a bank statement's row is.",
    )
    pledge_id: uuid.UUID | None = Field(None, description="The pledge this payment is an instalment of.")


class ItemIn(_In):
    item: Name
    quantity: Annotated[int, WHOLE] = Field(strict=True, gt=0, le=10**9)
    unit: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=30), TRIMMED]
    assessed_value_vnd: Money


class InKindDonationIn(_DonationIn):
    kind: Literal["in_kind"]
    items: list[ItemIn] = Field(min_length=1, max_length=500)
    channel: Literal["in_person", "delivery", "other"] = "in_person"


class BloodDonationIn(_DonationIn):
    kind: Literal["blood"]
    units: Annotated[int, WHOLE] = Field(strict=True, ge=1, le=4)
    blood_kind: Literal["whole_blood", "apheresis"]
    donor: DonorIn

    @model_validator(mode="after")
    def _individual(self) -> BloodDonationIn:
        if self.donor.type != "individual":
            raise ValueError("a blood donor must be an identified individual")
        return self


DonationIn = Annotated[CashDonationIn | InKindDonationIn | BloodDonationIn, Field(discriminator="kind")]


class ReversalIn(_In):
    reason: Reason


class DonationReversalIn(ReversalIn):
    blood_drawn: bool | None = Field(
        None,
        strict=True,
        description="Required for a blood gift's reversal (a 422 naming it when missing), refused for any other "
        "gift's: true when the unit was drawn from the donor and then discarded (after testing, spoiled): the donor "
        "gave it, so it still counts in their interval between donations (84 days after whole blood) and the age "
        "checks; false when this record was made in error (the wrong donor, units, kind or day; entered twice), so "
        "that the gift recorded again in its place is not refused by it.",
    )


class DistributionReversalIn(ReversalIn):
    reversed_on: Day | None = Field(
        None,
        description="The day the correction takes effect, from the distribution's day to today (default: today). "
        "The distribution's own day when it was recorded in error (the wrong household, the wrong amount): the "
        "one recorded in its place, on the day it was really made, is then not refused for the balance the wrong "
        "record held until today. The reversal's own record keeps when it was made.",
    )


class DistributionIn(_In):
    beneficiary_id: uuid.UUID
    kind: Literal["cash", "goods"]
    amount_vnd: Money | None = Field(None, description="Cash given (kind cash).")
    value_vnd: Money | None = Field(None, description="Value of the goods given (kind goods).")
    distributed_on: Day
    unit_id: uuid.UUID | None = Field(None, description="Distributing unit (default: the organising unit).")
    description: Text | None = Field(
        None, description="The purpose, published on the public ledger (digit runs masked): never a beneficiary's name."
    )
    support_level: Name | None = Field(
        None, description="The support level of the campaign's policy this gift applies (published)."
    )
    decision_no: Name | None = Field(None, description="Number of the distribution decision (published).")
    support_kind: SupportKind | None = Field(
        None, description="Kind of support, a code of the configured catalogue (RC_SUPPORT_KINDS)."
    )
    quantity: Annotated[int, Field(strict=True, ge=1, le=1_000_000), WHOLE] | None = Field(
        None, description="How many of support_kind (default 1 with a support kind)."
    )
    people_reached: Annotated[int, Field(strict=True, ge=0, le=10_000_000), WHOLE] | None = Field(
        None, description="Person-times supported by this distribution."
    )

    @model_validator(mode="after")
    def _amount(self) -> DistributionIn:
        if self.kind == "cash" and (self.amount_vnd is None or self.value_vnd is not None):
            raise ValueError("a cash distribution needs amount_vnd (and no value_vnd)")
        if self.kind == "goods" and (self.value_vnd is None or self.amount_vnd is not None):
            raise ValueError("a goods distribution needs value_vnd (and no amount_vnd)")
        if self.quantity is not None and self.support_kind is None:
            raise ValueError("quantity counts a support kind: give support_kind as well")
        return self

    @property
    def vnd(self) -> int:
        v = self.amount_vnd if self.kind == "cash" else self.value_vnd
        assert v is not None
        return v


class PledgeIn(_In):
    donor: DonorIn | None = None
    amount_vnd: Money
    instalments: Annotated[int, WHOLE] = Field(strict=True, ge=1, le=120)
    first_due_on: Day
    interval_days: Annotated[int, WHOLE] = Field(30, strict=True, ge=1, le=366)
    unit_id: uuid.UUID | None = None


class ImportBatchIn(_In):
    import_id: uuid.UUID = Field(
        description="The import (one id per run of an importer with several requests in flight)."
    )
    batch_no: Annotated[int, Field(strict=True, ge=0, le=1_000_000), WHOLE] = Field(
        description="This batch's number in the import: 0, 1, 2, ... in the file's order. A batch sent again "
        "after it committed answers its rows as duplicates."
    )


class StatementIn(_In):
    rows: list[Any] = Field(
        min_length=1,
        max_length=5000,
        description="Rows {bank_reference, received_on, amount_vnd, payer_name?, description?}; each row is "
        "checked on its own (created | duplicate | rejected with a reason).",
    )
    import_batch: ImportBatchIn | None = Field(
        None,
        description="This request's place in an import sent with several requests in flight: the batch numbers "
        "its rows only once the batch before it in the same import has committed, so the receipts follow the "
        "order of the batches whichever replica answers (a batch out of its turn waits, then 503 with "
        "Retry-After). Without it, rows are numbered as they come.",
    )


# ------------------------------------------------------------------ responses

DonationKind = Literal["cash", "in_kind", "blood"]
LedgerStatus = Literal["launched", "closed", "cancelled", "settled"]


class ItemOut(Out):
    item: str
    quantity: int
    unit: str
    assessed_value_vnd: int


_SEEN_REASON = (
    " To a read-only role, as the reversal's event publishes it: a blood gift's withheld (health data), any other's"
    " with its phone, identity and account numbers masked."
)


class ReversalOut(Out):
    id: uuid.UUID
    reason: str = Field(description="Why the movement was reversed." + _SEEN_REASON)
    reversed_on: date


class _GiftOut(Out):
    """What a donation's views share."""

    id: uuid.UUID
    campaign_id: uuid.UUID
    kind: DonationKind
    amount_vnd: int
    value_vnd: int
    blood_units: int


class DonationOut(_GiftOut):
    blood_kind: Literal["whole_blood", "apheresis"] | None
    items: list[ItemOut] | None
    donor_id: uuid.UUID | None = Field(
        description="Opaque donor id; null: anonymous (and a blood gift's, to a read-only role)."
    )
    donor_type: str
    publicly_named: bool = Field(
        description="The consent to be named given with this gift, as recorded. The public ledger names the"
        " donor only while the donor's own consent also stands (PUT /donors/{id}/consent withdraws it for"
        " every gift) and the donor is not erased: this flag alone does not say the name is shown today."
    )
    unit_id: uuid.UUID
    credited_unit_id: uuid.UUID | None
    credited_person_id: uuid.UUID | None
    pledge_id: uuid.UUID | None
    channel: str
    bank_reference: str | None
    description: str | None
    received_on: date
    receipt_no: int
    receipt_number: str
    recorded_after_close: bool
    reversed: bool
    reversal: ReversalOut | None
    created_at: datetime


class DonationsPageOut(OffsetPage[DonationOut]):
    next_after: int | None = Field(
        description="Pass as after= for the next page (the last receipt number here), given when this page is full "
        "(the next may then be empty); null: a page shorter than limit, the last. Give after or offset, not both."
    )


class ReceiptOut(Out):
    receipt_number: str
    receipt_no: int
    campaign_id: uuid.UUID
    campaign_code: str
    campaign_name: str
    donation_id: uuid.UUID
    received_on: date
    kind: DonationKind
    amount_vnd: int
    value_vnd: int
    blood_units: int
    items: list[ItemOut] | None
    channel: str
    bank_reference: str | None
    received_from: str = Field(description="The donor's name, the payer's, or the anonymous label.")
    unit_id: uuid.UUID
    issued_on: date = Field(
        description="The day the receipt was made: the day the contribution was recorded, in the organisation's "
        "time zone (the same on every print; a reprint is not a new receipt)."
    )
    void: bool
    void_reason: str | None = Field(description="Why the gift was voided (null: not voided)." + _SEEN_REASON)


class DonationReversedOut(Out):
    reversal_id: uuid.UUID
    donation_id: uuid.UUID
    reason: str
    reversed_on: date
    blood_drawn: bool | None = Field(
        description="A blood gift's: whether its blood was drawn (it still counts in the donor's interval); null for "
        "any other gift."
    )


class StatementRowOut(Out):
    index: int
    bank_reference: str | None
    status: Literal["created", "duplicate", "rejected"]
    donation_id: uuid.UUID | None = None
    receipt_no: int | None = None
    recorded_after_close: bool | None = None
    reason: str | None = None


class StatementOut(Out):
    campaign_id: uuid.UUID
    rows: int
    created: int
    duplicate: int
    rejected: int
    created_amount_vnd: int
    duplicate_amount_vnd: int
    results: list[StatementRowOut]


class InstalmentOut(Out):
    number: int
    due_on: date
    amount_vnd: int
    paid_vnd: int
    status: Literal["paid", "overdue", "due", "upcoming"]


class PledgeOut(Out):
    id: uuid.UUID
    campaign_id: uuid.UUID
    donor_id: uuid.UUID | None
    donor_type: str
    unit_id: uuid.UUID
    pledged_vnd: int
    paid_vnd: int
    outstanding_vnd: int
    due_now_vnd: int
    payments: int = Field(description="Payments made against the pledge (reversed ones excluded).")
    instalments_count: int
    interval_days: int
    first_due_on: date
    fulfilled: bool
    instalments: list[InstalmentOut]


class DistributionOut(Out):
    id: uuid.UUID
    campaign_id: uuid.UUID
    beneficiary_id: uuid.UUID
    kind: Literal["cash", "goods"]
    amount_vnd: int
    value_vnd: int
    unit_id: uuid.UUID
    distributed_on: date
    description: str | None
    support_level: str | None = None
    decision_no: str | None = None
    support_kind: str | None
    quantity: int | None
    people_reached: int | None
    reversed: bool
    reversal: ReversalOut | None
    created_at: datetime


class DistributionsPageOut(OffsetPage[DistributionOut]):
    next_after: int | None = Field(
        default=None,  # (absent from a 1.6 service's answer: a client reads it as null)
        description="With after=: pass as after= for the next page (the last ledger line here), given when this "
        "page is full (the next may then be empty); null: a page shorter than limit, the last, or a page read by "
        "offset. Give after or offset, not both.",
    )


class DistributionReversedOut(Out):
    reversal_id: uuid.UUID
    distribution_id: uuid.UUID
    reason: str
    reversed_on: date


class CashTotalsOut(Out):
    received_vnd: int
    reversed_vnd: int
    net_received_vnd: int
    distributed_vnd: int
    distribution_reversed_vnd: int
    net_distributed_vnd: int
    balance_vnd: int


class InKindTotalsOut(Out):
    received_value_vnd: int
    reversed_value_vnd: int
    net_received_value_vnd: int
    distributed_value_vnd: int
    distribution_reversed_value_vnd: int
    net_distributed_value_vnd: int
    balance_value_vnd: int


class BloodTotalsOut(Out):
    units: int
    reversed_units: int
    net_units: int


class DonationCountsOut(Out):
    count: int
    cash: int
    in_kind: int
    blood: int
    reversed: int


class DonorCountsOut(Out):
    count: int
    identified: int
    anonymous_gifts: int
    note: str


class PledgeTotalsOut(Out):
    count: int
    pledged_vnd: int
    paid_vnd: int
    outstanding_vnd: int


class DistributionCountsOut(Out):
    count: int
    beneficiaries: int


class TargetOut(Out):
    target: str
    target_value: int
    reached_value: int
    reached: bool


class SoftCreditOut(Out):
    credited_unit_id: uuid.UUID | None
    credited_person_id: uuid.UUID | None
    donations: int
    amount_vnd: int
    value_vnd: int
    blood_units: int


class LedgerOut(Out):
    campaign_id: uuid.UUID
    code: str
    name: str
    campaign_type: str
    status: LedgerStatus
    organising_unit_id: uuid.UUID
    receiving_from: date
    receiving_until: date
    distribution_deadline: date | None
    closed_on: date | None
    settled_on: date | None
    receipts_issued: int
    cash: CashTotalsOut
    in_kind: InKindTotalsOut
    blood: BloodTotalsOut
    donations: DonationCountsOut
    donors: DonorCountsOut
    pledges: PledgeTotalsOut
    distributions: DistributionCountsOut
    targets: list[TargetOut]
    soft_credits: list[SoftCreditOut]
    soft_credits_note: str


class PublicTotalsOut(Out):
    cash_received_vnd: int
    in_kind_received_value_vnd: int
    blood_units: int
    cash_distributed_vnd: int
    goods_distributed_value_vnd: int
    cash_balance_vnd: int
    goods_balance_value_vnd: int


class PublicItemOut(Out):
    item: str = Field(description="What the goods are, as staff wrote it, phone-, identity- and account-like "
                      "numbers masked.")  # fmt: skip
    quantity: int
    unit: str = Field(description="The unit of the quantity, masked as the item is.")


class PublicContributionOut(Out):
    receipt_no: int
    received_on: date
    kind: DonationKind
    amount_vnd: int
    value_vnd: int
    items: list[PublicItemOut]
    channel: str
    donor: str = Field(description="The donor's name with consent, else the anonymous label.")
    reversed: bool


class PublicDistributionOut(Out):
    distributed_on: date
    beneficiary_id: uuid.UUID = Field(
        description="The recipient as a random pseudonym: the same for every distribution of this campaign to "
        "them, another in each campaign (one household's support cannot be followed across campaigns); not "
        "the campaigns service's beneficiary id, nor computed from it."
    )
    kind: Literal["cash", "goods"]
    amount_vnd: int
    value_vnd: int
    unit_id: uuid.UUID
    reversed: bool


class PublicLedgerOut(Out):
    campaign_id: uuid.UUID
    code: str
    name: str
    status: LedgerStatus
    receiving_from: date
    receiving_until: date
    distribution_deadline: date | None
    totals: PublicTotalsOut
    limit: int
    offset: int
    contributions_total: int
    contributions: list[PublicContributionOut]
    distributions_total: int
    distributions: list[PublicDistributionOut]


class LedgerLineOut(Out):
    """One movement of the public ledger (Decree 93/2021 Art. 14)."""

    id: uuid.UUID = Field(description="Stable line id: the id of the donation, reversal or distribution.")
    line_no: int = Field(description="Position in the campaign's ledger (1 = the first movement); the cursor.")
    movement: Literal["donation", "donation_reversal", "distribution", "distribution_reversal"]
    direction: Literal["in", "out"] = Field(description="in: adds to the balances; out: takes from them.")
    kind: Literal["cash", "in_kind", "blood", "goods"]
    on: date = Field(description="Date received, reversed or distributed.")
    recorded_at: datetime
    amount_vnd: int = Field(description="Cash moved (0 for goods and blood).")
    value_vnd: int = Field(description="Assessed value of the goods moved.")
    blood_units: int
    cash_balance_vnd: int = Field(description="Cash balance after this line.")
    goods_balance_vnd: int = Field(description="Value of goods held after this line.")
    channel: str | None
    reference: str | None = Field(
        description="Receipt number of a gift (and of its reversal); decision number of a distribution. None on "
        "the reversal line of a blood gift (a unit voided is often a test result: whoever held the receipt could "
        "tell)."
    )
    donor: str | None = Field(
        description="A gift's donor: the name only when the gift was given with consent to be named and the donor "
        "still consents and is not erased, never a blood donor's; else the anonymous label."
    )
    unit_id: uuid.UUID | None = Field(
        description="Receiving unit of a gift; the beneficiaries' commune of a distribution."
    )
    unit: str | None = Field(description="That unit's name.")
    beneficiary_kind: str | None = Field(description="A distribution's beneficiary group (never a beneficiary).")
    support_level: str | None
    items: list[PublicItemOut]
    note: str | None = Field(
        description="The transfer note or a gift reversal's reason (only for a named donor), or a distribution's "
        "purpose; never a distribution reversal's reason (it names who was recorded by mistake). Digit runs that "
        "look like phone, ID or account numbers are masked."
    )


class LedgerLinesOut(Out):
    campaign_id: uuid.UUID
    as_of: datetime | None = Field(description="When the newest line was written (None: no movement yet).")
    last_line_no: int = Field(description="Number of the newest line of the campaign (all lines, unfiltered).")
    count: int = Field(description="Lines in this answer.")
    items: list[LedgerLineOut]
    next_after: int | None = Field(
        description="Pass as after= for the next (older) page; None: this is the last. A search for a common "
        "name fragment or reference end reads a bounded run of lines per page: its page may hold fewer lines "
        "than limit, none even, and still have a next_after."
    )


class PublicTargetOut(Out):
    target: str
    target_value: int
    reached_value: int
    percent: int = Field(description="Progress in whole percent, truncated (99.6: 99), over 100 when exceeded.")


class PublicDonorsOut(Out):
    count: int = Field(description="Identified donors once each, plus each anonymous gift.")
    identified: int
    anonymous_gifts: int


class BeneficiaryGroupOut(Out):
    """Beneficiaries of live distributions, counted per commune and support level (never named)."""

    unit_id: uuid.UUID
    unit: str | None
    support_level: str | None
    beneficiaries: int
    amount_vnd: int
    value_vnd: int


class DailyFlowOut(Out):
    """A day's money and goods received and distributed; a reversal counts against what it reverses on the
    day it is recorded (so a day with only a reversal has a negative figure). Summed over the days: the
    summary's received and distributed totals."""

    on: date
    cash_in_vnd: int = Field(description="Cash donations recorded that day, less the cash donations reversed.")
    cash_out_vnd: int = Field(description="Cash distributed that day, less the cash distributions reversed.")
    goods_in_vnd: int = Field(description="Goods received that day (assessed value), less those reversed.")
    goods_out_vnd: int = Field(description="Goods distributed that day (value), less those reversed.")


class PublicLedgerSummaryOut(Out):
    """The public ledger's header and Decree 93/2021 Art. 14 blocks."""

    campaign_id: uuid.UUID
    code: str
    name: str
    campaign_type: str
    status: LedgerStatus
    organising_unit: str | None
    receiving_from: date
    receiving_until: date
    distribution_deadline: date | None
    closed_on: date | None = Field(description="The day receiving ended (a close, or a cancellation).")
    settled_on: date | None = Field(description="The day the campaign's accounts were settled.")
    remainder_note: str | None = Field(
        description="What the settlement does with what was left undistributed (the decision that allots it), "
        "phone, identity and account numbers masked; null: nothing said (nothing left, or settled before "
        "this was published)."
    )
    as_of: datetime | None = Field(description="When the newest movement was written.")
    last_line_no: int
    totals: PublicTotalsOut
    donors: PublicDonorsOut
    targets: list[PublicTargetOut]
    disclosure_version: int = Field(description="Version of the campaigns service's disclosure shown (0: none yet).")
    call_documents: list[CallDocument]
    support_policy: str | None
    support_levels: list[SupportLevel]
    receiving_points: list[ReceivingPoint]
    beneficiaries: list[BeneficiaryGroupOut]
    daily: list[DailyFlowOut] = Field(
        description="Cash and goods in and out per day (the last 60 days with movements)."
    )


class DonorPatch(PatchBody):
    """A correction of a donor's details (the data subject's right, Law 91/2025; a birth date typed wrong,
    which decides the blood donors' age rule): any subset; null clears the phone or the identity number."""

    model_config = ConfigDict(extra="forbid", json_schema_extra=patch_schema(("phone", "id_number"), at_least_one=True))

    name: Name | None = None
    phone: Phone | None = None
    id_number: IdNumber | None = Field(None, description="CCCD / tax code; one donor record per number.")
    birth_date: Annotated[date, bounds(date(1900, 1, 1), MAX_DAY), IsoOnly] | None = Field(
        None, description="Not after today."
    )

    _given_not_null = field_validator("name", "birth_date")(not_null)


class DonorConsentIn(_In):
    consent_to_be_named: bool = Field(
        strict=True, description="false: withdraw; the name leaves the public ledger at once."
    )


class DonorConsentOut(Out):
    donor_id: uuid.UUID
    consent_to_be_named: bool


class DonorGiftOut(_GiftOut):
    unit_id: uuid.UUID = Field(description="The unit that received the gift.")
    received_on: date
    receipt_no: int
    reversed: bool


class DonorPledgeOut(Out):
    id: uuid.UUID
    campaign_id: uuid.UUID
    unit_id: uuid.UUID = Field(description="The unit the pledge was made to.")
    pledged_vnd: int
    instalments_count: int
    interval_days: int
    first_due_on: date


class DonorOut(Out):
    id: uuid.UUID
    type: str
    name: str | None
    public_name: str
    phone: str | None
    id_number: str | None
    birth_date: date | None
    consent_to_be_named: bool
    erased: bool
    complete: bool = Field(
        description="False: the donor also gave through units outside your scope; only your scope's gifts are "
        "listed and the personal details (name, phone, identity number, birth date) are withheld (null). Also "
        "false for a read-only role (viewer) when the donor gave blood: that role never reads blood gifts (health "
        "data), nor a phone or birth date, and reads the identity number masked (its last 3 characters)."
    )
    donations: list[DonorGiftOut]
    pledges: list[DonorPledgeOut] = Field(
        description="The donor's pledges (GET /pledges/{id} gives each one's payments), those of your scope "
        "when complete is false."
    )


class DonorErasedOut(Out):
    donor_id: uuid.UUID
    erased: bool
    already_erased: bool


class PayerErasedOut(Out):
    donation_id: uuid.UUID
    erased: bool
    already_erased: bool = Field(description="Nothing was left to erase (erased before, or never given).")


class BloodEligibilityOut(Out):
    donor_id: uuid.UUID
    on: date
    kind: Literal["whole_blood", "apheresis"]
    eligible: bool
    reason: str | None = Field(description="Why not, when not eligible.")
    next_eligible_on: date | None = Field(
        description="When the donor's earlier donations refuse the day: the first day after them they may give; "
        "else null."
    )
    later_donation_on: date | None = Field(
        description="When a later donation refuses the day (a gift on it would fall within that donation's "
        "interval): its day; else null."
    )
    donations: int = Field(description="Blood donations on record.")
