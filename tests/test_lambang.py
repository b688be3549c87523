"""The kabupaten's emblem on the cover: named in kabupaten.csv, checked, printed, an input of every report."""

import io
import shutil
from pathlib import Path

import pandas as pd
import pytest
from pypdf import PdfReader

from lkjip import fingerprint, lambang
from lkjip.document import Sampul
from lkjip.params import Params
from lkjip.report import buka
from lkjip.typst_renderer import pdf_bytes
from lkjip.validate import validate

ROOT = Path(__file__).parents[1]
PNG = ROOT / "tests" / "data" / "piagam.png"


def _name(data: Path, value: str) -> None:
    kab = pd.read_csv(data / "kabupaten.csv", dtype=str, keep_default_na=False)
    kab["lambang"] = value
    kab.to_csv(data / "kabupaten.csv", index=False)


def _problems(data: Path) -> list:
    return [p for p in validate(data, 2023, ["ajibarang"]).problems if p.column == "lambang"]


def test_bundled_data_has_no_emblem_so_the_cover_has_an_empty_frame_and_a_warning():
    [warning] = _problems(ROOT / "data")
    assert not warning.is_error and warning.location.endswith("kabupaten.csv") and warning.row == 2
    assert "bingkai kosong" in warning.message and "kolom lambang" in warning.fix
    lap = buka("ajibarang", 2023)
    [sampul] = lap.bagian("judul").isi
    assert isinstance(sampul, Sampul) and sampul.lambang is None
    assert 'class="lambang kosong"' in lap.bagian("judul")._repr_html_()
    assert sampul.judul == ["LAPORAN KINERJA", "INSTANSI PEMERINTAH", "(LKjIP) TAHUN 2023"]  # balanced lines


def test_an_emblem_in_the_data_folder_is_printed_on_the_cover_and_hashed_as_an_input(data_copy):
    shutil.copy(PNG, data_copy / "lambang_banyumas.png")
    _name(data_copy, "lambang_banyumas.png")
    assert _problems(data_copy) == []
    lap = buka("ajibarang", 2023, data_copy)
    [sampul] = lap.bagian("judul").isi
    assert sampul.lambang is not None and sampul.lambang.mime == "image/png"
    assert sampul.lambang.alt == "Lambang Kabupaten Banyumas"
    assert 'class="lambang" src="data:image/png;base64,' in lap.bagian("judul")._repr_html_()
    page = PdfReader(io.BytesIO(pdf_bytes([lap.bagian("judul").bagian]))).pages[0]
    assert len(page.images) == 1  # the emblem, on the cover
    params = Params(kecamatan="ajibarang", tahun=2023, data_dir=str(data_copy))
    before = fingerprint.inputs(params)
    assert "data_gambar/lambang_banyumas.png" in before
    (data_copy / "lambang_banyumas.png").write_bytes(PNG.read_bytes() + b"\0")  # another file: another hash
    assert fingerprint.inputs(params)["data_gambar/lambang_banyumas.png"] != before["data_gambar/lambang_banyumas.png"]


@pytest.mark.parametrize(
    ("value", "setup", "error", "words"),
    [
        ("tidak_ada.png", None, False, "tidak ada di folder"),
        ("gambar/lambang.png", None, True, "nama folder"),
        ("lambang.pdf", None, True, "bukan gambar"),
        ("rusak.png", b"bukan png", True, "tidak dapat dipakai"),
    ],
)
def test_an_unusable_emblem_is_named_with_its_cell(data_copy, value, setup, error, words):
    if setup is not None:
        (data_copy / value).write_bytes(setup)
    _name(data_copy, value)
    [problem] = _problems(data_copy)
    assert problem.is_error is error and words in problem.message
    assert problem.location.endswith("kabupaten.csv") and problem.row == 2 and problem.value == value
    assert lambang.prepared(data_copy, pd.Series({"lambang": value})) is None  # the cover gets the frame
