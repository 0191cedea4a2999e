"""The services' APIs, called with the user's bearer token through the generated typed clients.

One connection pool per service for the whole process (a shared transport whose connections are
kept alive and reused by every request and user, at most ``max_connections`` to each service); each
user's token has its client per service, kept for the next pages of that user (building an httpx client
costs a fifth of a millisecond: its proxies are read from the environment each time), the request's
correlation id set on each call. A page's independent calls run concurrently (the screens gather
them). A service's error answer becomes :class:`ApiError` holding the problem in the user's language;
a service that does not answer is a 503 problem.

Only one answer is reused: a user's membership report, for that same user (keyed by their token), for
``report_cache_s`` seconds (:class:`AnswerCache`). It is a projection fed through Kafka, seconds behind
the members service anyway, and nothing done in the console changes it directly; everything else
(counts, people, units, campaigns, gifts) is asked again on every page, so a change shows at once.
"""

from __future__ import annotations

import asyncio
import datetime
import json
import time
import uuid
from collections import OrderedDict
from collections.abc import Awaitable, Callable, Hashable
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

import httpx

from rc_clients.campaigns import AuthenticatedClient as CampaignsClient
from rc_clients.campaigns.api.beneficiaries import list_beneficiaries_beneficiaries_get as list_beneficiaries
from rc_clients.campaigns.api.blood import list_sessions_campaigns_campaign_id_blood_sessions_get as list_sessions
from rc_clients.campaigns.api.campaigns import close_campaigns_campaign_id_close_post as close_campaign
from rc_clients.campaigns.api.campaigns import get_campaign_campaigns_campaign_id_get as get_campaign
from rc_clients.campaigns.api.campaigns import launch_campaigns_campaign_id_launch_post as launch_campaign
from rc_clients.campaigns.api.campaigns import list_campaigns_campaigns_get as list_campaigns
from rc_clients.campaigns.models import (
    BeneficiariesPageOut,
    BloodSessionsOut,
    CampaignOut,
    CampaignsPageOut,
    CloseIn,
    LaunchIn,
)
from rc_clients.donations import AuthenticatedClient as DonationsClient
from rc_clients.donations.api.distributions import (
    list_distributions_campaigns_campaign_id_distributions_get as list_distributions,
)
from rc_clients.donations.api.donations import get_donation_donations_donation_id_get as get_donation
from rc_clients.donations.api.donations import get_receipt_donations_donation_id_receipt_get as get_receipt
from rc_clients.donations.api.donations import (
    import_statement_campaigns_campaign_id_bank_statement_post as import_statement,
)
from rc_clients.donations.api.donations import list_donations_campaigns_campaign_id_donations_get as list_donations
from rc_clients.donations.api.ledgers import get_ledger_campaigns_campaign_id_ledger_get as get_ledger
from rc_clients.donations.models import (
    DistributionsPageOut,
    DonationOut,
    DonationsPageOut,
    LedgerOut,
    ReceiptOut,
    StatementIn,
    StatementOut,
)
from rc_clients.members import AuthenticatedClient as MembersClient
from rc_clients.members.api.people import get_person_people_person_id_get as get_person
from rc_clients.members.api.people import list_people_people_get as list_people
from rc_clients.members.api.units import get_unit_units_unit_id_get as get_unit
from rc_clients.members.api.units import list_units_units_get as list_units
from rc_clients.members.api.units import stats_stats_get as stats
from rc_clients.members.api.units import unit_children_units_unit_id_children_get as unit_children
from rc_clients.members.api.units import unit_history_units_unit_id_history_get as unit_history
from rc_clients.members.models import (
    PeoplePageOut,
    PersonOut,
    StatsOut,
    UnitChildrenOut,
    UnitHistoryOut,
    UnitListItemOut,
    UnitOut,
    UnitsPageOut,
)
from rc_clients.reporting import AuthenticatedClient as ReportingClient
from rc_clients.reporting.api.campaign_reports import campaigns_by_period_reports_campaigns_by_period_get as by_period
from rc_clients.reporting.api.campaign_reports import campaigns_by_unit_reports_campaigns_by_unit_get as by_unit
from rc_clients.reporting.api.campaign_reports import (
    campaigns_dashboard_reports_campaigns_dashboard_get as dashboard_figures,
)
from rc_clients.reporting.api.campaign_reports_public import campaigns_list_reports_campaigns_get as campaign_figures
from rc_clients.reporting.api.reports import membership_reports_membership_get as membership_report
from rc_clients.reporting.models import CampaignList, CampaignSeries, Dashboard, MembershipReport, UnitFundsReport
from rc_console.domain.model import Problem, problem_of
from rc_console.i18n import gettext as _
from rc_shared.api import MAX_LIMIT
from rc_shared.logging import get_logger
from rc_shared.tracing import current_correlation_id

