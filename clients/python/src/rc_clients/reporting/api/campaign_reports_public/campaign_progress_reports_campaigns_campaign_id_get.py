from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ...client import AuthenticatedClient, Client
from ...types import Response, UNSET
from ... import errors

from ...models.campaign_report import CampaignReport
from ...models.error_out import ErrorOut
from ...types import UNSET, Unset
from dateutil.parser import isoparse
from typing import cast
from uuid import UUID
import datetime



def _get_kwargs(
    campaign_id: UUID,
    *,
    as_of: datetime.date | None | Unset = UNSET,
    if_none_match: str | Unset = UNSET,

) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(if_none_match, Unset):
        headers["If-None-Match"] = if_none_match



    

    params: dict[str, Any] = {}

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
        "url": "/reports/campaigns/{campaign_id}".format(campaign_id=quote(str(campaign_id), safe=""),),
        "params": params,
    }


    _kwargs["headers"] = headers
    return _kwargs



def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Any | CampaignReport | ErrorOut | None:
    if response.status_code == 200:
        response_200 = CampaignReport.from_dict(response.json())



        return response_200

    if response.status_code == 304:
        response_304 = cast(Any, None)
        return response_304

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


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[Any | CampaignReport | ErrorOut]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    campaign_id: UUID,
    *,
    client: AuthenticatedClient | Client,
    as_of: datetime.date | None | Unset = UNSET,
    if_none_match: str | Unset = UNSET,

) -> Response[Any | CampaignReport | ErrorOut]:
    """ Campaign Progress

     A campaign's progress: raised, pledged, distributed, balance, beneficiaries, targets (404 if
    unknown).

    Public (Decree 93/2021 disclosure). Cacheable: ``ETag`` (from the projection's version of the
    campaign) and ``Cache-Control: public``.

    Args:
        campaign_id (UUID): The campaign.
        as_of (datetime.date | None | Unset): Report date (YYYY-MM-DD); default: every fact
            projected so far.
        if_none_match (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | CampaignReport | ErrorOut]
     """


    kwargs = _get_kwargs(
        campaign_id=campaign_id,
as_of=as_of,
if_none_match=if_none_match,

    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)

def sync(
    campaign_id: UUID,
    *,
    client: AuthenticatedClient | Client,
    as_of: datetime.date | None | Unset = UNSET,
    if_none_match: str | Unset = UNSET,

) -> Any | CampaignReport | ErrorOut | None:
    """ Campaign Progress

     A campaign's progress: raised, pledged, distributed, balance, beneficiaries, targets (404 if
    unknown).

    Public (Decree 93/2021 disclosure). Cacheable: ``ETag`` (from the projection's version of the
    campaign) and ``Cache-Control: public``.

    Args:
        campaign_id (UUID): The campaign.
        as_of (datetime.date | None | Unset): Report date (YYYY-MM-DD); default: every fact
            projected so far.
        if_none_match (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | CampaignReport | ErrorOut
     """


    return sync_detailed(
        campaign_id=campaign_id,
client=client,
as_of=as_of,
if_none_match=if_none_match,

    ).parsed

async def asyncio_detailed(
    campaign_id: UUID,
    *,
    client: AuthenticatedClient | Client,
    as_of: datetime.date | None | Unset = UNSET,
    if_none_match: str | Unset = UNSET,

) -> Response[Any | CampaignReport | ErrorOut]:
    """ Campaign Progress

     A campaign's progress: raised, pledged, distributed, balance, beneficiaries, targets (404 if
    unknown).

    Public (Decree 93/2021 disclosure). Cacheable: ``ETag`` (from the projection's version of the
    campaign) and ``Cache-Control: public``.

    Args:
        campaign_id (UUID): The campaign.
        as_of (datetime.date | None | Unset): Report date (YYYY-MM-DD); default: every fact
            projected so far.
        if_none_match (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | CampaignReport | ErrorOut]
     """


    kwargs = _get_kwargs(
        campaign_id=campaign_id,
as_of=as_of,
if_none_match=if_none_match,

    )

    response = await client.get_async_httpx_client().request(
        **kwargs
    )

    return _build_response(client=client, response=response)

async def asyncio(
    campaign_id: UUID,
    *,
    client: AuthenticatedClient | Client,
    as_of: datetime.date | None | Unset = UNSET,
    if_none_match: str | Unset = UNSET,

) -> Any | CampaignReport | ErrorOut | None:
    """ Campaign Progress

     A campaign's progress: raised, pledged, distributed, balance, beneficiaries, targets (404 if
    unknown).

    Public (Decree 93/2021 disclosure). Cacheable: ``ETag`` (from the projection's version of the
    campaign) and ``Cache-Control: public``.

    Args:
        campaign_id (UUID): The campaign.
        as_of (datetime.date | None | Unset): Report date (YYYY-MM-DD); default: every fact
            projected so far.
        if_none_match (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | CampaignReport | ErrorOut
     """


    return (await asyncio_detailed(
        campaign_id=campaign_id,
client=client,
as_of=as_of,
if_none_match=if_none_match,

    )).parsed
