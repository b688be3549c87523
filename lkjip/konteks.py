"""The narrative context: the placeholders of narrative templates and overrides, from the computed figures.

Shared by the outline (which renders the narratives) and by the check of the
analyst's overrides (:mod:`lkjip.overrides`, which trial-renders them), so
neither imports the other. Values are formatted (:mod:`lkjip.format`) and data
text is made literal (:func:`teks`); nothing here draws or lays out.
"""

from __future__ import annotations

import string
from pathlib import Path
from typing import Any

import pandas as pd
from markupsafe import Markup

from lkjip import calc, daftar_lampiran, narasi, narasi_sasaran
from lkjip import format as fmt
from lkjip.dataset import KecamatanData
from lkjip.hasil import Hasil

ANALISIS_PREFIX = "analisis_"
"""Override files ``analisis_<kode>.md`` hold the causes and strategies of one tujuan/sasaran."""


def programs_of(data: KecamatanData, h: Hasil, kode: str) -> pd.DataFrame:
    """The programs that support tujuan/sasaran ``kode``, with their budget figures."""
    links = data.program_sasaran
    codes = list(dict.fromkeys(links.loc[links["sasaran"] == kode, "program"]))
    return h.program.set_index("kode").loc[codes].reset_index()


def narrative_context(data: KecamatanData, h: Hasil, ctx: dict[str, Any], name: str) -> dict[str, Any]:
    """The placeholders of section ``name``: :func:`konteks` plus ``program`` in an ``analisis_<kode>`` section."""
    if not name.startswith(ANALISIS_PREFIX):
        return ctx
    kode = name.removeprefix(ANALISIS_PREFIX)
    return {**ctx, "program": [teks(x) for x in programs_of(data, h, kode)["nama"]]}


