"""Service processes with test instrumentation or a deliberate defect, for proofs that can fail.

``python -m tests.e2e.sabotage PATCH[,PATCH...] rc-<service> serve ...`` applies the named patches by
monkeypatching in this process, then runs the service's own command line. Production code has no
test switch: a patch replaces a function or a SQL statement of the running process only.

Patches:

- ``count-applications``: every handler call of every consumer also inserts ``(consumer, event_id)``
  into ``e2e_applications`` (created by the test; no unique key), in the handler's transaction.
  Unlike the projections, this table is not idempotent: an event applied twice shows twice.
- ``no-dedup``: the consumer's claim in ``processed_events`` reports every event as new, so a
  redelivered event is applied again (deduplication disabled).
- ``leak-birth-date``: the members outbox writes the person's birth date into every
  ``members.membership.started.v1`` event (a personal field leaked into an event).
- ``log-phone``: the members service logs the person's phone number when a membership starts.

:class:`PatchedProcess` is a :class:`~tests.e2e.harness.ServiceProcess` started this way.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from importlib.metadata import entry_points
from pathlib import Path
from typing import Any

from tests.e2e.harness import ServiceProcess

ROOT = Path(__file__).resolve().parents[2]
APPLICATIONS_TABLE = "CREATE TABLE e2e_applications (consumer text NOT NULL, event_id uuid NOT NULL)"
MEMBERSHIP_STARTED = "members.membership.started.v1"


def count_applications() -> None:
    from rc_shared import consumer as mod

    original_init = mod.BatchProcessor.__init__

    def counted(name: str, fn: Callable[..., Any]) -> Callable[..., Any]:
        async def one(conn: Any, env: Any) -> None:
            await fn(conn, env)
            await conn.execute("INSERT INTO e2e_applications (consumer, event_id) VALUES ($1, $2)", name, env.id)

        return one

    def counted_many(name: str, fn: Callable[..., Any]) -> Callable[..., Any]:
        async def many(conn: Any, envs: list[Any]) -> None:
            await fn(conn, envs)
            await conn.executemany(
                "INSERT INTO e2e_applications (consumer, event_id) VALUES ($1, $2)", [(name, e.id) for e in envs]
            )

        return many

    def init(self: Any, consumer: Any, *args: Any, **kwargs: Any) -> None:
        if not getattr(consumer, "_e2e_counted", False):
            consumer._e2e_counted = True
            many = {fn: counted_many(consumer.name, fn) for fn in set(consumer.batch_handlers.values())}
            singles_of_many = {t for t in consumer.batch_handlers}
            consumer.batch_handlers = {t: many[fn] for t, fn in consumer.batch_handlers.items()}
            consumer.handlers = {
                # a batch handler's one-event form calls the (now counting) batch handler
                t: (_one_of(consumer.batch_handlers[t]) if t in singles_of_many else counted(consumer.name, fn))
                for t, fn in consumer.handlers.items()
            }
        original_init(self, consumer, *args, **kwargs)

    mod.BatchProcessor.__init__ = init  # type: ignore[method-assign]


def _one_of(many: Callable[..., Any]) -> Callable[..., Any]:
    async def one(conn: Any, env: Any) -> None:
        await many(conn, [env])

    return one


def no_dedup() -> None:
    from rc_shared import consumer as mod

    every = " ON CONFLICT (consumer, event_id) DO UPDATE SET processed_at = now()"
    mod._CLAIM_ONE = "INSERT INTO processed_events (consumer, event_id) VALUES ($1, $2)" + every + " RETURNING true"
    mod._CLAIM_MANY = (
        "INSERT INTO processed_events (consumer, event_id) SELECT $1, unnest($2::uuid[])"
        + every
        + " RETURNING event_id"
    )


class _Leaky:
    """An envelope whose payload carries extra fields."""

    def __init__(self, env: Any, extra: dict[str, Any]) -> None:
        self._env, self._extra = env, extra

    def __getattr__(self, name: str) -> Any:
        return getattr(self._env, name)

    def value(self) -> bytes:
        return json.dumps({**json.loads(self._env.value()), **self._extra}).encode()


def leak_birth_date() -> None:
    from rc_shared import outbox

    original = outbox.write_events

    async def write_events(conn: Any, envelopes: Any) -> None:
        out = []
        for env in envelopes:
            if env.type == MEMBERSHIP_STARTED:
                sql = "SELECT birth_date FROM personal_data WHERE person_id = $1"
                born = await conn.fetchval(sql, env.data.person_id)
                env = _Leaky(env, {"birth_date": born.isoformat()})
            out.append(env)
        await original(conn, out)

    outbox.write_events = write_events


def log_phone() -> None:
    from rc_shared import outbox
    from rc_shared.logging import get_logger

    log = get_logger("sabotage")
    original = outbox.write_events

    async def write_events(conn: Any, envelopes: Any) -> None:
        for env in envelopes:
            if env.type == MEMBERSHIP_STARTED:
                phone = await conn.fetchval("SELECT phone FROM personal_data WHERE person_id = $1", env.data.person_id)
                log.info("membership_started", phone=phone)
        await original(conn, envelopes)

    outbox.write_events = write_events


PATCHES: dict[str, Callable[[], None]] = {
    "count-applications": count_applications,
    "no-dedup": no_dedup,
    "leak-birth-date": leak_birth_date,
    "log-phone": log_phone,
}


@dataclass
class PatchedProcess(ServiceProcess):
    """A service process started through this module with ``patches`` applied."""

    patches: tuple[str, ...] = ()

    def start(self, wait: bool = True, timeout: float = 60.0) -> None:
        unknown = set(self.patches) - set(PATCHES)
        assert not unknown, f"unknown patches {unknown}"
        env = {**os.environ, **self.env, "RC_HTTP_PORT": str(self.port), "PYTHONPATH": str(ROOT)}
        log = self.log_path.open("ab")
        self.proc = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "tests.e2e.sabotage",
                ",".join(self.patches),
                f"rc-{self.name}",
                "serve",
                *self.args,
            ],
            env=env,
            cwd=ROOT,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        if wait:
            self.wait_ready(timeout)


def main(argv: list[str]) -> None:
    patches, script, *args = argv
    for name in filter(None, patches.split(",")):
        PATCHES[name]()
    (entry,) = [e for e in entry_points(group="console_scripts") if e.name == script]
    sys.argv = [script, *args]
    entry.load()()


if __name__ == "__main__":
    main(sys.argv[1:])
