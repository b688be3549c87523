"""Command line: a thin wrapper over the functions the library exposes.

Messages are in Bahasa Indonesia, for the analysts who run it.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from lkjip import __version__, cli_arsip, cli_final, cli_formulir, cli_narasi, crash, paths
from lkjip import problems as pr
from lkjip.cli_common import Data, Output, Tahun, err, out, paths_display, slug_list
from lkjip.errors import DataValidationError, LkjipError, NotebookExecutionError, ParameterError
from lkjip.problems import Problem

if TYPE_CHECKING:
    from lkjip.params import Params

app = typer.Typer(
    help="LKjIP kecamatan satu kabupaten (kabupaten.csv): periksa data dan buat laporan.",
    no_args_is_help=True,
    add_completion=False,
)


def _print_problems(problems: list[Problem]) -> None:
    for p in problems:
        style = "red" if p.is_error else "yellow"
        err.print(str(p), style=style, soft_wrap=True, markup=False)


@app.command()
def check(
    tahun: Tahun,
    data: Data = paths.DATA_DIR,
    kecamatan: Annotated[
        str | None, typer.Option("--kecamatan", "-k", help="Batasi ke slug ini (pisahkan dengan koma).")
    ] = None,
) -> None:
    """Periksa seluruh data satu tahun dan tampilkan semua masalah sekaligus."""
    from lkjip import checks

    slugs = slug_list(kecamatan)
    try:
        report = checks.check(paths.resolve(data), tahun, slugs, match=True)  # matched as report and batch do
    except LkjipError as exc:
        err.print(str(exc), style="red", soft_wrap=True, markup=False)
        raise typer.Exit(2 if isinstance(exc, ParameterError) else 1) from exc
    _print_problems(report.problems)
    n_err, n_warn = len(report.errors), len(report.warnings)
    checked = ", ".join(report.kecamatan) or "(tidak ada)"
    out.print(f"Diperiksa tahun {tahun}: {len(report.kecamatan)} kecamatan ({checked}).")
    if report.shared_errors:
        out.print(
            f"[red]{len(report.shared_errors)} kesalahan pada tabel bersama atau berkas[/red]: "
            "laporan semua kecamatan tertahan."
        )
    if report.unassigned:
        out.print(f"{len(report.unassigned)} baris tanpa kecamatan yang dikenal (tidak menahan laporan mana pun).")
    if n_err:
        out.print(f"[red]{n_err} kesalahan[/red], {n_warn} peringatan. Perbaiki kesalahan sebelum membuat laporan.")
        raise typer.Exit(1)
    out.print(f"[green]Data bersih[/green]: 0 kesalahan, {n_warn} peringatan.")


Tunggu = Annotated[
    bool, typer.Option("--tunggu", help="Bila tahun ini sedang dibuat proses lain, tunggu giliran alih-alih berhenti.")
]
Format = Annotated[
    str,
    typer.Option(
        "--format",
        help="Format keluaran, dipisahkan koma: html,pdf (bawaan) atau html,pdf,docx (juga dokumen Word yang dapat "
        "disunting).",
    ),
]


def _wants_docx(formats: str) -> bool:
    from lkjip.render import wants_docx

    try:
        return wants_docx(formats)
    except ParameterError as exc:
        err.print(str(exc), style="red", soft_wrap=True, markup=False)
        raise typer.Exit(2) from exc


def _waiting(who: str) -> None:
    out.print(f"Keluaran tahun ini sedang dipakai oleh {who}; menunggu giliran ...", markup=False, soft_wrap=True)


@app.command()
def report(
    kecamatan: Annotated[str, typer.Option("--kecamatan", "-k", help="Slug kecamatan, mis. ajibarang.")],
    tahun: Tahun,
    data: Annotated[Path | None, typer.Option("--data", help="Ganti data_dir dari berkas parameter.")] = None,
    output: Annotated[Path | None, typer.Option("--output", help="Ganti output_dir dari berkas parameter.")] = None,
    tunggu: Tunggu = False,
    formats: Format = "html,pdf",
) -> None:
    """Buat satu laporan: notebook hasil eksekusi, HTML dan PDF (dan Word bila diminta) di output/<tahun>/<slug>/."""
    from lkjip import batch as engine
    from lkjip import final, lock
    from lkjip.index import build

    docx = _wants_docx(formats)

    try:
        chosen, source = _one_report_params(kecamatan, tahun, data, output)
    except DataValidationError as exc:
        _print_problems(exc.problems)
        err.print(f"[red]Laporan tidak dibuat: {len(exc.problems)} kesalahan berlaku untuk semua kecamatan.[/red]")
        raise typer.Exit(1) from exc
    except LkjipError as exc:
        err.print(str(exc), style="red", soft_wrap=True, markup=False)
        raise typer.Exit(2 if isinstance(exc, ParameterError) else 1) from exc
    slug = chosen.kecamatan
    crash.use_output(chosen.output_dir)  # a crash log goes beside this report's output
    out.print(f"Membuat laporan {slug} {tahun} (parameter: {source}) ...", markup=False, soft_wrap=True)
    try:
        with lock.year(chosen.output_dir, tahun, wait=tunggu, on_wait=_waiting):
            altered = engine.check_archive(chosen)
            if altered is not None:
                err.print(altered.message(), style="bold red", soft_wrap=True, markup=False)
            final.refuse_if_final(chosen.output_dir, tahun, slug)  # a signed report is never re-rendered
            try:
                result = engine.render_alone(chosen, docx=docx)  # in a worker, archived like a batch report
            except LkjipError as exc:
                kept = exc.kept_notebook if isinstance(exc, NotebookExecutionError) else None
                failed = engine.Outcome(slug, engine.FAILED, message=str(exc), failed_notebook=str(kept or ""))
                engine.record(failed, chosen.output_dir, tahun)
                raise
            engine.record(engine.Outcome(slug, engine.BUILT), chosen.output_dir, tahun)
            build(tahun, chosen.output_dir, chosen.data_dir)
    except DataValidationError as exc:
        _print_problems(exc.problems)
        err.print(f"[red]Laporan {slug} {tahun} tidak dibuat: {len(exc.problems)} kesalahan data.[/red]")
        raise typer.Exit(1) from exc
    except LkjipError as exc:
        err.print(str(exc), style="red", soft_wrap=True, markup=False)
        raise typer.Exit(2) from exc
    except KeyboardInterrupt:
        _stopping()
        err.print("Dihentikan. Laporan lama tetap utuh; jalankan lagi untuk membuatnya.", style="yellow")
        raise typer.Exit(130) from None
    _print_problems(result.warnings)
    out.print(f"[green]Selesai[/green] dalam {result.seconds:.1f} detik:")
    for p in (result.notebook, result.html, result.pdf, *([result.docx] if result.docx else [])):
        out.print(f"  {paths_display(p)}", markup=False)


def _one_report_params(kecamatan: str, tahun: int, data: Path | None, output: Path | None) -> tuple[Params, str]:
    """The registry slug for what was typed, then its parameters (command line > params file > defaults).

    The analyst's params file is found by listing ``params/<tahun>/`` (its data
    folder decides which registry the slug is matched against); no path is
    built from the typed text.
    """
    from lkjip import batch as engine
    from lkjip import params as prm

    typed_data = str(data) if data is not None else None
    folder = paths.resolve(paths.PARAMS_DIR) / str(tahun)
    wanted = kecamatan.strip().casefold()
    files = [p for p in sorted(folder.glob("*.yaml")) if p.stem.casefold() == wanted] if folder.is_dir() else []
    file_data = prm.read(files[0]).data_dir if files and typed_data is None else None
    slug = engine.plan(tahun, [kecamatan], typed_data or file_data or str(paths.DATA_DIR)).kecamatan[0]
    return engine.params_for(slug, tahun, typed_data, str(output) if output is not None else None)


@app.command()
def batch(
    tahun: Tahun,
    kecamatan: Annotated[str | None, typer.Option("--kecamatan", "-k", help="Hanya slug ini (pisahkan koma).")] = None,
    jobs: Annotated[
        int | None,
        typer.Option("--jobs", "-j", min=1, help="Jumlah proses paralel, 1 atau lebih (bawaan: jumlah inti)."),
    ] = None,
    force: Annotated[bool, typer.Option("--force", help="Bangun ulang walaupun tidak ada yang berubah.")] = False,
    data: Annotated[
        Path | None, typer.Option("--data", help="Folder data untuk semua kecamatan (bawaan: data/).")
    ] = None,
    output: Annotated[
        Path | None, typer.Option("--output", help="Folder keluaran untuk semua kecamatan (bawaan: output/).")
    ] = None,
    params_dir: Annotated[Path, typer.Option("--params", help="Folder berkas parameter.")] = paths.PARAMS_DIR,
    tunggu: Tunggu = False,
    formats: Format = "html,pdf",
) -> None:
    """Buat laporan semua kecamatan satu tahun secara paralel, lalu indeks kabupaten dan rekap Excel."""
    from lkjip import batch as engine
    from lkjip import lock
    from lkjip.index import build
    from lkjip.progress import BatchDisplay

    docx = _wants_docx(formats)

    data_s = str(data) if data is not None else None
    out_s = str(output) if output is not None else str(paths.OUTPUT_DIR)
    crash.use_output(out_s)  # a crash log goes beside this batch's output
    try:
        plan = engine.plan(tahun, slug_list(kecamatan), data_s or str(paths.DATA_DIR))
    except DataValidationError as exc:
        _print_problems(exc.problems)
        err.print(
            f"[red]Tidak ada laporan yang dibuat: {len(exc.problems)} kesalahan berlaku untuk semua kecamatan.[/red]"
        )
        raise typer.Exit(1) from exc
    except LkjipError as exc:  # a --kecamatan without data (2) or an unreadable source (1)
        err.print(str(exc), style="red", soft_wrap=True, markup=False)
        raise typer.Exit(2 if isinstance(exc, ParameterError) else 1) from exc
    display = BatchDisplay(out)
    try:
        with lock.year(out_s, tahun, wait=tunggu, on_wait=_waiting):
            with display:
                outcomes = engine.run(
                    tahun,
                    plan.kecamatan,
                    jobs,
                    force,
                    data_s,
                    None if output is None else out_s,
                    display.event,
                    str(params_dir),
                    planned=plan,
                    docx=docx,
                )
            index_error = None
            try:
                index = build(tahun, out_s, data_s or str(paths.DATA_DIR))
            except LkjipError as exc:  # the reports are built: say what happened to them, then why no index
                index_error = exc
    except KeyboardInterrupt:
        _stopping()
        err.print("Dihentikan. Tidak ada keluaran setengah jadi; jalankan lagi untuk melanjutkan.", style="yellow")
        raise typer.Exit(130) from None
    except LkjipError as exc:
        err.print(str(exc), style="red", soft_wrap=True, markup=False)
        raise typer.Exit(2) from exc
    display.summary(outcomes)
    if index_error is not None:
        err.print(f"Indeks kabupaten tidak diperbarui: {index_error}", style="red", soft_wrap=True, markup=False)
        raise typer.Exit(2)
    out.print(f"Indeks kabupaten: {paths_display(index)}", markup=False)
    if plan.unassigned:
        _print_problems(plan.unassigned)
        err.print(
            f"[red]{len(plan.unassigned)} baris data tanpa kecamatan yang dikenal[/red]; laporan lain tetap dibuat."
        )
    if any(o.status == engine.FAILED for o in outcomes) or pr.errors(plan.unassigned):
        raise typer.Exit(1)


@app.command("params")
def params_cmd(
    tahun: Tahun,
    data: Data = paths.DATA_DIR,
    output: Output = paths.OUTPUT_DIR,
) -> None:
    """Tulis berkas parameter params/<tahun>/<slug>.yaml yang belum ada untuk setiap kecamatan terdaftar."""
    from lkjip import params as prm
    from lkjip.load import read_tables
    from lkjip.parse import parse_table

    try:
        raw, problems = read_tables(paths.resolve(data))
    except LkjipError as exc:
        err.print(str(exc), style="red", soft_wrap=True, markup=False)
        raise typer.Exit(1) from exc
    registry, issues = parse_table(raw["kecamatan"])
    blocking = [p for p in problems + issues if p.is_error and p.table == "kecamatan"]
    if blocking or registry.empty:
        _print_problems(blocking)
        err.print(f"Daftar kecamatan ({raw['kecamatan'].location}) tidak dapat dipakai.", style="red", markup=False)
        raise typer.Exit(1)
    written = [slug for slug in registry["slug"] if prm.write_new(prm.Params(slug, tahun, str(data), str(output)))]
    folder = paths_display(paths.resolve(paths.PARAMS_DIR) / str(tahun))
    out.print(
        f"{len(written)} berkas parameter baru ditulis ke {folder}/; "
        f"{len(registry) - len(written)} yang sudah ada tidak diubah (berkas itu milik analis).",
        markup=False,
    )


@app.command()
def workbook(
    target: Annotated[Path, typer.Argument(help="Berkas .xlsx yang ditulis, mis. data.xlsx.")],
    data: Data = paths.DATA_DIR,
) -> None:
    """Salin semua tabel CSV ke satu buku kerja .xlsx (satu lembar per tabel)."""
    from lkjip.workbook import csv_to_workbook

    try:
        csv_to_workbook(paths.resolve(data), target)
    except LkjipError as exc:
        err.print(str(exc), style="red", soft_wrap=True, markup=False)
        raise typer.Exit(1) from exc
    out.print(f"Buku kerja ditulis: {target}")


@app.command()
def contoh(
    tahun: Tahun,
    data: Data = paths.DATA_DIR,
    seed: Annotated[int, typer.Option(help="Benih acak; sama benih, sama data.")] = 2023,
) -> None:
    """Tulis ulang data contoh (bukan data resmi) untuk kecamatan yang belum punya data asli."""
    from lkjip.sample import generate

    try:
        slugs = generate(paths.resolve(data), tahun, seed)
    except LkjipError as exc:
        err.print(str(exc), style="red", soft_wrap=True, markup=False)
        raise typer.Exit(2 if isinstance(exc, ParameterError) else 1) from exc
    out.print(f"Data contoh tahun {tahun} ditulis untuk {len(slugs)} kecamatan (benih {seed}).")


cli_final.register(app)  # final, buka-final, bersihkan
cli_arsip.register(app)  # verify, arsip
cli_formulir.register(app)  # formulir, impor
cli_narasi.register(app)  # narasi: the narrative notebook


@app.command()
def version() -> None:
    """Tampilkan versi lkjip."""
    out.print(__version__)


def _terminated(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


def _stopping() -> None:
    """After the first Ctrl-C or SIGTERM, ignore further ones: the one message, then a clean exit.

    A third Ctrl-C pressed while the process ends would otherwise print a
    traceback from multiprocessing's exit handler.
    """
    import signal

    for sig in (signal.SIGINT, signal.SIGTERM):
        signal.signal(sig, signal.SIG_IGN)


def main(argv: list[str] | None = None) -> int:
    """Run the CLI; every error is one Indonesian message and an exit code, never a traceback."""
    import logging
    import signal
    import sys
    import threading

    from lkjip.crash import one_line, write_traceback
    from lkjip.usage import explain, given, usage_error_types

    args = list(sys.argv[1:] if argv is None else argv)
    logging.disable(logging.ERROR)  # library log lines are English; every failure has its own message
    main_thread = threading.current_thread() is threading.main_thread()
    previous = signal.signal(signal.SIGTERM, _terminated) if main_thread else None  # kill, timeout: like Ctrl-C
    interrupt = signal.getsignal(signal.SIGINT)
    crash.use_output(given(["--output"], args))  # until the command knows its output folder better
    try:
        code = typer.main.get_command(app).main(args=args, prog_name="lkjip", standalone_mode=False)
    except usage_error_types() as exc:
        if type(exc).__name__ == "NoArgsIsHelpError":
            ctx = getattr(exc, "ctx", None)
            out.print(ctx.get_help() if ctx else "", soft_wrap=True, markup=False)
            return 0
        err.print(explain(exc, args), style="red", soft_wrap=True, markup=False)
        return int(getattr(exc, "exit_code", 2))
    except (typer.Abort, KeyboardInterrupt):
        _stopping()
        err.print("Dihentikan.", style="yellow")
        return 130
    except LkjipError as exc:  # a phase error no command caught: still the analyst's message
        err.print(str(exc), style="red", soft_wrap=True, markup=False)
        return 2
    except Exception as exc:
        err.print(one_line(exc, write_traceback(exc)), style="red", soft_wrap=True, markup=False)
        return 3
    finally:
        if main_thread and argv is not None:  # called from Python (tests): leave the signals as they were
            signal.signal(signal.SIGTERM, previous)
            signal.signal(signal.SIGINT, interrupt)
    return code if isinstance(code, int) else 0
