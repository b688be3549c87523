"""``BACA_SAYA.txt`` of the auditor's bundle (:mod:`lkjip.arsip`): what is inside and how to check it.

Formal Indonesian, plain text with Windows line ends (the offices open it in
Notepad). Text that comes from data (a kecamatan's name, a path from a params
file) is reduced to one line of printable characters and bounded in length,
so it can neither break the layout nor pass for an instruction. No date or
time is written: the same archive gives the same bundle.
"""

from __future__ import annotations

import unicodedata
from typing import TYPE_CHECKING

from lkjip import __version__

if TYPE_CHECKING:
    from lkjip.arsip import Report

MAX_TEXT = 80


def plain(text: str, limit: int = MAX_TEXT) -> str:
    """One line of printable text, at most ``limit`` characters (``...`` marks a cut)."""
    kept = "".join(" " if unicodedata.category(c)[0] in "CZ" else c for c in text)
    line = " ".join(kept.split())
    return line if len(line) <= limit else line[: limit - 3].rstrip() + "..."


def readme(tahun: int, reports: list[Report], left: list[tuple[str, str]], head: str, lines: int) -> str:
    """The text of ``BACA_SAYA.txt``."""
    out: list[str] = [
        f"ARSIP LAPORAN KINERJA INSTANSI PEMERINTAH (LKjIP) KECAMATAN TAHUN {tahun}",
        "",
        f"Arsip ini disusun dengan lkjip {__version__} (perintah `lkjip arsip --tahun {tahun}`) untuk pemeriksa",
        "(Inspektorat, BPK, evaluator SAKIP). Seluruh isinya dapat diperiksa dengan sha256sum saja.",
        "Berkas ini berbentuk zip agar dapat dibuka di Windows tanpa perangkat lunak tambahan.",
        "",
        "1. ISI ARSIP",
        "",
        f"   Folder {tahun}/ memiliki susunan yang sama dengan folder keluaran kantor (output/{tahun}/).",
        "",
        "   BACA_SAYA.txt                  berkas ini",
        "   SHA256SUMS                     sha256 setiap berkas lain dalam arsip ini",
        f"   {tahun}/riwayat.jsonl             riwayat laporan tahun ini (rantai hash), utuh seperti di kantor",
        f"   {tahun}/SHA256SUMS                daftar sha256 tahun ini, utuh seperti di kantor: disusun dari",
        "                                  riwayat, maka juga memuat laporan yang tidak disertakan (bagian 4d)",
        f"   {tahun}/<slug>/                   laporan satu kecamatan: notebook hasil eksekusi (bukti), HTML, PDF,",
        "                                  parameter.yaml, manifest.json, dan salinan bertanda tangan bila ada;",
        "                                  FINAL atau DRAF menurut daftar laporan di bawah (DRAF hanya bila",
        "                                  diminta dengan --draf)",
        f"   {tahun}/tanda_terima/<slug>.txt   tanda terima yang dicetak saat laporan ditetapkan final",
        "   masukan/<slug>/data/<tabel>.csv  CSV kanonik baris kecamatan itu dari setiap tabel data",
        "   masukan/<slug>/narasi_lampiran/  narasi pengganti dan gambar lampiran kecamatan itu",
        "   masukan/<slug>/notebook/       notebook induk (lkjip.ipynb) yang dijalankan",
        "",
        "   Hanya berkas yang sama dengan catatannya yang dimasukkan: setiap berkas laporan cocok dengan baris",
        "   riwayat terakhir kecamatannya, dan setiap masukan cocok dengan sha256 di manifest.json.",
        "",
        "2. DAFTAR LAPORAN",
        "",
    ]
    for no, r in enumerate(reports, 1):
        status = "FINAL" if r.final else "DRAF - BUKAN LAPORAN FINAL"
        out += [
            f"   {no}. {r.nama} ({r.slug}): {status}",
            f"      folder: {tahun}/{r.slug}/ ({len(r.files)} berkas)",
            f"      baris riwayat terakhir: {r.entry.no} ({r.entry.event}), sha256 baris itu:",
            f"      {r.entry.hash}",
            f"      tanda terima: {f'{tahun}/tanda_terima/{r.slug}.txt' if r.receipt else 'tidak ada'}",
            f"      masukan disertakan: {len(r.inputs)}; tidak disertakan: {len(r.left_out)}",
        ]
    if not any(r.final for r in reports):
        out += ["", "   PERHATIAN: arsip ini hanya memuat DRAF; tidak ada laporan yang sudah ditetapkan final."]
    elif not all(r.final for r in reports):
        out += [
            "",
            "   PERHATIAN: laporan bertanda DRAF di atas belum ditetapkan final, walaupun foldernya berada di",
            f"   samping folder laporan final ({tahun}/<slug>/).",
        ]
    if left:
        out += ["", "   Kecamatan lain di riwayat yang tidak disertakan:"]
        out += [f"   - {slug}: {plain(why, 200)}" for slug, why in left]
    out += ["", "3. MASUKAN YANG TIDAK DISERTAKAN", ""]
    missing = [(r.slug, key, why) for r in reports for key, why in r.left_out]
    if missing:
        out += [
            "   Masukan berikut tidak disertakan karena berkas yang ada sekarang tidak sama dengan sha256 yang",
            "   dicatat manifest saat laporan dibuat (data berubah sesudahnya) atau tidak ditemukan. Laporan tetap",
            "   utuh; masukan aslinya harus diminta dari kantor (cadangan data pada tanggal pembuatan laporan).",
            "",
        ]
        out += [f"   - {slug}: {plain(key, 120)}: {plain(why, 200)}" for slug, key, why in missing]
    else:
        out.append("   Tidak ada: setiap masukan laporan di arsip ini disertakan.")
    out += _checks(tahun, reports, head, lines)
    return "\r\n".join(out) + "\r\n"


