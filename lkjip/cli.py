"""Command line: a thin wrapper over the functions the library exposes.

Messages are in Bahasa Indonesia, for the analysts who run it.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from lkjip import __version__, paths
from lkjip import problems as pr
from lkjip.errors import DataValidationError, LkjipError, ParameterError
from lkjip.problems import Problem

app = typer.Typer(
    help="LKjIP kecamatan Kabupaten Banyumas: periksa data dan buat laporan.",
    no_args_is_help=True,
    add_completion=False,
)
out = Console(highlight=False)
err = Console(stderr=True, highlight=False)

Tahun = Annotated[int, typer.Option("--tahun", "-t", help="Tahun laporan, mis. 2023.")]
Data = Annotated[Path, typer.Option("--data", help="Folder berkas CSV atau satu buku kerja .xlsx.")]
Output = Annotated[Path, typer.Option("--output", help="Folder keluaran laporan.")]


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
    from lkjip.validate import validate

    slugs = _slugs(kecamatan)
    try:
        report = validate(paths.resolve(data), tahun, slugs)
    except LkjipError as exc:
        err.print(str(exc), style="red", soft_wrap=True, markup=False)
        raise typer.Exit(1) from exc
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


@app.command()
def report(
    kecamatan: Annotated[str, typer.Option("--kecamatan", "-k", help="Slug kecamatan, mis. ajibarang.")],
    tahun: Tahun,
    data: Annotated[Path | None, typer.Option("--data", help="Ganti data_dir dari berkas parameter.")] = None,
    output: Annotated[Path | None, typer.Option("--output", help="Ganti output_dir dari berkas parameter.")] = None,
) -> None:
    """Buat satu laporan: notebook hasil eksekusi, HTML dan PDF di output/<tahun>/<slug>/."""
    from lkjip import manifest
    from lkjip import params as prm
    from lkjip.render import render

    file = paths.params_file(tahun, kecamatan)
    try:
        base = prm.read(file) if file.exists() else prm.Params(kecamatan, tahun)
    except LkjipError as exc:
        err.print(str(exc), style="red", soft_wrap=True, markup=False)
        raise typer.Exit(2) from exc
    if base.kecamatan != kecamatan or base.tahun != tahun:
        err.print(
            f"Berkas {file} berisi {base.kecamatan} {base.tahun}, bukan {kecamatan} {tahun}.", style="red", markup=False
        )
        raise typer.Exit(2)
    chosen = prm.Params(
        kecamatan,
        tahun,
        str(data) if data is not None else base.data_dir,
        str(output) if output is not None else base.output_dir,
    )
    try:
        from lkjip.load import check_source

        check_source(paths.resolve(chosen.data_dir))
    except LkjipError as exc:
        err.print(str(exc), style="red", soft_wrap=True, markup=False)
        raise typer.Exit(1) from exc
    if not file.exists() and chosen == base:
        file = prm.write(chosen)  # the record a plain papermill run can replay
    source = paths_display(file) if chosen == base else "opsi baris perintah"
    out.print(f"Membuat laporan {kecamatan} {tahun} (parameter: {source}) ...")
    try:
        result = render(chosen, finish=manifest.writer(chosen))  # archived like a batch report
    except DataValidationError as exc:
        _print_problems(exc.problems)
        err.print(f"[red]Laporan {kecamatan} {tahun} tidak dibuat: {len(exc.problems)} kesalahan data.[/red]")
        raise typer.Exit(1) from exc
    except LkjipError as exc:
        err.print(f"{type(exc).__name__}: {exc}", style="red", soft_wrap=True, markup=False)
        raise typer.Exit(2) from exc
    _print_problems(result.warnings)
    from lkjip.index import build

    build(tahun, chosen.output_dir, chosen.data_dir)
    out.print(f"[green]Selesai[/green] dalam {result.seconds:.1f} detik:")
    for p in (result.notebook, result.html, result.pdf):
        out.print(f"  {paths_display(p)}")


@app.command()
def batch(
    tahun: Tahun,
    kecamatan: Annotated[str | None, typer.Option("--kecamatan", "-k", help="Hanya slug ini (pisahkan koma).")] = None,
    jobs: Annotated[
        int | None, typer.Option("--jobs", "-j", help="Jumlah proses paralel (bawaan: jumlah inti).")
    ] = None,
    force: Annotated[bool, typer.Option("--force", help="Bangun ulang walaupun tidak ada yang berubah.")] = False,
    data: Data = paths.DATA_DIR,
    output: Output = paths.OUTPUT_DIR,
    params_dir: Annotated[Path, typer.Option("--params", help="Folder berkas parameter.")] = paths.PARAMS_DIR,
) -> None:
    """Buat laporan semua kecamatan satu tahun secara paralel, lalu indeks kabupaten dan rekap Excel."""
    from lkjip import batch as engine
    from lkjip.progress import BatchDisplay

    try:
        plan = engine.plan(tahun, _slugs(kecamatan), str(data))
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
        with display:
            outcomes = engine.run(
                tahun, plan.kecamatan, jobs, force, str(data), str(output), display.event, str(params_dir), planned=plan
            )
    except KeyboardInterrupt:
        err.print("[yellow]Dihentikan (Ctrl-C). Tidak ada keluaran setengah jadi; jalankan lagi untuk melanjutkan.[/]")
        raise typer.Exit(130) from None
    except LkjipError as exc:
        err.print(str(exc), style="red", soft_wrap=True, markup=False)
        raise typer.Exit(2) from exc
    from lkjip.index import build

    index = build(tahun, output, data)
    display.summary(outcomes)
    out.print(f"Indeks kabupaten: {paths_display(index)}")
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
    """Tulis berkas parameter params/<tahun>/<slug>.yaml untuk setiap kecamatan terdaftar."""
    from lkjip import params as prm
    from lkjip.load import read_tables
    from lkjip.parse import parse_table

    try:
        raw, problems = read_tables(paths.resolve(data))
    except LkjipError as exc:
        err.print(str(exc), style="red", soft_wrap=True, markup=False)
        raise typer.Exit(1) from exc
    registry, issues = parse_table(raw["kecamatan"])
    blocking = [p for p in problems + issues if p.is_error and p.location == raw["kecamatan"].location]
    if blocking or registry.empty:
        _print_problems(blocking)
        err.print(f"Daftar kecamatan ({raw['kecamatan'].location}) tidak dapat dipakai.", style="red", markup=False)
        raise typer.Exit(1)
    for slug in registry["slug"]:
        prm.write(prm.Params(slug, tahun, str(data), str(output)))
    out.print(
        f"{len(registry)} berkas parameter ditulis ke {paths_display(paths.resolve(paths.PARAMS_DIR) / str(tahun))}/."
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

    slugs = generate(paths.resolve(data), tahun, seed)
    out.print(f"Data contoh tahun {tahun} ditulis untuk {len(slugs)} kecamatan (benih {seed}).")


@app.command()
def version() -> None:
    """Tampilkan versi lkjip."""
    out.print(__version__)


def paths_display(p: Path) -> str:
    from lkjip.load import display_path

    return display_path(p)


def _slugs(option: str | None) -> list[str] | None:
    """``a, b`` -> ['a', 'b']; an option given but naming no slug is a usage error, not "all"."""
    if option is None:
        return None
    slugs = [s.strip() for s in option.split(",") if s.strip()]
    if not slugs:
        err.print(
            f"Opsi --kecamatan diisi '{option}' tanpa satu slug pun. Perbaikan: tulis slug, mis. ajibarang, "
            "atau hilangkan opsi ini untuk semua kecamatan.",
            style="red",
            markup=False,
        )
        raise typer.Exit(2)
    return slugs


def main(argv: list[str] | None = None) -> int:
    """Run the CLI; every error is one Indonesian message and an exit code, never a traceback."""
    import sys

    from lkjip.crash import one_line, write_traceback
    from lkjip.usage import explain, usage_error_types

    args = list(sys.argv[1:] if argv is None else argv)
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
        err.print("Dihentikan.", style="yellow")
        return 130
    except LkjipError as exc:  # a phase error no command caught: still the analyst's message
        err.print(str(exc), style="red", soft_wrap=True, markup=False)
        return 2
    except Exception as exc:
        err.print(one_line(exc, write_traceback(exc)), style="red", soft_wrap=True, markup=False)
        return 3
    return code if isinstance(code, int) else 0
