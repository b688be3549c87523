"""Editing one narrative section from a notebook cell: its current text, the checks, the save and the preview.

The one source of truth of a section's text is its override file
``<data>/kecamatan/<slug>/<tahun>/narasi/<name>.md`` (or, without one, the
default template). The narrative notebook (:mod:`lkjip.narasi_notebook`) is an
editor of those files: its cells (:mod:`lkjip.narasi_magic`) call
:func:`simpan`, which checks the text as ``lkjip check`` checks a file
(:func:`lkjip.text.override_problems`, :func:`lkjip.narasi_periksa.markup`, a
trial rendering with the real placeholders), refuses a final report
(:func:`lkjip.final.refuse_if_final`), writes the file atomically only when the
text differs from what the cell was prefilled with (:func:`asal`), and shows
the section as the report shows it: :func:`lkjip.report.buka` builds the
report again and its section's HTML is the report's own (no second renderer).
"""

from __future__ import annotations

import hashlib
import html
import os
import re
from dataclasses import dataclass, field
from pathlib import Path

from lkjip import final, markdown, narasi_periksa, publish, text
from lkjip.document import Blok, Narasi
from lkjip.errors import FinalError, LkjipError, NarrativeError
from lkjip.html_renderer import Tampil
from lkjip.konteks import ANALISIS_PREFIX, konteks, narrative_context
from lkjip.overrides import known_placeholders
from lkjip.report import Laporan, buka

HASH_CHARS = 12
_COMMENT = re.compile(r"\{#.*?#\}", re.S)


def normal(source: str) -> str:
    """A section's text as it is saved and hashed: Unix line ends, no leading or trailing blank lines."""
    return source.replace("\r\n", "\n").strip("\n") + "\n"


def asal(source: str) -> str:
    """The first :data:`HASH_CHARS` hex digits of the sha256 of :func:`normal` ``source`` (the ``--asal`` of a cell)."""
    return hashlib.sha256(normal(source).encode()).hexdigest()[:HASH_CHARS]


def default_source(name: str) -> str:
    """The default template of section ``name`` (one shared template for every ``analisis_<kode>``)."""
    return text.default_template("_analisis_sasaran" if name.startswith(ANALISIS_PREFIX) else name)


@dataclass(frozen=True)
class Bagian:
    """One narrative section of a report as the notebook offers it."""

    nama: str  # "penutup", "analisis_T1"
    kunci: str  # the report section that holds it: "bab4"
    judul: str
    diganti: bool  # an override file exists
    teks: str  # the current text: the override's, else the default template's source
    bawaan: str  # the default template's source

    @property
    def dihasilkan(self) -> bool:
        """Generated from the figures (a default with conditions or loops): read-only until taken over."""
        return not self.diganti and not self.nama.startswith(ANALISIS_PREFIX) and "{%" in _COMMENT.sub("", self.bawaan)


def _narasi(blocks: list[Blok]) -> list[Narasi]:
    found: list[Narasi] = []
    for b in blocks:
        if isinstance(b, Narasi):
            found.append(b)
        elif isinstance(inner := getattr(b, "isi", None), list):
            found += _narasi([x for x in inner if not isinstance(x, list)])
    return found


def sections(lap: Laporan) -> list[Bagian]:
    """The narrative sections of the report, in report order (each once, where it is first printed)."""
    files = text.override_files(lap.folder) if lap.folder else {}
    out: list[Bagian] = []
    seen: set[str] = set()
    for bagian in lap.dokumen.bagian:
        for n in _narasi(bagian.isi):
            if n.nama in seen:
                continue
            seen.add(n.nama)
            bawaan = default_source(n.nama)
            current = text.read_override(files[n.nama]) if n.nama in files else bawaan
            out.append(Bagian(n.nama, bagian.kunci, bagian.judul, n.nama in files, current, bawaan))
    return out


def context(lap: Laporan, name: str) -> dict[str, object]:
    """The placeholders of section ``name`` with their current values, as the report renders it."""
    return narrative_context(lap.data, lap.hasil, konteks(lap.data, lap.hasil, lap.folder), name)


def override_path(folder: Path, name: str) -> Path:
    return folder / "narasi" / f"{name}.md"


Found = tuple[str, str]


@dataclass
class Hasil:
    """What running a section's cell did: its messages and the preview (shown as the cell's output)."""

    nama: str
    galat: list[Found] = field(default_factory=list)
    peringatan: list[Found] = field(default_factory=list)
    info: list[str] = field(default_factory=list)
    disimpan: bool = False
    dihapus: bool = False
    pratinjau: Tampil | None = None

    def _repr_html_(self) -> str:
        parts = [_box("#b00020", f"Galat, tidak disimpan: {m}", f) for m, f in self.galat] + [
            _box("#8a6d00", f"Peringatan: {m}", f) for m, f in self.peringatan
        ]
        parts += [f'<p class="lkjip-narasi-info"><em>{html.escape(i)}</em></p>' for i in self.info]
        if self.pratinjau is not None:
            parts.append(self.pratinjau._repr_html_())
        return "\n".join(parts)

    def __repr__(self) -> str:
        lines = [f"Galat: {m} Perbaikan: {f}" for m, f in self.galat]
        lines += [f"Peringatan: {m} Saran: {f}" for m, f in self.peringatan] + self.info
        return "\n".join(lines) or f"narasi {self.nama}"


