"""Render one report: validate, execute the master notebook, export HTML and PDF (and Word when asked).

Everything is written into a temporary folder beside the final one and moved
into place only when all the files exist, so a failed run leaves no partial
output and never touches an earlier good report.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import nbformat
from nbclient.exceptions import DeadKernelError

from lkjip import checks, ledger, paths, publish, recorded
from lkjip.dataset import KecamatanData
from lkjip.errors import NotebookExecutionError, ParameterError, RecordError, RenderError, output_error
from lkjip.load import display_path
from lkjip.params import Params
from lkjip.params import dump as dump_params
from lkjip.problems import Problem


@dataclass(frozen=True)
class RenderResult:
    """Where one report went, and what validation warned about."""

    kecamatan: str
    tahun: int
    folder: Path
    notebook: Path
    html: Path
    pdf: Path
    warnings: list[Problem] = field(default_factory=list)
    seconds: float = 0.0
    hasil: dict[str, Any] = field(default_factory=dict)
    """The figures recorded in the executed notebook (:func:`lkjip.recorded.read`)."""
    docx: Path | None = None
    """The Word document, when it was asked for (``--format html,pdf,docx``)."""


FORMATS = ("html", "pdf", "docx")
"""The formats a report can be written in; HTML and PDF always are (``lkjip verify`` checks both)."""

DEFAULT_FORMATS = "html,pdf"


def wants_docx(formats: str) -> bool:
    """Whether ``--format`` (``html,pdf,docx``) asks for the Word document; refuses an unknown format, and a list
    without html or pdf (the report is always published as both)."""
    given = [f.strip().lower() for f in formats.split(",") if f.strip()]
    unknown = [f for f in given if f not in FORMATS]
    if unknown:
        raise ParameterError(
            f"Format keluaran {', '.join(unknown)} tidak dikenal. Perbaikan: pilih dari {', '.join(FORMATS)}, "
            f"dipisahkan koma, mis. --format {DEFAULT_FORMATS},docx."
        )
    missing = [f for f in ("html", "pdf") if f not in given]
    if missing:
        raise ParameterError(
            f"--format {formats} tidak memuat {' dan '.join(missing)}: laporan selalu diterbitkan sebagai HTML dan "
            f"PDF (keduanya diperiksa lkjip verify). Perbaikan: --format {DEFAULT_FORMATS} (bawaan), atau "
            f"--format {DEFAULT_FORMATS},docx untuk dokumen Word juga."
        )
    return "docx" in given


def check_data(params: Params) -> tuple[KecamatanData, list[Problem]]:
    """Check tables and overrides before executing anything; raises DataValidationError on errors."""
    report = checks.check(paths.resolve(params.data_dir), params.tahun, [params.kecamatan])
    return report.data_for(params.kecamatan)


Finish = Callable[[Path, dict[str, Any], dict[str, float]], None]
"""Called with the staging folder, the figures recorded in its notebook and the timings, before it replaces the
final folder (the batch and ``lkjip report`` write the manifest there, :func:`lkjip.manifest.writer`)."""


CELL_TIMEOUT = 300
"""Seconds one notebook cell may run before the kecamatan fails (papermill ``execution_timeout``).

