from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ...client import AuthenticatedClient, Client
from ...types import Response, UNSET
from ... import errors

from ...models.blood_eligibility_out import BloodEligibilityOut
from ...models.error_out import ErrorOut
from ...types import UNSET, Unset
from dateutil.parser import isoparse
from typing import cast
from uuid import UUID
import datetime



def _get_kwargs(
    donor_id: UUID,
    *,
    on: datetime.date | None | Unset = UNSET,
    kind: str | Unset = 'whole_blood',

) -> dict[str, Any]:
    

    

    params: dict[str, Any] = {}

    json_on: None | str | Unset
    if isinstance(on, Unset):
        json_on = UNSET
    elif isinstance(on, datetime.date):
        json_on = on.isoformat()
    else:
        json_on = on
    params["on"] = json_on

    params["kind"] = kind


    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}


    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/donors/{donor_id}/blood-eligibility".format(donor_id=quote(str(donor_id), safe=""),),
        "params": params,
    }


    return _kwargs



def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> BloodEligibilityOut | ErrorOut | None:
    if response.status_code == 200:
        response_200 = BloodEligibilityOut.from_dict(response.json())



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


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[BloodEligibilityOut | ErrorOut]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    donor_id: UUID,
    *,
    client: AuthenticatedClient,
    on: datetime.date | None | Unset = UNSET,
    kind: str | Unset = 'whole_blood',

) -> Response[BloodEligibilityOut | ErrorOut]:
    """ May this donor give blood on a date?

    Args:
        donor_id (UUID):
        on (datetime.date | None | Unset): Default: today.
        kind (str | Unset):  Default: 'whole_blood'.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[BloodEligibilityOut | ErrorOut]
     """


    kwargs = _get_kwargs(
        donor_id=donor_id,
on=on,
kind=kind,

    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)

def sync(
    donor_id: UUID,
    *,
    client: AuthenticatedClient,
    on: datetime.date | None | Unset = UNSET,
    kind: str | Unset = 'whole_blood',

) -> BloodEligibilityOut | ErrorOut | None:
    """ May this donor give blood on a date?

    Args:
        donor_id (UUID):
        on (datetime.date | None | Unset): Default: today.
        kind (str | Unset):  Default: 'whole_blood'.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        BloodEligibilityOut | ErrorOut
     """


    return sync_detailed(
        donor_id=donor_id,
client=client,
on=on,
kind=kind,

    ).parsed

async def asyncio_detailed(
    donor_id: UUID,
    *,
    client: AuthenticatedClient,
    on: datetime.date | None | Unset = UNSET,
    kind: str | Unset = 'whole_blood',

) -> Response[BloodEligibilityOut | ErrorOut]:
    """ May this donor give blood on a date?

    Args:
        donor_id (UUID):
        on (datetime.date | None | Unset): Default: today.
        kind (str | Unset):  Default: 'whole_blood'.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[BloodEligibilityOut | ErrorOut]
     """


    kwargs = _get_kwargs(
        donor_id=donor_id,
on=on,
kind=kind,

    )

    response = await client.get_async_httpx_client().request(
        **kwargs
    )

    return _build_response(client=client, response=response)

async def asyncio(
    donor_id: UUID,
    *,
    client: AuthenticatedClient,
    on: datetime.date | None | Unset = UNSET,
    kind: str | Unset = 'whole_blood',

) -> BloodEligibilityOut | ErrorOut | None:
    """ May this donor give blood on a date?

    Args:
        donor_id (UUID):
        on (datetime.date | None | Unset): Default: today.
        kind (str | Unset):  Default: 'whole_blood'.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        BloodEligibilityOut | ErrorOut
     """


    return (await asyncio_detailed(
        donor_id=donor_id,
client=client,
on=on,
kind=kind,

    )).parsed
