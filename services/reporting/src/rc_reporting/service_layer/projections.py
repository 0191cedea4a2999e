"""The projections of the reporting service: one consumer group each, with the tables it owns."""

from __future__ import annotations

from dataclasses import dataclass

from rc_reporting.adapters.campaign_projection import CAMPAIGN_TABLES
from rc_reporting.adapters.projection import PROJECTION_TABLES
from rc_reporting.service_layer.campaign_projection import campaigns_consumer
from rc_reporting.service_layer.projection import members_consumer
from rc_shared.consumer import Consumer


@dataclass(frozen=True)
class Projection:
    consumer: Consumer
    tables: tuple[str, ...]

    @property
    def name(self) -> str:
        return self.consumer.name


MEMBERSHIP = Projection(members_consumer, PROJECTION_TABLES)
CAMPAIGNS = Projection(campaigns_consumer, CAMPAIGN_TABLES)
PROJECTIONS: tuple[Projection, ...] = (MEMBERSHIP, CAMPAIGNS)
