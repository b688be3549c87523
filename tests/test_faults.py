"""The batch under real faults: killed workers, kernels and batches, Ctrl-C, two runs at once.

Each test runs the real CLI in its own session (as a terminal would) and then
asserts: no orphan process, no staging or temporary file left, the last good
report intact, and that a plain rerun completes. Waits poll for a state (a
kernel running, a lock taken), never a fixed sleep.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import psutil
import pytest

from lkjip import batch, lock
from lkjip.errors import BusyError

pytestmark = pytest.mark.e2e
LKJIP = str(Path(sys.executable).parent / "lkjip")
KEPT = {lock.NAME, ".index-sidik"}  # dot files that belong in a year folder


def leftovers(year: Path) -> list[str]:
    """Staging folders, backups and temporary files left in a year folder."""
    if not year.exists():
        return []
    return sorted(p.name for p in year.iterdir() if p.name.startswith(".") and p.name not in KEPT)


def wait_for(what: Callable[[], object], timeout: float = 90, step: float = 0.1) -> object:
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        found = what()
        if found:
            return found
        time.sleep(step)
    raise AssertionError(f"timed out waiting for {what}")


def start(args: list[str]) -> subprocess.Popen:
    """The CLI in a new session, SIGINT at its default (as a terminal gives it)."""
    return subprocess.Popen(
        [LKJIP, *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        start_new_session=True,
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )


def kernels(proc: psutil.Process) -> list[psutil.Process]:
    found = []
    for p in _tree(proc):
        try:
            if "ipykernel_launcher" in " ".join(p.cmdline()):
                found.append(p)
        except psutil.Error:
            continue
    return found


def _tree(proc: psutil.Process) -> list[psutil.Process]:
    try:
        return proc.children(recursive=True)
    except psutil.Error:
        return []


def assert_gone(pids: list[int], timeout: float = 15) -> None:
    """Every process in ``pids`` has ended (zombies of our own children count as ended)."""

    def alive() -> list[int]:
        out = []
        for pid in pids:
            try:
                if psutil.Process(pid).status() != psutil.STATUS_ZOMBIE:
                    out.append(pid)
            except psutil.NoSuchProcess:
                continue
        return out

    end = time.monotonic() + timeout
    while alive() and time.monotonic() < end:
        time.sleep(0.2)
    assert not alive(), f"orphan processes still running: {alive()}"


@pytest.fixture
def run_args(data_copy, tmp_path):
    out = tmp_path / "output"

    def args(*slugs: str, extra: tuple[str, ...] = ()) -> list[str]:
        return ["batch", "-t", "2023", "-k", ",".join(slugs), "--data", str(data_copy), "--output", str(out), *extra]

    args.out = out  # type: ignore[attr-defined]
    args.year = out / "2023"  # type: ignore[attr-defined]
    return args


def rerun_completes(run_args, *slugs: str) -> None:
    again = subprocess.run([LKJIP, *run_args(*slugs)], capture_output=True, text=True, timeout=300)
    assert again.returncode == 0, again.stdout + again.stderr
    for slug in slugs:
        assert (run_args.year / slug / f"lkjip_{slug}_2023.pdf").is_file()
    assert leftovers(run_args.year) == []


def test_sigint_to_the_process_group_one_line_no_traceback_nothing_left(run_args):
    proc = start(run_args("ajibarang"))
    ps = psutil.Process(proc.pid)
    wait_for(lambda: kernels(ps))
    everyone = [p.pid for p in _tree(ps)]
    os.killpg(proc.pid, signal.SIGINT)  # Ctrl-C in a terminal
    output = proc.communicate(timeout=60)[0].decode()
    assert proc.returncode == 130, output
    assert "Dihentikan" in output and "Traceback" not in output, output
    assert_gone(everyone)
    assert leftovers(run_args.year) == []
    assert not (run_args.year / "ajibarang").exists()
    rerun_completes(run_args, "ajibarang")


def test_sigint_to_the_main_process_only_stops_without_publishing_afterwards(run_args):
    proc = start(run_args("ajibarang"))
    ps = psutil.Process(proc.pid)
    wait_for(lambda: kernels(ps))
    everyone = [p.pid for p in _tree(ps)]
    os.kill(proc.pid, signal.SIGINT)  # e.g. a supervisor stopping the batch: the workers are not signalled
    output = proc.communicate(timeout=60)[0].decode()
    assert proc.returncode == 130, output
    assert "Traceback" not in output, output
    assert_gone(everyone)
    time.sleep(2)  # what the old pool did: the in-flight report appeared after the stop
    assert not (run_args.year / "ajibarang").exists()
    assert leftovers(run_args.year) == []


def test_kill_9_of_one_worker_fails_only_its_kecamatan_and_the_summary_is_printed(run_args):
    proc = start(run_args("ajibarang", "lumbir", "cilongok", extra=("-j", "2")))
    ps = psutil.Process(proc.pid)
    kernel = wait_for(lambda: kernels(ps))[0]  # type: ignore[index]
    worker = kernel.parent()
    victim_kernel = kernel.pid
    worker.kill()  # kill -9 of a worker while cilongok is still queued
    output = proc.communicate(timeout=300)[0].decode()
    assert proc.returncode == 1, output
    assert "Traceback" not in output
    assert "Ringkasan batch" in output and "Proses pekerja berhenti mendadak" in output, output
    assert "Dibuat 2, dilewati 0, gagal 1 dari 3." in output, output
    assert_gone([victim_kernel])
    assert leftovers(run_args.year) == []
    rerun_completes(run_args, "ajibarang", "lumbir", "cilongok")


def busy_kernel(proc: psutil.Process) -> psutil.Process | None:
    """A kernel past start-up, running the notebook's cells (it has used over 1,5 s of CPU)."""
    for k in kernels(proc):
        try:
            if sum(k.cpu_times()[:2]) > 1.5:
                return k
        except psutil.Error:
            continue
    return None


