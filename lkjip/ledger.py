"""The hash-chained ledger of a year: ``output/<tahun>/riwayat.jsonl`` and ``SHA256SUMS``.

One JSON line per event (built, finalised, reopened, altered archive found),
appended and never rewritten. Each line records who (user and host), when,
the kecamatan, the sha256 of its ``manifest.json`` and of every output the
report folder must hold after the event, and ``sebelumnya``: the sha256 of
the previous line's bytes (without its line end; 64 zeros for the first).
An entry's hash is the sha256 of its own line, so an auditor checks the chain
with standard tools::

    sed -n 3p riwayat.jsonl | tr -d '\\n' | sha256sum     # = "sebelumnya" of line 4

The last line's hash is the head: ``lkjip final`` prints it in the receipt, and ``lkjip verify --kepala``
checks the chain still holds it. ``SHA256SUMS`` lists every file the ledger expects, the ledger too.

Recording a build is a step of the crash-safe swap of :mod:`lkjip.publish`: the entry is prepared in an
intent file (``.lkjip-niat-<slug>.json``) before the swap and appended right after the new report is in
place, before the previous one is removed. :func:`recover` (under the year's lock) completes an entry whose
report was published and drops the intent of one that was not: a crash is never mistaken for tampering.

The ledger is rewritten whole through a temporary file and a rename, under an
exclusive ``flock`` on the year folder, so batch workers append one at a time
and a crash never leaves half a line.
"""

from __future__ import annotations

import datetime as dt
import fcntl
import getpass
import json
import os
import socket
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import Any

from lkjip import ledger_names, publish, regular
from lkjip.errors import LedgerError
from lkjip.hashing import sha256_bytes, sha256_file

NAME = "riwayat.jsonl"
SUMS = "SHA256SUMS"
MANIFEST = "manifest.json"
GENESIS = "0" * 64
ASIDE = "_diubah"
"""Folder of the year where an altered archive is moved for inspection (never deleted)."""
RECEIPTS = "tanda_terima"
"""Folder of the year with the receipt of each final report (:mod:`lkjip.final`)."""
FORMER = "_final_lama"
"""Folder of the year where ``buka-final`` keeps a copy of the final report it reopens."""
INTENT = publish.PREFIX + "niat-"


class Event(StrEnum):
    """What an entry records; the value is the word written in the ledger."""

    BUILT = "dibuat"
    FINAL = "final"
    REOPENED = "buka-final"
    ALTERED = "diubah"
    """An output or the manifest no longer matched the ledger; the folder was moved to ``_diubah/``."""
    REMOVED = "dibersihkan"
    """A draft report removed on purpose (``lkjip bersihkan``, ``make clean``); the folder is gone."""


REQUIRED = {"no": int, "peristiwa": str, "kecamatan": str, "tahun": int, "waktu": str, "sebelumnya": str}


@dataclass(frozen=True)
class Entry:
    """One line of the ledger, as read."""

    no: int
    line: str
    data: dict[str, Any]

    @property
    def hash(self) -> str:
        return line_hash(self.line)

    @property
    def kecamatan(self) -> str:
        return str(self.data["kecamatan"])

    @property
    def event(self) -> str:
        return str(self.data["peristiwa"])

    @property
    def files(self) -> dict[str, str]:
        """The files the report folder holds after this event (name -> sha256), the manifest included."""
        found = dict(self.data.get("keluaran") or {})
        if self.data.get("manifest"):
            found[MANIFEST] = self.data["manifest"]
        return found

    @property
    def final(self) -> bool:
        return self.event == Event.FINAL


def line_hash(line: str) -> str:
    return sha256_bytes(line.encode("utf-8"))


def who() -> dict[str, str]:
    """The user and the host that act (the user id when the name is unknown)."""
    try:
        user = getpass.getuser()
    except (KeyError, OSError):
        user = str(os.getuid())
    return {"pengguna": user, "host": socket.gethostname()}


# ------------------------------------------------------------------------------------------------ reading


def read(year: Path) -> list[Entry]:
    """The entries of ``year``'s ledger (none when it has no ledger); raises LedgerError on a broken chain."""
    entries, problems = check_chain(year)
    if problems:
        raise LedgerError(
            f"Riwayat {year / NAME} rusak: {'; '.join(problems)}. Tidak ada yang ditulis. Perbaikan: pulihkan "
            f"{NAME} dari cadangan atau arsip yang utuh; bila tidak ada, pindahkan berkas itu ke {ASIDE}/ "
            "(jangan dihapus) agar riwayat baru dimulai, dan laporkan kejadian ini kepada pemeriksa."
        )
    return entries


