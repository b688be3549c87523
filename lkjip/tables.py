"""Presentation of tables: calculated frames in, formatted :class:`Tabel` out.

A :class:`Tabel` displays itself in Jupyter as HTML (``tabel.html.j2``); every
number in it is formatted here, with :mod:`lkjip.format`, and nowhere else.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd
from markupsafe import Markup, escape

from lkjip import format as fmt
from lkjip.predikat import PredikatScale
from lkjip.templating import render

BR = Markup("<br>")
"""The only markup a table cell may hold; everything else in a cell is text and is escaped."""


@dataclass(frozen=True)
class Sel:
    """A header cell."""

    teks: str
    colspan: int = 1
    rowspan: int = 1


@dataclass(frozen=True)
class Tabel:
    """A numbered table with caption, header rows, body, footer and source line."""

    label: str  # "Tabel 3.2"
    judul: str
    kepala: list[list[Sel]]
    baris: list[list[str]]
    ratakan: list[str]  # per column: "kiri", "tengah", "kanan"
    kaki: list[list[str]] = field(default_factory=list)
    sumber: str | None = None
    lebar: list[int] | None = None  # column widths in %, so text columns are not squeezed by numbers

    @property
    def anchor(self) -> str:
        return self.label.lower().replace(" ", "-").replace(".", "-")

    def _repr_html_(self) -> str:
        return render("tabel.html.j2", t=self)


def _head(*labels: str) -> list[list[Sel]]:
    return [[Sel(x) for x in labels]]


# ---------------------------------------------------------------- Bab I


def pegawai(rekap: pd.DataFrame, label_kolom: str, label: str, judul: str, sumber: str | None) -> Tabel:
    """Staff by status or by education, with a Jumlah row."""
    body, total = rekap.iloc[:-1], rekap.iloc[-1]
    key = rekap.columns[0]
    rows = [
        [f"{i}.", r[key], fmt.angka(r["laki"]), fmt.angka(r["perempuan"]), fmt.angka(r["jumlah"])]
        for i, r in enumerate(body.to_dict("records"), 1)
    ]
    foot = [["", "Jumlah", fmt.angka(total["laki"]), fmt.angka(total["perempuan"]), fmt.angka(total["jumlah"])]]
    return Tabel(
        label,
        judul,
        _head("No.", label_kolom, "Laki-laki", "Perempuan", "Jumlah"),
        rows,
        ["tengah", "kiri", "kanan", "kanan", "kanan"],
        foot,
        sumber,
    )


def penduduk(profil: pd.Series, label: str, judul: str, sumber: str | None = None) -> Tabel:
    rows = [
        ["1.", "Laki-laki", fmt.angka(profil["penduduk_laki"])],
        ["2.", "Perempuan", fmt.angka(profil["penduduk_perempuan"])],
    ]
    foot = [["", "Jumlah", fmt.angka(profil["penduduk_jumlah"])]]
    return Tabel(
        label, judul, _head("No.", "Jenis Kelamin", "Jumlah (jiwa)"), rows, ["tengah", "kiri", "kanan"], foot, sumber
    )


# ---------------------------------------------------------------- Bab II


def perjanjian_kinerja(kinerja: pd.DataFrame, label: str, judul: str, sumber: str | None) -> Tabel:
    rows = [
        [f"{i}.", r["sasaran_uraian"], r["uraian"], r["satuan"], fmt.nilai(r["target"])]
        for i, r in enumerate(kinerja.to_dict("records"), 1)
    ]
    return Tabel(
        label,
        judul,
        _head("No.", "Tujuan/Sasaran Strategis", "Indikator Kinerja", "Satuan", "Target"),
        rows,
        ["tengah", "kiri", "kiri", "tengah", "kanan"],
        sumber=sumber,
    )


def rencana_anggaran(program: pd.DataFrame, total: pd.Series, label: str, judul: str, sumber: str | None) -> Tabel:
    rows = [[f"{i}.", r["nama"], fmt.angka(r["anggaran"])] for i, r in enumerate(program.to_dict("records"), 1)]
    foot = [["", "Jumlah", fmt.angka(total["anggaran"])]]
    return Tabel(
        label, judul, _head("No.", "Program", "Rencana Anggaran (Rp)"), rows, ["tengah", "kiri", "kanan"], foot, sumber
    )


# ---------------------------------------------------------------- Bab III A


def skala(scale: PredikatScale, label: str, judul: str, sumber: str | None) -> Tabel:
    rows = [[str(i), b.text, b.predikat] for i, b in enumerate(scale.bands, 1)]
    return Tabel(
        label, judul, _head("No", "Skala Nilai", "Predikat Kinerja"), rows, ["tengah", "tengah", "kiri"], sumber=sumber
    )


def capaian(
    kinerja: pd.DataFrame, rata: float, predikat_rata: str, label: str, judul: str, sumber: str | None
) -> Tabel:
    rows = [
        [
            f"{i}.",
            r["sasaran_uraian"],
            r["uraian"],
            r["satuan"],
            fmt.nilai(r["target"]),
            fmt.nilai(r["realisasi"]),
            fmt.persen(r["capaian"], sign=False),
            r["predikat"],
        ]
        for i, r in enumerate(kinerja.to_dict("records"), 1)
    ]
    foot = [["", "Rata-rata Capaian", "", "", "", "", fmt.persen(rata, sign=False), predikat_rata]]
    head = _head(
        "No",
        "Tujuan/Sasaran Strategis",
        "Indikator Kinerja",
        "Satuan",
        "Target",
        "Realisasi",
        "Capaian (%)",
        "Predikat Kinerja",
    )
    align = ["tengah", "kiri", "kiri", "tengah", "kanan", "kanan", "kanan", "kiri"]
    return Tabel(label, judul, head, rows, align, foot, sumber, lebar=[5, 22, 24, 7, 8, 9, 12, 13])


def distribusi(dist: pd.DataFrame, label: str, judul: str, sumber: str | None = None) -> Tabel:
    rows = [
        [f"{i}.", r["predikat"], fmt.angka(r["jumlah"]), fmt.persen(r["persen"], sign=False)]
        for i, r in enumerate(dist.to_dict("records"), 1)
    ]
    foot = [["", "Jumlah Indikator", fmt.angka(dist["jumlah"].sum()), fmt.persen(dist["persen"].sum(), sign=False)]]
    return Tabel(
        label,
        judul,
        _head("No", "Predikat", "Jumlah Indikator", "%"),
        rows,
        ["tengah", "kiri", "kanan", "kanan"],
        foot,
        sumber,
    )


def antartahun(r: pd.Series, tahun: int, label: str, judul: str, sumber: str | None) -> Tabel:
    head = _head("Indikator Kinerja", "Satuan", f"Realisasi {tahun - 1}", f"Realisasi {tahun}", "Perubahan")
    rows = [
        [
            r["uraian"],
            r["satuan"],
            fmt.nilai(r["realisasi_lalu"]),
            fmt.nilai(r["realisasi"]),
            r["perubahan"] or fmt.DASH,
        ]
    ]
    return Tabel(label, judul, head, rows, ["kiri", "tengah", "kanan", "kanan", "tengah"], sumber=sumber)


def renstra(r: pd.Series, tahun: int, akhir: int, label: str, judul: str, sumber: str | None) -> Tabel:
    head = [
        [
            Sel("Indikator Kinerja", rowspan=2),
            Sel("Satuan", rowspan=2),
            Sel(f"Capaian Tahun {tahun}", colspan=3),
            Sel(f"Target Akhir Renstra ({akhir})", rowspan=2),
            Sel("Capaian terhadap Target Akhir Renstra (%)", rowspan=2),
        ],
        [Sel("Target"), Sel("Realisasi"), Sel("%")],
    ]
    rows = [
        [
            r["uraian"],
            r["satuan"],
            fmt.nilai(r["target"]),
            fmt.nilai(r["realisasi"]),
            fmt.persen(r["capaian"], sign=False),
            fmt.nilai(r["target_akhir_renstra"]),
            fmt.persen(r["capaian_renstra"], sign=False),
        ]
    ]
    return Tabel(
        label, judul, head, rows, ["kiri", "tengah", "kanan", "kanan", "kanan", "kanan", "kanan"], sumber=sumber
    )


# ---------------------------------------------------------------- Bab III B/C


def anggaran_program(program: pd.DataFrame, total: pd.Series, label: str, judul: str, sumber: str | None) -> Tabel:
    """Anggaran, realisasi and serapan per program with the Jumlah row."""
    rows = [
        [f"{i}.", r["nama"], fmt.angka(r["anggaran"]), fmt.angka(r["realisasi"]), fmt.persen(r["serapan"], sign=False)]
        for i, r in enumerate(program.to_dict("records"), 1)
    ]
    foot = [
        [
            "",
            "Jumlah",
            fmt.angka(total["anggaran"]),
            fmt.angka(total["realisasi"]),
            fmt.persen(total["serapan"], sign=False),
        ]
    ]
    head = _head("No.", "Program", "Anggaran (Rp)", "Realisasi (Rp)", "Serapan (%)")
    return Tabel(label, judul, head, rows, ["tengah", "kiri", "kanan", "kanan", "kanan"], foot, sumber)


def efisiensi(eff: pd.DataFrame, total: pd.Series, label: str, judul: str, sumber: str | None) -> Tabel:
    """Tingkat efisiensi per tujuan/sasaran; the Jumlah row counts each supporting program once."""

    def keterangan(r: dict | pd.Series) -> str:
        if pd.isna(r["serapan"]):
            return fmt.DASH
        return "Efisien" if r["efisien"] else "Tidak efisien"

    rows = [
        [
            f"{i}.",
            r["sasaran_uraian"],
            fmt.angka(r["jumlah_indikator"]),
            fmt.persen(r["capaian"]),
            fmt.persen(r["serapan"]),
            fmt.persen(r["tingkat"]),
            keterangan(r),
        ]
        for i, r in enumerate(eff.to_dict("records"), 1)
    ]
    foot = [
        [
            "",
            "Jumlah",
            fmt.angka(total["jumlah_indikator"]),
            fmt.persen(total["capaian"]),
            fmt.persen(total["serapan"]),
            fmt.persen(total["tingkat"]),
            keterangan(total),
        ]
    ]
    head = _head(
        "No",
        "Tujuan/Sasaran Strategis",
        "Jumlah Indikator",
        "Rata-rata Capaian Kinerja",
        "Serapan Anggaran",
        "Tingkat Efisiensi",
        "Keterangan",
    )
    align = ["tengah", "kiri", "kanan", "kanan", "kanan", "kanan", "kiri"]
    return Tabel(label, judul, head, rows, align, foot, sumber, lebar=[6, 38, 10, 12, 11, 11, 12])


def pengadaan(p: pd.Series, label: str, judul: str, sumber: str | None = None) -> Tabel:
    rows = [[fmt.angka(p["rencana"]), fmt.angka(p["realisasi"]), fmt.angka(p["selisih"]), fmt.persen(p["persen"])]]
    head = _head("Rencana Pengadaan (Rp)", "Realisasi Pengadaan (Rp)", "Efisiensi (Rp)", "Efisiensi (%)")
    return Tabel(label, judul, head, rows, ["kanan"] * 4, sumber=sumber)


# ---------------------------------------------------------------- Bab II, III D


def tujuan_sasaran(
    indikator: pd.DataFrame, sasaran: pd.DataFrame, akhir: int, label: str, judul: str, sumber: str | None
) -> Tabel:
    """Tujuan/sasaran of the Renstra with their indicators and end targets."""
    rows = []
    for s in sasaran.to_dict("records"):
        mine = indikator[indikator["sasaran"] == s["kode"]]
        # one line per indicator: each data value escaped, only the <br> between them is markup
        names = BR.join(escape(str(x)) for x in mine["uraian"]) or fmt.DASH
        targets = (
            BR.join(
                escape(f"{fmt.nilai(t)} {u}") for t, u in zip(mine["target_akhir_renstra"], mine["satuan"], strict=True)
            )
            or fmt.DASH
        )
        rows.append([s["jenis"].capitalize(), s["uraian"], names, targets])
    head = _head("Jenis", "Tujuan/Sasaran", "Indikator Kinerja", f"Target Akhir Renstra ({akhir})")
    return Tabel(label, judul, head, rows, ["kiri", "kiri", "kiri", "kanan"], sumber=sumber)


def iku(indikator: pd.DataFrame, sasaran: pd.DataFrame, label: str, judul: str, sumber: str | None) -> Tabel:
    names = dict(zip(sasaran["kode"], sasaran["uraian"], strict=True))
    rows = [
        [names.get(r["sasaran"], r["sasaran"]), r["uraian"], _text(r["formulasi"]), _text(r["sumber_data"])]
        for r in indikator.to_dict("records")
    ]
    head = _head("Tujuan/Sasaran", "Indikator Kinerja", "Formulasi", "Sumber Data")
    return Tabel(label, judul, head, rows, ["kiri", "kiri", "kiri", "kiri"], sumber=sumber)


def _text(value: object) -> str:
    return fmt.DASH if value is None or (isinstance(value, float) and pd.isna(value)) else str(value)


def penghargaan(frame: pd.DataFrame, label: str, judul: str, sumber: str | None = None) -> Tabel:
    rows = [[f"{r['nomor']}.", r["nama"], r["pemberi"]] for r in frame.to_dict("records")]
    head = _head("No.", "Nama Penghargaan", "Instansi Pemberi")
    return Tabel(label, judul, head, rows, ["tengah", "kiri", "kiri"], sumber=sumber)


def inovasi(frame: pd.DataFrame, label: str, judul: str, sumber: str | None = None) -> Tabel:
    rows = [[f"{r['nomor']}.", r["nama"], r["latar_belakang"], r["manfaat"]] for r in frame.to_dict("records")]
    head = _head("No.", "Nama Inovasi", "Latar Belakang", "Manfaat")
    return Tabel(label, judul, head, rows, ["tengah", "kiri", "kiri", "kiri"], sumber=sumber)
