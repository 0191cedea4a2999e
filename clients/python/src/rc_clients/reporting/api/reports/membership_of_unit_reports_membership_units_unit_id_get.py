from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ...client import AuthenticatedClient, Client
from ...types import Response, UNSET
from ... import errors

from ...models.error_out import ErrorOut
from ...models.unit_membership_report import UnitMembershipReport
from ...types import UNSET, Unset
from dateutil.parser import isoparse
from typing import cast
from uuid import UUID
import datetime



def _get_kwargs(
    unit_id: UUID,
    *,
    as_of: datetime.date | None | Unset = UNSET,
    period_from: datetime.date | None | Unset = UNSET,
    period_to: datetime.date | None | Unset = UNSET,
    depth: int | Unset = 0,

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


    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}


    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/reports/membership/units/{unit_id}".format(unit_id=quote(str(unit_id), safe=""),),
        "params": params,
    }


    return _kwargs



def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> ErrorOut | UnitMembershipReport | None:
    if response.status_code == 200:
        response_200 = UnitMembershipReport.from_dict(response.json())



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


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[ErrorOut | UnitMembershipReport]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    unit_id: UUID,
    *,
    client: AuthenticatedClient,
    as_of: datetime.date | None | Unset = UNSET,
    period_from: datetime.date | None | Unset = UNSET,
    period_to: datetime.date | None | Unset = UNSET,
    depth: int | Unset = 0,

) -> Response[ErrorOut | UnitMembershipReport]:
    """ Membership Of Unit

     One unit's figures (404 if the unit does not exist on ``as_of``).

    Args:
        unit_id (UUID): The unit.
        as_of (datetime.date | None | Unset): The date the answer holds for, YYYY-MM-DD: the
            organisation tree of that day, and reversals made up to it taken off; default: period_to
            when given (a past period's report as it stood at its end, as the six-month and annual
            reviews count), else today.
        period_from (datetime.date | None | Unset): First day of the period of flows; default: 1
            January of as_of's year.
        period_to (datetime.date | None | Unset): Last day (inclusive) of the period of flows;
            default: as_of.
        depth (int | Unset): Levels of children listed. Default: 0.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorOut | UnitMembershipReport]
     """


    kwargs = _get_kwargs(
        unit_id=unit_id,
as_of=as_of,
period_from=period_from,
period_to=period_to,
depth=depth,

    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)

def sync(
    unit_id: UUID,
    *,
    client: AuthenticatedClient,
    as_of: datetime.date | None | Unset = UNSET,
    period_from: datetime.date | None | Unset = UNSET,
    period_to: datetime.date | None | Unset = UNSET,
    depth: int | Unset = 0,

) -> ErrorOut | UnitMembershipReport | None:
    """ Membership Of Unit

     One unit's figures (404 if the unit does not exist on ``as_of``).

    Args:
        unit_id (UUID): The unit.
        as_of (datetime.date | None | Unset): The date the answer holds for, YYYY-MM-DD: the
            organisation tree of that day, and reversals made up to it taken off; default: period_to
            when given (a past period's report as it stood at its end, as the six-month and annual
            reviews count), else today.
        period_from (datetime.date | None | Unset): First day of the period of flows; default: 1
            January of as_of's year.
        period_to (datetime.date | None | Unset): Last day (inclusive) of the period of flows;
            default: as_of.
        depth (int | Unset): Levels of children listed. Default: 0.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorOut | UnitMembershipReport
     """


    return sync_detailed(
        unit_id=unit_id,
client=client,
as_of=as_of,
period_from=period_from,
period_to=period_to,
depth=depth,

    ).parsed

async def asyncio_detailed(
    unit_id: UUID,
    *,
    client: AuthenticatedClient,
    as_of: datetime.date | None | Unset = UNSET,
    period_from: datetime.date | None | Unset = UNSET,
    period_to: datetime.date | None | Unset = UNSET,
    depth: int | Unset = 0,

) -> Response[ErrorOut | UnitMembershipReport]:
    """ Membership Of Unit

     One unit's figures (404 if the unit does not exist on ``as_of``).

    Args:
        unit_id (UUID): The unit.
        as_of (datetime.date | None | Unset): The date the answer holds for, YYYY-MM-DD: the
            organisation tree of that day, and reversals made up to it taken off; default: period_to
            when given (a past period's report as it stood at its end, as the six-month and annual
            reviews count), else today.
        period_from (datetime.date | None | Unset): First day of the period of flows; default: 1
            January of as_of's year.
        period_to (datetime.date | None | Unset): Last day (inclusive) of the period of flows;
            default: as_of.
        depth (int | Unset): Levels of children listed. Default: 0.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorOut | UnitMembershipReport]
     """


    kwargs = _get_kwargs(
        unit_id=unit_id,
as_of=as_of,
period_from=period_from,
period_to=period_to,
depth=depth,

    )

    response = await client.get_async_httpx_client().request(
        **kwargs
    )

    return _build_response(client=client, response=response)

async def asyncio(
    unit_id: UUID,
    *,
    client: AuthenticatedClient,
    as_of: datetime.date | None | Unset = UNSET,
    period_from: datetime.date | None | Unset = UNSET,
    period_to: datetime.date | None | Unset = UNSET,
    depth: int | Unset = 0,

) -> ErrorOut | UnitMembershipReport | None:
    """ Membership Of Unit

     One unit's figures (404 if the unit does not exist on ``as_of``).

    Args:
        unit_id (UUID): The unit.
        as_of (datetime.date | None | Unset): The date the answer holds for, YYYY-MM-DD: the
            organisation tree of that day, and reversals made up to it taken off; default: period_to
            when given (a past period's report as it stood at its end, as the six-month and annual
            reviews count), else today.
        period_from (datetime.date | None | Unset): First day of the period of flows; default: 1
            January of as_of's year.
        period_to (datetime.date | None | Unset): Last day (inclusive) of the period of flows;
            default: as_of.
        depth (int | Unset): Levels of children listed. Default: 0.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorOut | UnitMembershipReport
     """


    return (await asyncio_detailed(
        unit_id=unit_id,
client=client,
as_of=as_of,
period_from=period_from,
period_to=period_to,
depth=depth,

    )).parsed
