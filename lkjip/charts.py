"""Charts in one house style: print- and greyscale-readable, Indonesian numbers.

Charts are drawn on a bare :class:`matplotlib.figure.Figure` (no pyplot state)
and kept as SVG text with fixed ids and no date, so the same data gives the
same bytes, and the HTML and the PDF show the same picture.
"""

from __future__ import annotations

import io
import re
import textwrap
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

import matplotlib as mpl
import numpy as np
import pandas as pd
from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter

from lkjip import format as fmt
from lkjip.document import Gambar
from lkjip.rounding import shown

if TYPE_CHECKING:
    from matplotlib.typing import RcKeyType

DARK, LIGHT, MID = "#303030", "#b0b0b0", "#707070"
STYLE: dict[RcKeyType, Any] = {
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


def _block(label: str, judul: str, svg_text: str, jenis: str = "grafik") -> Gambar:
    """A numbered chart block of the document model: caption and SVG text."""
    return Gambar(jenis_gambar=jenis, label=label, judul=judul, svg=svg_text, alt=judul)


def svg(fig: Figure) -> str:
    buf = io.StringIO()
    with mpl.rc_context(STYLE):  # svg.hashsalt must be set while saving: fixed ids, same bytes
        fig.savefig(buf, format="svg", metadata={"Date": None, "Creator": "lkjip"}, bbox_inches="tight")
    text = buf.getvalue()
    return re.sub(r"^.*?(<svg)", r"\1", text, count=1, flags=re.S)  # drop XML prolog and doctype


def plain(text: str) -> str:
    """Data text as matplotlib must show it: a ``$`` would otherwise start mathtext (and can fail the chart).

    The SVG writer escapes ``<``, ``&`` and quotes itself (``svg.fonttype: none`` keeps text as text).
    """
    return str(text).replace("$", r"\$")


def _wrap(labels: list[str], width: int = 40) -> list[str]:
    return [plain("\n".join(textwrap.wrap(str(x), width)[:3])) for x in labels]


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


def seragam(values: Iterable[float]) -> bool:
    """Whether bars of these values would all stand at one height as printed (two decimals): no information."""
    return len({shown(float(v)) for v in values}) <= 1


SEMPIT = 1.0
"""Bars of a % chart (axis 0 to about 100) that all lie within this many percentage points differ by
at most one hundredth of the axis, under 1,5 mm on the printed page: the chart shows bars of one length,
and the table beside it already gives every figure exactly."""


def sempit(values: Iterable[float], lebar: float = SEMPIT) -> bool:
    """Whether these printed % values all lie within ``lebar`` percentage points (:data:`SEMPIT`).

    A chart of such bars carries no information its table does not give exactly: it is replaced by one
    sentence that refers to the table.
    """
    shown_ = [shown(float(v)) for v in values]
    return not shown_ or max(shown_) - min(shown_) <= lebar


def _berubah(a: float, b: float) -> bool:
    return bool(pd.isna(a) or pd.isna(b) or shown(float(a)) != shown(float(b)))


def yang_berubah(kinerja: pd.DataFrame) -> pd.DataFrame:
    """The indicators whose realisasi differs from last year's as printed (or one of the two is missing).

    The year-on-year chart shows only these: a panel of two equal bars says "unchanged", which the
    indicator's own table (realisasi 2022, 2023, "tetap") already says.
    """
    mask = [_berubah(a, b) for a, b in zip(kinerja["realisasi"], kinerja["realisasi_lalu"], strict=True)]
    return kinerja[mask]


def berubah(kinerja: pd.DataFrame) -> bool:
    """Whether any indicator's realisasi differs from last year's (else the year-on-year chart says nothing)."""
    return not yang_berubah(kinerja).empty


def target_realisasi(kinerja: pd.DataFrame, label: str, judul: str) -> Gambar:
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
    return _block(label, judul, svg(fig))


def anggaran_realisasi(program: pd.DataFrame, label: str, judul: str) -> Gambar:
    """Anggaran vs realisasi per program, in million Rupiah."""
    fig = _bars(
        list(program["nama"].str.replace("Program ", "", regex=False)),
        list(program["anggaran"] / 1e6),
        list(program["realisasi"] / 1e6),
        ("Anggaran", "Realisasi"),
        "Juta rupiah",
        FuncFormatter(lambda v, _: fmt.angka(v, 0)),
    )
    return _block(label, judul, svg(fig))


BAND_GREYS = ("#f2f2f2", "#e0e0e0", "#cccccc", "#b8b8b8", "#a4a4a4")


def capaian_predikat(kinerja: pd.DataFrame, bands: list[tuple[str, float | None]], label: str, judul: str) -> Gambar:
    """Capaian per indicator as bars over the predikat bands (shaded, labelled)."""
    n = len(kinerja)
    values = list(kinerja["capaian"])
    top = max(110.0, max(values, default=0) + 10)
    with mpl.rc_context({**STYLE, "axes.grid": False}):
        fig = Figure(figsize=(6.3, 0.9 + 0.5 * n), dpi=100)
        ax = fig.add_subplot()
        upper = top
        for i, (name, above) in enumerate(bands):
            lower = above if above is not None else min(0.0, min(values, default=0))
            ax.axvspan(lower, upper, color=BAND_GREYS[i % len(BAND_GREYS)], zorder=0, linewidth=0)
            ax.text((lower + upper) / 2, n - 0.35, plain(name), ha="center", va="bottom", fontsize=6.5, color=MID)
            upper = lower
        y = np.arange(n)[::-1]
        ax.barh(y, values, 0.5, color=DARK, zorder=2)
        for yi, v in zip(y, values, strict=True):
            ax.text(v + 1, yi, fmt.persen(v), va="center", fontsize=7.5, zorder=3)
        ax.set_yticks(y, _wrap(list(kinerja["uraian"])), fontsize=8)
        ax.set_xlim(min(0.0, min(values, default=0)), top + 8)
        ax.set_ylim(-0.6, n - 0.1)
        ax.set_xlabel("% capaian")
        ax.xaxis.set_major_formatter(FuncFormatter(lambda v, _: fmt.angka(v, 0)))
        return _block(label, judul, svg(fig))


def antartahun(kinerja: pd.DataFrame, tahun: int, label: str, judul: str) -> Gambar:
    """Realisasi of last year and this year, one small panel per indicator in its own unit."""
    n = len(kinerja)
    cols = min(3, max(n, 1))
    rows = -(-n // cols)
    with mpl.rc_context(STYLE):
        fig = Figure(figsize=(6.3, 0.4 + 1.9 * rows), dpi=100)
        axes = fig.subplots(rows, cols, squeeze=False)
        for ax, r in zip(axes.flat, kinerja.to_dict("records"), strict=False):
            vals = [r["realisasi_lalu"], r["realisasi"]]
            shown_vals = [0 if pd.isna(v) else v for v in vals]
            ax.bar([0, 1], shown_vals, 0.6, color=[LIGHT, DARK], edgecolor=DARK, hatch=["//", ""], linewidth=0.6)
            for x, v in enumerate(vals):
                ax.text(x, shown_vals[x], fmt.nilai(v), ha="center", va="bottom", fontsize=7)
            ax.set_xticks([0, 1], [str(tahun - 1), str(tahun)])
            ax.set_title(plain("\n".join(textwrap.wrap(r["uraian"], 30)[:3])), fontsize=7)
            ax.set_ylim(0, max([*shown_vals, 1]) * 1.25)
            ax.yaxis.set_major_formatter(FuncFormatter(lambda v, _: fmt.angka(v, 0)))
            ax.tick_params(labelsize=7)
        for ax in list(axes.flat)[n:]:
            ax.set_visible(False)
        fig.subplots_adjust(hspace=0.9, wspace=0.45)
        return _block(label, judul, svg(fig))


def efisiensi(eff: pd.DataFrame, label: str, judul: str) -> Gambar:
    """Capaian vs serapan per tujuan/sasaran; the gap is the tingkat efisiensi."""
    e = eff[eff["serapan"].notna()]
    fig = _bars(
        list(e["sasaran_uraian"]),
        list(e["capaian"]),
        list(e["serapan"]),
        ("Capaian kinerja (%)", "Serapan anggaran (%)"),
        "%",
        FuncFormatter(lambda v, _: fmt.angka(v, 0)),
    )
    return _block(label, judul, svg(fig))


def komposisi_pegawai(status: pd.DataFrame, pendidikan: pd.DataFrame, label: str, judul: str) -> Gambar:
    """Staff by status and by education, stacked by sex."""
    with mpl.rc_context({**STYLE, "axes.grid.axis": "x"}):
        fig = Figure(figsize=(6.3, 3.2), dpi=100)
        axes = fig.subplots(1, 2, gridspec_kw={"width_ratios": [1, 1.3]})
        for ax, frame, key, title in (
            (axes[0], status, "status", "Menurut status"),
            (axes[1], pendidikan, "pendidikan", "Menurut pendidikan"),
        ):
            y = np.arange(len(frame))[::-1]
            ax.barh(y, frame["laki"], 0.6, label="Laki-laki", color=DARK)
            ax.barh(
                y,
                frame["perempuan"],
                0.6,
                left=frame["laki"],
                label="Perempuan",
                color=LIGHT,
                edgecolor=DARK,
                hatch="//",
                linewidth=0.6,
            )
            ax.set_yticks(y, [plain(x) for x in frame[key]])
            ax.set_title(title, fontsize=8.5)
            ax.xaxis.set_major_formatter(FuncFormatter(lambda v, _: fmt.angka(v, 0)))
            ax.set_xlabel("orang")
        axes[0].legend(frameon=False, ncols=2, loc="lower left", bbox_to_anchor=(0, 1.08), fontsize=8)
        fig.subplots_adjust(hspace=0.9, wspace=0.45)
        return _block(label, judul, svg(fig))


def struktur_organisasi(units: pd.DataFrame, label: str, judul: str) -> Gambar:
    """Organisation chart from ``organisasi.csv``: the root, its children in a row, grandchildren below."""
    units = units.sort_values("urutan")
    root = units[units["induk"].isna()].iloc[0]
    children = units[units["induk"] == root["kode"]]
    width = max(len(children), 1)
    with mpl.rc_context({**STYLE, "axes.grid": False}):
        depth = max((len(units[units["induk"] == c]) for c in children["kode"]), default=0)
        fig = Figure(figsize=(6.3, 1.9 + 0.75 * depth), dpi=100)
        ax = fig.add_subplot()
        ax.set_axis_off()
        ax.set_xlim(0, width)
        ax.set_ylim(1.55 - 0.65 * depth, 3.2)

        def box(x: float, y: float, text: str, w: float = 0.94) -> None:
            ax.add_patch(
                mpl.patches.Rectangle((x - w / 2, y - 0.26), w, 0.52, facecolor="white", edgecolor=DARK, linewidth=0.8)
            )
            label = plain("\n".join(textwrap.wrap(text, 12)[:5]))
            ax.text(x, y, label, ha="center", va="center", fontsize=5.6, linespacing=1.1)

        box(width / 2, 2.9, root["unit"], 1.4)
        ax.plot([width / 2, width / 2], [2.68, 2.45], color=DARK, linewidth=0.8)
        xs = [i + 0.5 for i in range(len(children))]
        if xs:
            ax.plot([xs[0], xs[-1]], [2.45, 2.45], color=DARK, linewidth=0.8)
        for x, (_, child) in zip(xs, children.iterrows(), strict=True):
            ax.plot([x, x], [2.45, 2.16], color=DARK, linewidth=0.8)
            box(x, 1.9, child["unit"])
            grand = units[units["induk"] == child["kode"]]
            for j, (_, g) in enumerate(grand.iterrows()):
                gy = 1.2 - j * 0.65
                ax.plot([x, x], [gy + 0.39, gy + 0.26], color=DARK, linewidth=0.8)
                box(x, gy, g["unit"])
        return _block(label, judul, svg(fig), "bagan")
