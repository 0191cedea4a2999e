"""Writes to the campaign projection tables: one SQL statement per event (or per run of donations),
order-tolerant, idempotent.

Every statement is an upsert keyed by the fact's own id that sets only the columns its event
knows, so the three topics may arrive in any relative order (a donation before its campaign's
launch; in a replay even a reversal before its donation) and still give the same rows. A ledger
fact also makes its campaign known (an ``INSERT .. ON CONFLICT`` in the same statement) so that it
can be reported before the launch event arrives. Re-applying an event changes no figure.

Every statement that touches a campaign gives it a fresh ``version`` (a sequence value): the
ETag of its public answers.

Donation rows also feed the cohort tables the reports read (see migration 0003): a statement that
writes donation rows adds each row's contribution after the write and subtracts its contribution
before it, in the same statement; one more statement per run recomputes the donor spans of the
(campaign, donor) pairs whose gifts changed, and one more prunes the cohorts a change left empty
(only when there are any).
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import date, datetime
from typing import Any, NamedTuple

import asyncpg

from rc_shared.db import all_new_or

CAMPAIGN_TABLES = (
    "rpt_campaigns",
    "rpt_campaign_donations",
    "rpt_campaign_cohorts",
    "rpt_campaign_unit_cohorts",
    "rpt_campaign_pledge_cohorts",
    "rpt_campaign_donor_spans",
    "rpt_campaign_pledges",
    "rpt_campaign_distributions",
    "rpt_campaign_targets_reached",
    "rpt_beneficiaries",
    "rpt_beneficiary_campaigns",
)

# Makes the campaign $2 known and gives it a new version; prefixed to every ledger statement whose
# campaign id is $2.
_KNOWN = (
    "WITH known AS (INSERT INTO rpt_campaigns AS c (campaign_id) VALUES ($2::uuid)"
    " ON CONFLICT (campaign_id) DO UPDATE SET version = EXCLUDED.version)\n"
)

_LAUNCHED = """
INSERT INTO rpt_campaigns AS c (
    campaign_id, launched, launched_at, code, name, campaign_type, organising_unit_id, participating_unit_ids,
    parent_campaign_id, receiving_from, receiving_until, distribution_deadline,
    target_cash_vnd, target_in_kind_value_vnd, target_blood_units, target_beneficiaries)
VALUES ($1, true, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)
ON CONFLICT (campaign_id) DO UPDATE SET
    version = EXCLUDED.version, launched = true, launched_at = coalesce(c.launched_at, EXCLUDED.launched_at),
    code = EXCLUDED.code, name = EXCLUDED.name, campaign_type = EXCLUDED.campaign_type,
    organising_unit_id = EXCLUDED.organising_unit_id, participating_unit_ids = EXCLUDED.participating_unit_ids,
    parent_campaign_id = EXCLUDED.parent_campaign_id, receiving_from = EXCLUDED.receiving_from,
    receiving_until = EXCLUDED.receiving_until, distribution_deadline = EXCLUDED.distribution_deadline,
    target_cash_vnd = EXCLUDED.target_cash_vnd, target_in_kind_value_vnd = EXCLUDED.target_in_kind_value_vnd,
    target_blood_units = EXCLUDED.target_blood_units, target_beneficiaries = EXCLUDED.target_beneficiaries
