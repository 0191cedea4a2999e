from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ...client import AuthenticatedClient, Client
from ...types import Response, UNSET
from ... import errors

from ...models.campaigns_page_out import CampaignsPageOut
from ...models.error_out import ErrorOut
from ...models.list_campaigns_campaigns_get_state_type_0 import check_list_campaigns_campaigns_get_state_type_0
from ...models.list_campaigns_campaigns_get_state_type_0 import ListCampaignsCampaignsGetStateType0
from ...models.list_campaigns_campaigns_get_type_type_0 import check_list_campaigns_campaigns_get_type_type_0
from ...models.list_campaigns_campaigns_get_type_type_0 import ListCampaignsCampaignsGetTypeType0
from ...types import UNSET, Unset
from typing import cast
from uuid import UUID



def _get_kwargs(
    *,
    state: ListCampaignsCampaignsGetStateType0 | None | Unset = UNSET,
    type_: ListCampaignsCampaignsGetTypeType0 | None | Unset = UNSET,
    unit_id: None | Unset | UUID = UNSET,
    parent_campaign_id: None | Unset | UUID = UNSET,
    q: None | str | Unset = UNSET,
    limit: int | Unset = 100,
    offset: int | Unset = 0,

) -> dict[str, Any]:
    

    

    params: dict[str, Any] = {}

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

    json_unit_id: None | str | Unset
    if isinstance(unit_id, Unset):
        json_unit_id = UNSET
    elif isinstance(unit_id, UUID):
        json_unit_id = str(unit_id)
    else:
        json_unit_id = unit_id
    params["unit_id"] = json_unit_id

    json_parent_campaign_id: None | str | Unset
    if isinstance(parent_campaign_id, Unset):
        json_parent_campaign_id = UNSET
    elif isinstance(parent_campaign_id, UUID):
        json_parent_campaign_id = str(parent_campaign_id)
    else:
        json_parent_campaign_id = parent_campaign_id
    params["parent_campaign_id"] = json_parent_campaign_id

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
        "url": "/campaigns",
        "params": params,
    }


    return _kwargs



def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> CampaignsPageOut | ErrorOut | None:
    if response.status_code == 200:
        response_200 = CampaignsPageOut.from_dict(response.json())



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


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[CampaignsPageOut | ErrorOut]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    state: ListCampaignsCampaignsGetStateType0 | None | Unset = UNSET,
    type_: ListCampaignsCampaignsGetTypeType0 | None | Unset = UNSET,
    unit_id: None | Unset | UUID = UNSET,
    parent_campaign_id: None | Unset | UUID = UNSET,
    q: None | str | Unset = UNSET,
    limit: int | Unset = 100,
    offset: int | Unset = 0,

) -> Response[CampaignsPageOut | ErrorOut]:
    """ Campaigns by state, type, unit and code or name

    Args:
        state (ListCampaignsCampaignsGetStateType0 | None | Unset):
        type_ (ListCampaignsCampaignsGetTypeType0 | None | Unset):
        unit_id (None | Unset | UUID): Organising or participating unit.
        parent_campaign_id (None | Unset | UUID):
        q (None | str | Unset): A fragment of the code or name; diacritics and case are ignored
            ("tet nhan ai").
        limit (int | Unset): Items per page, 1 to 10000. Default: 100.
        offset (int | Unset): Items to skip before the page. Default: 0.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[CampaignsPageOut | ErrorOut]
     """


    kwargs = _get_kwargs(
        state=state,
type_=type_,
unit_id=unit_id,
parent_campaign_id=parent_campaign_id,
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
    state: ListCampaignsCampaignsGetStateType0 | None | Unset = UNSET,
    type_: ListCampaignsCampaignsGetTypeType0 | None | Unset = UNSET,
    unit_id: None | Unset | UUID = UNSET,
    parent_campaign_id: None | Unset | UUID = UNSET,
    q: None | str | Unset = UNSET,
    limit: int | Unset = 100,
    offset: int | Unset = 0,

) -> CampaignsPageOut | ErrorOut | None:
    """ Campaigns by state, type, unit and code or name

    Args:
        state (ListCampaignsCampaignsGetStateType0 | None | Unset):
        type_ (ListCampaignsCampaignsGetTypeType0 | None | Unset):
        unit_id (None | Unset | UUID): Organising or participating unit.
        parent_campaign_id (None | Unset | UUID):
        q (None | str | Unset): A fragment of the code or name; diacritics and case are ignored
            ("tet nhan ai").
        limit (int | Unset): Items per page, 1 to 10000. Default: 100.
        offset (int | Unset): Items to skip before the page. Default: 0.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        CampaignsPageOut | ErrorOut
     """


    return sync_detailed(
        client=client,
state=state,
type_=type_,
unit_id=unit_id,
parent_campaign_id=parent_campaign_id,
q=q,
limit=limit,
offset=offset,

    ).parsed

async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    state: ListCampaignsCampaignsGetStateType0 | None | Unset = UNSET,
    type_: ListCampaignsCampaignsGetTypeType0 | None | Unset = UNSET,
    unit_id: None | Unset | UUID = UNSET,
    parent_campaign_id: None | Unset | UUID = UNSET,
    q: None | str | Unset = UNSET,
    limit: int | Unset = 100,
    offset: int | Unset = 0,

) -> Response[CampaignsPageOut | ErrorOut]:
    """ Campaigns by state, type, unit and code or name

    Args:
        state (ListCampaignsCampaignsGetStateType0 | None | Unset):
        type_ (ListCampaignsCampaignsGetTypeType0 | None | Unset):
        unit_id (None | Unset | UUID): Organising or participating unit.
        parent_campaign_id (None | Unset | UUID):
        q (None | str | Unset): A fragment of the code or name; diacritics and case are ignored
            ("tet nhan ai").
        limit (int | Unset): Items per page, 1 to 10000. Default: 100.
        offset (int | Unset): Items to skip before the page. Default: 0.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[CampaignsPageOut | ErrorOut]
     """


    kwargs = _get_kwargs(
        state=state,
type_=type_,
unit_id=unit_id,
parent_campaign_id=parent_campaign_id,
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
    state: ListCampaignsCampaignsGetStateType0 | None | Unset = UNSET,
    type_: ListCampaignsCampaignsGetTypeType0 | None | Unset = UNSET,
    unit_id: None | Unset | UUID = UNSET,
    parent_campaign_id: None | Unset | UUID = UNSET,
    q: None | str | Unset = UNSET,
    limit: int | Unset = 100,
    offset: int | Unset = 0,

) -> CampaignsPageOut | ErrorOut | None:
    """ Campaigns by state, type, unit and code or name

    Args:
        state (ListCampaignsCampaignsGetStateType0 | None | Unset):
        type_ (ListCampaignsCampaignsGetTypeType0 | None | Unset):
        unit_id (None | Unset | UUID): Organising or participating unit.
        parent_campaign_id (None | Unset | UUID):
        q (None | str | Unset): A fragment of the code or name; diacritics and case are ignored
            ("tet nhan ai").
        limit (int | Unset): Items per page, 1 to 10000. Default: 100.
        offset (int | Unset): Items to skip before the page. Default: 0.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        CampaignsPageOut | ErrorOut
     """


    return (await asyncio_detailed(
        client=client,
state=state,
type_=type_,
unit_id=unit_id,
parent_campaign_id=parent_campaign_id,
q=q,
limit=limit,
offset=offset,

    )).parsed
