"""Front matter of Ajibarang 2023 (lkjip.outline.depan): the Ikhtisar Eksekutif ends as the reference's does."""

from __future__ import annotations

from pathlib import Path

from lkjip import document
from lkjip.report import buka


def _text(lap, kunci: str) -> str:
    return " ".join("".join(r.teks for r in document.runs(b)) for b in document.walk([lap.bagian(kunci)]))


def test_the_ikhtisar_closes_with_the_reference_paragraph_and_the_visi():
    text = _text(buka("ajibarang", 2023), "ikhtisar")
    assert text.endswith(
        "Berbagai kekurangan yang ada tentunya menjadi pemacu untuk lebih bersemangat dalam bekerja dan berusaha demi "
        'terwujudnya visi "Menjadikan Banyumas yang Maju, Adil Makmur dan Mandiri".'
    )
    assert (
        "Akhirnya, semoga LKjIP ini dapat menjadi bahan evaluasi dalam penyelenggaraan pemerintahan di Kecamatan "
        "Ajibarang. Prestasi kinerja yang berhasil diraih merupakan hasil kerja keras seluruh elemen di Kecamatan "
        "Ajibarang"
    ) in text


def test_the_closing_paragraph_is_overridden_on_its_own(data_copy: Path):
    folder = data_copy / "kecamatan" / "ajibarang" / "2023" / "narasi"
    (folder / "ikhtisar_akhir.md").write_text("Semoga laporan ini bermanfaat bagi Kecamatan {{ nama }}.\n")
    lap = buka("ajibarang", 2023, data_copy)
    text = _text(lap, "ikhtisar")
    assert text.endswith("Semoga laporan ini bermanfaat bagi Kecamatan Ajibarang.") and "Akhirnya" not in text
    assert "Hasil pengukuran" in text or "Sangat Tinggi" in text  # the figures paragraph stays
