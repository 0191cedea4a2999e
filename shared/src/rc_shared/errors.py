"""Domain errors, mapped to HTTP status codes by the entrypoints (pure: no framework imports)."""

from __future__ import annotations

from typing import Any


class DomainError(Exception):
    """Base of errors a user can cause; ``status`` is the HTTP status they map to."""

    status = 400
    code = "bad_request"

    def __init__(self, message: str, **details: Any) -> None:
        super().__init__(message)
        self.message = message
        self.details = details


class NotFound(DomainError):
    status = 404
    code = "not_found"


class Conflict(DomainError):
    status = 409
    code = "conflict"


class Invalid(DomainError):
    """Input that is well-formed but breaks a rule (422)."""

    status = 422
    code = "invalid"


class Unavailable(DomainError):
    """The process is at capacity for now (503): the client may retry after ``retry_after_s``."""

    status = 503
    code = "overloaded"

    def __init__(self, message: str, retry_after_s: int = 1, **details: Any) -> None:
        super().__init__(message, **details)
        self.retry_after_s = retry_after_s