def test_kill_9_of_a_kernel_fails_that_report_with_a_message(run_args):
    proc = start(run_args("ajibarang", "lumbir", extra=("-j", "2")))
    ps = psutil.Process(proc.pid)
    kernel = wait_for(lambda: busy_kernel(ps), step=0.05)
    kernel.kill()  # type: ignore[union-attr]
    output = proc.communicate(timeout=300)[0].decode()
    assert proc.returncode == 1, output
    assert "Kernel Jupyter berhenti mendadak" in output, output
    assert "Dibuat 1, dilewati 0, gagal 1 dari 2." in output, output
    assert "Traceback" not in output
    assert leftovers(run_args.year) == []
    rerun_completes(run_args, "ajibarang", "lumbir")


def test_kill_9_of_the_batch_ends_its_workers_and_kernels(run_args):
    proc = start(run_args("ajibarang", "lumbir", extra=("-j", "2")))
    ps = psutil.Process(proc.pid)
    wait_for(lambda: len(kernels(ps)) == 2)
    everyone = [p.pid for p in _tree(ps)]
    assert len(everyone) >= 4  # two workers, two kernels
    proc.kill()
    proc.wait(timeout=10)
    assert_gone(everyone, timeout=15)
    assert leftovers(run_args.year) == []  # each worker removed its staging folder as it was told to stop
    rerun_completes(run_args, "ajibarang", "lumbir")  # the lock of the dead batch is taken over


def test_sigterm_to_the_batch_stops_it_like_ctrl_c(run_args):
    proc = start(run_args("ajibarang", "lumbir", extra=("-j", "2")))
    ps = psutil.Process(proc.pid)
    wait_for(lambda: len(kernels(ps)) == 2)
    everyone = [p.pid for p in _tree(ps)]
    proc.terminate()  # kill, timeout(1), a service manager
    output = proc.communicate(timeout=60)[0].decode()
    assert proc.returncode == 130, output
    assert "Dihentikan" in output and "Traceback" not in output, output
    assert_gone(everyone)
    assert leftovers(run_args.year) == []


@pytest.mark.parametrize("to_group", [True, False], ids=["ke-grup", "ke-proses-utama"])
def test_ctrl_c_during_a_single_report_one_line_and_nothing_left(data_copy, tmp_path, to_group):
    out = tmp_path / "output"
    proc = start(["report", "-k", "ajibarang", "-t", "2023", "--data", str(data_copy), "--output", str(out)])
    ps = psutil.Process(proc.pid)
    wait_for(lambda: busy_kernel(ps), step=0.05)
    everyone = [p.pid for p in _tree(ps)]
    if to_group:
        os.killpg(proc.pid, signal.SIGINT)
    else:
        os.kill(proc.pid, signal.SIGINT)
    output = proc.communicate(timeout=60)[0].decode()
    assert proc.returncode == 130, output
    assert "Dihentikan" in output, output
    assert "Traceback" not in output and "Error" not in output and "Kernel died" not in output, output
    assert_gone(everyone)
    assert leftovers(out / "2023") == []
    assert not (out / "2023" / "ajibarang").exists()