"""


async def launch_campaign(
    conn: asyncpg.Connection,
    campaign_id: uuid.UUID,
    launched_at: datetime,
    code: str,
    name: str,
    campaign_type: str,
    organising_unit_id: uuid.UUID,
    participating_unit_ids: Sequence[uuid.UUID],
    parent_campaign_id: uuid.UUID | None,
    receiving_from: date,
    receiving_until: date,
    distribution_deadline: date,
    targets: Sequence[int | None],
) -> None:
    """``targets``: cash_vnd, in_kind_value_vnd, blood_units, beneficiaries (None: not tracked)."""
    await conn.execute(
        _LAUNCHED, campaign_id, launched_at, code, name, campaign_type, organising_unit_id,
        list(participating_unit_ids), parent_campaign_id, receiving_from, receiving_until, distribution_deadline,
        *targets,
    )  # fmt: skip


_LIFECYCLE_COLUMNS = {"closed_on", "settled_on", "cancelled_on", "ledger_closed_on", "distribution_deadline"}


async def set_lifecycle_date(
    conn: asyncpg.Connection, campaign_id: uuid.UUID, column: str, on: date, reason: str | None = None
) -> None:
    """Closed, settled, cancelled (with its reason), ledger closed, or the distribution deadline, on a date."""
    if column not in _LIFECYCLE_COLUMNS:
        raise ValueError(f"not a lifecycle column: {column}")
    await conn.execute(
        f"""
        INSERT INTO rpt_campaigns AS c (campaign_id, {column}, cancel_reason) VALUES ($1, $2, $3)
        ON CONFLICT (campaign_id) DO UPDATE
            SET version = EXCLUDED.version, {column} = EXCLUDED.{column},
                cancel_reason = coalesce(EXCLUDED.cancel_reason, c.cancel_reason)
        """,
        campaign_id,
        on,
        reason,
    )


async def set_remainder_note(conn: asyncpg.Connection, campaign_id: uuid.UUID, note: str) -> None:
    """What the settlement does with what was left (empty: nothing said)."""
    await conn.execute(
        "UPDATE rpt_campaigns SET remainder_note = nullif($2, '') WHERE campaign_id = $1", campaign_id, note
    )


async def open_ledger(
    conn: asyncpg.Connection, campaign_id: uuid.UUID, organising_unit_id: uuid.UUID, receiving_until: date
) -> None:
    """The ledger's copy of the campaign's unit and end date; the launch event's values win."""
    await conn.execute(
        """
        INSERT INTO rpt_campaigns AS c (campaign_id, ledger_opened, organising_unit_id, receiving_until)
        VALUES ($1, true, $2, $3)
        ON CONFLICT (campaign_id) DO UPDATE SET
            version = EXCLUDED.version, ledger_opened = true,
            organising_unit_id = CASE WHEN c.launched THEN c.organising_unit_id ELSE EXCLUDED.organising_unit_id END,
            receiving_until = CASE WHEN c.launched THEN c.receiving_until ELSE EXCLUDED.receiving_until END
        """,
        campaign_id,
        organising_unit_id,
        receiving_until,
    )


_TARGET_REACHED = (
    _KNOWN
    + """
INSERT INTO rpt_campaign_targets_reached (campaign_id, target, target_value, reached_value, reached_at, reached_on)
VALUES ($2, $1, $3, $4, $5, $6)
ON CONFLICT (campaign_id, target) DO NOTHING
"""
)


async def record_target_reached(
    conn: asyncpg.Connection,
    campaign_id: uuid.UUID,
    target: str,
    target_value: int,
    reached_value: int,
    reached_at: datetime,
    reached_on: date,
) -> None:
    """Once per campaign and target: the first event wins."""
    await conn.execute(_TARGET_REACHED, target, campaign_id, target_value, reached_value, reached_at, reached_on)


_EMPTY_COHORT = "k.donations = 0 AND k.cash_vnd = 0 AND k.in_kind_vnd = 0 AND k.blood_units = 0 AND k.donors = 0"
_EMPTY_UNIT_COHORT = (
    "k.donations = 0 AND k.cash_vnd = 0 AND k.in_kind_vnd = 0 AND k.blood_units = 0"
    " AND k.credited_donations = 0 AND k.credited_cash_vnd = 0"
)

