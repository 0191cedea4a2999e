from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ...client import AuthenticatedClient, Client
from ...types import Response, UNSET
from ... import errors

from ...models.error_out import ErrorOut
from ...models.role_end_in import RoleEndIn
from ...models.role_ended_out import RoleEndedOut
from typing import cast
from uuid import UUID



def _get_kwargs(
    person_id: UUID,
    role_id: UUID,
    *,
    body: RoleEndIn,

) -> dict[str, Any]:
    headers: dict[str, Any] = {}


    

    

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/people/{person_id}/roles/{role_id}/end".format(person_id=quote(str(person_id), safe=""),role_id=quote(str(role_id), safe=""),),
    }

    _kwargs["json"] = body.to_dict()


    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs



def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> ErrorOut | RoleEndedOut | None:
    if response.status_code == 200:
        response_200 = RoleEndedOut.from_dict(response.json())



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


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[ErrorOut | RoleEndedOut]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    person_id: UUID,
    role_id: UUID,
    *,
    client: AuthenticatedClient,
    body: RoleEndIn,

) -> Response[ErrorOut | RoleEndedOut]:
    """ End a role

    Args:
        person_id (UUID):
        role_id (UUID):
        body (RoleEndIn):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorOut | RoleEndedOut]
     """


    kwargs = _get_kwargs(
        person_id=person_id,
role_id=role_id,
body=body,

    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)

def sync(
    person_id: UUID,
    role_id: UUID,
    *,
    client: AuthenticatedClient,
    body: RoleEndIn,

) -> ErrorOut | RoleEndedOut | None:
    """ End a role

    Args:
        person_id (UUID):
        role_id (UUID):
        body (RoleEndIn):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorOut | RoleEndedOut
     """


    return sync_detailed(
        person_id=person_id,
role_id=role_id,
client=client,
body=body,

    ).parsed

async def asyncio_detailed(
    person_id: UUID,
    role_id: UUID,
    *,
    client: AuthenticatedClient,
    body: RoleEndIn,

) -> Response[ErrorOut | RoleEndedOut]:
    """ End a role

    Args:
        person_id (UUID):
        role_id (UUID):
        body (RoleEndIn):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorOut | RoleEndedOut]
     """


    kwargs = _get_kwargs(
        person_id=person_id,
role_id=role_id,
body=body,

    )

    response = await client.get_async_httpx_client().request(
        **kwargs
    )

    return _build_response(client=client, response=response)

async def asyncio(
    person_id: UUID,
    role_id: UUID,
    *,
    client: AuthenticatedClient,
    body: RoleEndIn,

) -> ErrorOut | RoleEndedOut | None:
    """ End a role

    Args:
        person_id (UUID):
        role_id (UUID):
        body (RoleEndIn):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorOut | RoleEndedOut
     """


    return (await asyncio_detailed(
        person_id=person_id,
role_id=role_id,
client=client,
body=body,

    )).parsed
