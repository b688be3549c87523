"""The report's sections -> A4 PDF with Typst (PyPI ``typst``), from the document model alone.

The model (:mod:`lkjip.document`) is handed to the Typst template
``templates/typst/lkjip.typ`` as data: ``data.json`` beside a copy of the
template in a temporary folder, with each chart (SVG) and picture (PNG/JPEG)
written there as a file. The template reads every text from the JSON and shows
it as a string, so no text of the data or of an analyst is ever read as Typst
markup; this module writes no markup at all.

The layout: the cover without a number, the front matter numbered i, ii, iii,
the body from BAB I numbered 1, 2, 3; the lists of the front matter are the
model's own entries (its labels, "Tabel 3.2"), each with the page where its
target (a Typst label named after the model's anchor) falls. Only fonts that
the ``typst`` wheel embeds are used and the document date is the report's
own, so the same model gives the same PDF bytes on any machine (PDF/A-2b).
"""

from __future__ import annotations

import base64
import calendar
import io
import json
import re
import shutil
import tempfile
from pathlib import Path
from typing import Any, Final

from lkjip.document import Bagian, TandaTangan, anchor_of, placement, walk
from lkjip.errors import RenderError
from lkjip.paths import TEMPLATES_DIR
from lkjip.tipografi import cetak

TEMPLATE = TEMPLATES_DIR / "typst" / "lkjip.typ"
PDF_STANDARDS: Final = "a-3b"
"""PDF/A-3b: the archival standard that also allows the executed notebook to travel inside the PDF."""
NOTEBOOK_MIME: Final = "application/x-ipynb+json"
TEXT_WIDTH_CM = 14.0  # A4 (21 cm) less the margins (4 cm left, 3 cm right)
PICTURE_MAX_HEIGHT_CM = 20.0
CHARS_PER_TABLE_LINE = 85  # characters of 9.6 pt table text across the 14 cm text width
BREAKABLE_ROW_LINES = 18  # a body row taller than this (about a third of a page) may break across pages
SHORT_WORD = 12  # a word of a text column up to this long is never broken (longer ones take soft hyphens)
SHORT_LIST = 12  # front-matter lists of at most this many entries share a page with the list before


_MONTH_NAMES = "januari februari maret april mei juni juli agustus september oktober november desember"
_MONTHS = {m: i for i, m in enumerate(_MONTH_NAMES.split(), 1)}
_DATE = re.compile(r"(\d{1,2}\s+)?([A-Za-z]+)\s+(\d{4})")
_YEAR = re.compile(r"\b(\d{4})\b")


def report_date(sections: list[Bagian]) -> tuple[int, int, int]:
    """The document date: the signature's date ("31 Januari 2024"; "Januari 2024" is read as the month's
    last day, as ``profil.csv`` records such a date), else 31 December of the footer's year.

    Never the clock, so the PDF does not change from one run to the next.
    """
    for block in walk(sections):
        found = _DATE.search(block.tanggal) if isinstance(block, TandaTangan) else None
        if found and found.group(2).lower() in _MONTHS:
            year, month = int(found.group(3)), _MONTHS[found.group(2).lower()]
            day = int(found.group(1)) if found.group(1) else calendar.monthrange(year, month)[1]  # "Januari 2024"
            return year, month, day
    for s in sections:
        footer_year = _YEAR.search(s.kaki)
        if footer_year:
            return int(footer_year.group(1)), 12, 31
    return 2000, 1, 1


def _title(sections: list[Bagian]) -> str:
    return next((s.kaki for s in sections if s.kaki), "LKjIP")


def _author(data: list[dict[str, Any]]) -> str:
    for s in data:
        for b in s["isi"]:
            if b["jenis"] == "sampul" and b["instansi"]:
                return " ".join(b["instansi"])
    return "LKjIP"


