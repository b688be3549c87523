"""BAB III Akuntabilitas Kinerja: capaian, efisiensi, pengadaan, prestasi and inovasi.

The analysis per tujuan/sasaran (III.B) is in :mod:`lkjip.outline.analisis`.
"""

from __future__ import annotations

from lkjip import calc, charts, narasi, narasi_sasaran, tables
from lkjip import format as fmt
from lkjip.document import Run
from lkjip.outline import program
from lkjip.outline.builder import Blocks, Builder, paragraf, subjudul

JUDUL_EFISIENSI = "Analisis Efisiensi"
JUDUL_PENGADAAN = "Perbandingan anggaran dan realisasi pengadaan barang dan jasa"
"""The subheadings of III.C as the reference has them (its "Analisa" spelled as KBBI writes it)."""


def akuntabilitas(b: Builder) -> Blocks:
    return [b.narasi("akuntabilitas")]


def capaian_organisasi(b: Builder) -> Blocks:
    h = b.hasil
    tercapai = int(h.kinerja["tercapai"].sum())
    melampaui = narasi_sasaran.jumlah_melampaui(h.kinerja["capaian"])
    subjek = "rata-rata capaian kinerja" if len(h.kinerja) > 1 else "capaian kinerja"
    label = b.tabel(3)
    label_capaian = b.tabel(3)
    return [
        b.narasi("capaian_organisasi"),
        tables.skala(h.skala, label, "Skala Nilai Peringkat Kinerja", b.src("skala_predikat")),
        paragraf(narasi.skala(h.skala, label)),
        tables.capaian(
            h.kinerja,
            h.rata_rata,
            h.predikat,
            label_capaian,
            f"Capaian Indikator Kinerja Tahun {b.tahun}",
            b.src("capaian"),
        ),
        paragraf(
            f"Berdasarkan {label_capaian}, {subjek} Kecamatan {b.nama} tahun {b.tahun} sebesar "
            f"{fmt.persen_teks(h.rata_rata)} dengan predikat ",
            Run(teks=h.predikat, tebal=True),
            f". {narasi.tercapai(len(h.kinerja), tercapai, melampaui)}",
        ),
        tables.distribusi(h.distribusi, b.tabel(3), f"Predikat Kinerja Tahun {b.tahun}", b.src("capaian")),
        *_grafik_capaian(b),
    ]


def _grafik_capaian(b: Builder) -> Blocks:
    """Target vs realisasi and capaian vs the predikat scale; one sentence instead when every capaian is the same."""
    h = b.hasil
    if charts.seragam(h.kinerja["capaian"]):  # every bar at one height: the charts would say nothing more
        return [paragraf(narasi.capaian_seragam(h.kinerja))]
    return [
        charts.target_realisasi(h.kinerja, b.grafik(3), f"Target dan Realisasi Indikator Kinerja Tahun {b.tahun}"),
        charts.capaian_predikat(
            h.kinerja,
            [(x.predikat, x.above) for x in h.skala.bands],
            b.grafik(3),
            f"Capaian Indikator Kinerja terhadap Skala Predikat Tahun {b.tahun}",
        ),
    ]


def efisiensi(b: Builder) -> Blocks:
    h = b.hasil
    label: str = ""
    if b.tabel_program:  # printed in III.B: referred to, not repeated
        grafik = b.grafik(3)
        rincian: Blocks = [paragraf(narasi.rincian_program(b.tabel_program, grafik))]
    else:
        rincian, grafik = [b.program_table(f"Anggaran dan Realisasi per Program Tahun {b.tahun}")], b.grafik(3)
    return [
        b.narasi("efisiensi"),
        *rincian,
        charts.anggaran_realisasi(h.program, grafik, f"Anggaran dan Realisasi per Program Tahun {b.tahun}"),
        *program.efektivitas(b),
        subjudul(JUDUL_EFISIENSI),
        b.narasi("efisiensi_analisis"),
        tables.efisiensi(
            h.efisiensi,
            h.efisiensi_total,
            label := b.tabel(3),
            f"Tingkat Efisiensi Penggunaan Sumber Daya Tahun {b.tahun}",
            b.src("efisiensi"),
        ),
        *_grafik_efisiensi(b, label),
        b.narasi("efisiensi_kesimpulan"),
        *program.analisis_program(b),
        subjudul(JUDUL_PENGADAAN),  # its own heading, as the reference has it: not an item of the last program
        b.narasi("pengadaan"),
        *_pengadaan(b),
    ]


def _grafik_efisiensi(b: Builder, tabel: str) -> Blocks:
    """Capaian vs serapan per tujuan/sasaran, unless the bars all lie within a narrow band (``charts.sempit``).

    Such bars look alike on a 0-100 axis, and the table ``tabel`` just above gives each figure and their
    difference exactly: the chart is left out, without a sentence narrating the table (the conclusion under
    it interprets the figures).
    """
    e = b.hasil.efisiensi
    e = e[e["serapan"].notna()]
    if e.empty:
        return []
    nilai = [*e["capaian"], *e["serapan"]]
    if charts.seragam(nilai):
        return []  # the table above says it all; its Keterangan and the conclusion below name the outcome
    if charts.sempit(nilai):
        return []  # the bars would look alike; the table gives each figure and its Tingkat Efisiensi exactly
    judul = f"Capaian Kinerja dan Serapan Anggaran per Tujuan/Sasaran Tahun {b.tahun}"
    return [charts.efisiensi(e, b.grafik(3), judul)]


def _pengadaan(b: Builder) -> Blocks:
    p = b.data.pengadaan
    if p is None:
        return []
    eff = calc.efisiensi_pengadaan(int(p["rencana"]), int(p["realisasi"]))
    judul = f"Rencana dan Realisasi Pengadaan Barang/Jasa Tahun {b.tahun}"
    return [tables.pengadaan(eff, b.tabel(3), judul, b.src("pengadaan"))]


def prestasi(b: Builder) -> Blocks:
    d = b.data
    out: Blocks = [b.narasi("prestasi")]
    if not d.penghargaan.empty:
        judul = f"Prestasi dan Penghargaan Kecamatan {b.nama} Tahun {b.tahun}"
        out.append(tables.penghargaan(d.penghargaan, b.tabel(3), judul, b.src("penghargaan")))
    out += [subjudul("Inovasi"), b.narasi("inovasi")]
    if not d.inovasi.empty:
        out.append(
            tables.inovasi(d.inovasi, b.tabel(3), f"Inovasi Kecamatan {b.nama} Tahun {b.tahun}", b.src("inovasi"))
        )
    return out