T = TypeVar("T")
log = get_logger(__name__)


C = TypeVar("C", MembersClient, CampaignsClient, DonationsClient, ReportingClient)
CLIENTS_KEPT = 1024  # users' clients kept per process (each a few kilobytes)


async def _correlate(request: httpx.Request) -> None:
    """The page's correlation id on each call to a service (a client serves many pages of its user)."""
    cid = current_correlation_id.get()
    if cid:
        request.headers["x-correlation-id"] = cid


class ApiError(Exception):
    """A service refused or failed; ``problem`` says it in the user's language."""

    def __init__(self, problem: Problem) -> None:
        super().__init__(problem.detail or problem.message)
        self.problem = problem


def _problem(status: int, content: bytes, headers: httpx.Headers | None = None) -> Problem:
    try:
        body = json.loads(content)
    except ValueError:
        body = {}
    problem = problem_of(status, body)
    if status in BUSY and headers is not None:
        problem.retry_after_s = _seconds(headers.get("Retry-After"))
    return problem


# busy: ask again later (a 503 for a database lost in the middle of a write may have been done: only a
# resend that is safe, an import's rows, is made without looking; see :func:`patiently`)
BUSY = frozenset({429, 503})


def _seconds(value: str | None) -> float | None:
    """A Retry-After given in seconds (the services' form); ``None`` when absent or not a number."""
    try:
        return max(0.0, float(value)) if value is not None else None
    except ValueError:
        return None


async def patiently(
    call: Callable[[], Awaitable[T]],
    waiting: Callable[[float | None], None],
    *,
    attempts: int = 8,
    longest_s: float = 30.0,
    sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
) -> T:
    """``call``'s answer, asked again while the service is busy or does not answer (a 429 or 503):
    after its Retry-After, else 1, 2, 4… seconds, never more than ``longest_s``, at most ``attempts``
    times in all; then its :class:`ApiError`. For background work whose resend is safe (the services
    deduplicate an import's rows); ``waiting`` is told each wait, then ``None`` once answered."""
    for attempt in range(1, attempts + 1):
        try:
            answer = await call()
        except ApiError as exc:
            if exc.problem.status not in BUSY or attempt == attempts:
                raise
            pause = exc.problem.retry_after_s
            pause = min(longest_s, 2.0 ** (attempt - 1) if pause is None else pause)
            waiting(pause)
            await sleep(pause)
        else:
            waiting(None)
            return answer
    raise AssertionError("unreachable")  # the last attempt returns or raises


async def call_api(answer: Awaitable[Any], expected: type[T]) -> T:
    try:
        r = await answer
    except httpx.InvalidURL as exc:  # a query longer than a URL may be (a search field of 10,000 characters)
        raise ApiError(Problem(422, _("Nội dung nhập quá dài."), detail=str(exc))) from exc
    except httpx.HTTPError as exc:
        raise ApiError(Problem(503, _("Dịch vụ tạm thời không trả lời, xin thử lại."), detail=repr(exc))) from exc
    status = int(r.status_code)
    if 200 <= status < 300 and isinstance(r.parsed, expected):
        return r.parsed
    raise ApiError(_problem(status, r.content, r.headers))


@dataclass(frozen=True, slots=True)
class Created:
    """A record's id, and whether the service made it now (201) or answered a form sent before with the record
    that form made then (200: an idempotent replay, nothing recorded again)."""

    id: uuid.UUID
    replayed: bool


async def _created(
    http: httpx.AsyncClient, path: str, body: dict[str, Any], headers: dict[str, str] | None = None
) -> Created:
    """POST a form's values as they are (the service validates every field: its field errors come back
    next to the form's fields), so this posts raw JSON; the new record's id."""
    try:
        r = await http.post(path, json=body, headers=headers)
    except httpx.HTTPError as exc:
        raise ApiError(Problem(503, _("Dịch vụ tạm thời không trả lời, xin thử lại."), detail=repr(exc))) from exc
    if r.status_code not in (200, 201):  # 200: an idempotent replay of the same form
        raise ApiError(_problem(r.status_code, r.content, r.headers))
    return Created(uuid.UUID(r.json()["id"]), replayed=r.status_code == 200)


