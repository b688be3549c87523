"""The auditor's bundle of one year: ``lkjip arsip`` writes ``<output>/arsip_lkjip_<tahun>.zip``.

One zip file per year (offices use Windows, which opens a zip without extra
software), laid out from its root::

    BACA_SAYA.txt                       what is inside and how to check it (formal Indonesian)
    SHA256SUMS                          sha256 of every other file, paths from the bundle's root
    <tahun>/riwayat.jsonl               the year's hash-chained ledger, as it is
    <tahun>/SHA256SUMS                  the year's own, as it is (derived from the ledger: it lists the
                                        reports not bundled too, hence ``sha256sum -c --ignore-missing``)
    <tahun>/<slug>/...                  a report's folder: every file its last ledger entry records
                                        (final, or a draft with ``--draf``, marked DRAF in BACA_SAYA.txt)
    <tahun>/tanda_terima/<slug>.txt     the receipt ``lkjip final`` wrote, when there is one
    masukan/<slug>/data/<table>.csv     the canonical CSV of the kecamatan's rows (:mod:`lkjip.canonical`)
    masukan/<slug>/narasi_lampiran/...  its narrative overrides and images, as bytes
    masukan/<slug>/data_gambar/<name>   the kabupaten's emblem (the images beside the tables), as bytes
    masukan/<slug>/notebook/lkjip.ipynb the master notebook

``<tahun>/`` mirrors the output folder, so ``lkjip verify <tahun>/<slug>``
runs on the unpacked bundle as on the office's tree: it finds the ledger and
``SHA256SUMS`` in the report folder's parent (:func:`lkjip.tamper.audit`).

Only what matches the record is bundled: a report folder must equal its last
ledger entry (:func:`lkjip.ledger.differences`; otherwise nothing is written
and the file is named), and every byte is hashed again while it is copied.
An input is regenerated from the data folder of the report's archived
``parameter.yaml`` and bundled only when its sha256 equals the manifest's
(``masukan.bagian``); an input whose data changed since the build is left out
and listed in ``BACA_SAYA.txt``, so the bundle never holds an input the report
was not built from.

The zip is reproducible: entries sorted by path, a fixed time (1980-01-01),
fixed permissions (0644), no comment, no timestamp in the README, so the same
archive gives the same bytes (with the same zlib). It is written to a
temporary file and renamed (:func:`lkjip.publish.write_file`) under the
year's lock (:func:`lkjip.lock.year`).
"""

from __future__ import annotations

import hashlib
import os
import zipfile
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import IO

from lkjip import arsip_teks, canonical, ledger, ledger_names, lock, paths, publish, regular
from lkjip.errors import LkjipError, ParameterError
from lkjip.fingerprint import ABSENT, FOLDER, PICTURES
from lkjip.hashing import sha256_bytes
from lkjip.params import read as read_params
from lkjip.schema import TABLES

README = "BACA_SAYA.txt"
SUMS = ledger.SUMS  # the bundle's own list at its root, named like the year's
RECEIPTS = ledger.RECEIPTS
INPUT_DIR = "masukan"
MAX_FILE = 512 * 1024 * 1024
"""Largest single file bundled (a scanned signed copy can be large; a report is a few MB)."""
MAX_RECEIPT = 64 * 1024
EPOCH = (1980, 1, 1, 0, 0, 0)
MODE = 0o100644
CHUNK = 1 << 20


class BundleError(LkjipError):
    """The bundle cannot be written truthfully (nothing final, an altered report, a broken ledger)."""


@dataclass(frozen=True)
class Member:
    """One file of the bundle: its bytes, or a file streamed and hashed again while it is copied."""

    path: str
    sha256: str
    size: int
    data: bytes | None = None
    source: Path | None = None


@dataclass
class Report:
    """One kecamatan in the bundle: what was included and which inputs could not be."""

    slug: str
    nama: str
    final: bool
    entry: ledger.Entry
    files: list[str] = field(default_factory=list)
    receipt: bool = False
    inputs: list[str] = field(default_factory=list)
    left_out: list[tuple[str, str]] = field(default_factory=list)
    """(input key, reason) of each input not bundled."""


@dataclass(frozen=True)
class Result:
    path: Path
    tahun: int
    reports: list[Report]
    not_included: list[tuple[str, str]]
    """(slug, reason) of each kecamatan of the ledger left out."""
    files: int
    size: int


def default_target(output: str | os.PathLike[str], tahun: int) -> Path:
    return paths.resolve(output) / f"arsip_lkjip_{tahun}.zip"


