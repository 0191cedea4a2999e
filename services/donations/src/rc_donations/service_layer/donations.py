"""Use cases of contributions: record (cash, in kind, blood), receipts, reversals, donors.

Every writer of a campaign's ledger locks the ledger row (``SELECT … FOR UPDATE``): receipt numbers,
idempotency checks and running sums are decided under it. Single contributions are prepared outside
the lock (:func:`prepare_donation`) and committed in batches, one lock and one transaction per batch
(:func:`record_donations`, driven by :mod:`~rc_donations.service_layer.group_commit`); see
docs/architecture/0001-hot-campaign-donations.md.
"""

from __future__ import annotations

import contextvars
import dataclasses
import uuid
import zlib
from collections.abc import Awaitable, Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any, NamedTuple

import asyncpg

from rc_donations.adapters.donations_repo import (
    BLOOD_GIVEN,
    ID_NUMBER_CLASH,
    PERSONAL_COLUMNS,
    DonationRepository,
    NewDonor,
)
from rc_donations.adapters.ledgers import LedgerRepository, ledger_from
from rc_donations.domain import blood
from rc_donations.domain.blood import PastDonation
from rc_donations.domain.donations import in_kind_value, public_name
from rc_donations.domain.ledger import Ledger, check_can_reverse_donation
from rc_donations.domain.receipts import allocate, receipt_number
from rc_donations.service_layer import records
from rc_donations.service_layer.commands import DonorInput, Idempotency, RecordDonation
from rc_donations.service_layer.policy import Policy
from rc_shared import clock
from rc_shared.errors import Conflict, Invalid, NotFound
from rc_shared.events.donations import DonationRecorded, DonationReversed
from rc_shared.notes import WITHHELD_GIFT_REASON
from rc_shared.outbox import UnitOfWork, envelope_for
from rc_shared.scope import UnitTree


def not_open(campaign_id: uuid.UUID) -> Conflict:
    """The 409 of a campaign whose launch this service has not seen: not launched, mistyped, or launched a
    moment ago (the ledger opens when the launch's event arrives: a retry a few seconds later may be taken).
    ``reason`` tells it apart from the 409s that stay (another amount for a bank reference, a closed ledger)."""
    return Conflict(
        f"campaign {campaign_id} is not open for contributions: no launched campaign with this id is known "
        "(it is not launched yet, was launched a moment ago, or does not exist)",
        campaign_id=str(campaign_id),
        reason="campaign_not_open",
    )


async def lock_open_ledger(conn: asyncpg.Connection, campaign_id: uuid.UUID) -> tuple[Ledger, asyncpg.Record]:
    """The campaign's ledger, locked; 409 if the donations service has not seen it launched."""
    row = await LedgerRepository(conn).lock(campaign_id)
    if row is None:
        raise not_open(campaign_id)
    return ledger_from(row), row


def key_reused(key: str) -> Invalid:
    return Invalid(
        f"Idempotency-Key {key!r} was already used for a different request; use a new key for a new request "
        "(keys are one space for every client: a UUID, or your system's name before its own reference)",
        field="Idempotency-Key",
    )


def replay_of(prior: Mapping[str, Any] | None, idem: Idempotency, scope: str) -> uuid.UUID | None:
    """The resource of an Idempotency-Key's earlier request (``prior``: its row; None: a new key)."""
    if prior is None:
        return None
    if prior["scope"] != scope or prior["request_hash"] != idem.request_hash:
        raise key_reused(idem.key)
    rid: uuid.UUID = prior["resource_id"]
    return rid


async def replayed(repo: DonationRepository, idem: Idempotency | None, scope: str) -> uuid.UUID | None:
    """The resource an earlier request with the same Idempotency-Key created (None: a new key)."""
    if idem is None:
        return None
    return replay_of(await repo.idempotency_key(idem.key), idem, scope)


async def remember(repo: DonationRepository, idem: Idempotency | None, scope: str, resource_id: uuid.UUID) -> None:
    if idem is not None and not await repo.save_idempotency_key(idem.key, scope, idem.request_hash, resource_id):
        raise Conflict(
            f"Idempotency-Key {idem.key!r} is being used by a concurrent request; retry", field="Idempotency-Key"
        )


async def resolve_donor(repo: DonationRepository, donor: DonorInput | None) -> tuple[uuid.UUID | None, str, bool]:
    """(donor id, donor type, publicly named). Anonymous gifts have no donor record."""
    if donor is None or donor.type == "anonymous":
        return None, "anonymous", False
    if donor.id is not None:
        row = await repo.donor(donor.id, lock=True)
        if row is None or row["erased_at"] is not None:
            raise Conflict(f"donor {donor.id} is not known (or was erased)", field="donor.id")
        await repo.update_donor(donor.id, donor.phone, donor.birth_date, donor.consent_to_be_named)
        return donor.id, str(row["donor_type"]), donor.consent_to_be_named
    donor_id = await repo.upsert_donor(  # found (and updated) or created, in one round trip
        donor.type, donor.name, donor.phone, donor.id_number, donor.birth_date, donor.consent_to_be_named
    )
    if donor_id is None:
        raise Conflict(ID_NUMBER_CLASH, field="donor.id_number")
    return donor_id, donor.type, donor.consent_to_be_named


@dataclass(frozen=True)
class PreparedDonation:
    """A donation checked and resolved outside the ledger lock, waiting for its batch to commit."""

    campaign_id: uuid.UUID
    cmd: RecordDonation
    idem: Idempotency | None
    donation_id: uuid.UUID
    unit_id: uuid.UUID
    donor_id: uuid.UUID | None
    donor_type: str
    publicly_named: bool
    amount_vnd: int
    value_vnd: int
    blood_units: int
    birth_date: date | None
    ledger: Ledger
    """The ledger as read before the lock, which the item was checked against."""
    new_donor: NewDonor | None = None
    """The request's named donor, to be found or created with its batch (``donor_id`` None until then)."""
    checked: bool = True
    """False: decided against the process's ledger hint alone (:func:`prepare_hinted`); the intake of its
    batch (:func:`intake_batch`) reads its Idempotency-Key and bank reference and writes its donor."""
    known_key: Mapping[str, Any] | None = None
    """Its Idempotency-Key's earlier request as its batch's intake read it (a resubmission; None: unknown)."""
    known_ref: Mapping[str, Any] | None = None
    """The donation already recorded with its bank reference as its batch's intake read it (None: none)."""
    context: contextvars.Context = field(default_factory=contextvars.copy_context)
    """The request's context (trace and correlation ids) its event is emitted in."""

    @property
    def scope(self) -> str:
        return f"donation:{self.campaign_id}"


