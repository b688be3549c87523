"""The batch: every kecamatan of a year, in parallel worker processes.

Each kecamatan is rendered by :func:`lkjip.render.render` in a worker; a
failure (bad data, a notebook that raises, a PDF error) is recorded and the
others carry on. A kecamatan whose inputs (see :mod:`lkjip.fingerprint`) and
outputs are unchanged is skipped. Ctrl-C stops the workers; the temporary
folders are removed and earlier reports stay as they were, so running again
completes what is missing.
"""

from __future__ import annotations

import json
import multiprocessing as mp
import os
import shutil
import time
from collections.abc import Callable
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from dataclasses import asdict, dataclass, field
from pathlib import Path

from lkjip import paths
from lkjip.errors import DataValidationError, ParameterError
from lkjip.fingerprint import inputs
from lkjip.manifest import up_to_date
from lkjip.params import Params
from lkjip.params import write as write_params
from lkjip.problems import Problem

BUILT, SKIPPED, FAILED, WAITING, RUNNING = "dibuat", "dilewati", "gagal", "menunggu", "berjalan"


@dataclass
class Outcome:
    """What happened to one kecamatan in this run."""

    kecamatan: str
    status: str
    seconds: float = 0.0
    message: str = ""
    failed_notebook: str = ""
    peak_mb: float = 0.0  # peak memory of the worker and of its kernel (max of both)
    extra: dict = field(default_factory=dict)


Event = Callable[[str, str, Outcome | None], None]
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
    :class:`ParameterError` for a ``--kecamatan`` without data.
    """
    from lkjip.parse import closest
    from lkjip.validate import validate

    report = validate(paths.resolve(data), tahun, [])
    if report.shared_errors:
        raise DataValidationError(report.shared_errors)
    have = report.available
    if kecamatan:
        unknown = [s for s in kecamatan if s not in have]
        if unknown:
            hints = []
            for slug in unknown:
                close = closest(slug, have)
                hints.append(f"{slug} (maksudnya {close}?)" if close else slug)
            raise ParameterError(
                f"Tidak ada data tahun {tahun} untuk: {', '.join(hints)}. "
                f"Perbaikan: gunakan slug yang ada datanya, mis. {', '.join(have[:3])}."
            )
        have = [s for s in have if s in kecamatan]
    return Plan(tahun, have, report.unassigned)


def clean_stale(output: Path, tahun: int) -> None:
    """Remove temporary folders left by a run that was killed."""
    year = paths.resolve(output) / str(tahun)
    if year.is_dir():
        for p in year.iterdir():
            if p.is_dir() and p.name.startswith("."):
                shutil.rmtree(p, ignore_errors=True)


def _failure_file(output: str, tahun: int, slug: str) -> Path:
    return paths.resolve(output) / str(tahun) / paths.FAILED_DIR / f"{slug}.json"


def _build(p: dict, parts: dict[str, str]) -> Outcome:
    """Worker: render one report and write its manifest; never raises."""
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
            render(params, finish=manifest.writer(params, parts, lambda: {"puncak_memori_mb": peak()}))
        except LkjipError:
            raise  # bad data, a failing cell, a PDF error: deterministic, no retry
        except Exception:
            render(params, finish=manifest.writer(params, parts, lambda: {"puncak_memori_mb": peak()}))

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
        text = str(exc)
        kept = text.split("disimpan di ")[-1].rstrip(".") if "disimpan di " in text else ""
        return Outcome(
            params.kecamatan, FAILED, time.perf_counter() - start, f"{type(exc).__name__}: {text}", kept, peak_mb=peak()
        )
    except Exception as exc:  # an unexpected bug must not stop the other kecamatan
        from lkjip.crash import one_line, write_traceback

        message = one_line(exc, write_traceback(exc, params.output_dir))
        return Outcome(params.kecamatan, FAILED, time.perf_counter() - start, message, peak_mb=peak())
    return Outcome(params.kecamatan, BUILT, time.perf_counter() - start, peak_mb=peak())


def _record(outcome: Outcome, output: str, tahun: int) -> None:
    f = _failure_file(output, tahun, outcome.kecamatan)
    if outcome.status == FAILED:
        f.parent.mkdir(parents=True, exist_ok=True)
        f.write_text(json.dumps(asdict(outcome), ensure_ascii=False, indent=2), encoding="utf-8")
    elif outcome.status == BUILT and f.exists():
        f.unlink()


def run(
    tahun: int,
    kecamatan: list[str] | None = None,
    jobs: int | None = None,
    force: bool = False,
    data: str = str(paths.DATA_DIR),
    output: str = str(paths.OUTPUT_DIR),
    on_event: Event | None = None,
    params_dir: str = str(paths.PARAMS_DIR),
    planned: Plan | None = None,
) -> list[Outcome]:
    """Render the reports of ``tahun``; returns one outcome per kecamatan, in registry order.

    ``planned`` (from :func:`plan`) saves reading the data twice when the caller already planned.
    """
    slugs = (planned or plan(tahun, kecamatan, data)).kecamatan
    clean_stale(Path(output), tahun)
    notify = on_event or (lambda *_: None)
    outcomes: dict[str, Outcome] = {}
    todo: list[tuple[Params, dict[str, str]]] = []
    for slug in slugs:
        params = Params(slug, tahun, data, output)
        write_params(params, params_dir)
        parts = inputs(params)
        if not force and up_to_date(paths.output_folder(output, tahun, slug), parts):
            outcomes[slug] = Outcome(slug, SKIPPED)
            notify(slug, SKIPPED, outcomes[slug])
        else:
            todo.append((params, parts))
            notify(slug, WAITING, None)
    if todo:
        _execute(todo, jobs or os.cpu_count() or 1, outcomes, notify, output, tahun)
    return [outcomes[s] for s in slugs]


def _execute(todo, jobs: int, outcomes: dict[str, Outcome], notify: Event, output: str, tahun: int) -> None:  # type: ignore[no-untyped-def]
    queue = list(todo)
    running: dict[Future, str] = {}
    pool = ProcessPoolExecutor(max_workers=min(jobs, len(todo)), mp_context=mp.get_context("spawn"))
    try:
        while queue or running:
            while queue and len(running) < jobs:
                params, parts = queue.pop(0)
                running[pool.submit(_build, params.as_dict(), parts)] = params.kecamatan
                notify(params.kecamatan, RUNNING, None)
            done, _ = wait(running, return_when=FIRST_COMPLETED)
            for fut in done:
                slug = running.pop(fut)
                try:
                    outcome = fut.result()
                except Exception as exc:  # the worker process itself died
                    outcome = Outcome(slug, FAILED, message=f"Proses pekerja berhenti: {type(exc).__name__}: {exc}")
                outcomes[slug] = outcome
                _record(outcome, output, tahun)
                notify(slug, outcome.status, outcome)
    except KeyboardInterrupt:
        for fut in running:
            fut.cancel()
        pool.shutdown(wait=True, cancel_futures=True)
        clean_stale(Path(output), tahun)
        raise
    pool.shutdown(wait=True)
