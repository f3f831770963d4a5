"""Charts as inline SVG, written here: an offline browser shows them without any library.

Every text that reaches the SVG goes through `html.escape`; the functions return `Markup`
so that the page templates insert them as they are.
"""

from __future__ import annotations

import math
from html import escape

from markupsafe import Markup

from kg.views.style import BALANCE_COLOURS, QUAD_COLOURS, QUAD_LABELS

COOPERATION_UP = ("material_cooperation", "verbal_cooperation")  # stacked from the axis up
CONFLICT_DOWN = ("verbal_conflict", "material_conflict")  # stacked from the axis down


def timeline_chart(timeline: dict[str, dict[str, int]], *, width: int = 760, height: int = 240) -> Markup:
    """Cooperation above the axis, conflict below, one bar per period (month or quarter)."""
    if not timeline:
        return Markup('<p class="empty">No dated assertions.</p>')
    periods = list(timeline)
    left, right, top, bottom = 34, 8, 12, 34
    plot_w, plot_h = width - left - right, height - top - bottom
    up = max(sum(timeline[p][q] for q in COOPERATION_UP) for p in periods)
    down = max(sum(timeline[p][q] for q in CONFLICT_DOWN) for p in periods)
    scale = plot_h / max(up + down, 1)
    axis_y = top + up * scale
    slot = plot_w / len(periods)
    bar_w = max(slot * 0.7, 1.0)
    parts = [
        f'<svg class="chart" role="img" viewBox="0 0 {width} {height}" width="100%">',
        "<title>Assertions per period: cooperation above the line, conflict below</title>",
    ]
    for i, period in enumerate(periods):
        x = left + i * slot + (slot - bar_w) / 2
        counts = timeline[period]
        y = axis_y
        for quad in COOPERATION_UP:
            h = counts[quad] * scale
            y -= h
            parts.append(_bar(x, y, bar_w, h, quad, f"{period}: {counts[quad]} {QUAD_LABELS[quad]}"))
        y = axis_y
        for quad in CONFLICT_DOWN:
            h = counts[quad] * scale
            parts.append(_bar(x, y, bar_w, h, quad, f"{period}: {counts[quad]} {QUAD_LABELS[quad]}"))
            y += h
    parts.append(f'<line x1="{left}" y1="{axis_y:.1f}" x2="{width - right}" y2="{axis_y:.1f}" class="axis"/>')
    parts.append(f'<text x="{left - 4}" y="{top + 9}" class="tick" text-anchor="end">{up}</text>')
    parts.append(f'<text x="{left - 4}" y="{height - bottom}" class="tick" text-anchor="end">{down}</text>')
    every = max(1, math.ceil(len(periods) / 12))  # at most about twelve labels under the axis
    for i in range(0, len(periods), every):
        x = left + i * slot + slot / 2
        parts.append(f'<text x="{x:.1f}" y="{height - 12}" class="tick" text-anchor="middle">{escape(periods[i])}</text>')
    parts.append("</svg>")
    return Markup("".join(parts))


def _bar(x: float, y: float, w: float, h: float, quad: str, tip: str) -> str:
    if h <= 0:
        return ""
    return (f'<rect x="{x:.1f}" y="{y:.1f}" width="{w:.1f}" height="{h:.1f}" fill="{QUAD_COLOURS[quad]}">'
            f"<title>{escape(tip)}</title></rect>")


def ego_chart(center: str, partners: list[dict], *, size: int = 560) -> Markup:
    """The actor in the middle and its partners around it, clockwise from the top by balance:
    line colour says cooperative or hostile, line width the number of assertions.
    `partners`: dicts with id, label, count, balance and href."""
    margin = 170  # room beside the circle for partner names, which run outwards
    c, cx = size / 2, size / 2 + margin
    radius = size / 2 - 50
    most = max((p["count"] for p in partners), default=1)
    lines, labels = [], []
    for i, p in enumerate(partners):
        angle = -math.pi / 2 + 2 * math.pi * i / max(len(partners), 1)
        x, y = cx + radius * math.cos(angle), c + radius * math.sin(angle)
        colour = BALANCE_COLOURS["positive" if p["balance"] > 0 else "negative" if p["balance"] < 0 else "neutral"]
        width = 1.5 + 6 * p["count"] / most
        tip = f'{p["label"]}: {p["count"]} assertions, balance {p["balance"]:+.1f}'
        lines.append(f'<line x1="{cx:.1f}" y1="{c:.1f}" x2="{x:.1f}" y2="{y:.1f}" stroke="{colour}" '
                     f'stroke-width="{width:.1f}"><title>{escape(tip)}</title></line>')
        anchor = "start" if math.cos(angle) > 0.2 else "end" if math.cos(angle) < -0.2 else "middle"
        lx, ly = cx + (radius + 10) * math.cos(angle), c + (radius + 10) * math.sin(angle) + 4
        labels.append(
            f'<a href="{escape(p["href"])}"><circle cx="{x:.1f}" cy="{y:.1f}" r="7" fill="{colour}"/>'
            f'<text x="{lx:.1f}" y="{ly:.1f}" text-anchor="{anchor}" class="node-label">{escape(p["label"])}'
            f' ({p["balance"]:+.1f})</text><title>{escape(tip)}</title></a>'
        )
    return Markup(
        f'<svg class="chart ego" role="img" viewBox="0 0 {size + 2 * margin} {size}" width="{size + 2 * margin}" '
        f'height="{size}"><title>{escape(center)} and its partners</title>{"".join(lines)}'
        f'<circle cx="{cx}" cy="{c}" r="30" class="ego-center"/>'
        f'<text x="{cx}" y="{c + 4}" text-anchor="middle" class="ego-label">{escape(center)}</text>'
        f"{''.join(labels)}</svg>"
    )