# The tail of a statement that writes donation rows: ``old`` (the rows before: every part of a
# statement reads the same snapshot, taken before its writes) and ``new`` (the rows after, from
# RETURNING) are defined by the caller. (``FOR UPDATE`` in ``old`` would silently skip the rows the
# same statement updates.) A donation's events have one writer at a time: the ledger topic is keyed
# by campaign, so they are on one partition, consumed by one member of the group. Applies new minus old contributions
# to the cohorts, gives the campaigns a new version, and returns ('pair', campaign, donor) for the
# donors whose gifts changed dates or owner (their spans need recomputing) and (table, campaign,
# id, received_on, reversed_on) for the cohorts left empty (pruned, so that the tables hold the
# same rows whatever the arrival order of the events).
_COHORT_DELTAS = f""",
moves AS (
    SELECT 1 AS sign, n.campaign_id, n.unit_id, n.credited_unit_id, n.pledge_id, n.donor_id, n.received_on,
           coalesce(n.reversed_on, 'infinity'::date) AS reversed_on, n.amount_vnd, n.value_vnd, n.blood_units
    FROM new n WHERE n.received_on IS NOT NULL
    UNION ALL
    SELECT -1, o.campaign_id, o.unit_id, o.credited_unit_id, o.pledge_id, o.donor_id, o.received_on,
           coalesce(o.reversed_on, 'infinity'::date), o.amount_vnd, o.value_vnd, o.blood_units
    FROM old o WHERE o.received_on IS NOT NULL
),
campaign_cohorts AS (
    INSERT INTO rpt_campaign_cohorts AS k
        (campaign_id, received_on, reversed_on, donations, cash_vnd, in_kind_vnd, blood_units, donors)
    SELECT campaign_id, received_on, reversed_on, sum(sign), sum(sign * amount_vnd), sum(sign * value_vnd),
           sum(sign * blood_units), coalesce(sum(sign) FILTER (WHERE donor_id IS NULL), 0)
    FROM moves GROUP BY campaign_id, received_on, reversed_on
    HAVING sum(sign) <> 0 OR sum(sign * amount_vnd) <> 0 OR sum(sign * value_vnd) <> 0
        OR sum(sign * blood_units) <> 0 OR sum(sign) FILTER (WHERE donor_id IS NULL) <> 0
    ON CONFLICT (campaign_id, received_on, reversed_on) DO UPDATE SET
        donations = k.donations + EXCLUDED.donations, cash_vnd = k.cash_vnd + EXCLUDED.cash_vnd,
        in_kind_vnd = k.in_kind_vnd + EXCLUDED.in_kind_vnd, blood_units = k.blood_units + EXCLUDED.blood_units,
        donors = k.donors + EXCLUDED.donors
    RETURNING k.campaign_id, k.received_on, k.reversed_on, ({_EMPTY_COHORT}) AS empty
),
unit_moves AS (
    SELECT unit_id, received_on, campaign_id, reversed_on, sign AS donations, sign * amount_vnd AS cash_vnd,
           sign * value_vnd AS in_kind_vnd, sign * blood_units AS blood_units, 0 AS credited_donations,
           0::bigint AS credited_cash_vnd
    FROM moves
    UNION ALL
    SELECT credited_unit_id, received_on, campaign_id, reversed_on, 0, 0, 0, 0, sign, sign * amount_vnd
    FROM moves WHERE credited_unit_id IS NOT NULL
),
unit_cohorts AS (
    INSERT INTO rpt_campaign_unit_cohorts AS k
        (unit_id, received_on, campaign_id, reversed_on, donations, cash_vnd, in_kind_vnd, blood_units,
         credited_donations, credited_cash_vnd)
    SELECT unit_id, received_on, campaign_id, reversed_on, sum(donations), sum(cash_vnd), sum(in_kind_vnd),
           sum(blood_units), sum(credited_donations), sum(credited_cash_vnd)
    FROM unit_moves GROUP BY unit_id, received_on, campaign_id, reversed_on
    HAVING sum(donations) <> 0 OR sum(cash_vnd) <> 0 OR sum(in_kind_vnd) <> 0 OR sum(blood_units) <> 0
        OR sum(credited_donations) <> 0 OR sum(credited_cash_vnd) <> 0
    ON CONFLICT (unit_id, received_on, campaign_id, reversed_on) DO UPDATE SET
        donations = k.donations + EXCLUDED.donations, cash_vnd = k.cash_vnd + EXCLUDED.cash_vnd,
        in_kind_vnd = k.in_kind_vnd + EXCLUDED.in_kind_vnd, blood_units = k.blood_units + EXCLUDED.blood_units,
        credited_donations = k.credited_donations + EXCLUDED.credited_donations,
        credited_cash_vnd = k.credited_cash_vnd + EXCLUDED.credited_cash_vnd
    RETURNING k.unit_id, k.received_on, k.campaign_id, k.reversed_on, ({_EMPTY_UNIT_COHORT}) AS empty
),
pledge_cohorts AS (
    INSERT INTO rpt_campaign_pledge_cohorts AS k (campaign_id, pledge_id, received_on, reversed_on, paid_vnd)
    SELECT campaign_id, pledge_id, received_on, reversed_on, sum(sign * amount_vnd)
    FROM moves WHERE pledge_id IS NOT NULL
    GROUP BY campaign_id, pledge_id, received_on, reversed_on
    HAVING sum(sign * amount_vnd) <> 0
    ON CONFLICT (campaign_id, pledge_id, received_on, reversed_on)
        DO UPDATE SET paid_vnd = k.paid_vnd + EXCLUDED.paid_vnd
    RETURNING k.campaign_id, k.pledge_id, k.received_on, k.reversed_on, k.paid_vnd = 0 AS empty
),
versions AS (
    INSERT INTO rpt_campaigns AS c (campaign_id)
    SELECT campaign_id FROM new UNION SELECT campaign_id FROM old
    ON CONFLICT (campaign_id) DO UPDATE SET version = EXCLUDED.version
),
changed AS (
    SELECT n.campaign_id AS new_campaign, n.donor_id AS new_donor, o.campaign_id AS old_campaign,
           o.donor_id AS old_donor
    FROM new n LEFT JOIN old o USING (donation_id)
    WHERE (n.campaign_id, n.donor_id, n.received_on, n.reversed_on)
          IS DISTINCT FROM (o.campaign_id, o.donor_id, o.received_on, o.reversed_on)
),
pairs AS (
    SELECT new_campaign AS campaign_id, new_donor AS donor_id FROM changed WHERE new_donor IS NOT NULL
    UNION
    SELECT old_campaign, old_donor FROM changed WHERE old_donor IS NOT NULL
)
SELECT 'pair' AS what, campaign_id, donor_id AS id, NULL::date AS received_on, NULL::date AS reversed_on FROM pairs
UNION ALL
SELECT 'campaign', campaign_id, NULL, received_on, reversed_on FROM campaign_cohorts WHERE empty
UNION ALL
SELECT 'unit', campaign_id, unit_id, received_on, reversed_on FROM unit_cohorts WHERE empty
UNION ALL
SELECT 'pledge', campaign_id, pledge_id, received_on, reversed_on FROM pledge_cohorts WHERE empty
"""

