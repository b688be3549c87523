"""The kabupaten index of one year: ``output/<tahun>/index.html`` and ``rekap_<tahun>.xlsx``.

Built from the output folder, whatever run produced it: a report is there when
its manifest is; its figures are the ones recorded in its executed notebook
(:mod:`lkjip.recorded`), never the manifest's copy, so the index, the rekap and
the PDF cannot disagree; the batch's failure records add what failed. It is
rebuilt only when a manifest, a recorded figure or a failure record changed.
"""

from __future__ import annotations

import csv
import json
from enum import StrEnum
from pathlib import Path
from typing import Any

from lkjip import ledger, paths, publish, recorded
from lkjip.errors import RecordError, output_error
from lkjip.fingerprint import sha256_bytes
from lkjip.manifest import NAME as MANIFEST

STAMP = ".index-sidik"


class Status(StrEnum):
    """A kecamatan's state in the index; the value is what the index and the rekap show."""

    AVAILABLE = "tersedia"
    FAILED = "gagal"
    FAILED_OLD_KEPT = "gagal; laporan lama dipertahankan"
    """The last run failed; the report published before it stays."""
    NOT_BUILT = "belum dibuat"
    BROKEN = "manifest rusak"
    BROKEN_NOTEBOOK = "notebook rusak"
    """The manifest is there but the executed notebook, the source of the figures, is missing or has no sound record."""

    @property
    def failed(self) -> bool:
        """The last run of this kecamatan failed (shown as failed, counted among the failures)."""
        return self in (Status.FAILED, Status.FAILED_OLD_KEPT)


BROKEN = Status.BROKEN
BROKEN_NOTEBOOK = Status.BROKEN_NOTEBOOK


def _read_json(path: Path) -> tuple[dict[str, Any] | None, bool]:
    """(content, broken): a missing file is (None, False), an unreadable or truncated one (None, True)."""
    if not path.exists():
        return None, False
    try:
        doc = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None, True
    return (doc, False) if isinstance(doc, dict) else (None, True)


DRAFT, FINAL = "draf", "final"
"""The document status the index shows for a report: final once ``lkjip final`` recorded it, draft before."""


def document_status(year: Path) -> dict[str, str]:
    """``slug -> "final"`` or ``"draf"`` for every report the year's ledger records; {} without a readable ledger."""
    entries, problems = ledger.check_chain(year)
    if problems:
        return {}  # a broken ledger says nothing reliable; verify and the next build say why
    slugs = {e.kecamatan for e in entries}
    return {s: FINAL if (e := ledger.latest(entries, s)) is not None and e.final else DRAFT for s in slugs}


def _links(man: dict[str, Any] | None, slug: str, stem: str) -> dict[str, str]:
    """The report's files the index links to; the Word document only when the manifest lists it."""
    if not man:
        return {}
    kinds = ["html", "pdf", "ipynb"]
    listed = man.get("keluaran")
    if isinstance(listed, dict) and f"{stem}.docx" in listed:
        kinds.append("docx")
    return {k: f"{slug}/{stem}.{k}" for k in kinds}


def _state(year: Path, registry: list[dict[str, str]], tahun: int) -> list[dict[str, Any]]:
    rows = []
    documents = document_status(year)
    for reg in registry:
        slug = reg["slug"]
        folder = year / slug
        stem = paths.output_stem(slug, tahun)
        man, broken = _read_json(folder / MANIFEST)
        fail, _ = _read_json(year / paths.FAILED_DIR / f"{slug}.json")
        fix = f"Perbaikan: bangun ulang dengan lkjip batch --force -k {slug}."
        hasil, note = None, str((fail or {}).get("message", ""))
        status: Status
        if broken:
            status = BROKEN
            note = f"{MANIFEST} tidak terbaca (terpotong atau diubah); laporan ini tidak dapat dipastikan. {fix}"
        elif man:
            try:
                hasil = recorded.read(folder / f"{stem}.ipynb", slug, tahun)
            except RecordError as exc:
                man, status = None, BROKEN_NOTEBOOK
                note = f"Notebook {slug}/{stem}.ipynb: {exc.reason} Laporan ini tidak dapat dipastikan. {fix}"
            else:
                status = Status.FAILED_OLD_KEPT if fail else Status.AVAILABLE
        elif fail:
            status = Status.FAILED
        else:
            status = Status.NOT_BUILT
        rows.append(
            {
                "slug": slug,
                "kode": reg["kode"],
                "nama": reg["nama"],
                "status": status,
                "dokumen": documents.get(slug, DRAFT) if man else "-",
                "failed": status.failed,
                "hasil": hasil,
                "gagal": note,
                "sidik": (man or {}).get("masukan", {}).get("sidik"),
                "links": _links(man, slug, stem),
            }
        )
    return rows


