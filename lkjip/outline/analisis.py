"""BAB III.B Analisis Capaian Kinerja: per tujuan/sasaran, per indicator, then the supporting programs."""

from __future__ import annotations

import pandas as pd

from lkjip import calc, charts, narasi, tables, text
from lkjip import format as fmt
from lkjip.konteks import ANALISIS_PREFIX, narrative_context, programs_of
from lkjip.outline.builder import Blocks, Builder, paragraf, subjudul

ALPHA = "abcdefghijklmnopqrstuvwxyz"


def analisis(b: Builder) -> Blocks:
    h = b.hasil
    out: Blocks = [b.narasi("analisis")]
    groups = list(h.kinerja.groupby("sasaran", sort=False))
    for i, (kode, group) in enumerate(groups):
        out += _sasaran(b, i, str(kode), group)
    out.append(
        charts.antartahun(
            h.kinerja, b.tahun, b.grafik(3), f"Realisasi Indikator Kinerja Tahun {b.tahun - 1} dan {b.tahun}"
        )
    )
    out.append(b.narasi("program_pendukung"))
    out.append(
        tables.anggaran_program(
            h.pendukung,
            h.total_pendukung,
            b.tabel(3),
            f"Anggaran dan Realisasi Program Pendukung Tujuan dan Sasaran Tahun {b.tahun}",
            b.src("realisasi_anggaran"),
        )
    )
    return out


def _sasaran(b: Builder, i: int, kode: str, group: pd.DataFrame) -> Blocks:
    """One tujuan/sasaran: its indicators, the causes and strategies, its efficiency and programs."""
    h = b.hasil
    first = group.iloc[0]
    out: Blocks = [
        subjudul(f"{ALPHA[i % 26]}. {first['sasaran_jenis'].capitalize()}: {first['sasaran_uraian']}"),
        paragraf(
            f"Untuk mencapai {first['sasaran_jenis']} {first['sasaran_uraian']} "
            f"ditetapkan {fmt.hitungan(len(group), 'indikator')}: {'; '.join(group['uraian'])}."
        ),
    ]
    for r in group.to_dict("records"):
        out += _indikator(b, pd.Series(r))
    name = f"{ANALISIS_PREFIX}{kode}"
    out.append(
        b.narasi(
            name,
            narrative_context(b.data, h, {}, name),
            default=text.default_template("_analisis_sasaran"),
        )
    )
    eff = h.efisiensi.set_index("sasaran")
    if kode in eff.index:
        out.append(paragraf(narasi.efisiensi(eff.loc[kode])))
    progs = programs_of(b.data, h, kode)
    if not progs.empty:
        out.append(
            tables.anggaran_program(
                progs,
                calc.jumlah(progs),
                b.tabel(3),
                f"Program Pendukung {first['sasaran_uraian']} Tahun {b.tahun}",
                b.src("realisasi_anggaran"),
            )
        )
    return out


def _indikator(b: Builder, row: pd.Series) -> Blocks:
    akhir = int(b.data.renstra["periode_akhir"])
    return [
        paragraf(narasi.capaian(row, b.tahun)),
        tables.antartahun(
            row,
            b.tahun,
            b.tabel(3),
            f"Perbandingan Realisasi {row['uraian']} Tahun {b.tahun - 1} dan {b.tahun}",
            b.src("capaian"),
        ),
        paragraf(narasi.antartahun(row, b.tahun)),
        tables.renstra(
            row, b.tahun, akhir, b.tabel(3), f"Capaian {row['uraian']} terhadap Target Akhir Renstra", b.src("capaian")
        ),
        paragraf(narasi.renstra(row, b.tahun, akhir)),
    ]