def build(
    tahun: int,
    output: str | os.PathLike[str] = paths.OUTPUT_DIR,
    kecamatan: list[str] | None = None,
    target: str | os.PathLike[str] | None = None,
    draft: bool = False,
) -> Result:
    """Write the bundle of ``tahun`` (see the module's description); raises BundleError when it cannot."""
    destination = paths.resolve(target) if target is not None else default_target(output, tahun)
    if not (paths.resolve(output) / str(tahun) / ledger.NAME).is_file():  # before the lock, which makes the folder
        _ledger(paths.resolve(output) / str(tahun))
    with lock.year(output, tahun) as year:
        raw, entries = _ledger(year)
        chosen, not_included = _choose(entries, kecamatan, draft, tahun, year)
        members: list[Member] = [_bytes(f"{tahun}/{ledger.NAME}", raw), _year_sums(year, tahun, entries)]
        reports: list[Report] = []
        for slug in chosen:
            report, found = _report(year, tahun, ledger.latest(entries, slug))  # type: ignore[arg-type]
            reports.append(report)
            members += found
        text = arsip_teks.readme(tahun, reports, not_included, ledger.head(entries), len(entries))
        members.append(_bytes(README, text.encode("utf-8")))
        _unique(members)
        sums = "".join(f"{m.sha256}  {m.path}\n" for m in sorted(members, key=lambda m: m.path))
        members.append(_bytes(SUMS, sums.encode("utf-8")))
        members.sort(key=_order)
        destination.parent.mkdir(parents=True, exist_ok=True)
        publish.write_file(destination, lambda tmp: _write_zip(tmp, members), f"arsip {destination}")
    return Result(destination, tahun, reports, not_included, len(members), destination.stat().st_size)


# ------------------------------------------------------------------------------------------------ choosing


def _ledger(year: Path) -> tuple[bytes, list[ledger.Entry]]:
    """The ledger's bytes and its entries, read from the same bytes' state (a broken chain raises)."""
    path = year / ledger.NAME
    if not regular.is_regular(path):
        if path.is_symlink() or path.exists():
            raise BundleError(
                f"Riwayat {path} bukan berkas biasa (mis. tautan simbolik). Perbaikan: kembalikan aslinya."
            )
        raise BundleError(
            f"Belum ada riwayat laporan ({path}); tidak ada yang dapat diarsipkan. Perbaikan: buat laporan "
            f"dengan `lkjip batch --tahun {year.name}`, tandai yang sudah ditandatangani dengan `lkjip final`, "
            "lalu jalankan lagi."
        )
    raw = path.read_bytes()
    entries = ledger.read(year)
    if "".join(e.line + "\n" for e in entries).encode("utf-8") != raw:
        raise BundleError(
            f"Riwayat {path} berubah saat arsip disusun. Perbaikan: tunggu proses lain selesai, lalu jalankan lagi."
        )
    return raw, entries


def _year_sums(year: Path, tahun: int, entries: list[ledger.Entry]) -> Member:
    """The year's ``SHA256SUMS`` as it is, bundled only when it says what the ledger makes it say."""
    path = year / ledger.SUMS
    raw = _read(path)
    if raw is None or raw != ledger.sums_text(year, entries).encode("utf-8"):
        raise BundleError(
            f"{path} {'tidak ada' if raw is None else 'tidak sesuai dengan riwayat'} ({year / ledger.NAME}). "
            f"Arsip tidak ditulis. Perbaikan: periksa dengan `lkjip verify {year}`; bila riwayat utuh, hapus "
            f"{path} dan jalankan `lkjip batch --tahun {tahun}` (berkas itu ditulis ulang dari riwayat), "
            "lalu jalankan lagi."
        )
    return _bytes(f"{tahun}/{ledger.SUMS}", raw)


def _choose(
    entries: list[ledger.Entry], typed: list[str] | None, draft: bool, tahun: int, year: Path
) -> tuple[list[str], list[tuple[str, str]]]:
    """The slugs to bundle (from the ledger, never from typed text) and the others with the reason."""
    known = sorted({e.kecamatan for e in entries})
    wanted = known
    if typed is not None:
        by_key = {s.casefold(): s for s in known}
        unknown = [t for t in typed if t.strip().casefold() not in by_key]
        if unknown:
            raise ParameterError(
                f"Kecamatan {', '.join(repr(t) for t in unknown)} tidak tercatat di riwayat tahun {tahun} "
                f"({year / ledger.NAME}). Perbaikan: pilih dari yang tercatat: {', '.join(known) or '(tidak ada)'}."
            )
        wanted = sorted({by_key[t.strip().casefold()] for t in typed})
    chosen: list[str] = []
    drafts: list[str] = []
    left: list[tuple[str, str]] = []
    for slug in wanted:
        entry = ledger.latest(entries, slug)
        assert entry is not None
        if not entry.files:
            left.append((slug, f"laporan dipindahkan (riwayat baris {entry.no}: {entry.event}), belum dibuat ulang"))
        elif entry.final or draft:
            chosen.append(slug)
        else:
            drafts.append(slug)
            left.append((slug, f"masih draf (riwayat baris {entry.no}: {entry.event}); tidak disertakan tanpa --draf"))
    fix = (
        f"tandai laporan yang sudah ditandatangani camat dengan `lkjip final --kecamatan <slug> --tahun {tahun}`, "
        "atau tambahkan --draf untuk menyertakan draf (ditandai DRAF di arsip)."
    )
    if typed is not None and drafts:
        raise BundleError(f"Laporan {', '.join(drafts)} tahun {tahun} masih draf. Perbaikan: {fix}")
    if not chosen:
        raise BundleError(
            f"Tidak ada laporan final tahun {tahun} yang dapat diarsipkan ({year}): "
            f"{'; '.join(f'{s} {why}' for s, why in left) or 'riwayat kosong'}. Perbaikan: {fix}"
        )
    return chosen, left


