"""The lag and DLQ gauges keep their Kafka clients from one measurement to the next: made for each,
every service paid (and the broker served) a connection, a bootstrap and a metadata refresh every
interval. A failed measurement closes them; the next one makes new ones. (The measurement itself
against a real broker: tests/integration/shared/test_consumer.py.)"""

from __future__ import annotations

from typing import Any, ClassVar

import pytest
from aiokafka import TopicPartition
from prometheus_client import REGISTRY

from rc_shared import lag
from rc_shared.settings import ServiceSettings

TOPIC = "ns.members.units"


class _Admin:
    made: ClassVar[list[_Admin]] = []
    fail_next = False

    def __init__(self, **_: Any) -> None:
        self.closed = False
        _Admin.made.append(self)

    async def start(self) -> None:
        pass

    async def close(self) -> None:
        self.closed = True

    async def describe_topics(self, names: list[str]) -> list[dict[str, Any]]:
        if _Admin.fail_next:
            _Admin.fail_next = False
            raise ConnectionError("broker went away")
        return [{"topic": t, "error_code": 0, "partitions": [{"partition": 0}]} for t in names]

    async def list_consumer_group_offsets(self, group: str) -> dict[TopicPartition, Any]:
        return {}


class _Probe:
    made: ClassVar[list[_Probe]] = []

    def __init__(self, **_: Any) -> None:
        self.stopped = False
        _Probe.made.append(self)

    async def start(self) -> None:
        pass

    async def stop(self) -> None:
        self.stopped = True

    async def end_offsets(self, parts: list[TopicPartition]) -> dict[TopicPartition, int]:
        return {tp: 7 if tp.topic.endswith(".dlq") else 5 for tp in parts}

    async def beginning_offsets(self, parts: list[TopicPartition]) -> dict[TopicPartition, int]:
        return dict.fromkeys(parts, 0)


@pytest.fixture
def fake_kafka(monkeypatch: pytest.MonkeyPatch) -> None:
    _Admin.made, _Probe.made, _Admin.fail_next = [], [], False
    monkeypatch.setattr(lag, "AIOKafkaAdminClient", _Admin)
    monkeypatch.setattr(lag, "AIOKafkaConsumer", _Probe)


async def test_measurements_reuse_one_admin_client_and_one_probe(fake_kafka: None) -> None:
    gauges = lag.KafkaGauges(ServiceSettings(service_name="gauged", kafka_namespace="ns."), {"g": ["members.units"]})
    for _ in range(3):
        assert await gauges.measure() == {"ns.g": 5}
    assert REGISTRY.get_sample_value("rc_dlq_messages", {"service": "gauged", "topic": TOPIC + ".dlq"}) == 7
    assert (len(_Admin.made), len(_Probe.made)) == (1, 1)

    _Admin.fail_next = True
    with pytest.raises(ConnectionError):
        await gauges.measure()
    assert _Admin.made[0].closed and _Probe.made[0].stopped  # a failure closes them
    assert await gauges.measure() == {"ns.g": 5}  # and the next measurement makes new ones
    assert (len(_Admin.made), len(_Probe.made)) == (2, 2)

    await gauges.close()
    assert _Admin.made[1].closed and _Probe.made[1].stopped