def build(
    tahun: int, output: str | Path = paths.OUTPUT_DIR, data: str | Path = paths.DATA_DIR, force: bool = False
) -> Path:
    """Write the index and the Excel rekap of ``tahun``; returns the index path."""
    year = paths.resolve(output) / str(tahun)
    try:
        year.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise output_error(exc, f"folder keluaran {year}") from exc
    data_path = paths.resolve(data)
    reg_file = data_path / "kecamatan.csv" if data_path.is_dir() else None
    if reg_file is not None:
        with reg_file.open(encoding="utf-8-sig", newline="") as f:
            registry = list(csv.DictReader(f))
    else:
        registry = [
            {"slug": p.name, "kode": "", "nama": p.name} for p in sorted(year.iterdir()) if (p / MANIFEST).exists()
        ]
    rows = _state(year, registry, tahun)
    kabupaten = kabupaten_name(data_path)
    state = [kabupaten, *((r["slug"], r["status"], r["dokumen"], r["sidik"], r["gagal"], r["hasil"]) for r in rows)]
    stamp = sha256_bytes(json.dumps(state, sort_keys=True).encode())
    index = year / "index.html"
    xlsx = year / f"rekap_{tahun}.xlsx"
    if (
        not force
        and index.exists()
        and xlsx.exists()
        and (year / STAMP).exists()
        and (year / STAMP).read_text() == stamp
    ):
        return index
    _write_html(index, rows, tahun, kabupaten)
    _write_excel(xlsx, rows, tahun)
    publish.write_file(year / STAMP, stamp.encode(), f"penanda indeks {year / STAMP}")
    return index


def _ranking_svg(rows: list[dict[str, Any]], tahun: int) -> str:
    import matplotlib as mpl
    import numpy as np
    from matplotlib.figure import Figure
    from matplotlib.ticker import FuncFormatter

    from lkjip import format as fmt
    from lkjip.charts import DARK, LIGHT, STYLE, plain, svg

    done = sorted((r for r in rows if r["hasil"]), key=lambda r: r["hasil"]["rata_rata"])
    if not done:
        return ""
    with mpl.rc_context({**STYLE, "axes.grid.axis": "x"}):
        fig = Figure(figsize=(6.5, 0.6 + 0.22 * len(done)), dpi=100)
        ax = fig.add_subplot()
        y = np.arange(len(done))
        vals = [r["hasil"]["rata_rata"] for r in done]
        colors = [LIGHT if r["hasil"]["data_contoh"] else DARK for r in done]
        ax.barh(y, vals, 0.7, color=colors, edgecolor=DARK, linewidth=0.5)
        ax.set_yticks(y, [plain(r["nama"]) + (" *" if r["hasil"]["data_contoh"] else "") for r in done], fontsize=7)
        for yi, v in enumerate(vals):
            ax.text(v + 0.5, yi, fmt.persen(v), va="center", fontsize=6.5)
        ax.set_xlim(0, max(vals) * 1.12)
        ax.set_xlabel(f"Rata-rata capaian kinerja {tahun} (%)")
        ax.xaxis.set_major_formatter(FuncFormatter(lambda v, _: fmt.angka(v, 0)))
        return svg(fig)


