"""Draft and final: ``lkjip final`` records a report as the one the camat signed, ``lkjip buka-final`` reopens it.

Finalising never re-renders: the bytes the camat signs are the bytes archived.
Under the year's lock (:mod:`lkjip.lock`), :func:`finalise` checks that the
report folder still matches the year's ledger (:mod:`lkjip.ledger`), that it
was not built from sample data, optionally copies a signed copy (a scan or an
electronically signed PDF) into the folder as ``<stem>_ditandatangani.pdf``,
appends a ``final`` entry whose files include that copy, makes the folder and
its files read-only, and writes the receipt (``tanda terima``) to
``output/<tahun>/tanda_terima/<slug>.txt``. The receipt holds the ledger's
head hash: the anchor outside the folder an auditor checks the chain against.

Permissions keep honest users from editing a final report; root ignores them,
so the ledger is the real guard: :func:`refuse_if_final` is the one check that
``report``, the batch (which skips instead), narrative saving and data import
call before they touch a kecamatan's report of a year.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from lkjip import ledger, lock, paths, publish, recorded
from lkjip.errors import FinalError, LkjipError, RecordError
from lkjip.hashing import sha256_file

SIGNED_SUFFIX = "_ditandatangani.pdf"
RECEIPTS = ledger.RECEIPTS
FORMER = ledger.FORMER
MAX_SIGNED_BYTES = 100 * 1024 * 1024
"""A signed copy larger than this (100 MB) is refused: a scan of a 60-page report is far smaller."""
MAX_REASON = 500
PDF_MAGIC = b"%PDF-"


def signed_name(slug: str, tahun: int) -> str:
    """The fixed name of a report's signed copy in its folder."""
    return f"{paths.output_stem(slug, tahun)}{SIGNED_SUFFIX}"


def _cmd(slug: str, tahun: int) -> str:
    return f"--kecamatan {slug} --tahun {tahun}"


def _reopen_hint(slug: str, tahun: int) -> str:
    return f'lkjip buka-final {_cmd(slug, tahun)} --alasan "..."'


# ------------------------------------------------------------------------------------------------ the state


def final_entry(year: Path, slug: str) -> ledger.Entry | None:
    """The ledger's ``final`` entry of ``slug`` when its report is final now (its latest entry), else None."""
    entry = ledger.latest(ledger.read(year), slug)
    return entry if entry is not None and entry.final else None


def is_final(year: Path, slug: str) -> bool:
    return final_entry(year, slug) is not None


def skip_message(slug: str, tahun: int, entry: ledger.Entry) -> str:
    """What the batch says of a final report it does not rebuild."""
    return (
        f"final: laporan ini sudah final (riwayat baris {entry.no}) dan tidak dibuat ulang; dibuka dengan "
        f"{_reopen_hint(slug, tahun)} bila memang harus diubah."
    )


def refuse_if_final(output_dir: str | os.PathLike[str], tahun: int, slug: str) -> None:
    """Raise :class:`FinalError` when the report of ``slug`` and ``tahun`` is final.

    For every command that would change what a final report was built from or
    holds (``report``, narrative saving, data import of that kecamatan and year).
    ``slug`` must be a registry slug; a year without a ledger has no final report.
    """
    year = paths.resolve(output_dir) / str(tahun)
    entry = final_entry(year, slug)
    if entry is None:
        return
    who = f"{entry.data.get('pengguna', '?')} di {entry.data.get('host', '?')}"
    raise FinalError(
        f"Laporan {slug} tahun {tahun} sudah final sejak {entry.data.get('waktu', '?')} (oleh {who}, riwayat "
        f"baris {entry.no}): laporan, data dan narasinya tidak boleh diubah lagi. Perbaikan: bila memang harus "
        f"diubah, buka dulu dengan {_reopen_hint(slug, tahun)} (alasannya dicatat di riwayat), lalu ulangi "
        "perintah ini."
    )


def _year_with_reports(output_dir: str | os.PathLike[str], tahun: int) -> None:
    """Refuse a year without a ledger before its lock would create the folder."""
    year = paths.resolve(output_dir) / str(tahun)
    if not (year / ledger.NAME).is_file():
        raise FinalError(
            f"Belum ada laporan tahun {tahun} yang tercatat di {shown(year)} (berkas {ledger.NAME} tidak ada). "
            f"Perbaikan: buat laporannya dulu dengan lkjip report --kecamatan <slug> --tahun {tahun}, atau "
            "berikan --output folder keluaran yang benar."
        )


