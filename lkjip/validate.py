"""Validation: schema first, then domain and cross-table rules, all problems at once.

A problem belongs to the kecamatan whose row it is; a row of no known
kecamatan is a problem of its own; a shared table (registry, kabupaten,
regulations, tugas and fungsi, predikat scale) or an unreadable file concerns everyone. See
:mod:`lkjip.problems` for the three scopes.

Only the tables are validated here. A kecamatan's own folder (narrative
overrides, appendix images) is checked in a step of its own,
:func:`lkjip.overrides.check`; :func:`lkjip.checks.check` runs both, and is
what every caller uses.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pandas as pd

from lkjip import lambang
from lkjip import problems as pr
from lkjip.dataset import Dataset, KecamatanData
from lkjip.errors import DataValidationError
from lkjip.load import RawTable, read_tables
from lkjip.numeric import Kind, NumberError, read_number
from lkjip.parse import KindOf, closest, parse_table, static_kinds
from lkjip.problems import SHARED, Problem
from lkjip.rules import (
    PER_KECAMATAN,
    check_kabupaten,
    check_registry,
    check_regulasi,
    check_skala,
    check_tugas_fungsi,
)
from lkjip.schema import TABLES, kind_of_satuan

SHARED_TABLES = ("kecamatan", "kabupaten", "regulasi", "tugas_fungsi", "skala_predikat")
ORDER = ("kecamatan", "skala_predikat", "organisasi", "renstra", "indikator")
"""Parsed first: the registry decides whose a row is; Renstra and indikator decide how targets read."""


@dataclass(frozen=True)
class ValidationReport:
    """Everything validation found for one year, plus the typed data."""

    dataset: Dataset
    tahun: int
    problems: list[Problem]
    kecamatan: list[str]
    """The kecamatan checked: those with data for the year (limited to the ones asked for)."""
    available: list[str]
    """Every registered kecamatan with data for the year (:func:`with_data`), whatever was asked for."""
    ruled: tuple[tuple[str, int], ...] = ()
    """The kecamatan whose cross-table rules ran, in order, each with ``len(problems)`` right after them.

    A kecamatan's own folder (narrative overrides, images) is checked in a
    step of its own, :func:`lkjip.overrides.check`, whose problems go at that
    position, so that ``lkjip check`` lists each kecamatan's problems together.
    """

    @property
    def errors(self) -> list[Problem]:
        return pr.errors(self.problems)

    @property
    def warnings(self) -> list[Problem]:
        return pr.warnings(self.problems)

    @property
    def shared_errors(self) -> list[Problem]:
        """Errors that stop every kecamatan (a shared table, an unreadable file)."""
        return pr.errors(pr.shared(self.problems))

    @property
    def unassigned(self) -> list[Problem]:
        """Problems of rows of no known kecamatan: reported once, they stop no report."""
        return pr.unassigned(self.problems)

    def problems_for(self, slug: str) -> list[Problem]:
        return pr.for_kecamatan(self.problems, slug)

    def data_for(self, slug: str) -> tuple[KecamatanData, list[Problem]]:
        """The slice of ``slug`` and its warnings; raises if it has errors."""
        mine = self.problems_for(slug)
        if slug not in self.kecamatan and not pr.errors(mine):
            mine = [*mine, _no_data(self.dataset, slug, self.tahun, self.kecamatan)]
        if pr.errors(mine):
            raise DataValidationError(pr.errors(mine), slug)
        return self.dataset.slice(slug, self.tahun), pr.warnings(mine)


def _no_data(ds: Dataset, slug: str, tahun: int, have: list[str]) -> Problem:
    registry = list(ds.frames["kecamatan"]["slug"])
    if slug not in registry:
        close = closest(slug, registry)
        hint = f"Mungkin maksudnya '{close}'. " if close else ""
        return Problem(
            ds.locations["kecamatan"],
            None,
            "slug",
            slug,
            "Kecamatan ini tidak terdaftar.",
            f"{hint}Gunakan slug dari kecamatan.csv (huruf kecil, tanda hubung), mis. 'ajibarang'.",
            kecamatan=slug,
        )
    return Problem(
        ds.locations["profil"],
        None,
        "kecamatan",
        slug,
        f"Tidak ada data kecamatan ini untuk tahun {tahun}.",
        "Tambahkan datanya (profil, pegawai, target, realisasi, program, ...) untuk tahun ini"
        + (f"; kecamatan yang punya data: {', '.join(have[:5])}{' ...' if len(have) > 5 else ''}." if have else "."),
        kecamatan=slug,
    )


def _only(raw: dict[str, RawTable], wanted: set[str], registry: set[str]) -> dict[str, RawTable]:
    """The rows of ``wanted`` (plus rows of no known kecamatan, which are reported on their own)."""
    out = {}
    for name, table in raw.items():
        frame = table.frame
        if "kecamatan" in frame.columns:
            slug = frame["kecamatan"]
            frame = frame[slug.isin(wanted) | ~slug.isin(registry)]
        out[name] = RawTable(name, frame, table.location)
    return out


def _year(cell: Any) -> int | None:
    try:
        return int(read_number(cell, Kind.YEAR))
    except NumberError:
        return None


def _registered(valid: pd.DataFrame, raw: RawTable) -> list[str]:
    """Slugs of the registry, in its order: the valid rows, and the rows refused for another column.

    A registry row with, say, a name that is too long is an error that holds
    every report back; its slug still names that kecamatan, so its data rows
    are not reported again one by one as "not registered", and ``-k`` finds it.
    """
    good = {str(s) for s in valid["slug"]}
    shaped = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
    typed = [str(s).strip() for s in raw.frame.get("slug", []) if isinstance(s, str)]
    return list(dict.fromkeys(s for s in typed if s in good or shaped.match(s)))


CARRIED_OVER = ("realisasi",)
"""Tables whose rows of a year also serve the next year's report (its "tahun lalu" column).

