"""The commands of the evidence archive (``verify``, ``arsip``), registered by :mod:`lkjip.cli`.

Thin wrappers over :mod:`lkjip.verify` (with :mod:`lkjip.ulang`) and :mod:`lkjip.arsip`.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.text import Text

from lkjip import paths
from lkjip.cli_common import Output, Tahun, err, out, paths_display, slug_list, typed
from lkjip.errors import LkjipError, ParameterError

VERIFY_HELP = (
    "Periksa arsip laporan terhadap manifest dan notebook hasil eksekusi.\n\n"
    "Per kecamatan: setiap keluaran cocok dengan sha256 di manifest dan di riwayat (riwayat.jsonl, rantai hash "
    "utuh); angka hasil di manifest, indeks kabupaten "
    "dan rekap Excel sama dengan angka yang tercatat di notebook; masukan terkini atau usang (usang bukan "
    "perubahan arsip).\n\n"
    "Dengan --ulang, setiap laporan juga dijalankan ulang dari parameter.yaml arsipnya di folder sementara, lalu "
    "notebook, HTML, PDF dan parameter.yaml dibandingkan byte demi byte (dan isi manifest yang harus sama).\n\n"
    "Status: utuh, usang, berubah, tidak lengkap. Kode keluar 0 bila tidak ada laporan yang berubah atau "
    "tidak lengkap."
)


def verify(
    path: Annotated[
        Path,
        typer.Argument(help="Folder laporan (output/<tahun>/<slug>/), folder tahun (output/<tahun>/) atau output/."),
    ] = paths.OUTPUT_DIR,
    data: Annotated[
        Path | None,
        typer.Option("--data", help="Data pembanding masukan (bawaan: data_dir dari parameter.yaml laporan)."),
    ] = None,
    kepala: Annotated[
        str | None,
        typer.Option(
            "--kepala",
            help="Hash kepala riwayat dari tanda terima (lkjip final); riwayat harus masih memuatnya.",
        ),
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Cetak hasil sebagai JSON untuk mesin.")] = False,
    ulang: Annotated[
        bool,
        typer.Option(
            "--ulang",
            help="Jalankan ulang setiap laporan di folder sementara dan bandingkan berkasnya byte demi byte "
            "(sekitar 10 detik per laporan).",
        ),
    ] = False,
) -> None:
    """Verify the archive under PATH (:func:`lkjip.verify.check`): a table, or JSON with --json."""
    from rich.table import Table

    from lkjip import verify as engine

    extra: list[engine.Check] = []
    if ulang:
        from lkjip import ulang as rerun

        extra.append(rerun.check)
    try:
        results = engine.check(typed(path, paths.OUTPUT_DIR) or path, typed(data), kepala, extra)
    except LkjipError as exc:
        err.print(str(exc), style="red", soft_wrap=True, markup=False)
        raise typer.Exit(2) from exc
    if as_json:
        typer.echo(engine.as_json(results))
    else:
        colour = {"utuh": "green", "usang": "yellow", "berubah": "red", "tidak lengkap": "red"}
        table = Table(title="Pemeriksaan arsip laporan")
        for name in ("Kecamatan", "Tahun", "Dokumen", "Status", "Masukan", "Rincian"):
            table.add_column(name, overflow="fold")
        for r in results:
            details = "\n".join(f.message for f in r.temuan) or "-"
            table.add_row(
                Text(r.kecamatan),  # a folder name: printed as it is, never read as markup
                str(r.tahun or "-"),
                "final" if r.final else "draf",
                Text(r.status.value, style=colour[r.status.value]),
                r.masukan.value,
                Text(details),
            )
        out.print(table)
        counts = ", ".join(f"{sum(r.status == s for r in results)} {s.value}" for s in engine.Status)
        verdict = "[green]lulus[/green]" if engine.passed(results) else "[red]tidak lulus[/red]"
        rerun_note = f" ({sum(r.diulang for r in results)} dijalankan ulang)" if ulang else ""
        out.print(f"{len(results)} laporan diperiksa{rerun_note}: {counts}; {verdict}.")
    if not engine.passed(results):
        raise typer.Exit(1)


def arsip(
    tahun: Tahun,
    kecamatan: Annotated[str | None, typer.Option("--kecamatan", "-k", help="Hanya slug ini (pisahkan koma).")] = None,
    output: Output = paths.OUTPUT_DIR,
    ke: Annotated[
        Path | None, typer.Option("--ke", help="Berkas arsip yang ditulis (bawaan: <output>/arsip_lkjip_<tahun>.zip).")
    ] = None,
    draf: Annotated[bool, typer.Option("--draf", help="Sertakan juga laporan draf (ditandai DRAF).")] = False,
) -> None:
    """Satu berkas zip untuk pemeriksa: laporan final, riwayat, tanda terima, masukan kanonik, SHA256SUMS."""
    from lkjip import arsip as engine

    try:
        result = engine.build(tahun, output, slug_list(kecamatan), ke, draf)
    except LkjipError as exc:
        err.print(str(exc), style="red", soft_wrap=True, markup=False)
        raise typer.Exit(2 if isinstance(exc, ParameterError) else 1) from exc
    for r in result.reports:
        state = "final" if r.final else "DRAF"
        gaps = f", {len(r.left_out)} masukan tidak disertakan (data berubah)" if r.left_out else ""
        out.print(f"  {r.slug}: {state}, {len(r.inputs)} masukan{gaps}", markup=False)
    for slug, why in result.not_included:
        out.print(f"  {slug}: tidak disertakan, {why}", markup=False, soft_wrap=True)
    out.print(
        f"Arsip ditulis: {paths_display(result.path)} ({result.files} berkas, {f'{result.size:,}'.replace(',', '.')} "
        "bita). Periksa: unzip, lalu sha256sum -c SHA256SUMS (lihat BACA_SAYA.txt).",
        markup=False,
        soft_wrap=True,
    )


def register(app: typer.Typer) -> None:
    app.command(help=VERIFY_HELP)(verify)
    app.command()(arsip)