def _same_transfer(kind: str, amount_vnd: int, received_on: date, cmd: RecordDonation) -> bool:
    return kind == cmd.kind and amount_vnd == cmd.amount_vnd and received_on == cmd.received_on


def _reference_conflict(label: str, cmd: RecordDonation, same: asyncpg.Record | dict[str, Any]) -> Conflict:
    return Conflict(
        f"bank_reference {cmd.bank_reference!r} is already recorded in {label} as donation "
        f"{same['id']} ({same['amount_vnd']} VND on {same['received_on']}), not {cmd.amount_vnd} VND "
        f"on {cmd.received_on}",
        field="bank_reference",
        donation_id=str(same["id"]),
    )


class LedgerHints:
    """The ledgers this process's intakes last read, by campaign (a bounded, process-local hint).

    A request with a new named donor is decided against its campaign's hint before the intake, so the
    intake can also write the donor in the same round trip; the intake statement does so only if the
    ledger is still the hint, so a stale hint costs a second round trip, never a wrong write."""

    def __init__(self, size: int = 1024) -> None:
        self.size = size
        self._ledgers: dict[uuid.UUID, Ledger] = {}

    def get(self, campaign_id: uuid.UUID) -> Ledger | None:
        return self._ledgers.get(campaign_id)

    def put(self, ledger: Ledger) -> None:
        self._ledgers.pop(ledger.campaign_id, None)
        self._ledgers[ledger.campaign_id] = ledger  # the most recently read last
        if len(self._ledgers) > self.size:
            del self._ledgers[next(iter(self._ledgers))]


def _new_donor(cmd: RecordDonation) -> NewDonor | None:
    """The request's donor when the intake may find or create it: named, without an id, and nothing else
    to check first (blood eligibility, a pledge's donor, the units named by the request)."""
    d = cmd.donor
    if d is None or d.type == "anonymous" or d.id is not None or cmd.kind == "blood" or cmd.pledge_id is not None:
        return None
    if cmd.unit_id is not None or cmd.credited_unit_id is not None:
        return None
    return NewDonor(d.type, d.name, d.phone, d.id_number, d.birth_date, d.consent_to_be_named)


def _hint_accepts(hint: Ledger | None, cmd: RecordDonation, today: date) -> Ledger | None:
    """``hint`` if it accepts the request (then the intake may write its donor), else None: every check
    :func:`prepare_donation` makes after the intake, so that a refused request writes nothing."""
    if hint is None:
        return None
    try:
        hint.check_accepts(cmd.received_on, today)  # (the unit is the organising one: see _new_donor)
        if cmd.kind == "in_kind":
            in_kind_value(cmd.items)
    except (Conflict, Invalid):
        return None  # decided below, against the ledger as read
    return hint


def _hint_decides(cmd: RecordDonation) -> bool:
    """Whether the ledger alone decides the request (nothing else to read first: blood eligibility, a
    pledge, a donor cited by id, the units named by the request)."""
    if cmd.kind == "blood" or cmd.pledge_id is not None or cmd.unit_id is not None:
        return False
    return cmd.credited_unit_id is None and (cmd.donor is None or cmd.donor.id is None)


def prepare_hinted(
    policy: Policy, campaign_id: uuid.UUID, cmd: RecordDonation, idem: Idempotency | None, hints: LedgerHints
) -> PreparedDonation | None:
    """A cash or in-kind gift decided against the campaign's ledger hint, without a round trip of its own;
    None when it needs :func:`prepare_donation` (no hint, a hint that refuses it, more to read).

    Its batch reads what the intake would have (the Idempotency-Key's earlier request, the bank
    reference's donation: a resubmission is answered as such), writes its named donor if it is new, and
    records it only if the ledger is still the hint (else it is decided again under the lock)."""
    if not _hint_decides(cmd):
        return None
    ledger = _hint_accepts(hints.get(campaign_id), cmd, policy.today())
    if ledger is None:
        return None
    donor = cmd.donor
    named = donor is not None and donor.type != "anonymous"
    return PreparedDonation(
        campaign_id=campaign_id,
        cmd=cmd,
        idem=idem,
        donation_id=uuid.uuid4(),
        unit_id=ledger.organising_unit_id,
        donor_id=None,
        donor_type=donor.type if donor is not None and named else "anonymous",
        publicly_named=donor.consent_to_be_named if donor is not None and named else False,
        amount_vnd=cmd.amount_vnd if cmd.kind == "cash" else 0,
        value_vnd=in_kind_value(cmd.items) if cmd.kind == "in_kind" else 0,
        blood_units=0,
        birth_date=None,
        ledger=ledger,
        new_donor=_new_donor(cmd),
        checked=False,
    )


