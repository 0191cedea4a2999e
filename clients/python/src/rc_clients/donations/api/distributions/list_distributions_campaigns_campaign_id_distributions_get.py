from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ...client import AuthenticatedClient, Client
from ...types import Response, UNSET
from ... import errors

from ...models.distributions_page_out import DistributionsPageOut
from ...models.error_out import ErrorOut
from ...types import UNSET, Unset
from typing import cast
from uuid import UUID



def _get_kwargs(
    campaign_id: UUID,
    *,
    limit: int | Unset = 1000,
    offset: int | Unset = 0,
    after: int | None | Unset = UNSET,
    beneficiary_id: None | Unset | UUID = UNSET,

) -> dict[str, Any]:
    

    

    params: dict[str, Any] = {}

    params["limit"] = limit

    params["offset"] = offset

    json_after: int | None | Unset
    if isinstance(after, Unset):
        json_after = UNSET
    else:
        json_after = after
    params["after"] = json_after

    json_beneficiary_id: None | str | Unset
    if isinstance(beneficiary_id, Unset):
        json_beneficiary_id = UNSET
    elif isinstance(beneficiary_id, UUID):
        json_beneficiary_id = str(beneficiary_id)
    else:
        json_beneficiary_id = beneficiary_id
    params["beneficiary_id"] = json_beneficiary_id


    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}


    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/campaigns/{campaign_id}/distributions".format(campaign_id=quote(str(campaign_id), safe=""),),
        "params": params,
    }


    return _kwargs



def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> DistributionsPageOut | ErrorOut | None:
    if response.status_code == 200:
        response_200 = DistributionsPageOut.from_dict(response.json())



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


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[DistributionsPageOut | ErrorOut]:
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
    limit: int | Unset = 1000,
    offset: int | Unset = 0,
    after: int | None | Unset = UNSET,
    beneficiary_id: None | Unset | UUID = UNSET,

) -> Response[DistributionsPageOut | ErrorOut]:
    """ A campaign's distributions (by date with offset, or as recorded with the cursor after)

    Args:
        campaign_id (UUID):
        limit (int | Unset): Items per page, 1 to 10000. Default: 1000.
        offset (int | Unset): Items to skip before the page. Default: 0.
        after (int | None | Unset): A ledger line number (the previous page's next_after; 0 to
            start): the distributions recorded after it, in the order they were recorded, so that one
            dated back later is on a later page and none is read twice. Without it, pages by offset
            follow the distributions' dates.
        beneficiary_id (None | Unset | UUID): Only the distributions to this beneficiary, reversed
            ones included, by date (with offset; not with after). Since 1.12.0: ask it before
            recording one, to see whether the household was already given something in this campaign.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[DistributionsPageOut | ErrorOut]
     """


    kwargs = _get_kwargs(
        campaign_id=campaign_id,
limit=limit,
offset=offset,
after=after,
beneficiary_id=beneficiary_id,

    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)

def sync(
    campaign_id: UUID,
    *,
    client: AuthenticatedClient,
    limit: int | Unset = 1000,
    offset: int | Unset = 0,
    after: int | None | Unset = UNSET,
    beneficiary_id: None | Unset | UUID = UNSET,

) -> DistributionsPageOut | ErrorOut | None:
    """ A campaign's distributions (by date with offset, or as recorded with the cursor after)

    Args:
        campaign_id (UUID):
        limit (int | Unset): Items per page, 1 to 10000. Default: 1000.
        offset (int | Unset): Items to skip before the page. Default: 0.
        after (int | None | Unset): A ledger line number (the previous page's next_after; 0 to
            start): the distributions recorded after it, in the order they were recorded, so that one
            dated back later is on a later page and none is read twice. Without it, pages by offset
            follow the distributions' dates.
        beneficiary_id (None | Unset | UUID): Only the distributions to this beneficiary, reversed
            ones included, by date (with offset; not with after). Since 1.12.0: ask it before
            recording one, to see whether the household was already given something in this campaign.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        DistributionsPageOut | ErrorOut
     """


    return sync_detailed(
        campaign_id=campaign_id,
client=client,
limit=limit,
offset=offset,
after=after,
beneficiary_id=beneficiary_id,

    ).parsed

async def asyncio_detailed(
    campaign_id: UUID,
    *,
    client: AuthenticatedClient,
    limit: int | Unset = 1000,
    offset: int | Unset = 0,
    after: int | None | Unset = UNSET,
    beneficiary_id: None | Unset | UUID = UNSET,

) -> Response[DistributionsPageOut | ErrorOut]:
    """ A campaign's distributions (by date with offset, or as recorded with the cursor after)

    Args:
        campaign_id (UUID):
        limit (int | Unset): Items per page, 1 to 10000. Default: 1000.
        offset (int | Unset): Items to skip before the page. Default: 0.
        after (int | None | Unset): A ledger line number (the previous page's next_after; 0 to
            start): the distributions recorded after it, in the order they were recorded, so that one
            dated back later is on a later page and none is read twice. Without it, pages by offset
            follow the distributions' dates.
        beneficiary_id (None | Unset | UUID): Only the distributions to this beneficiary, reversed
            ones included, by date (with offset; not with after). Since 1.12.0: ask it before
            recording one, to see whether the household was already given something in this campaign.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[DistributionsPageOut | ErrorOut]
     """


    kwargs = _get_kwargs(
        campaign_id=campaign_id,
limit=limit,
offset=offset,
after=after,
beneficiary_id=beneficiary_id,

    )

    response = await client.get_async_httpx_client().request(
        **kwargs
    )

    return _build_response(client=client, response=response)

async def asyncio(
    campaign_id: UUID,
    *,
    client: AuthenticatedClient,
    limit: int | Unset = 1000,
    offset: int | Unset = 0,
    after: int | None | Unset = UNSET,
    beneficiary_id: None | Unset | UUID = UNSET,

) -> DistributionsPageOut | ErrorOut | None:
    """ A campaign's distributions (by date with offset, or as recorded with the cursor after)

    Args:
        campaign_id (UUID):
        limit (int | Unset): Items per page, 1 to 10000. Default: 1000.
        offset (int | Unset): Items to skip before the page. Default: 0.
        after (int | None | Unset): A ledger line number (the previous page's next_after; 0 to
            start): the distributions recorded after it, in the order they were recorded, so that one
            dated back later is on a later page and none is read twice. Without it, pages by offset
            follow the distributions' dates.
        beneficiary_id (None | Unset | UUID): Only the distributions to this beneficiary, reversed
            ones included, by date (with offset; not with after). Since 1.12.0: ask it before
            recording one, to see whether the household was already given something in this campaign.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        DistributionsPageOut | ErrorOut
     """


    return (await asyncio_detailed(
        campaign_id=campaign_id,
client=client,
limit=limit,
offset=offset,
after=after,
beneficiary_id=beneficiary_id,

    )).parsed
