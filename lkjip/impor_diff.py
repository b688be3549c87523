"""The import's merge into the CSV tables, the change list, the check of the result, and the all-or-nothing write.

:func:`rencana` replaces the kecamatan's rows of the form's year in each
table the form fills (:data:`~lkjip.formulir_lembar.TABEL_DIISI`), keeping a
row's text exactly where its values did not change (so importing an unchanged
form changes no byte), and validates the merged tables in a temporary copy of
the data folder before anything is written. :func:`terapkan` writes every
changed table to a temporary file beside it, flushed to disk, then renames
them over the old files; if a rename fails, the files already renamed are
put back. Nothing else in ``data/`` is touched.
"""

from __future__ import annotations

import csv
import io
import os
import shutil
import tempfile
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path

from lkjip.errors import LkjipError, output_error
from lkjip.formulir_lembar import LEMBAR, TABEL_DIISI
from lkjip.impor import ImporError, Isi
from lkjip.publish import PREFIX, TMP_SUFFIX
from lkjip.schema import TABLES

PLANNING = ("renstra", "misi", "sasaran", "indikator", "program_sasaran", "upaya")


@dataclass
class Perubahan:
    """The changes to one table: rows added, removed, and changed cells (key -> column -> (old, new))."""

    tabel: str
    tambah: list[dict[str, str]] = field(default_factory=list)
    hapus: list[dict[str, str]] = field(default_factory=list)
    ubah: dict[str, dict[str, tuple[str, str]]] = field(default_factory=dict)

    def kosong(self) -> bool:
        return not (self.tambah or self.hapus or self.ubah)


@dataclass
class Rencana:
    """What an import would write: the new text of each changed table and its changes."""

    data: Path
    isi: Isi
    teks: dict[str, bytes]
    perubahan: list[Perubahan]

    def baris(self) -> list[str]:
        """The changes as lines for the analyst (Indonesian)."""
        out: list[str] = []
        for p in self.perubahan:
            out.append(f"{p.tabel}.csv: {len(p.tambah)} baris ditambah, {len(p.ubah)} diubah, {len(p.hapus)} dihapus")
            for row in p.tambah:
                out.append(f"  + {_label(p.tabel, row)}: " + ", ".join(f"{k}={v}" for k, v in row.items() if v))
            for key, cols in p.ubah.items():
                out.append(
                    f"  ~ {key}: "
                    + ", ".join(f"{c} {a or '(kosong)'} -> {b or '(kosong)'}" for c, (a, b) in cols.items())
                )
            for row in p.hapus:
                out.append(f"  - {_label(p.tabel, row)}")
        return out


def _label(tabel: str, row: dict[str, str]) -> str:
    return " ".join(f"{k}={row.get(k, '')}" for k in TABLES[tabel].key)


def _read(file: Path) -> tuple[list[str], list[dict[str, str]]]:
    with open(file, encoding="utf-8", newline="") as f:
        reader = csv.reader(f)
        header = next(reader)
        return header, [dict(zip(header, r, strict=False)) for r in reader]


def _render(header: list[str], rows: list[dict[str, str]]) -> bytes:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(header)
    for row in rows:
        writer.writerow([row.get(h, "") for h in header])
    return buf.getvalue().encode("utf-8")


def _same(a: str, b: str) -> bool:
    if a == b:
        return True
    try:
        return Decimal(a) == Decimal(b)
    except (InvalidOperation, ValueError):
        return False


def _new_rows(isi: Isi) -> dict[str, list[dict[str, str]]]:
    base = {"kecamatan": isi.kecamatan, "tahun": str(isi.tahun)}
    out: dict[str, list[dict[str, str]]] = {t: [] for t in TABEL_DIISI}
    for spec in LEMBAR:
        for row in isi.tabel.get(spec.nama, []):
            clean = {k: v for k, v in row.items() if not k.startswith("_")}
            if spec.tabel == "kinerja":
                code = {"kecamatan": isi.kecamatan, "indikator": clean["indikator"], "tahun": str(isi.tahun)}
                out["target"].append(code | {"target": clean["target"]})
                out["realisasi"].append(code | {"realisasi": clean["realisasi"]})
            else:
                out[spec.tabel].append(base | clean)
    return out