def check_chain(year: Path) -> tuple[list[Entry], list[str]]:
    """Every entry that reads, and what breaks the chain (line numbers as an editor shows them)."""
    path = year / NAME
    if not path.exists() and not path.is_symlink():
        return [], []
    if not regular.is_regular(path):  # a FIFO would block the read; a link is no archived ledger
        return [], ["bukan berkas biasa (mis. tautan simbolik, folder atau FIFO)"]
    try:
        raw = path.read_bytes()
    except OSError as exc:
        return [], [f"tidak terbaca ({exc.strerror or exc})"]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        no = raw.count(b"\n", 0, exc.start) + 1
        return [], [f"baris {no}: bukan teks UTF-8 (byte ke-{exc.start + 1} berkas)"]
    if text and not text.endswith("\n"):
        return [], ["baris terakhir terpotong (tidak diakhiri baris baru)"]
    entries: list[Entry] = []
    problems: list[str] = []
    previous = GENESIS
    # Lines end at "\n" alone, as sed and the auditor's recipe see them: str.splitlines() would also split at
    # U+2028, U+2029 or NEL, which json.dumps(ensure_ascii=False) leaves raw inside a string, and drop a "\r".
    for no, line in enumerate(text.split("\n")[:-1] if text else [], 1):
        data, why = _parse(line, no, previous, year.name)
        if why:
            problems.append(f"baris {no}: {why}")
        if data is not None:
            entries.append(Entry(no, line, data))
        previous = line_hash(line)
    return entries, problems


def _parse(line: str, no: int, previous: str, tahun: str) -> tuple[dict[str, Any] | None, str]:
    try:
        data = json.loads(line, object_pairs_hook=ledger_names.no_duplicates)
    except ledger_names.Duplicate as exc:
        return None, f"kolom '{exc}' muncul dua kali"
    except ValueError:
        return None, "bukan JSON yang sah"
    if not isinstance(data, dict):
        return None, "bukan objek JSON"
    for key, kind in REQUIRED.items():
        if not isinstance(data.get(key), kind) or isinstance(data.get(key), bool):
            return None, f"kolom '{key}' tidak ada atau tidak sah"
    why = ledger_names.problem(data, MANIFEST)
    if why:
        return None, why
    if data["no"] != no:
        return data, f"nomor urut {data['no']}, seharusnya {no} (ada baris yang dihapus atau disisipkan)"
    if data["sebelumnya"] != previous:
        return data, "hash baris sebelumnya (sebelumnya) tidak cocok: baris sebelumnya diubah, dihapus atau disisipkan"
    if str(data["tahun"]) != tahun and tahun.isdigit():
        return data, f"tahun {data['tahun']} bukan tahun folder {tahun}"
    if data["peristiwa"] not in set(Event):
        return data, f"peristiwa '{data['peristiwa']}' tidak dikenal"
    return data, ""


def head(entries: list[Entry]) -> str:
    """The ledger's head: the hash of its last line (the genesis value when it is empty)."""
    return entries[-1].hash if entries else GENESIS


def latest(entries: list[Entry], slug: str) -> Entry | None:
    """The last entry of ``slug``: the state its report folder must be in."""
    return next((e for e in reversed(entries) if e.kecamatan == slug), None)


def differences(folder: Path, entry: Entry | None, allow: frozenset[str] = frozenset()) -> list[str]:
    """How the report folder differs from what the ledger expects (empty: it matches)."""
    return [message for _, message in mismatches(folder, entry, allow)]


