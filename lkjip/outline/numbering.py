"""Numbers of the outline: per-chapter counters for tables, charts and pictures; chapter titles."""

from __future__ import annotations

from dataclasses import dataclass, field

ROMAN = ["", "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X"]


@dataclass
class Numbering:
    """Per-chapter counters for each kind of numbered block."""

    count: dict[tuple[str, int], int] = field(default_factory=dict)
    flat: dict[str, int] = field(default_factory=dict)

    def next(self, kind: str, bab: int) -> str:
        n = self.count.get((kind, bab), 0) + 1
        self.count[(kind, bab)] = n
        return f"{kind} {bab}.{n}"

    def next_flat(self, kind: str) -> str:
        n = self.flat.get(kind, 0) + 1
        self.flat[kind] = n
        return f"{kind} {n}"


def bab_label(bab: int, judul: str) -> str:
    return f"BAB {ROMAN[bab]} {judul}"
