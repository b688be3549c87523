"""``lkjip arsip``: one reproducible zip per year that an auditor checks with ``unzip`` and ``sha256sum`` alone."""

from __future__ import annotations

import json
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest

from lkjip import arsip, ledger
from lkjip.cli import main
from lkjip.hashing import sha256_file

pytestmark = pytest.mark.e2e

SLUG, TAHUN = "ajibarang", 2023
STEM = f"lkjip_{SLUG}_{TAHUN}"
YEAR = str(TAHUN)
"""The bundle's year folder: it mirrors ``output/<tahun>/``."""


@pytest.fixture(scope="module")
def built(ajibarang_built: Path) -> Path:
    """Ajibarang 2023 rendered once per run (conftest), with manifest, ledger, index and rekap: ``<work>/output``."""
    return ajibarang_built / "output"


@pytest.fixture
def out(built: Path, tmp_path: Path) -> Path:
    """A copy of the built output tree (still a draft) that a test may change."""
    target = tmp_path / "output"
    shutil.copytree(built, target)
    return target


def _year(out: Path) -> Path:
    return out / str(TAHUN)


def _finalise(out: Path) -> str:
    """Mark the report final as ``lkjip final`` does (ledger entry and receipt); returns the ledger head."""
    year = _year(out)
    entry = ledger.append(year, ledger.Event.FINAL, SLUG, TAHUN, ledger.folder_files(year / SLUG))
    (year / "tanda_terima").mkdir(exist_ok=True)
    (year / "tanda_terima" / f"{SLUG}.txt").write_text(f"TANDA TERIMA {SLUG} {TAHUN}\nkepala: {entry.hash}\n")
    return entry.hash


def _unzip(bundle: Path, where: Path) -> Path:
    where.mkdir()
    subprocess.run(["unzip", "-q", str(bundle), "-d", str(where)], check=True)
    return where


def test_the_bundle_unzips_and_verifies_with_sha256sum(out, tmp_path):
    head = _finalise(out)
    result = arsip.build(TAHUN, out)
    assert result.path == out / f"arsip_lkjip_{TAHUN}.zip"
    root = _unzip(result.path, tmp_path / "x")
    ok = subprocess.run(["sha256sum", "-c", "SHA256SUMS"], cwd=root, capture_output=True, text=True)
    assert ok.returncode == 0, ok.stdout + ok.stderr
    listed = {line.split("  ", 1)[1] for line in (root / "SHA256SUMS").read_text().splitlines()}
    on_disk = {p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file()}
    assert listed == on_disk - {"SHA256SUMS"}  # every file, and nothing else
    for name in (f"{STEM}.pdf", f"{STEM}.html", f"{STEM}.ipynb", "parameter.yaml", "manifest.json"):
        assert (root / YEAR / SLUG / name).read_bytes() == (_year(out) / SLUG / name).read_bytes()
    for name in ("riwayat.jsonl", "SHA256SUMS"):  # the year's own, byte for byte
        assert (root / YEAR / name).read_bytes() == (_year(out) / name).read_bytes()
    assert head in (root / YEAR / "tanda_terima" / f"{SLUG}.txt").read_text()
    assert sorted(p.name for p in root.iterdir()) == sorted(["BACA_SAYA.txt", "SHA256SUMS", YEAR, "masukan"])
    # the chain recipe of the README, on the bundled ledger
    lines = (root / YEAR / "riwayat.jsonl").read_text().splitlines()
    shell = "sed -n 1p riwayat.jsonl | tr -d '\\n' | sha256sum"
    first = subprocess.run(shell, shell=True, cwd=root / YEAR, capture_output=True, text=True, check=True).stdout
    assert first.split()[0] == json.loads(lines[1])["sebelumnya"]
    # every report of the year is bundled here: the year's SHA256SUMS checks as it is
    year_ok = subprocess.run(["sha256sum", "-c", "SHA256SUMS"], cwd=root / YEAR, capture_output=True, text=True)
    assert year_ok.returncode == 0, year_ok.stdout + year_ok.stderr
    # a byte changed after unzipping is caught, by both lists
    (root / YEAR / SLUG / f"{STEM}.pdf").write_bytes(b"diubah")
    bad = subprocess.run(["sha256sum", "-c", "SHA256SUMS"], cwd=root, capture_output=True, text=True)
    assert bad.returncode == 1 and f"{YEAR}/{SLUG}/{STEM}.pdf: FAILED" in bad.stdout
    command = ["sha256sum", "-c", "--ignore-missing", "SHA256SUMS"]
    bad = subprocess.run(command, cwd=root / YEAR, capture_output=True, text=True)
    assert bad.returncode == 1 and f"{SLUG}/{STEM}.pdf: FAILED" in bad.stdout