def kabupaten_name(data: Path) -> str | None:
    """The kabupaten's name for the index title, from ``kabupaten.csv`` (or the workbook's sheet); None if unknown.

    The title only: the reports themselves take the name from validated data.
    """
    try:
        if data.is_dir():
            with (data / "kabupaten.csv").open(encoding="utf-8-sig", newline="") as f:
                first = next(csv.DictReader(f), None)
            name = (first or {}).get("nama")
        else:
            import openpyxl

            book = openpyxl.load_workbook(data, read_only=True, data_only=True)
            try:
                rows = book["kabupaten"].iter_rows(min_row=1, max_row=2, values_only=True)
                header, first_row = next(rows), next(rows)
            finally:
                book.close()
            name = dict(zip(header, first_row, strict=False)).get("nama")
    except Exception:  # a missing sheet or file, a broken workbook: the title goes without the name
        return None
    text = "" if name is None else str(name).strip()
    return text or None


def _write_html(path: Path, rows: list[dict[str, Any]], tahun: int, kabupaten: str | None) -> None:
    from lkjip import format as fmt
    from lkjip.templating import render

    view = []
    for r in rows:
        h = r["hasil"]
        view.append(
            {
                **r,
                "rata": fmt.persen(h["rata_rata"]) if h else "-",
                "predikat": h["predikat"] if h else "-",
                "serapan": fmt.persen(h["serapan"]) if h else "-",
                "peringatan": h["peringatan"] if h else "-",
                "contoh": bool(h and h["data_contoh"]),
            }
        )
    html = render(
        "index.html.j2",
        tahun=tahun,
        kabupaten=kabupaten,
        rows=view,
        grafik=_ranking_svg(rows, tahun),
        jumlah={
            "tersedia": sum(r["status"] == Status.AVAILABLE for r in rows),
            "gagal": sum(r["failed"] for r in rows),
        },
    )
    publish.write_file(path, html.encode("utf-8"), f"indeks kabupaten {path}")


def _write_excel(path: Path, rows: list[dict[str, Any]], tahun: int) -> None:
    from lkjip.rounding import shown

    def pct(value: Any) -> Any:  # percentages as the reports print them: two decimals, half-up
        return None if value is None else shown(value)

    rekap: Sheet = []
    capaian: Sheet = []
    program: Sheet = []
    efisiensi: Sheet = []
    for r in rows:
        h = r["hasil"] or {}
        rekap.append(
            {
                "Kode": r["kode"],
                "Kecamatan": r["nama"],
                "Status": r["status"].value,
                "Status dokumen": r["dokumen"] if h else "",
                "Data contoh": "ya" if h.get("data_contoh") else ("tidak" if h else ""),
                "Rata-rata capaian (%)": h.get("rata_rata"),
                "Predikat": h.get("predikat"),
                "Anggaran (Rp)": h.get("anggaran"),
                "Realisasi (Rp)": h.get("realisasi"),
                "Serapan (%)": pct(h.get("serapan")),
                "Indikator tercapai": h.get("indikator_tercapai"),
                "Jumlah indikator": h.get("jumlah_indikator"),
                "Peringatan": h.get("peringatan"),
            }
        )
        for key, bucket in (("capaian", capaian), ("program", program), ("efisiensi", efisiensi)):
            for item in h.get("rekap", {}).get(key, []):
                bucket.append({"kecamatan": r["nama"], **item})
    publish.write_file(path, lambda tmp: _excel_sheets(tmp, rekap, capaian, program, efisiensi, tahun), f"rekap {path}")


Sheet = list[dict[str, Any]]


def _excel_sheets(tmp: Path, rekap: Sheet, capaian: Sheet, program: Sheet, efisiensi: Sheet, tahun: int) -> None:
    import datetime as dt

    import pandas as pd

    from lkjip.xlsx import make_reproducible, protect_workbook

    with pd.ExcelWriter(tmp, engine="openpyxl") as xl:
        for name, frame in (
            ("Rekap", rekap),
            ("Capaian Indikator", capaian),
            ("Anggaran Program", program),
            ("Efisiensi", efisiensi),
        ):
            pd.DataFrame(frame).to_excel(xl, sheet_name=name, index=False)
        protect_workbook(xl.book)  # names and uraian come from data: text, never a formula
        props = xl.book.properties
        props.creator = "lkjip"
        props.created = props.modified = dt.datetime(tahun + 1, 1, 1)
    make_reproducible(tmp, dt.datetime(tahun + 1, 1, 1))  # openpyxl stamps the save time: same data, same file
