"""Days given by users (``YYYY-MM-DD``): one parser, one clear error."""

from __future__ import annotations

import pandas as pd

from .errors import SmrfrError


def parse_day(value, name: str = "date") -> pd.Timestamp:
    """``value`` (text, date or timestamp) as a day at midnight; :class:`SmrfrError` naming ``name`` and
    the value when it is not a calendar day (``2021-02-30``, ``2021-13-01``, ``yesterday``)."""
    try:
        day = pd.Timestamp(value)
    except (ValueError, TypeError):
        day = pd.NaT
    if pd.isna(day):
        raise SmrfrError(f"{name} {value!r} is not a date: use YYYY-MM-DD")
    return day.normalize()