async def prepare_donation(
    conn: asyncpg.Connection,
    policy: Policy,
    campaign_id: uuid.UUID,
    cmd: RecordDonation,
    idem: Idempotency | None,
    hints: LedgerHints | None = None,
) -> PreparedDonation | uuid.UUID:
    """Everything about a contribution that needs no ledger lock: checks, replays, the donor.

    Returns the donation an earlier request already recorded (a resubmission), or the prepared
    donation for :func:`record_donations`, which decides again under the lock what may have changed
    meanwhile (the ledger's status, a concurrent request with the same key or bank reference).

    With ``hints`` (:class:`LedgerHints`), a cash or in-kind gift of a new named donor usually takes
    one round trip: the intake writes the donor when the request is accepted (see
    :meth:`DonationRepository.intake`).
    """
    repo = DonationRepository(conn)
    new_donor = _new_donor(cmd)
    decided = _hint_accepts(hints.get(campaign_id), cmd, policy.today()) if hints and new_donor else None
    row = await repo.intake(campaign_id, idem.key if idem else None, cmd.bank_reference, decided, new_donor)
    if row is None:
        raise not_open(campaign_id)
    ledger = ledger_from(row)
    if hints is not None:
        hints.put(ledger)
    scope = f"donation:{campaign_id}"
    if idem is not None and row["idem_scope"] is not None:
        return replay_of(_prior(row), idem, scope) or uuid.UUID(str(row["idem_resource"]))
    if row["ref_id"] is not None:
        same = _same(row)
        if not _same_transfer(same["kind"], same["amount_vnd"], same["received_on"], cmd):
            raise _reference_conflict(ledger.label, cmd, same)
        await remember(repo, idem, scope, same["id"])
        return uuid.UUID(str(same["id"]))
    ledger.check_accepts(cmd.received_on, policy.today())
    unit_id = cmd.unit_id or ledger.organising_unit_id
    ledger.check_unit(unit_id, "unit_id")
    # the units the request names must be in the tree on the day of the gift (422 naming the field)
    await UnitTree(conn).check_known(
        {"unit_id": cmd.unit_id, "credited_unit_id": cmd.credited_unit_id}, cmd.received_on
    )

    donor = cmd.donor
    if cmd.pledge_id is not None:
        pledge = await repo.pledge(cmd.pledge_id)
        if pledge is None or pledge["campaign_id"] != campaign_id:
            raise Conflict(f"pledge {cmd.pledge_id} is not a pledge to {ledger.label}", field="pledge_id")
        if donor is None and pledge["donor_id"] is not None:
            donor = DonorInput(type=pledge["donor_type"], id=pledge["donor_id"])
    amount = value = units = 0
    if cmd.kind == "cash":
        amount = cmd.amount_vnd
    elif cmd.kind == "in_kind":
        value = in_kind_value(cmd.items)
    else:
        units = cmd.blood_units
        if donor is None or donor.type != "individual" or cmd.blood_kind is None:
            raise Invalid("a blood donation needs an identified individual donor and a blood_kind", field="donor")
    birth_date = None
    if donor is None or donor.type == "anonymous":
        donor_id, donor_type, named = None, "anonymous", False
    elif row["donor_id"] is not None:  # found or created by the intake (the request is accepted)
        donor_id, donor_type, named = row["donor_id"], donor.type, donor.consent_to_be_named
    else:
        donor_id, donor_type, named, birth_date = await _donor_for(conn, policy, donor, cmd)
    return PreparedDonation(
        campaign_id=campaign_id,
        cmd=cmd,
        idem=idem,
        donation_id=uuid.uuid4(),
        unit_id=unit_id,
        donor_id=donor_id,
        donor_type=donor_type,
        publicly_named=named,
        amount_vnd=amount,
        value_vnd=value,
        blood_units=units,
        birth_date=birth_date,
        ledger=ledger,
    )


# A blood gift whose donor's birth date, given, is not the one on their record (which the age check uses; the
# record's date is not said: the donor may be another unit's)
BIRTH_DATE_CLASH = (
    "the birth date given is not the one on the donor's record, which the age check uses: check it with the donor; "
    "a record whose date is wrong is corrected with PATCH /donors/{id}"
)


async def _donor_for(
    conn: asyncpg.Connection, policy: Policy, donor: DonorInput, cmd: RecordDonation
) -> tuple[uuid.UUID | None, str, bool, date | None]:
    """(donor id, type, named, birth date) of a named donor, found or created; blood eligibility checked."""
    repo = DonationRepository(conn)
    birth_date = None
    if cmd.kind != "blood" and donor.id is None:  # one statement, nothing to refuse: no transaction needed
        donor_id, donor_type, named = await resolve_donor(repo, donor)
        return donor_id, donor_type, named, None
    async with conn.transaction():  # a refusal here leaves the donor as it was
        donor_id, donor_type, named = await resolve_donor(repo, donor)
        if cmd.kind == "blood":
            assert donor_id is not None and cmd.blood_kind is not None
            donor_row = await repo.donor(donor_id)
            assert donor_row is not None
            birth_date = donor_row["birth_date"]
            if donor.birth_date is not None and birth_date is not None and donor.birth_date != birth_date:
                # (a gift fills in a missing birth date, never replaces one: the age check would use the record's)
                raise Conflict(BIRTH_DATE_CLASH, field="donor.birth_date")
            history = await repo.blood_history(donor_id)
            blood.check_eligible(policy.blood, history, cmd.received_on, cmd.blood_kind, birth_date)
    return donor_id, donor_type, named, birth_date


class DonationOutcome(NamedTuple):
    """A committed item: its donation, whether this request created it (False: a resubmission answered
    with the original), and the new donation as the API shows it (None for a resubmission: read it)."""

    donation_id: uuid.UUID
    created: bool
    view: dict[str, Any] | None = None


@dataclass
class _Decisions:
    """What a batch's items come to, decided against one ledger and the keys and references known."""

    outcomes: list[DonationOutcome | Exception | None]
    new: list[int] = field(default_factory=list)
    """The items to record, in receipt order."""
    late: dict[int, bool] = field(default_factory=dict)
    same_key: dict[int, int] = field(default_factory=dict)
    """An item whose Idempotency-Key (same request) is an earlier item's -> that item: it shares its outcome."""
    same_ref: dict[int, int] = field(default_factory=dict)
    """An item whose bank reference (same transfer) is an earlier item's -> that item: it shares its donation."""
    replays: dict[int, uuid.UUID] = field(default_factory=dict)
    """An item whose bank reference is already recorded -> that donation (its key remembers it)."""

    def resource(self, items: Sequence[PreparedDonation], n: int) -> uuid.UUID:
        """The donation item ``n``'s Idempotency-Key answers with."""
        leader = self.same_ref.get(n, n)
        return self.replays.get(leader, items[leader].donation_id)

    def finish(self) -> list[DonationOutcome | Exception]:
        """Transfers already recorded answered with their donation, repeats within the batch as the item
        they repeat (a donation: as a resubmission)."""
        for n, donation_id in self.replays.items():
            if self.outcomes[n] is None:  # (not refused for its own key)
                self.outcomes[n] = DonationOutcome(donation_id, False)
        for n, leader in (*self.same_ref.items(), *self.same_key.items()):
            o = self.outcomes[leader]
            if self.outcomes[n] is None:  # (not refused for its own key)
                self.outcomes[n] = DonationOutcome(o.donation_id, False) if isinstance(o, DonationOutcome) else o
        assert all(o is not None for o in self.outcomes)
        return [o for o in self.outcomes if o is not None]


