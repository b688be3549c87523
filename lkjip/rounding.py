"""Half-up rounding, shared by calculation and formatting (a leaf module)."""

from __future__ import annotations

import math
import numbers
from decimal import ROUND_HALF_UP, Decimal

REPORT_DECIMALS = 2
"""Percentages in the report carry two decimals (``99,59``)."""


def round_half_up(value: float | Decimal | numbers.Real, digits: int = REPORT_DECIMALS) -> Decimal:
    """``value`` rounded half-up to ``digits`` decimals, e.g. 1,925 -> 1,93.

    Floats are taken at their shortest repr, so 99.585 rounds to 99,59 as a
    reader would expect, not to the binary neighbour's 99,58. Integers
    (Python's or numpy's: :class:`numbers.Integral`) are exact.
    """
    exp = Decimal(1).scaleb(-digits)
    if isinstance(value, Decimal):
        exact = value
    elif isinstance(value, numbers.Integral):
        exact = Decimal(int(value))
    else:
        exact = Decimal(repr(float(value)))
    return exact.quantize(exp, rounding=ROUND_HALF_UP)


def shown(value: float, digits: int = REPORT_DECIMALS) -> float:
    """``value`` as the report shows it, back as a float; NaN stays NaN."""
    if value is None or math.isnan(value):
        return math.nan
    return float(round_half_up(value, digits))