# Recomputes the donor spans of the pairs ($1 campaigns, $2 donors) from their donation rows, and
# moves the cohorts' ``donors`` from the old spans to the new ones. A span is a maximal union of
# gift intervals [received_on, reversed_on) (gaps and islands); an empty interval (reversed on or
# before its receipt) never counts.
_DONOR_SPANS = f"""
WITH pairs AS (SELECT DISTINCT campaign_id, donor_id FROM unnest($1::uuid[], $2::uuid[]) AS p (campaign_id, donor_id)),
gifts AS (
    SELECT d.campaign_id, d.donor_id, d.received_on AS s, coalesce(d.reversed_on, 'infinity'::date) AS e
    FROM pairs p JOIN rpt_campaign_donations d ON d.campaign_id = p.campaign_id AND d.donor_id = p.donor_id
    WHERE d.received_on IS NOT NULL AND coalesce(d.reversed_on, 'infinity'::date) > d.received_on
),
marked AS (
    SELECT *, coalesce(s > max(e) OVER (PARTITION BY campaign_id, donor_id ORDER BY s, e
                                        ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING), true) AS starts
    FROM gifts
),
islands AS (
    SELECT *, count(*) FILTER (WHERE starts) OVER (PARTITION BY campaign_id, donor_id ORDER BY s, e
                                                   ROWS UNBOUNDED PRECEDING) AS island
    FROM marked
),
spans AS (SELECT campaign_id, donor_id, min(s) AS s, max(e) AS e FROM islands GROUP BY campaign_id, donor_id, island),
dropped AS (
    DELETE FROM rpt_campaign_donor_spans o USING pairs p
    WHERE o.campaign_id = p.campaign_id AND o.donor_id = p.donor_id
    RETURNING o.campaign_id, o.received_on AS s, o.reversed_on AS e
),
added AS (
    INSERT INTO rpt_campaign_donor_spans (campaign_id, donor_id, received_on, reversed_on)
    SELECT campaign_id, donor_id, s, e FROM spans
)
INSERT INTO rpt_campaign_cohorts AS k (campaign_id, received_on, reversed_on, donors)
SELECT campaign_id, s, e, sum(n)
FROM (SELECT campaign_id, s, e, 1 AS n FROM spans UNION ALL SELECT campaign_id, s, e, -1 FROM dropped) m
GROUP BY campaign_id, s, e HAVING sum(n) <> 0
ON CONFLICT (campaign_id, received_on, reversed_on) DO UPDATE SET donors = k.donors + EXCLUDED.donors
RETURNING 'campaign' AS what, k.campaign_id, NULL::uuid AS id, k.received_on, k.reversed_on, ({_EMPTY_COHORT}) AS empty
"""

