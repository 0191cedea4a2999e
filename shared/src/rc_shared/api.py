"""What every service's HTTP API shares: answer models, the paging envelope, the documented
error statuses and the request dependencies (policy, connection, unit of work, paging, as_of).

- Every answer is an ``Out`` model (``extra="forbid"``: a field the model does not name fails the
  response validation, so an answer never leaks more than its OpenAPI schema says).
- Every list is a ``Page[T]``: ``count`` (items on this page) and ``items``; a list read by
  ``limit``/``offset`` is an ``OffsetPage[T]``, which also echoes them (a page shorter than
  ``limit`` is the last one). A listing adds its own context fields (``as_of`` ...) by subclassing.
- Errors: one RFC 9457 problem shape (:class:`ErrorOut`, what :mod:`rc_shared.http` answers)
  declared per route with :func:`errors`; :func:`declare_common_errors` adds, once per app, the statuses any route can
  answer (401/403 for a route that needs a token, 413, 422, 429 for writes, 503); a create that
  takes an ``Idempotency-Key`` also declares the 200 of a resubmission (:func:`replayed`).
- Requests: what a request's schema calls valid is what the service accepts (schemathesis checks it
  in ``tests/e2e/test_api_contract.py``): free text stripped of whitespace says so in its pattern
  (:data:`TRIMMED`), a strict integer takes ``1000.0`` (:data:`WHOLE`), a PATCH body says which
  fields may be null (:func:`patch_schema`).
- Links: each create is linked to the operations on what it created (:func:`document_links`).
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import AsyncIterator, Callable, Iterable
from dataclasses import dataclass
from datetime import date
from typing import Annotated, Any, Generic, Self, TypeVar

from fastapi import Depends, FastAPI, Query, Request
from fastapi.routing import APIRoute
from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    GetCoreSchemaHandler,
    GetJsonSchemaHandler,
    StringConstraints,
    ValidationInfo,
    model_validator,
)
from pydantic_core import CoreSchema, PydanticCustomError, core_schema
from starlette.routing import BaseRoute

from rc_shared import clock, contact
from rc_shared.dates import Day
from rc_shared.outbox import UnitOfWork

T = TypeVar("T")
U = TypeVar("U")

MAX_LIMIT = 10_000  # the most items one page of any listing holds
# A name search (``q``): no control character but those Python's str.split() takes for whitespace, which
# the search collapses (tab to carriage return, \x1c-\x1f, \x85).
SEARCH_PATTERN = "^[^\\x00-\\x08\\x0e-\\x1b\\x7f-\\x84\\x86-\\x9f]*$"


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


# ------------------------------------------------------------------------------ text

# What ``strip_whitespace`` removes around a string (Unicode White_Space), as a regex class body.
WHITESPACE = "\\t\\n\\x0b\\x0c\\r \\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000"


def trimmed_pattern(min_length: int) -> str:
    """The pattern of a text field whose surrounding whitespace is dropped before it must hold at
    least ``min_length`` characters: whitespace alone is no text."""
    w, c = f"[{WHITESPACE}]", f"[^{WHITESPACE}]"
    core = rf"{c}(?:[\s\S]*{c})?" if min_length <= 1 else rf"{c}[\s\S]{{{min_length - 2},}}{c}"
    if min_length == 0:
        core = f"(?:{core})?"
    return f"^{w}*{core}{w}*$"


def _raw_length(max_length: int) -> Callable[[Any], Any]:
    def check(value: Any) -> Any:
        if isinstance(value, str) and len(value) > max_length:
            raise PydanticCustomError(
                "string_too_long", "String should have at most {max_length} characters", {"max_length": max_length}
            )
        return value

    return check


@dataclass(frozen=True)
class TrimmedText:
    """Put after a ``StringConstraints(strip_whitespace=True, ...)``: the schema then says what the
    service accepts as sent, whitespace around included. Free text (``min_length``/``max_length``):
    at most ``max_length`` characters as sent (checked as sent, too), and a ``pattern`` that refuses
    whitespace alone. Patterned text (an anchored ``pattern`` none of whose matches starts or ends
    with whitespace, as a stripped text never does): that pattern with whitespace allowed around."""

    def __get_pydantic_core_schema__(self, source: Any, handler: GetCoreSchemaHandler) -> CoreSchema:
        schema = handler(source)
        if schema.get("type") != "str" or not schema.get("strip_whitespace"):
            raise TypeError("TrimmedText follows a StringConstraints with strip_whitespace")
        if "pattern" in schema:
            pattern = str(schema["pattern"])
            if not (pattern.startswith("^") and pattern.endswith("$")) or "max_length" in schema:
                raise TypeError("TrimmedText: a pattern is anchored (^...$) and carries its own lengths")
            return schema
        if "max_length" not in schema:
            raise TypeError("TrimmedText: free text has a max_length")
        return core_schema.no_info_before_validator_function(_raw_length(schema["max_length"]), schema)

    def __get_pydantic_json_schema__(self, schema: CoreSchema, handler: GetJsonSchemaHandler) -> dict[str, Any]:
        out: dict[str, Any] = handler(schema)
        inner: Any = schema.get("schema", schema)
        if "pattern" in inner:
            out["pattern"] = f"^[{WHITESPACE}]*(?:{inner['pattern'][1:-1]})[{WHITESPACE}]*$"
        else:
            out["pattern"] = trimmed_pattern(inner.get("min_length", 0))
        return out


TRIMMED = TrimmedText()

Phone = Annotated[
    str,
    StringConstraints(strip_whitespace=True, pattern=contact.PHONE_PATTERN),
    TRIMMED,
    AfterValidator(contact.phone_key),
    Field(description=f"A phone number: {contact.PHONE_RULE}; kept in one written form (rc_shared.contact)."),
]
IdNumber = Annotated[
    str,
    StringConstraints(strip_whitespace=True, pattern=contact.ID_NUMBER_PATTERN),
    TRIMMED,
    AfterValidator(contact.id_number_key),
    Field(description=f"An identity number (CCCD, CMND, passport, tax code): {contact.ID_NUMBER_RULE}; capitals."),
]


def whole_number(value: Any) -> Any:
    """JSON has one number type: ``1000.0`` is the integer 1000 (as JSON Schema's ``integer`` says),
    and a strict integer field takes it; ``1000.5``, ``"1000"`` or ``true`` stay refused."""
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


WHOLE = BeforeValidator(whole_number)


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
    errors: list[FieldErrorOut] | None = Field(
        None,
        description="Field-level errors of input its schema refuses (422, type /problems/validation_error); a rule "
        "broken by valid input (422 /problems/invalid, 409, 400) names its field in field instead.",
    )
    field: str | None = Field(
        None, description="The field a broken rule is about (a body field's name, or a header's, e.g. Idempotency-Key)."
    )
    reason: str | None = Field(
        None,
        description="Why a referenced unit was refused: unknown_unit (not in the tree this service has learnt from "
        "members.units yet: a unit just created may be retried after a moment) or unit_not_valid_then (it did not "
        "exist, or was dissolved, on the day that counts: do not retry); why a gift, pledge or statement was "
        "refused with 409: campaign_not_open (no launched campaign with the id is known yet: one launched a moment "
        "ago may be retried after a few seconds; a mistyped id stays refused).",
    )


ERROR_STATUSES: dict[int, str] = {
    400: "The request breaks a rule.",
    401: "No valid bearer token: none, or one expired or not verified (renew it; a write's refused token is"
    " answered so at once, never with a 429).",
    403: "The token's role or unit scope does not allow this.",
    404: "Not found.",
    409: "Conflicts with the current state.",
    413: "The request body is too large.",
    422: "Invalid input: the errors name each field at fault.",
    429: "Too many writes from this client: retry after the Retry-After header's seconds. Writes (POST, PUT, PATCH,"
    " DELETE) are counted per client (the verified token's subject; without a token, the client's address) per"
    " minute and per replica of the service: RC_WRITE_RATE_PER_MINUTE (600 by default), or the client's own"
    " quota, from RC_WRITE_QUOTA_CLIENTS by subject, else the token's rc_writes_per_minute claim.",
    503: "The service is busy, the database query took too long or the database cannot be reached now: retry after"
    " Retry-After's seconds. A write so answered because the connection broke may have been made: send it again as"
    " it was (with the same Idempotency-Key where the endpoint takes one).",
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


def not_null(value: object, info: ValidationInfo) -> object:
    """A PATCH field given is not null (the error names it): ``field_validator(...)(not_null)``."""
    if value is None:
        raise ValueError(f"{info.field_name} cannot be null")
    return value


class PatchBody(BaseModel):
    """A PATCH body: any subset of its fields, but something to change (422 "nothing to change"); give its
    ``model_config`` a ``json_schema_extra=patch_schema(...)`` saying which fields null clears."""

    model_config = ConfigDict(extra="forbid")

    @model_validator(mode="after")
    def _something(self) -> Self:
        if not self.model_fields_set:
            raise ValueError("nothing to change")
        return self


def patch_schema(nullable: Iterable[str], *, at_least_one: bool) -> Callable[[dict[str, Any]], None]:
    """The ``json_schema_extra`` of a PATCH body whose fields are optional but, when given, not null
    (but those of ``nullable``, which null clears): the schema says what the validator checks. With
    ``at_least_one``, an empty body is refused too (``minProperties``)."""
    keep = frozenset(nullable)

    def amend(schema: dict[str, Any]) -> None:
        for name, prop in schema.get("properties", {}).items():
            if name in keep or "anyOf" not in prop:
                continue
            kept = [alt for alt in prop.pop("anyOf") if alt.get("type") != "null"]
            prop.pop("default", None)
            if len(kept) == 1:
                prop.update(kept[0])
            else:
                prop["anyOf"] = kept
        if at_least_one:
            schema["minProperties"] = 1

    return amend


def replayed(model: type[BaseModel], also: str = "") -> dict[int | str, dict[str, Any]]:
    """The OpenAPI ``responses`` entry of a create resent with the same ``Idempotency-Key``: 200 with
    the record the first request created (the first answer was 201); ``also``: what else is answered so."""
    said = "A resubmission (same Idempotency-Key): the record created first." + (f" {also}" if also else "")
    return {200: {"model": model, "description": said}}


def document_errors(app: FastAPI) -> None:
    """Put the error shape in the app's OpenAPI components (what :func:`errors` refers to)."""
    build = app.openapi

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            doc = build()
            schema = ErrorOut.model_json_schema(ref_template="#/components/schemas/{model}")
            schemas = doc.setdefault("components", {}).setdefault("schemas", {})
            schemas.update({**schema.pop("$defs", {}), "ErrorOut": schema})
            doc["components"]["securitySchemes"] = SECURITY_SCHEMES
        return app.openapi_schema or build()

    app.openapi = openapi  # type: ignore[method-assign]


PUBLIC_ANSWER_MARK = "__rc_public_answer__"
"""The attribute :func:`rc_shared.http_cache.cached_route` sets on an endpoint whose answers it caches."""
BEARER = "bearerAuth"
SECURITY_SCHEMES = {
    BEARER: {
        "type": "http",
        "scheme": "bearer",
        "bearerFormat": "JWT",
        "description": "A JWT signed ES256 or RS256 by the organisation's key or OIDC provider (claims: sub, iss, "
        "aud, exp, role: admin, unit_manager, data_entry or viewer, unit_id; see README, Access control): the "
        "role must allow the operation and the unit's subtree hold what it touches.",
    }
}
_RETRY_AFTER = {
    "Retry-After": {
        "description": "Seconds to wait before sending the request again (nothing was done).",
        "schema": {"type": "integer", "minimum": 0},
    }
}
_CHALLENGE = {
    "WWW-Authenticate": {
        "description": 'Bearer (no token sent), or Bearer error="invalid_token" (a token refused).',
        "schema": {"type": "string"},
    }
}
_CACHE_HEADERS = {
    "ETag": {"description": "The answer's version: send it back in If-None-Match.", "schema": {"type": "string"}},
    "Cache-Control": {
        "description": "public, max-age=N (the service's setting; 0: no-cache, revalidate every use).",
        "schema": {"type": "string"},
    },
}
_IF_NONE_MATCH = {
    "name": "If-None-Match",
    "in": "header",
    "required": False,
    "description": "The ETag of an answer held: 304 Not Modified while it is still the current one.",
    "schema": {"type": "string"},
}


def declare_common_errors(routes: Iterable[BaseRoute], *, authenticated: bool) -> None:
    """Declare on every route the statuses any of its requests can get: 413, 422 and 503 (the
    request middleware and the database), 429 for writes (both with ``Retry-After``), 401 and 403
    where a token is needed; its security (a bearer token, or none); and, on a route whose answers
    are cached (:data:`PUBLIC_ANSWER_MARK`), the ``ETag`` and ``Cache-Control`` of its answer, the
    ``If-None-Match`` it takes and its ``304``.

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
            if status in (429, 503):
                response = {**response, "headers": _RETRY_AFTER}
            elif status == 401:
                response = {**response, "headers": _CHALLENGE}
            route.responses.setdefault(status, response)
        extra = dict(route.openapi_extra or {})
        extra["security"] = [{BEARER: []}] if authenticated else []
        if getattr(route.endpoint, PUBLIC_ANSWER_MARK, False):
            ok = route.status_code or 200
            route.responses[ok] = {**route.responses.get(ok, {}), "headers": _CACHE_HEADERS}
            route.responses.setdefault(304, {"description": "Not Modified: If-None-Match names the current ETag."})
            if _IF_NONE_MATCH not in extra.get("parameters", []):  # (a router's routes are declared per app built)
                extra["parameters"] = [*extra.get("parameters", []), _IF_NONE_MATCH]
        route.openapi_extra = extra


def _links(doc: dict[str, Any]) -> None:
    """Link each create (a POST answering 201 with the new record's ``id``) to the operations on the
    record it made: those under its path with one more parameter (``POST /units`` to
    ``GET /units/{unit_id}``, ``POST /units/{unit_id}/rename`` ...), or under its last segment at the
    top (``POST /campaigns/{campaign_id}/donations`` to ``GET /donations/{donation_id}``): OpenAPI
    ``links``, which clients and stateful testers follow."""
    schemas = doc.get("components", {}).get("schemas", {})
    paths = doc.get("paths", {})
    for path, ops in paths.items():
        created = ops.get("post", {}).get("responses", {}).get("201")
        body = (created or {}).get("content", {}).get("application/json", {}).get("schema", {})
        body = schemas.get(str(body.get("$ref", "")).rsplit("/", 1)[-1], body)
        if created is None or "id" not in body.get("properties", {}):
            continue
        own = re.findall(r"{(\w+)}", path)
        prefixes = {path, "/" + path.rsplit("/", 1)[-1]}
        links: dict[str, Any] = {}
        for target, target_ops in paths.items():
            found = next((m for p in prefixes if (m := re.match(re.escape(p) + r"/{(\w+)}(?:/|$)", target))), None)
            if found is None:
                continue
            kept = {p: f"$request.path.{p}" for p in own if "{" + p + "}" in target}
            parameters = {found.group(1): "$response.body#/id", **kept}
            for op in target_ops.values():
                links[op["operationId"]] = {"operationId": op["operationId"], "parameters": parameters}
        if links:
            created["links"] = links


def document_links(app: FastAPI) -> None:
    """Put in the app's OpenAPI the links from each create to the operations on what it created."""
    build = app.openapi

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            _links(build())
        return app.openapi_schema or build()

    app.openapi = openapi  # type: ignore[method-assign]


# ------------------------------------------------------------------------ dependencies


async def policy(request: Request) -> Any:
    """The service's policy (its rules from settings), set on the app when it is built (a coroutine, as
    every dependency of a public read: FastAPI runs a plain function in its thread pool, a hop per call)."""
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
