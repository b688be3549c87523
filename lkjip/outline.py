"""The outline of the LKjIP (PermenPANRB 53/2014), built section by section in order.

Each ``_bab*`` function appends the sections of one chapter; numbers are
taken from one :class:`~lkjip.document.Numbering` as blocks are created.
"""

from __future__ import annotations

import base64
import re
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

import pandas as pd
from markupsafe import escape

from lkjip import calc, charts, narasi, paths, regular, tables, text
from lkjip import format as fmt
from lkjip.charts import Grafik
from lkjip.document import Bagian, Dokumen, Html, Lampiran, Numbering, bab_label
from lkjip.images import ImageError
from lkjip.images import prepare as prepared_image
from lkjip.konteks import ANALISIS_PREFIX, konteks, narrative_context, programs_of
from lkjip.load import display_path
from lkjip.templating import render

if TYPE_CHECKING:
    from lkjip.report import Laporan

ALPHA = "abcdefghijklmnopqrstuvwxyz"


class _Builder:
    def __init__(self, lap: Laporan) -> None:
        self.lap = lap
        self.d = lap.data
        self.nomor = Numbering()
        self.doc = Dokumen()
        self.ctx = konteks(lap.data, lap.hasil)
        self.kaki = f"LKjIP Kecamatan {lap.nama} Tahun {lap.tahun}"
        self.contoh = bool(self.d.profil["data_contoh"])
        self.overrides = text.override_files(lap.folder) if lap.folder else {}

    # ------------------------------------------------------------ helpers

    def add(self, kunci: str, judul: str, tingkat: int, depan: bool, blocks: Iterable[Any], **kw: Any) -> None:
        anchor = kunci.replace(".", "-").replace("_", "-")
        self.doc.bagian.append(Bagian(kunci, anchor, judul, tingkat, depan, list(blocks), self.kaki, self.contoh, **kw))

    def narasi(self, name: str, extra: dict[str, Any] | None = None, default: str | None = None) -> Html:
        """A narrative section: the analyst's override if there is one, else the default template."""
        ctx = {**self.ctx, **(extra or {})}
        if name in self.overrides:
            path = self.overrides[name]
            self.lap.overrides[name] = str(path)
            source = text.read_override(path)
            location = display_path(path)
            css = "lkjip-narasi diganti"
        else:
            source = default if default is not None else text.default_template(name)
            location = f"templat baku {name}"
            css = "lkjip-narasi"
        return Html(f'<div class="{css}" data-narasi="{name}">{text.render(source, ctx, location)}</div>')

    def ttd(self) -> Html:
        """The camat's signature block (Kata Pengantar, Perjanjian Kinerja)."""
        p = self.d.profil
        return Html(
            render(
                "ttd.html.j2",
                tempat=p["tempat_ttd"],
                tanggal=fmt.bulan_tahun(p["tanggal_ttd"]),
                nama=self.lap.nama,
                camat=p["camat_nama"],
                pangkat=p["camat_pangkat"],
                nip=p["camat_nip"],
            )
        )

    def tabel(self, bab: int) -> str:
        return self.nomor.next("Tabel", bab)

    def grafik(self, bab: int) -> str:
        return self.nomor.next("Grafik", bab)

    def src(self, key: str) -> str | None:
        return self.d.sumber.get(key)

    # ------------------------------------------------------------ front matter

    def front(self) -> None:
        lap, p = self.lap, self.d.profil
        self.add(
            "judul",
            "Halaman Judul",
            0,
            True,
            [Html(render("judul.html.j2", nama=lap.nama, tahun=lap.tahun, p=p, contoh=self.contoh))],
        )
        self.add("kata_pengantar", "KATA PENGANTAR", 1, True, [self.narasi("kata_pengantar"), self.ttd()])
        self.add("ikhtisar", "IKHTISAR EKSEKUTIF", 1, True, [self.narasi("ikhtisar")])
        for kunci, judul in (
            ("daftar_isi", "DAFTAR ISI"),
            ("daftar_tabel", "DAFTAR TABEL"),
            ("daftar_grafik", "DAFTAR GRAFIK"),
            ("daftar_gambar", "DAFTAR GAMBAR"),
            ("daftar_lampiran", "DAFTAR LAMPIRAN"),
        ):
            self.add(kunci, judul, 1, True, [])  # filled in by lists() once the body exists

    def lists(self) -> None:
        doc = self.doc
        isi = [{"tingkat": t, "judul": j, "anchor": a, "depan": dp, "label": ""} for t, j, a, dp in doc.daftar_isi()]
        doc["daftar_isi"].blocks = [Html(render("daftar.html.j2", jenis="isi", entries=isi))]
        for kunci, cls, kind in (
            ("daftar_tabel", tables.Tabel, "Tabel"),
            ("daftar_grafik", Grafik, "Grafik"),
            ("daftar_gambar", Grafik, "Gambar"),
            ("daftar_lampiran", Lampiran, "Lampiran"),
        ):
            entries = [
                {"tingkat": 2, "judul": b.judul, "anchor": b.anchor, "depan": False, "label": b.label}
                for b in doc.blocks_of(cls)
                if b.label.startswith(kind + " ")
            ]
            body = (
                Html(render("daftar.html.j2", jenis=kind.lower(), entries=entries))
                if entries
                else Html(f"<p>Tidak ada {kind.lower()} dalam laporan ini.</p>")
            )
            doc[kunci].blocks = [body]

    # ------------------------------------------------------------ BAB I

    def bab1(self) -> None:
        lap, d = self.lap, self.d
        self.add("bab1", bab_label(1, "PENDAHULUAN"), 1, False, [])
        self.add("bab1.a", "A. Latar Belakang", 2, False, [self.narasi("latar_belakang")])
        self.add(
            "bab1.b",
            "B. Gambaran Umum",
            2,
            False,
            [
                self.narasi("gambaran_umum"),
                tables.penduduk(
                    d.profil,
                    self.tabel(1),
                    f"Jumlah Penduduk Kecamatan {lap.nama} Akhir Tahun {lap.tahun}",
                    self.src("penduduk"),
                ),
            ],
        )
        self.add("bab1.c", "C. Kewenangan Penyelenggaraan Urusan Pemerintahan", 2, False, [self.narasi("kewenangan")])
        self.add(
            "bab1.d",
            "D. Susunan Organisasi",
            2,
            False,
            [
                self.narasi("susunan_organisasi"),
                charts.struktur_organisasi(
                    d.organisasi, self.nomor.next("Gambar", 1), f"Struktur Organisasi Kecamatan {lap.nama}"
                ),
            ],
        )
        status = calc.rekap_jenis_kelamin(d.pegawai_status, "status")
        pend = calc.rekap_jenis_kelamin(d.pegawai_pendidikan, "pendidikan")
        self.add(
            "bab1.e",
            "E. Sumber Daya Aparatur",
            2,
            False,
            [
                self.narasi("sumber_daya_aparatur"),
                tables.pegawai(
                    status,
                    "Status",
                    self.tabel(1),
                    f"Pegawai Kecamatan {lap.nama} menurut Status Tahun {lap.tahun}",
                    self.src("pegawai"),
                ),
                tables.pegawai(
                    pend,
                    "Pendidikan",
                    self.tabel(1),
                    f"Pegawai Kecamatan {lap.nama} menurut Pendidikan Tahun {lap.tahun}",
                    self.src("pegawai"),
                ),
                charts.komposisi_pegawai(
                    d.pegawai_status,
                    d.pegawai_pendidikan,
                    self.grafik(1),
                    f"Komposisi Pegawai Kecamatan {lap.nama} Tahun {lap.tahun}",
                ),
            ],
        )
        self.add("bab1.f", "F. Isu Strategis", 2, False, [self.narasi("isu_strategis")])
        self.add("bab1.g", "G. Sistematika Penulisan", 2, False, [self.narasi("sistematika")])

    # ------------------------------------------------------------ BAB II

    def bab2(self) -> None:
        lap, d = self.lap, self.d
        akhir = int(d.renstra["periode_akhir"])
        self.add("bab2", bab_label(2, "PERENCANAAN KINERJA"), 1, False, [])
        self.add(
            "bab2.a",
            "A. Rencana Strategis",
            2,
            False,
            [
                self.narasi("rencana_strategis"),
                tables.tujuan_sasaran(
                    d.indikator,
                    d.sasaran,
                    akhir,
                    self.tabel(2),
                    f"Tujuan, Sasaran dan Indikator Kinerja Kecamatan {lap.nama}",
                    self.src("perjanjian_kinerja"),
                ),
            ],
        )
        iku = d.indikator[d.indikator["iku"]] if d.indikator["iku"].any() else d.indikator
        self.add(
            "bab2.b",
            "B. Indikator Kinerja Utama (IKU)",
            2,
            False,
            [
                self.narasi("iku"),
                tables.iku(
                    iku,
                    d.sasaran,
                    self.tabel(2),
                    f"Indikator Kinerja Utama Kecamatan {lap.nama}",
                    self.src("perjanjian_kinerja"),
                ),
            ],
        )
        self.add(
            "bab2.c",
            f"C. Perjanjian Kinerja Tahun {lap.tahun}",
            2,
            False,
            [
                self.narasi("perjanjian_kinerja"),
                tables.perjanjian_kinerja(
                    lap.kinerja,
                    self.tabel(2),
                    f"Perjanjian Kinerja Kecamatan {lap.nama} Tahun {lap.tahun}",
                    self.src("perjanjian_kinerja"),
                ),
            ],
        )
        self.add(
            "bab2.d",
            f"D. Rencana Anggaran Tahun {lap.tahun}",
            2,
            False,
            [
                self.narasi("rencana_anggaran"),
                tables.rencana_anggaran(
                    lap.program,
                    lap.total,
                    self.tabel(2),
                    f"Rencana Anggaran per Program Tahun {lap.tahun}",
                    self.src("rencana_anggaran"),
                ),
            ],
        )

    # ------------------------------------------------------------ BAB III

    def bab3(self) -> None:
        lap = self.lap
        self.add("bab3", bab_label(3, "AKUNTABILITAS KINERJA"), 1, False, [self.narasi("akuntabilitas")])
        tercapai = int(lap.kinerja["tercapai"].sum())
        self.add(
            "bab3.a",
            "A. Capaian Kinerja Organisasi",
            2,
            False,
            [
                self.narasi("capaian_organisasi"),
                tables.skala(lap.skala, self.tabel(3), "Skala Nilai Peringkat Kinerja", self.src("skala_predikat")),
                tables.capaian(
                    lap.kinerja,
                    lap.rata_rata,
                    lap.predikat,
                    self.tabel(3),
                    f"Capaian Indikator Kinerja Tahun {lap.tahun}",
                    self.src("capaian"),
                ),
                Html(
                    f"<p>Rata-rata capaian kinerja Kecamatan {escape(lap.nama)} tahun {lap.tahun} sebesar "
                    f"{fmt.persen(lap.rata_rata)} dengan predikat <strong>{escape(lap.predikat)}</strong>. "
                    f"{escape(narasi.tercapai(len(lap.kinerja), tercapai))}</p>"
                ),
                tables.distribusi(
                    lap.distribusi, self.tabel(3), f"Predikat Kinerja Tahun {lap.tahun}", self.src("capaian")
                ),
                charts.target_realisasi(
                    lap.kinerja, self.grafik(3), f"Target dan Realisasi Indikator Kinerja Tahun {lap.tahun}"
                ),
                charts.capaian_predikat(
                    lap.kinerja,
                    [(b.predikat, b.above) for b in lap.skala.bands],
                    self.grafik(3),
                    f"Capaian Indikator Kinerja terhadap Skala Predikat Tahun {lap.tahun}",
                ),
            ],
        )
        self.add("bab3.b", "B. Analisis Capaian Kinerja", 2, False, [self.narasi("analisis"), *self._analisis()])
        self.add(
            "bab3.c",
            "C. Efisiensi dan Efektivitas Penggunaan Anggaran",
            2,
            False,
            [
                self.narasi("efisiensi"),
                tables.anggaran_program(
                    lap.program,
                    lap.total,
                    self.tabel(3),
                    f"Anggaran dan Realisasi Kecamatan {lap.nama} Tahun {lap.tahun}",
                    self.src("realisasi_anggaran"),
                ),
                charts.anggaran_realisasi(
                    lap.program, self.grafik(3), f"Anggaran dan Realisasi per Program Tahun {lap.tahun}"
                ),
                tables.efisiensi(
                    lap.efisiensi,
                    lap.efisiensi_total,
                    self.tabel(3),
                    f"Tingkat Efisiensi Penggunaan Sumber Daya Tahun {lap.tahun}",
                    self.src("efisiensi"),
                ),
                charts.efisiensi(
                    lap.efisiensi,
                    self.grafik(3),
                    f"Capaian Kinerja dan Serapan Anggaran per Tujuan/Sasaran Tahun {lap.tahun}",
                ),
                self.narasi("efisiensi_kesimpulan"),
                self.narasi("pengadaan"),
                *self._pengadaan(),
            ],
        )
        blocks: list[Any] = [self.narasi("prestasi")]
        if not self.d.penghargaan.empty:
            blocks.append(
                tables.penghargaan(
                    self.d.penghargaan,
                    self.tabel(3),
                    f"Prestasi dan Penghargaan Kecamatan {lap.nama} Tahun {lap.tahun}",
                    self.src("penghargaan"),
                )
            )
        blocks.append(Html("<h3>Inovasi</h3>"))
        blocks.append(self.narasi("inovasi"))
        if not self.d.inovasi.empty:
            blocks.append(
                tables.inovasi(
                    self.d.inovasi,
                    self.tabel(3),
                    f"Inovasi Kecamatan {lap.nama} Tahun {lap.tahun}",
                    self.src("inovasi"),
                )
            )
        self.add("bab3.d", "D. Prestasi dan Penghargaan", 2, False, blocks)

    def _pengadaan(self) -> list[Any]:
        p = self.d.pengadaan
        if p is None:
            return []
        eff = calc.efisiensi_pengadaan(int(p["rencana"]), int(p["realisasi"]))
        return [
            tables.pengadaan(
                eff,
                self.tabel(3),
                f"Rencana dan Realisasi Pengadaan Barang/Jasa Tahun {self.lap.tahun}",
                self.src("pengadaan"),
            )
        ]

    def _analisis(self) -> list[Any]:
        lap, d = self.lap, self.d
        akhir = int(d.renstra["periode_akhir"])
        eff = lap.efisiensi.set_index("sasaran")
        out: list[Any] = []
        groups = [(k, g) for k, g in lap.kinerja.groupby("sasaran", sort=False)]
        for i, (kode, group) in enumerate(groups):
            first = group.iloc[0]
            out.append(
                Html(
                    f"<h3>{ALPHA[i % 26]}. {escape(first['sasaran_jenis'].capitalize())}: "
                    f"{escape(first['sasaran_uraian'])}</h3>"
                )
            )
            out.append(
                Html(
                    f"<p>Untuk mencapai {escape(first['sasaran_jenis'])} {escape(first['sasaran_uraian'])} "
                    f"ditetapkan {fmt.hitungan(len(group), 'indikator')}: "
                    f"{escape('; '.join(group['uraian']))}.</p>"
                )
            )
            for r in group.to_dict("records"):
                row = pd.Series(r)
                out.append(Html(f"<p>{escape(narasi.capaian(row, lap.tahun))}</p>"))
                out.append(
                    tables.antartahun(
                        row,
                        lap.tahun,
                        self.tabel(3),
                        f"Perbandingan Realisasi {r['uraian']} Tahun {lap.tahun - 1} dan {lap.tahun}",
                        self.src("capaian"),
                    )
                )
                out.append(Html(f"<p>{escape(narasi.antartahun(row, lap.tahun))}</p>"))
                out.append(
                    tables.renstra(
                        row,
                        lap.tahun,
                        akhir,
                        self.tabel(3),
                        f"Capaian {r['uraian']} terhadap Target Akhir Renstra",
                        self.src("capaian"),
                    )
                )
                out.append(Html(f"<p>{escape(narasi.renstra(row, lap.tahun, akhir))}</p>"))
            progs = self._programs_of(kode)
            out.append(
                self.narasi(
                    f"{ANALISIS_PREFIX}{kode}",
                    narrative_context(self.d, self.lap.hasil, {}, f"{ANALISIS_PREFIX}{kode}"),
                    default=text.default_template("_analisis_sasaran"),
                )
            )
            if kode in eff.index:
                out.append(Html(f"<p>{escape(narasi.efisiensi(eff.loc[kode]))}</p>"))
            if not progs.empty:
                out.append(
                    tables.anggaran_program(
                        progs,
                        calc.jumlah(progs),
                        self.tabel(3),
                        f"Program Pendukung {first['sasaran_uraian']} Tahun {lap.tahun}",
                        self.src("realisasi_anggaran"),
                    )
                )
        out.append(
            charts.antartahun(
                lap.kinerja,
                lap.tahun,
                self.grafik(3),
                f"Realisasi Indikator Kinerja Tahun {lap.tahun - 1} dan {lap.tahun}",
            )
        )
        out.append(self.narasi("program_pendukung"))
        out.append(
            tables.anggaran_program(
                lap.pendukung,
                lap.total_pendukung,
                self.tabel(3),
                f"Anggaran dan Realisasi Program Pendukung Tujuan dan Sasaran Tahun {lap.tahun}",
                self.src("realisasi_anggaran"),
            )
        )
        return out

    def _programs_of(self, kode: str) -> pd.DataFrame:
        return programs_of(self.d, self.lap.hasil, kode)

    # ------------------------------------------------------------ BAB IV and appendices

    def bab4(self) -> None:
        self.add("bab4", bab_label(4, "PENUTUP"), 1, False, [self.narasi("penutup")])

    def lampiran(self) -> None:
        lap = self.lap
        items = [
            Lampiran(
                self.nomor.next_flat("Lampiran"),
                f"Perjanjian Kinerja Kecamatan {lap.nama} Tahun {lap.tahun}",
                [
                    tables.perjanjian_kinerja(
                        lap.kinerja, "", f"Perjanjian Kinerja Tahun {lap.tahun}", self.src("perjanjian_kinerja")
                    ),
                    self.ttd(),
                ],
            )
        ]
        if lap.peringatan_data:
            items.append(
                Lampiran(
                    self.nomor.next_flat("Lampiran"),
                    "Catatan Validasi Data",
                    [Html(render("peringatan.html.j2", items=lap.peringatan_data))],
                )
            )
        for path in images(lap.folder):
            html = image_html(path)
            if html is None:  # refused by validation already (lkjip.images); never embedded
                continue
            items.append(Lampiran(self.nomor.next_flat("Lampiran"), caption(path.name), [Html(html)]))
        self.add("lampiran", "LAMPIRAN", 1, False, items)


