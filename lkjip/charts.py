"""Charts in one house style: print- and greyscale-readable, Indonesian numbers.

Charts are drawn on a bare :class:`matplotlib.figure.Figure` (no pyplot state)
and kept as SVG text with fixed ids and no date, so the same data gives the
same bytes, and the HTML and the PDF show the same picture.
"""

from __future__ import annotations

import io
import re
import textwrap
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any

import matplotlib as mpl
import numpy as np
import pandas as pd
from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter, MaxNLocator

from lkjip import format as fmt
from lkjip.document import Gambar
from lkjip.rounding import shown

if TYPE_CHECKING:
    from matplotlib.typing import RcKeyType

DARK, LIGHT, MID = "#303030", "#b0b0b0", "#707070"
WIDTH = 5.5
"""Inches: the text width of the A4 page (21 cm less the 4 cm and 3 cm margins of Indonesian official
documents, 14 cm). Charts are drawn this wide and printed at 100%, so a point here is a point on paper."""
MIN_PT = 8.0
"""The smallest text on a chart, in points at print size (:data:`WIDTH`)."""
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


def blok(label: str, judul: str, svg_text: str, jenis: str = "grafik") -> Gambar:
    """A numbered chart block of the document model: caption and SVG text."""
    return Gambar(jenis_gambar=jenis, label=label, judul=judul, svg=svg_text, alt=judul)


def svg(fig: Figure) -> str:
    buf = io.StringIO()
    with mpl.rc_context(STYLE):  # svg.hashsalt must be set while saving: fixed ids, same bytes
        fig.savefig(
            buf, format="svg", metadata={"Date": None, "Creator": "lkjip"}, bbox_inches="tight", pad_inches=0.01
        )
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
    labels: list[str],
    a: list[float],
    b: list[float],
    names: tuple[str, str],
    xlabel: str,
    formatter: FuncFormatter,
    nilai: Callable[[float], str] | None = None,
) -> Figure:
    """Paired horizontal bars, first item on top; long labels stay readable.

    ``nilai`` labels each bar of the second series with its value, so a bar too short to see at the
    scale of the others (Rp 2 juta beside Rp 2.606 juta) still shows its figure.
    """
    n = len(labels)
    with mpl.rc_context({**STYLE, "axes.grid.axis": "x"}):
        fig = Figure(figsize=(WIDTH, 0.9 + 0.55 * n), dpi=100, layout="constrained")
        ax = fig.add_subplot()
        y = np.arange(n)[::-1]
        h = 0.38
        ax.barh(y + h / 2, a, h, label=names[0], color=LIGHT, edgecolor=DARK, hatch="//", linewidth=0.6)
        ax.barh(y - h / 2, b, h, label=names[1], color=DARK, edgecolor=DARK, linewidth=0.6)
        top = max([*a, *b, 0.0])
        if nilai is not None:
            for yi, v in zip(y, b, strict=True):
                ax.text(v + top * 0.01, yi - h / 2, nilai(v), va="center", fontsize=MIN_PT, zorder=3)
            ax.set_xlim(0, top * 1.15 if top > 0 else 1)
        ax.set_yticks(y, _wrap(labels), fontsize=MIN_PT)
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
        lambda v: fmt.persen(v),
    )
    return blok(label, judul, svg(fig))


def anggaran_realisasi(program: pd.DataFrame, label: str, judul: str) -> Gambar:
    """Anggaran vs realisasi per program, in million Rupiah."""
    fig = _bars(
        list(program["nama"].str.replace("Program ", "", regex=False)),
        list(program["anggaran"] / 1e6),
        list(program["realisasi"] / 1e6),
        ("Anggaran", "Realisasi"),
        "Juta rupiah",
        FuncFormatter(lambda v, _: fmt.angka(v, 0)),
        lambda v: fmt.angka(v, 1),
    )
    return blok(label, judul, svg(fig))


BAND_GREYS = ("#f2f2f2", "#e0e0e0", "#cccccc", "#b8b8b8", "#a4a4a4")