def test_a_second_batch_on_the_same_year_is_refused_and_the_first_completes(run_args):
    first = start(run_args("ajibarang"))
    ps = psutil.Process(first.pid)
    wait_for(lambda: kernels(ps))
    second = subprocess.run([LKJIP, *run_args("ajibarang")], capture_output=True, text=True, timeout=120)
    assert second.returncode == 2
    message = second.stdout + second.stderr
    assert f"pid {first.pid}" in message and "--tunggu" in message, message
    output = first.communicate(timeout=300)[0].decode()
    assert first.returncode == 0, output  # its staging folder was not touched by the second run
    assert (run_args.year / "ajibarang" / "lkjip_ajibarang_2023.pdf").is_file()
    assert leftovers(run_args.year) == []


def test_a_waiting_batch_runs_after_the_first(run_args):
    first = start(run_args("ajibarang"))
    wait_for(lambda: kernels(psutil.Process(first.pid)))
    second = subprocess.run(
        [LKJIP, *run_args("ajibarang", extra=("--tunggu",))], capture_output=True, text=True, timeout=300
    )
    assert first.wait(timeout=300) == 0
    assert second.returncode == 0, second.stdout + second.stderr
    assert "menunggu giliran" in second.stdout
    assert "dilewati" in second.stdout  # it saw the first run's finished report


def test_a_stale_lock_of_a_dead_process_is_taken_over(tmp_path):
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys, time\nfrom lkjip import lock\n"
            f"with lock.year({str(tmp_path)!r}, 2023):\n    print('ok', flush=True); time.sleep(60)",
        ],
        stdout=subprocess.PIPE,
    )
    assert holder.stdout.readline().strip() == b"ok"
    with pytest.raises(BusyError, match=f"pid {holder.pid}"), lock.year(tmp_path, 2023):
        pass
    holder.kill()
    holder.wait()
    with lock.year(tmp_path, 2023) as folder:  # the operating system released the dead holder's lock
        assert lock.holder(folder / lock.NAME)["pid"] == os.getpid()


def test_a_failed_rebuild_after_a_crash_mid_swap_keeps_the_last_good_report(data_copy, tmp_path, edit):
    """A crash between steps 2 and 3 of the swap leaves only the backup; the next run restores it."""
    from tests.conftest import set_cell

    out = tmp_path / "output"
    first = batch.run(2023, ["ajibarang"], jobs=1, data=str(data_copy), output=str(out))
    assert first[0].status == batch.BUILT
    year = out / "2023"
    good = (year / "ajibarang" / "lkjip_ajibarang_2023.pdf").read_bytes()
    os.replace(year / "ajibarang", year / ".lkjip-lama-ajibarang")  # the state a crash after step 2 leaves
    edit("program", set_cell(2, "anggaran", "-5"))  # and the rebuild fails
    again = batch.run(2023, ["ajibarang"], jobs=1, data=str(data_copy), output=str(out))
    assert again[0].status == batch.FAILED
    assert (year / "ajibarang" / "lkjip_ajibarang_2023.pdf").read_bytes() == good
    assert leftovers(year) == []


def test_ctrl_c_pressed_three_times_still_one_line(data_copy, tmp_path):
    out = tmp_path / "output"
    proc = start(["report", "-k", "ajibarang", "-t", "2023", "--data", str(data_copy), "--output", str(out)])
    ps = psutil.Process(proc.pid)
    wait_for(lambda: busy_kernel(ps), step=0.05)
    everyone = [p.pid for p in _tree(ps)]
    for _ in range(3):
        os.killpg(proc.pid, signal.SIGINT)
        time.sleep(0.15)
    output = proc.communicate(timeout=60)[0].decode()
    assert proc.returncode == 130, output
    assert "Traceback" not in output and "Exception ignored" not in output, output
    assert_gone(everyone)
    assert leftovers(out / "2023") == []


def _catches(pid: int, sig: int) -> bool:
    """Whether process ``pid`` has installed a handler for ``sig`` (Linux: SigCgt in /proc/<pid>/status)."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("SigCgt:"):
            return bool(int(line.split()[1], 16) >> (sig - 1) & 1)
    return False


def test_a_worker_told_to_stop_exits_at_once_through_its_own_handler():
    """SIGTERM reaches the worker's stop handler (remove staging folders, exit 128 + 15), not a namesake."""
    import multiprocessing as mp

    from lkjip import pool

    ctx = mp.get_context("spawn")
    parent, child = ctx.Pipe()
    worker = ctx.Process(target=pool._worker_main, args=(child, time.sleep), daemon=True)
    worker.start()
    child.close()
    parent.send(("k", (60,)))
    wait_for(lambda: _catches(worker.pid, signal.SIGTERM), timeout=30)
    worker.terminate()
    worker.join(10)
    assert worker.exitcode == 128 + signal.SIGTERM
