"""Kafka clients configured from settings: idempotent producer, admin, security options."""

from __future__ import annotations

import asyncio
import functools
import ssl
from collections.abc import Iterable, Sequence
from typing import Any

from aiokafka import AIOKafkaConsumer, AIOKafkaProducer
from aiokafka.admin import AIOKafkaAdminClient, NewTopic
from aiokafka.errors import TopicAlreadyExistsError, for_code
from aiokafka.partitioner import DefaultPartitioner, murmur2

from rc_shared.settings import ServiceSettings


def security_options(settings: ServiceSettings) -> dict[str, Any]:
    """aiokafka keyword arguments for the configured security protocol (TLS, SASL/SCRAM)."""
    opts: dict[str, Any] = {"security_protocol": settings.kafka_security_protocol}
    if settings.kafka_security_protocol in ("SSL", "SASL_SSL"):
        opts["ssl_context"] = ssl.create_default_context(cafile=settings.kafka_ssl_cafile)
    if settings.kafka_security_protocol.startswith("SASL"):
        opts["sasl_mechanism"] = settings.kafka_sasl_mechanism or "SCRAM-SHA-512"
        opts["sasl_plain_username"] = settings.kafka_sasl_username
        pw = settings.kafka_sasl_password
        opts["sasl_plain_password"] = pw.get_secret_value() if pw else None
    return opts


@functools.lru_cache(maxsize=16384)
def _key_hash(key: bytes) -> int:
    return int(murmur2(key)) & 0x7FFFFFFF


def key_partitioner(key: bytes | None, all_partitions: Sequence[int], available: Sequence[int]) -> int:
    """aiokafka's default partitioner (murmur2 of the key, as the Java client's) with the hash of a
    key remembered: it is pure Python and was a tenth of the relay's time, while a bulk import sends
    thousands of events under one key (their campaign). A record without a key (only a dead-lettered
    one can lack it) goes where the default would send it."""
    if key is None:
        return int(DefaultPartitioner()(key, all_partitions, available))
    return all_partitions[_key_hash(key) % len(all_partitions)]


async def start_consumer(consumer: AIOKafkaConsumer) -> AIOKafkaConsumer:
    """Start ``consumer`` so that it may be stopped at once. aiokafka 0.14's consumer without a group
    starts a task in ``start()``; a ``stop()`` that cancels it before it ever ran raises
    ``CancelledError`` to its caller, although nothing cancelled the caller (a reader that found
    nothing to read and stopped failed that way). One turn of the event loop lets the task begin."""
    await consumer.start()
    await asyncio.sleep(0)
    return consumer


def make_producer(settings: ServiceSettings) -> AIOKafkaProducer:
    """An idempotent producer (acks=all) that batches: the relay's and the DLQ's."""
    return AIOKafkaProducer(
        bootstrap_servers=settings.kafka_bootstrap_servers,
        client_id=f"{settings.service_name}-producer",
        enable_idempotence=True,
        acks="all",
        linger_ms=5,
        max_batch_size=256 * 1024,
        max_request_size=4 * 1024 * 1024,
        request_timeout_ms=30000,
        partitioner=key_partitioner,
        **security_options(settings),
    )


async def started_producer(settings: ServiceSettings) -> AIOKafkaProducer:
    """:func:`make_producer`, started."""
    producer = make_producer(settings)
    await producer.start()
    return producer


class TopicsNotCreated(RuntimeError):
    """The broker refused to create topics the service needs (a replication factor above its brokers,
    a policy, an authorization): the service does not start on topics it did not make."""


TOPIC_ATTEMPTS = 3
"""Creations tried before a retriable refusal (a request timed out, the controller moved) stops the start."""


def topic_configs(settings: ServiceSettings) -> dict[str, str]:
    """The configs of a topic the services create: kept as long as configured (the topics are the history
    projections are rebuilt from), and, with replicas, acknowledged by at least two of them
    (``min.insync.replicas``): the producers' ``acks=all`` means every in-sync replica, so with the broker's
    default of 1 an event acknowledged by a leader alone was lost with that leader."""
    configs = {"retention.ms": str(settings.kafka_retention_ms)}
    if settings.kafka_replication_factor > 1:
        configs["min.insync.replicas"] = str(min(2, settings.kafka_replication_factor))
    return configs


async def ensure_topics(settings: ServiceSettings, names: Iterable[str], pause_s: float = 1.0) -> None:
    """Create the topics (and their ``.dlq`` companions) if they are missing; ``TopicsNotCreated`` if the
    broker refuses any of them (one that another replica created meanwhile is not a refusal). A refusal
    must stop the start: else the first write would let a broker that creates topics on use make it
    with its defaults (a retention of 7 days: the history the projections are rebuilt from, lost). A
    refusal the broker calls retriable is tried again (``TOPIC_ATTEMPTS``, ``pause_s`` apart), for the
    topics still missing then: a timed-out creation may have completed meanwhile."""
    wanted = sorted({n for name in names for n in (name, f"{name}.dlq")})
    admin = AIOKafkaAdminClient(
        bootstrap_servers=settings.kafka_bootstrap_servers,
        client_id=f"{settings.service_name}-admin",
        **security_options(settings),
    )
    await admin.start()
    try:
        for attempt in range(1, TOPIC_ATTEMPTS + 1):
            existing = set(await admin.list_topics())
            missing = [t for t in wanted if t not in existing]
            if not missing:
                return
            response = await admin.create_topics(
                [
                    NewTopic(
                        name=t,
                        num_partitions=settings.kafka_topic_partitions,
                        replication_factor=settings.kafka_replication_factor,
                        topic_configs=topic_configs(settings),
                    )
                    for t in missing
                ]
            )
            refused = [
                (topic, code, for_code(code), rest[0] if rest else None)
                for topic, code, *rest in response.topic_errors
                if code not in (0, TopicAlreadyExistsError.errno)
            ]
            if not refused:
                return
            if attempt == TOPIC_ATTEMPTS or not all(error.retriable for _, _, error, _ in refused):
                raise TopicsNotCreated(
                    f"Kafka refused to create {len(refused)} of the service's topics (partitions"
                    f" {settings.kafka_topic_partitions}, replication factor {settings.kafka_replication_factor}): "
                    + "; ".join(
                        f"{topic}: {error.__name__} ({code}){f': {message}' if message else ''}"
                        for topic, code, error, message in refused
                    )
                )
            await asyncio.sleep(pause_s)
    finally:
        await admin.close()
