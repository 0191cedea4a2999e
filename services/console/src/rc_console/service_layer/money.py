"""The money screens: a campaign's page in full (targets, gifts by page, distributions, beneficiaries,
humanitarian addresses, blood sessions), the request bodies of gifts in kind and blood and of
distributions, and bank-statement imports run in the background with their progress."""

from __future__ import annotations

import asyncio
import contextlib
import functools
import uuid
from collections import OrderedDict
from dataclasses import dataclass, field
from typing import Any, TypeAlias

from rc_clients.campaigns.models import BeneficiaryOut, BeneficiarySummaryOut, BloodSessionOut, CampaignOut
from rc_clients.donations.models import DistributionOut, LedgerOut
from rc_console.adapters import campaign_ops as calls
from rc_console.adapters.upstream import Api, ApiError, GiftRow, patiently
from rc_console.domain.model import User
from rc_console.domain.money import (
    ITEM_ROWS,
    STATEMENT_BATCH,
    Paging,
    Statement,
    earlier_handouts,
    paging,
    statement_reason,
)
from rc_console.i18n import Text, lazy_gettext, lazy_pgettext
from rc_console.i18n import gettext as _
from rc_console.service_layer.screens import CampaignPage, campaign_page, organises, recording_units, whole_number
from rc_shared.logging import get_logger

log = get_logger(__name__)
TARGET_LABELS: dict[str, tuple[Text, Text]] = {  # target → (label, unit; "đ": an amount in đồng)
    "cash_vnd": (lazy_gettext("Tiền"), "đ"),  # cash and transfers alike
    "in_kind_value_vnd": (lazy_gettext("Hiện vật (giá trị)"), "đ"),
    "beneficiaries": (
        lazy_gettext("Người, hộ được hỗ trợ"),
        lazy_pgettext("a target", "người, hộ"),
    ),  # (each counted once)
    "blood_units": (lazy_gettext("Máu"), lazy_pgettext("a target", "đơn vị")),
}


Recipient: TypeAlias = BeneficiarySummaryOut | BeneficiaryOut  # who a distribution went to (its name and commune shown)


@dataclass(frozen=True)
class TargetRow:
    name: str
    label: Text
    unit: Text
    raised: int
    target: int | None
    percent: int | None  # for the bar: whole percent, at most 100


@dataclass(frozen=True)
class Balance:
    """What a campaign received, distributed (net of reversals) and has left to distribute, in money and in
    goods (by value), from its ledger in the donations service."""

    cash_received: int
    cash_distributed: int
    cash_left: int
    goods_received: int
    goods_distributed: int
    goods_left: int

    @classmethod
    def of(cls, ledger: LedgerOut) -> Balance:
        cash, goods = ledger.cash, ledger.in_kind
        return cls(
            cash.net_received_vnd,
            cash.net_distributed_vnd,
            cash.balance_vnd,
            goods.net_received_value_vnd,
            goods.net_distributed_value_vnd,
            goods.balance_value_vnd,
        )


async def balance(api: Api, campaign_id: uuid.UUID) -> Balance | None:
    """The campaign's :class:`Balance` (None: no ledger yet, the launch has not reached donations; or not in
    the user's scope)."""
    ledger = await or_none(api.ledger(campaign_id), 403, 404)
    return None if ledger is None else Balance.of(ledger)


@dataclass
class CampaignDetail:
    """A campaign's page: the first slice's page, and what the money screens add."""

    page: CampaignPage
    campaign: CampaignOut
    targets: list[TargetRow]
    gifts: list[GiftRow] | None  # this page of gifts by receipt (None: no ledger yet)
    gift_paging: Paging | None
    distributions: list[DistributionOut] | None
    beneficiaries: list[BeneficiarySummaryOut] | None  # None: not readable in the user's scope
    addresses: list[BeneficiarySummaryOut] | None
    sessions: list[BloodSessionOut] | None
    can_distribute: bool
    can_import: bool
    can_reverse: bool
    ledger_opening: bool = False
    """A campaign under way whose ledger the donations service does not have yet: it opens the ledger
    when the campaign's launch event reaches it, moments after the launch (the page says so)."""
    distribution_offset: int = 0  # the distributions before this page's (oldest first)
    recipients: dict[str, Recipient] = field(default_factory=dict)
    """Who each distribution shown went to, by beneficiary id: the campaign's beneficiaries and the organising
    unit's humanitarian addresses the page read, and any other recipient of the page's distributions read by
    its id (one the user may not read: '–')."""
    more_distributions: bool = False  # a page of distributions follows
    more_beneficiaries: bool = False  # the campaign has more beneficiaries than the page lists
    balance: Balance | None = None  # received, distributed and left (None: no ledger yet)


