from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ...client import AuthenticatedClient, Client
from ...types import Response, UNSET
from ... import errors

from ...models.error_out import ErrorOut
from ...models.list_people_people_get_fee_status_type_0 import check_list_people_people_get_fee_status_type_0
from ...models.list_people_people_get_fee_status_type_0 import ListPeoplePeopleGetFeeStatusType0
from ...models.list_people_people_get_status_type_0 import check_list_people_people_get_status_type_0
from ...models.list_people_people_get_status_type_0 import ListPeoplePeopleGetStatusType0
from ...models.people_page_out import PeoplePageOut
from ...types import UNSET, Unset
from typing import cast
from uuid import UUID



def _get_kwargs(
    *,
    q: None | str | Unset = UNSET,
    unit_id: None | Unset | UUID = UNSET,
    status: ListPeoplePeopleGetStatusType0 | None | Unset = UNSET,
    role: None | str | Unset = UNSET,
    fee_status: ListPeoplePeopleGetFeeStatusType0 | None | Unset = UNSET,
    fee_year: int | None | Unset = UNSET,
    after: None | Unset | UUID = UNSET,
    after_key: None | str | Unset = UNSET,
    limit: int | Unset = 50,

) -> dict[str, Any]:
    

    

    params: dict[str, Any] = {}

    json_q: None | str | Unset
    if isinstance(q, Unset):
        json_q = UNSET
    else:
        json_q = q
    params["q"] = json_q

    json_unit_id: None | str | Unset
    if isinstance(unit_id, Unset):
        json_unit_id = UNSET
    elif isinstance(unit_id, UUID):
        json_unit_id = str(unit_id)
    else:
        json_unit_id = unit_id
    params["unit_id"] = json_unit_id

    json_status: None | str | Unset
    if isinstance(status, Unset):
        json_status = UNSET
    elif isinstance(status, str):
        json_status = status
    else:
        json_status = status
    params["status"] = json_status

    json_role: None | str | Unset
    if isinstance(role, Unset):
        json_role = UNSET
    else:
        json_role = role
    params["role"] = json_role

    json_fee_status: None | str | Unset
    if isinstance(fee_status, Unset):
        json_fee_status = UNSET
    elif isinstance(fee_status, str):
        json_fee_status = fee_status
    else:
        json_fee_status = fee_status
    params["fee_status"] = json_fee_status

    json_fee_year: int | None | Unset
    if isinstance(fee_year, Unset):
        json_fee_year = UNSET
    else:
        json_fee_year = fee_year
    params["fee_year"] = json_fee_year

    json_after: None | str | Unset
    if isinstance(after, Unset):
        json_after = UNSET
    elif isinstance(after, UUID):
        json_after = str(after)
    else:
        json_after = after
    params["after"] = json_after

    json_after_key: None | str | Unset
    if isinstance(after_key, Unset):
        json_after_key = UNSET
    else:
        json_after_key = after_key
    params["after_key"] = json_after_key

    params["limit"] = limit


    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}


    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/people",
        "params": params,
    }


    return _kwargs



def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> ErrorOut | PeoplePageOut | None:
    if response.status_code == 200:
        response_200 = PeoplePageOut.from_dict(response.json())



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


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[ErrorOut | PeoplePageOut]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    q: None | str | Unset = UNSET,
    unit_id: None | Unset | UUID = UNSET,
    status: ListPeoplePeopleGetStatusType0 | None | Unset = UNSET,
    role: None | str | Unset = UNSET,
    fee_status: ListPeoplePeopleGetFeeStatusType0 | None | Unset = UNSET,
    fee_year: int | None | Unset = UNSET,
    after: None | Unset | UUID = UNSET,
    after_key: None | str | Unset = UNSET,
    limit: int | Unset = 50,

) -> Response[ErrorOut | PeoplePageOut]:
    """ Find people: accent-insensitive name search, filters, paging (in your scope)

    Args:
        q (None | str | Unset): A fragment of the name, with or without diacritics: 'nguyen van a'
            finds 'Nguyễn Văn An'; or a whole phone or identity number, written any way ('+84 912 345
            678', '095 190 001 234').
        unit_id (None | Unset | UUID): Only people of this unit's subtree (it must be in your
            scope).
        status (ListPeoplePeopleGetStatusType0 | None | Unset): Status of the current membership.
        role (None | str | Unset): A role held today.
        fee_status (ListPeoplePeopleGetFeeStatusType0 | None | Unset): Fee status of fee_year.
        fee_year (int | None | Unset): Year of fee_status (default: this year).
        after (None | Unset | UUID): The previous page's next_after: the page starts after that
            person.
        after_key (None | str | Unset): The previous page's next_after_key, with after: the page
            starts where the previous one ended, even if that person was renamed, erased or moved out
            of the listing since (nobody between is skipped; a person renamed is listed again under
            the new name if it sorts later). Without it, the person is looked up again by their name
            now.
        limit (int | Unset): People per page. Default: 50.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorOut | PeoplePageOut]
     """


    kwargs = _get_kwargs(
        q=q,
unit_id=unit_id,
status=status,
role=role,
fee_status=fee_status,
fee_year=fee_year,
after=after,
after_key=after_key,
limit=limit,

    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)