def _checks(tahun: int, reports: list[Report], head: str, lines: int) -> list[str]:
    r = next((x for x in reports if x.final), reports[0])
    folder = f"{tahun}/{r.slug}"
    return [
        "",
        "4. PEMERIKSAAN DENGAN sha256sum",
        "",
        "   Jalankan di folder hasil ekstraksi arsip ini (Linux, macOS, atau Git Bash/WSL di Windows). Di Windows",
        "   tanpa alat itu, sha256 satu berkas dihitung dengan: certutil -hashfile <berkas> SHA256",
        "",
        "   a. Keutuhan arsip:",
        "        sha256sum -c SHA256SUMS",
        "      Setiap baris harus berakhir OK. Berkas yang diubah sesudah arsip disusun ditandai FAILED.",
        "",
        f'   b. Rantai riwayat: setiap baris {tahun}/riwayat.jsonl memuat "sebelumnya", yaitu sha256 baris',
        "      sebelumnya (baris pertama: 64 angka nol). Untuk setiap N dari 1 sampai baris kedua terakhir:",
        f"        cd {tahun}",
        "        sed -n Np riwayat.jsonl | tr -d '\\n' | sha256sum",
        '      hasilnya harus sama dengan "sebelumnya" pada baris N+1. Nomor baris ("no") harus berurutan.',
        f"      Riwayat ini memuat {lines} baris; kepala riwayat (sha256 baris {lines}) adalah",
        f"      {head}",
        "",
        "   c. Tanda terima: tanda terima yang dicetak saat laporan ditetapkan final memuat kepala riwayat pada",
        "      saat itu. Hash itu harus sama dengan sha256 salah satu baris riwayat; untuk laporan final, baris",
        f"      itu tercantum di daftar laporan di atas, mis. (di folder {tahun}/):",
        f"        sed -n {r.entry.no}p riwayat.jsonl | tr -d '\\n' | sha256sum",
        "      Bandingkan juga dengan salinan tanda terima yang dikirim kantor bersama laporan (di luar arsip ini):",
        "      bila hash di dalamnya tidak terdapat di riwayat, riwayat telah ditulis ulang.",
        "",
        f"   d. Berkas laporan terhadap riwayat: {tahun}/SHA256SUMS disusun dari riwayat, yaitu sha256 setiap",
        '      berkas laporan menurut baris riwayat terakhir kecamatannya ("manifest" dan "keluaran"), ditambah',
        "      riwayat.jsonl sendiri. Berkas itu juga memuat laporan kecamatan yang tidak disertakan dalam arsip",
        '      ini (mis. draf), sehingga `sha256sum -c SHA256SUMS` biasa gagal dengan "No such file or',
        '      directory" untuk berkas yang tidak ada. Di folder itu, perintahnya adalah:',
        f"        cd {tahun}",
        "        sha256sum -c --ignore-missing SHA256SUMS",
        "      Setiap berkas yang ada harus berakhir OK, termasuk riwayat.jsonl. Baris riwayat terakhir setiap",
        '      kecamatan (daftar di atas) memuat "manifest" dan "keluaran" yang sama dengan daftar itu.',
        "",
        "   e. Hash masukan: manifest.json mencatat sha256 setiap masukan di masukan.bagian, mis.:",
        f'        sha256sum masukan/{r.slug}/data/target.csv          sama dengan masukan.bagian["data/target"]',
        f'        sha256sum masukan/{r.slug}/notebook/lkjip.ipynb     sama dengan masukan.bagian["notebook"]',
        f'        sha256sum {folder}/parameter.yaml   sama dengan masukan.bagian["parameter"]',
        '      Berkas narasi_lampiran/<berkas> sama dengan masukan.bagian["narasi_lampiran/<berkas>"].',
        "      CSV kanonik: UTF-8 tanpa BOM, satu baris diakhiri \\n, pemisah koma, tanda kutip hanya bila sel",
        "      memuat koma, tanda kutip atau baris baru; baris judul berisi kolom menurut urutan skema, lalu baris",
        "      kecamatan itu sesuai urutan berkas (tabel bersama: semua baris); isi sel tanpa spasi di tepi.",
        '      "templat" dan "kode_lkjip" adalah program, bukan masukan; versi lkjip dan commit git-nya',
        "      tercatat di manifest.json.",
        "",
        "5. PEMERIKSAAN DENGAN lkjip",
        "",
        "   Dengan lkjip terpasang dan data kantor tersedia, jalankan di folder hasil ekstraksi arsip ini, untuk",
        "   setiap laporan:",
        f"        lkjip verify {tahun}/<slug> --data <folder data> --kepala <hash dari tanda terima>",
        "   mis.:",
        f"        lkjip verify {folder} --data <folder data> --kepala <hash dari tanda terima>",
        "   Perintah itu memeriksa keluaran terhadap manifest, angka di manifest terhadap notebook, dan apakah",
        "   masukan masih sama (terkini) atau sudah berubah (usang, bukan perubahan arsip). Terhadap riwayat",
        f"   ({tahun}/riwayat.jsonl), yang dicari lkjip di folder induk folder laporan, diperiksa pula: rantai",
        f"   hash utuh, {tahun}/SHA256SUMS sesuai dengan riwayat, dan berkas laporan sama dengan baris riwayat",
        "   terakhir kecamatannya. Dengan --kepala, riwayat harus masih memuat baris yang hash-nya tercetak",
        "   pada tanda terima yang dikirim kantor; bila tidak, riwayat telah ditulis ulang. Tanpa --data,",
        "   masukan dibandingkan dengan data_dir di parameter.yaml (folder kantor). Jalur relatif dibaca dari",
        "   folder tempat perintah dijalankan.",
        f"   Periksa per folder laporan: `lkjip verify {tahun}` pada folder tahun arsip ini menyatakan setiap",
        "   kecamatan yang tercatat di riwayat tetapi tidak disertakan dalam arsip sebagai berubah (folder tidak",
        f"   ada). Pada folder keluaran kantor, `lkjip verify output/{tahun}` juga memeriksa indeks kabupaten",
        "   dan rekap Excel.",
        "   Notebook dapat dijalankan ulang dengan papermill dan parameter yang diarsipkan:",
        f"        papermill masukan/{r.slug}/notebook/lkjip.ipynb ulang.ipynb -f {folder}/parameter.yaml",
        "   Keluaran sel sama dengan notebook di arsip (kecuali cap waktu papermill sendiri).",
    ]
