"""Charts in one house style: print- and greyscale-readable, Indonesian numbers.

Charts are drawn on a bare :class:`matplotlib.figure.Figure` (no pyplot state)
and kept as SVG text with fixed ids and no date, so the same data gives the
same bytes, and the HTML and the PDF show the same picture.
"""

from __future__ import annotations

import io
import re
import textwrap
from dataclasses import dataclass

import matplotlib as mpl
import numpy as np
import pandas as pd
from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter

from lkjip import format as fmt
from lkjip.templating import render

DARK, LIGHT, MID = "#303030", "#b0b0b0", "#707070"
STYLE = {
    "font.family": "DejaVu Sans",
    "font.size": 9,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.grid": True,
    "axes.grid.axis": "y",
    "grid.color": "#dddddd",
    "grid.linewidth": 0.6,
    "svg.fonttype": "none",
    "svg.hashsalt": "lkjip",
    "hatch.linewidth": 0.6,
}


@dataclass(frozen=True)
class Grafik:
    """A numbered chart: caption and SVG markup."""

    label: str  # "Grafik 3.1"
    judul: str
    svg: str

    @property
    def anchor(self) -> str:
        return self.label.lower().replace(" ", "-").replace(".", "-")

    def _repr_html_(self) -> str:
        return render("grafik.html.j2", g=self)


def _svg(fig: Figure) -> str:
    buf = io.StringIO()
    fig.savefig(buf, format="svg", metadata={"Date": None, "Creator": "lkjip"}, bbox_inches="tight")
    text = buf.getvalue()
    return re.sub(r"^.*?(<svg)", r"\1", text, count=1, flags=re.S)  # drop XML prolog and doctype


def _wrap(labels: list[str], width: int = 40) -> list[str]:
    return ["\n".join(textwrap.wrap(x, width)[:3]) for x in labels]


def _bars(
    labels: list[str], a: list[float], b: list[float], names: tuple[str, str], xlabel: str, formatter: FuncFormatter
) -> Figure:
    """Paired horizontal bars, first item on top; long labels stay readable."""
    n = len(labels)
    with mpl.rc_context({**STYLE, "axes.grid.axis": "x"}):
        fig = Figure(figsize=(6.3, 0.9 + 0.55 * n), dpi=100)
        ax = fig.add_subplot()
        y = np.arange(n)[::-1]
        h = 0.38
        ax.barh(y + h / 2, a, h, label=names[0], color=LIGHT, edgecolor=DARK, hatch="//", linewidth=0.6)
        ax.barh(y - h / 2, b, h, label=names[1], color=DARK, edgecolor=DARK, linewidth=0.6)
        ax.set_yticks(y, _wrap(labels), fontsize=8)
        ax.set_xlabel(xlabel)
        ax.xaxis.set_major_formatter(formatter)
        ax.set_axisbelow(True)
        ax.legend(frameon=False, ncols=2, loc="lower center", bbox_to_anchor=(0.5, 1.0))
        return fig


def target_realisasi(kinerja: pd.DataFrame, label: str, judul: str) -> Grafik:
    """Target vs realisasi per indicator, as % of target (units differ between indicators)."""
    labels = list(kinerja["uraian"])
    fig = _bars(
        labels,
        [100.0] * len(kinerja),
        list(kinerja["capaian"]),
        ("Target (100%)", "Capaian realisasi (%)"),
        "% terhadap target",
        FuncFormatter(lambda v, _: fmt.angka(v, 0)),
    )
    return Grafik(label, judul, _svg(fig))


def anggaran_realisasi(program: pd.DataFrame, label: str, judul: str) -> Grafik:
    """Anggaran vs realisasi per program, in million Rupiah."""
    fig = _bars(
        list(program["nama"].str.replace("Program ", "", regex=False)),
        list(program["anggaran"] / 1e6),
        list(program["realisasi"] / 1e6),
        ("Anggaran", "Realisasi"),
        "Juta rupiah",
        FuncFormatter(lambda v, _: fmt.angka(v, 0)),
    )
    return Grafik(label, judul, _svg(fig))
