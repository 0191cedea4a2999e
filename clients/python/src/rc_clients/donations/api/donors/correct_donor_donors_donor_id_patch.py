from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ...client import AuthenticatedClient, Client
from ...types import Response, UNSET
from ... import errors

from ...models.donor_out import DonorOut
from ...models.donor_patch import DonorPatch
from ...models.error_out import ErrorOut
from typing import cast
from uuid import UUID



def _get_kwargs(
    donor_id: UUID,
    *,
    body: DonorPatch,

) -> dict[str, Any]:
    headers: dict[str, Any] = {}


    

    

    _kwargs: dict[str, Any] = {
        "method": "patch",
        "url": "/donors/{donor_id}".format(donor_id=quote(str(donor_id), safe=""),),
    }

    _kwargs["json"] = body.to_dict()


    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs



def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> DonorOut | ErrorOut | None:
    if response.status_code == 200:
        response_200 = DonorOut.from_dict(response.json())



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


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[DonorOut | ErrorOut]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    donor_id: UUID,
    *,
    client: AuthenticatedClient,
    body: DonorPatch,

) -> Response[DonorOut | ErrorOut]:
    """ Correct a donor's details (data subject's right; a birth date typed wrong)

     Any subset of name, phone, identity number and birth date; null clears the phone or the identity
    number. The answer is the donor's record as ``GET /donors/{id}`` gives it.

    Args:
        donor_id (UUID):
        body (DonorPatch): A correction of a donor's details (the data subject's right, Law
            91/2025; a birth date typed wrong,
            which decides the blood donors' age rule): any subset; null clears the phone or the
            identity number.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[DonorOut | ErrorOut]
     """


    kwargs = _get_kwargs(
        donor_id=donor_id,
body=body,

    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)

def sync(
    donor_id: UUID,
    *,
    client: AuthenticatedClient,
    body: DonorPatch,

) -> DonorOut | ErrorOut | None:
    """ Correct a donor's details (data subject's right; a birth date typed wrong)

     Any subset of name, phone, identity number and birth date; null clears the phone or the identity
    number. The answer is the donor's record as ``GET /donors/{id}`` gives it.

    Args:
        donor_id (UUID):
        body (DonorPatch): A correction of a donor's details (the data subject's right, Law
            91/2025; a birth date typed wrong,
            which decides the blood donors' age rule): any subset; null clears the phone or the
            identity number.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        DonorOut | ErrorOut
     """


    return sync_detailed(
        donor_id=donor_id,
client=client,
body=body,

    ).parsed

async def asyncio_detailed(
    donor_id: UUID,
    *,
    client: AuthenticatedClient,
    body: DonorPatch,

) -> Response[DonorOut | ErrorOut]:
    """ Correct a donor's details (data subject's right; a birth date typed wrong)

     Any subset of name, phone, identity number and birth date; null clears the phone or the identity
    number. The answer is the donor's record as ``GET /donors/{id}`` gives it.

    Args:
        donor_id (UUID):
        body (DonorPatch): A correction of a donor's details (the data subject's right, Law
            91/2025; a birth date typed wrong,
            which decides the blood donors' age rule): any subset; null clears the phone or the
            identity number.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[DonorOut | ErrorOut]
     """


    kwargs = _get_kwargs(
        donor_id=donor_id,
body=body,

    )

    response = await client.get_async_httpx_client().request(
        **kwargs
    )

    return _build_response(client=client, response=response)

async def asyncio(
    donor_id: UUID,
    *,
    client: AuthenticatedClient,
    body: DonorPatch,

) -> DonorOut | ErrorOut | None:
    """ Correct a donor's details (data subject's right; a birth date typed wrong)

     Any subset of name, phone, identity number and birth date; null clears the phone or the identity
    number. The answer is the donor's record as ``GET /donors/{id}`` gives it.

    Args:
        donor_id (UUID):
        body (DonorPatch): A correction of a donor's details (the data subject's right, Law
            91/2025; a birth date typed wrong,
            which decides the blood donors' age rule): any subset; null clears the phone or the
            identity number.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        DonorOut | ErrorOut
     """


    return (await asyncio_detailed(
        donor_id=donor_id,
client=client,
body=body,

    )).parsed