def mismatches(folder: Path, entry: Entry | None, allow: frozenset[str] = frozenset()) -> list[tuple[str, str]]:
    """:func:`differences` with the file each is about (the folder's name when it is the whole folder).

    The folder must hold exactly the entry's files, as regular files (a symbolic link is no archived copy), and
    nothing else: a file the ledger does not know would be lost, unnoticed, when the report is rebuilt. Left
    alone: lkjip's own temporary files (a crash inside :func:`lkjip.publish.write_file`) and ``allow``.
    """
    if entry is None:
        return [(folder.name, "laporan tidak tercatat di riwayat")] if folder.exists() else []
    expected = entry.files
    if not expected:
        gone = "folder laporan ada, padahal riwayat mencatatnya sudah dipindahkan"
        return [(folder.name, gone)] if folder.exists() or folder.is_symlink() else []
    if not folder.is_dir() or folder.is_symlink():
        kind = "tautan simbolik, bukan folder" if folder.is_symlink() else "tidak ada"
        return [(folder.name, f"folder {folder.name} tercatat di riwayat baris {entry.no} tetapi {kind}")]
    found: list[tuple[str, str]] = []
    for name, digest in sorted(expected.items()):
        target = folder / name
        if not regular.is_regular(target):
            kind = regular.kind_of(os.lstat(target).st_mode) if target.is_symlink() or target.exists() else ""
            why = f"berupa {kind}, bukan berkas biasa" if kind else "tidak ada"
            found.append((name, f"{name} tercatat di riwayat baris {entry.no} tetapi {why}"))
        elif sha256_file(target) != digest:
            found.append((name, f"{name} tidak sama dengan sha256 di riwayat baris {entry.no}"))
    for p in sorted(folder.iterdir()):
        temporary = p.name.startswith(publish.PREFIX) and p.name.endswith(publish.TMP_SUFFIX)
        if p.name not in expected and p.name not in allow and not temporary:
            found.append((p.name, f"{p.name} ada di folder laporan tetapi tidak tercatat di riwayat baris {entry.no}"))
    return found


# ------------------------------------------------------------------------------------------------ writing


@contextmanager
def exclusive(year: Path) -> Iterator[None]:
    """An exclusive ``flock`` on the year folder: one writer of the ledger at a time (batch workers too)."""
    fd = os.open(year, os.O_RDONLY | os.O_DIRECTORY)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)


def append(year: Path, event: Event, slug: str, tahun: int, files: dict[str, str], **extra: Any) -> Entry:
    """Append one entry and rewrite ``SHA256SUMS``; ``files`` are the folder's files after the event."""
    with exclusive(year):
        return append_locked(year, event, slug, tahun, files, **extra)


def append_locked(year: Path, event: Event, slug: str, tahun: int, files: dict[str, str], **extra: Any) -> Entry:
    entries = read(year)
    check_witness(year)
    keluaran = {k: v for k, v in sorted(files.items()) if k != MANIFEST}
    data = {
        "no": len(entries) + 1,
        "peristiwa": event.value,
        "kecamatan": slug,
        "tahun": tahun,
        "waktu": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        **who(),
        "sebelumnya": head(entries),
        "manifest": files.get(MANIFEST),
        "keluaran": keluaran,
        **{k: v for k, v in extra.items() if v is not None},
    }
    line = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    text = "".join(e.line + "\n" for e in entries) + line + "\n"
    publish.write_file(year / NAME, text.encode("utf-8"), f"riwayat {year / NAME}")
    entry = Entry(len(entries) + 1, line, data)
    write_sums(year, [*entries, entry])
    return entry


def check_witness(year: Path) -> None:
    """Refuse to go on when ``SHA256SUMS`` holds another sha256 of the ledger than the file's.

    The last line has no successor whose ``sebelumnya`` hashes it: ``SHA256SUMS`` is its only witness in the
    folder, and writing after it would seal an edited last line into the chain. Accepted: the ledger as it
    is, or as it was before its last line (a crash between the ledger's rename and ``SHA256SUMS``'s), no
    ``SHA256SUMS`` (:func:`recover` writes it again) and no ledger yet.
    """
    path = year / NAME
    try:
        rows = (year / SUMS).read_text(encoding="utf-8").splitlines() if regular.is_regular(year / SUMS) else []
    except (OSError, UnicodeDecodeError):
        return
    witness = next((row.split("  ", 1)[0] for row in rows if row.endswith(f"  {NAME}")), None)
    if witness is None:
        return
    raw = path.read_bytes() if path.is_file() else b""
    if not raw:  # a new ledger (the broken one moved to _diubah/, as its message advises): nothing to witness
        return
    before = raw[: raw.rstrip(b"\n").rfind(b"\n") + 1]
    if witness in (sha256_bytes(raw), sha256_bytes(before)):
        return
    raise LedgerError(
        f"Riwayat {year / NAME} rusak atau diubah: {SUMS} mencatat sha256 lain untuknya, jadi baris terakhirnya "
        f"mungkin diubah setelah dicatat. Tidak ada yang ditulis. Perbaikan: periksa dengan lkjip verify {year}; "
        f"pulihkan {NAME} dari cadangan atau arsip yang utuh; bila justru {SUMS} yang salah, pindahkan berkas itu "
        f"ke {ASIDE}/ (jangan dihapus; ditulis ulang dari riwayat) dan laporkan kejadian ini kepada pemeriksa."
    )