The longest cell, ``lap = lkjip.buka(...)``, builds the whole report in a few
seconds; five minutes leaves room for a loaded machine and still stops a report
that would otherwise hang forever (e.g. a runaway narrative override).
"""

CELL_TIMEOUT_ENV = "LKJIP_BATAS_WAKTU_SEL"
"""Environment variable that overrides :data:`CELL_TIMEOUT` (whole seconds)."""


def cell_timeout() -> int:
    """:data:`CELL_TIMEOUT`, or the positive whole number of seconds in ``$LKJIP_BATAS_WAKTU_SEL``."""
    raw = os.environ.get(CELL_TIMEOUT_ENV, "").strip()
    if not raw:
        return CELL_TIMEOUT
    if not raw.isdigit() or int(raw) < 1:
        raise ParameterError(
            f"Variabel lingkungan {CELL_TIMEOUT_ENV}='{raw}' tidak sah. "
            f"Perbaikan: isi dengan bilangan bulat detik (mis. {CELL_TIMEOUT}) atau hapus variabelnya."
        )
    return int(raw)


def execute(params: Params, out: Path, notebook: Path | None = None) -> None:
    """Execute the master notebook with papermill into ``out``; a cell may run at most :func:`cell_timeout` seconds.

    The notebook records where it came from and where it goes as the
    parameters say, not where it was built (:func:`_normalise`).

    On a timeout nbclient raises ``CellTimeoutError`` (papermill does not wrap
    it) after shutting the kernel down; the notebook written so far stays in ``out``.
    """
    import papermill as pm
    from nbclient.exceptions import CellTimeoutError
    from papermill.exceptions import PapermillExecutionError

    root = paths.project_root()
    source = notebook or root / paths.MASTER_NOTEBOOK
    timeout = cell_timeout()
    try:
        pm.execute_notebook(
            str(source),
            str(out),
            parameters=params.as_dict(),
            cwd=str(root),
            kernel_name="python3",
            progress_bar=False,
            log_output=False,
            execution_timeout=timeout,
            extra_arguments=["--IPKernelApp.log_level=ERROR"],  # no kernel start-up chatter in the analyst's log
        )
    except PapermillExecutionError as exc:
        cell = exc.exec_count or exc.cell_index
        raise NotebookExecutionError(
            f"Notebook gagal pada sel {cell}: {exc.ename}: {exc.evalue}", kecamatan=params.kecamatan, cell=cell
        ) from exc
    except CellTimeoutError as exc:
        message, cell = _timeout_message(params, out, timeout)
        raise NotebookExecutionError(message, kecamatan=params.kecamatan, cell=cell) from exc
    _normalise(out, _recorded_paths(params, source, root, out.name))
    record_evidence(out, params)


def _recorded_paths(params: Params, source: Path, root: Path, name: str) -> dict[str, str]:
    """papermill's ``input_path`` and ``output_path`` as the notebook records them, independent of the build folder.

    The master notebook relative to the project root (``notebooks/lkjip.ipynb``, as a plain papermill run from the
    root is given it), and the report's place under ``output_dir`` as the parameters spell it
    (``output/2023/ajibarang/lkjip_ajibarang_2023.ipynb``): the same bytes from a staging folder, from the
    temporary folder of ``lkjip verify --ulang``, and from another checkout.
    """
    shown = source.relative_to(root) if source.is_relative_to(root) else source
    target = Path(params.output_dir) / str(params.tahun) / params.kecamatan / name
    return {"input_path": shown.as_posix(), "output_path": target.as_posix()}


EVIDENCE_KEY = "lkjip"
"""Notebook metadata key of what the executed notebook is evidence of (:func:`record_evidence`)."""


def record_evidence(path: Path, params: Params) -> None:
    """Record in the executed notebook's metadata the lkjip version and git commit, and the input hashes.

    papermill already records the parameters (``metadata.papermill.parameters``)
    and the hidden cell ``lap.ringkasan()`` the results, so the notebook alone
    is the evidence of what was built, from what, by which program. The values
    equal the manifest's ``lkjip`` and ``masukan``; same inputs, same bytes.
    """
    from lkjip import __version__
    from lkjip.fingerprint import combined, inputs
    from lkjip.manifest import git_commit

    nb = nbformat.read(path, as_version=4)
    parts = inputs(params)
    nb.metadata[EVIDENCE_KEY] = {
        "versi": __version__,
        **git_commit(),
        "masukan": {"sidik": combined(parts), "bagian": parts},
    }
    nbformat.write(nb, path)


def _timeout_message(params: Params, out: Path, timeout: int) -> tuple[str, int | None]:
    """Which cell ran out of time (its number, from 1; None when unknown), and which overrides may be why."""
    from lkjip import text

    where = "sel yang sedang berjalan"
    cell = None
    if out.exists():
        cells = nbformat.read(out, as_version=4).cells
        started = [i for i, c in enumerate(cells) if c.metadata.get("papermill", {}).get("start_time")]
        if started:
            cell = started[-1] + 1
            first = next((line.strip() for line in cells[cell - 1].source.splitlines() if line.strip()), "")
            where = f"sel ke-{cell} ({first})" if first else f"sel ke-{cell}"
    folder = paths.kecamatan_folder(paths.resolve(params.data_dir), params.kecamatan, params.tahun)
    files = [display_path(p) for p in text.override_files(folder).values()]
    cause = (
        "Kemungkinan penyebabnya narasi pengganti kecamatan ini: " + ", ".join(files) + "."
        if files
        else "Kecamatan ini tidak punya narasi pengganti."
    )
    return (
        f"Notebook dihentikan pada {where}: melampaui batas waktu {timeout} detik per sel. {cause} "
        f"Perbaikan: periksa perulangan {{% for %}} di narasi tersebut dengan `lkjip check`; bila data memang "
        f"besar dan mesin lambat, naikkan batas dengan variabel lingkungan {CELL_TIMEOUT_ENV} (detik).",
        cell,
    )


INJECTED_ID = "injected-parameters"
RUN_PARAMS = "parameter.yaml"  # the parameters this report was built with, replayable by papermill -f


def _normalise(path: Path, recorded: dict[str, str] | None = None) -> None:
    """Make equal inputs give equal bytes: no run timestamps, no random cell id, no build folder.

    ``recorded`` replaces papermill's paths in the notebook metadata (:func:`_recorded_paths`).
    """
    nb = nbformat.read(path, as_version=4)
    pm_meta = nb.metadata.get("papermill", {})
    for key in ("start_time", "end_time", "duration", "exception"):
        pm_meta.pop(key, None)
    pm_meta.update(recorded or {})
    for cell in nb.cells:
        if "injected-parameters" in cell.metadata.get("tags", []):
            cell["id"] = INJECTED_ID
        meta = cell.metadata.get("papermill", {})
        for key in ("start_time", "end_time", "duration", "exception", "status"):
            meta.pop(key, None)
        cell.metadata.pop("execution", None)
    nbformat.write(nb, path)


EXPORT_SECONDS = 300
"""Wall-clock limit of turning one executed notebook into HTML and PDF.

