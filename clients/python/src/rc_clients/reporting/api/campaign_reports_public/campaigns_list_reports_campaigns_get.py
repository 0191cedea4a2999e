from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ...client import AuthenticatedClient, Client
from ...types import Response, UNSET
from ... import errors

from ...models.campaign_list import CampaignList
from ...models.campaigns_list_reports_campaigns_get_state_type_0 import CampaignsListReportsCampaignsGetStateType0
from ...models.campaigns_list_reports_campaigns_get_state_type_0 import check_campaigns_list_reports_campaigns_get_state_type_0
from ...models.campaigns_list_reports_campaigns_get_type_type_0 import CampaignsListReportsCampaignsGetTypeType0
from ...models.campaigns_list_reports_campaigns_get_type_type_0 import check_campaigns_list_reports_campaigns_get_type_type_0
from ...models.error_out import ErrorOut
from ...types import UNSET, Unset
from dateutil.parser import isoparse
from typing import cast
import datetime



def _get_kwargs(
    *,
    as_of: datetime.date | None | Unset = UNSET,
    state: CampaignsListReportsCampaignsGetStateType0 | None | Unset = UNSET,
    type_: CampaignsListReportsCampaignsGetTypeType0 | None | Unset = UNSET,
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

    json_state: None | str | Unset
    if isinstance(state, Unset):
        json_state = UNSET
    elif isinstance(state, str):
        json_state = state
    else:
        json_state = state
    params["state"] = json_state

    json_type_: None | str | Unset
    if isinstance(type_, Unset):
        json_type_ = UNSET
    elif isinstance(type_, str):
        json_type_ = type_
    else:
        json_type_ = type_
    params["type"] = json_type_


    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}


    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/reports/campaigns",
        "params": params,
    }


    _kwargs["headers"] = headers
    return _kwargs



def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Any | CampaignList | ErrorOut | None:
    if response.status_code == 200:
        response_200 = CampaignList.from_dict(response.json())



        return response_200

    if response.status_code == 304:
        response_304 = cast(Any, None)
        return response_304

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


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[Any | CampaignList | ErrorOut]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    as_of: datetime.date | None | Unset = UNSET,
    state: CampaignsListReportsCampaignsGetStateType0 | None | Unset = UNSET,
    type_: CampaignsListReportsCampaignsGetTypeType0 | None | Unset = UNSET,
    if_none_match: str | Unset = UNSET,

) -> Response[Any | CampaignList | ErrorOut]:
    """ Campaigns List

     Every campaign with its main figures (with ``as_of``: those receiving by then), newest first.
    Public.

    Cacheable: ``ETag`` (from the projection's versions of the campaigns) and ``Cache-Control: public``.

    Args:
        as_of (datetime.date | None | Unset): Report date (YYYY-MM-DD); default: every fact
            projected so far.
        state (CampaignsListReportsCampaignsGetStateType0 | None | Unset): Only campaigns in this
            state on as_of.
        type_ (CampaignsListReportsCampaignsGetTypeType0 | None | Unset): Only this campaign type.
        if_none_match (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | CampaignList | ErrorOut]
     """


    kwargs = _get_kwargs(
        as_of=as_of,
state=state,
type_=type_,
if_none_match=if_none_match,

    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)

def sync(
    *,
    client: AuthenticatedClient | Client,
    as_of: datetime.date | None | Unset = UNSET,
    state: CampaignsListReportsCampaignsGetStateType0 | None | Unset = UNSET,
    type_: CampaignsListReportsCampaignsGetTypeType0 | None | Unset = UNSET,
    if_none_match: str | Unset = UNSET,

) -> Any | CampaignList | ErrorOut | None:
    """ Campaigns List

     Every campaign with its main figures (with ``as_of``: those receiving by then), newest first.
    Public.

    Cacheable: ``ETag`` (from the projection's versions of the campaigns) and ``Cache-Control: public``.

    Args:
        as_of (datetime.date | None | Unset): Report date (YYYY-MM-DD); default: every fact
            projected so far.
        state (CampaignsListReportsCampaignsGetStateType0 | None | Unset): Only campaigns in this
            state on as_of.
        type_ (CampaignsListReportsCampaignsGetTypeType0 | None | Unset): Only this campaign type.
        if_none_match (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | CampaignList | ErrorOut
     """


    return sync_detailed(
        client=client,
as_of=as_of,
state=state,
type_=type_,
if_none_match=if_none_match,

    ).parsed

async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    as_of: datetime.date | None | Unset = UNSET,
    state: CampaignsListReportsCampaignsGetStateType0 | None | Unset = UNSET,
    type_: CampaignsListReportsCampaignsGetTypeType0 | None | Unset = UNSET,
    if_none_match: str | Unset = UNSET,

) -> Response[Any | CampaignList | ErrorOut]:
    """ Campaigns List

     Every campaign with its main figures (with ``as_of``: those receiving by then), newest first.
    Public.

    Cacheable: ``ETag`` (from the projection's versions of the campaigns) and ``Cache-Control: public``.

    Args:
        as_of (datetime.date | None | Unset): Report date (YYYY-MM-DD); default: every fact
            projected so far.
        state (CampaignsListReportsCampaignsGetStateType0 | None | Unset): Only campaigns in this
            state on as_of.
        type_ (CampaignsListReportsCampaignsGetTypeType0 | None | Unset): Only this campaign type.
        if_none_match (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | CampaignList | ErrorOut]
     """


    kwargs = _get_kwargs(
        as_of=as_of,
state=state,
type_=type_,
if_none_match=if_none_match,

    )

    response = await client.get_async_httpx_client().request(
        **kwargs
    )

    return _build_response(client=client, response=response)

async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    as_of: datetime.date | None | Unset = UNSET,
    state: CampaignsListReportsCampaignsGetStateType0 | None | Unset = UNSET,
    type_: CampaignsListReportsCampaignsGetTypeType0 | None | Unset = UNSET,
    if_none_match: str | Unset = UNSET,

) -> Any | CampaignList | ErrorOut | None:
    """ Campaigns List

     Every campaign with its main figures (with ``as_of``: those receiving by then), newest first.
    Public.

    Cacheable: ``ETag`` (from the projection's versions of the campaigns) and ``Cache-Control: public``.

    Args:
        as_of (datetime.date | None | Unset): Report date (YYYY-MM-DD); default: every fact
            projected so far.
        state (CampaignsListReportsCampaignsGetStateType0 | None | Unset): Only campaigns in this
            state on as_of.
        type_ (CampaignsListReportsCampaignsGetTypeType0 | None | Unset): Only this campaign type.
        if_none_match (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | CampaignList | ErrorOut
     """


    return (await asyncio_detailed(
        client=client,
as_of=as_of,
state=state,
type_=type_,
if_none_match=if_none_match,

    )).parsed
