"""Validation of a kecamatan's own folder: narrative overrides and appendix images."""

from __future__ import annotations

import os
from dataclasses import replace
from pathlib import Path

from lkjip import daftar_lampiran, images, koreksi, narasi_periksa, paths, regular, text
from lkjip.dataset import Dataset
from lkjip.errors import NarrativeError
from lkjip.hasil import hitung
from lkjip.konteks import ANALISIS_PREFIX, PLACEHOLDER_NAMES, PLACEHOLDERS_EXTRA, konteks, narrative_context
from lkjip.load import display_path
from lkjip.problems import WARNING, Problem
from lkjip.validate import ValidationReport


def known_placeholders() -> set[str]:
    """Every placeholder a narrative may use (the keys of :func:`lkjip.konteks.konteks`)."""
    return set(PLACEHOLDER_NAMES) | PLACEHOLDERS_EXTRA


def check(report: ValidationReport, data: str | os.PathLike[str]) -> ValidationReport:
    """``report`` with the folder of each kecamatan whose tables were checked (:func:`check_folder`) checked too.

    ``data`` is the data folder or workbook ``report`` was validated from; the
    folders are ``data/kecamatan/<slug>/<tahun>/``. A kecamatan's folder
    problems follow its table problems, as ``lkjip check`` lists them. Its
    overrides are trial-rendered only when its tables have no error (then the
    real placeholders can be computed).
    """
    problems = report.problems
    merged: list[Problem] = []
    start = 0
    for slug, end in report.ruled:
        merged += problems[start:end]
        start = end
        clean = not any(p.is_error and p.concerns(slug) for p in problems[:end])
        folder = paths.kecamatan_folder(data, slug, report.tahun)
        merged += check_folder(report.dataset, folder, slug, report.tahun, trial=clean)
    merged += problems[start:]
    return replace(report, problems=merged)


