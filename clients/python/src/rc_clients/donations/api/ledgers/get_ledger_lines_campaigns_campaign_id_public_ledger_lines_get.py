from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ...client import AuthenticatedClient, Client
from ...types import Response, UNSET
from ... import errors

from ...models.error_out import ErrorOut
from ...models.ledger_lines_out import LedgerLinesOut
from ...types import UNSET, Unset
from dateutil.parser import isoparse
from typing import cast
from uuid import UUID
import datetime



def _get_kwargs(
    campaign_id: UUID,
    *,
    after: int | None | Unset = UNSET,
    limit: int | Unset = 50,
    q: None | str | Unset = UNSET,
    amount_min: int | None | Unset = UNSET,
    amount_max: int | None | Unset = UNSET,
    from_: datetime.date | None | Unset = UNSET,
    to: datetime.date | None | Unset = UNSET,
    reference: None | str | Unset = UNSET,
    direction: None | str | Unset = UNSET,
    if_none_match: str | Unset = UNSET,

) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(if_none_match, Unset):
        headers["If-None-Match"] = if_none_match



    

    params: dict[str, Any] = {}

    json_after: int | None | Unset
    if isinstance(after, Unset):
        json_after = UNSET
    else:
        json_after = after
    params["after"] = json_after

    params["limit"] = limit

    json_q: None | str | Unset
    if isinstance(q, Unset):
        json_q = UNSET
    else:
        json_q = q
    params["q"] = json_q

    json_amount_min: int | None | Unset
    if isinstance(amount_min, Unset):
        json_amount_min = UNSET
    else:
        json_amount_min = amount_min
    params["amount_min"] = json_amount_min

    json_amount_max: int | None | Unset
    if isinstance(amount_max, Unset):
        json_amount_max = UNSET
    else:
        json_amount_max = amount_max
    params["amount_max"] = json_amount_max

    json_from_: None | str | Unset
    if isinstance(from_, Unset):
        json_from_ = UNSET
    elif isinstance(from_, datetime.date):
        json_from_ = from_.isoformat()
    else:
        json_from_ = from_
    params["from"] = json_from_

    json_to: None | str | Unset
    if isinstance(to, Unset):
        json_to = UNSET
    elif isinstance(to, datetime.date):
        json_to = to.isoformat()
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


    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}


    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/campaigns/{campaign_id}/public-ledger/lines".format(campaign_id=quote(str(campaign_id), safe=""),),
        "params": params,
    }


    _kwargs["headers"] = headers
    return _kwargs



def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Any | ErrorOut | LedgerLinesOut | None:
    if response.status_code == 200:
        response_200 = LedgerLinesOut.from_dict(response.json())



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


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[Any | ErrorOut | LedgerLinesOut]:
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
    after: int | None | Unset = UNSET,
    limit: int | Unset = 50,
    q: None | str | Unset = UNSET,
    amount_min: int | None | Unset = UNSET,
    amount_max: int | None | Unset = UNSET,
    from_: datetime.date | None | Unset = UNSET,
    to: datetime.date | None | Unset = UNSET,
    reference: None | str | Unset = UNSET,
    direction: None | str | Unset = UNSET,
    if_none_match: str | Unset = UNSET,

) -> Response[Any | ErrorOut | LedgerLinesOut]:
    """ The public ledger, one line per movement, newest first (cursor paging, ETag, filters)

     Lines newest first, filtered; ``next_after`` continues the page. Public (Decree 93/2021).

    Cacheable: an ``ETag`` (answer ``304`` to ``If-None-Match``) that changes with anything the answer
    shows, a donor's consent included.

    Args:
        campaign_id (UUID):
        after (int | None | Unset): The previous page's next_after: the page continues after it.
        limit (int | Unset): Lines per page. Default: 50.
        q (None | str | Unset): A fragment of a named donor's name, with or without diacritics:
            'nguyen van a' finds 'Nguyễn Văn An'. Anonymous gifts are found by amount, date and
            reference instead.
        amount_min (int | None | Unset): Amount or value at least (VND).
        amount_max (int | None | Unset): Amount or value at most (VND).
        from_ (datetime.date | None | Unset): On or after this date.
        to (datetime.date | None | Unset): On or before this date.
        reference (None | str | Unset): The end of a receipt number, of the bank reference of a
            transfer, or of a decision number.
        direction (None | str | Unset): in: received; out: given out.
        if_none_match (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | ErrorOut | LedgerLinesOut]
     """


    kwargs = _get_kwargs(
        campaign_id=campaign_id,
after=after,
limit=limit,
q=q,
amount_min=amount_min,
amount_max=amount_max,
from_=from_,
to=to,
reference=reference,
direction=direction,
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
    after: int | None | Unset = UNSET,
    limit: int | Unset = 50,
    q: None | str | Unset = UNSET,
    amount_min: int | None | Unset = UNSET,
    amount_max: int | None | Unset = UNSET,
    from_: datetime.date | None | Unset = UNSET,
    to: datetime.date | None | Unset = UNSET,
    reference: None | str | Unset = UNSET,
    direction: None | str | Unset = UNSET,
    if_none_match: str | Unset = UNSET,

) -> Any | ErrorOut | LedgerLinesOut | None:
    """ The public ledger, one line per movement, newest first (cursor paging, ETag, filters)

     Lines newest first, filtered; ``next_after`` continues the page. Public (Decree 93/2021).

    Cacheable: an ``ETag`` (answer ``304`` to ``If-None-Match``) that changes with anything the answer
    shows, a donor's consent included.

    Args:
        campaign_id (UUID):
        after (int | None | Unset): The previous page's next_after: the page continues after it.
        limit (int | Unset): Lines per page. Default: 50.
        q (None | str | Unset): A fragment of a named donor's name, with or without diacritics:
            'nguyen van a' finds 'Nguyễn Văn An'. Anonymous gifts are found by amount, date and
            reference instead.
        amount_min (int | None | Unset): Amount or value at least (VND).
        amount_max (int | None | Unset): Amount or value at most (VND).
        from_ (datetime.date | None | Unset): On or after this date.
        to (datetime.date | None | Unset): On or before this date.
        reference (None | str | Unset): The end of a receipt number, of the bank reference of a
            transfer, or of a decision number.
        direction (None | str | Unset): in: received; out: given out.
        if_none_match (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | ErrorOut | LedgerLinesOut
     """


    return sync_detailed(
        campaign_id=campaign_id,
client=client,
after=after,
limit=limit,
q=q,
amount_min=amount_min,
amount_max=amount_max,
from_=from_,
to=to,
reference=reference,
direction=direction,
if_none_match=if_none_match,

    ).parsed

