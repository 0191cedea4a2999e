"""Progress of a campaign against its targets, and when a target is first reached (pure)."""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from rc_shared.events.campaigns import TargetKind, Targets

TARGET_KINDS: tuple[TargetKind, ...] = ("cash_vnd", "in_kind_value_vnd", "blood_units", "beneficiaries")


@dataclass(frozen=True)
class Totals:
    """What a campaign has raised and reached so far (after reversals)."""

    cash_vnd: int = 0
    in_kind_value_vnd: int = 0
    blood_units: int = 0
    beneficiaries: int = 0

    def of(self, kind: TargetKind) -> int:
        return int(getattr(self, kind))


@dataclass(frozen=True)
class Crossing:
    target: TargetKind
    target_value: int
    reached_value: int


def tracked(targets: Targets) -> dict[TargetKind, int]:
    """The targets that are tracked: present and greater than 0."""
    out: dict[TargetKind, int] = {}
    for kind in TARGET_KINDS:
        value = getattr(targets, kind)
        if value is not None and value > 0:
            out[kind] = int(value)
    return out


def newly_reached(targets: Targets, totals: Totals, already_reached: Collection[str]) -> list[Crossing]:
    """Targets reached now (total >= target > 0) that were never recorded as reached before.

    A target is reported once in a campaign's life: if a reversal later drops the total below the
    target, it stays "reached" (the event said it happened, and a later recovery is not news), so it
    is never reported twice.
    """
    return [
        Crossing(kind, target, totals.of(kind))
        for kind, target in tracked(targets).items()
        if kind not in already_reached and totals.of(kind) >= target
    ]


def percent(raised: int, target: int | None) -> float | None:
    """Progress in percent, one decimal, truncated as reporting and the public pages truncate it: 999,600,000
    of 1,000,000,000 is 99.9, not a rounded 100.0 before the target is reached; None when untracked."""
    if not target:
        return None
    return raised * 1000 // target / 10


def progress(targets: Targets, totals: Totals, reached_at: Mapping[str, datetime]) -> dict[str, dict[str, Any]]:
    """Per target kind: raised, target, percent (None when untracked), target_reached_at."""
    out: dict[str, dict[str, Any]] = {}
    for kind in TARGET_KINDS:
        target = getattr(targets, kind)
        out[kind] = {
            "raised": totals.of(kind),
            "target": target,
            "percent": percent(totals.of(kind), target),
            "target_reached_at": reached_at.get(kind),
        }
    return out
