from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ...client import AuthenticatedClient, Client
from ...types import Response, UNSET
from ... import errors

from ...models.campaign_series import CampaignSeries
from ...models.campaigns_by_period_reports_campaigns_by_period_get_format import CampaignsByPeriodReportsCampaignsByPeriodGetFormat
from ...models.campaigns_by_period_reports_campaigns_by_period_get_format import check_campaigns_by_period_reports_campaigns_by_period_get_format
from ...models.campaigns_by_period_reports_campaigns_by_period_get_granularity import CampaignsByPeriodReportsCampaignsByPeriodGetGranularity
from ...models.campaigns_by_period_reports_campaigns_by_period_get_granularity import check_campaigns_by_period_reports_campaigns_by_period_get_granularity
from ...models.error_out import ErrorOut
from ...types import UNSET, Unset
from dateutil.parser import isoparse
from typing import cast
from uuid import UUID
import datetime



def _get_kwargs(
    *,
    campaign_id: None | Unset | UUID = UNSET,
    granularity: CampaignsByPeriodReportsCampaignsByPeriodGetGranularity | Unset = 'day',
    period_from: datetime.date | None | Unset = UNSET,
    period_to: datetime.date | None | Unset = UNSET,
    format_: CampaignsByPeriodReportsCampaignsByPeriodGetFormat | Unset = 'json',

) -> dict[str, Any]:
    

    

    params: dict[str, Any] = {}

    json_campaign_id: None | str | Unset
    if isinstance(campaign_id, Unset):
        json_campaign_id = UNSET
    elif isinstance(campaign_id, UUID):
        json_campaign_id = str(campaign_id)
    else:
        json_campaign_id = campaign_id
    params["campaign_id"] = json_campaign_id

    json_granularity: str | Unset = UNSET
    if not isinstance(granularity, Unset):
        json_granularity = granularity

    params["granularity"] = json_granularity

    json_period_from: None | str | Unset
    if isinstance(period_from, Unset):
        json_period_from = UNSET
    elif isinstance(period_from, datetime.date):
        json_period_from = period_from.isoformat()
    else:
        json_period_from = period_from
    params["period_from"] = json_period_from

    json_period_to: None | str | Unset
    if isinstance(period_to, Unset):
        json_period_to = UNSET
    elif isinstance(period_to, datetime.date):
        json_period_to = period_to.isoformat()
    else:
        json_period_to = period_to
    params["period_to"] = json_period_to

    json_format_: str | Unset = UNSET
    if not isinstance(format_, Unset):
        json_format_ = format_

    params["format"] = json_format_


    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}


    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/reports/campaigns/by-period",
        "params": params,
    }


    return _kwargs



def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> CampaignSeries | ErrorOut | None:
    if response.status_code == 200:
        response_200 = CampaignSeries.from_dict(response.json())



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


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[CampaignSeries | ErrorOut]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    campaign_id: None | Unset | UUID = UNSET,
    granularity: CampaignsByPeriodReportsCampaignsByPeriodGetGranularity | Unset = 'day',
    period_from: datetime.date | None | Unset = UNSET,
    period_to: datetime.date | None | Unset = UNSET,
    format_: CampaignsByPeriodReportsCampaignsByPeriodGetFormat | Unset = 'json',

) -> Response[CampaignSeries | ErrorOut]:
    """ Campaigns By Period

     Money and goods moved per day or month: received (minus reversals dated in the bucket) and
    distributed
    (a file: one row per bucket; the XLSX with a native chart of cash raised and distributed).

    Args:
        campaign_id (None | Unset | UUID): One campaign; default: every campaign (organisation-
            wide users only).
        granularity (CampaignsByPeriodReportsCampaignsByPeriodGetGranularity | Unset): Bucket
            size. Default: 'day'.
        period_from (datetime.date | None | Unset): First day; default: the campaign's first day
            or first fact.
        period_to (datetime.date | None | Unset): Last day (inclusive); default: its distribution
            deadline or last fact.
        format_ (CampaignsByPeriodReportsCampaignsByPeriodGetFormat | Unset): Answer format: json,
            or a file (csv streamed, xlsx). Default: 'json'.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[CampaignSeries | ErrorOut]
     """


    kwargs = _get_kwargs(
        campaign_id=campaign_id,
granularity=granularity,
period_from=period_from,
period_to=period_to,
format_=format_,

    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)