def _known(typed: str, entries: list[ledger.Entry], year: Path, tahun: int) -> str:
    """The slug the ledger knows for what was typed (no path is built from the typed text)."""
    by_fold = {e.kecamatan.casefold(): e.kecamatan for e in entries}
    slug = by_fold.get(typed.strip().casefold())
    if slug is None:
        import difflib

        close = difflib.get_close_matches(typed.strip().casefold(), sorted(by_fold), n=1)
        hint = f" (maksudnya {by_fold[close[0]]}?)" if close else ""
        raise FinalError(
            f"Laporan {typed!r}{hint} tahun {tahun} tidak tercatat di riwayat {year / ledger.NAME}. Perbaikan: "
            f"gunakan slug kecamatan yang laporannya sudah dibuat, atau buat dulu dengan lkjip report "
            f"--kecamatan <slug> --tahun {tahun}."
        )
    return slug


def _checked_report(year: Path, slug: str, tahun: int, allow: frozenset[str] = frozenset()) -> ledger.Entry:
    """The latest entry of a report that exists and matches the ledger (``allow``: an unrecorded file that may be
    there); raises FinalError otherwise."""
    entry = ledger.latest(ledger.read(year), slug)
    if entry is None or not entry.files:
        raise FinalError(
            f"Laporan {slug} tahun {tahun} tidak ada (riwayat tidak mencatat laporan yang terbit). Perbaikan: buat "
            f"dulu dengan lkjip report {_cmd(slug, tahun)}."
        )
    found = ledger.differences(year / slug, entry, allow)
    if found:
        raise FinalError(
            f"Arsip laporan {slug} tahun {tahun} tidak sama dengan riwayat: {'; '.join(found)}. Tidak ada yang "
            f"diubah. Perbaikan: periksa dengan lkjip verify {year / slug}; lalu jalankan lkjip report "
            f"{_cmd(slug, tahun)}, yang memindahkan salinan yang berubah ke {ledger.ASIDE}/ dan membuatnya ulang."
        )
    return entry


def set_read_only(folder: Path, read_only: bool) -> None:
    """Files 0o444 and the folder 0o555 (read-only), or 0o644 and 0o755 again."""
    if not read_only:
        os.chmod(folder, 0o755)
    for p in sorted(folder.iterdir()):
        if p.is_file() and not p.is_symlink():
            os.chmod(p, 0o444 if read_only else 0o644)
    if read_only:
        os.chmod(folder, 0o555)


# ------------------------------------------------------------------------------------------------ the receipt


@dataclass(frozen=True)
class Receipt:
    """The receipt (``tanda terima``) of a finalisation: what the office sends with the report."""

    nama: str
    kecamatan: str
    tahun: int
    pdf: str
    pdf_sha256: str
    signed: str | None
    signed_sha256: str | None
    entry: ledger.Entry
    folder: Path
    path: Path
    """Where the receipt is written: ``output/<tahun>/tanda_terima/<slug>.txt``."""

    @property
    def head(self) -> str:
        """The ledger's head right after finalising: the hash of the ``final`` entry."""
        return self.entry.hash

    def text(self) -> str:
        d = self.entry.data
        rows = [
            ("Kecamatan", self.nama),
            ("Tahun", str(self.tahun)),
            ("Berkas PDF final", self.pdf),
            ("SHA-256 PDF final", self.pdf_sha256),
        ]
        if self.signed:
            rows += [("Salinan bertanda tangan", self.signed), ("SHA-256 salinan", str(self.signed_sha256))]
        rows += [
            ("Riwayat arsip", f"{shown(self.folder.parent / ledger.NAME)}, entri nomor {self.entry.no}"),
            ("Hash kepala riwayat", self.head),
            ("Dicatat pada", f"{d.get('waktu', '?')} (UTC)"),
            ("Dicatat oleh", f"{d.get('pengguna', '?')} di {d.get('host', '?')}"),
        ]
        width = max(len(k) for k, _ in rows)
        lines = ["TANDA TERIMA LAPORAN KINERJA INSTANSI PEMERINTAH (LKjIP) FINAL", ""]
        lines += [f"{k.ljust(width)} : {v}" for k, v in rows]
        lines += [
            "",
            "Kantor kecamatan wajib mengirimkan tanda terima ini bersama laporannya; pemeriksa memastikan bahwa "
            "arsip laporan tidak berubah sejak difinalkan dengan menjalankan perintah berikut:",
            "",
            f"    lkjip verify {shown(self.folder)} --kepala {self.head}",
        ]
        return "\n".join(lines) + "\n"


