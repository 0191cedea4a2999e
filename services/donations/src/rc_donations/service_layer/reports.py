"""The campaign ledger's totals and the Decree 93 public disclosure."""

from __future__ import annotations

import uuid
from typing import Any

import asyncpg

from rc_donations.adapters.ledgers import LedgerRepository, totals_from
from rc_donations.domain.donations import public_name
from rc_donations.domain.lines import public_items
from rc_donations.service_layer.policy import Policy
from rc_shared.errors import NotFound

# The summary reads counters kept by the triggers of migration 0003 (same transaction as the writes):
# its cost does not grow with the number of donations. Zeros for a ledger without donations yet.
_SUMMARY = (
    "SELECT coalesce(s.donations, 0) AS donations, coalesce(s.cash_donations, 0) AS cash_donations,"
    " coalesce(s.in_kind_donations, 0) AS in_kind_donations, coalesce(s.blood_donations, 0) AS blood_donations,"
    " coalesce(s.identified_donors, 0) AS identified_donors, coalesce(s.anonymous_gifts, 0) AS anonymous_gifts,"
    " coalesce(s.reversals, 0) AS reversals"
    " FROM (SELECT $1::uuid AS campaign_id) c LEFT JOIN ledger_summaries s ON s.campaign_id = c.campaign_id"
)
_PLEDGES = (
    "SELECT count(*) AS n, coalesce(sum(amount_vnd), 0)::bigint AS pledged,"
    " coalesce(sum(least(amount_vnd, paid_vnd)), 0)::bigint AS paid,"
    " coalesce(sum(greatest(amount_vnd - paid_vnd, 0)), 0)::bigint AS outstanding"
    " FROM pledges WHERE campaign_id = $1"
)
_DISTRIBUTIONS = (
    "SELECT count(*) FILTER (WHERE r.id IS NULL) AS n, count(DISTINCT beneficiary_id) FILTER (WHERE r.id IS NULL)"
    " AS beneficiaries FROM distributions d LEFT JOIN distribution_reversals r ON r.distribution_id = d.id"
    " WHERE d.campaign_id = $1"
)
# Every gift but blood ever recorded (live and reversed), and every blood gift ever recorded: from the
# summary's counters (migrations 0003 and 0032), never by counting the campaign's gifts.
_CONTRIBUTION_COUNTS = (
    "SELECT coalesce(s.cash_donations + s.in_kind_donations + s.reversed_contributions, 0) AS contributions,"
    " coalesce(s.blood_donations + s.reversals - s.reversed_contributions, 0) AS blood_recorded"
    " FROM (SELECT $1::uuid AS campaign_id) c LEFT JOIN ledger_summaries s ON s.campaign_id = c.campaign_id"
)
# The page's gifts chosen first (the index of receipts), then joined to their donors and reversals.
_CONTRIBUTIONS = (
    "SELECT d.receipt_no, d.received_on, d.kind, d.amount_vnd, d.value_vnd, d.items, d.channel,"
    " d.publicly_named, d.donor_type, (r.id IS NOT NULL) AS reversed,"
    # named only while the donor still consents and is not erased (read time, as the ledger lines)
    " CASE WHEN o.consent_to_be_named AND o.erased_at IS NULL AND d.kind <> 'blood' THEN o.name END AS donor_name"
    " FROM (SELECT * FROM donations d WHERE d.campaign_id = $1 AND d.kind <> 'blood' AND {}) d"
    " LEFT JOIN donors o ON o.id = d.donor_id LEFT JOIN donation_reversals r ON r.donation_id = d.id"
    " ORDER BY d.receipt_no"
)
_TOP_SOFT_CREDITS = (
    "SELECT credited_unit_id, credited_person_id, donations, amount_vnd, value_vnd, blood_units"
    " FROM ledger_soft_credits WHERE campaign_id = $1 AND donations > 0"
    " ORDER BY amount_vnd + value_vnd DESC, credited_unit_id, credited_person_id LIMIT 100"
)


