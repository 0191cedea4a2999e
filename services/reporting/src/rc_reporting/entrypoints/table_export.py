"""The ``format`` parameter of the tabular reports: JSON (default), CSV (streamed) or XLSX."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Query, Response
from fastapi.responses import StreamingResponse
from fastapi.types import DecoratedCallable

from rc_reporting.exports.tables import table_csv, table_xlsx
from rc_shared import auth
from rc_shared.api import errors

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
TableFormat = Annotated[
    Literal["json", "csv", "xlsx"], Query(description="Answer format: json, or a file (csv streamed, xlsx).")
]


def file_responses(model: type[Any]) -> dict[int | str, dict[str, Any]]:
    """The 200 answer's media types (JSON: ``model``)."""
    return {
        200: {
            "description": "The report as JSON, or as a file in `format`.",
            "content": {
                "application/json": {"schema": {"$ref": f"#/components/schemas/{model.__name__}"}},
                "text/csv": {"schema": {"type": "string"}},
                XLSX: {"schema": {"type": "string", "format": "binary"}},
            },
        }
    }


def table_route(router: APIRouter, path: str, model: type[Any]) -> Callable[[DecoratedCallable], DecoratedCallable]:
    """A GET of a tabular report (read access): ``model`` as JSON or a file in ``format``; 404."""
    return router.get(
        path, response_model=model, responses={**errors(404), **file_responses(model)}, dependencies=auth.READ
    )


def table_response(
    fmt: Literal["csv", "xlsx"],
    name: str,
    header: Sequence[str],
    rows: Iterable[Sequence[Any]],
    chart: tuple[int, Sequence[int]] | None = None,
) -> Response:
    disposition = {"Content-Disposition": f'attachment; filename="{name}.{fmt}"'}
    if fmt == "csv":
        return StreamingResponse(table_csv(header, rows), media_type="text/csv; charset=utf-8", headers=disposition)
    return Response(table_xlsx(sheet_name(name), header, rows, chart), media_type=XLSX, headers=disposition)


def sheet_name(file_name: str) -> str:
    """A sheet's name (at most 31 characters in Excel) from the file's: its report, without the dates the file
    name carries ("membership-2025-01-01-2025-12-31" gives "membership", not "membership-2025-01-01-2025-12-3")."""
    return re.sub(r"-\d{4}-\d{2}-\d{2}(?=-|$)", "", file_name)[:31] or "report"
