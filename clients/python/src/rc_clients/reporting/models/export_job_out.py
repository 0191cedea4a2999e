from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.export_job_out_status import check_export_job_out_status
from ..models.export_job_out_status import ExportJobOutStatus
from dateutil.parser import isoparse
from typing import cast
from uuid import UUID
import datetime

if TYPE_CHECKING:
  from ..models.export_job_out_params import ExportJobOutParams





T = TypeVar("T", bound="ExportJobOut")



@_attrs_define
class ExportJobOut:
    """ 
        Attributes:
            created_at (datetime.datetime):
            download (None | str): Link of the file once done.
            error (None | str):
            expires_at (datetime.datetime):
            filename (None | str):
            finished_at (datetime.datetime | None):
            format_ (str):
            job_id (UUID):
            kind (str):
            params (ExportJobOutParams):
            progress (int): Percent done.
            status (ExportJobOutStatus):
     """

    created_at: datetime.datetime
    download: None | str
    error: None | str
    expires_at: datetime.datetime
    filename: None | str
    finished_at: datetime.datetime | None
    format_: str
    job_id: UUID
    kind: str
    params: ExportJobOutParams
    progress: int
    status: ExportJobOutStatus





    def to_dict(self) -> dict[str, Any]:
        from ..models.export_job_out_params import ExportJobOutParams
        created_at = self.created_at.isoformat()

        download: None | str
        download = self.download

        error: None | str
        error = self.error

        expires_at = self.expires_at.isoformat()

        filename: None | str
        filename = self.filename

        finished_at: None | str
        if isinstance(self.finished_at, datetime.datetime):
            finished_at = self.finished_at.isoformat()
        else:
            finished_at = self.finished_at

        format_ = self.format_

        job_id = str(self.job_id)

        kind = self.kind

        params = self.params.to_dict()

        progress = self.progress

        status: str = self.status


        field_dict: dict[str, Any] = {}

        field_dict.update({
            "created_at": created_at,
            "download": download,
            "error": error,
            "expires_at": expires_at,
            "filename": filename,
            "finished_at": finished_at,
            "format": format_,
            "job_id": job_id,
            "kind": kind,
            "params": params,
            "progress": progress,
            "status": status,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.export_job_out_params import ExportJobOutParams
        d = dict(src_dict)
        created_at = isoparse(d.pop("created_at"))




        def _parse_download(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        download = _parse_download(d.pop("download"))


        def _parse_error(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        error = _parse_error(d.pop("error"))


        expires_at = isoparse(d.pop("expires_at"))




        def _parse_filename(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        filename = _parse_filename(d.pop("filename"))


        def _parse_finished_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                finished_at_type_0 = isoparse(data)



                return finished_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        finished_at = _parse_finished_at(d.pop("finished_at"))


        format_ = d.pop("format")

        job_id = UUID(d.pop("job_id"))




        kind = d.pop("kind")

        params = ExportJobOutParams.from_dict(d.pop("params"))




        progress = d.pop("progress")

        status = check_export_job_out_status(d.pop("status"))




        export_job_out = cls(
            created_at=created_at,
            download=download,
            error=error,
            expires_at=expires_at,
            filename=filename,
            finished_at=finished_at,
            format_=format_,
            job_id=job_id,
            kind=kind,
            params=params,
            progress=progress,
            status=status,
        )

        return export_job_out

