"""Verify an evidence archive: do the published reports still match their manifests and their notebooks?

``check(path)`` takes a report folder (``output/<tahun>/<slug>/``), a year
folder or an output tree, and checks each report folder found:

1. every output the manifest lists (``keluaran``: name -> sha256) exists and
   matches, and the notebook, HTML, PDF and ``parameter.yaml`` are listed;
2. the manifest's ``hasil`` equals the figures recorded in the executed
   notebook (:func:`lkjip.recorded.read`), field by field;
3. when the report sits in its year folder: the kabupaten index and the Excel
   rekap show the notebook's figures in the forms they print them;
4. whether the inputs changed since the build (current / outdated): the input
   hashes are recomputed from the archived ``parameter.yaml``. Outdated inputs
   are not tampering.

5. the manifest and every output match the year's hash-chained ledger
   (:mod:`lkjip.ledger`), whose chain is whole; with ``kepala`` (the ledger
   head printed on a receipt) the chain must still contain that entry, so a
   ledger rewritten from the start is caught too.

Each check is a function in :data:`CHECKS` taking a :class:`Report` and
returning :class:`Finding` objects. Optional checks are passed to :func:`check`:
``lkjip verify --ulang`` adds :func:`lkjip.ulang.check`, which re-executes
each report in a temporary folder and compares bytes.

A report the ledger lists whose folder is gone is a result of its own.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from enum import StrEnum
from pathlib import Path
from typing import Any

from lkjip import format as fmt
from lkjip import paths, published, recorded, tamper
from lkjip.archive_tree import YEAR, children, is_report, ledger_years, report_folders
from lkjip.errors import LkjipError, RecordError
from lkjip.fingerprint import combined, inputs, sha256_bytes, sha256_file
from lkjip.manifest import NAME as MANIFEST
from lkjip.params import dump as dump_params
from lkjip.params import read as read_params
from lkjip.render import RUN_PARAMS


class Status(StrEnum):
    """A report's state after verification; the value is what the table and ``--json`` show."""

    INTACT = "utuh"
    OUTDATED = "usang"
    """The archive is intact, but its inputs changed since the build (not tampering)."""
    CHANGED = "berubah"
    """An output, the manifest or a published figure no longer matches: tampering or damage."""
    INCOMPLETE = "tidak lengkap"
    """The manifest or the executed notebook is missing: nothing to check against."""

    @property
    def fails(self) -> bool:
        return self in (Status.CHANGED, Status.INCOMPLETE)


_RANK = {Status.INTACT: 0, Status.OUTDATED: 1, Status.CHANGED: 2, Status.INCOMPLETE: 3}


class Inputs(StrEnum):
    CURRENT = "terkini"
    OUTDATED = "usang"
    UNKNOWN = "tidak diketahui"


@dataclass(frozen=True)
class Finding:
    status: Status
    message: str
    berkas: str | None = None
    """The file or manifest field the finding is about (e.g. ``lkjip_x_2023.pdf``, ``hasil.rata_rata``)."""


@dataclass
class Report:
    """One report folder being verified, with what the checks read from it."""

    folder: Path
    slug: str
    tahun: int | None
    data: Path | None = None
    """``--data``: the data folder or workbook to compare the inputs with (None: the archived ``data_dir``)."""
    manifest: dict[str, Any] | None = None
    notebook: dict[str, Any] | None = None
    """The figures recorded in the executed notebook (None: not readable)."""
    masukan: Inputs = Inputs.UNKNOWN
    masukan_berbeda: list[str] = field(default_factory=list)
    kepala: str | None = None
    """``--kepala``: the ledger head of a receipt; the year's chain must still contain it."""
    final: bool = False
    diulang: bool = False
    """Whether the report was re-executed and compared byte by byte (``--ulang``, :mod:`lkjip.ulang`)."""

    @property
    def stem(self) -> str:
        return paths.output_stem(self.slug, self.tahun or 0)


