"""Every check of one year's data, in order: the tables, then each kecamatan's own folder.

The two steps live apart (:mod:`lkjip.validate` knows tables, rows and
domain rules; :mod:`lkjip.overrides` knows narrative overrides, placeholders
and images); :func:`check` is the one call that runs both, used by
``lkjip check``, the batch worker before it starts a kernel
(:func:`lkjip.render.check_data`) and the notebook (:func:`lkjip.report.buka`).
"""

from __future__ import annotations

import os

from lkjip import overrides, validate
from lkjip.validate import ValidationReport


def check(
    data: str | os.PathLike[str], tahun: int, kecamatan: list[str] | None = None, match: bool = False
) -> ValidationReport:
    """Validate the tables of ``tahun`` (:func:`lkjip.validate.validate`), then the checked kecamatan's folders.

    Arguments and result as :func:`lkjip.validate.validate`; the result also
    holds the problems of the narrative overrides and appendix images
    (:func:`lkjip.overrides.check`).
    """
    report = validate.validate(data, tahun, kecamatan, match)
    return overrides.check(report, data)
