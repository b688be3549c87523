"""Presentation of tables: calculated frames in, model tables (:class:`lkjip.document.Tabel`) out.

Every number in a table is formatted here, with :mod:`lkjip.format`, and
nowhere else; a cell holds text runs, never markup.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import pandas as pd

from lkjip import format as fmt
from lkjip.document import Kolom, Run, Sel, Tabel
from lkjip.predikat import PredikatScale

_KIND: dict[str, Kolom] = {"kiri": "teks", "kanan": "angka", "tengah": "label"}


def _cell(value: object, kind: Kolom = "teks") -> Sel:
    """A body cell: one line of text; in a figures column the run is marked as a number."""
    text = "" if value is None else str(value)
    return Sel(isi=[[Run(teks=text, angka=kind == "angka")]] if text else [])


def _lines(values: Sequence[str]) -> Sel:
    """A cell of several lines (one indicator per line)."""
    return Sel(isi=[[Run(teks=v)] for v in values] or [[Run(teks=fmt.DASH)]])


def _h(text: str, colspan: int = 1, rowspan: int = 1) -> Sel:
    return Sel(isi=[[Run(teks=text)]], colspan=colspan, rowspan=rowspan)


def _head(*labels: str) -> list[list[Sel]]:
    return [[_h(x) for x in labels]]


def _table(
    label: str,
    judul: str,
    kepala: list[list[Sel]],
    baris: Sequence[Sequence[object]],
    ratakan: list[str],
    kaki: Sequence[Sequence[object]] | None = None,
    sumber: str | None = None,
    lebar: list[int] | None = None,
) -> Tabel:
    """A model table from rows of text (or ready :class:`Sel`), aligned per column: kiri, tengah, kanan."""
    kinds = [_KIND[a] for a in ratakan]

    def row(values: Sequence[object]) -> list[Sel]:
        return [v if isinstance(v, Sel) else _cell(v, kinds[i]) for i, v in enumerate(values)]

    return Tabel(
        label=label,
        judul=judul,
        kepala=kepala,
        baris=[row(r) for r in baris],
        kaki=[row(r) for r in kaki or []],
        kolom=kinds,
        lebar=lebar,
        sumber=sumber,
    )


# ---------------------------------------------------------------- Bab I


def pegawai(rekap: pd.DataFrame, label_kolom: str, label: str, judul: str, sumber: str | None) -> Tabel:
    """Staff by status or by education, with a Jumlah row."""
    body, total = rekap.iloc[:-1], rekap.iloc[-1]
    key = rekap.columns[0]
    rows = [
        [f"{i}.", fmt.status_pegawai(r[key]), fmt.angka(r["laki"]), fmt.angka(r["perempuan"]), fmt.angka(r["jumlah"])]
        for i, r in enumerate(body.to_dict("records"), 1)
    ]
    foot = [["", "Jumlah", fmt.angka(total["laki"]), fmt.angka(total["perempuan"]), fmt.angka(total["jumlah"])]]
    return _table(
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
    return _table(
        label, judul, _head("No.", "Jenis Kelamin", "Jumlah (jiwa)"), rows, ["tengah", "kiri", "kanan"], foot, sumber
    )


# ---------------------------------------------------------------- Bab II


def perjanjian_kinerja(kinerja: pd.DataFrame, label: str, judul: str, sumber: str | None) -> Tabel:
    rows = [
        [f"{i}.", r["sasaran_uraian"], r["uraian"], r["satuan"], fmt.nilai(r["target"])]
        for i, r in enumerate(kinerja.to_dict("records"), 1)
    ]
    return _table(
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
    return _table(
        label, judul, _head("No.", "Program", "Rencana Anggaran (Rp)"), rows, ["tengah", "kiri", "kanan"], foot, sumber
    )


# ---------------------------------------------------------------- Bab III A


def skala(scale: PredikatScale, label: str, judul: str, sumber: str | None) -> Tabel:
    rows = [[str(i), b.text, b.predikat] for i, b in enumerate(scale.bands, 1)]
    return _table(
        label,
        judul,
        _head("No", "Skala Nilai", "Predikat Kinerja"),
        rows,
        ["tengah", "tengah", "kiri"],
        sumber=sumber,
        lebar=[10, 45, 45],
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
    return _table(label, judul, head, rows, align, foot, sumber, lebar=[5, 22, 24, 7, 8, 9, 12, 13])


def distribusi(dist: pd.DataFrame, label: str, judul: str, sumber: str | None = None) -> Tabel:
    rows = [
        [f"{i}.", r["predikat"], fmt.angka(r["jumlah"]), fmt.persen(r["persen"], sign=False)]
        for i, r in enumerate(dist.to_dict("records"), 1)
    ]
    foot = [["", "Jumlah Indikator", fmt.angka(dist["jumlah"].sum()), fmt.persen(dist["persen"].sum(), sign=False)]]
    return _table(
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
    return _table(label, judul, head, rows, ["kiri", "tengah", "kanan", "kanan", "tengah"], sumber=sumber)


def renstra(r: pd.Series, tahun: int, akhir: int, label: str, judul: str, sumber: str | None) -> Tabel:
    head = [
        [
            _h("Indikator Kinerja", rowspan=2),
            _h("Satuan", rowspan=2),
            _h(f"Capaian Tahun {tahun}", colspan=3),
            _h(f"Target Akhir Renstra ({akhir})", rowspan=2),
            _h("Capaian terhadap Target Akhir Renstra (%)", rowspan=2),
        ],
        [_h("Target"), _h("Realisasi"), _h("%")],
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
    return _table(
        label, judul, head, rows, ["kiri", "tengah", "kanan", "kanan", "kanan", "kanan", "kanan"], sumber=sumber
    )


# ---------------------------------------------------------------- Bab III B/C


def anggaran_program(
    program: pd.DataFrame,
    total: pd.Series,
    label: str,
    judul: str,
    sumber: str | None,
    subtotal: tuple[str, pd.Series] | None = None,
) -> Tabel:
    """Anggaran, realisasi and serapan per program with the Jumlah row, and a labelled subtotal above it."""
    rows = [
        [f"{i}.", r["nama"], fmt.angka(r["anggaran"]), fmt.angka(r["realisasi"]), fmt.persen(r["serapan"], sign=False)]
        for i, r in enumerate(program.to_dict("records"), 1)
    ]

    def sums(name: str, t: pd.Series) -> list[str]:
        return ["", name, fmt.angka(t["anggaran"]), fmt.angka(t["realisasi"]), fmt.persen(t["serapan"], sign=False)]

    foot = [*([sums(*subtotal)] if subtotal else []), sums("Jumlah", total)]
    head = _head("No.", "Program", "Anggaran (Rp)", "Realisasi (Rp)", "Serapan (%)")
    return _table(label, judul, head, rows, ["tengah", "kiri", "kanan", "kanan", "kanan"], foot, sumber)


def efisiensi(eff: pd.DataFrame, total: pd.Series, label: str, judul: str, sumber: str | None) -> Tabel:
    """Tingkat efisiensi per tujuan/sasaran; the Jumlah row counts each supporting program once."""

    def keterangan(r: dict[str, Any] | pd.Series) -> str:  # the label of calc.nilai_efisiensi, '' if not judged
        label = str(r["keterangan"])
        return label[:1].upper() + label[1:] if label else fmt.DASH

    rows = [
        [
            f"{i}.",
            r["sasaran_uraian"],
            fmt.angka(r["jumlah_indikator"]),
            fmt.persen(r["capaian"], sign=False),
            fmt.persen(r["serapan"], sign=False),
            fmt.persen(r["tingkat"], sign=False),
            keterangan(r),
        ]
        for i, r in enumerate(eff.to_dict("records"), 1)
    ]
    foot = [
        [
            "",
            "Jumlah",
            fmt.angka(total["jumlah_indikator"]),
            fmt.persen(total["capaian"], sign=False),
            fmt.persen(total["serapan"], sign=False),
            fmt.persen(total["tingkat"], sign=False),
            keterangan(total),
        ]
    ]
    # "rata-rata" only where a row averages several indicators (the Jumlah row is the mean of the rows above)
    rata = "Rata-rata " if (eff["jumlah_indikator"] > 1).any() else ""
    head = _head(
        "No",
        "Tujuan/Sasaran Strategis",
        "Jumlah Indikator",
        f"{rata}Capaian Kinerja (%)",
        "Serapan Anggaran (%)",
        "Tingkat Efisiensi (%)",
        "Keterangan",
    )
    align = ["tengah", "kiri", "kanan", "kanan", "kanan", "kanan", "kiri"]
    return _table(label, judul, head, rows, align, foot, sumber, lebar=[5, 34, 9, 11, 11, 11, 19])


def pengadaan(p: pd.Series, label: str, judul: str, sumber: str | None = None) -> Tabel:
    figures = [fmt.angka(p["rencana"]), fmt.angka(p["realisasi"]), fmt.angka(p["selisih"])]
    rows = [[*figures, fmt.persen(p["persen"], sign=False)]]
    head = _head("Rencana Pengadaan (Rp)", "Realisasi Pengadaan (Rp)", "Efisiensi (Rp)", "Efisiensi (%)")
    return _table(label, judul, head, rows, ["kanan"] * 4, sumber=sumber)


# ---------------------------------------------------------------- Bab II, III D


def tujuan_sasaran(
    indikator: pd.DataFrame, sasaran: pd.DataFrame, akhir: int, label: str, judul: str, sumber: str | None
) -> Tabel:
    """Tujuan/sasaran of the Renstra with their indicators and end targets."""
    rows = []
    for s in sasaran.to_dict("records"):
        mine = indikator[indikator["sasaran"] == s["kode"]]
        names = _lines([str(x) for x in mine["uraian"]])  # one line per indicator
        units = _lines([str(u) for u in mine["satuan"]])
        targets = _lines([fmt.nilai(t) for t in mine["target_akhir_renstra"]])
        rows.append([s["jenis"].capitalize(), s["uraian"], names, units, targets])
    head = _head("Jenis", "Tujuan/Sasaran", "Indikator Kinerja", "Satuan", f"Target Akhir Renstra ({akhir})")
    return _table(label, judul, head, rows, ["kiri", "kiri", "kiri", "tengah", "kanan"], sumber=sumber)


def iku(indikator: pd.DataFrame, sasaran: pd.DataFrame, label: str, judul: str, sumber: str | None) -> Tabel:
    names = dict(zip(sasaran["kode"], sasaran["uraian"], strict=True))
    rows = [
        [names.get(r["sasaran"], r["sasaran"]), r["uraian"], _text(r["formulasi"]), _text(r["sumber_data"])]
        for r in indikator.to_dict("records")
    ]
    head = _head("Tujuan/Sasaran", "Indikator Kinerja", "Formulasi", "Sumber Data")
    return _table(label, judul, head, rows, ["kiri", "kiri", "kiri", "kiri"], sumber=sumber)


def _text(value: object) -> str:
    return fmt.DASH if value is None or (isinstance(value, float) and pd.isna(value)) else str(value)


def penghargaan(frame: pd.DataFrame, label: str, judul: str, sumber: str | None = None) -> Tabel:
    rows = [[f"{r['nomor']}.", r["nama"], r["pemberi"]] for r in frame.to_dict("records")]
    head = _head("No.", "Nama Penghargaan", "Instansi Pemberi")
    return _table(label, judul, head, rows, ["tengah", "kiri", "kiri"], sumber=sumber)


def inovasi(frame: pd.DataFrame, label: str, judul: str, sumber: str | None = None) -> Tabel:
    rows = [[f"{r['nomor']}.", r["nama"], r["latar_belakang"], r["manfaat"]] for r in frame.to_dict("records")]
    head = _head("No.", "Nama Inovasi", "Latar Belakang", "Manfaat")
    # the background is a long paragraph: it takes half the width, so the row is not a page tall
    return _table(label, judul, head, rows, ["tengah", "kiri", "kiri", "kiri"], sumber=sumber, lebar=[6, 18, 50, 26])