async def _create(
    http: httpx.AsyncClient, path: str, body: dict[str, Any], headers: dict[str, str] | None = None
) -> uuid.UUID:
    return (await _created(http, path, body, headers)).id


@dataclass(frozen=True, slots=True)
class GiftRow:
    """A gift as a campaign's page lists it: the fields of the donations API's ``DonationOut`` that the page
    shows, read from its JSON as they are (the whole generated model costs a campaign's page about a
    millisecond: every field of 50 gifts, two dates each through dateutil)."""

    id: uuid.UUID
    receipt_no: int
    receipt_number: str
    received_on: datetime.date
    kind: str
    channel: str
    donor_type: str
    amount_vnd: int
    value_vnd: int
    blood_units: int
    reversed_: bool

    @classmethod
    def from_json(cls, d: dict[str, Any]) -> GiftRow:
        return cls(
            id=uuid.UUID(d["id"]),
            receipt_no=int(d["receipt_no"]),
            receipt_number=str(d["receipt_number"]),
            received_on=datetime.date.fromisoformat(d["received_on"]),
            kind=str(d["kind"]),
            channel=str(d["channel"]),
            donor_type=str(d["donor_type"]),
            amount_vnd=int(d["amount_vnd"]),
            value_vnd=int(d["value_vnd"]),
            blood_units=int(d["blood_units"]),
            reversed_=bool(d["reversed"]),
        )


async def _get_json(http: httpx.AsyncClient, path: str, params: dict[str, Any]) -> Any:
    """A GET's JSON answer, read without a generated model; a refusal or failure as :class:`ApiError`."""
    return json.loads((await _request(http, "GET", path, params=params)).content)


async def _request(http: httpx.AsyncClient, method: str, path: str, **kwargs: Any) -> httpx.Response:
    """A request's answer when it is a success; a URL too long, no answer or a refusal as :class:`ApiError`."""
    try:
        r = await http.request(method, path, **kwargs)
    except httpx.InvalidURL as exc:
        raise ApiError(Problem(422, _("Nội dung nhập quá dài."), detail=str(exc))) from exc
    except httpx.HTTPError as exc:
        raise ApiError(Problem(503, _("Dịch vụ tạm thời không trả lời, xin thử lại."), detail=repr(exc))) from exc
    if not 200 <= r.status_code < 300:
        raise ApiError(_problem(r.status_code, r.content, r.headers))
    return r


class AnswerCache(Generic[T]):
    """Answers kept by key for ``ttl_s`` seconds from when they were asked (0: none kept), at most
    ``max_entries`` (the oldest go first). Concurrent askers of a missing key share one call; a
    failed call is not kept."""

    def __init__(self, ttl_s: float, max_entries: int = 1024, clock: Callable[[], float] = time.monotonic) -> None:
        self.ttl_s, self.max_entries, self._clock = ttl_s, max_entries, clock
        self._entries: dict[Hashable, tuple[float, T]] = {}
        self._pending: dict[Hashable, asyncio.Task[T]] = {}

    def __len__(self) -> int:
        return len(self._entries)

    async def get(self, key: Hashable, fetch: Callable[[], Awaitable[T]]) -> T:
        if self.ttl_s <= 0:
            return await fetch()
        asked = self._clock()
        hit = self._entries.get(key)
        if hit is not None and hit[0] > asked:
            return hit[1]
        task = self._pending.get(key)
        if task is None:
            task = asyncio.ensure_future(fetch())
            self._pending[key] = task
            task.add_done_callback(lambda t: self._done(key, t, asked + self.ttl_s))
        return await asyncio.shield(task)  # a request that goes away does not cancel the others' call

    def _done(self, key: Hashable, task: asyncio.Task[T], until: float) -> None:
        del self._pending[key]
        if task.cancelled() or task.exception() is not None:  # exception(): retrieved even if nobody waits
            return
        self._entries.pop(key, None)
        self._entries[key] = (until, task.result())
        while len(self._entries) > self.max_entries:
            del self._entries[next(iter(self._entries))]