def test_the_years_sha256sums_checks_with_ignore_missing_when_a_report_is_not_bundled(out, tmp_path):
    _finalise(out)
    year = _year(out)
    other = {"manifest.json": "a" * 64, "lkjip_cilongok_2023.pdf": "b" * 64}  # a draft, left out without --draf
    ledger.append(year, ledger.Event.BUILT, "cilongok", TAHUN, other)
    result = arsip.build(TAHUN, out)
    assert result.not_included == [("cilongok", "masih draf (riwayat baris 3: dibuat); tidak disertakan tanpa --draf")]
    root = _unzip(result.path, tmp_path / "x")
    assert (root / YEAR / "SHA256SUMS").read_bytes() == (year / "SHA256SUMS").read_bytes()
    assert "cilongok/lkjip_cilongok_2023.pdf" in (root / YEAR / "SHA256SUMS").read_text()
    plain = subprocess.run(["sha256sum", "-c", "SHA256SUMS"], cwd=root / YEAR, capture_output=True, text=True)
    assert plain.returncode == 1 and "cilongok/manifest.json: FAILED open or read" in plain.stdout
    command = ["sha256sum", "-c", "--ignore-missing", "SHA256SUMS"]
    ok = subprocess.run(command, cwd=root / YEAR, capture_output=True, text=True)
    assert ok.returncode == 0, ok.stdout + ok.stderr
    assert f"{SLUG}/{STEM}.pdf: OK" in ok.stdout and "riwayat.jsonl: OK" in ok.stdout
    readme = (root / "BACA_SAYA.txt").read_text(encoding="utf-8")
    assert "sha256sum -c --ignore-missing SHA256SUMS" in readme and "cilongok: masih draf" in readme
    ok = subprocess.run(["sha256sum", "-c", "SHA256SUMS"], cwd=root, capture_output=True, text=True)
    assert ok.returncode == 0, ok.stdout + ok.stderr  # the bundle's own list covers only what it holds


def test_a_years_sha256sums_that_disagrees_with_the_ledger_is_refused(out):
    _finalise(out)
    sums = _year(out) / "SHA256SUMS"
    sums.write_text(sums.read_text().replace("riwayat.jsonl", "riwayat.jsonl.lama"))
    with pytest.raises(arsip.BundleError, match=r"SHA256SUMS tidak sesuai dengan riwayat.*Perbaikan: periksa"):
        arsip.build(TAHUN, out)
    assert not list(out.glob("*.zip"))


def test_a_canonical_csv_in_the_bundle_reproduces_the_manifest_input_hash(out, tmp_path):
    _finalise(out)
    root = _unzip(arsip.build(TAHUN, out).path, tmp_path / "x")
    bagian = json.loads((root / YEAR / SLUG / "manifest.json").read_text())["masukan"]["bagian"]
    for rel, key in (("data/target.csv", "data/target"), ("notebook/lkjip.ipynb", "notebook")):
        shell = f"sha256sum masukan/{SLUG}/{rel}"
        digest = subprocess.run(shell, shell=True, cwd=root, capture_output=True, text=True, check=True).stdout
        assert digest.split()[0] == bagian[key]
    tables = {p.stem for p in (root / "masukan" / SLUG / "data").iterdir()}
    assert tables == {k[5:] for k, v in bagian.items() if k.startswith("data/") and v != "tidak-ada"}


