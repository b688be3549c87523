"""Benchmark of the batch against the plain alternatives, measured in one run on this machine.

    python benchmarks/run.py            # full: 27 kecamatan, and scaling at 27, 54 and 108
    python benchmarks/run.py --smoke    # two kecamatan, no scaling (what CI runs)
    python benchmarks/run.py --no-scaling  # 27 kecamatan, (a) to (d) only (about 10 minutes)

(a) naive: a sequential shell loop of the papermill CLI, `jupyter nbconvert --to lkjip_html`
    and `jupyter nbconvert --to lkjip_pdf`, per kecamatan, producing the same three files;
(b) `lkjip batch --force` with the default number of jobs;
(c) `lkjip batch` again, with nothing to do;
(d) the floor: every kecamatan's validation, calculations and charts (`lkjip.buka`) in plain
    Python worker processes, without notebooks, HTML or PDF.

It prints b/a, b/d, the time of c, the peak memory per worker (from the manifests), the
median per report of the HTML+PDF step (the manifests' `html_pdf_detik`), of one narrative preview
(what a `%%narasi` cell does: the report opened again and one section shown; as a ratio to a full report
in the batch) and of the Typst step
alone (`typst_renderer.pdf_bytes`, timed here in one process), and the time of b at 27, 54 and
108 kecamatan on replicated sample data. Nothing is asserted here:
the figures go into the README.
"""

from __future__ import annotations

import argparse
import csv
import json
import multiprocessing as mp
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
TAHUN = 2023


def _slugs(data: Path) -> list[str]:
    """The kecamatan the batch builds for TAHUN: its own plan (the one definition of "with data")."""
    from lkjip.batch import plan

    return plan(TAHUN, data=str(data)).kecamatan


def _timed(cmd: list[str] | str, **kw) -> float:
    start = time.perf_counter()
    done = subprocess.run(cmd, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, **kw)
    if done.returncode:
        print(done.stdout[-5000:])  # say why, instead of a bare CalledProcessError
        raise SystemExit(f"gagal ({done.returncode}): {cmd if isinstance(cmd, str) else ' '.join(cmd)[:200]}")
    return time.perf_counter() - start


def naive(data: Path, slugs: list[str], work: Path) -> float:
    """(a) one shell loop, three CLI calls per kecamatan."""
    params = work / "params"
    params.mkdir(parents=True)
    lines = ["set -e"]
    for slug in slugs:
        p = params / f"{slug}.yaml"
        p.write_text(f"kecamatan: {slug}\ntahun: {TAHUN}\ndata_dir: {data}\noutput_dir: {work / 'out'}\n")
        out = work / "out" / slug
        nb = out / f"lkjip_{slug}_{TAHUN}.ipynb"
        lines += [
            f"mkdir -p {out}",
            f"{BIN}/papermill notebooks/lkjip.ipynb {nb} -f {p} --no-progress-bar --log-level ERROR",
            f"{BIN}/jupyter nbconvert --to lkjip_html {nb} --log-level ERROR",
            f"{BIN}/jupyter nbconvert --to lkjip_pdf {nb} --log-level ERROR",
        ]
    return _timed(["bash", "-c", "\n".join(lines)])


def batch(data: Path, out: Path, slugs: list[str] | None = None, force: bool = True) -> float:
    cmd = [
        str(BIN / "lkjip"),
        "batch",
        "--tahun",
        str(TAHUN),
        "--data",
        str(data),
        "--output",
        str(out),
        "--params",
        str(out / "params"),
    ]
    if force:
        cmd.append("--force")
    if slugs:
        cmd += ["--kecamatan", ",".join(slugs)]
    return _timed(cmd, env={**os.environ, "COLUMNS": "100"})


def _floor_one(args: tuple[str, str]) -> int:
    slug, data = args
    import lkjip
    from lkjip.html_renderer import bagian_html

    lap = lkjip.buka(slug, TAHUN, data)
    return sum(len(bagian_html(b)) for b in lap.dokumen.bagian)


def floor(data: Path, slugs: list[str]) -> float:
    """(d) calculations and charts in plain worker processes, as many as the batch uses."""
    start = time.perf_counter()
    with ProcessPoolExecutor(max_workers=os.cpu_count(), mp_context=mp.get_context("spawn")) as pool:
        list(pool.map(_floor_one, [(s, str(data)) for s in slugs]))
    return time.perf_counter() - start


