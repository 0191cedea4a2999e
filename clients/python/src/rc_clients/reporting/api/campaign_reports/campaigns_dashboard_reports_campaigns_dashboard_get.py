from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ...client import AuthenticatedClient, Client
from ...types import Response, UNSET
from ... import errors

from ...models.dashboard import Dashboard
from ...models.error_out import ErrorOut
from ...types import UNSET, Unset
from dateutil.parser import isoparse
from typing import cast
from uuid import UUID
import datetime



def _get_kwargs(
    *,
    unit_id: None | Unset | UUID = UNSET,
    days: int | Unset = 30,
    as_of: datetime.date | None | Unset = UNSET,

) -> dict[str, Any]:
    

    

    params: dict[str, Any] = {}

    json_unit_id: None | str | Unset
    if isinstance(unit_id, Unset):
        json_unit_id = UNSET
    elif isinstance(unit_id, UUID):
        json_unit_id = str(unit_id)
    else:
        json_unit_id = unit_id
    params["unit_id"] = json_unit_id

    params["days"] = days

    json_as_of: None | str | Unset
    if isinstance(as_of, Unset):
        json_as_of = UNSET
    elif isinstance(as_of, datetime.date):
        json_as_of = as_of.isoformat()
    else:
        json_as_of = as_of
    params["as_of"] = json_as_of


    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}


    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/reports/campaigns/dashboard",
        "params": params,
    }


    return _kwargs



def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Dashboard | ErrorOut | None:
    if response.status_code == 200:
        response_200 = Dashboard.from_dict(response.json())



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


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[Dashboard | ErrorOut]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    unit_id: None | Unset | UUID = UNSET,
    days: int | Unset = 30,
    as_of: datetime.date | None | Unset = UNSET,

) -> Response[Dashboard | ErrorOut]:
    """ Campaigns Dashboard

     A subtree's money and blood on ``as_of`` in one answer: cash received this month and this year, cash
    distributed this year and the balance, blood collected for the campaigns under way against their
    targets, cash received on each of the last ``days`` days, and the campaigns under way with their
    progress.

    Read from the per-day sums of the units (its cost grows with units and days, not with donations).
    Flows count for the unit that received or distributed them and its ancestors, through the tree of
    their day: a unit's money figures are their subtree's only, never the rest of a campaign organised
    above. The campaigns under way that the subtree organises or takes part in are listed with their
    whole
    progress (the same figures as each campaign's public report).

    Args:
        unit_id (None | Unset | UUID): Top unit; default: your scope's unit (organisation-wide:
            every root unit on as_of).
        days (int | Unset): Days of the inflow, up to as_of. Default: 30.
        as_of (datetime.date | None | Unset): The date the answer holds for, YYYY-MM-DD (default:
            today).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Dashboard | ErrorOut]
     """


    kwargs = _get_kwargs(
        unit_id=unit_id,
days=days,
as_of=as_of,

    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)

def sync(
    *,
    client: AuthenticatedClient,
    unit_id: None | Unset | UUID = UNSET,
    days: int | Unset = 30,
    as_of: datetime.date | None | Unset = UNSET,

) -> Dashboard | ErrorOut | None:
    """ Campaigns Dashboard

     A subtree's money and blood on ``as_of`` in one answer: cash received this month and this year, cash
    distributed this year and the balance, blood collected for the campaigns under way against their
    targets, cash received on each of the last ``days`` days, and the campaigns under way with their
    progress.

    Read from the per-day sums of the units (its cost grows with units and days, not with donations).
    Flows count for the unit that received or distributed them and its ancestors, through the tree of
    their day: a unit's money figures are their subtree's only, never the rest of a campaign organised
    above. The campaigns under way that the subtree organises or takes part in are listed with their
    whole
    progress (the same figures as each campaign's public report).

    Args:
        unit_id (None | Unset | UUID): Top unit; default: your scope's unit (organisation-wide:
            every root unit on as_of).
        days (int | Unset): Days of the inflow, up to as_of. Default: 30.
        as_of (datetime.date | None | Unset): The date the answer holds for, YYYY-MM-DD (default:
            today).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Dashboard | ErrorOut
     """


    return sync_detailed(
        client=client,
unit_id=unit_id,
days=days,
as_of=as_of,

    ).parsed

async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    unit_id: None | Unset | UUID = UNSET,
    days: int | Unset = 30,
    as_of: datetime.date | None | Unset = UNSET,

) -> Response[Dashboard | ErrorOut]:
    """ Campaigns Dashboard

     A subtree's money and blood on ``as_of`` in one answer: cash received this month and this year, cash
    distributed this year and the balance, blood collected for the campaigns under way against their
    targets, cash received on each of the last ``days`` days, and the campaigns under way with their
    progress.

    Read from the per-day sums of the units (its cost grows with units and days, not with donations).
    Flows count for the unit that received or distributed them and its ancestors, through the tree of
    their day: a unit's money figures are their subtree's only, never the rest of a campaign organised
    above. The campaigns under way that the subtree organises or takes part in are listed with their
    whole
    progress (the same figures as each campaign's public report).

    Args:
        unit_id (None | Unset | UUID): Top unit; default: your scope's unit (organisation-wide:
            every root unit on as_of).
        days (int | Unset): Days of the inflow, up to as_of. Default: 30.
        as_of (datetime.date | None | Unset): The date the answer holds for, YYYY-MM-DD (default:
            today).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Dashboard | ErrorOut]
     """


    kwargs = _get_kwargs(
        unit_id=unit_id,
days=days,
as_of=as_of,

    )

    response = await client.get_async_httpx_client().request(
        **kwargs
    )

    return _build_response(client=client, response=response)

async def asyncio(
    *,
    client: AuthenticatedClient,
    unit_id: None | Unset | UUID = UNSET,
    days: int | Unset = 30,
    as_of: datetime.date | None | Unset = UNSET,

) -> Dashboard | ErrorOut | None:
    """ Campaigns Dashboard

     A subtree's money and blood on ``as_of`` in one answer: cash received this month and this year, cash
    distributed this year and the balance, blood collected for the campaigns under way against their
    targets, cash received on each of the last ``days`` days, and the campaigns under way with their
    progress.

    Read from the per-day sums of the units (its cost grows with units and days, not with donations).
    Flows count for the unit that received or distributed them and its ancestors, through the tree of
    their day: a unit's money figures are their subtree's only, never the rest of a campaign organised
    above. The campaigns under way that the subtree organises or takes part in are listed with their
    whole
    progress (the same figures as each campaign's public report).

    Args:
        unit_id (None | Unset | UUID): Top unit; default: your scope's unit (organisation-wide:
            every root unit on as_of).
        days (int | Unset): Days of the inflow, up to as_of. Default: 30.
        as_of (datetime.date | None | Unset): The date the answer holds for, YYYY-MM-DD (default:
            today).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Dashboard | ErrorOut
     """


    return (await asyncio_detailed(
        client=client,
unit_id=unit_id,
days=days,
as_of=as_of,

    )).parsed
