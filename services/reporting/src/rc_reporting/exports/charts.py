"""Charts as SVG, drawn on the server (no browser, no JavaScript): simple column charts of a series."""

from __future__ import annotations

from collections.abc import Sequence
from xml.sax.saxutils import escape

from rc_reporting.exports.rows import vnd


def short(v: int | float) -> str:
    """A column's label: millions as 'tr', billions as 'tỷ' (one decimal, Vietnamese comma)."""
    for size, unit in ((10**9, " tỷ"), (10**6, " tr")):
        if abs(v) >= size:
            return f"{v / size:.1f}".replace(".", ",") + unit
    return vnd(v)


def column_chart(title: str, labels: Sequence[str], values: Sequence[int | float], width: int = 640) -> str:
    """A column chart; each column labelled with its category and value."""
    height, top, bottom, left = 220, 28, 36, 8
    n = max(len(values), 1)
    peak = max([float(v) for v in values] + [1.0])
    slot = (width - 2 * left) / n
    bar = slot * 0.7
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" viewBox="0 0 {width} {height}"'
        ' font-family="DejaVu Sans" font-size="9">',
        f'<text x="{width / 2}" y="16" text-anchor="middle" font-size="12" font-weight="bold">{escape(title)}</text>',
        f'<line x1="{left}" y1="{height - bottom}" x2="{width - left}" y2="{height - bottom}" stroke="#555"/>',
    ]
    span = height - top - bottom - 12
    for i, (label, v) in enumerate(zip(labels, values, strict=True)):
        h = span * float(v) / peak
        x = left + i * slot + (slot - bar) / 2
        y = height - bottom - h
        parts.append(f'<rect x="{x:.1f}" y="{y:.1f}" width="{bar:.1f}" height="{h:.1f}" fill="#c8102e"/>')
        if v:
            parts.append(f'<text x="{x + bar / 2:.1f}" y="{y - 2:.1f}" text-anchor="middle">{escape(short(v))}</text>')
        parts.append(
            f'<text x="{x + bar / 2:.1f}" y="{height - bottom + 12}" text-anchor="middle">{escape(label)}</text>'
        )
    parts.append("</svg>")
    return "".join(parts)
