"""``lkjip narasi``: the narrative notebook of one kecamatan and year, written or updated.

``<data>/kecamatan/<slug>/<tahun>/narasi.ipynb`` holds one ``%%narasi`` cell
per narrative section in report order (:func:`lkjip.narasi_edit.sections`),
prefilled with the current text and its hash (``--asal``), under a Markdown
cell that names the section, says whether it is overridden and lists the
placeholders with their current values. A section generated from the figures
(conditions or loops) is shown rendered, read-only, with a take-over cell
(``--ambil-alih``) prefilled with its template source.

The notebook is an editor, not an input: the fingerprint leaves ``*.ipynb``
and ``.ipynb_checkpoints/`` out (:func:`lkjip.fingerprint.is_input`). Writing
it again keeps every cell whose text was edited and not saved (its body no
longer matches its ``--asal`` nor the saved file) and marks sections the
report no longer has.
"""

from __future__ import annotations

import html
import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, cast

import nbformat
from nbformat.notebooknode import NotebookNode

from lkjip import narasi_edit, publish, text
from lkjip.narasi_edit import Bagian, asal, normal
from lkjip.paths import OUTPUT_DIR, resolve
from lkjip.report import Laporan, buka

NAME = "narasi.ipynb"
KEY = "lkjip_narasi"
"""Cell metadata: ``{"bagian": <section>}`` on a section's cells, ``{"peran": "awal"}`` on the setup cell."""
_LINE = re.compile(r"^%%narasi\s+(\S+)(.*)$")
_ASAL = re.compile(r"--asal\s+([0-9a-f]+)")


@dataclass
class Cell:
    """A ``%%narasi`` cell of an existing notebook: its section, prefill hash and body."""

    nama: str
    asal: str | None
    body: str
    node: NotebookNode


def parse(cell: NotebookNode) -> Cell | None:
    if cell.cell_type != "code":
        return None
    first, _, body = str(cell.source).partition("\n")
    m = _LINE.match(first.strip())
    if not m:
        return None
    h = _ASAL.search(m.group(2))
    return Cell(m.group(1), h.group(1) if h else None, body, cell)


def _value(v: Any) -> str:
    if isinstance(v, bool) or v is None:
        return "(kosong)" if v is None else ("ya" if v else "tidak")
    if isinstance(v, str | int | float):
        s = html.unescape(str(v))
        return s if len(s) <= 120 else s[:117] + "..."
    return "(daftar; dipakai dalam {% for %})"


def _placeholders(lap: Laporan, b: Bagian) -> str:
    ctx = narasi_edit.context(lap, b.nama)
    try:
        used = text.placeholders(b.teks)
    except Exception:  # a broken saved text: its cell says so when it runs
        used = set()
    rows = "\n".join(f"| `{{{{ {k} }}}}` | {_value(ctx[k])} |" for k in sorted(used) if k in ctx)
    every = "\n".join(f"| `{{{{ {k} }}}}` | {_value(v)} |" for k, v in sorted(ctx.items()))
    head = "| Placeholder | Nilai saat ini |\n|---|---|\n"
    part = f"Placeholder di teks ini:\n\n{head}{rows}\n\n" if rows else ""
    return f"{part}<details><summary>Semua placeholder yang tersedia</summary>\n\n{head}{every}\n\n</details>"


def _heading(lap: Laporan, b: Bagian) -> NotebookNode:
    status = (
        f"**Diganti analis** (berkas `narasi/{b.nama}.md`). Kembali ke teks baku: `%narasi_kembalikan {b.nama} --ya`."
        if b.diganti
        else "Memakai teks baku (templat); belum diganti."
    )
    lines = [f"## {b.nama}", f"Bagian laporan: {b.judul} (`{b.kunci}`). {status}"]
    if b.dihasilkan:
        ctx = narasi_edit.context(lap, b.nama)
        rendered = text.render(b.bawaan, ctx, f"templat baku {b.nama}")
        lines += [
            "**Teks ini dihasilkan dari angka** (memuat syarat atau perulangan) dan hanya dibaca. Hasilnya kini:",
            "\n".join(f"> {x}" for x in rendered.strip().splitlines()),
            "**Ambil alih:** untuk menulis ulang, ubah templat di sel di bawah (`--ambil-alih`) lalu jalankan; "
            "sejak itu bagian ini tidak lagi mengikuti templat.",
        ]
    else:
        lines.append(
            "Sunting teks di sel di bawah, lalu jalankan sel itu (Shift+Enter): teks diperiksa, disimpan "
            "bila berubah, dan pratinjau bagian laporan tampil di bawahnya."
        )
    lines.append(_placeholders(lap, b))
    return cast(NotebookNode, nbformat.v4.new_markdown_cell("\n\n".join(lines), metadata={KEY: {"bagian": b.nama}}))