def _decide(
    items: Sequence[PreparedDonation],
    policy: Policy,
    ledger: Ledger,
    known_keys: Mapping[str, Mapping[str, Any]],
    known_refs: Mapping[str, Mapping[str, Any]],
    histories: dict[uuid.UUID, list[PastDonation]],
) -> _Decisions:
    """Each item of a batch decided in order: a replay of a known key, a repeat within the batch, a
    transfer already recorded (the same: a replay; another: 409), the ledger's acceptance of its date and
    unit, blood eligibility (``histories``: the donors' past gifts, this batch's added as decided)."""
    d = _Decisions([None] * len(items))
    today = policy.today()
    first_key: dict[str, int] = {}
    first_ref: dict[str, int] = {}
    scope = f"donation:{ledger.campaign_id}"
    for n, it in enumerate(items):
        cmd = it.cmd
        ref = cmd.bank_reference
        try:
            if it.idem is not None:
                prior = known_keys.get(it.idem.key)
                if prior is not None:
                    d.outcomes[n] = DonationOutcome(replay_of(prior, it.idem, scope) or prior["resource_id"], False)
                    continue
                if it.idem.key in first_key:  # the same key twice in this batch
                    leader = first_key[it.idem.key]
                    if items[leader].idem != it.idem:
                        raise key_reused(it.idem.key)
                    d.same_key[n] = leader
                    continue
            if ref is not None:
                same = known_refs.get(ref)
                if same is not None:
                    if not _same_transfer(same["kind"], same["amount_vnd"], same["received_on"], cmd):
                        raise _reference_conflict(ledger.label, cmd, same)
                    d.replays[n] = same["id"]
                    if it.idem is not None:
                        first_key[it.idem.key] = n
                    continue
                if ref in first_ref:
                    first = items[first_ref[ref]]
                    if not _same_transfer(first.cmd.kind, first.amount_vnd, first.cmd.received_on, cmd):
                        raise _reference_conflict(
                            ledger.label,
                            cmd,
                            {
                                "id": first.donation_id,
                                "amount_vnd": first.amount_vnd,
                                "received_on": first.cmd.received_on,
                            },
                        )
                    d.same_ref[n] = first_ref[ref]
                    if it.idem is not None:
                        first_key[it.idem.key] = n
                    continue
            d.late[n] = ledger.check_accepts(cmd.received_on, today)
            ledger.check_unit(it.unit_id, "unit_id")
            if cmd.kind == "blood":
                assert it.donor_id is not None and cmd.blood_kind is not None
                history = histories[it.donor_id]
                blood.check_eligible(policy.blood, history, cmd.received_on, cmd.blood_kind, it.birth_date)
                history.append(PastDonation(cmd.received_on, cmd.blood_kind))
        except (Conflict, Invalid) as exc:
            d.outcomes[n] = exc
            continue
        d.new.append(n)
        if it.idem is not None:
            first_key[it.idem.key] = n
        if ref is not None:
            first_ref[ref] = n
    return d


def _created(it: PreparedDonation, row: dict[str, Any], created_at: datetime, code: str) -> DonationOutcome:
    """A new donation, answered from what was written (no second read): the row as DONATION_VIEW shows it."""
    written = {**row, "campaign_id": it.campaign_id, "payer_name": None, "created_at": created_at}
    return DonationOutcome(it.donation_id, True, donation_view({**written, "reversal_id": None, "campaign_code": code}))


async def commit_donations(
    pool: asyncpg.Pool,
    source: str,
    policy: Policy,
    items: Sequence[PreparedDonation],
    hints: LedgerHints | None = None,
) -> list[DonationOutcome | Exception]:
    """A batch's commit (group commit): the intake of its items decided against the ledger hint if it
    was not read yet (:func:`intake_batch`), then in one statement when it can
    (:func:`record_donations_at_once`), else in a transaction that decides each item again under the
    ledger lock (:func:`record_donations`, which refreshes ``hints``)."""
    async with pool.acquire() as conn:
        if not all(i.checked for i in items):
            items = await intake_batch(conn, items)
        outcomes = await record_donations_at_once(conn, source, policy, items)
    if outcomes is not None:
        return outcomes
    async with UnitOfWork(pool, source) as uow:
        outcomes = await record_donations(uow, policy, items, hints)
        await uow.commit()
    return outcomes


INTAKE_LANES = 4
"""Batches of intakes of one campaign read at once (each on its connection): they take no lock, and the
donors they write would wait for each other in one lane (one statement at a time per lane)."""


def intake_lane(item: PreparedDonation, turn: int) -> int:
    """The lane of an item's intake: an item that finds or creates a named donor takes the lane of who
    the donor is (their identity number, else their phone and name, as ``upsert_donor`` finds them), so
    that the same donor is never found-or-created in two lanes at once (each would miss the other's
    uncommitted row and create them twice); any other item goes by ``turn``."""
    d = item.new_donor
    if d is None:
        return turn % INTAKE_LANES
    who = (d.donor_type, d.id_number) if d.id_number else (d.donor_type, d.phone, (d.name or "").lower())
    return zlib.crc32(repr(who).encode()) % INTAKE_LANES


async def read_intakes(pool: asyncpg.Pool, items: Sequence[PreparedDonation]) -> list[PreparedDonation | Exception]:
    """The intake of a batch of items decided against the ledger hint (:func:`intake_batch`) on a pooled
    connection: the first stage of the POST's group commit, so that a batch's intake runs while the
    batch before it commits (a campaign's intakes in :data:`INTAKE_LANES` lanes, its commits in one)."""
    async with pool.acquire() as conn:
        return list(await intake_batch(conn, items))