def images(folder: Any) -> list[Any]:
    """Image files in ``<folder>/lampiran/``, sorted by name: regular files only, never a symbolic link.

    A link, FIFO or device with an image name is an error of validation
    (:func:`lkjip.overrides.check_folder`); it is never listed here.
    """
    if folder is None or not (folder / "lampiran").is_dir() or regular.linked_folders(folder):
        return []
    return sorted(
        p for p in (folder / "lampiran").iterdir() if p.suffix.lower() in paths.IMAGE_SUFFIXES and regular.is_regular(p)
    )


def caption(filename: str) -> str:
    """``02_piagam_penghargaan-UPG.jpg`` -> ``Piagam penghargaan UPG``."""
    stem = re.sub(r"^\d+[\s_.-]*", "", filename.rsplit(".", 1)[0])
    words = re.sub(r"[_-]+", " ", stem).strip()
    return words[:1].upper() + words[1:]


def image_html(path: Any) -> str | None:
    """The verified, reduced image without metadata (:func:`lkjip.images.prepare`), or None if refused."""
    try:
        img = prepared_image(path)
    except ImageError:
        return None
    data = base64.b64encode(img.data).decode("ascii")
    alt = escape(caption(path.name))
    return f'<figure class="lkjip-gambar"><img src="data:{img.mime};base64,{data}" alt="{alt}"></figure>'


def build(lap: Laporan) -> Dokumen:
    """The whole document of ``lap``, in order, with the lists filled in."""
    b = _Builder(lap)
    b.front()
    b.bab1()
    b.bab2()
    b.bab3()
    b.bab4()
    b.lampiran()
    b.lists()
    return b.doc
