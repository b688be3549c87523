"""The appendix documents of one report, ordered and captioned from ``lampiran.csv``.

A kecamatan-year folder (``data/kecamatan/<slug>/<tahun>/``) may hold
``lampiran.csv`` beside ``lampiran/``, one row per document::

    berkas,jenis,urutan,keterangan
    01_perjanjian_kinerja.jpg,pk,1,Perjanjian Kinerja ... yang ditandatangani kedua pihak
    02_foto_prestasi.jpg,foto,2,Prestasi dan Inovasi Kecamatan Ajibarang

- ``berkas``: a file name in ``lampiran/`` (no folder), ``.png``, ``.jpg`` or ``.jpeg``;
- ``jenis``: ``pk`` (a page of the signed Perjanjian Kinerja, shown in the PK
  appendix), ``foto`` or ``piagam``;
- ``urutan``: a positive whole number, unique: the order in the report;
- ``keterangan``: the caption; empty gives the caption from the file name.

A listed file that is missing is a **warning** (the report is built without it,
and the notebook and the kabupaten index show the warning; the PDF says
nothing). A file present but not listed is included after the listed ones with
its caption from the file name, with a warning asking to list it. Without
``lampiran.csv`` every image is included in file-name order, captioned from its
name, as before the listing existed. A malformed row is an error.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from lkjip import folder_csv, paths, regular
from lkjip import format as fmt
from lkjip.load import display_path
from lkjip.problems import WARNING, Problem

FILE = "lampiran.csv"
"""The listing's name, in the kecamatan-year folder."""
COLUMNS = ("berkas", "jenis", "urutan", "keterangan")
JENIS = ("pk", "foto", "piagam")
MAX_BYTES = 100_000
DEFAULT_JENIS = "foto"


@dataclass(frozen=True)
class Berkas:
    """One appendix document as the report shows it."""

    path: Path
    jenis: str
    keterangan: str
    terdaftar: bool  # listed in lampiran.csv (False: present only, captioned from its name)


def caption(filename: str) -> str:
    """``02_piagam_penghargaan-UPG.jpg`` -> ``Piagam penghargaan UPG``."""
    stem = re.sub(r"^\d+[\s_.-]*", "", filename.rsplit(".", 1)[0])
    words = re.sub(r"[_-]+", " ", stem).strip()
    return words[:1].upper() + words[1:]


def images(folder: Path | None) -> list[Path]:
    """Image files in ``<folder>/lampiran/``, sorted by name: regular files only, never a symbolic link.

    A link, FIFO or device with an image name is an error of validation
    (:func:`lkjip.overrides.check_folder`); it is never listed here.
    """
    if folder is None or not (folder / "lampiran").is_dir() or regular.linked_folders(folder):
        return []
    return sorted(
        p for p in (folder / "lampiran").iterdir() if p.suffix.lower() in paths.IMAGE_SUFFIXES and regular.is_regular(p)
    )


def documents(folder: Path | None, slug: str | None = None) -> tuple[list[Berkas], list[Problem]]:
    """The documents the report shows, in order, and the problems of the listing.

    Missing files are left out (a warning each); unlisted images follow the
    listed ones (a warning each). ``slug`` marks the problems as the kecamatan's.
    """
    present = images(folder)
    if folder is None or regular.linked_folders(folder):
        return [], []
    listing = folder / FILE
    if not listing.exists() and not listing.is_symlink():
        return [Berkas(p, DEFAULT_JENIS, caption(p.name), False) for p in present], []
    rows, problems = _read(listing, slug)
    if any(p.is_error for p in problems):
        return [Berkas(p, DEFAULT_JENIS, caption(p.name), False) for p in present], problems
    by_name = {p.name: p for p in present}
    out: list[Berkas] = []
    listed: set[str] = set()
    for row_no, berkas, jenis, _urutan, keterangan in sorted(rows, key=lambda r: r[3]):
        listed.add(berkas)
        path = by_name.get(berkas)
        if path is None:
            problems.append(
                Problem(
                    display_path(listing),
                    row_no,
                    "berkas",
                    berkas,
                    f"Dokumen lampiran ({jenis}) tercantum di {FILE} tetapi berkasnya tidak ada di folder lampiran/; "
                    "laporan dibuat tanpa dokumen ini.",
                    f"Salin berkas {berkas} (pindaian atau foto, PNG/JPEG) ke folder lampiran/, atau hapus barisnya "
                    f"dari {FILE} bila dokumen itu memang tidak dilampirkan.",
                    WARNING,
                    slug,
                )
            )
            continue
        out.append(Berkas(path, jenis, keterangan or caption(berkas), True))
    for path in present:
        if path.name in listed:
            continue
        problems.append(
            Problem(
                display_path(path),
                None,
                None,
                path.name,
                f"Gambar ini tidak tercantum di {FILE}; dilampirkan setelah dokumen yang tercantum, dengan judul "
                f'dari nama berkasnya ("{caption(path.name)}").',
                f"Tambahkan baris untuk berkas ini di {FILE} (jenis, urutan dan keterangan), atau hapus berkasnya.",
                WARNING,
                slug,
            )
        )
        out.append(Berkas(path, DEFAULT_JENIS, caption(path.name), False))
    return out, problems


