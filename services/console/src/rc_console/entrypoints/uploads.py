"""A ``multipart/form-data`` body (the import form's), split into its text fields and its files."""

from __future__ import annotations

import re
from dataclasses import dataclass

_BOUNDARY = re.compile(r'boundary="?([^";]{1,200})"?', re.IGNORECASE)
_PARAM = re.compile(r'\b(name|filename)="((?:[^"\\]|\\.)*)"', re.IGNORECASE)


@dataclass(frozen=True)
class Upload:
    filename: str
    content: bytes


def multipart(content_type: str, body: bytes) -> tuple[dict[str, str], dict[str, Upload]]:
    """The fields (text, the last of a repeated name wins) and files of a multipart body; ValueError
    when the body is not one (no boundary, no parts)."""
    m = _BOUNDARY.search(content_type) if content_type.lower().startswith("multipart/form-data") else None
    if m is None:
        raise ValueError("not a multipart/form-data body")
    delimiter = b"--" + m.group(1).encode("latin-1")
    fields: dict[str, str] = {}
    files: dict[str, Upload] = {}
    chunks = body.split(delimiter)
    if len(chunks) < 3:
        raise ValueError("no parts")
    for chunk in chunks[1:-1]:  # before the first delimiter: a preamble; after the last ("--"): an epilogue
        chunk = chunk.removeprefix(b"\r\n").removesuffix(b"\r\n")
        head, sep, content = chunk.partition(b"\r\n\r\n")
        if not sep:
            raise ValueError("a part without headers")
        disposition = next(
            (
                line.split(":", 1)[1]
                for line in head.decode("utf-8", errors="replace").split("\r\n")
                if line.lower().startswith("content-disposition:")
            ),
            "",
        )
        params = {k.lower(): v.replace('\\"', '"') for k, v in _PARAM.findall(disposition)}
        name = params.get("name")
        if not name:
            continue
        if "filename" in params:
            files[name] = Upload(params["filename"], content)
        else:
            fields[name] = content.decode("utf-8", errors="replace")
    return fields, files