def konteks(data: KecamatanData, h: Hasil, folder: Path | None = None) -> dict[str, Any]:
    """Placeholders for narrative templates and overrides (documented in data/README.md).

    ``folder``, the kecamatan-year folder, tells what the Lampiran holds (``lampiran_teks``).
    """
    d, p = data, data.profil
    status = d.pegawai_status.set_index("status")
    belanja = d.belanja.set_index("jenis")["anggaran"] if not d.belanja.empty else pd.Series(dtype=int)
    eff = h.efisiensi[h.efisiensi["serapan"].notna()]
    peng = d.pengadaan
    peng_eff = calc.efisiensi_pengadaan(int(peng["rencana"]), int(peng["realisasi"])) if peng is not None else None
    n = len(h.kinerja)
    tercapai = int(h.kinerja["tercapai"].sum())
    melampaui = narasi_sasaran.jumlah_melampaui(h.kinerja["capaian"])
    rows = h.kinerja.to_dict("records")
    belum = [(str(teks(r["uraian"])), fmt.persen_teks(r["capaian"])) for r in rows if not r["tercapai"]]
    return {
        "nama": teks(d.nama),
        "lampiran_teks": teks(daftar_lampiran.isi_teks(folder, d.slug, d.tahun)),
        "kabupaten": teks(d.kabupaten["nama"]),
        "letak": _opsional(d.letak),
        "jumlah_kecamatan": int(d.kabupaten["jumlah_kecamatan"]),
        "regulasi": regulasi(d.regulasi),
        "tugas": tugas(d.tugas_fungsi),
        "tahun": d.tahun,
        "tahun_lalu": d.tahun - 1,
        "alamat": teks(p["alamat"]),
        "camat": teks(p["camat_nama"]),
        "pangkat": teks(p["camat_pangkat"]),
        "nip": teks(p["camat_nip"]),
        "tempat_ttd": teks(p["tempat_ttd"]),
        "tanggal_ttd": fmt.bulan_tahun(p["tanggal_ttd"]),
        "luas_ha": fmt.nilai(p["luas_ha"]),
        "luas_km2": fmt.nilai(p["luas_ha"] / 100),
        "jumlah_desa": int(p["jumlah_desa"]),
        "jumlah_kelurahan": int(p["jumlah_kelurahan"]),
        "jumlah_kadus": _jumlah(p["jumlah_kadus"]),
        "jumlah_rw": _jumlah(p["jumlah_rw"]),
        "jumlah_rt": _jumlah(p["jumlah_rt"]),
        "wilayah_teks": narasi.wilayah(
            int(p["jumlah_desa"]),
            int(p["jumlah_kelurahan"]),
            _jumlah(p["jumlah_kadus"]),
            _jumlah(p["jumlah_rw"]),
            _jumlah(p["jumlah_rt"]),
        ),
        "penduduk_jumlah": fmt.angka(p["penduduk_jumlah"]),
        "penduduk_laki": fmt.angka(p["penduduk_laki"]),
        "penduduk_perempuan": fmt.angka(p["penduduk_perempuan"]),
        "desa_terbanyak": None if pd.isna(p["desa_terbanyak"]) else teks(p["desa_terbanyak"]),
        "penduduk_desa_terbanyak": fmt.angka(p["penduduk_desa_terbanyak"]),
        "desa_tersedikit": None if pd.isna(p["desa_tersedikit"]) else teks(p["desa_tersedikit"]),
        "penduduk_desa_tersedikit": fmt.angka(p["penduduk_desa_tersedikit"]),
        "pegawai_jumlah": int(status[["laki", "perempuan"]].to_numpy().sum()),
        "pegawai_asn": int(status.loc["ASN", ["laki", "perempuan"]].sum()) if "ASN" in status.index else 0,
        "pegawai_non_asn": int(status.loc["Non ASN", ["laki", "perempuan"]].sum()) if "Non ASN" in status.index else 0,
        "organisasi": [
            {"unit": teks(u["unit"]), "induk_dalam": pd.notna(u["induk"]) and u["induk"] != _root(d.organisasi)}
            for u in d.organisasi.sort_values("urutan").to_dict("records")
        ],
        "periode_awal": int(d.renstra["periode_awal"]),
        "periode_akhir": int(d.renstra["periode_akhir"]),
        "visi": teks(d.renstra["visi"]),
        "visi_penjelasan": _opsional(d.renstra.get("visi_penjelasan")),
        "misi": [{k: _opsional(v) for k, v in m.items()} for m in d.misi.to_dict("records")],
        "misi_terkait": [str(m["nomor"]) for m in d.misi.to_dict("records") if m["terkait"]],
        "isu_strategis": "" if pd.isna(d.renstra["isu_strategis"]) else teks(d.renstra["isu_strategis"]),
        "jumlah_indikator": n,
        "indikator_turun": [teks(r["uraian"]) for r in rows if r["polaritas"] == calc.TURUN],
        "jumlah_tercapai": tercapai,
        "tercapai_teks": narasi.tercapai(n, tercapai, melampaui),
        "capaian_teks": Markup(  # generated around the escaped predikat names of the data's scale
            narasi.capaian_indikator(
                h.distribusi.assign(predikat=h.distribusi["predikat"].map(teks)), tercapai, melampaui
            )
        ),
        "langkah_teks": Markup(narasi.langkah(belum)),  # generated around the escaped uraian
        "rata_rata": fmt.persen_teks(h.rata_rata),
        "predikat": teks(h.predikat),
        "distribusi": [{k: teks(v) for k, v in r.items()} for r in h.distribusi.to_dict("records")],
        "jumlah_sasaran": len(eff),
        "jumlah_efisien": int(eff["efisien"].sum()),
        "sasaran_efisien": [teks(x) for x in eff.loc[eff["efisien"], "sasaran_uraian"]],
        "tingkat_efisiensi": fmt.persen_teks(h.efisiensi_total["tingkat"]),
        "efisiensi_teks": narasi.efisiensi_ringkas(h.efisiensi),
        "efisiensi_keseluruhan": narasi.efisiensi_keseluruhan(h.efisiensi_total),
        "efisiensi_ikhtisar": narasi.efisiensi_ikhtisar(h.efisiensi, h.efisiensi_total),
        "anggaran": fmt.rupiah(h.total["anggaran"]),
        "realisasi": fmt.rupiah(h.total["realisasi"]),
        "serapan": fmt.persen_teks(h.total["serapan"]),
        "anggaran_operasional": fmt.rupiah(belanja.get("operasional")),
        "anggaran_modal": fmt.rupiah(belanja.get("modal")),
        "jumlah_program": len(h.program),
        "jumlah_program_pendukung": len(h.pendukung),
        "anggaran_pendukung": fmt.rupiah(h.total_pendukung["anggaran"]),
        "realisasi_pendukung": fmt.rupiah(h.total_pendukung["realisasi"]),
        "serapan_pendukung": fmt.persen_teks(h.total_pendukung["serapan"]),
        "program_di_atas_80": int((h.pendukung["serapan"] > 80).sum()),
        "pengadaan_rencana": None if peng_eff is None else fmt.rupiah(peng_eff["rencana"]),
        "pengadaan_realisasi": None if peng_eff is None else fmt.rupiah(peng_eff["realisasi"]),
        "pengadaan_selisih": None if peng_eff is None else fmt.rupiah(peng_eff["selisih"]),
        "pengadaan_persen": None if peng_eff is None else fmt.persen_teks(peng_eff["persen"]),
        "jumlah_penghargaan": len(d.penghargaan),
        "jumlah_inovasi": len(d.inovasi),
    }


def _jumlah(value: Any) -> int | None:
    return None if pd.isna(value) else int(value)


