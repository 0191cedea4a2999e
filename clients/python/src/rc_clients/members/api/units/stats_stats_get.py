from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ...client import AuthenticatedClient, Client
from ...types import Response, UNSET
from ... import errors

from ...models.error_out import ErrorOut
from ...models.stats_out import StatsOut
from ...types import UNSET, Unset
from dateutil.parser import isoparse
from typing import cast
from uuid import UUID
import datetime



def _get_kwargs(
    *,
    unit_id: None | Unset | UUID = UNSET,
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
        "url": "/stats",
        "params": params,
    }


    return _kwargs



def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> ErrorOut | StatsOut | None:
    if response.status_code == 200:
        response_200 = StatsOut.from_dict(response.json())



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


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[ErrorOut | StatsOut]:
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
    as_of: datetime.date | None | Unset = UNSET,

) -> Response[ErrorOut | StatsOut]:
    """ Active members and roles as of a date (whole tree or a subtree; default: your scope)

    Args:
        unit_id (None | Unset | UUID):
        as_of (datetime.date | None | Unset): The date the answer holds for, YYYY-MM-DD (default:
            today).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorOut | StatsOut]
     """


    kwargs = _get_kwargs(
        unit_id=unit_id,
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
    as_of: datetime.date | None | Unset = UNSET,

) -> ErrorOut | StatsOut | None:
    """ Active members and roles as of a date (whole tree or a subtree; default: your scope)

    Args:
        unit_id (None | Unset | UUID):
        as_of (datetime.date | None | Unset): The date the answer holds for, YYYY-MM-DD (default:
            today).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorOut | StatsOut
     """


    return sync_detailed(
        client=client,
unit_id=unit_id,
as_of=as_of,

    ).parsed

async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    unit_id: None | Unset | UUID = UNSET,
    as_of: datetime.date | None | Unset = UNSET,

) -> Response[ErrorOut | StatsOut]:
    """ Active members and roles as of a date (whole tree or a subtree; default: your scope)

    Args:
        unit_id (None | Unset | UUID):
        as_of (datetime.date | None | Unset): The date the answer holds for, YYYY-MM-DD (default:
            today).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorOut | StatsOut]
     """


    kwargs = _get_kwargs(
        unit_id=unit_id,
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
    as_of: datetime.date | None | Unset = UNSET,

) -> ErrorOut | StatsOut | None:
    """ Active members and roles as of a date (whole tree or a subtree; default: your scope)

    Args:
        unit_id (None | Unset | UUID):
        as_of (datetime.date | None | Unset): The date the answer holds for, YYYY-MM-DD (default:
            today).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorOut | StatsOut
     """


    return (await asyncio_detailed(
        client=client,
unit_id=unit_id,
as_of=as_of,

    )).parsed
