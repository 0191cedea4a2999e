"""Random identifiers in bulk: a batch of thousands of events needs thousands of ids, and each
``uuid.uuid4()`` or ``secrets.token_hex()`` is a read of the OS's randomness of its own (a system call;
~5 µs each on the shared 2-core machine, a tenth of a bulk-imported donation's cost in the service)."""

from __future__ import annotations

import os
import uuid

from pydantic_core import SchemaValidator, core_schema

# A UUID's hex text read by pydantic-core: a uuid.UUID built there is a third of ``uuid.UUID(int=...)``'s
# time (its checks of every argument in Python), and a bank statement's batch draws two ids a row.
_UUID = SchemaValidator(core_schema.uuid_schema())


def uuid4s(n: int) -> list[uuid.UUID]:
    """``n`` random version-4 UUIDs, as ``uuid.uuid4()`` gives, from one read of the OS's randomness."""
    raw = bytearray(os.urandom(16 * n))
    raw[6::16] = bytes(b & 0x0F | 0x40 for b in raw[6::16])  # RFC 4122 version 4: the version nibble 4,
    raw[8::16] = bytes(b & 0x3F | 0x80 for b in raw[8::16])  # the variant bits 10
    text, read = raw.hex(), _UUID.validate_python
    return [read(text[i : i + 32]) for i in range(0, 32 * n, 32)]


def hex_tokens(n: int, nbytes: int) -> list[str]:
    """``n`` random hex strings of ``nbytes`` bytes each (as ``secrets.token_hex(nbytes)``), one read."""
    raw = os.urandom(nbytes * n).hex()
    w = 2 * nbytes
    return [raw[i : i + w] for i in range(0, w * n, w)]
