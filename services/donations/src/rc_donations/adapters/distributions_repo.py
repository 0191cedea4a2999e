"""SQL for distributions and their reversals."""

from __future__ import annotations

from rc_donations.adapters.records import RecordRepository

DISTRIBUTION_VIEW = (
    "SELECT d.*, r.id AS reversal_id, r.reason AS reversal_reason, r.reversed_on"
    " FROM distributions d LEFT JOIN distribution_reversals r ON r.distribution_id = d.id"
)


class DistributionRepository(RecordRepository):
    NOUN = "distribution"
    COLUMNS = (
        "id",
        "campaign_id",
        "beneficiary_id",
        "kind",
        "amount_vnd",
        "value_vnd",
        "unit_id",
        "distributed_on",
        "description",
        "support_level",
        "decision_no",
        "support_kind",
        "quantity",
        "people_reached",
    )
    VIEW = DISTRIBUTION_VIEW
    CAMPAIGN_ORDER = "d.distributed_on, d.created_at, d.id"
