from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ...client import AuthenticatedClient, Client
from ...types import Response, UNSET
from ... import errors

from ...models.error_out import ErrorOut
from ...models.plan_in import PlanIn
from ...models.plan_out import PlanOut
from typing import cast
from uuid import UUID



def _get_kwargs(
    unit_id: UUID,
    year: int,
    *,
    body: PlanIn,

) -> dict[str, Any]:
    headers: dict[str, Any] = {}


    

    

    _kwargs: dict[str, Any] = {
        "method": "put",
        "url": "/plans/{unit_id}/{year}".format(unit_id=quote(str(unit_id), safe=""),year=quote(str(year), safe=""),),
    }

    _kwargs["json"] = body.to_dict()


    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs



def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> ErrorOut | PlanOut | None:
    if response.status_code == 200:
        response_200 = PlanOut.from_dict(response.json())



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

    if response.status_code == 429:
        response_429 = ErrorOut.from_dict(response.json())



        return response_429

    if response.status_code == 503:
        response_503 = ErrorOut.from_dict(response.json())



        return response_503

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[ErrorOut | PlanOut]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    unit_id: UUID,
    year: int,
    *,
    client: AuthenticatedClient,
    body: PlanIn,

) -> Response[ErrorOut | PlanOut]:
    """ Put Plan

     Set a unit's targets for a year (replaces those of the year; an indicator left out is removed).

    Args:
        unit_id (UUID): The unit.
        year (int): Calendar year of the plan.
        body (PlanIn):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorOut | PlanOut]
     """


    kwargs = _get_kwargs(
        unit_id=unit_id,
year=year,
body=body,

    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)

def sync(
    unit_id: UUID,
    year: int,
    *,
    client: AuthenticatedClient,
    body: PlanIn,

) -> ErrorOut | PlanOut | None:
    """ Put Plan

     Set a unit's targets for a year (replaces those of the year; an indicator left out is removed).

    Args:
        unit_id (UUID): The unit.
        year (int): Calendar year of the plan.
        body (PlanIn):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorOut | PlanOut
     """


    return sync_detailed(
        unit_id=unit_id,
year=year,
client=client,
body=body,

    ).parsed

async def asyncio_detailed(
    unit_id: UUID,
    year: int,
    *,
    client: AuthenticatedClient,
    body: PlanIn,

) -> Response[ErrorOut | PlanOut]:
    """ Put Plan

     Set a unit's targets for a year (replaces those of the year; an indicator left out is removed).

    Args:
        unit_id (UUID): The unit.
        year (int): Calendar year of the plan.
        body (PlanIn):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorOut | PlanOut]
     """


    kwargs = _get_kwargs(
        unit_id=unit_id,
year=year,
body=body,

    )

    response = await client.get_async_httpx_client().request(
        **kwargs
    )

    return _build_response(client=client, response=response)

async def asyncio(
    unit_id: UUID,
    year: int,
    *,
    client: AuthenticatedClient,
    body: PlanIn,

) -> ErrorOut | PlanOut | None:
    """ Put Plan

     Set a unit's targets for a year (replaces those of the year; an indicator left out is removed).

    Args:
        unit_id (UUID): The unit.
        year (int): Calendar year of the plan.
        body (PlanIn):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorOut | PlanOut
     """


    return (await asyncio_detailed(
        unit_id=unit_id,
year=year,
client=client,
body=body,

    )).parsed
