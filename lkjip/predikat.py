"""The predikat scale (Permendagri 86/2017) and its configurable bands.

Permendagri 86/2017 writes the bands as 91-100, 76-90, 66-75, 51-65 and
<= 50, which leaves gaps (90,5 falls in none). lkjip closes them with open
lower bounds: a capaian **greater than** 90 is Sangat Tinggi, greater than 75
Tinggi, greater than 65 Sedang, greater than 50 Rendah, anything else Sangat
Rendah. So 90 is Tinggi, 90,01 and 90,5 are Sangat Tinggi, and above 100
stays Sangat Tinggi. The capaian is compared as the report shows it (rounded
half-up to two decimals), so the predikat printed beside a figure always
agrees with that figure.

The bands come from ``data/skala_predikat.csv``; a region that labels them
Sangat Baik ... Sangat Kurang, or draws them elsewhere, edits that file.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import pandas as pd

from lkjip.rounding import shown


@dataclass(frozen=True)
class Band:
    predikat: str
    above: float | None  # exclusive lower bound; None for the lowest band
    text: str


@dataclass(frozen=True)
class PredikatScale:
    """Bands from the highest down; the last one has no lower bound."""

    bands: tuple[Band, ...]

    @classmethod
    def from_frame(cls, frame: pd.DataFrame) -> PredikatScale:
        """From a validated ``skala_predikat`` table."""
        rows = frame.sort_values("urutan")
        return cls(
            tuple(
                Band(r.predikat, None if pd.isna(r.lebih_dari) else float(r.lebih_dari), r.teks_skala)
                for r in rows.itertuples()
            )
        )

    @property
    def labels(self) -> list[str]:
        return [b.predikat for b in self.bands]

    def predikat(self, capaian: float) -> str:
        """The predikat of a % capaian; NaN gives an empty string."""
        if capaian is None or math.isnan(capaian):
            return ""
        value = shown(capaian)
        for band in self.bands:
            if band.above is None or value > band.above:
                return band.predikat
        return self.bands[-1].predikat


PERMENDAGRI_86_2017 = PredikatScale(
    (
        Band("Sangat Tinggi", 90, "91% ≤ 100%"),
        Band("Tinggi", 75, "76% ≤ 90%"),
        Band("Sedang", 65, "66% ≤ 75%"),
        Band("Rendah", 50, "51% ≤ 65%"),
        Band("Sangat Rendah", None, "≤ 50%"),
    )
)
"""The default scale, the same as the bundled ``data/skala_predikat.csv``."""
