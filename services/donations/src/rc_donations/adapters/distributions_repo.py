"""SQL for distributions and their reversals."""

from __future__ import annotations

from typing import Any

from rc_donations.adapters.records import RecordRepository

DISTRIBUTION_VIEW = (
    "SELECT d.*, r.id AS reversal_id, r.reason AS reversal_reason, r.reversed_on"
    " FROM distributions d LEFT JOIN distribution_reversals r ON r.distribution_id = d.id"
)


class DistributionRepository(RecordRepository):
    NOUN = "distribution"
    VIEW = DISTRIBUTION_VIEW
    CAMPAIGN_ORDER = "d.distributed_on, d.created_at, d.id"

    async def insert(self, **v: Any) -> None:
        await self.conn.execute(
            "INSERT INTO distributions (id, campaign_id, beneficiary_id, kind, amount_vnd, value_vnd, unit_id,"
            " distributed_on, description, support_level, decision_no, support_kind, quantity, people_reached)"
            " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)",
            v["id"],
            v["campaign_id"],
            v["beneficiary_id"],
            v["kind"],
            v["amount_vnd"],
            v["value_vnd"],
            v["unit_id"],
            v["distributed_on"],
            v["description"],
            v.get("support_level"),
            v.get("decision_no"),
            v["support_kind"],
            v["quantity"],
            v["people_reached"],
        )