def _editor(b: Bagian) -> NotebookNode:
    source = normal(b.bawaan if b.dihasilkan else b.teks)
    flag = " --ambil-alih" if b.dihasilkan else ""
    line = f"%%narasi {b.nama}{flag} --asal {asal(source)}"
    cell = nbformat.v4.new_code_cell(f"{line}\n{source.rstrip(chr(10))}", metadata={KEY: {"bagian": b.nama}})
    return cast(NotebookNode, cell)


def _unsaved(cell: Cell, saved: str | None) -> bool:
    if cell.asal is None or asal(cell.body) == cell.asal:
        return False
    return saved is None or normal(cell.body) != normal(saved)


def path_of(lap: Laporan) -> Path:
    assert lap.folder is not None
    return lap.folder / NAME


def build(lap: Laporan, data_dir: Path, output_dir: Path, old: NotebookNode | None = None) -> NotebookNode:
    """The narrative notebook of ``lap``'s report; ``old`` is the notebook written before (its unsaved edits stay)."""
    folder = lap.folder
    assert folder is not None
    kept: dict[str, Cell] = {}
    for node in old.cells if old is not None else []:
        c = parse(node)
        if c is not None:
            path = narasi_edit.override_path(folder, c.nama)
            if _unsaved(c, text.read_override(path) if path.is_file() else None):
                kept[c.nama] = c
    rel_data = os.path.relpath(data_dir, folder)
    rel_out = os.path.relpath(output_dir, folder)
    cells = [
        nbformat.v4.new_markdown_cell(
            f"# Narasi LKjIP Kecamatan {lap.nama} Tahun {lap.tahun}\n\n"
            "Setiap bagian narasi laporan punya satu sel `%%narasi`. Jalankan dulu sel pertama, lalu sunting sel "
            "bagian yang diinginkan dan jalankan. Teks disimpan ke `narasi/<bagian>.md` di folder ini (satu-satunya "
            "sumber teks); notebook ini hanya penyunting dan bukan masukan laporan. Buat laporannya dengan "
            f"`lkjip report --kecamatan {lap.data.slug} --tahun {lap.tahun}`.",
            metadata={KEY: {"peran": "judul"}},
        ),
        nbformat.v4.new_code_cell(
            "%load_ext lkjip.narasi_magic\n"
            f"%narasi_laporan --kecamatan {lap.data.slug} --tahun {lap.tahun} --data {rel_data} --output {rel_out}",
            metadata={KEY: {"peran": "awal"}},
        ),
    ]
    names = set()
    for b in narasi_edit.sections(lap):
        names.add(b.nama)
        cells.append(_heading(lap, b))
        if b.nama in kept:
            cells.append(
                nbformat.v4.new_markdown_cell(
                    "*Sel di bawah berisi suntingan yang belum disimpan; dipertahankan apa adanya. Jalankan untuk "
                    "menyimpannya.*",
                    metadata={KEY: {"bagian": b.nama}},
                )
            )
            cells.append(kept[b.nama].node)
        else:
            cells.append(_editor(b))
    for node in old.cells if old is not None else []:
        c = parse(node)
        if c is not None and c.nama not in names:
            cells.append(
                nbformat.v4.new_markdown_cell(
                    f"## {c.nama} (tidak ada lagi di laporan)\n\nBagian ini tidak lagi dimuat laporan; teksnya "
                    "disimpan di bawah sebagai sel mentah agar tidak hilang.",
                    metadata={KEY: {"bagian": c.nama, "dihapus": True}},
                )
            )
            cells.append(nbformat.v4.new_raw_cell(str(node.source), metadata={KEY: {"bagian": c.nama}}))
    nb = nbformat.v4.new_notebook(cells=cells)
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    return cast(NotebookNode, nb)


def write(
    kecamatan: str, tahun: int, data_dir: str | os.PathLike[str], output_dir: str | os.PathLike[str] = OUTPUT_DIR
) -> Path:
    """Write or update the narrative notebook of ``kecamatan`` and ``tahun``; returns its path."""
    data, output = resolve(data_dir), resolve(output_dir)
    lap = buka(kecamatan, tahun, data)
    path = path_of(lap)
    old = nbformat.read(path, as_version=4) if path.is_file() else None
    nb = build(lap, data, output, old)
    path.parent.mkdir(parents=True, exist_ok=True)
    publish.write_file(path, nbformat.writes(nb).encode("utf-8"), str(path.name))
    return path