def capaian_predikat(kinerja: pd.DataFrame, bands: list[tuple[str, float | None]], label: str, judul: str) -> Gambar:
    """Capaian per indicator as bars over the predikat bands (shaded, labelled)."""
    n = len(kinerja)
    values = list(kinerja["capaian"])
    top = max(110.0, max(values, default=0) + 10)
    with mpl.rc_context({**STYLE, "axes.grid": False}):
        fig = Figure(figsize=(WIDTH, 0.9 + 0.5 * n), dpi=100, layout="constrained")
        ax = fig.add_subplot()
        upper = top
        for i, (name, above) in enumerate(bands):
            lower = above if above is not None else min(0.0, min(values, default=0))
            ax.axvspan(lower, upper, color=BAND_GREYS[i % len(BAND_GREYS)], zorder=0, linewidth=0)
            row = 0.55 * (i % 2)  # neighbouring bands' names on alternate lines: narrow bands never overlap
            ax.text((lower + upper) / 2, n - 0.45 + row, plain(name), ha="center", va="bottom", fontsize=MIN_PT,
                    color=DARK)  # fmt: skip
            upper = lower
        y = np.arange(n)[::-1]
        ax.barh(y, values, 0.5, color=DARK, zorder=2)
        for yi, v in zip(y, values, strict=True):
            ax.text(v + 1, yi, fmt.persen(v), va="center", fontsize=MIN_PT, zorder=3)
        ax.set_yticks(y, _wrap(list(kinerja["uraian"])), fontsize=MIN_PT)
        ax.set_xlim(min(0.0, min(values, default=0)), top + 8)
        ax.set_ylim(-0.6, n + 0.45)
        ax.set_xlabel("% capaian")
        ax.xaxis.set_major_formatter(FuncFormatter(lambda v, _: fmt.angka(v, 0)))
        return blok(label, judul, svg(fig))


def antartahun(kinerja: pd.DataFrame, tahun: int, label: str, judul: str) -> Gambar:
    """Realisasi of last year and this year, one row per indicator on its own scale, each bar labelled.

    One column at full width, not a grid of small panels: the indicators' units differ, so each row has
    its own scale from zero to just past its larger value, and the printed values carry the figures.
    """
    n = len(kinerja)
    with mpl.rc_context({**STYLE, "axes.grid": False}):
        fig = Figure(figsize=(WIDTH, 0.3 + 0.95 * n), dpi=100, layout="constrained")
        axes = fig.subplots(max(n, 1), 1, squeeze=False)[:, 0]
        for ax, r in zip(axes, kinerja.to_dict("records"), strict=False):
            vals = [r["realisasi_lalu"], r["realisasi"]]
            lengths = [0.0 if pd.isna(v) else float(v) for v in vals]
            top = max([*lengths, 1.0])
            ax.barh([1, 0], lengths, 0.7, color=[LIGHT, DARK], edgecolor=DARK, hatch=["//", ""], linewidth=0.6)
            for yi, v, w in zip([1, 0], vals, lengths, strict=True):
                ax.text(w + top * 0.01, yi, f"{fmt.nilai(v)} {r['satuan']}".strip(), va="center", fontsize=MIN_PT)
            ax.set_yticks([1, 0], [str(tahun - 1), str(tahun)], fontsize=MIN_PT)
            ax.set_xlim(0, top * 1.3)
            ax.set_xticks([])
            ax.spines["bottom"].set_visible(False)
            ax.set_title(plain(textwrap.shorten(str(r["uraian"]), 95)), fontsize=MIN_PT + 1, loc="left")
        return blok(label, judul, svg(fig))


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
        lambda v: fmt.persen(v),
    )
    return blok(label, judul, svg(fig))


def komposisi_pegawai(status: pd.DataFrame, pendidikan: pd.DataFrame, label: str, judul: str) -> Gambar:
    """Staff by status and by education, stacked by sex."""
    with mpl.rc_context({**STYLE, "axes.grid.axis": "x"}):
        fig = Figure(figsize=(WIDTH, 3.2), dpi=100, layout="constrained")
        axes = fig.subplots(1, 2, gridspec_kw={"width_ratios": [1, 1]})
        # one scale for both panels, a little past the largest bar: a person is as long in each
        most = max([*(status["laki"] + status["perempuan"]), *(pendidikan["laki"] + pendidikan["perempuan"]), 1])
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
            ax.set_yticks(y, [plain(fmt.status_pegawai(x)) for x in frame[key]])
            ax.set_title(title, fontsize=9)
            ax.set_axisbelow(True)  # grid lines behind the bars
            ax.set_xlim(0, most * 1.08)
            ax.xaxis.set_major_locator(MaxNLocator(nbins=5, integer=True))  # people are counted in whole numbers
            ax.xaxis.set_major_formatter(FuncFormatter(lambda v, _: fmt.angka(v, 0)))
            ax.set_xlabel("orang")
        axes[0].legend(frameon=False, ncols=2, loc="lower left", bbox_to_anchor=(0, 1.08), fontsize=MIN_PT)
        return blok(label, judul, svg(fig))