# Deletes the cohorts given by key that are (still) empty.
_PRUNE = f"""
WITH c AS (
    DELETE FROM rpt_campaign_cohorts k
    USING unnest($1::uuid[], $2::date[], $3::date[]) AS x (campaign_id, received_on, reversed_on)
    WHERE (k.campaign_id, k.received_on, k.reversed_on) = (x.campaign_id, x.received_on, x.reversed_on)
      AND {_EMPTY_COHORT}
),
u AS (
    DELETE FROM rpt_campaign_unit_cohorts k
    USING unnest($4::uuid[], $5::date[], $6::uuid[], $7::date[]) AS x (unit_id, received_on, campaign_id, reversed_on)
    WHERE (k.unit_id, k.received_on, k.campaign_id, k.reversed_on)
          = (x.unit_id, x.received_on, x.campaign_id, x.reversed_on)
      AND {_EMPTY_UNIT_COHORT}
)
DELETE FROM rpt_campaign_pledge_cohorts k
USING unnest($8::uuid[], $9::uuid[], $10::date[], $11::date[]) AS x (campaign_id, pledge_id, received_on, reversed_on)
WHERE (k.campaign_id, k.pledge_id, k.received_on, k.reversed_on)
      = (x.campaign_id, x.pledge_id, x.received_on, x.reversed_on)
  AND k.paid_vnd = 0
"""


async def _apply_cohort_changes(conn: asyncpg.Connection, out: Sequence[asyncpg.Record]) -> None:
    """After a donation statement: recompute the donor spans it asks for, then prune empty cohorts."""
    pairs = [r for r in out if r["what"] == "pair"]
    empty = [r for r in out if r["what"] != "pair"]
    if pairs:
        spans = await conn.fetch(_DONOR_SPANS, [p["campaign_id"] for p in pairs], [p["id"] for p in pairs])
        empty += [r for r in spans if r["empty"]]
    if empty:
        c = [r for r in empty if r["what"] == "campaign"]
        u = [r for r in empty if r["what"] == "unit"]
        p = [r for r in empty if r["what"] == "pledge"]
        await conn.execute(
            _PRUNE,
            [r["campaign_id"] for r in c], [r["received_on"] for r in c], [r["reversed_on"] for r in c],
            [r["id"] for r in u], [r["received_on"] for r in u], [r["campaign_id"] for r in u],
            [r["reversed_on"] for r in u],
            [r["campaign_id"] for r in p], [r["id"] for r in p], [r["received_on"] for r in p],
            [r["reversed_on"] for r in p],
        )  # fmt: skip