async def intake_batch(conn: asyncpg.Connection, items: Sequence[PreparedDonation]) -> list[PreparedDonation]:
    """What the intake of each item decided against the ledger hint would have read, for the whole batch
    in one round trip: the items, checked, with the Idempotency-Key's earlier request and the bank
    reference's donation already recorded (``known_key``, ``known_ref``: as
    :meth:`DonationRepository.known` gives them) and their new named donors found or created (only the
    batch's first item with its key and its reference writes its donor: a repeat is answered as that
    item, or refused; and only while the ledger is still the one they were decided against: else they
    are decided again under the lock, and a donor is written once its gift is)."""
    ledger = items[0].ledger
    keys: list[str | None] = [i.idem.key if i.idem else None for i in items]
    refs: list[str | None] = [i.cmd.bank_reference for i in items]
    seen_keys: set[str] = set()
    seen_refs: set[str] = set()
    donors: list[NewDonor | None] = []
    for it, key, ref in zip(items, keys, refs, strict=True):
        first = (key is None or key not in seen_keys) and (ref is None or ref not in seen_refs)
        donors.append(it.new_donor if first and it.donor_id is None and it.ledger == ledger else None)
        seen_keys.update([key] if key is not None else [])
        seen_refs.update([ref] if ref is not None else [])
    repo = DonationRepository(conn)
    if len(items) == 1:  # (a batch of one: the single intake, the cheaper statement of the two)
        row = await repo.intake(ledger.campaign_id, keys[0], refs[0], ledger, donors[0])
        prior = [None if row is None or row["idem_scope"] is None else _prior(row)]
        same = [None if row is None or row["ref_id"] is None else _same(row)]
        donor_ids = [None if row is None else row["donor_id"]]
    else:
        prior, same, donor_ids = await repo.intake_batch(ledger, keys, refs, donors)
    return [
        dataclasses.replace(
            it,
            donor_id=it.donor_id if donor_id is None else donor_id,
            checked=True,
            known_key=None if key is None or p is None else {"key": key, **p},
            known_ref=same_ref,
        )
        for it, key, p, same_ref, donor_id in zip(items, keys, prior, same, donor_ids, strict=True)
    ]


def _prior(row: asyncpg.Record) -> dict[str, Any]:
    return {"scope": row["idem_scope"], "request_hash": row["idem_hash"], "resource_id": row["idem_resource"]}


def _same(row: asyncpg.Record) -> dict[str, Any]:
    return {k: row[f"ref_{k}"] for k in ("id", "kind", "amount_vnd", "received_on")}


async def _with_donors(
    repo: DonationRepository, items: Sequence[PreparedDonation], new: Sequence[int]
) -> tuple[list[PreparedDonation], dict[int, Exception]]:
    """``items`` with the named donor of each new one found or created if it still has none (its batch's
    intake wrote none: the ledger had changed, the donor's identity number is on record under another name,
    or a repeat in the batch is recorded after all), and the items refused for such a number (409: they
    alone fail, before any of the batch's Idempotency-Keys is written)."""
    out = list(items)
    refused: dict[int, Exception] = {}
    for n in new:
        it = out[n]
        if it.new_donor is not None and it.donor_id is None:
            donor_id = await repo.upsert_donor(*it.new_donor)
            if donor_id is None:
                refused[n] = Conflict(ID_NUMBER_CLASH, field="donor.id_number")
            else:
                out[n] = dataclasses.replace(it, donor_id=donor_id)
    return out, refused


async def record_donations_at_once(
    conn: asyncpg.Connection,
    source: str,
    policy: Policy,
    items: Sequence[PreparedDonation],
) -> list[DonationOutcome | Exception] | None:
    """Commit prepared donations to one campaign in one statement, one round trip with its own commit
    (migration 0008's ``record_donation_batch``); None when it cannot, and then nothing was written.

    The items are decided against the ledger they were prepared with (all the same one) and the keys
    and bank references their preparation found unknown, or those their batch's intake found
    (``known_key``, ``known_ref``: a resubmission, a transfer already recorded). The statement takes
    the ledger row lock, and writes nothing when the ledger changed since (a close, a new participating
    unit), nor when a key or bank reference of the batch was recorded meanwhile (unique violation): the
    batch is then decided again under the lock. Blood donations (eligibility is read under the lock) always are. Receipt
    numbers are taken under the lock in the statement, in the order decided here.
    """
    if not items:
        return []
    ledger = items[0].ledger
    if any(i.cmd.kind == "blood" or i.ledger != ledger or i.campaign_id != ledger.campaign_id for i in items):
        return None
    known_keys = {i.idem.key: i.known_key for i in items if i.idem is not None and i.known_key is not None}
    known_refs = {i.cmd.bank_reference: i.known_ref for i in items if i.cmd.bank_reference and i.known_ref}
    d = _decide(items, policy, ledger, known_keys, known_refs, {})
    keyed = [n for n in (*d.new, *d.replays, *d.same_ref) if items[n].idem is not None]
    if not d.new and not keyed:
        return d.finish()
    if any(items[n].new_donor is not None and items[n].donor_id is None for n in d.new):
        return None  # its batch's intake wrote no donor for it (the ledger changed): decided under the lock
    rows = [_donation_row(items[n], 0, d.late[n]) for n in d.new]
    events = [
        items[n].context.run(envelope_for, _recorded(items[n], 0, r["recorded_after_close"]), source)
        for n, r in zip(d.new, rows, strict=True)
    ]
    try:
        written = await DonationRepository(conn).record_batch(
            ledger,
            rows,
            [(items[n].idem.key, items[n].idem.request_hash, d.resource(items, n)) for n in keyed],  # type: ignore[union-attr]
            events,
        )
    except asyncpg.UniqueViolationError:  # a key or a bank reference recorded meanwhile
        return None
    if written is None:  # the ledger changed since the items were prepared
        return None
    first_no, created_at = written
    for i, (n, r) in enumerate(zip(d.new, rows, strict=True)):
        r["receipt_no"] = first_no + i
        d.outcomes[n] = _created(items[n], r, created_at, ledger.code)
    return d.finish()