def _merge(
    tabel: str, header: list[str], rows: list[dict[str, str]], new: list[dict[str, str]], isi: Isi
) -> tuple[list[dict[str, str]], Perubahan]:
    mine = [r.get("kecamatan") == isi.kecamatan and r.get("tahun") == str(isi.tahun) for r in rows]
    key = [k for k in TABLES[tabel].key if k in header]
    old = {tuple(r.get(k, "") for k in key): r for r, m in zip(rows, mine, strict=True) if m}
    change = Perubahan(tabel)
    merged: list[dict[str, str]] = []
    for row in new:
        k = tuple(row.get(c, "") for c in key)
        before = old.pop(k, None)
        full = {h: row.get(h, before.get(h, "") if before else "") for h in header}
        if before is None:
            change.tambah.append(full)
            merged.append(full)
            continue
        cols = {h: (before.get(h, ""), full[h]) for h in header if not _same(before.get(h, ""), full[h])}
        if cols:
            change.ubah[" ".join(f"{c}={v}" for c, v in zip(key, k, strict=True))] = cols
        merged.append({h: before.get(h, "") if h not in cols else full[h] for h in header})
    change.hapus = list(old.values())
    out: list[dict[str, str]] = []
    placed = False
    for row, m in zip(rows, mine, strict=True):
        if not m:
            out.append(row)
        elif not placed:
            out.extend(merged)
            placed = True
    if not placed:
        out.extend(merged)
    return out, change


def rencana(data: Path, isi: Isi) -> Rencana:
    """The changes the form ``isi`` makes to ``data``, checked; raises :class:`ImporError` when refused."""
    new = _new_rows(isi)
    teks: dict[str, bytes] = {}
    changes: list[Perubahan] = []
    _, profil_rows = _read(data / "profil.csv")
    contoh = any(
        r.get("kecamatan") == isi.kecamatan and r.get("tahun") == str(isi.tahun) and r.get("data_contoh") == "true"
        for r in profil_rows
    )
    if contoh:
        raise ImporError(
            data,
            [
                f"Kecamatan {isi.kecamatan} tahun {isi.tahun} masih memuat data contoh. Formulir versi ini belum "
                "mengisi tabel perencanaan (" + ", ".join(PLANNING) + "), sehingga baris contoh akan tetap dipakai "
                "laporannya. Perbaikan: isi tabel-tabel itu langsung di data/ (lihat data/README.md), lalu "
                "impor lagi."
            ],
        )
    for tabel in TABEL_DIISI:
        header, rows = _read(data / f"{tabel}.csv")
        merged, change = _merge(tabel, header, rows, new[tabel], isi)
        if not change.kosong():
            changes.append(change)
            teks[tabel] = _render(header, merged)
    plan = Rencana(data, isi, teks, changes)
    if teks:
        _check(plan)
    return plan


def _check(plan: Rencana) -> None:
    from lkjip.validate import validate as run

    with tempfile.TemporaryDirectory(prefix="lkjip-impor-") as tmp:
        folder = Path(tmp)
        for item in plan.data.iterdir():
            if item.is_file():
                shutil.copy2(item, folder / item.name)
        for tabel, data in plan.teks.items():
            (folder / f"{tabel}.csv").write_bytes(data)
        report = run(folder, plan.isi.tahun, [plan.isi.kecamatan])
        errors = [p for p in report.errors if p.kecamatan in (plan.isi.kecamatan, None)]
    if errors:
        raise ImporError(
            plan.data,
            [f"setelah digabung: {str(p).replace(str(folder), str(plan.data))}" for p in errors],
        )


def terapkan(plan: Rencana) -> list[Path]:
    """Write every changed table, all or none; returns the files written."""
    tmps: dict[Path, Path] = {}
    done: list[tuple[Path, bytes]] = []
    try:
        for tabel, data in plan.teks.items():
            final = plan.data / f"{tabel}.csv"
            tmp = final.with_name(f"{PREFIX}{final.name}{TMP_SUFFIX}")
            with open(tmp, "wb") as f:
                f.write(data)
                f.flush()
                os.fsync(f.fileno())
            tmps[final] = tmp
        for final, tmp in tmps.items():
            old = final.read_bytes()
            os.replace(tmp, final)
            done.append((final, old))
    except OSError as exc:
        for final, old in reversed(done):
            final.write_bytes(old)
        raise output_error(exc, f"tabel di {plan.data}") from exc
    finally:
        for tmp in tmps.values():
            tmp.unlink(missing_ok=True)
    return list(tmps)


def impor(file: Path, data: Path, kecamatan: str | None = None, tahun: int | None = None) -> Rencana:
    """Read and check ``file`` and plan its merge into ``data`` (nothing is written: see :func:`terapkan`)."""
    from lkjip.impor import baca

    if not data.is_dir():
        raise LkjipError(f"Folder data '{data}' tidak ditemukan. Perbaikan: arahkan --data ke folder berkas CSV.")
    return rencana(data, baca(file, kecamatan, tahun))