def test_the_same_archive_gives_the_same_bytes(out, tmp_path):
    _finalise(out)
    one = arsip.build(TAHUN, out, target=tmp_path / "satu.zip").path.read_bytes()
    two = arsip.build(TAHUN, out, target=tmp_path / "dua.zip").path.read_bytes()
    assert one == two
    with zipfile.ZipFile(tmp_path / "satu.zip") as zf:
        infos = zf.infolist()
    names = [i.filename for i in infos]
    assert names == sorted(names, key=lambda n: ("/" in n, n))  # the root's files first, then by path
    assert names[:3] == ["BACA_SAYA.txt", "SHA256SUMS", f"{YEAR}/SHA256SUMS"]
    assert {i.date_time for i in infos} == {(1980, 1, 1, 0, 0, 0)}
    assert {i.external_attr >> 16 for i in infos} == {0o100644}


def test_a_draft_only_year_is_refused_without_draf(out, tmp_path, capsys):
    code = main(["arsip", "--tahun", str(TAHUN), "--output", str(out)])
    message = capsys.readouterr().err
    assert code == 1
    assert "Tidak ada laporan final" in message and "lkjip final" in message and "--draf" in message
    assert not list(out.glob("*.zip")) and not list(out.rglob(".lkjip-*.tmp"))
    assert main(["arsip", "--tahun", str(TAHUN), "--output", str(out), "--draf"]) == 0
    root = _unzip(out / f"arsip_lkjip_{TAHUN}.zip", tmp_path / "x")
    assert (root / YEAR / SLUG / f"{STEM}.pdf").is_file() and not (root / YEAR / "tanda_terima").exists()
    readme = (root / "BACA_SAYA.txt").read_text(encoding="utf-8")
    assert "DRAF - BUKAN LAPORAN FINAL" in readme and "hanya memuat DRAF" in readme
    assert f"folder: {YEAR}/{SLUG}/" in readme


