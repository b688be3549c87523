"""The sample budget hierarchy of one kecamatan and year: kegiatan, sub-kegiatan and upaya of each program.

Every sample program gets a complete hierarchy with amounts, so that the sums
(:mod:`lkjip.rules.hierarki`) are exercised on all 26 sample kecamatan: the
sub-kegiatan add up to their kegiatan and the kegiatan to their program,
anggaran and realisasi alike, and no part spends more than its anggaran. The
names follow the kecamatan nomenclature of Permendagri 90/2019 as the
reference LKjIP writes them; SIPD codes are left empty (the reference gives
none). Drawn from a generator of its own (``{seed}:{slug}:{tahun}:kegiatan``),
so the other sample figures do not change with it.
"""

from __future__ import annotations

import random
from typing import Any

Row = dict[str, Any]

# program code -> (kegiatan name, sub-kegiatan names), then the upaya yang ditempuh
HIERARKI: dict[str, tuple[tuple[tuple[str, tuple[str, ...]], ...], tuple[str, ...]]] = {
    "P1": (
        (
            ("Perencanaan, Penganggaran, dan Evaluasi Kinerja Perangkat Daerah",
             ("Penyusunan Dokumen Perencanaan Perangkat Daerah", "Evaluasi Kinerja Perangkat Daerah")),
            ("Administrasi Keuangan Perangkat Daerah", ("Penyediaan Gaji dan Tunjangan ASN",)),
            ("Administrasi Umum Perangkat Daerah",
             ("Penyediaan Peralatan dan Perlengkapan Kantor", "Penyediaan Bahan Logistik Kantor")),
        ),
        (),
    ),
    "P2": (
        (
            ("Pelaksanaan Urusan Pemerintahan yang Dilimpahkan kepada Camat",
             ("Pelaksanaan Urusan Pemerintahan yang terkait dengan Non perijinan",
              "Pelaksanaan Urusan Pemerintahan yang terkait dengan Kewenangan Lain yang Dilimpahkan")),
        ),
        ("Melayani seluruh pemohon pelayanan", "Melakukan monitoring dan evaluasi pelayanan di desa/kelurahan"),
    ),
    "P3": (
        (
            ("Koordinasi Kegiatan Pemberdayaan Desa",
             ("Peningkatan Partisipasi Masyarakat dalam Forum Musyawarah Perencanaan Pembangunan di Desa",
              "Peningkatan Efektifitas Kegiatan Pemberdayaan Masyarakat di wilayah Kecamatan")),
        ),
        ("Penyelenggaraan forum musyawarah perencanaan pembangunan di desa",
         "Penyelenggaraan fasilitasi pemberdayaan masyarakat"),
    ),
    "P4": (
        (
            ("Koordinasi Upaya Penyelenggaraan Ketenteraman dan Ketertiban Umum",
             ("Sinergitas dengan Kepolisian Negara Republik Indonesia, Tentara Nasional Indonesia dan Instansi "
              "Vertikal di Wilayah Kecamatan",
              "Harmonisasi Hubungan dengan Tokoh Agama dan Tokoh Masyarakat")),
            ("Koordinasi Penerapan dan Penegakan Peraturan Daerah dan Peraturan Kepala Daerah",
             ("Koordinasi sinergi dengan Perangkat Daerah yang Tugas dan Fungsinya di Bidang Penegakan Peraturan "
              "Perundang-undangan dan/atau Kepolisian Negara Republik Indonesia",)),
        ),
        ("Melaksanakan kegiatan pembinaan Linmas",),
    ),
    "P5": (
        (
            ("Fasilitasi, Rekomendasi dan Koordinasi Pembinaan dan Pengawasan Pemerintahan Desa",
             ("Fasilitasi Penyusunan Peraturan Desa dan Peraturan Kepala Desa",
              "Fasilitasi Pengelolaan Keuangan Desa dan Pendayagunaan Aset Desa")),
        ),
        ("Memfasilitasi penyusunan perdes dan perkades", "Melaksanakan pembinaan dan pengawasan APBDes"),
    ),
}  # fmt: skip