Row = tuple[int, str, str, int, str]  # row number, berkas, jenis, urutan, keterangan


def _read(listing: Path, slug: str | None) -> tuple[list[Row], list[Problem]]:
    problem = folder_csv.reporter(listing, slug)
    records, problems = folder_csv.read(listing, COLUMNS, MAX_BYTES, "Cantumkan satu baris per dokumen.", problem)
    rows: list[Row] = []
    seen_names: dict[str, int] = {}
    seen_order: dict[int, int] = {}
    for row_no, cell in records:
        berkas, jenis, urutan_text = cell["berkas"], cell["jenis"].lower(), cell["urutan"]
        before = len(problems)
        if not berkas or Path(berkas).name != berkas or berkas.startswith(".") or "\\" in berkas:
            problems.append(
                problem(
                    row_no,
                    "berkas",
                    berkas,
                    "Nama berkas lampiran kosong atau memuat nama folder.",
                    "Tulis nama berkas saja, mis. 01_piagam_penghargaan.jpg (berkasnya di folder lampiran/).",
                )
            )
        elif Path(berkas).suffix.lower() not in paths.IMAGE_SUFFIXES:
            problems.append(
                problem(row_no, "berkas", berkas, "Berkas lampiran bukan gambar.", "Gunakan gambar PNG atau JPEG.")
            )
        elif berkas in seen_names:
            problems.append(
                problem(
                    row_no,
                    "berkas",
                    berkas,
                    f"Berkas ini sudah tercantum di baris {seen_names[berkas]}.",
                    "Cantumkan setiap berkas sekali.",
                )
            )
        if jenis not in JENIS:
            problems.append(
                problem(
                    row_no,
                    "jenis",
                    cell["jenis"],
                    "Jenis dokumen tidak dikenal.",
                    f"Isi salah satu: {', '.join(JENIS)}.",
                )
            )
        urutan = int(urutan_text) if re.fullmatch(r"[0-9]{1,4}", urutan_text) else 0
        if urutan <= 0:
            problems.append(
                problem(row_no, "urutan", urutan_text, "Urutan harus bilangan bulat positif.", "Isi 1, 2, 3, ...")
            )
        elif urutan in seen_order:
            problems.append(
                problem(
                    row_no,
                    "urutan",
                    urutan_text,
                    f"Urutan ini sudah dipakai di baris {seen_order[urutan]}.",
                    "Beri setiap dokumen urutan yang berbeda.",
                )
            )
        if len(problems) == before:
            seen_names[berkas] = row_no
            seen_order[urutan] = row_no
            rows.append((row_no, berkas, jenis, urutan, cell["keterangan"]))
    return rows, problems


def isi_teks(folder: Path | None, slug: str, tahun: int) -> str:
    """What the Lampiran holds, for the Sistematika: the signed Perjanjian Kinerja and the photos and piagam
    actually present (a listed document whose file is missing is not announced); empty without any."""
    docs = documents(folder, slug)[0]
    parts = []
    if any(d.jenis == "pk" for d in docs):
        parts.append(f"Perjanjian Kinerja Tahun {tahun} yang ditandatangani kedua pihak")
    foto = sum(d.jenis == "foto" for d in docs)
    piagam = sum(d.jenis == "piagam" for d in docs)
    if foto:
        parts.append(f"{fmt.hitungan(foto)} foto kegiatan dan prestasi")
    if piagam:
        parts.append(f"{fmt.hitungan(piagam)} piagam penghargaan")
    if len(parts) <= 1:
        return "".join(parts)
    return ", ".join(parts[:-1]) + " serta " + parts[-1]
