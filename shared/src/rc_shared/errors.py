"""Domain errors, mapped to HTTP status codes by the entrypoints (pure: no framework imports)."""

from __future__ import annotations

from typing import Any


class DomainError(Exception):
    """Base of errors a user can cause; ``status`` is the HTTP status they map to, ``code`` the
    machine-readable name. A subclass states both in its header: ``class Gone(DomainError, status=410,
    code="gone")``."""

    status = 400
    code = "bad_request"

    def __init_subclass__(cls, status: int | None = None, code: str | None = None, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        if status is not None:
            cls.status = status
        if code is not None:
            cls.code = code

    def __init__(self, message: str, **details: Any) -> None:
        super().__init__(message)
        self.message = message
        self.details = details


class NotFound(DomainError, status=404, code="not_found"):
    """No such thing (404)."""


class Conflict(DomainError, status=409, code="conflict"):
    """The request conflicts with the current state (409)."""


class Invalid(DomainError, status=422, code="invalid"):
    """Input that is well-formed but breaks a rule (422)."""


class Unavailable(DomainError, status=503, code="overloaded"):
    """The process is at capacity for now (503): the client may retry after ``retry_after_s``."""

    def __init__(self, message: str, retry_after_s: int = 1, **details: Any) -> None:
        super().__init__(message, **details)
        self.retry_after_s = retry_after_s
