from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ...client import AuthenticatedClient, Client
from ...types import Response, UNSET
from ... import errors

from ...models.blood_donation_in import BloodDonationIn
from ...models.cash_donation_in import CashDonationIn
from ...models.donation_out import DonationOut
from ...models.error_out import ErrorOut
from ...models.in_kind_donation_in import InKindDonationIn
from ...types import UNSET, Unset
from typing import cast
from uuid import UUID



def _get_kwargs(
    campaign_id: UUID,
    *,
    body: BloodDonationIn | CashDonationIn | InKindDonationIn,
    idempotency_key: None | str | Unset = UNSET,

) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(idempotency_key, Unset):
        headers["Idempotency-Key"] = idempotency_key



    

    

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/campaigns/{campaign_id}/donations".format(campaign_id=quote(str(campaign_id), safe=""),),
    }

    
    if isinstance(body, CashDonationIn):
        _kwargs["json"] = body.to_dict()
    elif isinstance(body, InKindDonationIn):
        _kwargs["json"] = body.to_dict()
    else:
        _kwargs["json"] = body.to_dict()



    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs



def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> DonationOut | ErrorOut | None:
    if response.status_code == 200:
        response_200 = DonationOut.from_dict(response.json())



        return response_200

    if response.status_code == 201:
        response_201 = DonationOut.from_dict(response.json())



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


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[DonationOut | ErrorOut]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    campaign_id: UUID,
    *,
    client: AuthenticatedClient,
    body: BloodDonationIn | CashDonationIn | InKindDonationIn,
    idempotency_key: None | str | Unset = UNSET,

) -> Response[DonationOut | ErrorOut]:
    """ Record a contribution: cash, in kind or blood (201 new; 200 a resubmission)

    Args:
        campaign_id (UUID):
        idempotency_key (None | str | Unset): Resending a request with the same key returns the
            original record (200) instead of a new one. Keys are one space for every client, endpoint
            and campaign, kept for good: send a new UUID per new request (or your system's name before
            its own reference: two systems' references may be alike). The same key with another body
            (or for another endpoint or campaign) is a 422 naming Idempotency-Key. A resend while the
            first request is still being written is answered with its outcome; while a request of
            another endpoint or campaign is being written with the key, a 409: retry it.
        body (BloodDonationIn | CashDonationIn | InKindDonationIn):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[DonationOut | ErrorOut]
     """


    kwargs = _get_kwargs(
        campaign_id=campaign_id,
body=body,
idempotency_key=idempotency_key,

    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)

def sync(
    campaign_id: UUID,
    *,
    client: AuthenticatedClient,
    body: BloodDonationIn | CashDonationIn | InKindDonationIn,
    idempotency_key: None | str | Unset = UNSET,

) -> DonationOut | ErrorOut | None:
    """ Record a contribution: cash, in kind or blood (201 new; 200 a resubmission)

    Args:
        campaign_id (UUID):
        idempotency_key (None | str | Unset): Resending a request with the same key returns the
            original record (200) instead of a new one. Keys are one space for every client, endpoint
            and campaign, kept for good: send a new UUID per new request (or your system's name before
            its own reference: two systems' references may be alike). The same key with another body
            (or for another endpoint or campaign) is a 422 naming Idempotency-Key. A resend while the
            first request is still being written is answered with its outcome; while a request of
            another endpoint or campaign is being written with the key, a 409: retry it.
        body (BloodDonationIn | CashDonationIn | InKindDonationIn):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        DonationOut | ErrorOut
     """


    return sync_detailed(
        campaign_id=campaign_id,
client=client,
body=body,
idempotency_key=idempotency_key,

    ).parsed

async def asyncio_detailed(
    campaign_id: UUID,
    *,
    client: AuthenticatedClient,
    body: BloodDonationIn | CashDonationIn | InKindDonationIn,
    idempotency_key: None | str | Unset = UNSET,

) -> Response[DonationOut | ErrorOut]:
    """ Record a contribution: cash, in kind or blood (201 new; 200 a resubmission)

    Args:
        campaign_id (UUID):
        idempotency_key (None | str | Unset): Resending a request with the same key returns the
            original record (200) instead of a new one. Keys are one space for every client, endpoint
            and campaign, kept for good: send a new UUID per new request (or your system's name before
            its own reference: two systems' references may be alike). The same key with another body
            (or for another endpoint or campaign) is a 422 naming Idempotency-Key. A resend while the
            first request is still being written is answered with its outcome; while a request of
            another endpoint or campaign is being written with the key, a 409: retry it.
        body (BloodDonationIn | CashDonationIn | InKindDonationIn):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[DonationOut | ErrorOut]
     """


    kwargs = _get_kwargs(
        campaign_id=campaign_id,
body=body,
idempotency_key=idempotency_key,

    )

    response = await client.get_async_httpx_client().request(
        **kwargs
    )

    return _build_response(client=client, response=response)

async def asyncio(
    campaign_id: UUID,
    *,
    client: AuthenticatedClient,
    body: BloodDonationIn | CashDonationIn | InKindDonationIn,
    idempotency_key: None | str | Unset = UNSET,

) -> DonationOut | ErrorOut | None:
    """ Record a contribution: cash, in kind or blood (201 new; 200 a resubmission)

    Args:
        campaign_id (UUID):
        idempotency_key (None | str | Unset): Resending a request with the same key returns the
            original record (200) instead of a new one. Keys are one space for every client, endpoint
            and campaign, kept for good: send a new UUID per new request (or your system's name before
            its own reference: two systems' references may be alike). The same key with another body
            (or for another endpoint or campaign) is a 422 naming Idempotency-Key. A resend while the
            first request is still being written is answered with its outcome; while a request of
            another endpoint or campaign is being written with the key, a 409: retry it.
        body (BloodDonationIn | CashDonationIn | InKindDonationIn):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        DonationOut | ErrorOut
     """


    return (await asyncio_detailed(
        campaign_id=campaign_id,
client=client,
body=body,
idempotency_key=idempotency_key,

    )).parsed
