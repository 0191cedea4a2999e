"""Writes to the campaign projection tables: one SQL statement per event, order-tolerant, idempotent.

Every statement is an upsert keyed by the fact's own id that sets only the columns its event
knows, so the three topics may arrive in any relative order (a donation before its campaign's
launch; in a replay even a reversal before its donation) and still give the same rows. A ledger
fact also makes its campaign known (an ``INSERT .. ON CONFLICT DO NOTHING`` in the same statement)
so that it can be reported before the launch event arrives. Re-applying an event changes nothing.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import date, datetime
from typing import Any

import asyncpg

CAMPAIGN_TABLES = (
    "rpt_campaigns",
    "rpt_campaign_donations",
    "rpt_campaign_pledges",
    "rpt_campaign_distributions",
    "rpt_campaign_targets_reached",
    "rpt_beneficiaries",
)

# Makes the campaign $2 known; prefixed to every ledger statement whose campaign id is $2.
_KNOWN = "WITH known AS (INSERT INTO rpt_campaigns (campaign_id) VALUES ($2::uuid) ON CONFLICT DO NOTHING)\n"

_LAUNCHED = """
INSERT INTO rpt_campaigns AS c (
    campaign_id, launched, launched_at, code, name, campaign_type, organising_unit_id, participating_unit_ids,
    parent_campaign_id, receiving_from, receiving_until, distribution_deadline,
    target_cash_vnd, target_in_kind_value_vnd, target_blood_units, target_beneficiaries)
VALUES ($1, true, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)
ON CONFLICT (campaign_id) DO UPDATE SET
    launched = true, launched_at = coalesce(c.launched_at, EXCLUDED.launched_at),
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


_LIFECYCLE_COLUMNS = {"closed_on", "settled_on", "cancelled_on", "ledger_closed_on"}


async def set_lifecycle_date(
    conn: asyncpg.Connection, campaign_id: uuid.UUID, column: str, on: date, reason: str | None = None
) -> None:
    """Closed, settled, cancelled (with its reason) or ledger closed, on a date."""
    if column not in _LIFECYCLE_COLUMNS:
        raise ValueError(f"not a lifecycle column: {column}")
    await conn.execute(
        f"""
        INSERT INTO rpt_campaigns AS c (campaign_id, {column}, cancel_reason) VALUES ($1, $2, $3)
        ON CONFLICT (campaign_id) DO UPDATE
            SET {column} = EXCLUDED.{column}, cancel_reason = coalesce(EXCLUDED.cancel_reason, c.cancel_reason)
        """,
        campaign_id,
        on,
        reason,
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
            ledger_opened = true,
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


_DONATION = (
    _KNOWN
    + """
INSERT INTO rpt_campaign_donations AS d (
    donation_id, campaign_id, kind, amount_vnd, value_vnd, blood_units, donor_id, donor_type, unit_id,
    credited_unit_id, pledge_id, received_on)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)
ON CONFLICT (donation_id) DO UPDATE SET
    campaign_id = EXCLUDED.campaign_id, kind = EXCLUDED.kind, amount_vnd = EXCLUDED.amount_vnd,
    value_vnd = EXCLUDED.value_vnd, blood_units = EXCLUDED.blood_units, donor_id = EXCLUDED.donor_id,
    donor_type = EXCLUDED.donor_type, unit_id = EXCLUDED.unit_id, credited_unit_id = EXCLUDED.credited_unit_id,
    pledge_id = EXCLUDED.pledge_id, received_on = EXCLUDED.received_on
"""
)


async def record_donation(
    conn: asyncpg.Connection,
    donation_id: uuid.UUID,
    campaign_id: uuid.UUID,
    kind: str,
    amount_vnd: int,
    value_vnd: int,
    blood_units: int,
    donor_id: uuid.UUID | None,
    donor_type: str,
    unit_id: uuid.UUID,
    credited_unit_id: uuid.UUID | None,
    pledge_id: uuid.UUID | None,
    received_on: date,
) -> None:
    """The donation's facts; a reversal seen before it is kept."""
    await conn.execute(
        _DONATION, donation_id, campaign_id, kind, amount_vnd, value_vnd, blood_units, donor_id, donor_type,
        unit_id, credited_unit_id, pledge_id, received_on,
    )  # fmt: skip


async def record_donations(conn: asyncpg.Connection, rows: list[tuple[Any, ...]]) -> None:
    """Many donations at once (rows in :func:`record_donation`'s argument order), pipelined."""
    await conn.executemany(_DONATION, rows)


_DONATION_REVERSED = (
    _KNOWN
    + """
INSERT INTO rpt_campaign_donations AS d (
    donation_id, campaign_id, kind, amount_vnd, value_vnd, blood_units, donor_id, unit_id, reversal_id, reversed_on)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
ON CONFLICT (donation_id) DO UPDATE SET
    reversal_id = coalesce(d.reversal_id, EXCLUDED.reversal_id),
    reversed_on = coalesce(d.reversed_on, EXCLUDED.reversed_on)
"""
)


async def reverse_donation(
    conn: asyncpg.Connection,
    donation_id: uuid.UUID,
    campaign_id: uuid.UUID,
    kind: str,
    amount_vnd: int,
    value_vnd: int,
    blood_units: int,
    donor_id: uuid.UUID | None,
    unit_id: uuid.UUID,
    reversal_id: uuid.UUID,
    reversed_on: date,
) -> None:
    """Marks the donation reversed on a date (the first reversal wins); nothing is deleted."""
    await conn.execute(
        _DONATION_REVERSED, donation_id, campaign_id, kind, amount_vnd, value_vnd, blood_units, donor_id, unit_id,
        reversal_id, reversed_on,
    )  # fmt: skip


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
    distribution_id, campaign_id, beneficiary_id, kind, amount_vnd, value_vnd, unit_id, distributed_on)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
