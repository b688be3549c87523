"""BAB III.C, the programs: the efektivitas table with its conclusion, and the Analisis Program.

"Analisis Program yang mendukung capaian target kinerja" is generated from the
budget hierarchy (``kegiatan.csv``, ``subkegiatan.csv``) and the upaya yang
ditempuh (``upaya.csv``): one numbered item per supporting program, in the
order of ``program.csv``, with its kegiatan, their sub-kegiatan and the upaya,
names exactly as the data writes them. Amounts, where the data has them,
follow each kegiatan and sub-kegiatan.
"""

from __future__ import annotations

import pandas as pd

from lkjip import efektivitas as ef
from lkjip import format as fmt
from lkjip import narasi_program as nar
from lkjip.document import Blok, Daftar, Kolom, Run, Sel, Tabel
from lkjip.outline.builder import Blocks, Builder, paragraf, subjudul
from lkjip.ragam import ragam

JUDUL_ANALISIS = "Analisis Program yang mendukung capaian target kinerja"


def efektivitas(b: Builder) -> Blocks:
    """The efektivitas table (anggaran vs capaian per tujuan/sasaran) and the conclusion that follows from it."""
    d = b.data
    frame = ef.per_sasaran(b.hasil.kinerja, d.program, d.program_sasaran)
    if frame.empty:
        return []
    total = ef.jumlah(b.hasil.kinerja, d.program, d.program_sasaran)
    label = b.tabel(3)
    return [
        paragraf(
            "Untuk mengetahui efektivitas anggaran terhadap capaian kinerja, capaian kinerja setiap tujuan/sasaran "
            f"tahun {b.tahun} dibandingkan dengan realisasi anggaran program yang mendukungnya, sebagai berikut:"
        ),
        tabel_efektivitas(
            frame, total, label, f"Efektivitas Anggaran terhadap Capaian Kinerja Tahun {b.tahun}", b.src("efisiensi")
        ),
        *(paragraf(s) for s in nar.efektivitas(frame, total, label, b.tahun, b.nama)),
    ]


def _sel(text: str, angka: bool = False) -> Sel:
    return Sel(isi=[[Run(teks=text, angka=angka)]] if text else [])


def tabel_efektivitas(
    frame: pd.DataFrame, total: pd.Series, label: str, judul: str, sumber: str | None = None
) -> Tabel:
    """The reference's columns: indicators, capaian, realisasi anggaran in rupiah and in % of the anggaran.

    The total row counts each supporting program once.
    """
    kolom: list[Kolom] = ["label", "teks", "angka", "angka", "angka", "angka"]
    head = [
        "No",
        "Tujuan/Sasaran Strategis",
        "Jumlah Indikator",
        "Capaian Kinerja (%)",
        "Realisasi Anggaran (Rp)",
        "Realisasi Anggaran (%)",
    ]

    def cells(no: str, name: str, r: pd.Series | dict[str, object]) -> list[Sel]:
        values = [
            fmt.angka(r["jumlah_indikator"]),  # type: ignore[arg-type]
            fmt.persen(r["capaian"], sign=False),  # type: ignore[arg-type]
            fmt.angka(r["realisasi"]),  # type: ignore[arg-type]
            fmt.persen(r["serapan"], sign=False),  # type: ignore[arg-type]
        ]
        return [_sel(no), _sel(name), *(_sel(v, angka=True) for v in values)]

    rows = [cells(f"{i}.", str(r["sasaran_uraian"]), r) for i, r in enumerate(frame.to_dict("records"), 1)]
    return Tabel(
        label=label,
        judul=judul,
        kepala=[[_sel(h) for h in head]],
        baris=rows,
        kaki=[cells("", "Jumlah", total)],
        kolom=kolom,
        lebar=[5, 42, 11, 12, 18, 12],  # the rupiah column wide enough for 359.874.000 in print
        sumber=sumber,
    )