UPAYA_KEGIATAN: dict[tuple[str, int], tuple[str, ...]] = {
    ("P1", 1): ("Menyusun dokumen perencanaan dan laporan kinerja tepat waktu",),
    ("P4", 1): ("Melaksanakan rapat koordinasi dengan tokoh agama dan tokoh masyarakat",),
}
"""Upaya recorded for one kegiatan rather than for its program: (program, kegiatan nomor) -> upaya."""


def split(total: int, parts: int, rnd: random.Random) -> list[int]:
    """``total`` in ``parts`` positive shares, in whole thousands where the total allows, summing exactly."""
    if parts == 1:
        return [total]
    weights = [rnd.uniform(1, 3) for _ in range(parts)]
    unit = 1000 if total >= 1000 * parts * 10 else 1
    shares = [int(total * w / sum(weights)) // unit * unit for w in weights[:-1]]
    return [*shares, total - sum(shares)]


def realised(anggaran: list[int], realisasi: int, rnd: random.Random) -> list[int]:
    """``realisasi`` spread over the parts roughly in proportion to their ``anggaran``, none above its anggaran.

    Each part's weight is its anggaran times a draw in [0.9, 1], so the parts
    absorb at slightly different rates; what a cap or rounding leaves over goes
    to the parts with headroom, so the sum is exact whenever ``realisasi`` does
    not exceed the total anggaran.
    """
    weights = [a * rnd.uniform(0.9, 1.0) for a in anggaran]
    total = sum(weights)
    out = [min(a, int(realisasi * w / total)) if total else 0 for a, w in zip(anggaran, weights, strict=True)]
    rest = realisasi - sum(out)
    for i, a in enumerate(anggaran):
        take = min(rest, a - out[i])
        out[i] += take
        rest -= take
    return out


def hierarki_rows(slug: str, tahun: int, seed: int, program: list[Row]) -> dict[str, list[Row]]:
    """kegiatan, subkegiatan and upaya rows for the sample ``program`` rows of one kecamatan and year."""
    rnd = random.Random(f"{seed}:{slug}:{tahun}:kegiatan")
    out: dict[str, list[Row]] = {"kegiatan": [], "subkegiatan": [], "upaya": []}
    base = {"kecamatan": slug, "tahun": tahun}
    for p in program:
        kegiatan, upaya = HIERARKI[p["kode"]]
        k_ang = split(int(p["anggaran"]), len(kegiatan), rnd)
        k_real = realised(k_ang, int(p["realisasi"]), rnd)
        for nomor, ((nama, subs), ang, real) in enumerate(zip(kegiatan, k_ang, k_real, strict=True), 1):
            out["kegiatan"].append(
                {**base, "program": p["kode"], "nomor": nomor, "kode": "", "nama": nama, "anggaran": ang,
                 "realisasi": real}
            )  # fmt: skip
            s_ang = split(ang, len(subs), rnd)
            for s_nomor, (s_nama, a, r) in enumerate(zip(subs, s_ang, realised(s_ang, real, rnd), strict=True), 1):
                out["subkegiatan"].append(
                    {**base, "program": p["kode"], "kegiatan": nomor, "nomor": s_nomor, "kode": "",
                     "nama": s_nama, "anggaran": a, "realisasi": r}
                )  # fmt: skip
        of_kegiatan = [(k, u) for (kode, k), texts in UPAYA_KEGIATAN.items() if kode == p["kode"] for u in texts]
        for u_nomor, (per, uraian) in enumerate([*of_kegiatan, *(("", u) for u in upaya)], 1):
            out["upaya"].append({**base, "program": p["kode"], "kegiatan": per, "nomor": u_nomor, "uraian": uraian})
    return out
