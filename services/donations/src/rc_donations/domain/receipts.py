"""Receipt numbers: sequential per campaign, without gaps (pure arithmetic; the lock is the adapter's)."""

from __future__ import annotations


def allocate(last_no: int, count: int) -> range:
    """The next ``count`` receipt numbers after ``last_no`` (the new last number is the range's last)."""
    if last_no < 0 or count < 0:
        raise ValueError("receipt numbers start at 1")
    return range(last_no + 1, last_no + count + 1)


def receipt_number(campaign_code: str, receipt_no: int) -> str:
    """The printed receipt number, e.g. ``TNA-2026-000042``."""
    return f"{campaign_code}-{receipt_no:06d}"


def gaps(numbers: list[int]) -> list[int]:
    """Missing numbers between 1 and the largest (empty: the sequence is complete)."""
    if not numbers:
        return []
    present = set(numbers)
    return [n for n in range(1, max(numbers) + 1) if n not in present]
