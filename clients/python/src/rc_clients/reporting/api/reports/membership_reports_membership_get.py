from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ...client import AuthenticatedClient, Client
from ...types import Response, UNSET
from ... import errors

from ...models.error_out import ErrorOut
from ...models.membership_report import MembershipReport
from ...models.membership_reports_membership_get_format import check_membership_reports_membership_get_format
from ...models.membership_reports_membership_get_format import MembershipReportsMembershipGetFormat
from ...types import UNSET, Unset
from dateutil.parser import isoparse
from typing import cast
from uuid import UUID
import datetime



def _get_kwargs(
    *,
    as_of: datetime.date | None | Unset = UNSET,
    unit_id: None | Unset | UUID = UNSET,
    period_from: datetime.date | None | Unset = UNSET,
    period_to: datetime.date | None | Unset = UNSET,
    depth: int | Unset = 1,
    format_: MembershipReportsMembershipGetFormat | Unset = 'json',

) -> dict[str, Any]:
    

    

    params: dict[str, Any] = {}

    json_as_of: None | str | Unset
    if isinstance(as_of, Unset):
        json_as_of = UNSET
    elif isinstance(as_of, datetime.date):
        json_as_of = as_of.isoformat()
    else:
        json_as_of = as_of
    params["as_of"] = json_as_of

    json_unit_id: None | str | Unset
    if isinstance(unit_id, Unset):
        json_unit_id = UNSET
    elif isinstance(unit_id, UUID):
        json_unit_id = str(unit_id)
    else:
        json_unit_id = unit_id
    params["unit_id"] = json_unit_id

    json_period_from: None | str | Unset
    if isinstance(period_from, Unset):
        json_period_from = UNSET
    elif isinstance(period_from, datetime.date):
        json_period_from = period_from.isoformat()
    else:
        json_period_from = period_from
    params["period_from"] = json_period_from

    json_period_to: None | str | Unset
    if isinstance(period_to, Unset):
        json_period_to = UNSET
    elif isinstance(period_to, datetime.date):
        json_period_to = period_to.isoformat()
    else:
        json_period_to = period_to
    params["period_to"] = json_period_to

    params["depth"] = depth

    json_format_: str | Unset = UNSET
    if not isinstance(format_, Unset):
        json_format_ = format_

    params["format"] = json_format_


    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}


    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/reports/membership",
        "params": params,
    }


    return _kwargs



def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> ErrorOut | MembershipReport | None:
    if response.status_code == 200:
        response_200 = MembershipReport.from_dict(response.json())



        return response_200

    if response.status_code == 401:
        response_401 = ErrorOut.from_dict(response.json())



        return response_401

    if response.status_code == 403:
        response_403 = ErrorOut.from_dict(response.json())



        return response_403

    if response.status_code == 404:
        response_404 = ErrorOut.from_dict(response.json())



        return response_404

    if response.status_code == 413:
        response_413 = ErrorOut.from_dict(response.json())



        return response_413

    if response.status_code == 422:
        response_422 = ErrorOut.from_dict(response.json())



        return response_422

    if response.status_code == 503:
        response_503 = ErrorOut.from_dict(response.json())



        return response_503

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[ErrorOut | MembershipReport]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    as_of: datetime.date | None | Unset = UNSET,
    unit_id: None | Unset | UUID = UNSET,
    period_from: datetime.date | None | Unset = UNSET,
    period_to: datetime.date | None | Unset = UNSET,
    depth: int | Unset = 1,
    format_: MembershipReportsMembershipGetFormat | Unset = 'json',

) -> Response[ErrorOut | MembershipReport]:
    """ Membership

     Membership statistics rolled up over the organisation tree valid on ``as_of`` (a file: one row per
    unit,
    depth-first, with its depth).

    Args:
        as_of (datetime.date | None | Unset): The date the answer holds for, YYYY-MM-DD: the
            organisation tree of that day, and reversals made up to it taken off; default: period_to
            when given (a past period's report as it stood at its end, as the six-month and annual
            reviews count), else today.
        unit_id (None | Unset | UUID): Top unit; default: your scope's unit (organisation-wide:
            every root unit on as_of).
        period_from (datetime.date | None | Unset): First day of the period of flows; default: 1
            January of as_of's year.
        period_to (datetime.date | None | Unset): Last day (inclusive) of the period of flows;
            default: as_of.
        depth (int | Unset): Levels of children listed. Default: 1.
        format_ (MembershipReportsMembershipGetFormat | Unset): Answer format: json, or a file
            (csv streamed, xlsx). Default: 'json'.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorOut | MembershipReport]
     """


    kwargs = _get_kwargs(
        as_of=as_of,
unit_id=unit_id,
period_from=period_from,
period_to=period_to,
depth=depth,
format_=format_,

    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)

