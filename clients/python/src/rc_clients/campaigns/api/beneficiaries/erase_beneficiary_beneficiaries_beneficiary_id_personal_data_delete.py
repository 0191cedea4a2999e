from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ...client import AuthenticatedClient, Client
from ...types import Response, UNSET
from ... import errors

from ...models.beneficiary_erased_out import BeneficiaryErasedOut
from ...models.error_out import ErrorOut
from typing import cast
from uuid import UUID



def _get_kwargs(
    beneficiary_id: UUID,

) -> dict[str, Any]:
    

    

    

    _kwargs: dict[str, Any] = {
        "method": "delete",
        "url": "/beneficiaries/{beneficiary_id}/personal-data".format(beneficiary_id=quote(str(beneficiary_id), safe=""),),
    }


    return _kwargs



def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> BeneficiaryErasedOut | ErrorOut | None:
    if response.status_code == 200:
        response_200 = BeneficiaryErasedOut.from_dict(response.json())



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


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[BeneficiaryErasedOut | ErrorOut]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    beneficiary_id: UUID,
    *,
    client: AuthenticatedClient,

) -> Response[BeneficiaryErasedOut | ErrorOut]:
    """ Erase a beneficiary's personal data at their request (the record and its support stay)

    Args:
        beneficiary_id (UUID):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[BeneficiaryErasedOut | ErrorOut]
     """


    kwargs = _get_kwargs(
        beneficiary_id=beneficiary_id,

    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)

def sync(
    beneficiary_id: UUID,
    *,
    client: AuthenticatedClient,

) -> BeneficiaryErasedOut | ErrorOut | None:
    """ Erase a beneficiary's personal data at their request (the record and its support stay)

    Args:
        beneficiary_id (UUID):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        BeneficiaryErasedOut | ErrorOut
     """


    return sync_detailed(
        beneficiary_id=beneficiary_id,
client=client,

    ).parsed

async def asyncio_detailed(
    beneficiary_id: UUID,
    *,
    client: AuthenticatedClient,

) -> Response[BeneficiaryErasedOut | ErrorOut]:
    """ Erase a beneficiary's personal data at their request (the record and its support stay)

    Args:
        beneficiary_id (UUID):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[BeneficiaryErasedOut | ErrorOut]
     """


    kwargs = _get_kwargs(
        beneficiary_id=beneficiary_id,

    )

    response = await client.get_async_httpx_client().request(
        **kwargs
    )

    return _build_response(client=client, response=response)

async def asyncio(
    beneficiary_id: UUID,
    *,
    client: AuthenticatedClient,

) -> BeneficiaryErasedOut | ErrorOut | None:
    """ Erase a beneficiary's personal data at their request (the record and its support stay)

    Args:
        beneficiary_id (UUID):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        BeneficiaryErasedOut | ErrorOut
     """


    return (await asyncio_detailed(
        beneficiary_id=beneficiary_id,
client=client,

    )).parsed
