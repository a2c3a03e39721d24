"""The calibration chart of a tone model: predicted against observed share of personal posts, as
a self-contained SVG (written next to the model's evaluation report)."""

from __future__ import annotations

import math
from collections.abc import Sequence

from .base import esc


def calibration_svg(bins: Sequence[dict[str, float]], title: str) -> str:
    """A reliability diagram as a self-contained SVG (no plotting library needed)."""
    size, pad = 320, 40
    inner = size - 2 * pad

    def xy(px: float, py: float) -> tuple[float, float]:
        return pad + px * inner, size - pad - py * inner

    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{size}" height="{size}" font-family="sans-serif" font-size="11">',
        f'<rect width="{size}" height="{size}" fill="white"/>',
        f'<text x="{size / 2}" y="18" text-anchor="middle" font-size="13">{esc(title)}</text>',
    ]
    x0, y0 = xy(0, 0)
    x1, y1 = xy(1, 1)
    parts.append(f'<rect x="{x0}" y="{y1}" width="{inner}" height="{inner}" fill="none" stroke="#999"/>')
    parts.append(f'<line x1="{x0}" y1="{y0}" x2="{x1}" y2="{y1}" stroke="#bbb" stroke-dasharray="4 3"/>')
    total = sum(b["n"] for b in bins) or 1
    pts = []
    for b in bins:
        cx, cy = xy(b["mean_p"], b["frac_personal"])
        r = 3 + 9 * math.sqrt(b["n"] / total)
        parts.append(f'<circle cx="{cx:.1f}" cy="{cy:.1f}" r="{r:.1f}" fill="#2b6cb0" fill-opacity="0.6"/>')
        pts.append(f"{cx:.1f},{cy:.1f}")
    if pts:
        parts.append(f'<polyline points="{" ".join(pts)}" fill="none" stroke="#2b6cb0"/>')
    for t in (0, 0.5, 1):
        tx, ty = xy(t, 0)
        parts.append(f'<text x="{tx}" y="{ty + 15}" text-anchor="middle">{t}</text>')
        lx, ly = xy(0, t)
        parts.append(f'<text x="{lx - 6}" y="{ly + 4}" text-anchor="end">{t}</text>')
    parts.append(f'<text x="{size / 2}" y="{size - 8}" text-anchor="middle">predicted personal</text>')
    parts.append(
        f'<text x="12" y="{size / 2}" transform="rotate(-90 12 {size / 2})" text-anchor="middle">observed share personal</text>'
    )
    parts.append("</svg>")
    return "\n".join(parts)
