"""The batch: every kecamatan of a year, in parallel worker processes.

Each kecamatan is rendered by :func:`lkjip.render.render` in a worker; a
failure (bad data, a notebook that raises, a PDF error) is recorded and the
others carry on. A kecamatan whose inputs (see :mod:`lkjip.fingerprint`) and
outputs are unchanged is skipped. The year's output folder is locked for the
run (:mod:`lkjip.lock`) and every report is published by the crash-safe swap
of :mod:`lkjip.publish`. Ctrl-C (or a killed batch) stops the workers at once
(:mod:`lkjip.pool`); nothing is published after the stop, staging folders are
removed, earlier reports stay as they were, and running again completes what
is missing.
"""

from __future__ import annotations

import json
import os
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Any

from lkjip import final, ledger, lock, paths, publish, tamper
from lkjip.errors import DataValidationError, LkjipError, NotebookExecutionError, ParameterError, output_error
from lkjip.fingerprint import inputs
from lkjip.manifest import up_to_date
from lkjip.params import Params
from lkjip.problems import Problem
from lkjip.slugs import match_slugs

if TYPE_CHECKING:
    from lkjip.render import RenderResult


class Status(StrEnum):
    """The state of one kecamatan in a batch; the value is the word the analyst reads (and the failure record holds)."""

    BUILT = "dibuat"
    SKIPPED = "dilewati"
    FAILED = "gagal"
    WAITING = "menunggu"
    RUNNING = "berjalan"


BUILT, SKIPPED, FAILED, WAITING, RUNNING = Status.BUILT, Status.SKIPPED, Status.FAILED, Status.WAITING, Status.RUNNING


@dataclass
class Outcome:
    """What happened to one kecamatan in this run."""

    kecamatan: str
    status: Status
    seconds: float = 0.0
    message: str = ""
    failed_notebook: str = ""
    """Where the notebook of a failed run was kept (``<tahun>/_gagal/``), from the error's field; "" when none."""
    peak_mb: float = 0.0  # peak memory of the worker and of its kernel (max of both)
    extra: dict[str, Any] = field(default_factory=dict)


Event = Callable[[str, Status, Outcome | None], None]
"""Progress callback: (kecamatan, state, outcome when done)."""


@dataclass(frozen=True)
class Plan:
    """What a batch will build, found before any worker starts."""

    tahun: int
    kecamatan: list[str]
    unassigned: list[Problem]
    """Problems of rows of no known kecamatan: reported at the end, they stop no report."""


def plan(tahun: int, kecamatan: list[str] | None = None, data: str = str(paths.DATA_DIR)) -> Plan:
    """The kecamatan to build for ``tahun``; raises when nothing can be built.

    Reads every table once and checks the shared tables (registry, predikat
    scale, organisation) and the rows of no known kecamatan; each kecamatan's
    own rows are validated in its worker, so one bad row fails that kecamatan
    alone. Raises :class:`DataValidationError` for problems that concern every
    kecamatan (an unreadable file, a shared table, a year without data) and
    :class:`ParameterError` for a ``--kecamatan`` that is not registered or has
    no data (see :func:`match_slugs`).
    """
    from lkjip.validate import validate

    report = validate(paths.resolve(data), tahun, [])
    if report.shared_errors:
        raise DataValidationError(report.shared_errors)
    have = report.available
    if kecamatan:
        registered = [str(s) for s in report.dataset["kecamatan"]["slug"]]
        chosen = match_slugs(kecamatan, registered, have, tahun)
        have = [s for s in have if s in chosen]
    return Plan(tahun, have, report.unassigned)


