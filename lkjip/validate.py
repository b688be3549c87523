"""Validation: schema first, then domain and cross-table rules, all problems at once."""

from __future__ import annotations

import os
from dataclasses import dataclass

from lkjip import problems as pr
from lkjip.dataset import Dataset, KecamatanData
from lkjip.errors import DataValidationError
from lkjip.load import RawTable, read_tables
from lkjip.overrides import check_folder
from lkjip.parse import parse_table
from lkjip.paths import kecamatan_folder
from lkjip.problems import Problem
from lkjip.rules import PER_KECAMATAN, check_organisasi, check_registry, check_skala


@dataclass(frozen=True)
class ValidationReport:
    """Everything validation found for one year, plus the typed data."""

    dataset: Dataset
    tahun: int
    problems: list[Problem]
    kecamatan: list[str]

    @property
    def errors(self) -> list[Problem]:
        return pr.errors(self.problems)

    @property
    def warnings(self) -> list[Problem]:
        return pr.warnings(self.problems)

    def problems_for(self, slug: str) -> list[Problem]:
        return pr.for_kecamatan(self.problems, slug)

    def data_for(self, slug: str) -> tuple[KecamatanData, list[Problem]]:
        """The slice of ``slug`` and its warnings; raises if it has errors."""
        if slug not in self.kecamatan:
            raise DataValidationError(
                [
                    Problem(
                        self.dataset.locations["profil"],
                        None,
                        "kecamatan",
                        slug,
                        f"Tidak ada data kecamatan ini untuk tahun {self.tahun}.",
                        "Periksa ejaan slug (lihat kecamatan.csv) atau tambahkan datanya.",
                        kecamatan=slug,
                    )
                ],
                slug,
            )
        mine = self.problems_for(slug)
        if pr.errors(mine):
            raise DataValidationError(pr.errors(mine), slug)
        return self.dataset.slice(slug, self.tahun), pr.warnings(mine)


def _only(raw: dict[str, RawTable], wanted: set[str]) -> dict[str, RawTable]:
    registry = set(raw["kecamatan"].frame.get("slug", []))
    out = {}
    for name, table in raw.items():
        frame = table.frame
        if "kecamatan" in frame.columns:
            slug = frame["kecamatan"]
            frame = frame[slug.isin(wanted) | ~slug.isin(registry)]
        out[name] = RawTable(name, frame, table.location)
    return out


def validate(data: str | os.PathLike[str], tahun: int, kecamatan: list[str] | None = None) -> ValidationReport:
    """Load and validate ``data`` for ``tahun``; never raises on bad content.

    ``kecamatan`` limits validation to the rows of those slugs (plus the shared
    tables, and rows whose slug is not in the registry, which may be a typo of
    one of them); by default every row of every kecamatan is checked.
    """
    raw, found = read_tables(data)
    if kecamatan is not None:
        raw = _only(raw, set(kecamatan))
    frames, locations = {}, {}
    for name, table in raw.items():
        frame, issues = parse_table(table)
        frames[name], locations[name] = frame, table.location
        found += issues
    ds = Dataset(frames, locations)
    found += check_registry(ds) + check_skala(ds) + check_organisasi(ds)
    slugs = ds.kecamatan_in_year(tahun)
    if kecamatan is not None:
        slugs = [s for s in slugs if s in kecamatan]
    for slug in slugs:
        if any(p.is_error and p.kecamatan == slug for p in found):
            continue  # typed rows are incomplete: cross-table rules would only echo the schema errors
        for rule in PER_KECAMATAN:
            found += rule(ds, slug, tahun)
        found += check_folder(ds, kecamatan_folder(data, slug, tahun), slug, tahun)
    return ValidationReport(ds, tahun, found, slugs)
