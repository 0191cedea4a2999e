"""Prometheus metrics common to every service (served at ``/metrics``)."""

from __future__ import annotations

from prometheus_client import Counter, Gauge, Histogram

HTTP_REQUESTS = Counter("rc_http_requests_total", "HTTP requests handled", ["service", "method", "route", "status"])
HTTP_LATENCY = Histogram(
    "rc_http_request_duration_seconds",
    "HTTP request latency",
    ["service", "method", "route"],
    buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10),
)
HTTP_IN_FLIGHT = Gauge("rc_http_requests_in_flight", "HTTP requests being handled by this process", ["service"])
HTTP_WAITING = Gauge(
    "rc_http_requests_waiting",
    "HTTP requests of this process waiting for a shared batch without a database connection (not in flight)",
    ["service"],
)
HTTP_REFUSED = Counter(
    "rc_http_refused_total",
    "Requests refused to protect the process: in_flight (503), body_bytes (503), db_pool (503), batch_queue (503),"
    " write_quota (429)",
    ["service", "reason"],
)
GROUP_COMMIT_SECONDS = Histogram(
    "rc_group_commit_batch_seconds",
    "Time one group-commit batch (a campaign's queued donations) took to commit, pool wait included, by stage",
    ["service", "stage"],
    buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10),
)
GROUP_COMMIT_ITEMS = Histogram(
    "rc_group_commit_batch_items",
    "Items in one group-commit batch, by stage",
    ["service", "stage"],
    buckets=(1, 2, 5, 10, 20, 50, 100, 200, 500),
)
EVENTS_PUBLISHED = Counter("rc_events_published_total", "Events published by the outbox relay", ["service", "topic"])
EVENTS_CONSUMED = Counter("rc_events_consumed_total", "Events consumed and committed", ["service", "consumer", "topic"])
EVENTS_DUPLICATE = Counter(
    "rc_events_duplicate_total", "Redelivered events ignored by idempotent consumers", ["service", "consumer"]
)
EVENTS_FAILED = Counter(
    "rc_events_failed_total", "Event handling attempts that raised", ["service", "consumer", "topic"]
)
EVENTS_DEAD_LETTERED = Counter(
    "rc_events_dead_lettered_total", "Events sent to a dead-letter topic", ["service", "consumer", "topic"]
)
OUTBOX_BACKLOG = Gauge("rc_outbox_backlog", "Unpublished outbox rows (counted up to 100,000)", ["service"])
OUTBOX_OLDEST_AGE = Gauge("rc_outbox_oldest_age_seconds", "Age of the oldest unpublished outbox row", ["service"])
CONSUMER_LAG = Gauge(
    "rc_consumer_lag", "Records behind the log end, per partition", ["service", "consumer", "topic", "partition"]
)
DLQ_SIZE = Gauge("rc_dlq_messages", "Messages in a dead-letter topic", ["service", "topic"])
STATEMENT_TURN_WAITS = Counter(
    "rc_statement_batch_waits_total",
    "Bank-statement batches (donations) that found the batch before them in their import not committed yet"
    " and waited for it",
    ["service"],
)
