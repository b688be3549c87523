"""BAB III.B Analisis Capaian Kinerja: per tujuan/sasaran, per indicator, then the supporting programs."""

from __future__ import annotations

import pandas as pd

from lkjip import charts, narasi, narasi_sasaran, narasi_standar, tables, text
from lkjip.document import Daftar
from lkjip.konteks import ANALISIS_PREFIX, narrative_context, programs_of
from lkjip.outline.builder import Blocks, Builder, paragraf, subjudul

ALPHA = "abcdefghijklmnopqrstuvwxyz"


def analisis(b: Builder) -> Blocks:
    h = b.hasil
    out: Blocks = [b.narasi("analisis")]
    tanpa = narasi_standar.tanpa_standar(h.kinerja, b.nama)  # analysis 4: said once when a standard is missing
    if tanpa:
        out.append(paragraf(tanpa))
    awal, akhir = int(b.data.renstra["periode_awal"]), int(b.data.renstra["periode_akhir"])
    if narasi_sasaran.renstra_sama(h.kinerja, b.tahun, akhir):  # said once here, not once per indicator
        out.append(paragraf(narasi_sasaran.renstra_ringkas(h.kinerja, b.tahun, awal, akhir)))
    label = ""
    if not h.pendukung.empty:  # printed once, here; each tujuan/sasaran and III.C refer to its rows by number
        out += [b.narasi("program_pendukung"), b.program_table(f"Anggaran dan Realisasi per Program Tahun {b.tahun}")]
        label = b.tabel_program
    groups = list(h.kinerja.groupby("sasaran", sort=False))
    ragam = narasi_sasaran.Ragam()  # the phrasings used so far, per situation: no sentence keeps coming back
    for i, (kode, group) in enumerate(groups):
        out += _sasaran(b, i, ragam, str(kode), group, label)
    judul = f"Perbandingan Realisasi dengan Tahun {b.tahun - 1}"  # its own heading: not part of the last sasaran
    return [*out, subjudul(judul), *_grafik_antartahun(b)]


PANEL_MIN = 2
"""The year-on-year chart shows only indicators whose realisasi changed; with fewer such panels than this,
the one panel would repeat its indicator's table, so one sentence says what changed instead."""


def _grafik_antartahun(b: Builder) -> Blocks:
    """Realisasi of last year and this year: the changed indicators as panels, the unchanged ones in a sentence."""
    h = b.hasil
    berubah = charts.yang_berubah(h.kinerja)
    tetap = len(h.kinerja) - len(berubah)
    if berubah.empty:
        return [paragraf(narasi.antartahun_tetap(len(h.kinerja), b.tahun))]
    if len(berubah) < PANEL_MIN:
        return [paragraf(narasi.antartahun_satu(berubah.iloc[0], tetap, b.tahun))]
    label = b.grafik(3)
    judul = (
        f"Realisasi Indikator Kinerja yang Berubah dari Tahun {b.tahun - 1} ke {b.tahun}"
        if tetap
        else (f"Realisasi Indikator Kinerja Tahun {b.tahun - 1} dan {b.tahun}")
    )
    out: Blocks = [charts.antartahun(berubah, b.tahun, label, judul)]
    if tetap:
        out.append(paragraf(narasi.antartahun_sisanya(label, tetap, b.tahun)))
    return out


def _sasaran(
    b: Builder, i: int, ragam: narasi_sasaran.Ragam, kode: str, group: pd.DataFrame, tabel_program: str
) -> Blocks:
    """The ``i``-th tujuan/sasaran: its indicators, the causes and strategies, its efficiency and programs."""
    h = b.hasil
    first = group.iloc[0]
    jenis = str(first["sasaran_jenis"])
    nama = [str(x) for x in group["uraian"]]
    out: Blocks = [
        subjudul(f"{ALPHA[i % 26]}. {jenis.capitalize()}: {first['sasaran_uraian']}"),
        paragraf(narasi_sasaran.pengantar(jenis, nama, ragam)),
    ]
    if len(nama) > 1:  # several long names: a numbered list, not a run-in series
        out.append(Daftar(bernomor=True, butir=[[paragraf(x)] for x in nama]))
    tunggal = len(group) == 1
    for r in group.to_dict("records"):
        out += _indikator(b, pd.Series(r), ragam, tunggal)
    name = f"{ANALISIS_PREFIX}{kode}"
    out.append(
        b.narasi(
            name,
            narrative_context(b.data, h, {}, name),
            default=text.default_template("_analisis_sasaran"),
        )
    )
    progs = programs_of(b.data, h, kode)
    kalimat = []
    if not progs.empty:
        nomor = [list(h.program["kode"]).index(k) + 1 for k in progs["kode"]]  # rows of the one program table
        semua = len(progs) == len(h.pendukung)
        kalimat.append(
            narasi_sasaran.program(
                jenis, list(progs["nama"]), nomor, semua, tabel_program, ragam, str(first["sasaran_uraian"])
            )
        )
    eff = h.efisiensi.set_index("sasaran")
    if kode in eff.index:
        kalimat.append(narasi_sasaran.efisiensi(eff.loc[kode], ragam))
    if kalimat:
        out.append(paragraf(" ".join(kalimat)))
    return out


def _indikator(b: Builder, row: pd.Series, urutan: narasi_sasaran.Ragam, tunggal: bool) -> Blocks:
    akhir = int(b.data.renstra["periode_akhir"])
    ringkas = narasi_sasaran.renstra_sama(b.hasil.kinerja, b.tahun, akhir)  # the sentence is in B's introduction
    return [
        paragraf(narasi_sasaran.capaian(row, b.tahun, urutan, tunggal)),
        tables.antartahun(
            row,
            b.tahun,
            b.tabel(3),
            f"Perbandingan Realisasi {row['uraian']} Tahun {b.tahun - 1} dan {b.tahun}",
            b.src("capaian"),
        ),
        paragraf(narasi_sasaran.antartahun(row, b.tahun, urutan)),
        tables.renstra(
            row, b.tahun, akhir, b.tabel(3), f"Capaian {row['uraian']} terhadap Target Akhir Renstra", b.src("capaian")
        ),
        *([] if ringkas else [paragraf(narasi_sasaran.renstra(row, b.tahun, akhir, urutan))]),
        *([paragraf(narasi_standar.banding(row, b.tahun))] if narasi_standar.punya_standar(row) else []),
    ]
