from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ...client import AuthenticatedClient, Client
from ...types import Response, UNSET
from ... import errors

from ...models.error_out import ErrorOut
from ...models.review_out import ReviewOut
from ...models.review_reports_review_get_format import check_review_reports_review_get_format
from ...models.review_reports_review_get_format import ReviewReportsReviewGetFormat
from ...types import UNSET, Unset
from dateutil.parser import isoparse
from typing import cast
from uuid import UUID
import datetime



def _get_kwargs(
    *,
    unit_id: None | Unset | UUID = UNSET,
    unit_code: None | str | Unset = UNSET,
    period_from: datetime.date | None | Unset = UNSET,
    period_to: datetime.date | None | Unset = UNSET,
    format_: ReviewReportsReviewGetFormat | Unset = 'json',
    prefer: None | str | Unset = UNSET,

) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(prefer, Unset):
        headers["prefer"] = prefer



    

    params: dict[str, Any] = {}

    json_unit_id: None | str | Unset
    if isinstance(unit_id, Unset):
        json_unit_id = UNSET
    elif isinstance(unit_id, UUID):
        json_unit_id = str(unit_id)
    else:
        json_unit_id = unit_id
    params["unit_id"] = json_unit_id

    json_unit_code: None | str | Unset
    if isinstance(unit_code, Unset):
        json_unit_code = UNSET
    else:
        json_unit_code = unit_code
    params["unit_code"] = json_unit_code

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
        "url": "/reports/review",
        "params": params,
    }


    _kwargs["headers"] = headers
    return _kwargs



def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Any | ErrorOut | ReviewOut | None:
    if response.status_code == 200:
        response_200 = ReviewOut.from_dict(response.json())



        return response_200

    if response.status_code == 303:
        response_303 = cast(Any, None)
        return response_303

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


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[Any | ErrorOut | ReviewOut]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    unit_id: None | Unset | UUID = UNSET,
    unit_code: None | str | Unset = UNSET,
    period_from: datetime.date | None | Unset = UNSET,
    period_to: datetime.date | None | Unset = UNSET,
    format_: ReviewReportsReviewGetFormat | Unset = 'json',
    prefer: None | str | Unset = UNSET,

) -> Response[Any | ErrorOut | ReviewOut]:
    """ Review

     A six-month, annual or any-range review of a unit's subtree: organisation, humanitarian work by
    movement, blood; each figure against the plan of the year and the same period of the previous year.
    A reversal counts in the period of its own day (a gift of June reversed in July: in June's figures,
    and
    deducted from July's), so periods add up and a filed period's figures stay as filed.

    Args:
        unit_id (None | Unset | UUID): Top unit (or unit_code); default: your scope's root
            (organisation-wide: the tree's top unit on period_to, when there is one).
        unit_code (None | str | Unset): Top unit by code.
        period_from (datetime.date | None | Unset): First day; default: 1 January of period_to's
            year.
        period_to (datetime.date | None | Unset): Last day (inclusive); default: today. A day
            after today counts up to today, and the answer's period_to says so (1.10.0 refused it); a
            period_from after today is a 422.
        format_ (ReviewReportsReviewGetFormat | Unset): Answer format. Default: 'json'.
        prefer (None | str | Unset): 'respond-async': run the export as a job.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | ErrorOut | ReviewOut]
     """


    kwargs = _get_kwargs(
        unit_id=unit_id,
unit_code=unit_code,
period_from=period_from,
period_to=period_to,
format_=format_,
prefer=prefer,

    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)

def sync(
    *,
    client: AuthenticatedClient,
    unit_id: None | Unset | UUID = UNSET,
    unit_code: None | str | Unset = UNSET,
    period_from: datetime.date | None | Unset = UNSET,
    period_to: datetime.date | None | Unset = UNSET,
    format_: ReviewReportsReviewGetFormat | Unset = 'json',
    prefer: None | str | Unset = UNSET,

) -> Any | ErrorOut | ReviewOut | None:
    """ Review

     A six-month, annual or any-range review of a unit's subtree: organisation, humanitarian work by
    movement, blood; each figure against the plan of the year and the same period of the previous year.
    A reversal counts in the period of its own day (a gift of June reversed in July: in June's figures,
    and
    deducted from July's), so periods add up and a filed period's figures stay as filed.

    Args:
        unit_id (None | Unset | UUID): Top unit (or unit_code); default: your scope's root
            (organisation-wide: the tree's top unit on period_to, when there is one).
        unit_code (None | str | Unset): Top unit by code.
        period_from (datetime.date | None | Unset): First day; default: 1 January of period_to's
            year.
        period_to (datetime.date | None | Unset): Last day (inclusive); default: today. A day
            after today counts up to today, and the answer's period_to says so (1.10.0 refused it); a
            period_from after today is a 422.
        format_ (ReviewReportsReviewGetFormat | Unset): Answer format. Default: 'json'.
        prefer (None | str | Unset): 'respond-async': run the export as a job.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | ErrorOut | ReviewOut
     """


    return sync_detailed(
        client=client,
unit_id=unit_id,
unit_code=unit_code,
period_from=period_from,
period_to=period_to,
format_=format_,
prefer=prefer,

    ).parsed

