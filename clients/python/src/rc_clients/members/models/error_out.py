from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..types import UNSET, Unset
from typing import cast

if TYPE_CHECKING:
  from ..models.field_error_out import FieldErrorOut





T = TypeVar("T", bound="ErrorOut")



@_attrs_define
class ErrorOut:
    """ Every error answer: an RFC 9457 problem (``application/problem+json``), with the codes and
    details of before as extension members: ``error`` (the code), ``message`` (= ``detail``),
    ``correlation_id``, field-level ``errors`` for invalid input, and the rule's own details (such
    as ``field`` or the ids involved) otherwise.

        Attributes:
            correlation_id (str): The request's correlation id (also its x-correlation-id header).
            detail (str): What went wrong with this request, for people.
            error (str): A stable code, the last segment of type: validation_error, not_found, conflict ...
            message (str): The same as detail (kept for clients of the earlier shape).
            status (int): The HTTP status of the answer.
            title (str): A short summary of the kind of problem (the same for every problem of a type).
            type_ (str): The kind of problem, a URI reference per kind: /problems/bad_request (The request breaks a rule);
                /problems/unauthorized (No valid bearer token); /problems/forbidden (Not allowed for this token);
                /problems/not_found (Not found); /problems/method_not_allowed (Method not allowed); /problems/conflict
                (Conflicts with the current state); /problems/payload_too_large (Request body too large);
                /problems/validation_error (Invalid request); /problems/invalid (Invalid value); /problems/too_many_requests
                (Too many writes); /problems/internal_error (Internal error); /problems/overloaded (The service is busy);
                /problems/query_timeout (The database query took too long); /problems/unavailable (Not available on this
                server); else /problems/http_error.
            errors (list[FieldErrorOut] | None | Unset): Field-level errors of input its schema refuses (422, type
                /problems/validation_error); a rule broken by valid input (422 /problems/invalid, 409, 400) names its field in
                field instead.
            field (None | str | Unset): The field a broken rule is about (a body field's name, or a header's, e.g.
                Idempotency-Key).
            reason (None | str | Unset): Why a referenced unit was refused: unknown_unit (not in the tree this service has
                learnt from members.units yet: a unit just created may be retried after a moment) or unit_not_valid_then (it did
                not exist, or was dissolved, on the day that counts: do not retry); why a gift, pledge or statement was refused
                with 409: campaign_not_open (no launched campaign with the id is known yet: one launched a moment ago may be
                retried after a few seconds; a mistyped id stays refused).
     """

    correlation_id: str
    detail: str
    error: str
    message: str
    status: int
    title: str
    type_: str
    errors: list[FieldErrorOut] | None | Unset = UNSET
    field: None | str | Unset = UNSET
    reason: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.field_error_out import FieldErrorOut
        correlation_id = self.correlation_id

        detail = self.detail

        error = self.error

        message = self.message

        status = self.status

        title = self.title

        type_ = self.type_

        errors: list[dict[str, Any]] | None | Unset
        if isinstance(self.errors, Unset):
            errors = UNSET
        elif isinstance(self.errors, list):
            errors = []
            for errors_type_0_item_data in self.errors:
                errors_type_0_item = errors_type_0_item_data.to_dict()
                errors.append(errors_type_0_item)


        else:
            errors = self.errors

        field: None | str | Unset
        if isinstance(self.field, Unset):
            field = UNSET
        else:
            field = self.field

        reason: None | str | Unset
        if isinstance(self.reason, Unset):
            reason = UNSET
        else:
            reason = self.reason


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "correlation_id": correlation_id,
            "detail": detail,
            "error": error,
            "message": message,
            "status": status,
            "title": title,
            "type": type_,
        })
        if errors is not UNSET:
            field_dict["errors"] = errors
        if field is not UNSET:
            field_dict["field"] = field
        if reason is not UNSET:
            field_dict["reason"] = reason

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.field_error_out import FieldErrorOut
        d = dict(src_dict)
        correlation_id = d.pop("correlation_id")

        detail = d.pop("detail")

        error = d.pop("error")

        message = d.pop("message")

        status = d.pop("status")

        title = d.pop("title")

        type_ = d.pop("type")

        def _parse_errors(data: object) -> list[FieldErrorOut] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                errors_type_0 = []
                _errors_type_0 = data
                for errors_type_0_item_data in (_errors_type_0):
                    errors_type_0_item = FieldErrorOut.from_dict(errors_type_0_item_data)



                    errors_type_0.append(errors_type_0_item)

                return errors_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[FieldErrorOut] | None | Unset, data)

        errors = _parse_errors(d.pop("errors", UNSET))


        def _parse_field(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        field = _parse_field(d.pop("field", UNSET))


        def _parse_reason(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        reason = _parse_reason(d.pop("reason", UNSET))


        error_out = cls(
            correlation_id=correlation_id,
            detail=detail,
            error=error,
            message=message,
            status=status,
            title=title,
            type_=type_,
            errors=errors,
            field=field,
            reason=reason,
        )


        error_out.additional_properties = d
        return error_out

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Any:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties
