"""The CLI: Indonesian messages, exit codes, params files."""

import pytest
from typer.testing import CliRunner

from lkjip.cli import app
from lkjip.params import Params, dump, read
from tests.conftest import set_cell

runner = CliRunner()


def test_check_clean_data_exits_zero():
    r = runner.invoke(app, ["check", "--tahun", "2023"])
    assert r.exit_code == 0, r.output
    assert "Data bersih" in r.output and "ajibarang" in r.output


def test_check_bad_data_exits_nonzero_and_lists_every_problem(data_copy, edit):
    edit("target", set_cell(2, "target", "0"))
    edit("program", set_cell(3, "anggaran", "-1"))
    r = runner.invoke(app, ["check", "--tahun", "2023", "--data", str(data_copy)])
    assert r.exit_code == 1
    assert "target.csv, baris 2, kolom 'target'" in r.output
    assert "program.csv, baris 3, kolom 'anggaran'" in r.output
    assert "2 kesalahan" in r.output


def test_report_on_bad_data_exits_one_and_writes_nothing(tmp_path, data_copy, edit):
    edit("target", set_cell(2, "target", "0"))
    out = tmp_path / "out"
    r = runner.invoke(app, ["report", "-k", "ajibarang", "-t", "2023", "--data", str(data_copy), "--output", str(out)])
    assert r.exit_code == 1
    assert "tidak dibuat" in r.output
    assert not out.exists() or not any(out.rglob("*.html"))


def test_params_file_round_trip(tmp_path):
    p = Params("ajibarang", 2023)
    f = tmp_path / "p.yaml"
    f.write_text(dump(p))
    assert read(f) == p
    assert "kecamatan: ajibarang" in f.read_text()


def test_params_unknown_key_is_refused(tmp_path):
    import pytest

    from lkjip.errors import ParameterError

    f = tmp_path / "p.yaml"
    f.write_text("kecamatan: ajibarang\ntahun: 2023\nkecamatn: x\n")
    with pytest.raises(ParameterError, match="kecamatn"):
        read(f)


def test_bundled_params_files_are_current():
    from tests.conftest import ROOT

    files = sorted((ROOT / "params" / "2023").glob("*.yaml"))
    assert len(files) == 27
    for f in files:
        assert read(f) == Params(f.stem, 2023), f.name  # relative data/ and output/, nothing machine-specific


def _main(capsys, *args: str) -> tuple[int, str]:
    from lkjip.cli import main

    code = main(list(args))
    cap = capsys.readouterr()
    return code, cap.out + cap.err


@pytest.mark.parametrize("typed", [["-j", "-1"], ["-j", "0"], ["--jobs=-3"], ["--jobs", "0"]])
def test_batch_jobs_below_one_is_a_usage_error_in_indonesian(capsys, tmp_path, typed):
    code, out = _main(capsys, "batch", "-t", "2023", "--output", str(tmp_path / "out"), *typed)
    value = typed[-1].split("=")[-1]
    assert code == 2, out
    assert f"Nilai '{value}' untuk --jobs/-j di luar rentang yang diizinkan (paling kecil 1)." in out
    assert "Perbaikan: tulis bilangan bulat paling kecil 1, mis. -j 2" in out
    assert "Galat tak terduga" not in out and "KeyError" not in out and "Input should" not in out
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["version", "lebih"], "Argumen berlebih: lebih."),
        (["workbook", "a.xlsx", "b.xlsx", "--data", "data"], "Argumen berlebih: b.xlsx."),
        (["laporan"], "Perintah tidak dikenal: 'laporan'."),
        (["chek"], "Mungkin maksudnya 'check'."),
        (["check", "-t"], "Opsi -t memerlukan nilai."),
        (["batch", "-t", "2023", "--force=ya"], "Opsi --force tidak menerima nilai."),
        (["check", "-t", "dua"], "Nilai 'dua' untuk --tahun/-t bukan bilangan bulat. Perbaikan: tulis bilangan bulat"),
    ],
)
def test_usage_errors_are_told_from_the_error_and_the_command_line(capsys, args, words):
    """What went wrong is read from the error's class, parameter and context, never from click's English text."""
    code, out = _main(capsys, *args)
    assert code == 2 and words in out, out


def test_batch_run_refuses_jobs_below_one_before_anything_runs(tmp_path):
    from lkjip import batch
    from lkjip.errors import ParameterError

    with pytest.raises(ParameterError, match="Jumlah proses paralel 0 tidak sah"):
        batch.run(2023, ["ajibarang"], jobs=0, output=str(tmp_path / "out"))
    assert not (tmp_path / "out").exists()