# $1..$12: arrays in the column order of DonationRow; one element per donation id.
_DONATIONS_INPUT = """
WITH input AS (
    SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::bigint[], $5::bigint[], $6::int[], $7::uuid[],
                         $8::text[], $9::uuid[], $10::uuid[], $11::uuid[], $12::date[])
        AS i (donation_id, campaign_id, kind, amount_vnd, value_vnd, blood_units, donor_id, donor_type, unit_id,
              credited_unit_id, pledge_id, received_on)
),"""
_DONATIONS_INSERT = """
    INSERT INTO rpt_campaign_donations AS d (
        donation_id, campaign_id, kind, amount_vnd, value_vnd, blood_units, donor_id, donor_type, unit_id,
        credited_unit_id, pledge_id, received_on)
    SELECT * FROM input"""
_DONATIONS = (
    _DONATIONS_INPUT
    + """
old AS MATERIALIZED (
    SELECT d.* FROM rpt_campaign_donations d WHERE d.donation_id = ANY($1::uuid[])
),
new AS ("""
    + _DONATIONS_INSERT
    + """
    ON CONFLICT (donation_id) DO UPDATE SET
        campaign_id = EXCLUDED.campaign_id, kind = EXCLUDED.kind, amount_vnd = EXCLUDED.amount_vnd,
        value_vnd = EXCLUDED.value_vnd, blood_units = EXCLUDED.blood_units, donor_id = EXCLUDED.donor_id,
        donor_type = EXCLUDED.donor_type, unit_id = EXCLUDED.unit_id, credited_unit_id = EXCLUDED.credited_unit_id,
        pledge_id = EXCLUDED.pledge_id, received_on = EXCLUDED.received_on
    RETURNING d.*
)"""
    + _COHORT_DELTAS
)
# The same for donations none of which is there yet (nearly every run): no rows before, a plain INSERT
# (a row already there fails it: :func:`~rc_shared.db.all_new_or` runs ``_DONATIONS`` instead).
_DONATIONS_ALL_NEW = (
    _DONATIONS_INPUT
    + """
old AS (SELECT d.* FROM rpt_campaign_donations d WHERE false),
new AS ("""
    + _DONATIONS_INSERT
    + """
    RETURNING d.*
)"""
    + _COHORT_DELTAS
)

# A donation as recorded: donation_id, campaign_id, kind, amount_vnd, value_vnd, blood_units, donor_id,
# donor_type, unit_id, credited_unit_id, pledge_id, received_on.
DonationRow = tuple[
    uuid.UUID, uuid.UUID, str, int, int, int, uuid.UUID | None, str, uuid.UUID, uuid.UUID | None,
    uuid.UUID | None, date,
]  # fmt: skip


def _columns(rows: Sequence[tuple[Any, ...]], width: int) -> list[list[Any]]:
    return [[r[i] for r in rows] for i in range(width)]


async def record_donations(conn: asyncpg.Connection, rows: Sequence[DonationRow]) -> None:
    """Many donations at once, set-based: one statement for the rows and their cohorts, one for the
    donor spans. A donation recorded twice in the run keeps its last facts (as applied in order)."""
    last = list({r[0]: r for r in rows}.values())
    if last:
        columns = _columns(last, 12)

        async def all_new() -> list[asyncpg.Record]:
            out: list[asyncpg.Record] = await conn.fetch(_DONATIONS_ALL_NEW, *columns)
            return out

        async def some_known() -> list[asyncpg.Record]:
            out: list[asyncpg.Record] = await conn.fetch(_DONATIONS, *columns)
            return out

        await _apply_cohort_changes(conn, await all_new_or(conn, all_new, some_known))


_DONATIONS_REVERSED = (
    """
WITH input AS (
    SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::bigint[], $5::bigint[], $6::int[], $7::uuid[],
                         $8::uuid[], $9::uuid[], $10::date[])
        AS i (donation_id, campaign_id, kind, amount_vnd, value_vnd, blood_units, donor_id, unit_id, reversal_id,
              reversed_on)
),
old AS MATERIALIZED (
    SELECT d.* FROM rpt_campaign_donations d WHERE d.donation_id = ANY($1::uuid[])
),
new AS (
    INSERT INTO rpt_campaign_donations AS d (
        donation_id, campaign_id, kind, amount_vnd, value_vnd, blood_units, donor_id, unit_id, reversal_id,
        reversed_on)
    SELECT * FROM input
    ON CONFLICT (donation_id) DO UPDATE SET
        reversal_id = coalesce(d.reversal_id, EXCLUDED.reversal_id),
        reversed_on = coalesce(d.reversed_on, EXCLUDED.reversed_on)
    RETURNING d.*
)"""
    + _COHORT_DELTAS
)