def params_for(
    slug: str,
    tahun: int,
    data: str | None = None,
    output: str | None = None,
    params_dir: str | os.PathLike[str] = paths.PARAMS_DIR,
) -> tuple[Params, str]:
    """The parameters of one report, and where they came from (for the analyst's log).

    ``params/<tahun>/<slug>.yaml`` belongs to the analyst: it is read when
    present and never written here. A value given on the command line
    (``data``, ``output``) wins over the file; the file wins over the defaults.
    The parameters actually used are archived in the report's own folder
    (``parameter.yaml``), not in ``params/``.
    """
    from lkjip import params as prm

    file = paths.params_file(tahun, slug, params_dir)
    base = prm.read(file) if file.exists() else prm.Params(slug, tahun)
    if base.kecamatan != slug or base.tahun != tahun:
        raise ParameterError(
            f"Berkas parameter {file} berisi {base.kecamatan} {base.tahun}, bukan {slug} {tahun}. "
            "Perbaikan: betulkan isi berkas itu, atau hapus berkasnya agar nilai bawaan dipakai."
        )
    given = data is not None or output is not None
    chosen = Params(
        slug,
        tahun,
        data if data is not None else base.data_dir,
        output if output is not None else base.output_dir,
    )
    if file.exists():
        from lkjip.load import display_path

        source = display_path(file) + (" dan opsi baris perintah" if given else "")
    else:
        source = "opsi baris perintah" if given else "nilai bawaan"
    return chosen, source


def _failure_file(output: str, tahun: int, slug: str) -> Path:
    return paths.resolve(output) / str(tahun) / paths.FAILED_DIR / f"{slug}.json"


def _build(p: dict[str, Any], parts: dict[str, str], docx: bool = False) -> Outcome:
    """Worker: render one report (with the Word document when ``docx``) and write its manifest; never raises."""
    import resource

    from lkjip import manifest
    from lkjip.errors import DataValidationError, LkjipError
    from lkjip.render import render

    params = Params(**p)
    start = time.perf_counter()

    def peak() -> float:
        own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        kids = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
        return round(max(own, kids) / 1024, 1)

    def attempt() -> None:
        """Render; an unexpected error (e.g. a kernel that died while starting) is tried once more."""
        try:
            render(params, finish=manifest.writer(params, parts, lambda: {"puncak_memori_mb": peak()}), docx=docx)
        except LkjipError:
            raise  # bad data, a failing cell, a PDF error: deterministic, no retry
        except Exception:
            render(params, finish=manifest.writer(params, parts, lambda: {"puncak_memori_mb": peak()}), docx=docx)

    try:
        attempt()
    except DataValidationError as exc:
        lines = [str(x) for x in exc.problems]
        shown = "\n".join(lines[:8]) + (f"\n... dan {len(lines) - 8} lagi" if len(lines) > 8 else "")
        return Outcome(
            params.kecamatan,
            FAILED,
            time.perf_counter() - start,
            f"{len(lines)} kesalahan data:\n{shown}",
            peak_mb=peak(),
        )
    except LkjipError as exc:
        kept = exc.kept_notebook if isinstance(exc, NotebookExecutionError) else None
        return Outcome(params.kecamatan, FAILED, time.perf_counter() - start, str(exc), str(kept or ""), peak_mb=peak())
    except Exception as exc:  # an unexpected bug must not stop the other kecamatan
        from lkjip.crash import one_line, write_traceback

        message = one_line(exc, write_traceback(exc, params.output_dir))
        return Outcome(params.kecamatan, FAILED, time.perf_counter() - start, message, peak_mb=peak())
    return Outcome(params.kecamatan, BUILT, time.perf_counter() - start, peak_mb=peak())


def record(outcome: Outcome, output: str, tahun: int) -> None:
    """Keep the failure record of a kecamatan in step with its report.

    A failure is recorded; a report built, or skipped because it is current,
    clears an earlier failure record: the report in place is the right one,
    so the index must not show "gagal".
    """
    f = _failure_file(output, tahun, outcome.kecamatan)
    if outcome.status == FAILED:
        try:
            f.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise output_error(exc, f"catatan kegagalan {outcome.kecamatan}") from exc
        text = json.dumps(asdict(outcome), ensure_ascii=False, indent=2) + "\n"
        publish.write_file(f, text.encode(), f"catatan kegagalan {outcome.kecamatan}")
    elif f.exists():
        f.unlink()