async def asyncio_detailed(
    campaign_id: UUID,
    *,
    client: AuthenticatedClient | Client,
    after: int | None | Unset = UNSET,
    limit: int | Unset = 50,
    q: None | str | Unset = UNSET,
    amount_min: int | None | Unset = UNSET,
    amount_max: int | None | Unset = UNSET,
    from_: datetime.date | None | Unset = UNSET,
    to: datetime.date | None | Unset = UNSET,
    reference: None | str | Unset = UNSET,
    direction: None | str | Unset = UNSET,
    if_none_match: str | Unset = UNSET,

) -> Response[Any | ErrorOut | LedgerLinesOut]:
    """ The public ledger, one line per movement, newest first (cursor paging, ETag, filters)

     Lines newest first, filtered; ``next_after`` continues the page. Public (Decree 93/2021).

    Cacheable: an ``ETag`` (answer ``304`` to ``If-None-Match``) that changes with anything the answer
    shows, a donor's consent included.

    Args:
        campaign_id (UUID):
        after (int | None | Unset): The previous page's next_after: the page continues after it.
        limit (int | Unset): Lines per page. Default: 50.
        q (None | str | Unset): A fragment of a named donor's name, with or without diacritics:
            'nguyen van a' finds 'Nguyễn Văn An'. Anonymous gifts are found by amount, date and
            reference instead.
        amount_min (int | None | Unset): Amount or value at least (VND).
        amount_max (int | None | Unset): Amount or value at most (VND).
        from_ (datetime.date | None | Unset): On or after this date.
        to (datetime.date | None | Unset): On or before this date.
        reference (None | str | Unset): The end of a receipt number, of the bank reference of a
            transfer, or of a decision number.
        direction (None | str | Unset): in: received; out: given out.
        if_none_match (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | ErrorOut | LedgerLinesOut]
     """


    kwargs = _get_kwargs(
        campaign_id=campaign_id,
after=after,
limit=limit,
q=q,
amount_min=amount_min,
amount_max=amount_max,
from_=from_,
to=to,
reference=reference,
direction=direction,
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
    after: int | None | Unset = UNSET,
    limit: int | Unset = 50,
    q: None | str | Unset = UNSET,
    amount_min: int | None | Unset = UNSET,
    amount_max: int | None | Unset = UNSET,
    from_: datetime.date | None | Unset = UNSET,
    to: datetime.date | None | Unset = UNSET,
    reference: None | str | Unset = UNSET,
    direction: None | str | Unset = UNSET,
    if_none_match: str | Unset = UNSET,

) -> Any | ErrorOut | LedgerLinesOut | None:
    """ The public ledger, one line per movement, newest first (cursor paging, ETag, filters)

     Lines newest first, filtered; ``next_after`` continues the page. Public (Decree 93/2021).

    Cacheable: an ``ETag`` (answer ``304`` to ``If-None-Match``) that changes with anything the answer
    shows, a donor's consent included.

    Args:
        campaign_id (UUID):
        after (int | None | Unset): The previous page's next_after: the page continues after it.
        limit (int | Unset): Lines per page. Default: 50.
        q (None | str | Unset): A fragment of a named donor's name, with or without diacritics:
            'nguyen van a' finds 'Nguyễn Văn An'. Anonymous gifts are found by amount, date and
            reference instead.
        amount_min (int | None | Unset): Amount or value at least (VND).
        amount_max (int | None | Unset): Amount or value at most (VND).
        from_ (datetime.date | None | Unset): On or after this date.
        to (datetime.date | None | Unset): On or before this date.
        reference (None | str | Unset): The end of a receipt number, of the bank reference of a
            transfer, or of a decision number.
        direction (None | str | Unset): in: received; out: given out.
        if_none_match (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | ErrorOut | LedgerLinesOut
     """


    return (await asyncio_detailed(
        campaign_id=campaign_id,
client=client,
after=after,
limit=limit,
q=q,
amount_min=amount_min,
amount_max=amount_max,
from_=from_,
to=to,
reference=reference,
direction=direction,
if_none_match=if_none_match,

    )).parsed