A 35-page report takes about 1 second (HTML and Typst PDF); five minutes leaves room for many
appendix photos on a slow machine and still stops a layout that would never
finish (text the typesetter cannot break, for instance).
"""


def export(
    notebook: Path, html_path: Path, pdf_path: Path, seconds: float = EXPORT_SECONDS, docx_path: Path | None = None
) -> None:
    """HTML with the lkjip exporter, then the PDF (Typst) and, when ``docx_path`` is given, the Word document from
    the same validated model, within ``seconds``."""
    from lkjip.exporters import SECTIONS, LkjipHTMLExporter, sections_docx, sections_pdf
    from lkjip.sandbox import LimitExceeded, within

    nb = nbformat.read(notebook, as_version=4)

    def work() -> str:
        html, resources = LkjipHTMLExporter().from_notebook_node(
            nb, resources={"metadata": {"name": notebook.stem, "path": str(notebook.parent)}}
        )
        html_path.write_text(html, encoding="utf-8")
        # the executed notebook travels inside the PDF, byte for byte as archived beside it
        pdf_path.write_bytes(sections_pdf(resources[SECTIONS], (notebook.name, notebook.read_bytes())))
        if docx_path is not None:
            docx_path.write_bytes(sections_docx(resources[SECTIONS]))
        return ""

    try:
        within(seconds, work)
    except LimitExceeded:
        raise RenderError(
            f"Pembuatan HTML/PDF{'/Word' if docx_path else ''} dari {notebook.name} melampaui batas waktu "
            f"{seconds:g} detik. "
            "Perbaikan: periksa teks yang sangat panjang tanpa spasi atau gambar lampiran yang sangat banyak, "
            "lalu jalankan lagi."
        ) from None
    except OSError:
        raise  # a full disk or a read-only folder: render() says so in the analyst's words
    except RenderError:
        raise  # the exporter's own message (e.g. a document model it does not know) names the notebook
    except Exception as exc:
        raise RenderError(f"Gagal membuat HTML/PDF{'/Word' if docx_path else ''} dari {notebook.name}: {exc}") from exc


def render(
    params: Params,
    notebook: Path | None = None,
    finish: Finish | None = None,
    into: Path | None = None,
    docx: bool = False,
) -> RenderResult:
    """Validate, execute and export one report into ``<output>/<tahun>/<slug>/`` (or the folder ``into``);
    ``docx``: the Word document too (an output like the others: manifest, ledger, verify, index).

    ``into`` builds the report elsewhere with the same parameters, so the same
    bytes (``lkjip verify --ulang`` re-executes an archived report in a
    temporary folder this way); the notebook still records ``output_dir``.

    Everything is built in a staging folder and published by
    :func:`lkjip.publish.publish`; the caller holds the year's lock
    (:mod:`lkjip.lock`). A write that fails (full disk, read-only folder)
    raises :class:`~lkjip.errors.OutputError` and leaves no staging folder.
    """
    start = time.perf_counter()
    _, warnings = check_data(params)  # the kernel validates again and computes the figures it records
    timings = {"validasi": time.perf_counter() - start}
    final = into if into is not None else paths.output_folder(params.output_dir, params.tahun, params.kecamatan)
    stem = paths.output_stem(params.kecamatan, params.tahun)
    tmp = publish.staging(final)
    try:
        nb_path = tmp / f"{stem}.ipynb"
        t = time.perf_counter()
        try:
            execute(params, nb_path, notebook)
            hasil = recorded.read(nb_path, params.kecamatan, params.tahun)
        except NotebookExecutionError as exc:
            kept = _keep_failed(nb_path, final.parent, stem)
            raise NotebookExecutionError(
                f"{exc} {_kept_sentence(kept)}", kecamatan=params.kecamatan, cell=exc.cell, kept_notebook=kept
            ) from exc
        except RecordError as exc:  # ran, but recorded no usable figures: nothing to publish or archive
            kept = _keep_failed(nb_path, final.parent, stem)
            raise NotebookExecutionError(
                f"Notebook {nb_path.name} tidak dapat dipakai: {exc.reason} Perbaikan: {exc.fix} "
                + _kept_sentence(kept),
                kecamatan=params.kecamatan,
                kept_notebook=kept,
            ) from exc
        except DeadKernelError as exc:
            raise NotebookExecutionError(
                "Kernel Jupyter berhenti mendadak saat menjalankan notebook (mis. dihentikan atau kehabisan "
                "memori). Perbaikan: jalankan lagi; bila berulang, periksa memori yang tersedia.",
                kecamatan=params.kecamatan,
            ) from exc
        timings["notebook"] = time.perf_counter() - t
        t = time.perf_counter()
        export(nb_path, tmp / f"{stem}.html", tmp / f"{stem}.pdf", docx_path=tmp / f"{stem}.docx" if docx else None)
        timings["html_pdf"] = time.perf_counter() - t
        (tmp / RUN_PARAMS).write_text(dump_params(params), encoding="utf-8")
        if finish is not None:
            finish(tmp, hasil, timings)
        if (tmp / ledger.MANIFEST).is_file():
            ledger.publish_report(tmp, final)  # recorded in the year's ledger as a step of the swap
        else:
            publish.publish(tmp, final)
    except OSError as exc:
        raise output_error(exc, f"laporan {params.kecamatan} {params.tahun}") from exc
    finally:
        publish.discard(tmp)
    return RenderResult(
        params.kecamatan,
        params.tahun,
        final,
        final / f"{stem}.ipynb",
        final / f"{stem}.html",
        final / f"{stem}.pdf",
        warnings,
        time.perf_counter() - start,
        hasil,
        final / f"{stem}.docx" if docx else None,
    )


def _keep_failed(nb_path: Path, year_dir: Path, stem: str) -> Path | None:
    """Move the failed notebook to ``<tahun>/_gagal/``; None when the kernel wrote none."""
    if not nb_path.exists():
        return None
    target = year_dir / paths.FAILED_DIR / f"{stem}.ipynb"
    target.parent.mkdir(exist_ok=True)
    os.replace(nb_path, target)
    return target


def _kept_sentence(kept: Path | None) -> str:
    where = kept if kept is not None else "(tidak ada: kernel gagal sebelum menulis notebook)"
    return f"Notebook yang gagal disimpan di {where}."