def run(
    tahun: int,
    kecamatan: list[str] | None = None,
    jobs: int | None = None,
    force: bool = False,
    data: str | None = None,
    output: str | None = None,
    on_event: Event | None = None,
    params_dir: str = str(paths.PARAMS_DIR),
    planned: Plan | None = None,
    wait: bool = False,
    docx: bool = False,
) -> list[Outcome]:
    """Render the reports of ``tahun``; returns one outcome per kecamatan, in registry order.

    ``docx``: each report gets its Word document too; an up-to-date report without one is rebuilt.

    ``data`` and ``output`` are the command line's values (``None``: not
    given, so each kecamatan's params file or the default decides, see
    :func:`params_for`). The year's output folder is locked for the whole run
    (:mod:`lkjip.lock`); ``planned`` (from :func:`plan`) saves reading the
    data twice when the caller already planned.
    """
    if jobs is not None and jobs < 1:  # the CLI refuses it too (--jobs min=1); a library caller gets the same words
        raise ParameterError(
            f"Jumlah proses paralel {jobs} tidak sah. Perbaikan: berikan 1 atau lebih, atau None untuk jumlah inti."
        )
    out_dir = output if output is not None else str(paths.OUTPUT_DIR)
    slugs = (planned or plan(tahun, kecamatan, data or str(paths.DATA_DIR))).kecamatan
    notify = on_event or (lambda *_: None)
    outcomes: dict[str, Outcome] = {}
    warnings: dict[str, str] = {}
    with lock.year(out_dir, tahun, wait=wait) as year:
        ledger.read(year)  # a broken chain stops the whole run once, before anything is written (LedgerError)
        todo: list[tuple[Params, dict[str, str]]] = []
        for slug in slugs:
            try:
                params, _ = params_for(slug, tahun, data, output, params_dir)
                _same_output(params, out_dir)
            except LkjipError as exc:
                outcomes[slug] = Outcome(slug, FAILED, message=str(exc))
                record(outcomes[slug], out_dir, tahun)
                notify(slug, FAILED, outcomes[slug])
                continue
            try:
                altered = check_archive(params)
            except LkjipError as exc:
                outcomes[slug] = Outcome(slug, FAILED, message=str(exc))
                record(outcomes[slug], out_dir, tahun)
                notify(slug, FAILED, outcomes[slug])
                continue
            if altered is not None:
                warnings[slug] = altered.message()
            signed = final.final_entry(paths.resolve(out_dir) / str(tahun), slug)
            if signed is not None:  # never rebuilt, not even with --force, until reopened (lkjip buka-final)
                outcomes[slug] = Outcome(slug, SKIPPED, message=final.skip_message(slug, tahun, signed))
                record(outcomes[slug], out_dir, tahun)
                notify(slug, SKIPPED, outcomes[slug])
                continue
            parts = inputs(params)
            matched = altered is None  # then the folder, manifest included, matches the ledger: hashed once
            folder = paths.output_folder(out_dir, tahun, slug)
            if not force and up_to_date(folder, parts, files_checked=matched) and (not docx or has_docx(folder)):
                outcomes[slug] = Outcome(slug, SKIPPED)
                record(outcomes[slug], out_dir, tahun)
                notify(slug, SKIPPED, outcomes[slug])
            else:
                todo.append((params, parts))
                notify(slug, WAITING, None)
        if todo:
            try:
                _execute(todo, jobs or os.cpu_count() or 1, outcomes, notify, out_dir, tahun, docx)
            finally:  # every worker has stopped: a staging folder left now is a killed worker's
                ledger.recover(paths.resolve(out_dir) / str(tahun))
    for slug, warning in warnings.items():  # said loudly, beside whatever happened next
        outcomes[slug].extra["diubah"] = warning
        outcomes[slug].message = "\n".join(m for m in (warning, outcomes[slug].message) if m)
    return [outcomes[s] for s in slugs]


def check_archive(params: Params) -> tamper.Altered | None:
    """Before building: move a published report that no longer matches the year's ledger aside, and record it.

    Call it under the year's lock. Returns what was found (None: the archive
    matches); raises :class:`~lkjip.errors.LedgerError` when the ledger itself
    is broken, which stops every build of the year until someone has looked.
    """
    year = paths.resolve(params.output_dir) / str(params.tahun)
    if not year.is_dir():
        return None
    return tamper.set_aside_if_altered(year, params.kecamatan, params.tahun)