def sync(
    *,
    client: AuthenticatedClient,
    q: None | str | Unset = UNSET,
    unit_id: None | Unset | UUID = UNSET,
    status: ListPeoplePeopleGetStatusType0 | None | Unset = UNSET,
    role: None | str | Unset = UNSET,
    fee_status: ListPeoplePeopleGetFeeStatusType0 | None | Unset = UNSET,
    fee_year: int | None | Unset = UNSET,
    after: None | Unset | UUID = UNSET,
    after_key: None | str | Unset = UNSET,
    limit: int | Unset = 50,

) -> ErrorOut | PeoplePageOut | None:
    """ Find people: accent-insensitive name search, filters, paging (in your scope)

    Args:
        q (None | str | Unset): A fragment of the name, with or without diacritics: 'nguyen van a'
            finds 'Nguyễn Văn An'; or a whole phone or identity number, written any way ('+84 912 345
            678', '095 190 001 234').
        unit_id (None | Unset | UUID): Only people of this unit's subtree (it must be in your
            scope).
        status (ListPeoplePeopleGetStatusType0 | None | Unset): Status of the current membership.
        role (None | str | Unset): A role held today.
        fee_status (ListPeoplePeopleGetFeeStatusType0 | None | Unset): Fee status of fee_year.
        fee_year (int | None | Unset): Year of fee_status (default: this year).
        after (None | Unset | UUID): The previous page's next_after: the page starts after that
            person.
        after_key (None | str | Unset): The previous page's next_after_key, with after: the page
            starts where the previous one ended, even if that person was renamed, erased or moved out
            of the listing since (nobody between is skipped; a person renamed is listed again under
            the new name if it sorts later). Without it, the person is looked up again by their name
            now.
        limit (int | Unset): People per page. Default: 50.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorOut | PeoplePageOut
     """


    return sync_detailed(
        client=client,
q=q,
unit_id=unit_id,
status=status,
role=role,
fee_status=fee_status,
fee_year=fee_year,
after=after,
after_key=after_key,
limit=limit,

    ).parsed

async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    q: None | str | Unset = UNSET,
    unit_id: None | Unset | UUID = UNSET,
    status: ListPeoplePeopleGetStatusType0 | None | Unset = UNSET,
    role: None | str | Unset = UNSET,
    fee_status: ListPeoplePeopleGetFeeStatusType0 | None | Unset = UNSET,
    fee_year: int | None | Unset = UNSET,
    after: None | Unset | UUID = UNSET,
    after_key: None | str | Unset = UNSET,
    limit: int | Unset = 50,

) -> Response[ErrorOut | PeoplePageOut]:
    """ Find people: accent-insensitive name search, filters, paging (in your scope)

    Args:
        q (None | str | Unset): A fragment of the name, with or without diacritics: 'nguyen van a'
            finds 'Nguyễn Văn An'; or a whole phone or identity number, written any way ('+84 912 345
            678', '095 190 001 234').
        unit_id (None | Unset | UUID): Only people of this unit's subtree (it must be in your
            scope).
        status (ListPeoplePeopleGetStatusType0 | None | Unset): Status of the current membership.
        role (None | str | Unset): A role held today.
        fee_status (ListPeoplePeopleGetFeeStatusType0 | None | Unset): Fee status of fee_year.
        fee_year (int | None | Unset): Year of fee_status (default: this year).
        after (None | Unset | UUID): The previous page's next_after: the page starts after that
            person.
        after_key (None | str | Unset): The previous page's next_after_key, with after: the page
            starts where the previous one ended, even if that person was renamed, erased or moved out
            of the listing since (nobody between is skipped; a person renamed is listed again under
            the new name if it sorts later). Without it, the person is looked up again by their name
            now.
        limit (int | Unset): People per page. Default: 50.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorOut | PeoplePageOut]
     """


    kwargs = _get_kwargs(
        q=q,
unit_id=unit_id,
status=status,
role=role,
fee_status=fee_status,
fee_year=fee_year,
after=after,
after_key=after_key,
limit=limit,

    )

    response = await client.get_async_httpx_client().request(
        **kwargs
    )

    return _build_response(client=client, response=response)

async def asyncio(
    *,
    client: AuthenticatedClient,
    q: None | str | Unset = UNSET,
    unit_id: None | Unset | UUID = UNSET,
    status: ListPeoplePeopleGetStatusType0 | None | Unset = UNSET,
    role: None | str | Unset = UNSET,
    fee_status: ListPeoplePeopleGetFeeStatusType0 | None | Unset = UNSET,
    fee_year: int | None | Unset = UNSET,
    after: None | Unset | UUID = UNSET,
    after_key: None | str | Unset = UNSET,
    limit: int | Unset = 50,

) -> ErrorOut | PeoplePageOut | None:
    """ Find people: accent-insensitive name search, filters, paging (in your scope)

    Args:
        q (None | str | Unset): A fragment of the name, with or without diacritics: 'nguyen van a'
            finds 'Nguyễn Văn An'; or a whole phone or identity number, written any way ('+84 912 345
            678', '095 190 001 234').
        unit_id (None | Unset | UUID): Only people of this unit's subtree (it must be in your
            scope).
        status (ListPeoplePeopleGetStatusType0 | None | Unset): Status of the current membership.
        role (None | str | Unset): A role held today.
        fee_status (ListPeoplePeopleGetFeeStatusType0 | None | Unset): Fee status of fee_year.
        fee_year (int | None | Unset): Year of fee_status (default: this year).
        after (None | Unset | UUID): The previous page's next_after: the page starts after that
            person.
        after_key (None | str | Unset): The previous page's next_after_key, with after: the page
            starts where the previous one ended, even if that person was renamed, erased or moved out
            of the listing since (nobody between is skipped; a person renamed is listed again under
            the new name if it sorts later). Without it, the person is looked up again by their name
            now.
        limit (int | Unset): People per page. Default: 50.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorOut | PeoplePageOut
     """


    return (await asyncio_detailed(
        client=client,
q=q,
unit_id=unit_id,
status=status,
role=role,
fee_status=fee_status,
fee_year=fee_year,
after=after,
after_key=after_key,
limit=limit,

    )).parsed