@dataclass
class Result:
    kecamatan: str
    tahun: int | None
    folder: Path
    status: Status
    masukan: Inputs
    masukan_berbeda: list[str]
    temuan: list[Finding]
    final: bool = False
    diulang: bool = False

    def as_dict(self) -> dict[str, Any]:
        return {
            "kecamatan": self.kecamatan,
            "tahun": self.tahun,
            "folder": str(self.folder),
            "status": self.status.value,
            "dokumen": "final" if self.final else "draf",
            "masukan": self.masukan.value,
            "masukan_berbeda": sorted(self.masukan_berbeda),
            "temuan": [{"status": f.status.value, "berkas": f.berkas, "pesan": f.message} for f in self.temuan],
            "diulang": self.diulang,
        }


def passed(results: list[Result]) -> bool:
    """True when no report is changed or incomplete (outdated inputs do not fail)."""
    return not any(r.status.fails for r in results)


def as_json(results: list[Result]) -> str:
    """Deterministic JSON of ``results``: sorted keys, reports in folder order."""
    doc = {
        "lulus": passed(results),
        "jumlah": {s.value: sum(r.status == s for r in results) for s in Status},
        "laporan": [r.as_dict() for r in results],
    }
    return json.dumps(doc, indent=2, ensure_ascii=False, sort_keys=True)


# ------------------------------------------------------------------------------------------------ the checks


def _check_outputs(r: Report) -> list[Finding]:
    """Every output the manifest lists exists with its sha256; the four outputs of a report are listed."""
    assert r.manifest is not None
    listed = r.manifest.get("keluaran")
    if not isinstance(listed, dict):
        return [Finding(Status.CHANGED, "manifest tidak memuat daftar keluaran (keluaran) yang sah.", MANIFEST)]
    found: list[Finding] = []
    for name in (f"{r.stem}.ipynb", f"{r.stem}.html", f"{r.stem}.pdf", RUN_PARAMS):
        if name not in listed:
            found.append(Finding(Status.CHANGED, f"{name} tidak tercatat di manifest.", name))
    for name, digest in sorted(listed.items()):
        target = r.folder / name
        if Path(name).name != name or name == MANIFEST:
            found.append(Finding(Status.CHANGED, f"nama keluaran {name!r} di manifest tidak sah.", MANIFEST))
        elif target.is_symlink():
            found.append(Finding(Status.CHANGED, f"{name} berupa tautan simbolik, bukan berkas biasa.", name))
        elif not target.is_file():
            found.append(Finding(Status.CHANGED, f"{name} tercatat di manifest tetapi tidak ada.", name))
        elif sha256_file(target) != digest:
            found.append(Finding(Status.CHANGED, f"{name} berubah: sha256 tidak sama dengan manifest.", name))
    return found


def _check_figures(r: Report) -> list[Finding]:
    """The manifest's ``hasil`` equals the notebook's record, field by field."""
    assert r.manifest is not None
    if r.notebook is None:
        return []
    hasil = r.manifest.get("hasil")
    if not isinstance(hasil, dict):
        return [Finding(Status.CHANGED, "manifest tidak memuat angka hasil (hasil) yang sah.", "hasil")]
    found: list[Finding] = []
    for key in sorted(set(hasil) | set(r.notebook)):
        a, b = hasil.get(key, "(tidak ada)"), r.notebook.get(key, "(tidak ada)")
        if a != b or type(a) is not type(b):
            found.append(
                Finding(
                    Status.CHANGED,
                    f"hasil.{key} di manifest {_show(a)}, di notebook {_show(b)}.",
                    f"hasil.{key}",
                )
            )
    return found


