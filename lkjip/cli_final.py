"""The commands of draft and final (``final``, ``buka-final``) and ``bersihkan``, registered by :mod:`lkjip.cli`.

Thin wrappers over :mod:`lkjip.final` and :mod:`lkjip.clean`; kept apart so
that ``cli.py`` stays one screenful per command. Messages are in Bahasa Indonesia.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from lkjip import paths
from lkjip.cli_common import Output, Tahun, err, out
from lkjip.errors import LkjipError

Kecamatan = Annotated[str, typer.Option("--kecamatan", "-k", help="Slug kecamatan, mis. ajibarang.")]


def _fail(exc: LkjipError) -> typer.Exit:
    err.print(str(exc), style="red", soft_wrap=True, markup=False)
    return typer.Exit(2)


def final(
    kecamatan: Kecamatan,
    tahun: Tahun,
    berkas: Annotated[
        Path | None,
        typer.Option("--berkas", help="Salinan bertanda tangan: PDF hasil pindai atau PDF bertanda tangan elektronik."),
    ] = None,
    output: Output = paths.OUTPUT_DIR,
) -> None:
    """Finalise a report (:func:`lkjip.final.finalise`) and print its receipt; the help text is :data:`FINAL_HELP`."""
    from lkjip import final as engine

    try:
        receipt = engine.finalise(kecamatan, tahun, output, berkas)
    except LkjipError as exc:
        raise _fail(exc) from exc
    out.print(receipt.text(), markup=False, soft_wrap=True, end="")
    out.print(f"\nTanda terima ditulis ke {engine.shown(receipt.path)}.", markup=False, soft_wrap=True)


def buka_final(
    kecamatan: Kecamatan,
    tahun: Tahun,
    alasan: Annotated[
        str, typer.Option("--alasan", help="Alasan membuka laporan final (wajib, paling banyak 500 karakter).")
    ],
    output: Output = paths.OUTPUT_DIR,
) -> None:
    """Buka kembali laporan final agar dapat dibuat ulang; alasannya dicatat di riwayat."""
    from lkjip import final as engine

    try:
        entry = engine.reopen(kecamatan, tahun, alasan, output)
    except LkjipError as exc:
        raise _fail(exc) from exc
    out.print(
        f"Laporan {entry.kecamatan} tahun {tahun} dibuka kembali (riwayat baris {entry.no}, alasan: "
        f"{entry.data['alasan']}). Laporan ini kini draf: dapat dibuat ulang dengan lkjip report "
        f"--kecamatan {entry.kecamatan} --tahun {tahun}, lalu difinalkan lagi dengan lkjip final.",
        markup=False,
        soft_wrap=True,
    )


def bersihkan(output: Output = paths.OUTPUT_DIR) -> None:
    """Hapus laporan draf dan keluaran turunan; laporan final, riwayat, SHA256SUMS, tanda terima dan _diubah/ tetap."""
    from lkjip import clean

    try:
        done = clean.clean(output)
    except LkjipError as exc:
        raise _fail(exc) from exc
    out.print(clean.summary(done), markup=False, soft_wrap=True)
    if done.refused:
        raise typer.Exit(1)


FINAL_HELP = (
    "Tetapkan laporan sebagai final tanpa membuatnya ulang, lalu cetak tanda terimanya.\n\n"
    "Berkas laporan menjadi hanya-baca, riwayat mencatat peristiwa final, dan tanda terima ditulis ke "
    "output/<tahun>/tanda_terima/<slug>.txt. Laporan dari DATA CONTOH tidak dapat difinalkan."
)


def register(app: typer.Typer) -> None:
    """Add the commands to the CLI's app."""
    app.command("final", help=FINAL_HELP)(final)
    app.command("buka-final")(buka_final)
    app.command("bersihkan")(bersihkan)
