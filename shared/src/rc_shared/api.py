"""What every service's HTTP API shares: answer models, the paging envelope, the documented
error statuses and the request dependencies (policy, connection, unit of work, paging, as_of).

- Every answer is an ``Out`` model (``extra="forbid"``: a field the model does not name fails the
  response validation, so an answer never leaks more than its OpenAPI schema says).
- Every list is a ``Page[T]``: ``count`` (items on this page) and ``items``; a list read by
  ``limit``/``offset`` is an ``OffsetPage[T]``, which also echoes them (a page shorter than
  ``limit`` is the last one). A listing adds its own context fields (``as_of`` ...) by subclassing.
- Errors: one RFC 9457 problem shape (:class:`ErrorOut`, what :mod:`rc_shared.http` answers)
  declared per route with :func:`errors`; :func:`declare_common_errors` adds, once per app, the statuses any route can
  answer (401/403 for a route that needs a token, 413, 422, 429 for writes, 503).
"""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator, Callable, Iterable
from datetime import date
from typing import Annotated, Any, Generic, TypeVar

from fastapi import Depends, FastAPI, Query, Request
from fastapi.routing import APIRoute
from pydantic import BaseModel, ConfigDict, Field
from starlette.routing import BaseRoute

from rc_shared import clock
from rc_shared.dates import Day
from rc_shared.outbox import UnitOfWork

T = TypeVar("T")
U = TypeVar("U")

MAX_LIMIT = 10_000  # the most items one page of any listing holds


class Out(BaseModel):
    """An answer: it says every field it may carry, and carries nothing else."""

    model_config = ConfigDict(extra="forbid")


class Page(Out, Generic[T]):
    """A list: ``items`` in the listing's order and their ``count``."""

    count: int = Field(description="Items in this answer.")
    items: list[T]


class OffsetPage(Page[T], Generic[T]):
    """A page of a list read by ``limit`` and ``offset``: fewer than ``limit`` items is the last page."""

    limit: int = Field(description="The page size asked for.")
    offset: int = Field(description="Items skipped before this page.")


# ------------------------------------------------------------------------------ errors


class FieldErrorOut(BaseModel):
    field: str = Field(description="Where: 'query.<name>', 'path.<name>', 'header.<name>' or the body's dotted path.")
    message: str
    type: str


# The kinds of problem every service answers: ``error`` code -> title. The problem's ``type`` is
# ``/problems/<error>`` (a URI reference, stable per kind); a code not listed (another HTTP error
# of the framework) has ``http_error`` and the HTTP status phrase as its title.
PROBLEM_TITLES: dict[str, str] = {
    "bad_request": "The request breaks a rule",
    "unauthorized": "No valid bearer token",
    "forbidden": "Not allowed for this token",
    "not_found": "Not found",
    "method_not_allowed": "Method not allowed",
    "conflict": "Conflicts with the current state",
    "payload_too_large": "Request body too large",
    "validation_error": "Invalid request",
    "invalid": "Invalid value",
    "too_many_requests": "Too many writes",
    "internal_error": "Internal error",
    "overloaded": "The service is busy",
    "query_timeout": "The database query took too long",
    "unavailable": "Not available on this server",
}
PROBLEM_MEDIA_TYPE = "application/problem+json"


def problem_type(code: str) -> str:
    """The RFC 9457 ``type`` of an error code."""
    return f"/problems/{code}"


_KINDS = "; ".join(f"{problem_type(c)} ({t})" for c, t in PROBLEM_TITLES.items())


class ErrorOut(BaseModel):
    """Every error answer: an RFC 9457 problem (``application/problem+json``), with the codes and
    details of before as extension members: ``error`` (the code), ``message`` (= ``detail``),
    ``correlation_id``, field-level ``errors`` for invalid input, and the rule's own details (such
    as ``field`` or the ids involved) otherwise."""

    model_config = ConfigDict(extra="allow")
    type: str = Field(
        description=f"The kind of problem, a URI reference per kind: {_KINDS}; else /problems/http_error."
    )
    title: str = Field(description="A short summary of the kind of problem (the same for every problem of a type).")
    status: int = Field(description="The HTTP status of the answer.")
    detail: str = Field(description="What went wrong with this request, for people.")
    error: str = Field(description="A stable code, the last segment of type: validation_error, not_found, conflict ...")
    message: str = Field(description="The same as detail (kept for clients of the earlier shape).")
    correlation_id: str = Field(description="The request's correlation id (also its x-correlation-id header).")
    errors: list[FieldErrorOut] | None = Field(None, description="Field-level errors of invalid input (422).")