def sync(
    *,
    client: AuthenticatedClient,
    campaign_id: None | Unset | UUID = UNSET,
    granularity: CampaignsByPeriodReportsCampaignsByPeriodGetGranularity | Unset = 'day',
    period_from: datetime.date | None | Unset = UNSET,
    period_to: datetime.date | None | Unset = UNSET,
    format_: CampaignsByPeriodReportsCampaignsByPeriodGetFormat | Unset = 'json',

) -> CampaignSeries | ErrorOut | None:
    """ Campaigns By Period

     Money and goods moved per day or month: received (minus reversals dated in the bucket) and
    distributed
    (a file: one row per bucket; the XLSX with a native chart of cash raised and distributed).

    Args:
        campaign_id (None | Unset | UUID): One campaign; default: every campaign (organisation-
            wide users only).
        granularity (CampaignsByPeriodReportsCampaignsByPeriodGetGranularity | Unset): Bucket
            size. Default: 'day'.
        period_from (datetime.date | None | Unset): First day; default: the campaign's first day
            or first fact.
        period_to (datetime.date | None | Unset): Last day (inclusive); default: its distribution
            deadline or last fact.
        format_ (CampaignsByPeriodReportsCampaignsByPeriodGetFormat | Unset): Answer format: json,
            or a file (csv streamed, xlsx). Default: 'json'.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        CampaignSeries | ErrorOut
     """


    return sync_detailed(
        client=client,
campaign_id=campaign_id,
granularity=granularity,
period_from=period_from,
period_to=period_to,
format_=format_,

    ).parsed

async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    campaign_id: None | Unset | UUID = UNSET,
    granularity: CampaignsByPeriodReportsCampaignsByPeriodGetGranularity | Unset = 'day',
    period_from: datetime.date | None | Unset = UNSET,
    period_to: datetime.date | None | Unset = UNSET,
    format_: CampaignsByPeriodReportsCampaignsByPeriodGetFormat | Unset = 'json',

) -> Response[CampaignSeries | ErrorOut]:
    """ Campaigns By Period

     Money and goods moved per day or month: received (minus reversals dated in the bucket) and
    distributed
    (a file: one row per bucket; the XLSX with a native chart of cash raised and distributed).

    Args:
        campaign_id (None | Unset | UUID): One campaign; default: every campaign (organisation-
            wide users only).
        granularity (CampaignsByPeriodReportsCampaignsByPeriodGetGranularity | Unset): Bucket
            size. Default: 'day'.
        period_from (datetime.date | None | Unset): First day; default: the campaign's first day
            or first fact.
        period_to (datetime.date | None | Unset): Last day (inclusive); default: its distribution
            deadline or last fact.
        format_ (CampaignsByPeriodReportsCampaignsByPeriodGetFormat | Unset): Answer format: json,
            or a file (csv streamed, xlsx). Default: 'json'.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[CampaignSeries | ErrorOut]
     """


    kwargs = _get_kwargs(
        campaign_id=campaign_id,
granularity=granularity,
period_from=period_from,
period_to=period_to,
format_=format_,

    )

    response = await client.get_async_httpx_client().request(
        **kwargs
    )

    return _build_response(client=client, response=response)

async def asyncio(
    *,
    client: AuthenticatedClient,
    campaign_id: None | Unset | UUID = UNSET,
    granularity: CampaignsByPeriodReportsCampaignsByPeriodGetGranularity | Unset = 'day',
    period_from: datetime.date | None | Unset = UNSET,
    period_to: datetime.date | None | Unset = UNSET,
    format_: CampaignsByPeriodReportsCampaignsByPeriodGetFormat | Unset = 'json',

) -> CampaignSeries | ErrorOut | None:
    """ Campaigns By Period

     Money and goods moved per day or month: received (minus reversals dated in the bucket) and
    distributed
    (a file: one row per bucket; the XLSX with a native chart of cash raised and distributed).

    Args:
        campaign_id (None | Unset | UUID): One campaign; default: every campaign (organisation-
            wide users only).
        granularity (CampaignsByPeriodReportsCampaignsByPeriodGetGranularity | Unset): Bucket
            size. Default: 'day'.
        period_from (datetime.date | None | Unset): First day; default: the campaign's first day
            or first fact.
        period_to (datetime.date | None | Unset): Last day (inclusive); default: its distribution
            deadline or last fact.
        format_ (CampaignsByPeriodReportsCampaignsByPeriodGetFormat | Unset): Answer format: json,
            or a file (csv streamed, xlsx). Default: 'json'.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        CampaignSeries | ErrorOut
     """


    return (await asyncio_detailed(
        client=client,
campaign_id=campaign_id,
granularity=granularity,
period_from=period_from,
period_to=period_to,
format_=format_,

    )).parsed