async def _ledger_row(conn: asyncpg.Connection, campaign_id: uuid.UUID) -> asyncpg.Record:
    row = await LedgerRepository(conn).get(campaign_id)
    if row is None:
        raise NotFound(f"no ledger for campaign {campaign_id}: it was never launched", campaign_id=str(campaign_id))
    return row


async def ledger(conn: asyncpg.Connection, campaign_id: uuid.UUID) -> dict[str, Any]:
    """Totals: cash, in kind, blood, donors, pledged vs paid, distributed, balances, soft credits."""
    row = await _ledger_row(conn, campaign_id)
    t = totals_from(row)
    counts = await conn.fetchrow(_SUMMARY, campaign_id)
    pledges = await conn.fetchrow(_PLEDGES, campaign_id)
    distributions = await conn.fetchrow(_DISTRIBUTIONS, campaign_id)
    soft = await conn.fetch(_TOP_SOFT_CREDITS, campaign_id)
    assert counts is not None and pledges is not None and distributions is not None
    targets = row["targets"] or {}
    reached = {
        "cash_vnd": t.cash_net_received_vnd,
        "in_kind_value_vnd": t.in_kind_net_received_vnd,
        "blood_units": t.blood_units_net,
        "beneficiaries": int(distributions["beneficiaries"]),
    }
    return {
        "campaign_id": campaign_id,
        "code": row["code"],
        "name": row["name"],
        "campaign_type": row["campaign_type"],
        "status": row["status"],
        "organising_unit_id": row["organising_unit_id"],
        "receiving_from": row["receiving_from"],
        "receiving_until": row["receiving_until"],
        "distribution_deadline": row["distribution_deadline"],
        "closed_on": row["closed_on"],
        "settled_on": row["settled_on"],
        "receipts_issued": row["last_receipt_no"],
        "cash": {
            "received_vnd": t.cash_received_vnd,
            "reversed_vnd": t.cash_reversed_vnd,
            "net_received_vnd": t.cash_net_received_vnd,
            "distributed_vnd": t.cash_distributed_vnd,
            "distribution_reversed_vnd": t.cash_distribution_reversed_vnd,
            "net_distributed_vnd": t.cash_net_distributed_vnd,
            "balance_vnd": t.cash_balance_vnd,
        },
        "in_kind": {
            "received_value_vnd": t.in_kind_received_vnd,
            "reversed_value_vnd": t.in_kind_reversed_vnd,
            "net_received_value_vnd": t.in_kind_net_received_vnd,
            "distributed_value_vnd": t.goods_distributed_vnd,
            "distribution_reversed_value_vnd": t.goods_distribution_reversed_vnd,
            "net_distributed_value_vnd": t.goods_net_distributed_vnd,
            "balance_value_vnd": t.goods_balance_vnd,
        },
        "blood": {"units": t.blood_units, "reversed_units": t.blood_units_reversed, "net_units": t.blood_units_net},
        "donations": {
            "count": counts["donations"],
            "cash": counts["cash_donations"],
            "in_kind": counts["in_kind_donations"],
            "blood": counts["blood_donations"],
            "reversed": counts["reversals"],
        },
        "donors": {
            "count": int(counts["identified_donors"]) + int(counts["anonymous_gifts"]),
            "identified": counts["identified_donors"],
            "anonymous_gifts": counts["anonymous_gifts"],
            "note": "identified donors are counted once; each anonymous gift counts as one donor",
        },
        "pledges": {
            "count": pledges["n"],
            "pledged_vnd": pledges["pledged"],
            "paid_vnd": pledges["paid"],
            "outstanding_vnd": pledges["outstanding"],
        },
        "distributions": {"count": distributions["n"], "beneficiaries": distributions["beneficiaries"]},
        "targets": [
            {"target": k, "target_value": v, "reached_value": reached.get(k, 0), "reached": reached.get(k, 0) >= v}
            for k, v in sorted(targets.items())
            if v
        ],
        "soft_credits": [
            {
                "credited_unit_id": s["credited_unit_id"],
                "credited_person_id": s["credited_person_id"],
                "donations": s["donations"],
                "amount_vnd": s["amount_vnd"],
                "value_vnd": s["value_vnd"],
                "blood_units": s["blood_units"],
            }
            for s in soft
        ],
        "soft_credits_note": "soft credits name who mobilised a gift; they are never added to the totals",
    }