class Upstreams:
    """The four services' base URLs and connection pools."""

    def __init__(
        self,
        urls: dict[str, str],
        timeout_s: float,
        max_connections: int = 8,
        report_cache_s: float = 0.0,
        clock: Callable[[], float] = time.monotonic,
        units_cache_s: float = 0.0,
    ) -> None:
        self.urls = urls
        self.timeout = httpx.Timeout(timeout_s)
        # Every connection is kept alive: with fewer kept than opened (httpx's default keeps 20 of 100),
        # httpcore closes idle connections whenever more than that many are open at all, so under load
        # most calls paid a new TCP connection, at both ends. Idle ones are closed well before the
        # services' keep-alive timeout (75 s) would.
        limits = httpx.Limits(
            max_connections=max_connections, max_keepalive_connections=max_connections, keepalive_expiry=30
        )
        self._transports = {name: httpx.AsyncHTTPTransport(retries=0, limits=limits) for name in urls}
        self.reports: AnswerCache[MembershipReport] = AnswerCache(report_cache_s, clock=clock)
        self.units: AnswerCache[list[UnitListItemOut]] = AnswerCache(units_cache_s, clock=clock)
        self._clients: OrderedDict[tuple[str, str], Any] = OrderedDict()  # (service, token) → client, newest last

    async def close(self) -> None:
        for t in self._transports.values():
            await t.aclose()

    def client(self, name: str, token: str, cls: type[C]) -> C:
        """The generated client of service ``name`` with ``token`` (the last ``CLIENTS_KEPT`` are reused: they
        hold nothing of their own, their connections are the shared pool's)."""
        key = (name, token)
        found = self._clients.get(key)
        if isinstance(found, cls):
            self._clients.move_to_end(key)
            return found
        client = cls(
            token=token,
            base_url=self.urls[name],
            timeout=self.timeout,
            httpx_args={"transport": self._transports[name], "event_hooks": {"request": [_correlate]}},
        )
        self._clients[key] = client
        while len(self._clients) > CLIENTS_KEPT:
            self._clients.popitem(last=False)
        return client

    def for_user(self, token: str) -> Api:
        return Api(self, token)

    async def live(self, name: str) -> bool:
        """Whether the service answers its liveness probe."""
        client = httpx.AsyncClient(transport=self._transports[name], base_url=self.urls[name], timeout=2)
        try:
            return (await client.get("/health/live")).status_code == 200
        except httpx.HTTPError:
            return False