def _same_output(params: Params, output: str) -> None:
    if paths.resolve(params.output_dir) != paths.resolve(output):
        raise ParameterError(
            f"Berkas parameter {params.kecamatan} menunjuk folder keluaran '{params.output_dir}', "
            f"sedangkan batch ini menulis ke '{output}'. Perbaikan: samakan output_dir di berkas parameter, "
            f"berikan --output, atau buat laporan ini sendiri dengan lkjip report -k {params.kecamatan}."
        )


def _execute(
    todo: list[tuple[Params, dict[str, str]]],
    jobs: int,
    outcomes: dict[str, Outcome],
    notify: Event,
    output: str,
    tahun: int,
    docx: bool = False,
) -> None:
    """Build ``todo`` in worker processes; a dead worker fails only its own kecamatan."""
    from lkjip import pool

    def started(slug: str) -> None:
        notify(slug, RUNNING, None)

    def done(slug: str, outcome: Outcome | None, exc: BaseException | None) -> None:
        if outcome is None:
            outcome = Outcome(slug, FAILED, message=str(exc))
        outcomes[slug] = outcome
        record(outcome, output, tahun)
        notify(slug, outcome.status, outcome)

    pool.run(_build, [(p.kecamatan, (p.as_dict(), parts, docx)) for p, parts in todo], jobs, started, done)


def has_docx(folder: Path) -> bool:
    """Whether the report in ``folder`` has its Word document recorded in its manifest."""
    from lkjip.manifest import read

    listed = (read(folder) or {}).get("keluaran")
    return isinstance(listed, dict) and any(Path(name).suffix == ".docx" for name in listed)


@dataclass(frozen=True)
class _Failure:
    """A failure in :func:`render_alone`'s worker, as plain data (lkjip's exceptions do not pickle).

    ``problems`` is set for bad data (:class:`DataValidationError`),
    ``kept_notebook`` when the failed notebook was kept in ``_gagal/``.
    """

    message: str
    problems: list[Problem] | None = None
    kept_notebook: Path | None = None


def _render_job(p: dict[str, Any], into: str | None = None, docx: bool = False) -> RenderResult | _Failure:
    """Worker side of :func:`render_alone`: the result, or the failure as plain data."""
    from lkjip import manifest
    from lkjip.render import render

    params = Params(**p)
    try:
        return render(params, finish=manifest.writer(params), into=None if into is None else Path(into), docx=docx)
    except DataValidationError as exc:
        return _Failure(str(exc), problems=exc.problems)
    except NotebookExecutionError as exc:
        return _Failure(str(exc), kept_notebook=exc.kept_notebook)
    except LkjipError as exc:
        return _Failure(str(exc))
    except Exception as exc:
        from lkjip.crash import one_line, write_traceback

        return _Failure(one_line(exc, write_traceback(exc, params.output_dir)))


def render_alone(params: Params, into: Path | None = None, docx: bool = False) -> RenderResult:
    """One report, rendered in a worker process like a batch report (``lkjip report``).

    ``into``: build it in that folder instead of its output folder (see
    :func:`lkjip.render.render`; ``lkjip verify --ulang``). ``docx``: the Word document too.

    The worker and its kernel are stopped at once on Ctrl-C or SIGTERM, print
    nothing to the terminal, and a kernel or worker that dies becomes a
    message. Raises :class:`DataValidationError`, :class:`NotebookExecutionError`
    (with the kept notebook) or :class:`RenderError`.
    """
    from lkjip import pool
    from lkjip.errors import RenderError

    answers: list[tuple[RenderResult | _Failure, BaseException | None]] = []
    job = [(params.kecamatan, (params.as_dict(), None if into is None else str(into), docx))]
    pool.run(_render_job, job, 1, lambda _: None, lambda _, v, e: answers.append((v, e)))
    value, exc = answers[0]
    if exc is not None:
        raise RenderError(str(exc))
    if not isinstance(value, _Failure):
        return value
    if value.problems is not None:
        raise DataValidationError(value.problems, params.kecamatan)
    if value.kept_notebook is not None:
        raise NotebookExecutionError(value.message, kecamatan=params.kecamatan, kept_notebook=value.kept_notebook)
    raise RenderError(value.message)