# A reversal: donation_id, campaign_id, kind, amount_vnd, value_vnd, blood_units, donor_id, unit_id,
# reversal_id, reversed_on.
ReversalRow = tuple[
    uuid.UUID, uuid.UUID, str, int, int, int, uuid.UUID | None, uuid.UUID, uuid.UUID, date
]  # fmt: skip


async def reverse_donations(conn: asyncpg.Connection, rows: Sequence[ReversalRow]) -> None:
    """Marks donations reversed on a date (the first reversal of each wins); nothing is deleted."""
    first: dict[uuid.UUID, ReversalRow] = {}
    for r in rows:
        first.setdefault(r[0], r)
    if first:
        await _apply_cohort_changes(conn, await conn.fetch(_DONATIONS_REVERSED, *_columns(list(first.values()), 10)))


_PLEDGE = (
    _KNOWN
    + """
INSERT INTO rpt_campaign_pledges AS p (
    pledge_id, campaign_id, donor_id, amount_vnd, unit_id, instalments, first_due_on, recorded_on)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
ON CONFLICT (pledge_id) DO UPDATE SET
    campaign_id = EXCLUDED.campaign_id, donor_id = EXCLUDED.donor_id, amount_vnd = EXCLUDED.amount_vnd,
    unit_id = EXCLUDED.unit_id, instalments = EXCLUDED.instalments, first_due_on = EXCLUDED.first_due_on
"""
)


async def record_pledge(
    conn: asyncpg.Connection,
    pledge_id: uuid.UUID,
    campaign_id: uuid.UUID,
    donor_id: uuid.UUID | None,
    amount_vnd: int,
    unit_id: uuid.UUID,
    instalments: int,
    first_due_on: date,
    recorded_on: date,
) -> None:
    await conn.execute(
        _PLEDGE, pledge_id, campaign_id, donor_id, amount_vnd, unit_id, instalments, first_due_on, recorded_on
    )


_DISTRIBUTION = (
    _KNOWN
    + """
INSERT INTO rpt_campaign_distributions AS t (
    distribution_id, campaign_id, beneficiary_id, kind, amount_vnd, value_vnd, unit_id, distributed_on,
    support_kind, quantity, people_reached)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
ON CONFLICT (distribution_id) DO UPDATE SET
    campaign_id = EXCLUDED.campaign_id, beneficiary_id = EXCLUDED.beneficiary_id, kind = EXCLUDED.kind,
    amount_vnd = EXCLUDED.amount_vnd, value_vnd = EXCLUDED.value_vnd, unit_id = EXCLUDED.unit_id,
    distributed_on = EXCLUDED.distributed_on, support_kind = EXCLUDED.support_kind, quantity = EXCLUDED.quantity,
    people_reached = EXCLUDED.people_reached
"""
)


class Distribution(NamedTuple):
    """What both events of a distribution say of it ($1 to $7 of its two statements)."""

    distribution_id: uuid.UUID
    campaign_id: uuid.UUID
    beneficiary_id: uuid.UUID
    kind: str
    amount_vnd: int
    value_vnd: int
    unit_id: uuid.UUID


async def record_distribution(
    conn: asyncpg.Connection,
    d: Distribution,
    distributed_on: date,
    support_kind: str | None = None,
    quantity: int | None = None,
    people_reached: int | None = None,
) -> None:
    await conn.execute(_DISTRIBUTION, *d, distributed_on, support_kind, quantity, people_reached)