async def public_ledger(
    conn: asyncpg.Connection, policy: Policy, campaign_id: uuid.UUID, limit: int, offset: int
) -> dict[str, Any]:
    """Decree 93/2021 Art. 14 disclosure: every contribution (donor named only with consent) and
    every distribution by beneficiary id. Blood donations appear as a total only (health data)."""
    row = await _ledger_row(conn, campaign_id)
    t = totals_from(row)
    counts = await conn.fetchrow(_CONTRIBUTION_COUNTS, campaign_id)
    assert counts is not None
    # Receipts are numbered 1, 2, 3… per campaign with no gap: without blood gifts (not listed here), the
    # page after ``offset`` gifts starts after receipt ``offset`` (read by the unique index, whatever the
    # offset); a blood drive's few other gifts are skipped row by row.
    by_number = counts["blood_recorded"] == 0
    # (blood is left out on both ways: a blood gift recorded between the count and the page is not listed)
    page = (
        "d.receipt_no > $3 ORDER BY d.receipt_no LIMIT $2"
        if by_number
        else "true ORDER BY d.receipt_no LIMIT $2 OFFSET $3"
    )
    contributions = await conn.fetch(_CONTRIBUTIONS.format(page), campaign_id, limit, offset)
    n_contrib = int(counts["contributions"])
    dists = await conn.fetch(
        # the recipient as a pseudonym of the campaign (migration 0018), never the beneficiary id
        "SELECT d.distributed_on, p.pseudonym AS beneficiary_id, d.kind, d.amount_vnd, d.value_vnd, d.unit_id,"
        " (r.id IS NOT NULL) AS reversed FROM distributions d"
        " JOIN public_recipients p ON p.campaign_id = d.campaign_id AND p.beneficiary_id = d.beneficiary_id"
        " LEFT JOIN distribution_reversals r ON r.distribution_id = d.id"
        " WHERE d.campaign_id = $1 ORDER BY d.distributed_on, d.created_at, d.id LIMIT $2 OFFSET $3",
        campaign_id,
        limit,
        offset,
    )
    n_dist = await conn.fetchval("SELECT count(*) FROM distributions WHERE campaign_id = $1", campaign_id)
    return {
        "campaign_id": campaign_id,
        "code": row["code"],
        "name": row["name"],
        "status": row["status"],
        "receiving_from": row["receiving_from"],
        "receiving_until": row["receiving_until"],
        "distribution_deadline": row["distribution_deadline"],
        "totals": {
            "cash_received_vnd": t.cash_net_received_vnd,
            "in_kind_received_value_vnd": t.in_kind_net_received_vnd,
            "blood_units": t.blood_units_net,
            "cash_distributed_vnd": t.cash_net_distributed_vnd,
            "goods_distributed_value_vnd": t.goods_net_distributed_vnd,
            "cash_balance_vnd": t.cash_balance_vnd,
            "goods_balance_value_vnd": t.goods_balance_vnd,
        },
        "limit": limit,
        "offset": offset,
        "contributions_total": n_contrib,
        "contributions": [
            {
                "receipt_no": c["receipt_no"],
                "received_on": c["received_on"],
                "kind": c["kind"],
                "amount_vnd": c["amount_vnd"],
                "value_vnd": c["value_vnd"],
                "items": public_items(c["items"]),
                "channel": c["channel"],
                "donor": public_name(c["publicly_named"], c["donor_name"], policy.anonymous_label),
                "reversed": c["reversed"],
            }
            for c in contributions
        ],
        "distributions_total": n_dist,
        "distributions": [dict(d) for d in dists],
    }
