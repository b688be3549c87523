"""The batch's live display (rich): a state per kecamatan, overall progress with time left, a summary."""

from __future__ import annotations

import time
from typing import Any

from rich.console import Console, Group
from rich.live import Live
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn, TimeRemainingColumn
from rich.table import Table
from rich.text import Text

from lkjip.batch import BUILT, FAILED, RUNNING, SKIPPED, WAITING, Outcome, Status

STYLE = {WAITING: "dim", RUNNING: "cyan", BUILT: "green", SKIPPED: "blue", FAILED: "red"}


class BatchDisplay:
    def __init__(self, console: Console) -> None:
        self.console = console
        self.states: dict[str, tuple[Status, str]] = {}
        self.started: dict[str, float] = {}
        self.progress = Progress(
            TextColumn("Laporan"),
            BarColumn(),
            MofNCompleteColumn(),
            TextColumn("berlalu"),
            TimeElapsedColumn(),
            TextColumn("sisa"),
            TimeRemainingColumn(),
            console=console,
        )
        self.task = self.progress.add_task("batch", total=0)
        self.live = Live(self._render(), console=console, refresh_per_second=4, transient=True)

    def __enter__(self) -> BatchDisplay:
        self.live.__enter__()
        return self

    def __exit__(self, *exc: Any) -> None:
        self.live.__exit__(*exc)

    def _render(self) -> Group:
        table = Table(show_header=True, header_style="bold", box=None, pad_edge=False)
        table.add_column("Kecamatan")
        table.add_column("Status")
        for slug, (state, note) in self.states.items():
            if state in (WAITING, SKIPPED, BUILT) and len(self.states) > 30:
                continue  # keep a long run readable: show what is running or failed
            table.add_row(slug, f"[{STYLE[state]}]{state}[/] {note}")
        return Group(self.progress, table)

    def event(self, slug: str, state: Status, outcome: Outcome | None) -> None:
        note = ""
        if state == WAITING:
            self.progress.update(self.task, total=(self.progress.tasks[0].total or 0) + 1)
        elif state == RUNNING:
            self.started[slug] = time.perf_counter()
        elif outcome is not None and state in (BUILT, FAILED):
            self.progress.advance(self.task)
            note = f"{outcome.seconds:.1f} dtk"
            self.console.log(
                f"{slug}: {state} ({note})" + (f" - {outcome.message.splitlines()[0]}" if state == FAILED else "")
            )
        self.states[slug] = (state, note)
        self.live.update(self._render())

    def summary(self, outcomes: list[Outcome]) -> None:
        counts = {s: sum(o.status == s for o in outcomes) for s in (BUILT, SKIPPED, FAILED)}
        table = Table(title="Ringkasan batch", show_lines=False)
        for col in ("Kecamatan", "Status", "Detik", "Keterangan"):
            table.add_column(col)
        for o in outcomes:
            if o.status == SKIPPED and len(outcomes) > 30:
                continue
            note = o.message
            if o.failed_notebook:
                note += f"\nNotebook gagal: {o.failed_notebook}"
            table.add_row(o.kecamatan, f"[{STYLE[o.status]}]{o.status}[/]", f"{o.seconds:.1f}", Text(note))
        self.console.print(table)
        self.console.print(
            f"Dibuat {counts[BUILT]}, dilewati {counts[SKIPPED]}, gagal {counts[FAILED]} dari {len(outcomes)}."
        )
        altered = [o.kecamatan for o in outcomes if o.extra.get("diubah")]
        if altered:
            self.console.print(
                Text(
                    f"PERINGATAN: arsip {len(altered)} laporan berubah sejak dicatat di riwayat "
                    f"({', '.join(altered)}). "
                    "Salinan yang berubah ada di folder _diubah/ tahun ini dan tercatat di riwayat.jsonl; "
                    "periksa dan laporkan kepada pemeriksa.",
                    style="bold red",
                )
            )