async def record_donations(
    uow: UnitOfWork, policy: Policy, items: Sequence[PreparedDonation], hints: LedgerHints | None = None
) -> list[DonationOutcome | Exception]:
    """Commit prepared donations to one campaign under one ledger lock (group commit).

    Under the lock, in a few set-based statements: replays and bank references already recorded (by
    earlier batches, from any replica) or repeated within the batch, the ledger's acceptance of each
    date, blood eligibility (donor rows locked), then one ledger update takes the batch's receipt
    numbers in order, one insert writes the donations, one their Idempotency-Keys, and the outbox
    rows go in the same transaction. Returns one outcome per item; a refused item fails alone.
    """
    if not items:
        return []
    campaign_id = items[0].campaign_id
    if any(i.campaign_id != campaign_id for i in items):
        raise ValueError("a batch holds donations to one campaign")
    conn = uow.conn
    repo = DonationRepository(conn)
    ledger, ledger_row = await lock_open_ledger(conn, campaign_id)
    if hints is not None:  # (the items' hint may be why they came here: a close, a new unit)
        hints.put(ledger)
    keys = [i.idem.key for i in items if i.idem is not None]
    refs = [i.cmd.bank_reference for i in items if i.cmd.bank_reference is not None]
    known_keys, known_refs = await repo.known(campaign_id, keys, refs) if keys or refs else ({}, {})
    blood_donors = [i.donor_id for i in items if i.cmd.kind == "blood" and i.donor_id is not None]
    histories: dict[uuid.UUID, list[PastDonation]] = {}
    if blood_donors:
        await repo.lock_donors(blood_donors)
        histories = await repo.blood_histories(blood_donors)
    d = _decide(items, policy, ledger, known_keys, known_refs, histories)
    outcomes = d.outcomes
    # the new items' donors, before any key is written: an item refused for its donor leaves no key behind
    items, refused = await _with_donors(repo, items, d.new)
    for n, exc in refused.items():
        outcomes[n] = exc
    for n, leader in d.same_ref.items():  # (a repeat of the same request, by its key, is refused as it is)
        if leader in refused and outcomes[n] is None:
            outcomes[n] = Conflict(
                "a gift with the same bank_reference earlier in the same batch was refused for its donor: send this "
                "one again",
                field="bank_reference",
            )

    # Idempotency-Keys first: a key taken meanwhile by a request to another campaign loses its item.
    # Then the keys of repeats of a bank reference within the batch, pointing to the donation kept.
    scope = f"donation:{campaign_id}"
    leaders = [n for n in (*d.new, *d.replays) if items[n].idem is not None]
    by_ref = [n for n in d.same_ref if items[n].idem is not None]
    for group in (leaders, by_ref):
        group = [n for n in group if outcomes[d.same_ref.get(n, n)] is None]
        if not group:
            continue
        saved = await repo.save_idempotency_keys(
            [items[n].idem.key for n in group],  # type: ignore[union-attr]
            scope,
            [items[n].idem.request_hash for n in group],  # type: ignore[union-attr]
            [d.resource(items, n) for n in group],
        )
        for n in group:
            key = items[n].idem.key  # type: ignore[union-attr]
            if key not in saved:
                outcomes[n] = Conflict(
                    f"Idempotency-Key {key!r} is being used by a concurrent request; retry", field="Idempotency-Key"
                )
    new = [n for n in d.new if outcomes[n] is None]
    for n, donation_id in d.replays.items():
        if outcomes[n] is None:
            outcomes[n] = DonationOutcome(donation_id, False)

    if new:
        last_no = int(ledger_row["last_receipt_no"])  # read under the lock: the batch's numbers follow it
        numbers = allocate(last_no, len(new))
        rows = [_donation_row(items[n], no, d.late[n]) for n, no in zip(new, numbers, strict=True)]
        created_at = await repo.insert_numbered(campaign_id, last_no, rows)  # with the ledger's counter and sums
        for n, r in zip(new, rows, strict=True):
            items[n].context.run(uow.emit, _recorded(items[n], r["receipt_no"], r["recorded_after_close"]))
            outcomes[n] = _created(items[n], r, created_at, ledger.code)
    return d.finish()


def _donation_row(it: PreparedDonation, receipt_no: int, late: bool) -> dict[str, Any]:
    cmd = it.cmd
    return {
        "id": it.donation_id,
        "kind": cmd.kind,
        "amount_vnd": it.amount_vnd,
        "value_vnd": it.value_vnd,
        "blood_units": it.blood_units,
        "blood_kind": cmd.blood_kind if cmd.kind == "blood" else None,
        "items": [dataclasses.asdict(i) for i in cmd.items] if cmd.kind == "in_kind" else None,
        "donor_id": it.donor_id,
        "donor_type": it.donor_type,
        "publicly_named": it.publicly_named,
        "unit_id": it.unit_id,
        "credited_unit_id": cmd.credited_unit_id,
        "credited_person_id": cmd.credited_person_id,
        "pledge_id": cmd.pledge_id,
        "channel": cmd.channel,
        "bank_reference": cmd.bank_reference,
        "description": cmd.description,
        "received_on": cmd.received_on,
        "receipt_no": receipt_no,
        "recorded_after_close": late,
    }


def _recorded(it: PreparedDonation, receipt_no: int, late: bool) -> DonationRecorded:
    cmd = it.cmd
    return DonationRecorded(
        campaign_id=it.campaign_id,
        donation_id=it.donation_id,
        kind=cmd.kind,
        amount_vnd=it.amount_vnd,
        value_vnd=it.value_vnd,
        blood_units=it.blood_units,
        donor_id=it.donor_id,
        donor_type=it.donor_type,
        publicly_named=it.publicly_named,
        unit_id=it.unit_id,
        credited_unit_id=cmd.credited_unit_id,
        credited_person_id=cmd.credited_person_id,
        pledge_id=cmd.pledge_id,
        channel=cmd.channel,
        received_on=cmd.received_on,
        receipt_no=receipt_no,
        blood_kind=cmd.blood_kind if cmd.kind == "blood" else None,
        recorded_after_close=late,
    )


_SHOWN = [c for c in DonationRepository.COLUMNS if c not in PERSONAL_COLUMNS]


def donation_view(r: asyncpg.Record | Mapping[str, Any]) -> dict[str, Any]:
    """A donation as the API shows it (no donor personal data: the donor by id; a voided gift with the bank
    reference it gave up, migration 0031)."""
    return {
        **records.view(r, _SHOWN),
        "bank_reference": shown_reference(r),
        "receipt_number": receipt_number(r["campaign_code"], r["receipt_no"]),
    }


def shown_reference(r: asyncpg.Record | Mapping[str, Any]) -> str | None:
    """The gift's bank reference: its own, or the one it gave up when voided (migration 0031)."""
    ref: str | None = r["bank_reference"] or r.get("voided_bank_reference")
    return ref


def _missing(donation_id: uuid.UUID) -> NotFound:
    return NotFound(f"donation {donation_id} not found", donation_id=str(donation_id))