def _check_index(r: Report) -> list[Finding]:
    """The kabupaten index and the Excel rekap of the year folder show the notebook's figures."""
    year = r.folder.parent
    if r.notebook is None or r.tahun is None or year.name != str(r.tahun):
        return []
    found: list[Finding] = []
    index = year / "index.html"
    if index.is_file():
        found += _compare(r, "index.html", published.index_row(index, r.slug), published.index_expected(r.notebook))
    xlsx = year / f"rekap_{r.tahun}.xlsx"
    if xlsx.is_file():
        sheets = published.rekap_sheets(xlsx)
        nama = r.notebook["nama"]
        rows = [row for row in sheets.get("Rekap", []) if row.get("Kecamatan") == nama]
        found += _compare(r, xlsx.name, rows[0] if len(rows) == 1 else None, published.rekap_expected(r.notebook))
        for sheet, key in published.REKAP_SHEETS.items():
            shown = [row for row in sheets.get(sheet, []) if row.get("kecamatan") == nama]
            want = [{"kecamatan": nama, **item} for item in r.notebook["rekap"].get(key, [])]
            if not published.same_rows(shown, want):
                found.append(
                    Finding(
                        Status.CHANGED,
                        f"{xlsx.name}: lembar {sheet} tidak sama dengan tabel rekap '{key}' di notebook.",
                        xlsx.name,
                    )
                )
    return found


def _check_inputs(r: Report) -> list[Finding]:
    """Recompute the input hashes from the archived parameters: current or outdated (never tampering)."""
    assert r.manifest is not None
    masukan = r.manifest.get("masukan")
    sidik = masukan.get("sidik") if isinstance(masukan, dict) else None
    bagian = masukan.get("bagian") if isinstance(masukan, dict) else None
    if not isinstance(sidik, str) or not isinstance(bagian, dict):
        return [Finding(Status.CHANGED, "manifest tidak memuat sidik masukan (masukan.sidik) yang sah.", "masukan")]
    try:
        archived = read_params(r.folder / RUN_PARAMS)
    except LkjipError as exc:
        return [Finding(Status.CHANGED, f"{RUN_PARAMS} tidak terbaca: {exc}", RUN_PARAMS)]
    params = archived if r.data is None else replace(archived, data_dir=str(r.data))
    data = paths.resolve(params.data_dir)
    if not data.exists():
        return [
            Finding(
                Status.INTACT,
                f"data {data} tidak ditemukan; perubahan masukan tidak diperiksa (berikan --data).",
                "masukan",
            )
        ]
    parts = inputs(params)
    # The data location may differ (--data); the parameters are compared as archived.
    parts["parameter"] = sha256_bytes(dump_params(archived).encode())
    if combined(parts) == sidik:
        r.masukan = Inputs.CURRENT
        return []
    r.masukan = Inputs.OUTDATED
    r.masukan_berbeda = sorted(k for k in set(parts) | set(bagian) if parts.get(k) != bagian.get(k))
    shown = ", ".join(r.masukan_berbeda) or "sidik gabungan"
    return [Finding(Status.OUTDATED, f"masukan berubah sejak laporan dibuat: {shown}.", "masukan")]


def _check_ledger(r: Report) -> list[Finding]:
    """The manifest and every output match the year's ledger, whose chain is whole (and holds ``--kepala``)."""
    found = tamper.audit(r.folder, r.kepala)
    r.final = found.final
    return [Finding(Status.CHANGED, message, berkas) for berkas, message in found.problems]


Check = Callable[[Report], list[Finding]]
CHECKS: tuple[Check, ...] = (_check_outputs, _check_figures, _check_index, _check_inputs, _check_ledger)
"""The checks of a report with a manifest, in order."""


# ------------------------------------------------------------------------------------------------ one report


