from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ...client import AuthenticatedClient, Client
from ...types import Response, UNSET
from ... import errors

from ...models.error_out import ErrorOut
from ...types import UNSET, Unset
from typing import cast
from uuid import UUID



def _get_kwargs(
    campaign_id: UUID,
    *,
    q: None | str | Unset = UNSET,
    amount_min: None | str | Unset = UNSET,
    amount_max: None | str | Unset = UNSET,
    from_: None | str | Unset = UNSET,
    to: None | str | Unset = UNSET,
    reference: None | str | Unset = UNSET,
    direction: None | str | Unset = UNSET,
    after: int | None | Unset = UNSET,

) -> dict[str, Any]:
    

    

    params: dict[str, Any] = {}

    json_q: None | str | Unset
    if isinstance(q, Unset):
        json_q = UNSET
    else:
        json_q = q
    params["q"] = json_q

    json_amount_min: None | str | Unset
    if isinstance(amount_min, Unset):
        json_amount_min = UNSET
    else:
        json_amount_min = amount_min
    params["amount_min"] = json_amount_min

    json_amount_max: None | str | Unset
    if isinstance(amount_max, Unset):
        json_amount_max = UNSET
    else:
        json_amount_max = amount_max
    params["amount_max"] = json_amount_max

    json_from_: None | str | Unset
    if isinstance(from_, Unset):
        json_from_ = UNSET
    else:
        json_from_ = from_
    params["from"] = json_from_

    json_to: None | str | Unset
    if isinstance(to, Unset):
        json_to = UNSET
    else:
        json_to = to
    params["to"] = json_to

    json_reference: None | str | Unset
    if isinstance(reference, Unset):
        json_reference = UNSET
    else:
        json_reference = reference
    params["reference"] = json_reference

    json_direction: None | str | Unset
    if isinstance(direction, Unset):
        json_direction = UNSET
    else:
        json_direction = direction
    params["direction"] = json_direction

    json_after: int | None | Unset
    if isinstance(after, Unset):
        json_after = UNSET
    else:
        json_after = after
    params["after"] = json_after


    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}


    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/public/campaigns/{campaign_id}/ledger".format(campaign_id=quote(str(campaign_id), safe=""),),
        "params": params,
    }


    return _kwargs



def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> ErrorOut | str | None:
    if response.status_code == 200:
        response_200 = response.text
        return response_200

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


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[ErrorOut | str]:
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
    q: None | str | Unset = UNSET,
    amount_min: None | str | Unset = UNSET,
    amount_max: None | str | Unset = UNSET,
    from_: None | str | Unset = UNSET,
    to: None | str | Unset = UNSET,
    reference: None | str | Unset = UNSET,
    direction: None | str | Unset = UNSET,
    after: int | None | Unset = UNSET,

) -> Response[ErrorOut | str]:
    """ Ledger Page

     The public ledger: header, Art. 14 blocks, chart, search form, lines page by page (ETag).

    The search form's fields arrive empty when not filled: an empty field is no filter.

    Args:
        campaign_id (UUID): The campaign.
        q (None | str | Unset): A fragment of a named donor's name.
        amount_min (None | str | Unset): Amount at least (VND).
        amount_max (None | str | Unset): Amount at most (VND).
        from_ (None | str | Unset): On or after.
        to (None | str | Unset): On or before.
        reference (None | str | Unset): End of a reference.
        direction (None | str | Unset): in or out.
        after (int | None | Unset): Continue after this line number.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorOut | str]
     """


    kwargs = _get_kwargs(
        campaign_id=campaign_id,
q=q,
amount_min=amount_min,
amount_max=amount_max,
from_=from_,
to=to,
reference=reference,
direction=direction,
after=after,

    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)