async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    unit_id: None | Unset | UUID = UNSET,
    unit_code: None | str | Unset = UNSET,
    period_from: datetime.date | None | Unset = UNSET,
    period_to: datetime.date | None | Unset = UNSET,
    format_: ReviewReportsReviewGetFormat | Unset = 'json',
    prefer: None | str | Unset = UNSET,

) -> Response[Any | ErrorOut | ReviewOut]:
    """ Review

     A six-month, annual or any-range review of a unit's subtree: organisation, humanitarian work by
    movement, blood; each figure against the plan of the year and the same period of the previous year.
    A reversal counts in the period of its own day (a gift of June reversed in July: in June's figures,
    and
    deducted from July's), so periods add up and a filed period's figures stay as filed.

    Args:
        unit_id (None | Unset | UUID): Top unit (or unit_code); default: your scope's root
            (organisation-wide: the tree's top unit on period_to, when there is one).
        unit_code (None | str | Unset): Top unit by code.
        period_from (datetime.date | None | Unset): First day; default: 1 January of period_to's
            year.
        period_to (datetime.date | None | Unset): Last day (inclusive); default: today. A day
            after today counts up to today, and the answer's period_to says so (1.10.0 refused it); a
            period_from after today is a 422.
        format_ (ReviewReportsReviewGetFormat | Unset): Answer format. Default: 'json'.
        prefer (None | str | Unset): 'respond-async': run the export as a job.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | ErrorOut | ReviewOut]
     """


    kwargs = _get_kwargs(
        unit_id=unit_id,
unit_code=unit_code,
period_from=period_from,
period_to=period_to,
format_=format_,
prefer=prefer,

    )

    response = await client.get_async_httpx_client().request(
        **kwargs
    )

    return _build_response(client=client, response=response)

async def asyncio(
    *,
    client: AuthenticatedClient,
    unit_id: None | Unset | UUID = UNSET,
    unit_code: None | str | Unset = UNSET,
    period_from: datetime.date | None | Unset = UNSET,
    period_to: datetime.date | None | Unset = UNSET,
    format_: ReviewReportsReviewGetFormat | Unset = 'json',
    prefer: None | str | Unset = UNSET,

) -> Any | ErrorOut | ReviewOut | None:
    """ Review

     A six-month, annual or any-range review of a unit's subtree: organisation, humanitarian work by
    movement, blood; each figure against the plan of the year and the same period of the previous year.
    A reversal counts in the period of its own day (a gift of June reversed in July: in June's figures,
    and
    deducted from July's), so periods add up and a filed period's figures stay as filed.

    Args:
        unit_id (None | Unset | UUID): Top unit (or unit_code); default: your scope's root
            (organisation-wide: the tree's top unit on period_to, when there is one).
        unit_code (None | str | Unset): Top unit by code.
        period_from (datetime.date | None | Unset): First day; default: 1 January of period_to's
            year.
        period_to (datetime.date | None | Unset): Last day (inclusive); default: today. A day
            after today counts up to today, and the answer's period_to says so (1.10.0 refused it); a
            period_from after today is a 422.
        format_ (ReviewReportsReviewGetFormat | Unset): Answer format. Default: 'json'.
        prefer (None | str | Unset): 'respond-async': run the export as a job.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | ErrorOut | ReviewOut
     """


    return (await asyncio_detailed(
        client=client,
unit_id=unit_id,
unit_code=unit_code,
period_from=period_from,
period_to=period_to,
format_=format_,
prefer=prefer,

    )).parsed
