from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ...client import AuthenticatedClient, Client
from ...types import Response, UNSET
from ... import errors

from ...models.distribution_reversal_in import DistributionReversalIn
from ...models.distribution_reversed_out import DistributionReversedOut
from ...models.error_out import ErrorOut
from typing import cast
from uuid import UUID



def _get_kwargs(
    distribution_id: UUID,
    *,
    body: DistributionReversalIn,

) -> dict[str, Any]:
    headers: dict[str, Any] = {}


    

    

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/distributions/{distribution_id}/reversal".format(distribution_id=quote(str(distribution_id), safe=""),),
    }

    _kwargs["json"] = body.to_dict()


    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs



def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> DistributionReversedOut | ErrorOut | None:
    if response.status_code == 201:
        response_201 = DistributionReversedOut.from_dict(response.json())



        return response_201

    if response.status_code == 401:
        response_401 = ErrorOut.from_dict(response.json())



        return response_401

    if response.status_code == 403:
        response_403 = ErrorOut.from_dict(response.json())



        return response_403

    if response.status_code == 404:
        response_404 = ErrorOut.from_dict(response.json())



        return response_404

    if response.status_code == 409:
        response_409 = ErrorOut.from_dict(response.json())



        return response_409

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


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[DistributionReversedOut | ErrorOut]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    distribution_id: UUID,
    *,
    client: AuthenticatedClient,
    body: DistributionReversalIn,

) -> Response[DistributionReversedOut | ErrorOut]:
    """ Reverse a distribution (the amount returns to the balance)

    Args:
        distribution_id (UUID):
        body (DistributionReversalIn):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[DistributionReversedOut | ErrorOut]
     """


    kwargs = _get_kwargs(
        distribution_id=distribution_id,
body=body,

    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)

def sync(
    distribution_id: UUID,
    *,
    client: AuthenticatedClient,
    body: DistributionReversalIn,

) -> DistributionReversedOut | ErrorOut | None:
    """ Reverse a distribution (the amount returns to the balance)

    Args:
        distribution_id (UUID):
        body (DistributionReversalIn):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        DistributionReversedOut | ErrorOut
     """


    return sync_detailed(
        distribution_id=distribution_id,
client=client,
body=body,

    ).parsed

async def asyncio_detailed(
    distribution_id: UUID,
    *,
    client: AuthenticatedClient,
    body: DistributionReversalIn,

) -> Response[DistributionReversedOut | ErrorOut]:
    """ Reverse a distribution (the amount returns to the balance)

    Args:
        distribution_id (UUID):
        body (DistributionReversalIn):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[DistributionReversedOut | ErrorOut]
     """


    kwargs = _get_kwargs(
        distribution_id=distribution_id,
body=body,

    )

    response = await client.get_async_httpx_client().request(
        **kwargs
    )

    return _build_response(client=client, response=response)

async def asyncio(
    distribution_id: UUID,
    *,
    client: AuthenticatedClient,
    body: DistributionReversalIn,

) -> DistributionReversedOut | ErrorOut | None:
    """ Reverse a distribution (the amount returns to the balance)

    Args:
        distribution_id (UUID):
        body (DistributionReversalIn):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        DistributionReversedOut | ErrorOut
     """


    return (await asyncio_detailed(
        distribution_id=distribution_id,
client=client,
body=body,

    )).parsed