def test_an_altered_report_is_refused_naming_the_file(out, capsys):
    _finalise(out)
    pdf = _year(out) / SLUG / f"{STEM}.pdf"
    raw = bytearray(pdf.read_bytes())
    raw[len(raw) // 2] ^= 0x01
    pdf.write_bytes(bytes(raw))
    with pytest.raises(arsip.BundleError, match=f"{STEM}.pdf tidak sama dengan sha256 di riwayat"):
        arsip.build(TAHUN, out)
    assert main(["arsip", "--tahun", str(TAHUN), "--output", str(out)]) == 1
    assert "Perbaikan:" in capsys.readouterr().err
    assert not list(out.glob("*.zip"))


def test_the_readme_says_what_is_inside_and_how_to_check_it(out, tmp_path):
    head = _finalise(out)
    root = _unzip(arsip.build(TAHUN, out).path, tmp_path / "x")
    raw = (root / "BACA_SAYA.txt").read_bytes()
    text = raw.decode("utf-8")
    assert raw.endswith(b"\r\n") and "\n" not in text.replace("\r\n", "")  # Notepad's line ends
    for words in ("sha256sum -c SHA256SUMS", "tr -d '\\n' | sha256sum", f"masukan/{SLUG}/data/target.csv", head):
        assert words in text
    assert "Ajibarang (ajibarang): FINAL" in text
    assert "lkjip verify" in text and "Tidak ada: setiap masukan" in text


def test_inputs_whose_data_changed_are_left_out_and_listed(out, built, tmp_path):
    _finalise(out)
    target = built.parent / "data" / "target.csv"  # the data folder of the archived parameter.yaml
    before = target.read_bytes()
    try:
        target.write_bytes(before.replace(b"\najibarang,IK1,2023,86\n", b"\najibarang,IK1,2023,87\n", 1))
        assert target.read_bytes() != before
        result = arsip.build(TAHUN, out)
    finally:
        target.write_bytes(before)
    [report] = result.reports
    assert [key for key, _ in report.left_out] == ["data/target"]
    root = _unzip(result.path, tmp_path / "x")
    assert not (root / "masukan" / SLUG / "data" / "target.csv").exists()
    assert (root / "masukan" / SLUG / "data" / "realisasi.csv").is_file()
    text = (root / "BACA_SAYA.txt").read_text(encoding="utf-8")
    assert f"{SLUG}: data/target: data berubah sejak laporan dibuat" in text


def test_kecamatan_are_taken_from_the_ledger_never_from_typed_text(out, capsys):
    _finalise(out)
    assert main(["arsip", "--tahun", str(TAHUN), "--output", str(out), "-k", "../../etc"]) == 2
    assert "tidak tercatat di riwayat" in capsys.readouterr().err
    result = arsip.build(TAHUN, out, ["AJIBARANG"], target=out / "a.zip")
    assert [r.slug for r in result.reports] == [SLUG]


def test_lkjip_verify_accepts_a_report_folder_of_the_unzipped_bundle(out, built, tmp_path, monkeypatch, capsys):
    from lkjip import verify

    head = _finalise(out)
    root = _unzip(arsip.build(TAHUN, out).path, tmp_path / "x")
    data = built.parent / "data"
    [result] = verify.check(root / YEAR / SLUG, data, head)
    assert (result.status, result.tahun, result.final) == (verify.Status.INTACT, TAHUN, True), result.temuan
    # as BACA_SAYA.txt says it: relative paths, from the unpacked folder
    monkeypatch.chdir(root)
    folder = f"{YEAR}/{SLUG}"
    assert main(["verify", folder, "--data", str(data), "--kepala", head, "--json"]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert doc["lulus"] and [(r["status"], r["dokumen"], r["masukan"]) for r in doc["laporan"]] == [
        ("utuh", "final", "terkini")
    ]
    wrong = ledger.line_hash("bukan baris riwayat ini")
    assert main(["verify", folder, "--data", str(data), "--kepala", wrong, "--json"]) == 1
    [report] = json.loads(capsys.readouterr().out)["laporan"]
    assert report["status"] == "berubah"
    assert [f["berkas"] for f in report["temuan"]] == ["riwayat.jsonl"], report["temuan"]
    assert "tidak ada di riwayat.jsonl" in report["temuan"][0]["pesan"]
    # the ledger's checks run on the bundle: an edited ledger line is caught even with the report intact
    ledger_file = root / YEAR / "riwayat.jsonl"
    ledger_file.write_text(ledger_file.read_text().replace('"final"', '"dibuat"'))
    assert main(["verify", folder, "--data", str(data)]) == 1


def test_lkjip_verify_accepts_a_draft_in_the_unzipped_bundle(out, built, tmp_path, monkeypatch):
    from lkjip import verify

    root = _unzip(arsip.build(TAHUN, out, draft=True).path, tmp_path / "x")
    monkeypatch.chdir(root)
    [result] = verify.check(root / YEAR / SLUG, built.parent / "data")
    assert (result.status, result.final) == (verify.Status.INTACT, False), result.temuan


def test_a_year_without_a_ledger_is_refused_and_nothing_is_made(tmp_path):
    with pytest.raises(arsip.BundleError, match=r"Belum ada riwayat.*Perbaikan: buat laporan"):
        arsip.build(TAHUN, tmp_path / "output")
    assert not (tmp_path / "output").exists()


def test_a_signed_copy_recorded_in_the_ledger_is_bundled_with_its_report(out, tmp_path):
    year = _year(out)
    signed = year / SLUG / f"{STEM}_ditandatangani.pdf"
    signed.write_bytes(b"%PDF-1.7 ditandatangani")
    files = {**ledger.folder_files(year / SLUG), signed.name: sha256_file(signed)}
    ledger.append(year, ledger.Event.FINAL, SLUG, TAHUN, files)
    root = _unzip(arsip.build(TAHUN, out).path, tmp_path / "x")
    assert (root / YEAR / SLUG / signed.name).read_bytes() == signed.read_bytes()
    assert "tanda terima: tidak ada" in (root / "BACA_SAYA.txt").read_text(encoding="utf-8")


def test_a_draft_named_with_kecamatan_is_refused_without_draf(out):
    with pytest.raises(arsip.BundleError, match=r"ajibarang tahun 2023 masih draf\. Perbaikan: .*lkjip final"):
        arsip.build(TAHUN, out, [SLUG])


def test_text_from_data_is_one_bounded_line():
    from lkjip.arsip_teks import plain

    shown = plain("Aji\nbarang\u202e\x1b[31m 2. DAFTAR" + "x" * 500)
    assert "\n" not in shown and "\x1b" not in shown and "\u202e" not in shown
    assert len(shown) == 80 and shown.endswith("...")
