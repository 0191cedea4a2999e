"""A ``multipart/form-data`` body (the console's one upload form), read with the standard library."""

from __future__ import annotations

from email import policy
from email.message import EmailMessage
from email.parser import BytesParser


def multipart(content_type: str, body: bytes) -> dict[str, str | bytes]:
    """The fields of a multipart body: text fields as text, files as their bytes (the last of a repeated
    name wins); ValueError when the body is not multipart."""
    try:
        head = b"Content-Type: " + content_type.encode("ascii") + b"\r\nMIME-Version: 1.0\r\n\r\n"
    except UnicodeEncodeError as exc:
        raise ValueError("content type") from exc
    msg = BytesParser(policy=policy.HTTP).parsebytes(head + body)
    if not isinstance(msg, EmailMessage) or not msg.is_multipart():
        raise ValueError("not multipart")
    out: dict[str, str | bytes] = {}
    for part in msg.iter_parts():
        if not isinstance(part, EmailMessage):
            continue
        name = part.get_param("name", header="content-disposition")
        if not isinstance(name, str) or not name:
            continue
        payload = part.get_payload(decode=True)
        data = payload if isinstance(payload, bytes) else b""
        out[name] = data if part.get_filename() is not None else data.decode("utf-8", errors="replace")
    return out
