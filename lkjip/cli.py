"""Command line: a thin wrapper over the functions the library exposes.

Messages are in Bahasa Indonesia, for the analysts who run it.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from lkjip import __version__, paths
from lkjip.errors import DataValidationError, LkjipError
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
        err.print(f"[{style}]{p}[/{style}]", soft_wrap=True)


@app.command()
def check(
    tahun: Tahun,
    data: Data = paths.DATA_DIR,
    kecamatan: Annotated[str | None, typer.Option(help="Batasi ke slug ini (pisahkan dengan koma).")] = None,
) -> None:
    """Periksa seluruh data satu tahun dan tampilkan semua masalah sekaligus."""
    from lkjip.validate import validate

    slugs = kecamatan.split(",") if kecamatan else None
    try:
        report = validate(paths.resolve(data), tahun, slugs)
    except LkjipError as exc:
        err.print(f"[red]{exc}[/red]", soft_wrap=True)
        raise typer.Exit(1) from exc
    _print_problems(report.problems)
    n_err, n_warn = len(report.errors), len(report.warnings)
    checked = ", ".join(report.kecamatan) or "(tidak ada)"
    out.print(f"Diperiksa tahun {tahun}: {len(report.kecamatan)} kecamatan ({checked}).")
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
    base = prm.read(file) if file.exists() else prm.Params(kecamatan, tahun)
    if base.kecamatan != kecamatan or base.tahun != tahun:
        err.print(f"[red]Berkas {file} berisi {base.kecamatan} {base.tahun}, bukan {kecamatan} {tahun}.[/red]")
        raise typer.Exit(2)
    chosen = prm.Params(
        kecamatan,
        tahun,
        str(data) if data is not None else base.data_dir,
        str(output) if output is not None else base.output_dir,
    )
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
        err.print(f"[red]{type(exc).__name__}: {exc}[/red]", soft_wrap=True)
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

    slugs = kecamatan.split(",") if kecamatan else None
    display = BatchDisplay(out)
    try:
        with display:
            outcomes = engine.run(tahun, slugs, jobs, force, str(data), str(output), display.event, str(params_dir))
    except KeyboardInterrupt:
        err.print("[yellow]Dihentikan (Ctrl-C). Tidak ada keluaran setengah jadi; jalankan lagi untuk melanjutkan.[/]")
        raise typer.Exit(130) from None
    except LkjipError as exc:
        err.print(f"[red]{exc}[/red]", soft_wrap=True)
        raise typer.Exit(2) from exc
    from lkjip.index import build

    index = build(tahun, output, data)
    display.summary(outcomes)
    out.print(f"Indeks kabupaten: {paths_display(index)}")
    if any(o.status == engine.FAILED for o in outcomes):
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

    raw, problems = read_tables(paths.resolve(data))
    registry, issues = parse_table(raw["kecamatan"])
    if [p for p in problems + issues if p.is_error and "kecamatan" in p.location]:
        _print_problems(problems + issues)
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

    csv_to_workbook(paths.resolve(data), target)
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


def main() -> None:
    app()