ERROR_STATUSES: dict[int, str] = {
    400: "The request breaks a rule.",
    401: "No valid bearer token.",
    403: "The token's role or unit scope does not allow this.",
    404: "Not found.",
    409: "Conflicts with the current state.",
    413: "The request body is too large.",
    422: "Invalid input: the errors name each field at fault.",
    429: "Too many writes from this client: retry after the Retry-After header's seconds.",
    503: "The service is busy or the database query took too long: retry (after Retry-After's seconds when given).",
}
WRITE_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})
AUTH_STATUSES = (401, 403)
COMMON_STATUSES = (413, 422, 503)


_ERROR_CONTENT = {PROBLEM_MEDIA_TYPE: {"schema": {"$ref": "#/components/schemas/ErrorOut"}}}


def errors(*statuses: int) -> dict[int | str, dict[str, Any]]:
    """The OpenAPI ``responses`` of a route's error statuses, all with the one problem shape
    (``application/problem+json``, whatever the route's own media type: errors are answered by
    :mod:`rc_shared.http`)."""
    return {s: {"description": ERROR_STATUSES[s], "content": _ERROR_CONTENT} for s in statuses}


def document_errors(app: FastAPI) -> None:
    """Put the error shape in the app's OpenAPI components (what :func:`errors` refers to)."""
    build = app.openapi

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            doc = build()
            schema = ErrorOut.model_json_schema(ref_template="#/components/schemas/{model}")
            schemas = doc.setdefault("components", {}).setdefault("schemas", {})
            schemas.update({**schema.pop("$defs", {}), "ErrorOut": schema})
        return app.openapi_schema or build()

    app.openapi = openapi  # type: ignore[method-assign]


def declare_common_errors(routes: Iterable[BaseRoute], *, authenticated: bool) -> None:
    """Declare on every route the statuses any of its requests can get: 413, 422 and 503 (the
    request middleware and the database), 429 for writes, 401 and 403 where a token is needed.

    Called by :func:`rc_shared.runtime.create_app` on each router before it is included."""
    for route in routes:
        if not isinstance(route, APIRoute):
            continue
        statuses = [*COMMON_STATUSES]
        if (route.methods or set()) & WRITE_METHODS:
            statuses.append(429)
        if authenticated:
            statuses += AUTH_STATUSES
        for status, response in errors(*statuses).items():
            route.responses.setdefault(status, response)


# ------------------------------------------------------------------------ dependencies


def policy(request: Request) -> Any:
    """The service's policy (its rules from settings), set on the app when it is built."""
    return request.app.state.policy


@contextlib.asynccontextmanager
async def open_connection(request: Request) -> AsyncIterator[Any]:
    """A pooled connection for reads and checks outside a unit of work."""
    async with request.app.state.runtime.db().acquire() as conn:
        yield conn


async def connection(request: Request) -> AsyncIterator[Any]:
    """A pooled connection for the request, as a dependency."""
    async with open_connection(request) as conn:
        yield conn


def unit_of_work_of(wrap: Callable[[UnitOfWork], U]) -> Callable[[Request], contextlib.AbstractAsyncContextManager[U]]:
    """The service's unit of work (``wrap``: its repositories over the shared one) as a context manager."""

    @contextlib.asynccontextmanager
    async def open_unit_of_work(request: Request) -> AsyncIterator[U]:
        rt = request.app.state.runtime
        async with UnitOfWork(rt.db(), rt.source) as tx:
            yield wrap(tx)

    return open_unit_of_work


def unit_of_work_dependency(wrap: Callable[[UnitOfWork], U]) -> Callable[[Request], AsyncIterator[U]]:
    """The service's unit of work as a dependency: one transaction per request."""
    opened = unit_of_work_of(wrap)

    async def unit_of_work(request: Request) -> AsyncIterator[U]:
        async with opened(request) as uow:
            yield uow

    return unit_of_work


Connection = Annotated[Any, Depends(connection)]
Limit = Annotated[int, Query(ge=1, le=MAX_LIMIT, description=f"Items per page, 1 to {MAX_LIMIT}.")]
Offset = Annotated[int, Query(ge=0, le=10**9, description="Items to skip before the page.")]


def as_of(
    request: Request,
    as_of: Annotated[
        Day | None, Query(description="The date the answer holds for, YYYY-MM-DD (default: today).")
    ] = None,
) -> date:
    """``as_of``, or today (the service policy's day, else the organisation's clock)."""
    if as_of is not None:
        return as_of
    rules = getattr(request.app.state, "policy", None)
    day: date = rules.today() if rules is not None else clock.today()
    return day


AsOf = Annotated[date, Depends(as_of)]