async def get_donation(conn: asyncpg.Connection, donation_id: uuid.UUID) -> dict[str, Any]:
    r = await DonationRepository(conn).get(donation_id)
    if r is None:
        raise _missing(donation_id)
    return donation_view(r)


async def list_donations(
    conn: asyncpg.Connection, campaign_id: uuid.UUID, limit: int, offset: int, after: int | None = None
) -> dict[str, Any]:
    """A page of the campaign's donations by receipt: ``after`` a receipt number (a cursor: the page
    continues there however many came before) or at ``offset``; ``next_after`` continues it."""
    if after is not None and offset:
        raise Invalid("give after or offset, not both", field="after")
    if after is None:
        page = await records.campaign_page(DonationRepository(conn), campaign_id, limit, offset, donation_view)
    else:
        rows = await DonationRepository(conn).after_receipt(campaign_id, after, limit)
        if not rows:  # a donation references its ledger: asked only for an empty page
            await records.require_ledger(conn, campaign_id)
        page = {"count": len(rows), "limit": limit, "offset": 0, "items": [donation_view(r) for r in rows]}
    items = page["items"]
    page["next_after"] = items[-1]["receipt_no"] if items and len(items) == limit else None
    return page


async def receipt(
    conn: asyncpg.Connection,
    policy: Policy,
    donation_id: uuid.UUID,
    donor_shown: Callable[[uuid.UUID | None], Awaitable[bool]] | None = None,
) -> dict[str, Any]:
    """The receipt of one contribution (issued to the donor on request: it carries the donor's name, or
    the payer's name of a bank statement's row, unless ``donor_shown`` says the caller may not read who
    gave: the anonymous label then)."""
    repo = DonationRepository(conn)
    r = await repo.get(donation_id)
    if r is None:
        raise _missing(donation_id)
    name = policy.anonymous_label
    if donor_shown is None or await donor_shown(r["donor_id"]):
        donor = await repo.donor(r["donor_id"]) if r["donor_id"] else None
        name = donor["name"] if donor and donor["name"] else (r["payer_name"] or policy.anonymous_label)
    return {
        "receipt_number": receipt_number(r["campaign_code"], r["receipt_no"]),
        "receipt_no": r["receipt_no"],
        "campaign_id": r["campaign_id"],
        "campaign_code": r["campaign_code"],
        "campaign_name": r["campaign_name"],
        "donation_id": r["id"],
        "received_on": r["received_on"],
        "kind": r["kind"],
        "amount_vnd": r["amount_vnd"],
        "value_vnd": r["value_vnd"],
        "blood_units": r["blood_units"],
        "items": r["items"],
        "channel": r["channel"],
        "bank_reference": shown_reference(r),
        "received_from": name,
        "unit_id": r["unit_id"],
        "issued_on": r["created_at"].astimezone(clock.zone()).date(),  # made when recorded: the same on every print
        "void": r["reversal_id"] is not None,
        "void_reason": r["reversal_reason"],
        "publicly_named": r["publicly_named"],  # (for the route: how a read-only role reads the void reason)
    }


async def reverse_donation(
    uow: UnitOfWork, policy: Policy, donation_id: uuid.UUID, reason: str, blood_drawn: bool | None = None
) -> dict[str, Any]:
    """A correction entry; nothing is deleted. Refused twice, or if the money was already distributed. A
    blood gift's says whether its blood was drawn (``blood.drawn_when_voided``): if so, it still counts in the
    donor's interval between donations (:meth:`DonationRepository.blood_histories`)."""
    own: dict[str, Any] = {}

    def own_columns(d: Mapping[str, Any]) -> dict[str, Any]:
        own["blood_drawn"] = blood.drawn_when_voided(d["kind"], blood_drawn)
        return own

    # named as the public ledger names a gift: given with consent, the donor still consenting and not erased
    named_now = await DonationRepository(uow.conn).named_now(donation_id)
    out = await records.reverse(
        uow,
        policy,
        DonationRepository(uow.conn),
        donation_id,
        reason,
        _missing(donation_id),
        lambda d: {
            "cash_reversed_vnd": int(d["amount_vnd"]),
            "in_kind_reversed_vnd": int(d["value_vnd"]),
            "blood_units_reversed": int(d["blood_units"]),
        },
        DonationReversed,
        check=lambda totals, d: check_can_reverse_donation(
            totals, d["kind"], int(d["amount_vnd"]), int(d["value_vnd"])
        ),
        columns=own_columns,
        # a gift not publicly named: its correction may say whose it was (the public ledger withholds it too)
        withheld=lambda d: None if named_now else WITHHELD_GIFT_REASON,
    )
    return out | own


async def blood_eligibility(
    conn: asyncpg.Connection, policy: Policy, donor_id: uuid.UUID, on: Any, kind: blood.BloodKind
) -> dict[str, Any]:
    repo = DonationRepository(conn)
    donor = await repo.donor(donor_id)
    if donor is None or donor["erased_at"] is not None:
        raise NotFound(f"donor {donor_id} not found")
    history = await repo.blood_history(donor_id)
    reason = None
    refused: dict[str, Any] = {}
    try:
        blood.check_eligible(policy.blood, history, on, kind, donor["birth_date"])
    except (Conflict, Invalid) as exc:
        reason, refused = exc.message, exc.details
    return {
        "donor_id": donor_id,
        "on": on,
        "kind": kind,
        "eligible": reason is None,
        "reason": reason,
        # what refused the day, as the refusal of a gift recorded on it says (the rule of the earlier donations:
        # the first day after them; of a later one: that donation's day), else nothing
        "next_eligible_on": refused.get("next_eligible_on"),
        "later_donation_on": refused.get("later_donation_on"),
        "donations": len(history),
    }


