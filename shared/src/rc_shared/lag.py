"""Consumer lag and dead-letter sizes, measured periodically into Prometheus gauges."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Sequence

from aiokafka import AIOKafkaConsumer, TopicPartition
from aiokafka.admin import AIOKafkaAdminClient

from rc_shared.kafka import security_options, start_consumer
from rc_shared.logging import get_logger
from rc_shared.metrics import CONSUMER_LAG, DLQ_SIZE
from rc_shared.settings import ServiceSettings

log = get_logger(__name__)


class KafkaGauges:
    """Measures, for this service's consumer groups, the lag per partition, and the size of the
    dead-letter topics they write to. Its admin client and offsets probe are kept from one
    measurement to the next (made again after a failure): made for each, they cost the service and
    the broker a connection, a bootstrap and a metadata refresh every interval."""

    def __init__(self, settings: ServiceSettings, groups: dict[str, Sequence[str]]) -> None:
        self.settings = settings
        self.groups = {
            settings.kafka_namespace + g: [settings.kafka_namespace + t for t in ts] for g, ts in groups.items()
        }
        self._clients: tuple[AIOKafkaAdminClient, AIOKafkaConsumer] | None = None

    async def _started(self) -> tuple[AIOKafkaAdminClient, AIOKafkaConsumer]:
        if self._clients is None:
            s = self.settings
            opts = security_options(s)
            admin = AIOKafkaAdminClient(bootstrap_servers=s.kafka_bootstrap_servers, **opts)
            probe = AIOKafkaConsumer(bootstrap_servers=s.kafka_bootstrap_servers, enable_auto_commit=False, **opts)
            await admin.start()
            try:
                await start_consumer(probe)
            except BaseException:
                await admin.close()
                raise
            self._clients = (admin, probe)
        return self._clients

    async def close(self) -> None:
        """Stop the admin client and the probe (the next measurement makes new ones)."""
        clients, self._clients = self._clients, None
        if clients is not None:
            admin, probe = clients
            try:
                await probe.stop()
            finally:
                await admin.close()

    async def measure(self) -> dict[str, int]:
        """Set the gauges; return the total lag per group."""
        admin, probe = await self._started()
        try:
            return await self._measure(admin, probe)
        except BaseException:
            await self.close()
            raise

    async def _measure(self, admin: AIOKafkaAdminClient, probe: AIOKafkaConsumer) -> dict[str, int]:
        s = self.settings
        totals: dict[str, int] = {}
        names = sorted({n for ts in self.groups.values() for t in ts for n in (t, t + ".dlq")})
        partitions = {
            d["topic"]: sorted(p["partition"] for p in d["partitions"])
            for d in await admin.describe_topics(names)
            if d["error_code"] == 0
        }
        for group, topics in self.groups.items():
            committed = await admin.list_consumer_group_offsets(group)
            parts = [TopicPartition(t, p) for t in topics for p in partitions.get(t, [])]
            if not parts:
                continue
            ends = await probe.end_offsets(parts)
            total = 0
            for tp in parts:
                meta = committed.get(tp)
                lag = ends[tp] - (meta.offset if meta is not None and meta.offset >= 0 else 0)
                total += lag
                CONSUMER_LAG.labels(s.service_name, group, tp.topic, str(tp.partition)).set(lag)
            totals[group] = total
        dlq_parts = [
            TopicPartition(t + ".dlq", p)
            for ts in self.groups.values()
            for t in ts
            for p in partitions.get(t + ".dlq", [])
        ]
        if dlq_parts:
            ends = await probe.end_offsets(dlq_parts)
            starts = await probe.beginning_offsets(dlq_parts)
            per_topic: dict[str, int] = {}
            for tp in dlq_parts:
                per_topic[tp.topic] = per_topic.get(tp.topic, 0) + ends[tp] - starts[tp]
            for topic, n in per_topic.items():
                DLQ_SIZE.labels(s.service_name, topic).set(n)
        return totals

    async def run(self, interval_s: float = 15.0) -> None:
        try:
            while True:
                with contextlib.suppress(Exception):
                    await self.measure()
                await asyncio.sleep(interval_s)
        finally:
            with contextlib.suppress(Exception):
                await self.close()