def check_folder(ds: Dataset, folder: Path, slug: str, tahun: int, trial: bool = False) -> list[Problem]:
    """Unknown section names, broken templates, unknown placeholders, unusable images (:mod:`lkjip.images`).

    An override's markup is judged as the narrative notebook judges a cell
    (:func:`lkjip.narasi_periksa.markup_found`): a script, an event handler or a
    ``javascript:`` link is an error naming its line, markup the sanitiser only
    strips is a warning. A literal number equal to a current figure is a
    warning naming the placeholder to use (found by the trial render).

    With ``trial`` (the kecamatan's data passed validation), every override that
    passes the static checks is also rendered once with the real placeholders
    (:func:`trial_render`), so a runaway loop or a huge value is reported here,
    naming the file, and not by a notebook that hangs or fails later.
    """
    linked = regular.linked_folders(folder)
    if linked:
        return [
            Problem(
                display_path(p),
                None,
                None,
                None,
                "Folder ini tautan simbolik; isinya tidak dibaca (narasi dan lampiran kecamatan ini diabaikan).",
                "Ganti tautan itu dengan folder biasa berisi salinan berkasnya.",
                kecamatan=slug,
            )
            for p in linked
        ]
    out: list[Problem] = []
    sources: dict[str, tuple[str, str]] = {}
    sasaran = _sasaran_codes(ds, slug, tahun)
    allowed = set(text.section_names()) | {f"{ANALISIS_PREFIX}{k}" for k in sasaran}
    known = known_placeholders()
    files = text.override_files(folder)
    for name, path in files.items():
        where = display_path(path)
        if name not in allowed:
            out.append(
                Problem(
                    where,
                    None,
                    None,
                    name,
                    "Nama bagian narasi tidak dikenal.",
                    "Ganti nama berkas menjadi salah satu dari: " + ", ".join(sorted(allowed)) + ".",
                    kecamatan=slug,
                )
            )
            continue
        try:
            source = text.read_override(path)
        except NarrativeError as exc:
            out.append(Problem(where, None, None, None, exc.message, exc.fix, kecamatan=slug))
            continue
        found = text.override_problems(source, known)
        for message, fix in found:
            out.append(Problem(where, None, None, None, message, fix, kecamatan=slug))
        # the sanitiser would remove both; what looks like an attempt to run code is refused, as in the notebook
        refused, stripped = narasi_periksa.markup_found(source)
        for t in refused:
            out.append(Problem(where, t.line, None, t.text, t.message, t.fix, kecamatan=slug))
        for t in stripped:
            out.append(Problem(where, t.line, None, t.text, t.message, t.fix, WARNING, slug))
        if not found and not refused:
            sources[name] = (where, source)
    if trial and sources:
        out += trial_render(ds, folder, slug, tahun, sources)
    for kode in sorted(sasaran) if not _is_sample(ds, slug, tahun) else []:  # no analyst writes for sample data
        name = f"{ANALISIS_PREFIX}{kode}"
        if name not in files:
            out.append(
                Problem(
                    display_path(folder / "narasi" / f"{name}.md"),
                    None,
                    None,
                    None,
                    f"Faktor penyebab dan strategi untuk tujuan/sasaran {kode} belum diuraikan; "
                    "laporan memakai kalimat baku.",
                    "Tulis uraian penyebab keberhasilan/kegagalan dan strategi di berkas ini (Markdown).",
                    WARNING,
                    slug,
                )
            )
    lampiran = folder / "lampiran"
    if lampiran.is_dir():
        for path in sorted(lampiran.iterdir()):
            image_name = path.suffix.lower() in paths.IMAGE_SUFFIXES
            if not regular.is_regular(path):
                if image_name or path.is_symlink():  # a link or FIFO is never followed nor opened: say so
                    try:
                        regular.check(path)
                    except regular.NotRegular as exc:
                        error = images.not_regular(exc)
                        out.append(
                            Problem(display_path(path), None, None, path.name, error.message, error.fix, kecamatan=slug)
                        )
                    except OSError:
                        pass  # removed while we looked
                continue  # a sub-folder of lampiran/ is not an appendix
            if not image_name:
                out.append(
                    Problem(
                        display_path(path),
                        None,
                        None,
                        path.suffix,
                        "Berkas lampiran bukan gambar; diabaikan.",
                        "Gunakan gambar PNG atau JPEG.",
                        WARNING,
                        slug,
                    )
                )
                continue
            problem = images.check(path)  # decoded once here, so a broken image stops the report early
            if problem is not None:
                where = display_path(path)
                out.append(Problem(where, None, None, path.name, problem.message, problem.fix, kecamatan=slug))
    out += daftar_lampiran.documents(folder, slug)[1]  # lampiran.csv: missing and unlisted documents
    out += koreksi.read(folder, slug)[1]
    return out


def trial_render(
    ds: Dataset, folder: Path, slug: str, tahun: int, sources: dict[str, tuple[str, str]]
) -> list[Problem]:
    """Render each override (name -> (location, text)) once, as the report will, within the narrative limits.

    The placeholders are the real ones: :func:`lkjip.konteks.konteks` needs only
    the report's figures (:func:`lkjip.hasil.hitung`), which take a few
    hundredths of a second, so no dummy values are needed. Call only when the
    kecamatan's data has no errors.
    """
    data = ds.slice(slug, tahun)
    h = hitung(data)
    ctx = konteks(data, h, folder)
    out = []
    for name, (where, source) in sources.items():
        section = narrative_context(data, h, ctx, name)
        try:
            text.render(source, section, where)
        except NarrativeError as exc:
            out.append(Problem(where, None, None, None, exc.message, exc.fix, kecamatan=slug))
            continue
        for t in narasi_periksa.literal_numbers_found(source, section):  # a figure written out no longer follows
            out.append(Problem(where, t.line, None, t.text, t.message, t.fix, WARNING, slug))
    return out


def _is_sample(ds: Dataset, slug: str, tahun: int) -> bool:
    profil = ds.rows("profil", slug, tahun)
    return bool(len(profil)) and bool(profil["data_contoh"].iloc[0])


def _sasaran_codes(ds: Dataset, slug: str, tahun: int) -> set[str]:
    ren = ds.renstra_for(slug, tahun)
    if len(ren) != 1:
        return set()
    return set(ds.rows("sasaran", slug, periode_awal=int(ren.iloc[0]["periode_awal"]))["kode"])