# ------------------------------------------------------------------------------------------------ one report


def _report(year: Path, tahun: int, entry: ledger.Entry) -> tuple[Report, list[Member]]:
    slug = entry.kecamatan
    folder = year / slug
    found = ledger.differences(folder, entry)
    if found:
        raise BundleError(
            f"Laporan {slug} {tahun} tidak sama dengan riwayat: {'; '.join(found)}. Arsip tidak ditulis: arsip "
            f"yang berubah tidak pernah dibundel. Perbaikan: periksa dengan `lkjip verify {folder}`; pulihkan "
            "berkas itu dari cadangan yang cocok dengan riwayat, atau buka kembali (`lkjip buka-final`) dan buat "
            "ulang laporan itu, lalu jalankan lagi."
        )
    if not _plain_name(slug) or slug in (ledger.NAME, ledger.SUMS, RECEIPTS) or slug.startswith("_"):
        raise BundleError(
            f"Riwayat baris {entry.no} mencatat kecamatan dengan nama yang tidak sah ({slug!r}). "
            "Perbaikan: periksa riwayat dengan `lkjip verify`; arsip tidak ditulis."
        )
    prefix = str(tahun)
    members: list[Member] = []
    for name, digest in sorted(entry.files.items()):
        source = folder / name
        if not _plain_name(name):
            raise BundleError(
                f"Riwayat baris {entry.no} mencatat nama berkas yang tidak sah ({name!r}) untuk {slug}. "
                "Perbaikan: periksa riwayat dengan `lkjip verify`; arsip tidak ditulis."
            )
        try:
            size = regular.check(source).st_size
        except regular.NotRegular as exc:
            raise BundleError(f"{source}: {exc.message} Perbaikan: ganti dengan berkas aslinya.") from exc
        if size > MAX_FILE:
            raise BundleError(
                f"{source} berukuran {size} bita, melebihi batas {MAX_FILE} bita per berkas. Perbaikan: kecilkan "
                "berkas itu (mis. pindai ulang salinan bertanda tangan dengan resolusi lebih rendah)."
            )
        members.append(Member(f"{prefix}/{slug}/{name}", digest, size, source=source))
    manifest = _json(folder / ledger.MANIFEST, entry.files[ledger.MANIFEST])
    hasil = manifest.get("hasil")
    nama = hasil.get("nama") if isinstance(hasil, dict) else None
    report = Report(slug, arsip_teks.plain(nama if isinstance(nama, str) else slug), entry.final, entry)
    report.files = [m.path for m in members]
    receipt = year / RECEIPTS / f"{slug}.txt"
    if regular.is_regular(receipt) and receipt.stat().st_size <= MAX_RECEIPT:
        members.append(_bytes(f"{tahun}/{RECEIPTS}/{slug}.txt", receipt.read_bytes()))
        report.receipt = True
    members += _inputs(folder, tahun, manifest, report)
    return report, members


def _inputs(folder: Path, tahun: int, manifest: dict[str, object], report: Report) -> list[Member]:
    """The report's inputs regenerated from its archived parameters; only those matching the manifest."""
    slug = report.slug
    masukan = manifest.get("masukan")
    bagian = masukan.get("bagian") if isinstance(masukan, dict) else None
    if not isinstance(bagian, dict):
        report.left_out.append(("masukan", "manifest tidak memuat masukan.bagian"))
        return []
    try:
        data = paths.resolve(read_params(folder / "parameter.yaml").data_dir)
    except (LkjipError, OSError) as exc:
        report.left_out.append(("semua masukan", f"parameter.yaml tidak terbaca ({exc})"))
        return []
    members: list[Member] = []
    for key, expected in sorted(bagian.items()):
        if not isinstance(key, str) or not isinstance(expected, str) or expected == ABSENT:
            continue
        made = _input(data, slug, tahun, key)
        if made is None:
            continue  # the program (templat, kode_lkjip) or the parameters, which the report folder holds
        rel, content, missing = made
        if content is None:
            report.left_out.append((key, missing))
        elif sha256_bytes(content) != expected:
            report.left_out.append((key, "data berubah sejak laporan dibuat (sha256 tidak sama dengan manifest)"))
        else:
            members.append(_bytes(f"{INPUT_DIR}/{slug}/{rel}", content))
            report.inputs.append(key)
    return members