ON CONFLICT (distribution_id) DO UPDATE SET
    campaign_id = EXCLUDED.campaign_id, beneficiary_id = EXCLUDED.beneficiary_id, kind = EXCLUDED.kind,
    amount_vnd = EXCLUDED.amount_vnd, value_vnd = EXCLUDED.value_vnd, unit_id = EXCLUDED.unit_id,
    distributed_on = EXCLUDED.distributed_on
"""
)


async def record_distribution(
    conn: asyncpg.Connection,
    distribution_id: uuid.UUID,
    campaign_id: uuid.UUID,
    beneficiary_id: uuid.UUID,
    kind: str,
    amount_vnd: int,
    value_vnd: int,
    unit_id: uuid.UUID,
    distributed_on: date,
) -> None:
    await conn.execute(
        _DISTRIBUTION, distribution_id, campaign_id, beneficiary_id, kind, amount_vnd, value_vnd, unit_id,
        distributed_on,
    )  # fmt: skip


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
    conn: asyncpg.Connection,
    distribution_id: uuid.UUID,
    campaign_id: uuid.UUID,
    beneficiary_id: uuid.UUID,
    kind: str,
    amount_vnd: int,
    value_vnd: int,
    unit_id: uuid.UUID,
    reversal_id: uuid.UUID,
    reversed_on: date,
) -> None:
    await conn.execute(
        _DISTRIBUTION_REVERSED, distribution_id, campaign_id, beneficiary_id, kind, amount_vnd, value_vnd, unit_id,
        reversal_id, reversed_on,
    )  # fmt: skip


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
        INSERT INTO rpt_beneficiaries AS b
            (beneficiary_id, kind, unit_id, campaign_id, humanitarian_address, household_size, registered_on)
        VALUES ($1, $2, $3, $4, $5, $6, $7)
        ON CONFLICT (beneficiary_id) DO UPDATE SET
            kind = EXCLUDED.kind, unit_id = EXCLUDED.unit_id, campaign_id = EXCLUDED.campaign_id,
            humanitarian_address = EXCLUDED.humanitarian_address, household_size = EXCLUDED.household_size,
            registered_on = coalesce(b.registered_on, EXCLUDED.registered_on)
        """,
        beneficiary_id, kind, unit_id, campaign_id, humanitarian_address, household_size, registered_on,
    )  # fmt: skip


async def verify_beneficiary(
    conn: asyncpg.Connection, beneficiary_id: uuid.UUID, unit_id: uuid.UUID, verified_on: date
) -> None:
    await conn.execute(
        """
        INSERT INTO rpt_beneficiaries AS b (beneficiary_id, unit_id, verified_on) VALUES ($1, $2, $3)
        ON CONFLICT (beneficiary_id) DO UPDATE SET verified_on = EXCLUDED.verified_on
        """,
        beneficiary_id,
        unit_id,
        verified_on,
    )