def verify_report(
    folder: Path, data: Path | None = None, checks: Sequence[Check] = CHECKS, kepala: str | None = None
) -> Result:
    """Verify one report folder with ``checks`` (after the manifest and the notebook are read)."""
    slug = folder.name
    tahun = int(folder.parent.name) if YEAR.match(folder.parent.name) else None
    r = Report(folder, slug, tahun, data, kepala=kepala)
    found: list[Finding] = []
    man_path = folder / MANIFEST
    if not man_path.is_file():
        found.append(Finding(Status.INCOMPLETE, f"{MANIFEST} tidak ada: laporan ini tidak dapat diperiksa.", MANIFEST))
        return _result(r, found)
    try:
        doc = json.loads(man_path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ValueError):
        doc = None
    if not isinstance(doc, dict):
        found.append(Finding(Status.CHANGED, f"{MANIFEST} tidak terbaca (terpotong atau diubah).", MANIFEST))
        return _result(r, found)
    r.manifest = doc
    given = doc.get("parameter")
    param: dict[str, Any] = given if isinstance(given, dict) else {}
    if r.tahun is None and isinstance(param.get("tahun"), int):
        r.tahun = param["tahun"]
    if param.get("kecamatan") != slug or param.get("tahun") != r.tahun:
        found.append(
            Finding(
                Status.CHANGED,
                f"parameter di manifest ({param.get('kecamatan')} {param.get('tahun')}) bukan milik folder "
                f"{slug} {r.tahun}.",
                "parameter",
            )
        )
    notebook = folder / f"{r.stem}.ipynb"
    if not notebook.is_file():
        found.append(
            Finding(Status.INCOMPLETE, f"{notebook.name} tidak ada: angka hasil tidak dapat diperiksa.", notebook.name)
        )
    else:
        try:
            r.notebook = recorded.read(notebook, slug, r.tahun)
        except RecordError as exc:
            found.append(Finding(Status.CHANGED, f"{notebook.name}: {exc.reason}", notebook.name))
    for run in checks:
        found += run(r)
    return _result(r, found)


def _result(r: Report, found: list[Finding]) -> Result:
    status = max((f.status for f in found), key=_RANK.__getitem__, default=Status.INTACT)
    return Result(r.slug, r.tahun, r.folder, status, r.masukan, r.masukan_berbeda, found, r.final, r.diulang)


def check(
    path: str | Path = paths.OUTPUT_DIR,
    data: str | Path | None = None,
    kepala: str | None = None,
    extra: Sequence[Check] = (),
) -> list[Result]:
    """Verify every report under ``path`` (a report folder, a year folder or an output tree).

    A report the year's ledger lists but whose folder is gone is a result too
    (changed), when ``path`` is a year folder or an output tree. ``extra`` checks run after
    :data:`CHECKS` (``--ulang``: :func:`lkjip.ulang.check`).
    """
    folder = paths.resolve(path)
    chosen = paths.resolve(data) if data is not None else None
    years = ledger_years(folder)
    gone = [(year, entry) for year in years for entry in tamper.missing(year)]
    found = report_folders(folder) if not gone or any(is_report(p) for y in years for p in children(y)) else []
    results = [verify_report(f, chosen, (*CHECKS, *extra), kepala) for f in found]
    for year, entry in gone:
        finding = Finding(
            Status.CHANGED,
            tamper.gone_message(year, entry),
            entry.kecamatan,
        )
        results.append(
            Result(
                entry.kecamatan, int(year.name), year / entry.kecamatan, Status.CHANGED, Inputs.UNKNOWN, [], [finding]
            )
        )
    return sorted(results, key=lambda r: (str(r.folder.parent), r.kecamatan))


# ------------------------------------------------------------------------------------------------ index and rekap


def _compare(r: Report, name: str, row: dict[str, Any] | None, expected: dict[str, Any]) -> list[Finding]:
    if row is None:
        return [Finding(Status.CHANGED, f"{name} tidak memuat baris {r.slug} dengan angka hasil.", name)]
    return [
        Finding(Status.CHANGED, f"{name}: {key} {_show(row.get(key))}, di notebook {_show(want)}.", name)
        for key, want in expected.items()
        if row.get(key) != want
    ]


def _show(value: Any) -> str:
    """A value as a message shows it: numbers in Indonesian style (up to six decimals, so a difference shows)."""
    if isinstance(value, bool):
        return "ya" if value else "tidak"
    if isinstance(value, int | float):
        return fmt.nilai(value, 6)
    if value is None:
        return "(kosong)"
    text = f"'{value}'" if isinstance(value, str) else json.dumps(value, ensure_ascii=False, sort_keys=True)
    return text if len(text) <= 60 else text[:57] + "..."
