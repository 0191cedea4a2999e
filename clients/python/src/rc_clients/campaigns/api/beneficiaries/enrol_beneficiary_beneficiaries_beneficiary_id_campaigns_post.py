from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ...client import AuthenticatedClient, Client
from ...types import Response, UNSET
from ... import errors

from ...models.enrolment_in import EnrolmentIn
from ...models.enrolment_out import EnrolmentOut
from ...models.error_out import ErrorOut
from typing import cast
from uuid import UUID



def _get_kwargs(
    beneficiary_id: UUID,
    *,
    body: EnrolmentIn,

) -> dict[str, Any]:
    headers: dict[str, Any] = {}


    

    

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/beneficiaries/{beneficiary_id}/campaigns".format(beneficiary_id=quote(str(beneficiary_id), safe=""),),
    }

    _kwargs["json"] = body.to_dict()


    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs



def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> EnrolmentOut | ErrorOut | None:
    if response.status_code == 200:
        response_200 = EnrolmentOut.from_dict(response.json())



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


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[EnrolmentOut | ErrorOut]:
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
    body: EnrolmentIn,

) -> Response[EnrolmentOut | ErrorOut]:
    """ Enrol a beneficiary registered before in a campaign too (a verifier's decision)

     A household supported by an earlier appeal (its registration is refused as a duplicate) is supported
    by
    this one on the same record: its distributions may go to it, its verification stands. The role that
    may
    verify decides it (a verified household becomes the campaign's at once, as a verification makes it).
    The
    same request again changes nothing (``enrolled_now`` false).

    Args:
        beneficiary_id (UUID):
        body (EnrolmentIn):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[EnrolmentOut | ErrorOut]
     """


    kwargs = _get_kwargs(
        beneficiary_id=beneficiary_id,
body=body,

    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)

def sync(
    beneficiary_id: UUID,
    *,
    client: AuthenticatedClient,
    body: EnrolmentIn,

) -> EnrolmentOut | ErrorOut | None:
    """ Enrol a beneficiary registered before in a campaign too (a verifier's decision)

     A household supported by an earlier appeal (its registration is refused as a duplicate) is supported
    by
    this one on the same record: its distributions may go to it, its verification stands. The role that
    may
    verify decides it (a verified household becomes the campaign's at once, as a verification makes it).
    The
    same request again changes nothing (``enrolled_now`` false).

    Args:
        beneficiary_id (UUID):
        body (EnrolmentIn):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        EnrolmentOut | ErrorOut
     """


    return sync_detailed(
        beneficiary_id=beneficiary_id,
client=client,
body=body,

    ).parsed

async def asyncio_detailed(
    beneficiary_id: UUID,
    *,
    client: AuthenticatedClient,
    body: EnrolmentIn,

) -> Response[EnrolmentOut | ErrorOut]:
    """ Enrol a beneficiary registered before in a campaign too (a verifier's decision)

     A household supported by an earlier appeal (its registration is refused as a duplicate) is supported
    by
    this one on the same record: its distributions may go to it, its verification stands. The role that
    may
    verify decides it (a verified household becomes the campaign's at once, as a verification makes it).
    The
    same request again changes nothing (``enrolled_now`` false).

    Args:
        beneficiary_id (UUID):
        body (EnrolmentIn):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[EnrolmentOut | ErrorOut]
     """


    kwargs = _get_kwargs(
        beneficiary_id=beneficiary_id,
body=body,

    )

    response = await client.get_async_httpx_client().request(
        **kwargs
    )

    return _build_response(client=client, response=response)

async def asyncio(
    beneficiary_id: UUID,
    *,
    client: AuthenticatedClient,
    body: EnrolmentIn,

) -> EnrolmentOut | ErrorOut | None:
    """ Enrol a beneficiary registered before in a campaign too (a verifier's decision)

     A household supported by an earlier appeal (its registration is refused as a duplicate) is supported
    by
    this one on the same record: its distributions may go to it, its verification stands. The role that
    may
    verify decides it (a verified household becomes the campaign's at once, as a verification makes it).
    The
    same request again changes nothing (``enrolled_now`` false).

    Args:
        beneficiary_id (UUID):
        body (EnrolmentIn):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        EnrolmentOut | ErrorOut
     """


    return (await asyncio_detailed(
        beneficiary_id=beneficiary_id,
client=client,
body=body,

    )).parsed