def replicate(data: Path, target: Path, copies: int) -> Path:
    """A data folder with every kecamatan ``copies`` times (slug-2, slug-3, ...)."""
    shutil.copytree(data, target)
    for path in sorted(target.glob("*.csv")):
        with path.open(encoding="utf-8") as f:
            reader = csv.DictReader(f)
            header, rows = reader.fieldnames, list(reader)
        key = "slug" if path.name == "kecamatan.csv" else "kecamatan" if "kecamatan" in header else None
        if key is None:
            continue
        extra = []
        for n in range(2, copies + 1):
            for r in rows:
                r2 = dict(r, **{key: f"{r[key]}-{n}"})
                if path.name == "kecamatan.csv":
                    r2["nama"], r2["kode"] = f"{r['nama']} {n}", f"{r['kode'][:6]}{n}{r['kode'][7:]}"
                extra.append(r2)
        with path.open("w", encoding="utf-8", newline="") as f:
            w = csv.DictWriter(f, fieldnames=header, lineterminator="\n")
            w.writeheader()
            w.writerows(rows + extra)
    kabupaten = target / "kabupaten.csv"  # its number of kecamatan must stay the registry's
    with kabupaten.open(encoding="utf-8") as f:
        reader = csv.DictReader(f)
        header, rows = reader.fieldnames, list(reader)
    with kabupaten.open("w", encoding="utf-8", newline="") as f:
        w = csv.DictWriter(f, fieldnames=header, lineterminator="\n")
        w.writeheader()
        w.writerows(dict(r, jumlah_kecamatan=int(r["jumlah_kecamatan"]) * copies) for r in rows)
    src = target / "kecamatan" / "ajibarang"
    for n in range(2, copies + 1):
        if src.exists():
            shutil.copytree(src, target / "kecamatan" / f"ajibarang-{n}")
    return target


def peak_memory(out: Path) -> float:
    peaks = [json.loads(m.read_text())["sumber_daya"].get("puncak_memori_mb", 0) for m in out.rglob("manifest.json")]
    return max(peaks, default=0.0)


def html_pdf_median(out: Path) -> float:
    """Median of the HTML+PDF export step per report, from the manifests of a batch."""
    times = [json.loads(m.read_text())["waktu"].get("html_pdf_detik") for m in out.rglob("manifest.json")]
    found = [t for t in times if isinstance(t, int | float)]
    return statistics.median(found) if found else float("nan")


def typst_median(data: Path, slugs: list[str]) -> float:
    """Median time of the Typst step alone (model -> PDF bytes) per report, after one warm-up."""
    import lkjip
    from lkjip.typst_renderer import pdf_bytes

    models = [lkjip.buka(slug, TAHUN, str(data)).dokumen.bagian for slug in slugs]
    pdf_bytes(models[0])  # fonts and the compiler loaded once, as in a batch worker
    times = []
    for sections in models:
        start = time.perf_counter()
        pdf_bytes(sections)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def preview_median(data: Path, slug: str, runs: int = 3) -> float:
    """Median time of one narrative preview as the %%narasi cell makes it: the report opened again from the
    data (lkjip.buka) and one section displayed, after one warm-up (the notebook's kernel is running)."""
    import lkjip

    lkjip.buka(slug, TAHUN, str(data)).bagian("bab1.f")._repr_html_()
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        lkjip.buka(slug, TAHUN, str(data)).bagian("bab1.f")._repr_html_()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--smoke", action="store_true", help="two kecamatan, no scaling (CI)")
    ap.add_argument("--no-scaling", action="store_true", help="27 kecamatan, without the 54/108 scaling runs")
    args = ap.parse_args()
    data = ROOT / "data"
    slugs = _slugs(data)[:2] if args.smoke else _slugs(data)
    n = len(slugs)
    print(f"Mesin: {platform.machine()}, {os.cpu_count()} inti, Python {platform.python_version()}; {n} kecamatan")
    with tempfile.TemporaryDirectory(prefix="lkjip-bench-") as tmp:
        work = Path(tmp)
        a = naive(data, slugs, work / "a")
        print(f"(a) naif, loop shell papermill + nbconvert html + pdf : {a:8.1f} dtk")
        b = batch(data, work / "b", slugs)
        print(f"(b) lkjip batch --force (jobs bawaan)                 : {b:8.1f} dtk")
        c = batch(data, work / "b", slugs, force=False)
        print(f"(c) lkjip batch tanpa perubahan                       : {c:8.2f} dtk")
        d = floor(data, slugs)
        print(f"(d) batas bawah: hitungan + grafik tanpa notebook      : {d:8.1f} dtk")
        print(f"b/a = {b / a:.3f}   b/d = {b / d:.2f}   c = {c:.2f} dtk")
        print(f"puncak memori per pekerja (pekerja atau kernelnya)    : {peak_memory(work / 'b'):.0f} MB")
        print(f"median per laporan, langkah HTML + PDF (manifest)     : {html_pdf_median(work / 'b'):8.2f} dtk")
        print(f"median per laporan, langkah Typst (pdf_bytes) saja    : {typst_median(data, slugs):8.2f} dtk")
        preview = preview_median(data, slugs[0])
        print(f"pratinjau satu bagian narasi (%%narasi), median       : {preview:8.2f} dtk")
        print(f"pratinjau / laporan penuh per kecamatan dalam (b)     : {preview / (b / n):8.3f}")
        if not args.smoke and not args.no_scaling:
            times = {}
            for copies in (1, 2, 4):
                folder = replicate(data, work / f"data{copies}", copies)
                times[27 * copies] = batch(folder, work / f"s{copies}")
                print(f"skala {27 * copies:4d} kecamatan: {times[27 * copies]:8.1f} dtk")
            print(f"waktu 108 / waktu 27 = {times[108] / times[27]:.2f}")


if __name__ == "__main__":
    main()
