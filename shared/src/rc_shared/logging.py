"""Structured JSON logs (structlog) carrying correlation ids, trace ids and event ids."""

from __future__ import annotations

import logging
import sys
from typing import Any

import structlog

from rc_shared.tracing import current_correlation_id, current_traceparent, trace_id

_SECRET_KEYS = ("password", "secret", "token", "authorization")


def _add_context(_: Any, __: str, event_dict: dict[str, Any]) -> dict[str, Any]:
    cid = current_correlation_id.get()
    if cid and "correlation_id" not in event_dict:
        event_dict["correlation_id"] = cid
    tid = trace_id(current_traceparent.get())
    if tid and "trace_id" not in event_dict:
        event_dict["trace_id"] = tid
    return event_dict


def _redact(_: Any, __: str, event_dict: dict[str, Any]) -> dict[str, Any]:
    for k in list(event_dict):
        if any(s in k.lower() for s in _SECRET_KEYS):
            event_dict[k] = "***"
    return event_dict


def configure(service: str, level: str = "INFO", json: bool = True) -> None:
    processors: list[Any] = [
        structlog.contextvars.merge_contextvars,
        structlog.processors.add_log_level,
        structlog.processors.TimeStamper(fmt="iso", utc=True),
        _add_context,
        _redact,
        structlog.processors.format_exc_info,
    ]
    processors.append(structlog.processors.JSONRenderer() if json else structlog.dev.ConsoleRenderer())
    structlog.configure(
        processors=processors,
        wrapper_class=structlog.make_filtering_bound_logger(logging.getLevelName(level.upper())),
        logger_factory=structlog.PrintLoggerFactory(file=sys.stderr),
        cache_logger_on_first_use=False,  # reconfiguring (tests, CLI) must reach module-level loggers
    )
    structlog.contextvars.bind_contextvars(service=service)
    logging.basicConfig(level=level.upper(), stream=sys.stderr, format="%(levelname)s %(name)s %(message)s")
    # httpx logs every request's whole URL at INFO: the console's calls carry what staff typed in their query
    # strings (a search for a phone or an identity number), which must not reach the logs
    for noisy in ("aiokafka", "kafka", "uvicorn.access", "httpx", "httpcore"):
        logging.getLogger(noisy).setLevel(logging.WARNING)


def get_logger(name: str | None = None) -> Any:
    return structlog.get_logger(name)