def _box(colour: str, message: str, fix: str) -> str:
    return (
        f'<div style="border-left:4px solid {colour};padding:4px 8px;margin:4px 0">'
        f"<strong>{html.escape(message)}</strong><br>Perbaikan: {html.escape(fix)}</div>"
    )


def _preview(lap: Laporan, name: str) -> Tampil | None:
    for b in sections(lap):
        if b.nama == name:
            return lap.bagian(b.kunci)
    return None


def _open(slug: str, tahun: int, data_dir: str | os.PathLike[str], result: Hasil) -> Laporan | None:
    try:
        return buka(slug, tahun, data_dir)
    except LkjipError as exc:
        result.galat.append((str(exc), "Perbaiki data atau berkas narasi yang disebut, lalu jalankan sel ini lagi."))
        return None


def check(lap: Laporan, name: str, source: str) -> tuple[list[Found], list[Found]]:
    """(errors, warnings) of ``source`` as the text of section ``name`` of ``lap``'s report."""
    errors = list(text.override_problems(source, known_placeholders()))
    markup_errors, warnings = narasi_periksa.markup(source)
    errors += markup_errors
    if errors:
        return errors, warnings
    ctx = context(lap, name)
    where = f"sel %%narasi {name}"
    try:
        markdown.blocks(text.render(source, ctx, where), where)
    except NarrativeError as exc:
        return [(exc.message, exc.fix)], warnings
    return errors, warnings + narasi_periksa.literal_numbers(source, ctx)


def simpan(
    slug: str,
    tahun: int,
    data_dir: str | os.PathLike[str],
    output_dir: str | os.PathLike[str],
    name: str,
    source: str,
    prefilled: str | None,
) -> Hasil:
    """Run a section's cell: check ``source``, save it when it differs from the prefill hash, preview the section.

    ``prefilled`` is the cell's ``--asal`` (:func:`asal` of the text it was prefilled with); None means the
    cell has no hash, and any text different from the saved one is an edit.
    """
    result = Hasil(name)
    lap = _open(slug, tahun, data_dir, result)
    if lap is None:
        return result
    names = [b.nama for b in sections(lap)]
    if name not in names:
        result.galat.append(
            (f"Bagian narasi {name} tidak ada di laporan ini.", "Gunakan salah satu dari: " + ", ".join(names) + ".")
        )
        return result
    source = normal(source)
    errors, warnings = check(lap, name, source)
    result.galat, result.peringatan = errors, warnings
    if errors:
        result.info.append("Teks yang tersimpan sebelumnya tetap dipakai; pratinjau di bawah memakainya.")
        result.pratinjau = _preview(lap, name)
        return result
    assert lap.folder is not None
    path = override_path(lap.folder, name)
    saved = normal(text.read_override(path)) if path.is_file() else None
    if prefilled is not None and asal(source) == prefilled:
        result.info.append("Teks belum diubah; tidak ada yang disimpan.")
    elif saved == source:
        result.info.append(f"Teks ini sudah tersimpan di {path.name}.")
    else:
        try:
            final.refuse_if_final(output_dir, tahun, slug)
        except FinalError as exc:
            result.galat.append(
                (
                    str(exc),
                    f"Buka dulu laporannya dengan lkjip buka-final --kecamatan {slug} "
                    f'--tahun {tahun} --alasan "...", lalu jalankan sel ini lagi.',
                )
            )
            result.pratinjau = _preview(lap, name)
            return result
        path.parent.mkdir(parents=True, exist_ok=True)
        publish.write_file(path, source.encode("utf-8"), f"narasi {name}")
        result.disimpan = True
        result.info.append(f"Disimpan ke {path.parent.name}/{path.name}; laporan berikutnya memakainya.")
        lap = _open(slug, tahun, data_dir, result)
    result.pratinjau = _preview(lap, name) if lap else None
    return result


def kembalikan(
    slug: str, tahun: int, data_dir: str | os.PathLike[str], output_dir: str | os.PathLike[str], name: str, ya: bool
) -> Hasil:
    """Return section ``name`` to the generated text: delete its override file (with ``ya``; else say what would go)."""
    result = Hasil(name)
    lap = _open(slug, tahun, data_dir, result)
    if lap is None or lap.folder is None:
        return result
    path = override_path(lap.folder, name)
    if not path.is_file():
        result.info.append(f"Bagian {name} tidak diganti; teksnya sudah mengikuti templat baku.")
    elif not ya:
        result.info.append(
            f"Berkas narasi/{path.name} akan dihapus dan bagian {name} kembali ke teks baku. "
            f"Untuk melanjutkan, jalankan: %narasi_kembalikan {name} --ya"
        )
    else:
        try:
            final.refuse_if_final(output_dir, tahun, slug)
        except FinalError as exc:
            result.galat.append((str(exc), f"Buka dulu dengan lkjip buka-final --kecamatan {slug} --tahun {tahun}."))
            return result
        path.unlink()
        result.dihapus = True
        result.info.append(f"Berkas narasi/{path.name} dihapus; bagian {name} kembali ke teks baku.")
        lap = _open(slug, tahun, data_dir, result)
    result.pratinjau = _preview(lap, name) if lap else None
    return result
