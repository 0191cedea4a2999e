from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ...client import AuthenticatedClient, Client
from ...types import Response, UNSET
from ... import errors

from ...models.error_out import ErrorOut
from ...models.payer_erased_out import PayerErasedOut
from typing import cast
from uuid import UUID



def _get_kwargs(
    donation_id: UUID,

) -> dict[str, Any]:
    

    

    

    _kwargs: dict[str, Any] = {
        "method": "delete",
        "url": "/donations/{donation_id}/payer".format(donation_id=quote(str(donation_id), safe=""),),
    }


    return _kwargs



def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> ErrorOut | PayerErasedOut | None:
    if response.status_code == 200:
        response_200 = PayerErasedOut.from_dict(response.json())



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


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[ErrorOut | PayerErasedOut]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    donation_id: UUID,
    *,
    client: AuthenticatedClient,

) -> Response[ErrorOut | PayerErasedOut]:
    """ Erase the payer's personal data of a gift with no donor on record (a bank transfer's name and note)

    Args:
        donation_id (UUID):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorOut | PayerErasedOut]
     """


    kwargs = _get_kwargs(
        donation_id=donation_id,

    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)

def sync(
    donation_id: UUID,
    *,
    client: AuthenticatedClient,

) -> ErrorOut | PayerErasedOut | None:
    """ Erase the payer's personal data of a gift with no donor on record (a bank transfer's name and note)

    Args:
        donation_id (UUID):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorOut | PayerErasedOut
     """


    return sync_detailed(
        donation_id=donation_id,
client=client,

    ).parsed

async def asyncio_detailed(
    donation_id: UUID,
    *,
    client: AuthenticatedClient,

) -> Response[ErrorOut | PayerErasedOut]:
    """ Erase the payer's personal data of a gift with no donor on record (a bank transfer's name and note)

    Args:
        donation_id (UUID):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorOut | PayerErasedOut]
     """


    kwargs = _get_kwargs(
        donation_id=donation_id,

    )

    response = await client.get_async_httpx_client().request(
        **kwargs
    )

    return _build_response(client=client, response=response)

async def asyncio(
    donation_id: UUID,
    *,
    client: AuthenticatedClient,

) -> ErrorOut | PayerErasedOut | None:
    """ Erase the payer's personal data of a gift with no donor on record (a bank transfer's name and note)

    Args:
        donation_id (UUID):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorOut | PayerErasedOut
     """


    return (await asyncio_detailed(
        donation_id=donation_id,
client=client,

    )).parsed