async def donor_record(conn: asyncpg.Connection, policy: Policy, donor_id: uuid.UUID) -> dict[str, Any]:
    """A donor's own record (access right of the data subject), every gift and pledge with its unit and its
    campaign's organising unit (what a scoped user's view is filtered by: ``access.donor_within_scope``)."""
    d = await DonationRepository(conn).donor(donor_id)
    if d is None:
        raise NotFound(f"donor {donor_id} not found")
    gifts = await conn.fetch(
        "SELECT d.id, d.campaign_id, d.unit_id, l.organising_unit_id, d.kind, d.amount_vnd, d.value_vnd,"
        " d.blood_units, d.received_on, d.receipt_no, (r.id IS NOT NULL) AS reversed"
        " FROM donations d JOIN ledgers l USING (campaign_id)"
        " LEFT JOIN donation_reversals r ON r.donation_id = d.id WHERE d.donor_id = $1 ORDER BY d.received_on",
        donor_id,
    )
    pledges = await conn.fetch(
        "SELECT p.id, p.campaign_id, p.unit_id, l.organising_unit_id, p.amount_vnd AS pledged_vnd,"
        " p.instalments AS instalments_count, p.interval_days, p.first_due_on"
        " FROM pledges p JOIN ledgers l USING (campaign_id) WHERE p.donor_id = $1 ORDER BY p.first_due_on, p.id",
        donor_id,
    )
    return {
        "id": d["id"],
        "type": d["donor_type"],
        "name": d["name"],
        "public_name": public_name(d["consent_to_be_named"], d["name"], policy.anonymous_label),
        "phone": d["phone"],
        "id_number": d["id_number"],
        "birth_date": d["birth_date"],
        "consent_to_be_named": d["consent_to_be_named"],
        "erased": d["erased_at"] is not None,
        "donations": [dict(g) for g in gifts],
        "pledges": [dict(p) for p in pledges],
    }


async def correct_donor(
    conn: asyncpg.Connection, policy: Policy, donor_id: uuid.UUID, changes: Mapping[str, Any]
) -> None:
    """Correct a donor's details (``changes``: name, phone, id_number, birth_date; None clears the phone or
    the identity number). An erased donor takes no change (409); an identity number another record of the
    same type holds is refused (409, naming it: the two records are one person's, to be told to the office);
    a birth date after today is a 422. The public ledger's lines follow a corrected name (migration 0004's
    trigger), and its cached answers are renewed (0007's)."""
    if "birth_date" in changes and changes["birth_date"] > policy.today():
        raise Invalid(f"birth_date {changes['birth_date']} is in the future", field="birth_date")
    async with conn.transaction():
        d = await conn.fetchrow("SELECT * FROM donors WHERE id = $1 FOR UPDATE", donor_id)
        if d is None:
            raise NotFound(f"donor {donor_id} not found")
        if d["erased_at"] is not None:
            raise Conflict(f"donor {donor_id}'s personal data was erased at their request: the record takes no change")
        born = changes.get("birth_date")
        if born is not None:  # the blood they gave was checked against an age: the new date must agree with it
            rules = policy.blood
            for on in await conn.fetchval(
                "SELECT ARRAY[min(received_on), max(received_on)] FROM donations d WHERE d.donor_id = $1"
                f" AND d.kind = 'blood' AND {BLOOD_GIVEN}",
                donor_id,
            ):
                if on is not None and not rules.min_age <= blood.age_on(born, on) <= rules.max_age:
                    raise Invalid(
                        f"birth_date {born} makes the donor {blood.age_on(born, on)} on {on}, when they gave blood "
                        f"({rules.min_age}–{rules.max_age} years old): check the date",
                        field="birth_date",
                    )
        number = changes.get("id_number")
        if number:
            other = await conn.fetchval(
                "SELECT id FROM donors WHERE donor_type = $1 AND id_number = $2 AND id <> $3",
                d["donor_type"],
                number,
                donor_id,
            )
            if other is not None:
                raise Conflict(
                    f"another donor record ({other}) holds identity number {number}: both are one donor's; "
                    "ask the office to merge them",
                    field="id_number",
                    donor_id=str(other),
                )
        sets = [f"{name} = ${i}" for i, name in enumerate(changes, 2)]  # (names: the body's fields)
        try:
            await conn.execute(f"UPDATE donors SET {', '.join(sets)} WHERE id = $1", donor_id, *changes.values())
        except asyncpg.UniqueViolationError as exc:  # the same number given to another record meanwhile
            raise Conflict(f"another donor record holds identity number {number}", field="id_number") from exc


async def erase_donor(conn: asyncpg.Connection, donor_id: uuid.UUID) -> dict[str, Any]:
    """Erase a donor's personal data (Law 91/2025); the donations stay, by opaque id, anonymised."""
    repo = DonationRepository(conn)
    if await repo.donor(donor_id) is None:
        raise NotFound(f"donor {donor_id} not found")
    async with conn.transaction():
        erased = await repo.erase_donor(donor_id)
    return {"donor_id": donor_id, "erased": True, "already_erased": not erased}


async def erase_payer(conn: asyncpg.Connection, donation_id: uuid.UUID) -> dict[str, Any]:
    """Erase the personal data of a gift's payer (Law 91/2025): a transfer recorded from a bank statement names
    its payer and carries their note, with no donor record to erase. A gift whose donor is on record is
    erased with its donor (409 naming ``donor_id``)."""
    repo = DonationRepository(conn)
    async with conn.transaction():
        row = await conn.fetchrow("SELECT donor_id FROM donations WHERE id = $1 FOR UPDATE", donation_id)
        if row is None:
            raise _missing(donation_id)
        if row["donor_id"] is not None:
            raise Conflict(
                f"donation {donation_id} has a donor on record: erase the donor (DELETE /donors/{{donor_id}})",
                field="donor_id",
                donor_id=str(row["donor_id"]),
            )
        erased = await repo.erase_payer(donation_id)
    return {"donation_id": donation_id, "erased": True, "already_erased": not erased}


async def set_consent(conn: asyncpg.Connection, donor_id: uuid.UUID, consent: bool) -> dict[str, Any]:
    """Give or withdraw consent to be named; the public ledger's label follows on the next read (it is
    computed from this row), and its name search in the same transaction (migration 0004's trigger). A
    withdrawal stands until consent is given here again: a later gift's consent does not undo it."""
    done = await conn.fetchval(
        "UPDATE donors SET consent_to_be_named = $2,"
        " consent_withdrawn_at = CASE WHEN $2 THEN NULL ELSE coalesce(consent_withdrawn_at, now()) END"
        " WHERE id = $1 AND erased_at IS NULL RETURNING true",
        donor_id,
        consent,
    )
    if not done:
        raise NotFound(f"donor {donor_id} not found (or erased)")
    return {"donor_id": donor_id, "consent_to_be_named": consent}