The bundled data holds realisasi 2022 for the 2023 reports; those rows alone
do not make 2022 a year to report on.
"""


def with_data(raw: dict[str, RawTable]) -> set[tuple[str, int]]:
    """The one definition of "kecamatan with data for a year": its (slug, tahun) pairs.

    A kecamatan has data for a year when any of its own per-year tables has a
    row of that year: not the shared tables (registry, kabupaten, regulations,
    predikat scale), not the organisation (it has no year), not the Renstra
    tables (periods, not years), and not :data:`CARRIED_OVER`. A kecamatan with some of its tables filled in is
    therefore checked and reported on (and its missing tables named), never
    skipped; rows of no year (e.g. realisasi of last year only) make no report.
    Validation, ``lkjip check``, the batch plan and the "years with data" of
    messages all use this function (:func:`slugs_in_year`, :func:`years_with_data`).
    """
    found: set[tuple[str, int]] = set()
    for name, table in raw.items():
        f = table.frame
        if name in SHARED_TABLES or name in CARRIED_OVER or "tahun" not in f.columns or "kecamatan" not in f.columns:
            continue
        for slug, year in zip(f["kecamatan"], f["tahun"].map(_year), strict=True):
            if isinstance(slug, str) and year is not None:
                found.add((slug, year))
    return found


def slugs_in_year(pairs: set[tuple[str, int]], tahun: int, registry: list[str]) -> list[str]:
    """Registered slugs with data for ``tahun``, in registry order; ``pairs`` is :func:`with_data`'s answer."""
    found = {slug for slug, year in pairs if year == tahun}
    return [s for s in registry if s in found]


def years_with_data(pairs: set[tuple[str, int]], registry: list[str]) -> list[int]:
    """The years in which some registered kecamatan has data; ``pairs`` is :func:`with_data`'s answer."""
    known = set(registry)
    return sorted({year for slug, year in pairs if slug in known})


def _satuan_kinds(ds_frames: dict[str, pd.DataFrame], table: str) -> KindOf:
    """Kinds of target/realisasi cells from their indicator's satuan in the Renstra covering the year."""
    static = static_kinds(table)
    ind = ds_frames["indikator"]
    ren = ds_frames["renstra"]
    satuan = {(r.kecamatan, r.periode_awal, r.kode): r.satuan for r in ind.itertuples()}
    periods: dict[str, list[tuple[int, int]]] = {}
    for r in ren.itertuples():
        periods.setdefault(r.kecamatan, []).append((r.periode_awal, r.periode_akhir))

    def kind(column: str, cells: dict[str, Any]) -> Kind | None:
        if column not in TABLES[table].by_satuan:
            return static(column, cells)
        slug, code, year = cells.get("kecamatan"), cells.get("indikator"), _year(cells.get("tahun"))
        if year is None:
            return Kind.DECIMAL
        for awal, akhir in periods.get(str(slug), []):
            if awal - 1 <= year <= akhir and (slug, awal, code) in satuan:
                return kind_of_satuan(satuan[(slug, awal, code)])
        return Kind.DECIMAL

    return kind