def _input(data: Path, slug: str, tahun: int, key: str) -> tuple[str, bytes | None, str] | None:
    """(path in masukan/<slug>/, the bytes or None, why not) for input ``key``; None when it is no input file."""
    if key.startswith("data/") and key[5:] in TABLES:
        if not data.exists():
            return f"{key}.csv", None, f"sumber data {data} tidak ditemukan"
        content = canonical.table_bytes(data, key[5:], slug)
        return f"{key}.csv", content, "tabel tidak ada lagi di sumber data"
    if key == "notebook":
        return "notebook/lkjip.ipynb", _read(paths.project_root() / paths.MASTER_NOTEBOOK), "notebook tidak terbaca"
    if key.startswith(f"{FOLDER}/"):
        rel = PurePosixPath(key[len(FOLDER) + 1 :])
        if rel.is_absolute() or ".." in rel.parts or not all(_plain_name(p) for p in rel.parts):
            return key, None, "nama berkas tidak lazim; tidak disalin"
        return key, _read(paths.kecamatan_folder(data, slug, tahun).joinpath(*rel.parts)), "berkas tidak ditemukan"
    if key.startswith(f"{PICTURES}/"):  # the emblem, beside the tables
        name = key[len(PICTURES) + 1 :]
        if not _plain_name(name):
            return key, None, "nama berkas tidak lazim; tidak disalin"
        return key, _read(paths.data_folder(data) / name), "berkas tidak ditemukan"
    return None


def _read(path: Path) -> bytes | None:
    """A regular file's bytes (never through a link), None when it is missing, special or too large."""
    try:
        if regular.check(path).st_size > MAX_FILE:
            return None
        with regular.open_regular(path) as fh:
            return fh.read(MAX_FILE + 1)
    except (OSError, regular.NotRegular):
        return None


def _json(path: Path, digest: str) -> dict[str, object]:
    import json

    raw = path.read_bytes()
    if sha256_bytes(raw) != digest:
        raise BundleError(f"{path} berubah saat arsip disusun. Perbaikan: jalankan lagi.")
    doc = json.loads(raw)
    return doc if isinstance(doc, dict) else {}


def _plain_name(name: str) -> bool:
    """A file name safe in a path, a zip and a SHA256SUMS line (no separator, no control character, no dot first)."""
    return ledger_names.plain_name(name) and not name.startswith(".")


# ------------------------------------------------------------------------------------------------ writing


def _bytes(path: str, data: bytes) -> Member:
    return Member(path, sha256_bytes(data), len(data), data=data)


def _order(m: Member) -> tuple[bool, str]:
    """Zip order: the files of the root first (BACA_SAYA.txt, SHA256SUMS), then by path."""
    return "/" in m.path, m.path


def _unique(members: list[Member]) -> None:
    seen: set[str] = set()
    for m in members:
        if m.path in seen:
            raise BundleError(f"Berkas {m.path} muncul dua kali di arsip. Perbaikan: laporkan kepada pengembang.")
        seen.add(m.path)


def _write_zip(tmp: Path, members: list[Member]) -> None:
    with zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as zf:
        for m in members:
            info = zipfile.ZipInfo(m.path, EPOCH)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 3  # Unix, so the fixed permissions below are what unzip applies
            info.external_attr = MODE << 16
            info.file_size = m.size
            with zf.open(info, "w") as dst:
                if m.data is not None:
                    dst.write(m.data)
                else:
                    assert m.source is not None
                    _copy(m, dst)
    with open(tmp, "rb") as f:
        os.fsync(f.fileno())


def _copy(m: Member, dst: IO[bytes]) -> None:
    """Stream ``m.source`` into the zip, hashing it again: a byte changed since the check stops the bundle."""
    assert m.source is not None
    h = hashlib.sha256()
    with regular.open_regular(m.source) as src:
        for chunk in iter(lambda: src.read(CHUNK), b""):
            h.update(chunk)
            dst.write(chunk)
    if h.hexdigest() != m.sha256:
        raise BundleError(
            f"{m.source} berubah saat arsip disusun (sha256 tidak sama dengan riwayat). Arsip tidak ditulis. "
            "Perbaikan: periksa dengan `lkjip verify`, lalu jalankan lagi."
        )