def write_sums(year: Path, entries: list[Entry]) -> None:
    """``SHA256SUMS``: every file the ledger expects now, then the ledger itself, sorted by path."""
    publish.write_file(year / SUMS, sums_text(year, entries).encode("utf-8"), f"daftar sha256 {year / SUMS}")


def sums_text(year: Path, entries: list[Entry]) -> str:
    """What ``SHA256SUMS`` must say for these entries and the ledger file as it is."""
    rows = [(f"{e.kecamatan}/{name}", digest) for e in _last_of_each(entries) for name, digest in e.files.items()]
    if (year / NAME).is_file():
        rows.append((NAME, sha256_file(year / NAME)))
    return "".join(f"{digest}  {path}\n" for path, digest in sorted(rows))


def _last_of_each(entries: list[Entry]) -> list[Entry]:
    return list({e.kecamatan: e for e in entries}.values())


def folder_files(folder: Path) -> dict[str, str]:
    """The sha256 of the manifest and of every output it lists (whatever formats exist)."""
    listed = json.loads((folder / MANIFEST).read_text(encoding="utf-8")).get("keluaran", {})
    names = sorted({MANIFEST, *(n for n in listed if isinstance(n, str) and Path(n).name == n)})
    return {n: sha256_file(folder / n) for n in names if (folder / n).is_file()}


# ------------------------------------------------------------------------------------------------ the swap


def publish_report(tmp: Path, final: Path) -> None:
    """Publish the report in ``tmp`` as ``final`` (:func:`lkjip.publish.publish`) and record it in the ledger."""
    year, slug = final.parent, final.name
    files = folder_files(tmp)
    tahun = int(json.loads((tmp / MANIFEST).read_text(encoding="utf-8"))["parameter"]["tahun"])
    intent = year / f"{INTENT}{slug}.json"
    text = json.dumps({"kecamatan": slug, "tahun": tahun, "berkas": files}, sort_keys=True)
    publish.write_file(intent, text.encode("utf-8"), f"catatan riwayat {intent}")
    publish.crash_point("niat-ditulis")

    def record() -> None:
        _complete(year, slug, tahun, files)

    publish.publish(tmp, final, after_swap=record)
    intent.unlink(missing_ok=True)


def _complete(year: Path, slug: str, tahun: int, files: dict[str, str], **extra: Any) -> None:
    """Append the build entry unless the ledger already records exactly these files for ``slug``."""
    with exclusive(year):
        current = latest(read(year), slug)
        if current is not None and current.event == Event.BUILT and current.files == files:
            check_witness(year)
            write_sums(year, read(year))  # recorded before a crash; SHA256SUMS may not have followed
            return
        append_locked(year, Event.BUILT, slug, tahun, files, **extra)


def recover(year: Path) -> list[str]:
    """Complete or drop interrupted ledger entries, then :func:`lkjip.publish.recover`; under the year's lock."""
    done: list[str] = []
    if not year.is_dir():
        return done
    for intent in sorted(year.glob(f"{INTENT}*.json")):
        try:
            plan = json.loads(intent.read_text(encoding="utf-8"))
            slug, tahun, files = plan["kecamatan"], int(plan["tahun"]), dict(plan["berkas"])
            if not ledger_names.plain_name(slug) or str(slug).startswith((".", "_")):
                raise ValueError(slug)  # never a report of this year: its entry would break the chain
        except (OSError, ValueError, KeyError, TypeError):
            intent.unlink(missing_ok=True)  # written through a rename: unreadable only if it was never ours
            continue
        final = year / slug
        manifest = final / MANIFEST
        if publish.complete(final) and manifest.is_file() and sha256_file(manifest) == files[MANIFEST]:
            _complete(year, slug, tahun, files, dipulihkan=True)
            done.append(f"catat {slug}")
        intent.unlink(missing_ok=True)
    done += publish.recover(year)
    if (year / NAME).is_file() and not (year / SUMS).is_file():
        with exclusive(year):
            write_sums(year, read(year))
    return done
