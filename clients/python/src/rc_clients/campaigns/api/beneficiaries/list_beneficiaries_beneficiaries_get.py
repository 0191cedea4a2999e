from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ...client import AuthenticatedClient, Client
from ...types import Response, UNSET
from ... import errors

from ...models.beneficiaries_page_out import BeneficiariesPageOut
from ...models.error_out import ErrorOut
from ...types import UNSET, Unset
from typing import cast
from uuid import UUID



def _get_kwargs(
    *,
    unit_id: None | Unset | UUID = UNSET,
    verified: bool | None | Unset = UNSET,
    humanitarian_address: bool | None | Unset = UNSET,
    campaign_id: None | Unset | UUID = UNSET,
    q: None | str | Unset = UNSET,
    limit: int | Unset = 100,
    offset: int | Unset = 0,

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

    json_verified: bool | None | Unset
    if isinstance(verified, Unset):
        json_verified = UNSET
    else:
        json_verified = verified
    params["verified"] = json_verified

    json_humanitarian_address: bool | None | Unset
    if isinstance(humanitarian_address, Unset):
        json_humanitarian_address = UNSET
    else:
        json_humanitarian_address = humanitarian_address
    params["humanitarian_address"] = json_humanitarian_address

    json_campaign_id: None | str | Unset
    if isinstance(campaign_id, Unset):
        json_campaign_id = UNSET
    elif isinstance(campaign_id, UUID):
        json_campaign_id = str(campaign_id)
    else:
        json_campaign_id = campaign_id
    params["campaign_id"] = json_campaign_id

    json_q: None | str | Unset
    if isinstance(q, Unset):
        json_q = UNSET
    else:
        json_q = q
    params["q"] = json_q

    params["limit"] = limit

    params["offset"] = offset


    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}


    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/beneficiaries",
        "params": params,
    }


    return _kwargs



def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> BeneficiariesPageOut | ErrorOut | None:
    if response.status_code == 200:
        response_200 = BeneficiariesPageOut.from_dict(response.json())



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


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[BeneficiariesPageOut | ErrorOut]:
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
    verified: bool | None | Unset = UNSET,
    humanitarian_address: bool | None | Unset = UNSET,
    campaign_id: None | Unset | UUID = UNSET,
    q: None | str | Unset = UNSET,
    limit: int | Unset = 100,
    offset: int | Unset = 0,

) -> Response[BeneficiariesPageOut | ErrorOut]:
    """ Beneficiaries by unit, verification, address

    Args:
        unit_id (None | Unset | UUID):
        verified (bool | None | Unset):
        humanitarian_address (bool | None | Unset):
        campaign_id (None | Unset | UUID):
        q (None | str | Unset): A fragment of the name, address or commune; diacritics and case
            are ignored ("nguyen thi lan", "vinh trach").
        limit (int | Unset): Items per page, 1 to 10000. Default: 100.
        offset (int | Unset): Items to skip before the page. Default: 0.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[BeneficiariesPageOut | ErrorOut]
     """


    kwargs = _get_kwargs(
        unit_id=unit_id,
verified=verified,
humanitarian_address=humanitarian_address,
campaign_id=campaign_id,
q=q,
limit=limit,
offset=offset,

    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)

def sync(
    *,
    client: AuthenticatedClient,
    unit_id: None | Unset | UUID = UNSET,
    verified: bool | None | Unset = UNSET,
    humanitarian_address: bool | None | Unset = UNSET,
    campaign_id: None | Unset | UUID = UNSET,
    q: None | str | Unset = UNSET,
    limit: int | Unset = 100,
    offset: int | Unset = 0,

) -> BeneficiariesPageOut | ErrorOut | None:
    """ Beneficiaries by unit, verification, address

    Args:
        unit_id (None | Unset | UUID):
        verified (bool | None | Unset):
        humanitarian_address (bool | None | Unset):
        campaign_id (None | Unset | UUID):
        q (None | str | Unset): A fragment of the name, address or commune; diacritics and case
            are ignored ("nguyen thi lan", "vinh trach").
        limit (int | Unset): Items per page, 1 to 10000. Default: 100.
        offset (int | Unset): Items to skip before the page. Default: 0.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        BeneficiariesPageOut | ErrorOut
     """


    return sync_detailed(
        client=client,
unit_id=unit_id,
verified=verified,
humanitarian_address=humanitarian_address,
campaign_id=campaign_id,
q=q,
limit=limit,
offset=offset,

    ).parsed

async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    unit_id: None | Unset | UUID = UNSET,
    verified: bool | None | Unset = UNSET,
    humanitarian_address: bool | None | Unset = UNSET,
    campaign_id: None | Unset | UUID = UNSET,
    q: None | str | Unset = UNSET,
    limit: int | Unset = 100,
    offset: int | Unset = 0,

) -> Response[BeneficiariesPageOut | ErrorOut]:
    """ Beneficiaries by unit, verification, address

    Args:
        unit_id (None | Unset | UUID):
        verified (bool | None | Unset):
        humanitarian_address (bool | None | Unset):
        campaign_id (None | Unset | UUID):
        q (None | str | Unset): A fragment of the name, address or commune; diacritics and case
            are ignored ("nguyen thi lan", "vinh trach").
        limit (int | Unset): Items per page, 1 to 10000. Default: 100.
        offset (int | Unset): Items to skip before the page. Default: 0.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[BeneficiariesPageOut | ErrorOut]
     """


    kwargs = _get_kwargs(
        unit_id=unit_id,
verified=verified,
humanitarian_address=humanitarian_address,
campaign_id=campaign_id,
q=q,
limit=limit,
offset=offset,

    )

    response = await client.get_async_httpx_client().request(
        **kwargs
    )

    return _build_response(client=client, response=response)

async def asyncio(
    *,
    client: AuthenticatedClient,
    unit_id: None | Unset | UUID = UNSET,
    verified: bool | None | Unset = UNSET,
    humanitarian_address: bool | None | Unset = UNSET,
    campaign_id: None | Unset | UUID = UNSET,
    q: None | str | Unset = UNSET,
    limit: int | Unset = 100,
    offset: int | Unset = 0,

) -> BeneficiariesPageOut | ErrorOut | None:
    """ Beneficiaries by unit, verification, address

    Args:
        unit_id (None | Unset | UUID):
        verified (bool | None | Unset):
        humanitarian_address (bool | None | Unset):
        campaign_id (None | Unset | UUID):
        q (None | str | Unset): A fragment of the name, address or commune; diacritics and case
            are ignored ("nguyen thi lan", "vinh trach").
        limit (int | Unset): Items per page, 1 to 10000. Default: 100.
        offset (int | Unset): Items to skip before the page. Default: 0.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        BeneficiariesPageOut | ErrorOut
     """


    return (await asyncio_detailed(
        client=client,
unit_id=unit_id,
verified=verified,
humanitarian_address=humanitarian_address,
campaign_id=campaign_id,
q=q,
limit=limit,
offset=offset,

    )).parsed