def sync(
    campaign_id: UUID,
    *,
    client: AuthenticatedClient | Client,
    q: None | str | Unset = UNSET,
    amount_min: None | str | Unset = UNSET,
    amount_max: None | str | Unset = UNSET,
    from_: None | str | Unset = UNSET,
    to: None | str | Unset = UNSET,
    reference: None | str | Unset = UNSET,
    direction: None | str | Unset = UNSET,
    after: int | None | Unset = UNSET,

) -> ErrorOut | str | None:
    """ Ledger Page

     The public ledger: header, Art. 14 blocks, chart, search form, lines page by page (ETag).

    The search form's fields arrive empty when not filled: an empty field is no filter.

    Args:
        campaign_id (UUID): The campaign.
        q (None | str | Unset): A fragment of a named donor's name.
        amount_min (None | str | Unset): Amount at least (VND).
        amount_max (None | str | Unset): Amount at most (VND).
        from_ (None | str | Unset): On or after.
        to (None | str | Unset): On or before.
        reference (None | str | Unset): End of a reference.
        direction (None | str | Unset): in or out.
        after (int | None | Unset): Continue after this line number.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorOut | str
     """


    return sync_detailed(
        campaign_id=campaign_id,
client=client,
q=q,
amount_min=amount_min,
amount_max=amount_max,
from_=from_,
to=to,
reference=reference,
direction=direction,
after=after,

    ).parsed

async def asyncio_detailed(
    campaign_id: UUID,
    *,
    client: AuthenticatedClient | Client,
    q: None | str | Unset = UNSET,
    amount_min: None | str | Unset = UNSET,
    amount_max: None | str | Unset = UNSET,
    from_: None | str | Unset = UNSET,
    to: None | str | Unset = UNSET,
    reference: None | str | Unset = UNSET,
    direction: None | str | Unset = UNSET,
    after: int | None | Unset = UNSET,

) -> Response[ErrorOut | str]:
    """ Ledger Page

     The public ledger: header, Art. 14 blocks, chart, search form, lines page by page (ETag).

    The search form's fields arrive empty when not filled: an empty field is no filter.

    Args:
        campaign_id (UUID): The campaign.
        q (None | str | Unset): A fragment of a named donor's name.
        amount_min (None | str | Unset): Amount at least (VND).
        amount_max (None | str | Unset): Amount at most (VND).
        from_ (None | str | Unset): On or after.
        to (None | str | Unset): On or before.
        reference (None | str | Unset): End of a reference.
        direction (None | str | Unset): in or out.
        after (int | None | Unset): Continue after this line number.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorOut | str]
     """


    kwargs = _get_kwargs(
        campaign_id=campaign_id,
q=q,
amount_min=amount_min,
amount_max=amount_max,
from_=from_,
to=to,
reference=reference,
direction=direction,
after=after,

    )

    response = await client.get_async_httpx_client().request(
        **kwargs
    )

    return _build_response(client=client, response=response)

async def asyncio(
    campaign_id: UUID,
    *,
    client: AuthenticatedClient | Client,
    q: None | str | Unset = UNSET,
    amount_min: None | str | Unset = UNSET,
    amount_max: None | str | Unset = UNSET,
    from_: None | str | Unset = UNSET,
    to: None | str | Unset = UNSET,
    reference: None | str | Unset = UNSET,
    direction: None | str | Unset = UNSET,
    after: int | None | Unset = UNSET,

) -> ErrorOut | str | None:
    """ Ledger Page

     The public ledger: header, Art. 14 blocks, chart, search form, lines page by page (ETag).

    The search form's fields arrive empty when not filled: an empty field is no filter.

    Args:
        campaign_id (UUID): The campaign.
        q (None | str | Unset): A fragment of a named donor's name.
        amount_min (None | str | Unset): Amount at least (VND).
        amount_max (None | str | Unset): Amount at most (VND).
        from_ (None | str | Unset): On or after.
        to (None | str | Unset): On or before.
        reference (None | str | Unset): End of a reference.
        direction (None | str | Unset): in or out.
        after (int | None | Unset): Continue after this line number.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorOut | str
     """


    return (await asyncio_detailed(
        campaign_id=campaign_id,
client=client,
q=q,
amount_min=amount_min,
amount_max=amount_max,
from_=from_,
to=to,
reference=reference,
direction=direction,
after=after,

    )).parsed
