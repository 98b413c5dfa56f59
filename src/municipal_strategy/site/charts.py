"""Inline SVG pictures of figures given as text beside them: the rate across the years (a
column per year, drawn right to left on a right-to-left page) and a rate's meter.

Both are hidden from assistive technology (`aria-hidden`): the page gives the same figures
as text, in a table or beside the meter."""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

import attrs

#: The trend's drawing box, in SVG units: narrow enough that its text stays legible when
#: the picture shrinks to a phone's width.
WIDTH, HEIGHT = 480, 220
_SIDE, _FAR, _TOP, _BOTTOM = 56, 12, 30, 34


@attrs.frozen
class Point:
    """A year's rate: the year as shown, the rate in [0, 1] (None: no rate) and its text."""

    year: str
    rate: float | None
    shown: str


def fraction(value: float | None) -> float:
    """A share in [0, 1] (0 for none or not a number)."""
    if value is None or value != value:
        return 0.0
    return min(max(value, 0.0), 1.0)


def meter(value: float | None, rtl: bool, height: int = 10) -> str:
    """A bar filled to `value` from the start side (the right on a right-to-left page)."""
    width = 100 * fraction(value)
    x = 100 - width if rtl else 0.0
    return (
        f'<svg viewBox="0 0 100 {height}" preserveAspectRatio="none" aria-hidden="true" '
        f'focusable="false"><rect class="track" width="100" height="{height}"/>'
        f'<rect class="fill" x="{x:.2f}" width="{width:.2f}" height="{height}"/></svg>'
    )


def trend(points: Sequence[Point], grid: Sequence[tuple[float, str]], rtl: bool) -> str:
    """Columns of the rate per year, oldest first from the start side, each with its
    value above and its year below; `grid` gives the lines drawn across (a fraction and
    its label, e.g. (0.5, '50%'))."""
    plot_width = WIDTH - _SIDE - _FAR
    plot_height = HEIGHT - _TOP - _BOTTOM
    bottom = _TOP + plot_height

    def x(value: float) -> float:
        """`value` measured from the start side."""
        return WIDTH - value if rtl else value

    parts = [
        f'<svg viewBox="0 0 {WIDTH} {HEIGHT}" aria-hidden="true" focusable="false" direction="ltr">'
    ]
    for share, label in grid:
        y = bottom - plot_height * fraction(share)
        start, end = sorted((x(_SIDE), x(WIDTH - _FAR)))
        parts.append(
            f'<line class="grid" x1="{start:.1f}" x2="{end:.1f}" y1="{y:.1f}" y2="{y:.1f}"/>'
        )
        anchor = "start" if rtl else "end"
        parts.append(
            f'<text class="axis" x="{x(_SIDE - 8):.1f}" y="{y + 4:.1f}" '
            f'text-anchor="{anchor}">{escape(label)}</text>'
        )
    slot = plot_width / max(len(points), 1)
    column = min(56.0, slot * 0.6)
    for index, point in enumerate(points):
        centre = x(_SIDE + slot * (index + 0.5))
        height = plot_height * fraction(point.rate)
        if point.rate is not None:
            parts.append(
                f'<rect class="fill" x="{centre - column / 2:.1f}" y="{bottom - height:.1f}" '
                f'width="{column:.1f}" height="{height:.1f}"/>'
            )
        parts += [
            f'<text x="{centre:.1f}" y="{bottom - height - 7:.1f}" text-anchor="middle">'
            f"{escape(point.shown)}</text>",
            f'<text class="axis" x="{centre:.1f}" y="{HEIGHT - 10}" text-anchor="middle">'
            f"{escape(point.year)}</text>",
        ]
    parts.append("</svg>")
    return "".join(parts)
