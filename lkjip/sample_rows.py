"""The rows of one sample kecamatan and year, drawn from a fixed seed (see :mod:`lkjip.sample`)."""

from __future__ import annotations

import random
from typing import Any

from lkjip.sample_kegiatan import hierarki_rows
from lkjip.schema import PENDIDIKAN, TABLES

Row = dict[str, Any]
"""One row of a table as written to its CSV file: column -> value."""


SEED = 2023

# Public facts from shared/REFERENCE.md: area in km2 and (desa, kelurahan).
FACTS: dict[str, tuple[float | None, tuple[int, int] | None]] = {
    "lumbir": (102.66, (10, 0)),
    "wangon": (60.90, (12, 0)),
    "jatilawang": (48.73, (11, 0)),
    "rawalo": (51.48, None),
    "banyumas": (38.09, (12, 0)),
    "gumelar": (93.95, (10, 0)),
    "cilongok": (105.34, (20, 0)),
    "sokaraja": (29.22, (18, 0)),
    "purwokerto-selatan": (13.75, (0, 7)),
    "purwokerto-barat": (7.40, (0, 7)),
    "purwokerto-timur": (8.42, (0, 6)),
    "purwokerto-utara": (9.01, (0, 7)),
}

BANDS = (104.0, 86.0, 70.0, 58.0, 42.0)  # one capaian per predikat band, from Sangat Tinggi down

SASARAN = (
    ("T1", "tujuan", "Mewujudkan kinerja pelayanan Kecamatan yang prima", ""),
    ("S1", "sasaran", "Meningkatnya peran kecamatan dalam pelayanan dan pemberdayaan masyarakat", "T1"),
    ("S2", "sasaran", "Meningkatnya Kualitas Pemerintahan Kecamatan dan Pelayanan Publik", "S1"),
    ("S3", "sasaran", "Meningkatnya Pemberdayaan Masyarakat Desa dan Kelurahan", "S1"),
    ("S4", "sasaran", "Menurunnya Gangguan Ketentraman dan Ketertiban di Tingkat Kecamatan", "S1"),
    ("S5", "sasaran", "Meningkatnya Pembinaan dan Pengawasan Kecamatan terhadap Penyelenggaraan Pemerintah Desa", "S1"),
)
# code, sasaran, name, unit, polarity, formula
INDIKATOR = (
    ("IK1", "T1", "Indeks Kepuasan Masyarakat (IKM) Pelayanan Kecamatan", "Indeks", "naik",
     "Hasil Survei Kepuasan Masyarakat"),
    ("IK2", "S1", "Persentase Layanan Kecamatan", "%", "naik", ""),
    ("IK3", "S2", "Persentase pemohon Pelayanan di Kecamatan yang terlayani dengan baik", "%", "naik", ""),
    ("IK4", "S3", "Persentase Desa yang aktif dalam kegiatan pemberdayaan masyarakat", "%", "naik", ""),
    ("IK5", "S4", "Persentase pelaksanaan koordinasi ketentraman dan ketertiban umum", "%", "naik", ""),
    ("IK6", "S5", "Persentase desa yang mendapatkan pembinaan dan pengawasan pengelolaan APBDES", "%", "naik", ""),
    ("IK7", "S4", "Jumlah gangguan ketenteraman dan ketertiban umum", "Kejadian", "turun",
     "Jumlah kejadian gangguan trantibum yang tercatat dalam setahun"),
)  # fmt: skip
IKM_STANDAR = (
    76.61,
    "Peraturan Menteri PANRB Nomor 14 Tahun 2017 (batas bawah mutu pelayanan B, Baik)",
)
"""A real national standard for the sample IKM indicator: the lower bound of mutu B in the IKM conversion table."""
MISI_PENJELASAN = (
    "mewujudkan Banyumas sebagai barometer pelayanan publik melalui pelayanan kecamatan yang cepat, pasti dan "
    "berkualitas serta koordinasi penyelenggaraan pemerintahan di wilayah kecamatan."
)
PROGRAM = (
    ("P1", "Program Penunjang Urusan Pemerintahan Daerah Kabupaten/Kota", ()),
    ("P2", "Program Penyelenggaraan Pemerintahan dan Pelayanan Publik", ("T1", "S1", "S2")),
    ("P3", "Program Pemberdayaan Masyarakat Desa dan Kelurahan", ("T1", "S1", "S3")),
    ("P4", "Program Koordinasi Ketentraman dan Ketertiban Umum", ("T1", "S1", "S4")),
    ("P5", "Program Pembinaan dan Pengawasan Pemerintahan Desa", ("T1", "S1", "S5")),
)
MISI = (
    "Mewujudkan Banyumas sebagai Barometer Pelayanan Publik dengan membangun sistem integritas birokrasi yang "
    "profesional, bersih, partisipatif, inovatif dan bermartabat",
    "Meningkatkan kualitas hidup warga melalui pemenuhan kebutuhan dan layanan dasar pendidikan dan kesehatan",
    "Meningkatkan pertumbuhan ekonomi dan daya saing daerah berkualitas, berkeadilan dan berkelanjutan",
)
SUMBER = "Data contoh (dibangkitkan lkjip), {tahun}"


