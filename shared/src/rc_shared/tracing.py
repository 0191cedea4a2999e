"""W3C trace context and correlation ids carried from HTTP requests through Kafka headers."""

from __future__ import annotations

import contextvars
import re
import secrets

from rc_shared.ids import hex_tokens

_TRACEPARENT = re.compile(r"^00-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})$")

current_traceparent: contextvars.ContextVar[str | None] = contextvars.ContextVar("traceparent", default=None)
current_correlation_id: contextvars.ContextVar[str | None] = contextvars.ContextVar("correlation_id", default=None)


def new_traceparent() -> str:
    return f"00-{secrets.token_hex(16)}-{secrets.token_hex(8)}-01"


def child_traceparent(parent: str | None) -> str:
    """A new span id under ``parent``'s trace, or a new trace when parent is absent or invalid."""
    m = _TRACEPARENT.match(parent or "")
    if not m:
        return new_traceparent()
    return f"00-{m.group(1)}-{secrets.token_hex(8)}-{m.group(3)}"


def child_traceparents(parent: str | None, n: int) -> list[str]:
    """``n`` traceparents as :func:`child_traceparent` gives each, their random ids drawn at once."""
    m = _TRACEPARENT.match(parent or "")
    if not m:
        ids = hex_tokens(n, 24)
        return [f"00-{i[:32]}-{i[32:]}-01" for i in ids]
    trace, flags = m.group(1), m.group(3)
    return [f"00-{trace}-{span}-{flags}" for span in hex_tokens(n, 8)]


def trace_id(traceparent: str | None) -> str | None:
    m = _TRACEPARENT.match(traceparent or "")
    return m.group(1) if m else None
