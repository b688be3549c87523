"""A small process pool that knows which job each worker runs.

``concurrent.futures.ProcessPoolExecutor`` cannot say whose worker died: one
killed worker breaks the whole pool and fails every running and queued job.
Here each worker has its own pipe, and the main process waits on the pipes and
on the workers' sentinels together, so a dead worker fails only its own job; a
fresh worker takes the next one.

Workers never outlive the batch:

- each worker asks Linux to send it SIGTERM when the batch process dies
  (``prctl(PR_SET_PDEATHSIG)``), also after ``kill -9`` of the batch;
- an idle worker also stops at the end of its pipe;
- a worker's Jupyter kernel polls its parent (ipykernel's parent poller) and
  shuts down within about a second of the worker's death;
- on Ctrl-C or any error the main process terminates the workers, waits a few
  seconds, then kills what is left.

Workers ignore SIGINT: Ctrl-C in a terminal reaches the whole process group,
and only the main process decides how to stop (no traceback from each worker).
SIGTERM (from the main process, or from Linux when the batch died) removes the
running job's staging folder and ends the worker at once.
"""

from __future__ import annotations

import contextlib
import multiprocessing as mp
import os
import signal
import sys
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from multiprocessing.connection import Connection, wait
from typing import Any

STOP_GRACE_SECONDS = 5.0


class WorkerDied(Exception):
    """The worker process running a job ended without answering (killed, out of memory)."""

    def __init__(self, exitcode: int | None) -> None:
        self.exitcode = exitcode
        if exitcode is not None and exitcode < 0:
            try:
                how = f"sinyal {signal.Signals(-exitcode).name}"
            except ValueError:
                how = f"sinyal {-exitcode}"
        else:
            how = f"kode keluar {exitcode}"
        super().__init__(
            f"Proses pekerja berhenti mendadak ({how}), mis. dihentikan atau kehabisan memori. "
            "Perbaikan: jalankan lagi; bila berulang, periksa memori yang tersedia atau kurangi --jobs."
        )


@dataclass(frozen=True)
class _Answer:
    """A worker's answer to one job: ``func``'s value, or what it raised (as text: not every exception pickles)."""

    value: Any = None
    raised: str | None = None


@dataclass
class _Worker:
    process: Any  # multiprocessing.context.SpawnProcess
    conn: Connection
    key: str | None = None


def _die_with_parent() -> None:
    """Ask the kernel (Linux) to send SIGTERM to this process when its parent dies."""
    if not sys.platform.startswith("linux"):
        return
    import ctypes

    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG = 1
    except (OSError, AttributeError):  # pragma: no cover - no prctl: the pipe's end still stops idle workers
        pass


def _told_to_stop(signum: int, frame: Any) -> None:
    """Told to stop (by the main process, or by Linux because the batch died): remove this worker's
    staging folders and exit at once. Its kernel notices the worker is gone and shuts down by itself.

    Exiting here, not by unwinding, is deliberate: an exception raised from a signal handler can land
    inside library code that catches it or turns it into another error (and then retries).
    """
    from lkjip import publish

    publish.abandon()
    os._exit(128 + signum)


def _quiet() -> None:
    """Send this worker's (and its kernel's) stdout and stderr to /dev/null: the analyst reads outcomes.

    Library log lines and a kernel's shutdown chatter are English and
    meaningless to the analyst; every failure reaches the main process as an
    outcome, and an unexpected one is logged with its traceback (lkjip.crash).
    """
    import logging

    logging.disable(logging.ERROR)
    devnull = os.open(os.devnull, os.O_WRONLY)
    for fd in (1, 2):
        os.dup2(devnull, fd)
    os.close(devnull)


def _worker_main(conn: Connection, func: Callable[..., Any]) -> None:
    _quiet()
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, _told_to_stop)
    _die_with_parent()
    while True:
        try:
            job = conn.recv()
        except (EOFError, OSError):
            return
        if job is None:
            return
        key, args = job
        try:
            result = _Answer(value=func(*args))
        except (SystemExit, KeyboardInterrupt):
            raise
        except BaseException as exc:
            result = _Answer(raised=f"{type(exc).__name__}: {exc}")
        try:
            conn.send((key, result))
        except (BrokenPipeError, OSError):
            return


def run(
    func: Callable[..., Any],
    jobs: Iterable[tuple[str, tuple[Any, ...]]],
    workers: int,
    on_start: Callable[[str], None],
    on_done: Callable[[str, Any, BaseException | None], None],
) -> None:
    """Run ``func(*args)`` for every ``(key, args)`` in at most ``workers`` processes.

    ``func`` must be importable (spawned workers import it) and should not
    raise; if it does, or its worker dies, ``on_done`` receives the exception.
    On any exception in the main process (Ctrl-C included) the workers are
    stopped before it propagates.
    """
    queue = list(jobs)
    ctx = mp.get_context("spawn")
    pool: list[_Worker] = []

    def start() -> _Worker:
        parent, child = ctx.Pipe()
        proc = ctx.Process(target=_worker_main, args=(child, func), daemon=True, name="lkjip-pekerja")
        proc.start()
        child.close()
        w = _Worker(proc, parent)
        pool.append(w)
        return w

    def give(w: _Worker) -> None:
        key, args = queue.pop(0)
        w.key = key
        w.conn.send((key, args))
        on_start(key)

    try:
        for _ in range(min(workers, len(queue))):
            give(start())
        while any(w.key is not None for w in pool):
            busy = [w for w in pool if w.key is not None]
            ready = wait([w.conn for w in busy] + [w.process.sentinel for w in busy])
            for w in busy:
                if w.conn in ready or w.process.sentinel in ready:
                    _collect(w, pool, on_done)
            idle = [w for w in pool if w.key is None and w.process.is_alive()]
            for w in idle:
                if queue:
                    give(w)
            while queue and sum(w.key is not None for w in pool) < workers:
                give(start())
    finally:
        stop(pool)


def _collect(w: _Worker, pool: list[_Worker], on_done: Callable[[str, Any, BaseException | None], None]) -> None:
    key = w.key
    assert key is not None
    answer = None
    try:
        if w.conn.poll():
            answer = w.conn.recv()
    except (EOFError, OSError):
        answer = None
    w.key = None
    if answer is None:  # the process ended without answering
        w.process.join(1)
        pool.remove(w)
        w.conn.close()
        on_done(key, None, WorkerDied(w.process.exitcode))
        return
    _, result = answer
    if result.raised is None:
        on_done(key, result.value, None)
    else:
        on_done(key, None, RuntimeError(result.raised))


def stop(pool: list[_Worker]) -> None:
    """End every worker: a polite request to idle ones, SIGTERM, then SIGKILL after a grace period.

    A second Ctrl-C while this runs is ignored: interrupting it would leave workers behind.
    """
    masked = threading.current_thread() is threading.main_thread()
    previous = signal.signal(signal.SIGINT, signal.SIG_IGN) if masked else None
    try:
        _stop_workers(pool)
    finally:
        if masked:
            signal.signal(signal.SIGINT, previous)


def _stop_workers(pool: list[_Worker]) -> None:
    for w in pool:
        if w.process.is_alive() and w.key is None:
            with contextlib.suppress(OSError):
                w.conn.send(None)
        elif w.process.is_alive():
            w.process.terminate()
    for w in pool:
        w.process.join(STOP_GRACE_SECONDS)
        if w.process.is_alive():
            w.process.kill()
            w.process.join(STOP_GRACE_SECONDS)
        w.conn.close()
    pool.clear()
