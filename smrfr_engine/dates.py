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


def day_range(start, end, what: str = "") -> tuple[pd.Timestamp | None, pd.Timestamp | None]:
    """``start`` and ``end`` as days (:func:`parse_day`; None or empty stays None: open), or
    :class:`SmrfrError` when the end is before the start. ``what`` names the range in messages
    (``climatology`` -> "climatology end date ... is before climatology start date ...")."""
    prefix = f"{what} " if what else ""
    first = parse_day(start, f"{prefix}start") if start else None
    last = parse_day(end, f"{prefix}end") if end else None
    if first is not None and last is not None and last < first:
        raise SmrfrError(f"{prefix}end date {last.date()} is before {prefix}start date {first.date()}")
    return first, last