class Api:
    """The services as one user sees them (their token on every call)."""

    def __init__(self, upstreams: Upstreams, token: str) -> None:
        self._up = upstreams
        self._token = token
        self._members: MembersClient | None = None
        self._campaigns: CampaignsClient | None = None
        self._reporting: ReportingClient | None = None
        self._donations: DonationsClient | None = None

    @property
    def members(self) -> MembersClient:
        if self._members is None:
            self._members = self._up.client("members", self._token, MembersClient)
        return self._members

    @property
    def campaigns(self) -> CampaignsClient:
        if self._campaigns is None:
            self._campaigns = self._up.client("campaigns", self._token, CampaignsClient)
        return self._campaigns

    @property
    def donations(self) -> DonationsClient:
        if self._donations is None:
            self._donations = self._up.client("donations", self._token, DonationsClient)
        return self._donations

    @property
    def reporting(self) -> ReportingClient:
        if self._reporting is None:
            self._reporting = self._up.client("reporting", self._token, ReportingClient)
        return self._reporting

    # campaigns
    async def campaigns_page(self, limit: int = 100, offset: int = 0, state: str | None = None) -> CampaignsPageOut:
        """A page of the campaigns of the user's scope (``state``: in that state only)."""
        kwargs: dict[str, Any] = {"limit": limit, "offset": offset} | ({"state": state} if state else {})
        return await call_api(list_campaigns.asyncio_detailed(client=self.campaigns, **kwargs), CampaignsPageOut)

    async def campaign(self, campaign_id: uuid.UUID) -> CampaignOut:
        return await call_api(get_campaign.asyncio_detailed(campaign_id, client=self.campaigns), CampaignOut)

    async def create_campaign(self, body: dict[str, Any]) -> uuid.UUID:
        """Create a campaign from the form's values as they are."""
        return await _create(self.campaigns.get_async_httpx_client(), "/campaigns", body)

    async def update_campaign(self, campaign_id: uuid.UUID, changes: dict[str, Any]) -> None:
        """Correct a draft: the changed fields, values as typed (the API validates them)."""
        await send_json(self.campaigns.get_async_httpx_client(), "PATCH", f"/campaigns/{campaign_id}", changes)

    async def launch(self, campaign_id: uuid.UUID) -> CampaignOut:
        return await call_api(
            launch_campaign.asyncio_detailed(campaign_id, client=self.campaigns, body=LaunchIn()), CampaignOut
        )

    async def close(self, campaign_id: uuid.UUID) -> CampaignOut:
        return await call_api(
            close_campaign.asyncio_detailed(campaign_id, client=self.campaigns, body=CloseIn()), CampaignOut
        )

    # donations
    async def donations_of(self, campaign_id: uuid.UUID, limit: int) -> DonationsPageOut:
        return await call_api(
            list_donations.asyncio_detailed(campaign_id, client=self.donations, limit=limit), DonationsPageOut
        )

    async def record_donation(self, campaign_id: uuid.UUID, body: dict[str, Any], key: uuid.UUID) -> Created:
        """Record a gift; ``key`` (the form's) makes a form sent twice one gift."""
        http = self.donations.get_async_httpx_client()
        return await _created(http, f"/campaigns/{campaign_id}/donations", body, {"Idempotency-Key": str(key)})

    async def receipt(self, donation_id: uuid.UUID) -> ReceiptOut:
        return await call_api(get_receipt.asyncio_detailed(donation_id, client=self.donations), ReceiptOut)

    # reporting
    async def campaign_figures(self) -> CampaignList:
        return await call_api(campaign_figures.asyncio_detailed(client=self.reporting), CampaignList)

    async def dashboard(self, unit_id: uuid.UUID | None, as_of: datetime.date, days: int) -> Dashboard:
        """The money and blood of ``unit_id``'s subtree (None: the user's scope) on ``as_of`` with the cash of
        its last ``days`` days and the campaigns under way's progress, in one answer."""
        kwargs: dict[str, Any] = {"as_of": as_of, "days": days} | ({"unit_id": unit_id} if unit_id else {})
        return await call_api(dashboard_figures.asyncio_detailed(client=self.reporting, **kwargs), Dashboard)

    async def membership(self, unit_id: uuid.UUID | None, dates: dict[str, datetime.date | None]) -> MembershipReport:
        """The membership report of ``unit_id`` (None: the user's scope) and its children; ``dates``:
        as_of, period_from, period_to (None: the service's default)."""
        kwargs: dict[str, Any] = {k: v for k, v in dates.items() if v is not None}
        if unit_id is not None:
            kwargs["unit_id"] = unit_id
        key = (self._token, "membership", tuple(sorted(kwargs.items())))
        return await self._up.reports.get(
            key, lambda: call_api(membership_report.asyncio_detailed(client=self.reporting, **kwargs), MembershipReport)
        )

    async def membership_file(
        self, unit_id: uuid.UUID | None, dates: dict[str, datetime.date | None], fmt: str
    ) -> tuple[bytes, str]:
        """The same report as a file (csv or xlsx): its bytes and media type."""
        params = {k: v for k, v in dates.items() if v is not None} | {"unit_id": unit_id}
        return await self.table_file("/reports/membership", params, fmt)

    async def table_file(self, path: str, params: dict[str, Any], fmt: str) -> tuple[bytes, str]:
        """A tabular report of the reporting service as a file (its ``format`` csv or xlsx; ``params``
        None: the service's default): its bytes and media type."""
        query = {k: str(v) for k, v in params.items() if v is not None} | {"format": fmt}
        http = self.reporting.get_async_httpx_client()
        try:
            r = await http.get(path, params=query)
        except httpx.HTTPError as exc:
            raise ApiError(Problem(503, _("Dịch vụ tạm thời không trả lời, xin thử lại."), detail=repr(exc))) from exc
        if r.status_code != 200:
            raise ApiError(_problem(r.status_code, r.content, r.headers))
        return r.content, r.headers.get("content-type", "application/octet-stream")

    async def funds_by_unit(self, params: dict[str, Any]) -> UnitFundsReport:
        """Funds raised and distributed per unit (``GET /reports/campaigns/by-unit``; ``params`` None: the
        service's default)."""
        kwargs = {k: v for k, v in params.items() if v is not None}
        return await call_api(by_unit.asyncio_detailed(client=self.reporting, **kwargs), UnitFundsReport)

    async def funds_by_period(self, params: dict[str, Any]) -> CampaignSeries:
        """Money and goods moved per day or month (``GET /reports/campaigns/by-period``)."""
        kwargs = {k: v for k, v in params.items() if v is not None}
        return await call_api(by_period.asyncio_detailed(client=self.reporting, **kwargs), CampaignSeries)

    # members
    async def stats(self, unit_id: uuid.UUID | None, as_of: datetime.date | None = None) -> StatsOut:
        kwargs: dict[str, Any] = {"as_of": as_of} if as_of else {}
        if unit_id is not None:
            kwargs["unit_id"] = unit_id
        return await call_api(stats.asyncio_detailed(client=self.members, **kwargs), StatsOut)

    async def people(
        self,
        q: str | None,
        after: uuid.UUID | None,
        limit: int,
        filters: dict[str, Any] | None = None,
        after_key: str | None = None,
    ) -> PeoplePageOut:
        """A page of GET /people; ``filters``: its other parameters (unit_id, status, role, fee_status, fee_year);
        ``after_key``: the previous page's next_after_key, with ``after``."""
        kwargs: dict[str, Any] = {"limit": limit, **(filters or {})}
        if q:
            kwargs["q"] = q
        if after:
            kwargs["after"] = after
            if after_key:
                kwargs["after_key"] = after_key
        return await call_api(list_people.asyncio_detailed(client=self.members, **kwargs), PeoplePageOut)

    async def unit(self, unit_id: uuid.UUID, as_of: datetime.date | None = None) -> UnitOut:
        kwargs: dict[str, Any] = {"as_of": as_of} if as_of else {}
        return await call_api(get_unit.asyncio_detailed(unit_id, client=self.members, **kwargs), UnitOut)

    async def units_under(self, unit_id: uuid.UUID | None, as_of: datetime.date | None = None) -> list[UnitListItemOut]:
        """The units directly under ``unit_id`` on ``as_of`` (None: the whole organisation's first 200)."""
        kwargs: dict[str, Any] = {"as_of": as_of} if as_of else {}
        if unit_id is None:
            page = await call_api(list_units.asyncio_detailed(client=self.members, limit=200, **kwargs), UnitsPageOut)
            return list(page.items)
        children = await call_api(
            unit_children.asyncio_detailed(unit_id, client=self.members, **kwargs), UnitChildrenOut
        )
        return list(children.items)

    async def units_in_scope(self) -> list[UnitListItemOut]:
        """Every unit the user may act in today (the whole organisation's for an organisation-wide user: the
        plan's 580 units; the members API lists a scoped user's subtree only)."""

        async def listed() -> list[UnitListItemOut]:
            page = await call_api(list_units.asyncio_detailed(client=self.members, limit=MAX_LIMIT), UnitsPageOut)
            if len(page.items) >= MAX_LIMIT:
                log.warning("units_listing_cut", units=len(page.items))  # the pickers miss some units
            return list(page.items)

        # (reused for the same user a few seconds: the pickers are on most pages, the tree changes rarely)
        return await self._up.units.get((self._token, "units"), listed)

    async def unit_history(self, unit_id: uuid.UUID) -> UnitHistoryOut:
        return await call_api(unit_history.asyncio_detailed(unit_id, client=self.members), UnitHistoryOut)

    # members: a person's page and edits, the import
    async def person(self, person_id: uuid.UUID) -> PersonOut:
        return await call_api(get_person.asyncio_detailed(person_id, client=self.members), PersonOut)

    async def person_edit(
        self, method: str, path: str, body: dict[str, Any] | None, key: str | None = None
    ) -> dict[str, Any]:
        """An edit of a person (``path`` under /people/{id}) or a registration (``POST /people``), the form's
        values as typed (the members API validates them: its field errors come back next to the form's
        fields), with its Idempotency-Key if it has one; its answer."""
        headers = {"Idempotency-Key": key} if key else None
        return await send_json(self.members.get_async_httpx_client(), method, path, body, headers)

    async def import_members(self, body: dict[str, Any]) -> dict[str, Any]:
        """One batch of import rows (POST /imports/members): created, unchanged, rejected and each row's result."""
        return await send_json(self.members.get_async_httpx_client(), "POST", "/imports/members", body)

    # money screens: lifecycle with a body, beneficiaries, blood sessions, gifts and distributions pages,
    # reversals, bank statements
    async def transition(self, campaign_id: uuid.UUID, action: str, body: dict[str, Any]) -> None:
        """Launch, close, settle or cancel with the form's values (reason, date) as they are."""
        await _post(self.campaigns.get_async_httpx_client(), f"/campaigns/{campaign_id}/{action}", body)

    async def beneficiaries(
        self,
        *,
        campaign_id: uuid.UUID | None = None,
        unit_id: uuid.UUID | None = None,
        verified: bool | None = None,
        humanitarian_address: bool | None = None,
        limit: int = 100,
        q: str | None = None,
    ) -> BeneficiariesPageOut:
        kwargs: dict[str, Any] = {"limit": limit}
        for name, value in (
            ("campaign_id", campaign_id),
            ("unit_id", unit_id),
            ("verified", verified),
            ("humanitarian_address", humanitarian_address),
            ("q", q),
        ):
            if value is not None:
                kwargs[name] = value
        return await call_api(
            list_beneficiaries.asyncio_detailed(client=self.campaigns, **kwargs), BeneficiariesPageOut
        )

    async def blood_sessions(self, campaign_id: uuid.UUID) -> BloodSessionsOut:
        return await call_api(list_sessions.asyncio_detailed(campaign_id, client=self.campaigns), BloodSessionsOut)

    async def donations_page(self, campaign_id: uuid.UUID, limit: int, after: int | None) -> list[GiftRow]:
        """The campaign's gifts by receipt, after the receipt number ``after`` (None: from the first), as
        its page lists them."""
        params: dict[str, Any] = {"limit": limit} | ({"after": after} if after is not None else {})
        page = await _get_json(self.donations.get_async_httpx_client(), f"/campaigns/{campaign_id}/donations", params)
        return [GiftRow.from_json(d) for d in page["items"]]

    async def ledger(self, campaign_id: uuid.UUID) -> LedgerOut:
        """The campaign's ledger: what was received, distributed and is left, in money and goods (one row)."""
        return await call_api(get_ledger.asyncio_detailed(campaign_id, client=self.donations), LedgerOut)

    async def distributions_of(
        self, campaign_id: uuid.UUID, limit: int, offset: int = 0, beneficiary_id: uuid.UUID | None = None
    ) -> DistributionsPageOut:
        """A page of the campaign's distributions by date; ``beneficiary_id``: only those to that recipient."""
        call = list_distributions.asyncio_detailed(
            campaign_id,
            client=self.donations,
            limit=limit,
            offset=offset,
            beneficiary_id=beneficiary_id,
        )
        return await call_api(call, DistributionsPageOut)

    async def record_distribution(self, campaign_id: uuid.UUID, body: dict[str, Any], key: uuid.UUID) -> Created:
        """Record a distribution; ``key`` (the form's) makes a form sent twice one distribution."""
        http = self.donations.get_async_httpx_client()
        return await _created(http, f"/campaigns/{campaign_id}/distributions", body, {"Idempotency-Key": str(key)})

    async def donation(self, donation_id: uuid.UUID) -> DonationOut:
        return await call_api(get_donation.asyncio_detailed(donation_id, client=self.donations), DonationOut)

    async def reverse_donation(self, donation_id: uuid.UUID, body: dict[str, Any]) -> None:
        await _post(self.donations.get_async_httpx_client(), f"/donations/{donation_id}/reversal", body)

    async def erase_payer(self, donation_id: uuid.UUID) -> None:
        """The payer's name and note of a gift with no donor on record erased (DELETE /donations/{id}/payer)."""
        await send_json(self.donations.get_async_httpx_client(), "DELETE", f"/donations/{donation_id}/payer", None)

    async def import_statement(self, campaign_id: uuid.UUID, rows: list[dict[str, Any]]) -> StatementOut:
        return await call_api(
            import_statement.asyncio_detailed(
                campaign_id, client=self.donations, body=StatementIn.from_dict({"rows": rows})
            ),
            StatementOut,
        )


async def send_json(
    http: httpx.AsyncClient,
    method: str,
    path: str,
    body: dict[str, Any] | None,
    headers: dict[str, str] | None = None,
) -> dict[str, Any]:
    r = await _request(http, method, path, json=body, headers=headers)
    answer = r.json() if r.content else {}  # a 204 has no body
    return answer if isinstance(answer, dict) else {}


async def _post(http: httpx.AsyncClient, path: str, body: dict[str, Any]) -> None:
    """POST a form's values as they are (the service validates them); its refusal as :class:`ApiError`."""
    await send_json(http, "POST", path, body)