def shown(path: Path) -> str:
    """A path as the analyst knows it: relative to the current folder when inside it."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


def _read_signed(source: Path) -> bytes:
    """The bytes of a signed copy: a PDF (by its magic bytes) of at most :data:`MAX_SIGNED_BYTES`."""
    fix = "Perbaikan: berikan berkas PDF hasil pindai atau PDF bertanda tangan elektronik, mis. --berkas ttd.pdf."
    try:
        if not source.is_file():
            raise FinalError(f"Salinan bertanda tangan {source} tidak ada atau bukan berkas. {fix}")
        size = source.stat().st_size
        if size > MAX_SIGNED_BYTES:
            raise FinalError(
                f"Salinan bertanda tangan {source} berukuran {size // (1024 * 1024)} MB, melebihi batas "
                f"{MAX_SIGNED_BYTES // (1024 * 1024)} MB. Perbaikan: pindai ulang dengan resolusi lebih rendah "
                "(mis. 200 dpi, hitam-putih) atau kecilkan PDF-nya."
            )
        with source.open("rb") as f:
            data = f.read(MAX_SIGNED_BYTES + 1)
    except OSError as exc:
        raise FinalError(f"Salinan bertanda tangan {source} tidak terbaca ({exc.strerror or exc}). {fix}") from exc
    if len(data) > MAX_SIGNED_BYTES:
        raise FinalError(f"Salinan bertanda tangan {source} melebihi batas {MAX_SIGNED_BYTES} byte. {fix}")
    if not data.startswith(PDF_MAGIC):
        raise FinalError(f"Salinan bertanda tangan {source} bukan berkas PDF (tidak diawali %PDF-). {fix}")
    return data


# ------------------------------------------------------------------------------------------------ final, reopen


def finalise(
    kecamatan: str, tahun: int, output_dir: str | os.PathLike[str] = paths.OUTPUT_DIR, signed: Path | None = None
) -> Receipt:
    """Record the report as final without re-rendering it; returns the receipt, already written.

    Raises :class:`FinalError` (no report, already final, altered, sample
    data, a signed copy that is not a PDF) with the fix; nothing is changed then.
    """
    data = _read_signed(signed) if signed is not None else None
    _year_with_reports(output_dir, tahun)
    with lock.year(output_dir, tahun) as year:
        slug = _known(kecamatan, ledger.read(year), year, tahun)
        # A signed copy written by a final stopped before its entry is replaced by the one given now.
        latest = _checked_report(year, slug, tahun, frozenset({signed_name(slug, tahun)} if signed else ()))
        if latest.final and ((year / RECEIPTS / f"{slug}.txt").is_file() or signed is not None):
            raise FinalError(
                f"Laporan {slug} tahun {tahun} sudah final (riwayat baris {latest.no}); tanda terimanya ada di "
                f"{shown(year / RECEIPTS / f'{slug}.txt')}. Perbaikan: tidak perlu difinalkan lagi; untuk "
                f"mengubahnya, buka dulu dengan {_reopen_hint(slug, tahun)}."
            )
        folder = year / slug
        stem = paths.output_stem(slug, tahun)
        try:
            figures = recorded.read(folder / f"{stem}.ipynb", slug, tahun)
        except RecordError as exc:
            raise FinalError(f"Laporan {slug} tahun {tahun} tidak dapat difinalkan: {exc}") from exc
        if figures.get("data_contoh"):
            raise FinalError(
                f"Laporan {slug} tahun {tahun} dibuat dari DATA CONTOH (bukan data resmi; tercatat di notebook "
                f"{stem}.ipynb) sehingga tidak dapat difinalkan. Perbaikan: isi data resmi kecamatan ini di data/ "
                f"(lihat data/README.md), buat ulang dengan lkjip report {_cmd(slug, tahun)}, lalu finalkan."
            )
        pdf = f"{stem}.pdf"
        if pdf not in latest.files:
            raise FinalError(
                f"Riwayat baris {latest.no} tidak mencatat PDF {pdf} laporan {slug}. Perbaikan: buat ulang dengan "
                f"lkjip report {_cmd(slug, tahun)}, lalu finalkan."
            )
        files = dict(latest.files)
        name = signed_name(slug, tahun)
        if data is not None:
            publish.write_file(folder / name, data, f"salinan bertanda tangan {folder / name}")
            files[name] = sha256_file(folder / name)
        if latest.final:  # finalised, but stopped before its receipt was written: finish the same entry
            entry = latest
        else:
            entry = ledger.append(
                year, ledger.Event.FINAL, slug, tahun, files, pdf=pdf, ditandatangani=name if name in files else None
            )
        _chmod(folder, read_only=True)
        receipt = Receipt(
            str(figures.get("nama") or slug),
            slug,
            tahun,
            pdf,
            files[pdf],
            name if name in files else None,
            files.get(name),
            entry,
            folder,
            year / RECEIPTS / f"{slug}.txt",
        )
        _write_receipt(receipt)
        _refresh_index(year, folder, tahun)
    return receipt


def reopen(
    kecamatan: str, tahun: int, alasan: str, output_dir: str | os.PathLike[str] = paths.OUTPUT_DIR
) -> ledger.Entry:
    """Reopen a final report: its permissions come back and a ``buka-final`` entry records why."""
    reason = " ".join(alasan.split())
    if not reason:
        raise FinalError(
            'Alasan membuka laporan final kosong. Perbaikan: tulis alasannya, mis. --alasan "Koreksi angka '
            'realisasi IKU 2 atas permintaan Inspektorat".'
        )
    if not reason.isprintable():
        raise FinalError(
            "Alasan membuka laporan final memuat karakter kendali (mis. kode warna terminal). Perbaikan: tulis "
            "alasannya sebagai teks biasa saja."
        )
    if len(reason) > MAX_REASON:
        raise FinalError(
            f"Alasan membuka laporan final terlalu panjang ({len(reason)} karakter, paling banyak {MAX_REASON}). "
            "Perbaikan: ringkas alasannya; rincian dapat dicatat di surat atau berita acara."
        )
    _year_with_reports(output_dir, tahun)
    with lock.year(output_dir, tahun) as year:
        slug = _known(kecamatan, ledger.read(year), year, tahun)
        latest = _checked_report(year, slug, tahun)
        if not latest.final:
            raise FinalError(
                f"Laporan {slug} tahun {tahun} tidak sedang final (peristiwa terakhir di riwayat baris {latest.no}: "
                f"{latest.event}); tidak ada yang dibuka. Perbaikan: tidak perlu dibuka; laporan ini dapat dibuat "
                f"ulang dengan lkjip report {_cmd(slug, tahun)}."
            )
        folder = year / slug
        kept = _keep_former(year, folder, latest)
        _chmod(folder, read_only=False)
        entry = ledger.append(year, ledger.Event.REOPENED, slug, tahun, latest.files, alasan=reason, salinan_final=kept)
        _refresh_index(year, folder, tahun)
    return entry


def _keep_former(year: Path, folder: Path, entry: ledger.Entry) -> str:
    """Copy the final report and its receipt to ``_final_lama/<slug>-<entry no>/`` (read-only); its path in the year.

    A rebuild after reopening replaces the report folder, signed copy
    included; the bytes that were final stay here, as the ledger recorded them.
    """
    import shutil

    target = year / FORMER / f"{folder.name}-{entry.no}"
    try:
        if target.exists():  # reopened before, stopped before the entry was written: the copy is this one
            os.chmod(target, 0o755)  # made read-only (0o555) by that run; its files go with a writable folder
            shutil.rmtree(target)
        target.mkdir(parents=True)
        for name in sorted(entry.files):
            shutil.copyfile(folder / name, target / name)
        receipt = year / RECEIPTS / f"{folder.name}.txt"
        if receipt.is_file():
            shutil.copyfile(receipt, target / f"{RECEIPTS}.txt")
        set_read_only(target, True)
    except OSError as exc:
        from lkjip.errors import output_error

        raise output_error(exc, f"salinan laporan final {target}") from exc
    return target.relative_to(year).as_posix()


def _chmod(folder: Path, read_only: bool) -> None:
    try:
        set_read_only(folder, read_only)
    except OSError as exc:
        from lkjip.errors import output_error

        raise output_error(exc, f"izin berkas laporan {folder}") from exc


def _write_receipt(receipt: Receipt) -> None:
    try:
        receipt.path.parent.mkdir(exist_ok=True)
    except OSError as exc:
        from lkjip.errors import output_error

        raise output_error(exc, f"folder tanda terima {receipt.path.parent}") from exc
    publish.write_file(receipt.path, receipt.text().encode("utf-8"), f"tanda terima {receipt.path}")


def _refresh_index(year: Path, folder: Path, tahun: int) -> None:
    """Rebuild the kabupaten index so that it shows the report's new document status (draft or final)."""
    from lkjip import index
    from lkjip import params as prm

    try:
        data = prm.read(folder / "parameter.yaml").data_dir
        index.build(tahun, year.parent, data)
    except LkjipError:
        pass  # the index is derived: the next batch or report rebuilds it; the finalisation stands
