"""BAB IV Penutup of Ajibarang 2023 (lkjip.outline.lampiran.penutup): the reference's paragraphs, with the figures."""

from __future__ import annotations

from lkjip import document
from lkjip.report import buka


def test_the_penutup_holds_the_reference_paragraphs_and_the_figures():
    lap = buka("ajibarang", 2023)
    text = " ".join("".join(r.teks for r in document.runs(b)) for b in document.walk([lap.bagian("bab4")]))
    assert "Hal ini dilakukan dengan mengidentifikasi secara jelas keluaran (output) dan hasil (outcome)" in text
    assert "LKjIP juga menggambarkan proses yang sudah ditempuh instansi pemerintah" in text
    assert "setiap rupiah anggaran dapat dipertanggungjawabkan" in text
    assert "Rata-rata capaian 6 (enam) indikator kinerja sebesar 100% dengan predikat Sangat Tinggi" in text
    assert text.endswith("bermanfaat bagi peningkatan kinerja di masa yang akan datang.")
    assert text.count("Laporan ini telah kami susun dengan sebaik-baiknya") == 1