_DISTRIBUTION_REVERSED = (
    _KNOWN
    + """
INSERT INTO rpt_campaign_distributions AS t (
    distribution_id, campaign_id, beneficiary_id, kind, amount_vnd, value_vnd, unit_id, reversal_id, reversed_on)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
ON CONFLICT (distribution_id) DO UPDATE SET
    reversal_id = coalesce(t.reversal_id, EXCLUDED.reversal_id),
    reversed_on = coalesce(t.reversed_on, EXCLUDED.reversed_on)
"""
)


async def reverse_distribution(
    conn: asyncpg.Connection, d: Distribution, reversal_id: uuid.UUID, reversed_on: date
) -> None:
    await conn.execute(_DISTRIBUTION_REVERSED, *d, reversal_id, reversed_on)


# Gives a new version to the campaigns whose figures a beneficiary ($1) enters: its campaign before
# and after the statement (``before``, ``b``) and those that distributed to it (people reached).
_BENEFICIARY_CAMPAIGNS = """
UPDATE rpt_campaigns SET version = nextval('rpt_campaign_version')
WHERE campaign_id IN (SELECT campaign_id FROM before UNION ALL SELECT campaign_id FROM b
                      UNION ALL SELECT campaign_id FROM rpt_campaign_distributions WHERE beneficiary_id = $1
                      UNION ALL SELECT campaign_id FROM rpt_beneficiary_campaigns WHERE beneficiary_id = $1)
"""


async def enrol_beneficiary(
    conn: asyncpg.Connection, beneficiary_id: uuid.UUID, campaign_id: uuid.UUID, enrolled_on: date
) -> None:
    """A beneficiary enrolled in a campaign after its registration; the campaign's answers get a new version."""
    await conn.execute(
        """
        WITH e AS (
            INSERT INTO rpt_beneficiary_campaigns (beneficiary_id, campaign_id, enrolled_on) VALUES ($1, $2, $3)
            ON CONFLICT DO NOTHING RETURNING campaign_id
        )
        UPDATE rpt_campaigns SET version = nextval('rpt_campaign_version')
        WHERE campaign_id IN (SELECT campaign_id FROM e)
        """,
        beneficiary_id,
        campaign_id,
        enrolled_on,
    )


async def register_beneficiary(
    conn: asyncpg.Connection,
    beneficiary_id: uuid.UUID,
    kind: str,
    unit_id: uuid.UUID,
    campaign_id: uuid.UUID | None,
    humanitarian_address: bool,
    household_size: int | None,
    registered_on: date,
) -> None:
    await conn.execute(
        """
        WITH before AS (SELECT campaign_id FROM rpt_beneficiaries WHERE beneficiary_id = $1),
        b AS (
            INSERT INTO rpt_beneficiaries AS b
                (beneficiary_id, kind, unit_id, campaign_id, humanitarian_address, household_size, registered_on)
            VALUES ($1, $2, $3, $4, $5, $6, $7)
            ON CONFLICT (beneficiary_id) DO UPDATE SET
                kind = EXCLUDED.kind, unit_id = EXCLUDED.unit_id, campaign_id = EXCLUDED.campaign_id,
                humanitarian_address = EXCLUDED.humanitarian_address, household_size = EXCLUDED.household_size,
                registered_on = coalesce(b.registered_on, EXCLUDED.registered_on)
            RETURNING b.campaign_id
        )"""
        + _BENEFICIARY_CAMPAIGNS,
        beneficiary_id, kind, unit_id, campaign_id, humanitarian_address, household_size, registered_on,
    )  # fmt: skip


async def verify_beneficiary(
    conn: asyncpg.Connection, beneficiary_id: uuid.UUID, unit_id: uuid.UUID, verified_on: date
) -> None:
    await conn.execute(
        """
        WITH before AS (SELECT campaign_id FROM rpt_beneficiaries WHERE beneficiary_id = $1),
        b AS (
            INSERT INTO rpt_beneficiaries AS b (beneficiary_id, unit_id, verified_on) VALUES ($1, $2, $3)
            ON CONFLICT (beneficiary_id) DO UPDATE SET verified_on = EXCLUDED.verified_on
            RETURNING b.campaign_id
        )"""
        + _BENEFICIARY_CAMPAIGNS,
        beneficiary_id,
        unit_id,
        verified_on,
    )
