from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ...client import AuthenticatedClient, Client
from ...types import Response, UNSET
from ... import errors

from ...models.error_out import ErrorOut
from ...models.hours_in import HoursIn
from ...models.hours_out import HoursOut
from ...types import UNSET, Unset
from typing import cast
from uuid import UUID



def _get_kwargs(
    person_id: UUID,
    *,
    body: HoursIn,
    idempotency_key: None | str | Unset = UNSET,

) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(idempotency_key, Unset):
        headers["Idempotency-Key"] = idempotency_key



    

    

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/people/{person_id}/hours".format(person_id=quote(str(person_id), safe=""),),
    }

    _kwargs["json"] = body.to_dict()


    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs



def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> ErrorOut | HoursOut | None:
    if response.status_code == 200:
        response_200 = HoursOut.from_dict(response.json())



        return response_200

    if response.status_code == 201:
        response_201 = HoursOut.from_dict(response.json())



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


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[ErrorOut | HoursOut]:
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
    body: HoursIn,
    idempotency_key: None | str | Unset = UNSET,

) -> Response[ErrorOut | HoursOut]:
    """ Log volunteer hours

    Args:
        person_id (UUID):
        idempotency_key (None | str | Unset): Sending the request again with the same key answers
            the entry it logged (200) instead of logging the hours twice (a form sent twice, a retry
            after a timeout). Keys are kept for good: a new UUID per new entry. The same key with
            another person, day or number of hours is a 422 naming Idempotency-Key.
        body (HoursIn):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorOut | HoursOut]
     """


    kwargs = _get_kwargs(
        person_id=person_id,
body=body,
idempotency_key=idempotency_key,

    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)

def sync(
    person_id: UUID,
    *,
    client: AuthenticatedClient,
    body: HoursIn,
    idempotency_key: None | str | Unset = UNSET,

) -> ErrorOut | HoursOut | None:
    """ Log volunteer hours

    Args:
        person_id (UUID):
        idempotency_key (None | str | Unset): Sending the request again with the same key answers
            the entry it logged (200) instead of logging the hours twice (a form sent twice, a retry
            after a timeout). Keys are kept for good: a new UUID per new entry. The same key with
            another person, day or number of hours is a 422 naming Idempotency-Key.
        body (HoursIn):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorOut | HoursOut
     """


    return sync_detailed(
        person_id=person_id,
client=client,
body=body,
idempotency_key=idempotency_key,

    ).parsed

async def asyncio_detailed(
    person_id: UUID,
    *,
    client: AuthenticatedClient,
    body: HoursIn,
    idempotency_key: None | str | Unset = UNSET,

) -> Response[ErrorOut | HoursOut]:
    """ Log volunteer hours

    Args:
        person_id (UUID):
        idempotency_key (None | str | Unset): Sending the request again with the same key answers
            the entry it logged (200) instead of logging the hours twice (a form sent twice, a retry
            after a timeout). Keys are kept for good: a new UUID per new entry. The same key with
            another person, day or number of hours is a 422 naming Idempotency-Key.
        body (HoursIn):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorOut | HoursOut]
     """


    kwargs = _get_kwargs(
        person_id=person_id,
body=body,
idempotency_key=idempotency_key,

    )

    response = await client.get_async_httpx_client().request(
        **kwargs
    )

    return _build_response(client=client, response=response)

async def asyncio(
    person_id: UUID,
    *,
    client: AuthenticatedClient,
    body: HoursIn,
    idempotency_key: None | str | Unset = UNSET,

) -> ErrorOut | HoursOut | None:
    """ Log volunteer hours

    Args:
        person_id (UUID):
        idempotency_key (None | str | Unset): Sending the request again with the same key answers
            the entry it logged (200) instead of logging the hours twice (a form sent twice, a retry
            after a timeout). Keys are kept for good: a new UUID per new entry. The same key with
            another person, day or number of hours is a 422 naming Idempotency-Key.
        body (HoursIn):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorOut | HoursOut
     """


    return (await asyncio_detailed(
        person_id=person_id,
client=client,
body=body,
idempotency_key=idempotency_key,

    )).parsed
