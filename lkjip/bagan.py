"""The organisation chart (Gambar 1.1) from ``organisasi.csv``, laid out in inches at print size.

The root on top and its units below, each unit's sub-units stacked under it. The chart is as wide as the
text of the A4 page (:data:`lkjip.charts.WIDTH`) and printed at 100%, so its text prints at
:data:`lkjip.charts.MIN_PT` points: boxes are made wide enough for the longest word of any unit's name
(measured in the chart's font), each name is wrapped to its box, and units that do not fit in one row at
that width continue in further rows off the same vertical line (an even number per row, so the line
runs between boxes), instead of the text being shrunk to fit.
"""

from __future__ import annotations

import matplotlib as mpl
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.font_manager import FontProperties
from matplotlib.textpath import TextToPath

from lkjip.charts import DARK, MIN_PT, STYLE, WIDTH, blok, plain, svg
from lkjip.document import Gambar

LINE_IN = MIN_PT * 1.25 / 72
PAD_IN = 0.07
GAP_IN = 0.2
"""Vertical room for the connecting lines between two rows of boxes."""
FILL = 0.88
"""A box's share of its slot; the rest is the gap between neighbouring boxes."""

_FONT = FontProperties(family="DejaVu Sans", size=MIN_PT)
_PATHS = TextToPath()


def text_width(text: str) -> float:
    """Inches that ``text`` takes at :data:`MIN_PT` in the chart's font."""
    w, _, _ = _PATHS.get_text_width_height_descent(text, _FONT, ismath=False)
    return float(w) / 72


def wrap(text: str, width_in: float) -> list[str]:
    """Words of ``text`` packed greedily into lines no wider than ``width_in`` (a longer word stands alone)."""
    lines: list[str] = []
    for word in str(text).split():
        if lines and text_width(f"{lines[-1]} {word}") <= width_in:
            lines[-1] = f"{lines[-1]} {word}"
        else:
            lines.append(word)
    return lines or [""]


def per_row(names: list[str]) -> int:
    """How many boxes stand in one row: as many as fit with the longest word inside its box."""
    longest = max((text_width(w) for n in names for w in str(n).split()), default=0.5)
    fit = max(int(WIDTH * FILL / (longest + 2 * PAD_IN)), 1)
    if len(names) <= fit:
        return max(len(names), 1)
    return max(fit - fit % 2, 2)  # several rows: an even count, so the trunk passes between two boxes


def _height(lines: list[str]) -> float:
    return len(lines) * LINE_IN + 2 * PAD_IN


def _box(ax: Axes, x: float, top: float, w: float, h: float, lines: list[str]) -> None:
    ax.add_patch(mpl.patches.Rectangle((x - w / 2, top - h), w, h, facecolor="white", edgecolor=DARK, linewidth=0.8))
    ax.text(x, top - h / 2, plain("\n".join(lines)), ha="center", va="center", fontsize=MIN_PT, linespacing=1.15)


def _line(ax: Axes, xs: list[float], ys: list[float]) -> None:
    ax.plot(xs, ys, color=DARK, linewidth=0.8)


def struktur_organisasi(units: pd.DataFrame, label: str, judul: str) -> Gambar:
    """Organisation chart: the root, its units in rows, each unit's sub-units below it."""
    units = units.sort_values("urutan")
    root = units[units["induk"].isna()].iloc[0]
    children = list(units[units["induk"] == root["kode"]].to_dict("records"))
    grand = {c["kode"]: [str(g) for g in units[units["induk"] == c["kode"]]["unit"]] for c in children}
    k = per_row([str(u) for u in units["unit"]])
    slot = WIDTH / k
    w = slot * FILL
    inner = w - 2 * PAD_IN
    root_lines = wrap(str(root["unit"]), max(WIDTH * 0.4, inner))
    rows = [children[i : i + k] for i in range(0, len(children), k)]
    child_h = max((_height(wrap(str(c["unit"]), inner)) for c in children), default=0.0)
    grand_h = max((_height(wrap(g, inner)) for v in grand.values() for g in v), default=0.0)

    def row_height(row: list[dict[str, object]]) -> float:
        depth = max((len(grand[c["kode"]]) for c in row), default=0)
        return GAP_IN + child_h + depth * (GAP_IN + grand_h) + GAP_IN

    top_h = _height(root_lines)
    height = top_h + GAP_IN + sum(row_height(r) for r in rows) + 0.02
    with mpl.rc_context({**STYLE, "axes.grid": False}):
        fig = Figure(figsize=(WIDTH, height), dpi=100)
        ax = fig.add_axes((0, 0, 1, 1))
        ax.set_axis_off()
        ax.set_xlim(0, WIDTH)
        ax.set_ylim(0, height)
        trunk = WIDTH / 2
        top = height - 0.01
        root_w = max(text_width(x) for x in root_lines) + 2 * PAD_IN + 0.4
        _box(ax, trunk, top, root_w, top_h, root_lines)
        bus = top - top_h - GAP_IN
        last_bus = bus - sum(row_height(r) for r in rows[:-1])
        _line(ax, [trunk, trunk], [top - top_h, last_bus])  # one trunk from the root to the last row's line
        for row in rows:
            start = (WIDTH - len(row) * slot) / 2
            xs = [start + slot * (i + 0.5) for i in range(len(row))]
            _line(ax, [min(xs[0], trunk), max(xs[-1], trunk)], [bus, bus])
            for x, c in zip(xs, row, strict=True):
                _line(ax, [x, x], [bus, bus - GAP_IN])
                _box(ax, x, bus - GAP_IN, w, child_h, wrap(str(c["unit"]), inner))
                below = bus - GAP_IN - child_h
                for g in grand[c["kode"]]:
                    _line(ax, [x, x], [below, below - GAP_IN])
                    _box(ax, x, below - GAP_IN, w, grand_h, wrap(g, inner))
                    below -= GAP_IN + grand_h
            bus -= row_height(row)
        return blok(label, judul, svg(fig), "bagan")