def regulasi(frame: pd.DataFrame) -> dict[str, dict[str, Any]]:
    """The ``regulasi`` placeholder: each regulation of ``regulasi.csv`` by its kunci.

    ``sebutan`` names it as the text cites it ("Peraturan Bupati Banyumas Nomor
    68 Tahun 2018"), ``judul`` adds its title ("... tentang Kedudukan, ...");
    ``jenis``, ``nomor``, ``tahun`` and ``tentang`` are the columns.
    """
    out: dict[str, dict[str, Any]] = {}
    for r in frame.to_dict("records"):
        sebutan = f"{r['jenis']} Nomor {r['nomor']} Tahun {int(r['tahun'])}"
        out[str(r["kunci"])] = {
            "jenis": teks(r["jenis"]),
            "nomor": teks(r["nomor"]),
            "tahun": int(r["tahun"]),
            "tentang": teks(r["tentang"]),
            "sebutan": teks(sebutan),
            "judul": teks(f"{sebutan} tentang {r['tentang']}"),
        }
    return out


def tugas(frame: pd.DataFrame) -> Any:
    """The ``tugas`` placeholder: the camat's tugas as the regulation words it (its one row of tugas_fungsi.csv)."""
    rows = frame.loc[frame["jenis"] == "tugas", "teks"] if len(frame) else pd.Series(dtype=object)
    return teks(" ".join(str(x) for x in rows))


_LITERAL = frozenset(string.punctuation)


def teks(value: Any) -> Any:
    """Data text for a narrative template: shown as written, never Markdown or HTML.

    Narrative templates are Markdown (rendered, then sanitised by
    :func:`lkjip.text.render`), and data text such as an indicator's uraian is
    placed into them. Every ASCII punctuation character becomes a numeric
    character reference, which CommonMark treats as literal text and HTML
    shows as the character: ``Waktu < 15 menit`` stays text, ``<b>``, ``*``,
    ``[a](b)`` or ``#`` in data make no markup. Line breaks become spaces, so a
    value cannot start a Markdown block. Anything but a string is returned
    as it is. The result is :class:`~markupsafe.Markup`, so an autoescaping
    template would not escape it twice.
    """
    if not isinstance(value, str):
        return value
    flat = " ".join(value.split())
    return Markup("".join(f"&#{ord(c)};" if c in _LITERAL else c for c in flat))


def _opsional(value: Any) -> Any:
    """An optional data cell for a template: None when empty (so ``{% if %}`` reads it), else as :func:`teks`."""
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return None
    return teks(value)


def _root(org: pd.DataFrame) -> str:
    roots = org.loc[org["induk"].isna(), "kode"]
    return str(roots.iloc[0]) if len(roots) else ""


PLACEHOLDER_NAMES = (
    "nama", "kabupaten", "jumlah_kecamatan", "regulasi", "tugas", "tahun", "tahun_lalu", "alamat", "camat", "pangkat",
    "nip", "tempat_ttd", "tanggal_ttd", "letak", "luas_ha", "luas_km2", "jumlah_desa", "jumlah_kelurahan",
    "jumlah_kadus", "jumlah_rw", "jumlah_rt", "wilayah_teks", "penduduk_jumlah", "penduduk_laki", "penduduk_perempuan",
    "desa_terbanyak", "penduduk_desa_terbanyak", "desa_tersedikit", "penduduk_desa_tersedikit", "pegawai_jumlah",
    "pegawai_asn", "pegawai_non_asn", "organisasi", "periode_awal", "periode_akhir", "visi", "visi_penjelasan",
    "misi", "misi_terkait", "isu_strategis", "jumlah_indikator", "indikator_turun", "jumlah_tercapai",
    "tercapai_teks", "capaian_teks", "langkah_teks", "rata_rata", "predikat", "distribusi", "jumlah_sasaran",
    "jumlah_efisien",
    "sasaran_efisien", "tingkat_efisiensi", "efisiensi_teks", "efisiensi_keseluruhan",
    "efisiensi_ikhtisar", "anggaran", "realisasi",
    "serapan", "anggaran_operasional", "anggaran_modal", "jumlah_program", "jumlah_program_pendukung",
    "anggaran_pendukung", "realisasi_pendukung", "serapan_pendukung", "program_di_atas_80", "pengadaan_rencana",
    "pengadaan_realisasi", "pengadaan_selisih", "pengadaan_persen", "jumlah_penghargaan", "jumlah_inovasi",
    "lampiran_teks",
)  # fmt: skip
"""The placeholders of :func:`konteks`, documented for analysts (a test keeps them equal)."""

PLACEHOLDERS_EXTRA = {"program"}
"""Placeholders that exist only in ``analisis_<kode>`` sections."""