def _round(x: float, step: float = 0.01) -> float:
    return round(round(x / step) * step, 2)


def sample_rows(
    slug: str, nama: str, index: int, tahun: int, seed: int, periode: tuple[int, int]
) -> dict[str, list[Row]]:
    """All sample rows of one kecamatan for ``tahun`` (and realisasi of ``tahun - 1``), Renstra ``periode``."""
    rnd = random.Random(f"{seed}:{slug}:{tahun}")
    area, units = FACTS.get(slug, (None, None))
    area = area if area is not None else _round(rnd.uniform(25, 95), 0.01)
    desa, kel = units if units is not None else (rnd.randint(9, 20), 0)
    rows: dict[str, list[Row]] = {name: [] for name in TABLES}
    laki = rnd.randint(14_000, 62_000) if not kel else rnd.randint(20_000, 40_000)
    perempuan = laki + rnd.randint(-1500, 1500)
    host = slug.replace("-", "")
    rows["profil"].append({
        "kecamatan": slug, "tahun": tahun, "alamat": f"Jl. Raya {nama} No. {rnd.randint(1, 99)} (alamat contoh)",
        "kode_pos": f"531{rnd.randint(10, 99)}", "telepon": f"(0281) {rnd.randint(500000, 699999)}",
        "website": f"http://{host}kec.banyumaskab.go.id", "email": f"{host}@banyumaskab.go.id",
        "luas_ha": _round(area * 100, 0.1), "jumlah_desa": desa, "jumlah_kelurahan": kel,
        "jumlah_kadus": (desa * rnd.randint(2, 4)) or "", "jumlah_rw": (desa + kel) * rnd.randint(6, 10),
        "jumlah_rt": (desa + kel) * rnd.randint(30, 50), "penduduk_laki": laki, "penduduk_perempuan": perempuan,
        "penduduk_jumlah": laki + perempuan, "desa_terbanyak": "", "penduduk_desa_terbanyak": "",
        "desa_tersedikit": "", "penduduk_desa_tersedikit": "",
        "camat_nama": f"Camat Contoh {nama}, S.STP., M.Si.", "camat_pangkat": "Pembina Tk I",
        "camat_nip": f"19{rnd.randint(70, 85)}{rnd.randint(1, 12):02d}{rnd.randint(1, 28):02d} "
                     f"{rnd.randint(1995, 2008)}{rnd.randint(1, 12):02d} 1 {rnd.randint(1, 9):03d}",
        "tempat_ttd": nama, "tanggal_ttd": f"{tahun + 1}-01-{rnd.randint(10, 31)}", "data_contoh": "true",
    })  # fmt: skip
    asn = (rnd.randint(4, 9), rnd.randint(4, 10))
    non = (rnd.randint(2, 7), rnd.randint(2, 7))
    rows["pegawai_status"] += [
        {"kecamatan": slug, "tahun": tahun, "status": "ASN", "laki": asn[0], "perempuan": asn[1]},
        {"kecamatan": slug, "tahun": tahun, "status": "Non ASN", "laki": non[0], "perempuan": non[1]},
    ]
    levels = ("S2", "S1/D4", "D3", "SLTA", "SMP", "SD")
    assert set(levels) <= set(PENDIDIKAN)
    for sex_total, key in ((asn[0] + non[0], "laki"), (asn[1] + non[1], "perempuan")):
        split = [0] * len(levels)
        for _ in range(sex_total):
            split[rnd.choices(range(len(levels)), weights=(1, 6, 1, 4, 1, 1))[0]] += 1
        for level, n in zip(levels, split, strict=True):
            existing = next((r for r in rows["pegawai_pendidikan"] if r["pendidikan"] == level), None)
            if existing is None:
                existing = {"kecamatan": slug, "tahun": tahun, "pendidikan": level, "laki": 0, "perempuan": 0}
                rows["pegawai_pendidikan"].append(existing)
            existing[key] = n
    awal, akhir = periode
    rows["renstra"].append(
        {
            "kecamatan": slug,
            "periode_awal": awal,
            "periode_akhir": akhir,
            "visi": "Menjadikan Banyumas yang Maju, Adil Makmur dan Mandiri",
            "visi_penjelasan": f"Kecamatan {nama}, sesuai dengan tugas pokok dan fungsinya, mendukung tercapainya "
            "visi tersebut melalui penyelenggaraan pemerintahan yang baik dan pelayanan masyarakat yang cepat, "
            "pasti dan berkualitas.",
            "isu_strategis": "Tata Kelola Pemerintahan di Bidang Pelayanan Kecamatan",
        }
    )
    for i, text in enumerate(MISI, 1):
        rows["misi"].append(
            {
                "kecamatan": slug,
                "periode_awal": awal,
                "nomor": i,
                "uraian": text,
                "terkait": "true" if i == 1 else "false",
                "penjelasan": MISI_PENJELASAN if i == 1 else "",
            }
        )
    for kode, jenis, uraian, induk in SASARAN:
        rows["sasaran"].append(
            {"kecamatan": slug, "periode_awal": awal, "kode": kode, "jenis": jenis, "uraian": uraian, "induk": induk}
        )
    band_indicator = INDIKATOR[2 + index % 4][0]  # IK3..IK6 take turns walking through the bands
    for n, (kode, sas, uraian, satuan, pol, formula) in enumerate(INDIKATOR):
        if satuan == "Indeks":
            target = float(rnd.randint(80, 88))
            cap = rnd.uniform(92, 106)
            real, end = _round(target * cap / 100, 0.01), target
            before = _round(real - rnd.uniform(-2.5, 3), 0.01)
        elif pol == "turun":
            target = float(rnd.randint(8, 20))
            cap = rnd.choice((130, 110, 100, 80, 60))
            real = float(max(0, round(2 * target - target * cap / 100)))
            end = target
            before = float(max(0, round(real + rnd.randint(-4, 6))))
        else:
            target = 100.0 if kode != band_indicator else 95.0
            cap = BANDS[index % len(BANDS)] if kode == band_indicator else rnd.choice((100, 100, 100, 97, 93, 88))
            real = min(100.0, _round(target * cap / 100, 0.01))
            end = 100.0
            before = min(100.0, _round(real + rnd.choice((0, 0, -3, 4, 8)), 0.01))
        rows["indikator"].append(
            {
                "kecamatan": slug,
                "periode_awal": awal,
                "kode": kode,
                "sasaran": sas,
                "uraian": uraian,
                "satuan": satuan,
                "polaritas": pol,
                "formulasi": formula,
                "sumber_data": "e-Monev Kabupaten Banyumas" if n else "Aplikasi Susanmas",
                "target_akhir_renstra": end,
                "standar_nasional": IKM_STANDAR[0] if kode == "IK1" else "",
                "standar_nasional_dasar": IKM_STANDAR[1] if kode == "IK1" else "",
                "iku": "true" if kode == "IK1" else "false",
            }
        )
        rows["target"].append({"kecamatan": slug, "indikator": kode, "tahun": tahun, "target": target})
        rows["realisasi"].append({"kecamatan": slug, "indikator": kode, "tahun": tahun - 1, "realisasi": before})
        rows["realisasi"].append({"kecamatan": slug, "indikator": kode, "tahun": tahun, "realisasi": real})
    low = index % 3 == 1  # every third kecamatan has a program with low absorption
    total = 0
    for n, (kode, nama_program, links) in enumerate(PROGRAM):
        anggaran = (
            rnd.randint(1_800, 3_200) * 1_000_000 + rnd.randint(0, 999) * 1000
            if n == 0
            else rnd.randint(2, 300) * 1_000_000
        )
        share = rnd.uniform(0.45, 0.62) if low and kode == "P4" else rnd.uniform(0.9, 1.0)
        rows["program"].append(
            {
                "kecamatan": slug,
                "tahun": tahun,
                "kode": kode,
                "nama": nama_program,
                "anggaran": anggaran,
                "realisasi": int(anggaran * share),
            }
        )
        for s in links:
            rows["program_sasaran"].append({"kecamatan": slug, "tahun": tahun, "program": kode, "sasaran": s})
        total += anggaran
    rows.update(hierarki_rows(slug, tahun, seed, rows["program"]))  # a generator of its own: figures above stay
    modal = rnd.randint(5, 60) * 1_000_000
    rows["belanja"] += [
        {"kecamatan": slug, "tahun": tahun, "jenis": "operasional", "anggaran": total - modal},
        {"kecamatan": slug, "tahun": tahun, "jenis": "modal", "anggaran": modal},
    ]
    rencana = rnd.randint(400, 1_200) * 1_000_000
    rows["pengadaan"].append(
        {"kecamatan": slug, "tahun": tahun, "rencana": rencana, "realisasi": int(rencana * rnd.uniform(0.9, 1.0))}
    )
    from lkjip.schema import SUMBER_TABEL

    for key in SUMBER_TABEL:
        rows["sumber"].append({"kecamatan": slug, "tahun": tahun, "tabel": key, "sumber": SUMBER.format(tahun=tahun)})
    return rows