class _Writer:
    """Turns dumped blocks into the template's data: files for pictures, labels for targets."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.count = 0
        self.labels: set[str] = set()
        self.lists: list[dict[str, Any]] = []

    def mark(self, block: dict[str, Any], anchor: str) -> None:
        """Give ``block`` the Typst label ``anchor`` unless an earlier block has it (labels must be unique)."""
        if anchor and anchor not in self.labels:
            self.labels.add(anchor)
            block["tanda"] = anchor

    def picture(self, block: dict[str, Any]) -> None:
        self.count += 1
        svg, data, mime = block.pop("svg"), block.pop("data"), block.pop("mime")
        if svg is not None:
            name = f"gambar/{self.count}.svg"
            raw = svg.encode("utf-8")
        else:
            name = f"gambar/{self.count}.{'png' if mime == 'image/png' else 'jpg'}"
            raw = base64.b64decode(data)
            block["lebar_cm"] = _picture_width(raw)
        (self.root / name).write_bytes(raw)
        block["berkas"] = name

    def block(self, block: dict[str, Any]) -> None:
        kind = block["jenis"]
        if kind in ("tabel", "gambar", "lampiran") and block.get("label"):
            self.mark(block, anchor_of(block["label"]))
        if kind == "gambar":
            self.picture(block)
        elif kind == "sampul":
            block["alamat"] = [cetak(line) for line in block["alamat"]]  # "(0281) 635335" on one line
            if block.get("lambang"):
                self.picture(block["lambang"])
        elif kind in ("paragraf", "subjudul"):
            if kind == "paragraf" and _run_in_heading(block["isi"]):
                block["lekat"] = True  # a bold line standing as a heading: kept with what follows, not hyphenated
            _print_runs(block["isi"], pecah=False)  # running text: searchable, no soft hyphens (lkjip.tipografi)
        elif kind == "tabel":
            for r, row in enumerate([*block["kepala"], *block["baris"], *block["kaki"]]):
                for cell in row:  # a header breaks only between words; a body cell at syllables too
                    _print_runs([run for line in cell["isi"] for run in line], pecah=r >= len(block["kepala"]))
            rows = [*block["kepala"], *block["baris"], *block["kaki"]]
            weights = column_weights(rows, len(block["kolom"]), len(block["kepala"]))
            given = block["lebar"] or []
            block["bobot"] = given if len(given) == len(weights) and all(w > 0 for w in given) else weights
            block["ukur"] = _measured(rows, block["kolom"], len(block["kepala"]), len(block["bobot"]))
            lines = [_row_lines(row, block["bobot"]) for row in rows]
            block["pecah"] = [n > BREAKABLE_ROW_LINES for n in lines[len(block["kepala"]) :]]
            block["utuh"] = sum(lines) <= BREAKABLE_ROW_LINES  # a short table is not split at all
        elif kind == "daftar_isi":
            self.lists.append(block)
        for child in _children(block):
            self.block(child)

    def finish(self) -> None:
        """Entries whose target has a label get a page number; others (none in lkjip's own reports) do not."""
        for block in self.lists:
            for entry in block["entri"]:
                entry["ada"] = entry["anchor"] in self.labels


def _cell_text(cell: dict[str, Any]) -> list[str]:
    return ["".join(run["teks"] for run in line) for line in cell["isi"]]


def _placed(rows: list[list[dict[str, Any]]]) -> list[list[tuple[int, dict[str, Any]]]]:
    """Each row's cells with their first column (:func:`lkjip.document.placement`)."""
    cols = placement([[(c["rowspan"], c["colspan"]) for c in row] for row in rows])
    return [list(zip(cs, row, strict=True)) for cs, row in zip(cols, rows, strict=True)]


def _measured(rows: list[list[dict[str, Any]]], kinds: list[str], head: int, count: int) -> list[Any]:
    """For each column, the texts the template measures to size it.

    A column of figures or labels (``kata`` false) is as wide as the lines of its single-column body and
    footer cells (``sel``, never broken) and the words of its header cells (``kepala``; a header breaks
    between words only). A text column (``kata`` true) shares the rest but is at least as wide as its
    longest short word (``sel``).
    """
    text = [(kinds[c] if c < len(kinds) else "teks") == "teks" for c in range(count)]
    found: list[Any] = [{"sel": [], "kepala": [], "kata": text[c]} for c in range(count)]
    for r, cells in enumerate(_placed(rows)):
        for col, cell in cells:
            if cell["colspan"] != 1 or col >= count:
                continue
            texts = [t.replace("\u00ad", "") for t in _cell_text(cell)]
            if text[col]:  # a text column: at least its longest short word ("Sasaran") unbroken
                found[col]["sel"] += [w for t in texts for w in t.split() if len(w) <= SHORT_WORD]
            elif r < head:
                found[col]["kepala"] += [w for t in texts for w in t.split()]
            else:
                found[col]["sel"] += texts
    return found


def _row_lines(row: list[dict[str, Any]], weights: list[int]) -> int:
    """About how many lines the tallest cell of ``row`` takes, its column's share of the text width."""
    total = sum(weights) or 1
    col, most = 0, 1
    for cell in row:
        share = sum(weights[col : col + cell["colspan"]]) / total
        chars = max(8.0, share * CHARS_PER_TABLE_LINE)
        most = max(most, sum(1 + int(len(t) / chars) for t in _cell_text(cell)))
        col += cell["colspan"]
    return most


def _run_in_heading(runs: list[dict[str, Any]]) -> bool:
    """A short paragraph all in bold without a closing full stop ("2. Kondisi Demografi")."""
    text = "".join(run["teks"] for run in runs).strip()
    return bool(text) and all(run["tebal"] for run in runs) and len(text) <= 150 and not text.endswith(".")


def _print_runs(runs: list[dict[str, Any]], pecah: bool) -> None:
    """Print typography (:func:`lkjip.tipografi.cetak`) for each run but code and links."""
    for run in runs:
        if not run.get("kode") and not run.get("tautan"):
            run["teks"] = cetak(run["teks"], pecah)


def _children(block: dict[str, Any]) -> list[dict[str, Any]]:
    if block["jenis"] == "daftar":
        return [b for item in block["butir"] for b in item]
    if block["jenis"] in ("kutipan", "narasi", "lampiran"):
        return list(block["isi"])
    return []


def column_weights(rows: list[list[dict[str, Any]]], kinds: int, head: int = 0) -> list[int]:
    """Relative column widths from the longest line (60, plus 1 per 20 characters beyond, at most 120) and word of
    each column's single-column cells.

    An approximation of the HTML table's automatic layout (wide text columns, narrow figures),
    used when the model gives no widths (``Tabel.lebar``). Cells are placed as the HTML table
    places them, rowspans occupying the rows below. The first ``head`` rows (the header) count
    by their longest word only: a header wraps, as in the HTML.
    """
    longest: dict[int, int] = {}
    last = 0
    for r, cells in enumerate(_placed(rows)):
        for col, cell in cells:
            last = max(last, col + cell["colspan"])
            lines = ["".join(run["teks"] for run in line) for line in cell["isi"]]
            length = max((len(text) for text in lines), default=0)
            word = max((len(w) for text in lines for w in text.split()), default=0)
            if cell["colspan"] == 1:  # a word is not broken: its column is at least that wide
                body = min(60, length) + max(0, min(60, (length - 60) // 20))  # a long text widens a little more
                longest[col] = max(longest.get(col, 0), 0 if r < head else body, word + 2)
    count = max(last, kinds, 1)
    return [max(4, longest.get(c, 0)) for c in range(count)]


def _picture_width(raw: bytes) -> float:
    """Width in cm of a picture shown at most the text width wide and 20 cm high."""
    from PIL import Image

    with Image.open(io.BytesIO(raw)) as img:
        width, height = img.size
    if not width or not height:
        return TEXT_WIDTH_CM
    return round(min(TEXT_WIDTH_CM, PICTURE_MAX_HEIGHT_CM * width / height), 3)


def document_data(sections: list[Bagian], root: Path) -> dict[str, Any]:
    """The template's data for ``sections``; pictures are written under ``root``/gambar/."""
    (root / "gambar").mkdir(exist_ok=True)
    writer = _Writer(root)
    dumped = [s.model_dump(mode="json") for s in sections if not s.kosong]  # no page for an empty list
    for section in dumped:
        writer.mark(section, section["anchor"])
        for block in section["isi"]:
            writer.block(block)
    writer.finish()
    _share_pages(dumped)
    return {"judul": _title(sections), "penulis": _author(dumped), "tanggal": report_date(sections), "bagian": dumped}


def _share_pages(sections: list[dict[str, Any]]) -> None:
    """A short list of tables, charts, pictures or appendices follows the list before it on its page."""
    previous: dict[str, Any] | None = None
    for section in sections:
        kinds = [b.get("kelompok") for b in section["isi"] if b["jenis"] == "daftar_isi"]
        is_list = section["depan"] and len(kinds) == 1 and kinds[0] != "isi"
        entries = sum(len(b["entri"]) for b in section["isi"] if b["jenis"] == "daftar_isi")
        if is_list and previous is not None and entries <= SHORT_LIST:
            section["sambung"] = True
        previous = section if is_list else None


def pdf_bytes(sections: list[Bagian], notebook: tuple[str, bytes] | None = None) -> bytes:
    """The report ``sections`` as PDF bytes (A4, PDF/A-3b).

    ``notebook`` (file name, bytes): the executed notebook the sections come from, attached to the PDF as
    its source (PDF/A-3 associated file), so the printed report carries its own evidence: the model, the
    parameters and the input hashes (``metadata.lkjip``). Not the manifest, which holds the PDF's own hash.
    """
    import typst

    with tempfile.TemporaryDirectory(prefix="lkjip-typst-") as tmp:
        root = Path(tmp)
        data = document_data(sections, root)
        if notebook is not None:  # named as in the report's folder; the PDF lists it under that name
            name = Path(notebook[0]).stem.replace(".", "_") + ".ipynb"
            (root / name).write_bytes(notebook[1])
            data["notebook"] = {"berkas": name, "mime": NOTEBOOK_MIME}
        (root / "data.json").write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
        shutil.copyfile(TEMPLATE, root / "lkjip.typ")
        try:
            pdf = typst.compile(
                str(root / "lkjip.typ"), root=str(root), ignore_system_fonts=True, pdf_standards=PDF_STANDARDS
            )
        except typst.TypstError as exc:
            raise RenderError(
                f"Typst gagal menyusun PDF laporan: {str(exc)[:500]}. Perbaikan: laporkan kesalahan ini kepada "
                "pengelola lkjip beserta notebook laporannya."
            ) from None
    if not isinstance(pdf, bytes):
        raise RenderError(
            "Typst tidak menghasilkan PDF (keluaran bukan bytes). Perbaikan: periksa versi paket typst "
            "(make .venv/bin/.installed memasang versi yang terkunci di uv.lock), lalu jalankan lagi."
        )
    return pdf
