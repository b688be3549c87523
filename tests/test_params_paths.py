"""Slugs and params files: no path from typed text, params/ belongs to the analyst."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from lkjip.params import read
from tests.conftest import DATA, ROOT

LKJIP = str(Path(sys.executable).parent / "lkjip")


@pytest.fixture
def project(tmp_path):
    """A project root of its own (LKJIP_ROOT): data/, notebooks/, params/."""
    root = tmp_path / "proyek"
    (root / "notebooks").mkdir(parents=True)
    shutil.copy(ROOT / "notebooks" / "lkjip.ipynb", root / "notebooks")
    (root / "pyproject.toml").write_text("")
    shutil.copytree(DATA, root / "data")
    (root / "params" / "2023").mkdir(parents=True)
    return root


def lkjip(root: Path, *args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "LKJIP_ROOT": str(root)}
    return subprocess.run([LKJIP, *args], capture_output=True, text=True, cwd=root, env=env, timeout=300)


def snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.mark.parametrize("typed", ["../../etc", "/etc/passwd", "ajibarang/../../x", "..", "AJIBARANG/../.."])
def test_a_slug_that_is_a_path_is_refused_and_nothing_is_written(project, typed):
    before = snapshot(project.parent)
    done = lkjip(project, "report", "-k", typed, "-t", "2023")
    assert done.returncode == 2, done.stdout + done.stderr
    assert "tidak terdaftar" in done.stderr and "Traceback" not in done.stderr
    assert snapshot(project.parent) == before


def test_a_mistyped_slug_gets_the_nearest_one_as_a_hint(project):
    done = lkjip(project, "report", "-k", "ajibarng", "-t", "2023")
    assert done.returncode == 2 and "'ajibarng' (maksudnya ajibarang?)" in done.stderr


@pytest.mark.e2e
def test_an_upper_case_slug_is_the_registered_kecamatan_and_no_params_file_appears(project):
    done = lkjip(project, "report", "-k", "AJIBARANG", "-t", "2023")
    assert done.returncode == 0, done.stdout + done.stderr
    assert (project / "output" / "2023" / "ajibarang" / "lkjip_ajibarang_2023.pdf").is_file()
    assert list((project / "params" / "2023").iterdir()) == []  # report writes no params file
    used = read(project / "output" / "2023" / "ajibarang" / "parameter.yaml")
    assert (used.kecamatan, used.data_dir, used.output_dir) == ("ajibarang", "data", "output")


@pytest.mark.e2e
def test_the_batch_reads_params_files_and_never_rewrites_them(project, tmp_path):
    params = project / "params" / "2023"
    (params / "ajibarang.yaml").write_text(
        "# diedit analis: data revisi Januari\nkecamatan: ajibarang\ntahun: 2023\ndata_dir: data\noutput_dir: output\n"
    )
    (params / "lumbir.yaml").write_text("kecamatan: lumbir\ntahun: 2023\ndata_dir: data\noutput_dir: lain\n")
    before = snapshot(params)

    done = lkjip(project, "batch", "-t", "2023", "-k", "ajibarang,lumbir")
    assert done.returncode == 1, done.stdout + done.stderr
    assert (project / "output" / "2023" / "ajibarang" / "lkjip_ajibarang_2023.pdf").is_file()
    assert "'lain'" in done.stdout and "lkjip report -k lumbir" in done.stdout  # refused, not guessed
    assert snapshot(params) == before

    scratch = tmp_path / "coba"
    done = lkjip(project, "batch", "-t", "2023", "-k", "ajibarang", "--data", "data", "--output", str(scratch))
    assert done.returncode == 0, done.stdout + done.stderr
    assert snapshot(params) == before  # command-line values go to the run's own record, not to params/
    used = read(scratch / "2023" / "ajibarang" / "parameter.yaml")
    assert used.output_dir == str(scratch)

    done = lkjip(project, "report", "-k", "lumbir", "-t", "2023")  # the analyst's file decides where it goes
    assert done.returncode == 0, done.stdout + done.stderr
    assert "params/2023/lumbir.yaml" in done.stdout
    assert (project / "lain" / "2023" / "lumbir" / "lkjip_lumbir_2023.pdf").is_file()
    assert snapshot(params) == before


def test_lkjip_params_writes_only_missing_files(project):
    (project / "params" / "2023" / "ajibarang.yaml").write_text("# milik analis\nkecamatan: ajibarang\ntahun: 2023\n")
    done = lkjip(project, "params", "-t", "2023")
    assert done.returncode == 0, done.stderr
    assert "26 berkas parameter baru" in done.stdout and "1 yang sudah ada tidak diubah" in done.stdout
    assert (project / "params" / "2023" / "ajibarang.yaml").read_text().startswith("# milik analis")
    assert len(list((project / "params" / "2023").glob("*.yaml"))) == 27


# ---------------------------------------------------------------- params files that are wrong

PARAMS_CASES = {
    "angka-saja": (b"5\n", ["isinya 5, bukan daftar pasangan 'kunci: nilai'", "tulis satu kunci per baris"]),
    "tahun-daftar": (
        b"kecamatan: ajibarang\ntahun: [2023]\n",
        ["kunci 'tahun' bernilai [2023], bukan bilangan bulat", "mis. tahun: 2023"],
    ),
    "tahun-desimal": (
        b"kecamatan: ajibarang\ntahun: 2023.7\n",
        ["kunci 'tahun' bernilai 2023.7, bukan bilangan bulat", "tanpa koma"],
    ),
    "tahun-teks": (b"kecamatan: ajibarang\ntahun: '2023'\n", ["kunci 'tahun' bernilai '2023', bukan bilangan bulat"]),
    "tahun-bool": (b"kecamatan: ajibarang\ntahun: yes\n", ["kunci 'tahun' bernilai True, bukan bilangan bulat"]),
    "tahun-luar-rentang": (b"kecamatan: ajibarang\ntahun: 99999\n", ["bernilai 99999, di luar rentang 2000-2100"]),
    "kecamatan-angka": (b"kecamatan: 12\ntahun: 2023\n", ["kunci 'kecamatan' bernilai 12, bukan teks"]),
    "data-dir-kosong": (
        b"kecamatan: ajibarang\ntahun: 2023\ndata_dir:\n",
        ["kunci 'data_dir' bernilai kosong, bukan teks", "atau hapus baris itu"],
    ),
    "output-dir-daftar": (
        b"kecamatan: ajibarang\ntahun: 2023\noutput_dir: [a]\n",
        ["kunci 'output_dir' bernilai ['a'], bukan teks"],
    ),
    "tanpa-tahun": (b"kecamatan: ajibarang\n", ["tidak lengkap: kunci tahun belum diisi"]),
    "kosong": (b"", ["tidak lengkap: kunci kecamatan dan tahun belum diisi"]),
    "bukan-utf8": (
        b"kecamatan: ajibarang\ntahun: 2023\ndata_dir: d\xe9ta\n",
        ["berkas bukan teks UTF-8 (bita tak terbaca pada baris 3)", "simpan ulang berkas sebagai teks UTF-8"],
    ),
    "tag-python": (
        b"kecamatan: !!python/object/apply:os.system ['true']\ntahun: 2023\n",
        ["sintaks YAML salah pada baris 1, kolom 12: tag YAML (!...) tidak diizinkan"],
    ),
    "titik-dua": (
        b"kecamatan: ajibarang\ntahun: 2023: 2024\n",
        ["sintaks YAML salah pada baris 2, kolom 12: tanda titik dua (:) di tempat yang tidak diharapkan"],
    ),
    "tab": (b"kecamatan: ajibarang\n\ttahun: 2023\n", ["sintaks YAML salah pada baris 2, kolom 1"]),
    "kutip-terbuka": (
        b'kecamatan: "ajibarang\ntahun: 2023\n',
        ["tanda kutip atau kurung tidak ditutup", "bermula di baris 1, kolom 12"],
    ),
}
ENGLISH = ("could not", "mapping values", "constructor", "expected", "found", "Error", "codec", "invalid")


@pytest.mark.parametrize("content, words", list(PARAMS_CASES.values()), ids=list(PARAMS_CASES))
def test_a_wrong_params_file_is_a_parameter_error_in_indonesian(tmp_path, content, words):
    from lkjip.errors import ParameterError

    f = tmp_path / "ajibarang.yaml"
    f.write_bytes(content)
    with pytest.raises(ParameterError) as info:
        read(f)
    message = str(info.value)
    assert message.startswith(f"Berkas parameter '{f}': ") and "Perbaikan: " in message
    for w in words:
        assert w in message
    assert not any(e in message for e in ENGLISH), message


def test_a_good_params_file_is_read_as_written(tmp_path):
    f = tmp_path / "ajibarang.yaml"
    f.write_text("# komentar\nkecamatan: ajibarang\ntahun: 2023\ndata_dir: data lain\noutput_dir: /tmp/keluaran\n")
    p = read(f)
    assert (p.kecamatan, p.tahun, p.data_dir, p.output_dir) == ("ajibarang", 2023, "data lain", "/tmp/keluaran")


@pytest.mark.parametrize("case", ["angka-saja", "tahun-daftar", "bukan-utf8", "titik-dua"])
def test_report_with_a_wrong_params_file_names_it_and_exits_two(project, case):
    f = project / "params" / "2023" / "ajibarang.yaml"
    f.write_bytes(PARAMS_CASES[case][0])
    done = lkjip(project, "report", "-k", "ajibarang", "-t", "2023")
    assert done.returncode == 2, done.stdout + done.stderr
    assert "Berkas parameter 'params/2023/ajibarang.yaml'" in done.stderr
    assert PARAMS_CASES[case][1][0] in done.stderr
    assert "Galat tak terduga" not in done.stderr and "Traceback" not in done.stderr


def test_params_file_rules_are_documented_for_analysts():
    readme = (DATA / "README.md").read_text(encoding="utf-8")
    assert "tahun: 2023" in readme and "bilangan bulat" in readme and "UTF-8" in readme
