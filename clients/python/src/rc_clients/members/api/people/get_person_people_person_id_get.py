from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ...client import AuthenticatedClient, Client
from ...types import Response, UNSET
from ... import errors

from ...models.error_out import ErrorOut
from ...models.person_out import PersonOut
from typing import cast
from uuid import UUID



def _get_kwargs(
    person_id: UUID,

) -> dict[str, Any]:
    

    

    

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/people/{person_id}".format(person_id=quote(str(person_id), safe=""),),
    }


    return _kwargs



def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> ErrorOut | PersonOut | None:
    if response.status_code == 200:
        response_200 = PersonOut.from_dict(response.json())



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


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[ErrorOut | PersonOut]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    person_id: UUID,
    *,
    client: AuthenticatedClient,

) -> Response[ErrorOut | PersonOut]:
    """ A person, memberships, roles, consents and training (health notes and the whole identity number only
    for roles that may write)

    Args:
        person_id (UUID):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorOut | PersonOut]
     """


    kwargs = _get_kwargs(
        person_id=person_id,

    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)

def sync(
    person_id: UUID,
    *,
    client: AuthenticatedClient,

) -> ErrorOut | PersonOut | None:
    """ A person, memberships, roles, consents and training (health notes and the whole identity number only
    for roles that may write)

    Args:
        person_id (UUID):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorOut | PersonOut
     """


    return sync_detailed(
        person_id=person_id,
client=client,

    ).parsed

async def asyncio_detailed(
    person_id: UUID,
    *,
    client: AuthenticatedClient,

) -> Response[ErrorOut | PersonOut]:
    """ A person, memberships, roles, consents and training (health notes and the whole identity number only
    for roles that may write)

    Args:
        person_id (UUID):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorOut | PersonOut]
     """


    kwargs = _get_kwargs(
        person_id=person_id,

    )

    response = await client.get_async_httpx_client().request(
        **kwargs
    )

    return _build_response(client=client, response=response)

async def asyncio(
    person_id: UUID,
    *,
    client: AuthenticatedClient,

) -> ErrorOut | PersonOut | None:
    """ A person, memberships, roles, consents and training (health notes and the whole identity number only
    for roles that may write)

    Args:
        person_id (UUID):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorOut | PersonOut
     """


    return (await asyncio_detailed(
        person_id=person_id,
client=client,

    )).parsed