DISTRIBUTIONS_SHOWN = 100  # a page of the campaign's distributions (``dist``: the offset of the page)
BENEFICIARIES_SHOWN = 500  # the campaign's beneficiaries on its page (more: the page says so)
MAX_OFFSET = 10**9  # the services' largest offset of a list (rc_shared.api.Offset)
RECIPIENTS_OFFERED = 2_000  # the verified beneficiaries a distribution's form offers (more: it says so)
RECIPIENTS_AT_ONCE = 4  # recipients read by id at once (of the pool's connections to the campaigns service)
DISTRIBUTING = ("launched", "closed")  # the ledger states in which distributions are recorded


async def or_none(call: Any, *statuses: int) -> Any:
    """The call's answer, or None when the service answers one of ``statuses`` (not there, not in scope)."""
    try:
        return await call
    except ApiError as exc:
        if exc.problem.status in statuses:
            return None
        raise


async def _none() -> None:
    return None


def targets(c: CampaignOut) -> list[TargetRow]:
    """Each target the campaign tracks, or has progress on, with its progress (from the campaigns API)."""
    out = []
    p = c.progress
    for name, (label, unit) in TARGET_LABELS.items():
        tp = getattr(p, name)
        target = tp.target if isinstance(tp.target, int) else None
        if target is None and not tp.raised:
            continue
        pct = None if target is None or target <= 0 else min(100, max(0, tp.raised * 100 // target))
        out.append(TargetRow(name, label, unit, tp.raised, target, pct))
    return out


async def campaign_detail(
    api: Api, user: User, campaign_id: uuid.UUID, after: int | None, page_size: int, distribution_offset: int = 0
) -> CampaignDetail:
    """Everything the campaign's page shows, read concurrently; then what depends on the campaign: its
    organising unit's humanitarian addresses, and its blood sessions (only a blood drive has any).
    ``distribution_offset``: the page of distributions shown (DISTRIBUTIONS_SHOWN a page, oldest first)."""
    c, gifts, distributions, beneficiaries, held = await asyncio.gather(
        api.campaign(campaign_id),
        or_none(api.donations_page(campaign_id, page_size + 1, after), 404),
        or_none(api.distributions_of(campaign_id, DISTRIBUTIONS_SHOWN + 1, distribution_offset), 404),
        or_none(api.beneficiaries(campaign_id=campaign_id, limit=BENEFICIARIES_SHOWN + 1), 403, 404),
        balance(api, campaign_id),
    )
    addresses, sessions, organised, units = await asyncio.gather(
        or_none(api.beneficiaries(unit_id=c.organising_unit_id, humanitarian_address=True), 403, 404),
        or_none(api.blood_sessions(campaign_id), 403, 404) if str(c.campaign_type) == "blood_drive" else _none(),
        organises(api, user, c),
        recording_units(api, c),
    )
    shown_distributions = list(distributions.items[:DISTRIBUTIONS_SHOWN]) if distributions is not None else None
    known: dict[str, Recipient] = {
        str(b.id): b for page in (beneficiaries, addresses) if page is not None for b in page.items
    }
    found = await recipients_by_id(api, {x.beneficiary_id for x in shown_distributions or []}, known)
    shown = gifts[:page_size] if gifts is not None else None
    page = campaign_page(user, c, c.progress.cash_vnd.raised, shown, organised, units)  # the campaign's own progress
    state = str(c.state)
    ledger = gifts is not None
    return CampaignDetail(
        page=page,
        campaign=c,
        targets=targets(c),
        gifts=shown,
        gift_paging=paging(after, page_size, [g.receipt_no for g in gifts]) if gifts is not None else None,
        distributions=shown_distributions,
        beneficiaries=list(beneficiaries.items[:BENEFICIARIES_SHOWN]) if beneficiaries is not None else None,
        addresses=list(addresses.items) if addresses is not None else None,
        sessions=list(sessions.items) if sessions is not None else None,
        can_distribute=ledger and state in DISTRIBUTING and user.can("manage"),
        can_import=ledger and state in ("launched", "closed") and user.can("write"),
        can_reverse=ledger and user.can("manage"),
        ledger_opening=not ledger and state in DISTRIBUTING,
        distribution_offset=distribution_offset,
        recipients=known | found,
        more_distributions=distributions is not None and len(distributions.items) > DISTRIBUTIONS_SHOWN,
        more_beneficiaries=beneficiaries is not None and len(beneficiaries.items) > BENEFICIARIES_SHOWN,
        balance=held,
    )


async def recipients_by_id(
    api: Api, ids: set[uuid.UUID], known: dict[str, Recipient], at_once: int = RECIPIENTS_AT_ONCE
) -> dict[str, Recipient]:
    """The beneficiaries of ``ids`` not already ``known``, each read by its id (the campaigns API has no
    lookup of several ids; the page lists at most BENEFICIARIES_SHOWN of the campaign's, so a handout to a
    household beyond them, or to an address of another unit, is read here), ``at_once`` at a time. One
    outside the user's scope, or no longer there, is left out (the page shows '–')."""
    missing = sorted(str(i) for i in ids if str(i) not in known)
    if not missing:
        return {}
    bound = asyncio.Semaphore(at_once)

    async def read(beneficiary_id: str) -> BeneficiaryOut | None:
        async with bound:
            return await or_none(calls.beneficiary(api, uuid.UUID(beneficiary_id)), 403, 404)

    found = await asyncio.gather(*(read(i) for i in missing))
    return {i: b for i, b in zip(missing, found, strict=True) if b is not None}


def recipient_query(text: str) -> str | None:
    """A search of the distribution form's recipients as typed: None when there is nothing to search for
    (empty, or no letter or digit), else at most 100 characters of it, spaces collapsed."""
    words = " ".join(text.split())[:100]
    return words if any(ch.isalnum() for ch in words) else None


async def recipients(api: Api, c: CampaignOut, q: str | None = None) -> tuple[list[BeneficiarySummaryOut], bool]:
    """Who a distribution may go to: the campaign's verified beneficiaries, then the verified humanitarian
    addresses in the user's scope (each once; the units under the organiser register them too), at most
    RECIPIENTS_OFFERED of each, only those whose name, address or commune holds ``q`` when given; and
    whether there are more than that (the form says so, and offers the search)."""
    limit = RECIPIENTS_OFFERED + 1
    own, addresses = await asyncio.gather(
        or_none(api.beneficiaries(campaign_id=c.id, verified=True, limit=limit, q=q), 403, 404),
        or_none(api.beneficiaries(verified=True, humanitarian_address=True, limit=limit, q=q), 403, 404),
    )
    seen: dict[uuid.UUID, BeneficiarySummaryOut] = {}
    more = False
    for page in (own, addresses):
        items = list(page.items) if page is not None else []
        more = more or len(items) > RECIPIENTS_OFFERED
        for b in items[:RECIPIENTS_OFFERED]:
            seen.setdefault(b.id, b)
    return list(seen.values()), more


# ------------------------------------------------------------------ request bodies


def _donor(form: dict[str, str], default_type: str) -> dict[str, Any]:
    donor: dict[str, Any] = {"type": form.get("donor_type", default_type).strip()}
    for name in ("name", "phone", "id_number", "birth_date"):
        if form.get(f"donor_{name}", "").strip():
            donor[name] = form[f"donor_{name}"].strip()
    donor["consent_to_be_named"] = form.get("donor_consent") == "yes"
    return donor


def _gift(form: dict[str, str], kind: str) -> dict[str, Any]:
    body: dict[str, Any] = {"kind": kind, "received_on": form.get("received_on", "").strip()}
    for name in ("description", "unit_id"):
        if form.get(name, "").strip():
            body[name] = form[name].strip()
    return body


def in_kind_body(form: dict[str, str]) -> dict[str, Any]:
    """The donations API's body for a gift in kind: the items of the rows where anything was typed."""
    body = _gift(form, "in_kind")
    body["channel"] = form.get("channel", "").strip()
    items = []
    for i in range(ITEM_ROWS):
        row = {k: form.get(f"item_{i}_{k}", "").strip() for k in ("item", "quantity", "unit", "assessed_value_vnd")}
        if any(row.values()):
            items.append(
                {
                    "item": row["item"],
                    "quantity": whole_number(row["quantity"]),
                    "unit": row["unit"],
                    "assessed_value_vnd": whole_number(row["assessed_value_vnd"]),
                }
            )
    body["items"] = items
    if form.get("donor_type", "anonymous").strip() != "anonymous":
        body["donor"] = _donor(form, "individual")
    return body


def blood_body(form: dict[str, str]) -> dict[str, Any]:
    """The donations API's body for a blood gift (its donor is an identified individual)."""
    body = _gift(form, "blood")
    body["units"] = whole_number(form.get("units", ""))
    body["blood_kind"] = form.get("blood_kind", "").strip()
    body["donor"] = _donor(form, "individual")
    return body


HANDOUTS_READ = 1000  # a recipient's distributions in one campaign read before recording one (the API's page)


async def handed_out_before(api: Api, campaign_id: uuid.UUID, form: dict[str, str]) -> list[DistributionOut]:
    """The distributions of the form's recipient in this campaign that make the one sent a second handout
    (``earlier_handouts``), to be confirmed before it is recorded; none once the form confirms it for this
    recipient (``repeat_of``: its id), or when they cannot be read (the check is advice: the recording itself
    then says what is wrong)."""
    try:
        who = uuid.UUID(form.get("beneficiary_id", "").strip())
    except ValueError:
        return []
    if form.get("repeat_of", "") == str(who):
        return []
    try:
        c, page = await asyncio.gather(
            api.campaign(campaign_id), api.distributions_of(campaign_id, HANDOUTS_READ, beneficiary_id=who)
        )
    except ApiError:
        return []
    return earlier_handouts(page.items, str(c.campaign_type), form.get("distributed_on", ""))


async def given_to(api: Api, campaign_id: uuid.UUID, recipient: str) -> bool | None:
    """Whether ``recipient`` (an id as a link gives it; empty: none) holds a distribution of this campaign not
    reversed: the form names who was recorded only then, not because its address says so. None: not known
    (the list could not be read; the form then says a distribution was recorded, naming no one)."""
    try:
        who = uuid.UUID(recipient)
    except ValueError:
        return False
    try:
        page = await api.distributions_of(campaign_id, HANDOUTS_READ, beneficiary_id=who)
    except ApiError as exc:
        return False if exc.problem.status in (403, 404) else None
    return any(not d.reversed_ for d in page.items)


def distribution_body(form: dict[str, str]) -> dict[str, Any]:
    """The donations API's body for a distribution to a verified beneficiary; the form's one amount
    field ``vnd`` is the cash given or the goods' value, by kind."""
    kind = form.get("kind", "").strip()
    body: dict[str, Any] = {
        "beneficiary_id": form.get("beneficiary_id", "").strip(),
        "kind": kind,
        "distributed_on": form.get("distributed_on", "").strip(),
        ("value_vnd" if kind == "goods" else "amount_vnd"): whole_number(form.get("vnd", "")),
    }
    for name in ("description", "support_level", "decision_no", "support_kind", "unit_id"):
        if form.get(name, "").strip():
            body[name] = form[name].strip()
    for name in ("quantity", "people_reached"):
        if form.get(name, "").strip():
            body[name] = whole_number(form[name])
    return body


# ------------------------------------------------------------------ bank-statement imports


@dataclass
class ImportLine:
    line: int
    bank_reference: str
    amount: str
    status: str  # created | duplicate | rejected
    reason: str = ""
    donation_id: uuid.UUID | None = None


@dataclass
class ImportJob:
    """One upload's import, run in the background in batches; the page polls it."""

    id: uuid.UUID
    owner: str  # the session's subject: only they see it
    campaign_id: uuid.UUID
    campaign_name: str
    total: int
    done: int = 0
    created: int = 0
    duplicate: int = 0
    rejected: int = 0
    created_amount_vnd: int = 0
    lines: list[ImportLine] = field(default_factory=list)
    finished: bool = False
    failure: str = ""  # why the import stopped before its end (the rows before were imported)
    waiting_s: float | None = None  # the donations service is busy: the next batch is sent again after this

    @property
    def percent(self) -> int:
        return 100 if not self.total else self.done * 100 // self.total


class Imports:
    """The imports of this console process (newest ``keep`` jobs), each running as a task.

    The console owns no database: an import's progress lives in the process that runs it (a restart
    loses the page, not the rows: the donations service has them, and a re-run answers duplicates)."""

    def __init__(self, keep: int = 50) -> None:
        self.keep = keep
        self._jobs: OrderedDict[uuid.UUID, ImportJob] = OrderedDict()
        self._tasks: set[asyncio.Task[None]] = set()

    def get(self, job_id: uuid.UUID, owner: str) -> ImportJob | None:
        job = self._jobs.get(job_id)
        return job if job is not None and job.owner == owner else None

    def start(self, api: Api, owner: str, c: CampaignOut, statement: Statement) -> ImportJob:
        job = ImportJob(uuid.uuid4(), owner, c.id, c.name, total=len(statement.rows) + len(statement.refused))
        for line, rec, reason in statement.refused:
            job.lines.append(
                ImportLine(line, rec.get("bank_reference") or "", rec.get("amount_vnd") or "", "rejected", reason)
            )
            job.rejected += 1
            job.done += 1
        self._jobs[job.id] = job
        while len(self._jobs) > self.keep:
            self._jobs.popitem(last=False)
        task = asyncio.create_task(run_import(api, job, statement.rows))
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)
        return job

    async def close(self) -> None:
        for t in list(self._tasks):
            t.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await t


async def run_import(
    api: Api, job: ImportJob, rows: list[tuple[int, dict[str, Any]]], batch: int = STATEMENT_BATCH
) -> None:
    """Send the rows in batches; each batch's per-row results go to the job as they come. A busy
    donations service (429, 503, no answer) is asked again (:func:`patiently`): a resent row is
    deduplicated by its bank reference, so an answer lost on the way shows it as a duplicate."""

    def waiting(pause: float | None) -> None:
        job.waiting_s = pause

    try:
        for start in range(0, len(rows), batch):
            chunk = rows[start : start + batch]
            body = [r for _line, r in chunk]
            out = await patiently(functools.partial(api.import_statement, job.campaign_id, body), waiting)
            for res in out.results:
                line, rec = chunk[res.index]
                status = str(res.status)
                reason = (
                    "" if status == "created" else statement_reason(res.reason if isinstance(res.reason, str) else None)
                )
                did = res.donation_id if isinstance(res.donation_id, uuid.UUID) else None
                job.lines.append(
                    ImportLine(line, rec.get("bank_reference") or "", rec.get("amount_vnd") or "", status, reason, did)
                )
            job.created += out.created
            job.duplicate += out.duplicate
            job.rejected += out.rejected
            job.created_amount_vnd += out.created_amount_vnd
            job.done += len(chunk)
    except ApiError as exc:
        job.failure = exc.problem.message + (f" ({exc.problem.detail})" if exc.problem.detail else "")
    except Exception as exc:  # the page says it stopped; the log says why
        log.exception("statement_import_failed", job_id=str(job.id))
        job.failure = _("Lỗi không mong đợi: %(error)s") % {"error": type(exc).__name__}
    finally:
        job.lines.sort(key=lambda x: x.line)
        job.finished = True
