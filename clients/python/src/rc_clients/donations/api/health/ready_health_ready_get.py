from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ...client import AuthenticatedClient, Client
from ...types import Response, UNSET
from ... import errors

from ...models.error_out import ErrorOut
from ...models.ready_out import ReadyOut
from typing import cast



def _get_kwargs(
    
) -> dict[str, Any]:
    

    

    

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/health/ready",
    }


    return _kwargs



def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> ErrorOut | ReadyOut | None:
    if response.status_code == 200:
        response_200 = ReadyOut.from_dict(response.json())



        return response_200

    if response.status_code == 413:
        response_413 = ErrorOut.from_dict(response.json())



        return response_413

    if response.status_code == 422:
        response_422 = ErrorOut.from_dict(response.json())



        return response_422

    if response.status_code == 503:
        response_503 = ReadyOut.from_dict(response.json())



        return response_503

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[ErrorOut | ReadyOut]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,

) -> Response[ErrorOut | ReadyOut]:
    """ Ready

     Ready while the database answers. A broker that does not answer leaves the service ready
    (``degraded``): its writes keep their events in the outbox until the broker is back, and its
    reads need no broker; taking every replica of every service out of its Service for a broker
    outage would turn the outage into the whole platform's, the public pages and the console's.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorOut | ReadyOut]
     """


    kwargs = _get_kwargs(
        
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)

def sync(
    *,
    client: AuthenticatedClient | Client,

) -> ErrorOut | ReadyOut | None:
    """ Ready

     Ready while the database answers. A broker that does not answer leaves the service ready
    (``degraded``): its writes keep their events in the outbox until the broker is back, and its
    reads need no broker; taking every replica of every service out of its Service for a broker
    outage would turn the outage into the whole platform's, the public pages and the console's.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorOut | ReadyOut
     """


    return sync_detailed(
        client=client,

    ).parsed

async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,

) -> Response[ErrorOut | ReadyOut]:
    """ Ready

     Ready while the database answers. A broker that does not answer leaves the service ready
    (``degraded``): its writes keep their events in the outbox until the broker is back, and its
    reads need no broker; taking every replica of every service out of its Service for a broker
    outage would turn the outage into the whole platform's, the public pages and the console's.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorOut | ReadyOut]
     """


    kwargs = _get_kwargs(
        
    )

    response = await client.get_async_httpx_client().request(
        **kwargs
    )

    return _build_response(client=client, response=response)

async def asyncio(
    *,
    client: AuthenticatedClient | Client,

) -> ErrorOut | ReadyOut | None:
    """ Ready

     Ready while the database answers. A broker that does not answer leaves the service ready
    (``degraded``): its writes keep their events in the outbox until the broker is back, and its
    reads need no broker; taking every replica of every service out of its Service for a broker
    outage would turn the outage into the whole platform's, the public pages and the console's.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorOut | ReadyOut
     """


    return (await asyncio_detailed(
        client=client,

    )).parsed