def _indikator_kinds(column: str, cells: dict[str, Any]) -> Kind | None:
    if column in ("target_akhir_renstra", "standar_nasional"):
        s = cells.get("satuan")
        return kind_of_satuan(s if isinstance(s, str) else None)
    return static_kinds("indikator")(column, cells)


def validate(
    data: str | os.PathLike[str], tahun: int, kecamatan: list[str] | None = None, match: bool = False
) -> ValidationReport:
    """Load and validate ``data`` for ``tahun``; never raises on bad content.

    ``kecamatan`` limits validation to the rows of those slugs (plus the
    shared tables and rows of no known kecamatan); by default every row of
    every kecamatan is checked. A year without any data is an error.

    With ``match``, ``kecamatan`` is what the analyst typed: it is matched
    against the registry as ``report`` and ``batch`` match it
    (:func:`lkjip.slugs.match_slugs`: case-insensitive; an unknown name, with
    the nearest slug as a hint, or one without data for the year raises
    :class:`~lkjip.errors.ParameterError`). A broken registry or a year without
    any data is reported as usual instead.
    """
    raw, found = read_tables(data)
    frames: dict[str, pd.DataFrame] = {}
    locations = {name: t.location for name, t in raw.items()}

    def parse(name: str, table: RawTable, kinds: KindOf | None = None, registry: set[str] | None = None) -> None:
        frame, issues = parse_table(table, kinds, registry)
        frames[name] = frame
        found.extend(issues)

    parse("kecamatan", raw["kecamatan"])
    registry_list = _registered(frames["kecamatan"], raw["kecamatan"])
    registry = set(registry_list) if registry_list else None
    pairs = with_data(raw)  # of every kecamatan, before the tables are narrowed to the ones asked for
    slugs = available = slugs_in_year(pairs, tahun, registry_list)
    if kecamatan is not None and match and registry_list and available:
        from lkjip.slugs import match_slugs

        kecamatan = match_slugs(kecamatan, [str(s) for s in registry_list], available, tahun)
    if kecamatan is not None:
        raw = _only(raw, set(kecamatan), registry or set())
    kinds: dict[str, Callable[[str, dict[str, Any]], Kind | None]] = {"indikator": _indikator_kinds}
    for name in ORDER[1:]:
        parse(name, raw[name], kinds.get(name), registry)
    for name in ("target", "realisasi"):
        kinds[name] = _satuan_kinds(frames, name)
    for name, table in raw.items():
        if name not in frames:
            parse(name, table, kinds.get(name), registry)
    ds = Dataset(frames, locations)
    found += check_registry(ds) + check_kabupaten(ds, len(registry_list)) + check_regulasi(ds) + check_skala(ds)
    found += check_tugas_fungsi(ds) + lambang.check(data, ds)
    if kecamatan is not None:
        slugs = [s for s in slugs if s in kecamatan]
    if not available and registry is not None:
        found.append(_empty_year(ds, tahun, years_with_data(pairs, registry_list)))
    ruled: list[tuple[str, int]] = []
    for slug in slugs:
        if any(p.is_error and p.kecamatan == slug and p.reach != pr.ROW_SCOPE for p in found):
            continue  # typed rows are incomplete: cross-table rules would only echo the schema errors
        for rule in PER_KECAMATAN:
            found += rule(ds, slug, tahun)
        ruled.append((slug, len(found)))
    for slug in kecamatan or []:
        if slug not in slugs:
            found.append(_no_data(ds, slug, tahun, slugs))
    return ValidationReport(ds, tahun, found, slugs, available, tuple(ruled))


def _empty_year(ds: Dataset, tahun: int, years: list[int]) -> Problem:
    have = ", ".join(map(str, years)) or "(tidak ada)"
    return Problem(
        ds.locations["profil"],
        None,
        "tahun",
        str(tahun),
        f"Tidak ada data kecamatan mana pun untuk tahun {tahun}; tidak ada yang diperiksa.",
        f"Periksa opsi --tahun; tahun yang ada datanya: {have}.",
        scope=SHARED,
    )