def sync(
    *,
    client: AuthenticatedClient,
    as_of: datetime.date | None | Unset = UNSET,
    unit_id: None | Unset | UUID = UNSET,
    period_from: datetime.date | None | Unset = UNSET,
    period_to: datetime.date | None | Unset = UNSET,
    depth: int | Unset = 1,
    format_: MembershipReportsMembershipGetFormat | Unset = 'json',

) -> ErrorOut | MembershipReport | None:
    """ Membership

     Membership statistics rolled up over the organisation tree valid on ``as_of`` (a file: one row per
    unit,
    depth-first, with its depth).

    Args:
        as_of (datetime.date | None | Unset): The date the answer holds for, YYYY-MM-DD: the
            organisation tree of that day, and reversals made up to it taken off; default: period_to
            when given (a past period's report as it stood at its end, as the six-month and annual
            reviews count), else today.
        unit_id (None | Unset | UUID): Top unit; default: your scope's unit (organisation-wide:
            every root unit on as_of).
        period_from (datetime.date | None | Unset): First day of the period of flows; default: 1
            January of as_of's year.
        period_to (datetime.date | None | Unset): Last day (inclusive) of the period of flows;
            default: as_of.
        depth (int | Unset): Levels of children listed. Default: 1.
        format_ (MembershipReportsMembershipGetFormat | Unset): Answer format: json, or a file
            (csv streamed, xlsx). Default: 'json'.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorOut | MembershipReport
     """


    return sync_detailed(
        client=client,
as_of=as_of,
unit_id=unit_id,
period_from=period_from,
period_to=period_to,
depth=depth,
format_=format_,

    ).parsed

async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    as_of: datetime.date | None | Unset = UNSET,
    unit_id: None | Unset | UUID = UNSET,
    period_from: datetime.date | None | Unset = UNSET,
    period_to: datetime.date | None | Unset = UNSET,
    depth: int | Unset = 1,
    format_: MembershipReportsMembershipGetFormat | Unset = 'json',

) -> Response[ErrorOut | MembershipReport]:
    """ Membership

     Membership statistics rolled up over the organisation tree valid on ``as_of`` (a file: one row per
    unit,
    depth-first, with its depth).

    Args:
        as_of (datetime.date | None | Unset): The date the answer holds for, YYYY-MM-DD: the
            organisation tree of that day, and reversals made up to it taken off; default: period_to
            when given (a past period's report as it stood at its end, as the six-month and annual
            reviews count), else today.
        unit_id (None | Unset | UUID): Top unit; default: your scope's unit (organisation-wide:
            every root unit on as_of).
        period_from (datetime.date | None | Unset): First day of the period of flows; default: 1
            January of as_of's year.
        period_to (datetime.date | None | Unset): Last day (inclusive) of the period of flows;
            default: as_of.
        depth (int | Unset): Levels of children listed. Default: 1.
        format_ (MembershipReportsMembershipGetFormat | Unset): Answer format: json, or a file
            (csv streamed, xlsx). Default: 'json'.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorOut | MembershipReport]
     """


    kwargs = _get_kwargs(
        as_of=as_of,
unit_id=unit_id,
period_from=period_from,
period_to=period_to,
depth=depth,
format_=format_,

    )

    response = await client.get_async_httpx_client().request(
        **kwargs
    )

    return _build_response(client=client, response=response)

async def asyncio(
    *,
    client: AuthenticatedClient,
    as_of: datetime.date | None | Unset = UNSET,
    unit_id: None | Unset | UUID = UNSET,
    period_from: datetime.date | None | Unset = UNSET,
    period_to: datetime.date | None | Unset = UNSET,
    depth: int | Unset = 1,
    format_: MembershipReportsMembershipGetFormat | Unset = 'json',

) -> ErrorOut | MembershipReport | None:
    """ Membership

     Membership statistics rolled up over the organisation tree valid on ``as_of`` (a file: one row per
    unit,
    depth-first, with its depth).

    Args:
        as_of (datetime.date | None | Unset): The date the answer holds for, YYYY-MM-DD: the
            organisation tree of that day, and reversals made up to it taken off; default: period_to
            when given (a past period's report as it stood at its end, as the six-month and annual
            reviews count), else today.
        unit_id (None | Unset | UUID): Top unit; default: your scope's unit (organisation-wide:
            every root unit on as_of).
        period_from (datetime.date | None | Unset): First day of the period of flows; default: 1
            January of as_of's year.
        period_to (datetime.date | None | Unset): Last day (inclusive) of the period of flows;
            default: as_of.
        depth (int | Unset): Levels of children listed. Default: 1.
        format_ (MembershipReportsMembershipGetFormat | Unset): Answer format: json, or a file
            (csv streamed, xlsx). Default: 'json'.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorOut | MembershipReport
     """


    return (await asyncio_detailed(
        client=client,
as_of=as_of,
unit_id=unit_id,
period_from=period_from,
period_to=period_to,
depth=depth,
format_=format_,

    )).parsed