def analisis_program(b: Builder) -> Blocks:
    """The supporting programs with their kegiatan, sub-kegiatan and upaya; nothing when the data has none."""
    d = b.data
    pendukung = d.program[d.program["kode"].isin(d.program_sasaran["program"])]
    items: list[list[Blok]] = []
    for p in pendukung.to_dict("records"):
        kode = str(p["kode"])
        item = _program(str(p["nama"]), _of(d.kegiatan, kode), _of(d.subkegiatan, kode), _of(d.upaya, kode), len(items))
        if item:
            items.append(item)
    if not items:
        return []
    return [
        subjudul(JUDUL_ANALISIS),
        paragraf(
            "Keberhasilan pencapaian kinerja tidak terlepas dari dukungan program dan kegiatan. Program yang "
            f"mendukung capaian target kinerja Kecamatan {b.nama} tahun {b.tahun}, beserta kegiatan, subkegiatan "
            "dan upaya yang ditempuh, diuraikan sebagai berikut:"
        ),
        Daftar(bernomor=True, rapat=False, butir=items),
    ]


def _of(frame: pd.DataFrame, kode: str) -> pd.DataFrame:
    return frame[frame["program"] == kode] if not frame.empty else frame


def _daftar(texts: list[str]) -> Daftar:
    return Daftar(bernomor=True, butir=[[paragraf(t)] for t in texts])


def _upaya(upaya: pd.DataFrame, lead: str = "Upaya yang ditempuh:") -> list[Blok]:
    if upaya.empty:
        return []
    return [paragraf(lead), _daftar([str(u) for u in upaya.sort_values("nomor")["uraian"]])]


def _subs(subs: pd.DataFrame, amounts: bool = True) -> list[str]:
    return [
        str(s["nama"]) + (nar.angka_rincian(s["anggaran"], s["realisasi"]) if amounts else "")
        for s in subs.to_dict("records")
    ]


def _program(nama: str, keg: pd.DataFrame, sub: pd.DataFrame, upaya: pd.DataFrame, urutan: int = 0) -> list[Blok]:
    """One program's item: its name, its kegiatan (with their sub-kegiatan and own upaya), the program's upaya.

    ``urutan`` (the item's position) varies the lead of a single kegiatan, which every program may have.
    """
    if keg.empty and upaya.empty:
        return []
    out: list[Blok] = [paragraf(Run(teks=nama, tebal=True))]
    keg = keg.sort_values("nomor") if not keg.empty else keg
    per_program = upaya[upaya["kegiatan"].isna()] if not upaya.empty else upaya
    if len(keg) == 1:
        k = keg.iloc[0]
        lead = ragam(
            urutan,
            "program.kegiatan",
            f"Program ini dilaksanakan melalui kegiatan {k['nama']}",
            f"Dalam pelaksanaannya, program ini didukung oleh kegiatan {k['nama']}",
            f"Program ini dijalankan dengan kegiatan {k['nama']}",
        )
        out += _kegiatan(k, sub, upaya, lead=lead)
    elif len(keg) > 1:
        out.append(paragraf(f"Program ini dilaksanakan melalui {fmt.hitungan(len(keg), 'kegiatan')}:"))
        out.append(
            Daftar(
                bernomor=True,
                rapat=False,
                butir=[_kegiatan(k, sub, upaya, lead=str(k["nama"])) for _, k in keg.iterrows()],
            )
        )
    lead = "Upaya yang ditempuh dalam program ini:" if len(keg) > 1 else "Upaya yang ditempuh:"
    return out + _upaya(per_program, lead)


def _kegiatan(k: pd.Series, sub: pd.DataFrame, upaya: pd.DataFrame, lead: str) -> list[Blok]:
    """A kegiatan: the lead sentence with its amounts, its sub-kegiatan, and the upaya recorded for it."""
    subs = sub[sub["kegiatan"] == k["nomor"]].sort_values("nomor") if not sub.empty else sub
    own = upaya[upaya["kegiatan"] == k["nomor"]] if not upaya.empty else upaya
    amounts = nar.angka_rincian(k["anggaran"], k["realisasi"])
    out: list[Blok]
    if subs.empty:
        out = [paragraf(f"{lead}{amounts}.")]
    elif len(subs) == 1:
        # a single sub-kegiatan carries its kegiatan's amounts (the sums are checked): they are not repeated
        out = [paragraf(f"{lead}{amounts}, yang dijabarkan dalam subkegiatan {_subs(subs, not amounts)[0]}.")]
    else:
        out = [
            paragraf(f"{lead}{amounts}, yang dijabarkan dalam {fmt.hitungan(len(subs), 'subkegiatan')}:"),
            _daftar(_subs(subs)),
        ]
    return out + _upaya(own)
