"""Domain and cross-table rules, run on the typed tables of one year.

Each rule returns problems; none raises. Rules for a kecamatan run only when
its rows passed the schema (see :func:`lkjip.validate.validate`), so a
wrongly typed cell never shows up twice as a broken sum.

One module per concern: :mod:`~lkjip.rules.shared` and :mod:`~lkjip.rules.tugas_fungsi` (shared tables),
:mod:`~lkjip.rules.kecamatan`, :mod:`~lkjip.rules.kinerja` and
:mod:`~lkjip.rules.anggaran` and :mod:`~lkjip.rules.hierarki` (a kecamatan's tables), all built with
:class:`~lkjip.rules.at.At`.
"""

from __future__ import annotations

from lkjip.rules.anggaran import check_anggaran
from lkjip.rules.at import Rule
from lkjip.rules.hierarki import check_hierarki
from lkjip.rules.kecamatan import check_organisasi, check_pegawai, check_profil, check_renstra, check_sumber
from lkjip.rules.kinerja import check_kinerja
from lkjip.rules.shared import check_kabupaten, check_registry, check_regulasi, check_skala
from lkjip.rules.tugas_fungsi import check_tugas_fungsi

__all__ = [
    "PER_KECAMATAN",
    "Rule",
    "check_kabupaten",
    "check_registry",
    "check_regulasi",
    "check_skala",
    "check_tugas_fungsi",
]

PER_KECAMATAN: tuple[Rule, ...] = (
    check_profil,
    check_organisasi,
    check_pegawai,
    check_renstra,
    check_kinerja,
    check_anggaran,
    check_hierarki,
    check_sumber,
)
