"""Days given by users (``YYYY-MM-DD``): one parser, one clear error."""

from __future__ import annotations

import numbers
import re
import warnings

import pandas as pd

from .errors import SmrfrError

#: a day as text: YYYY-MM-DD, optionally with a time (never 01/06/2021, which pandas reads as January 6)
ISO_DAY = re.compile(r"\s*\d{4}-\d{2}-\d{2}([T ].*)?$")


def parse_day(value, name: str = "date") -> pd.Timestamp:
    """``value`` (text, ``datetime.date``/``datetime``, ``numpy.datetime64`` or ``pandas.Timestamp``) as a
    day at midnight, a time with a time zone as its UTC day; :class:`SmrfrError` naming ``name`` and the
    value when it is not a calendar day (``2021-02-30``, ``2021-13-01``, ``yesterday``), is text not in the
    form YYYY-MM-DD (``01/06/2021``: day or month first?) or a number (pandas reads ``2021`` as 2021
    nanoseconds after 1970)."""
    unread = isinstance(value, numbers.Number) or isinstance(value, str) and not ISO_DAY.match(value)
    try:
        day = pd.NaT if unread else pd.Timestamp(value)
    except (ValueError, TypeError):
        day = pd.NaT
    if pd.isna(day):
        raise SmrfrError(f"{name} {value!r} is not a date: use YYYY-MM-DD")
    return (day if day.tz is None else day.tz_convert(None)).normalize()


def parse_times(values: pd.Series, source: str) -> pd.Series:
    """The times of a table column as naive UTC timestamps, NaT where a value is none: ISO 8601 at any
    precision (UTC offsets converted), else the one day/month order that reads the most values, for the
    whole column (never 01/12/2019 as January and 13/12/2019 as December); :class:`SmrfrError` naming
    ``source`` when both orders read every value, differently (all days 12 or less)."""
    values = pd.Series(values)
    iso = pd.to_datetime(values, errors="coerce", utc=True, format="ISO8601")
    if iso.notna().sum() == values.notna().sum():  # the usual case: no other reading can read more
        return iso.dt.tz_convert(None)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)  # pandas' "could not infer format" notes
        month_first, day_first = (pd.to_datetime(values, errors="coerce", utc=True, dayfirst=dayfirst)
                                  for dayfirst in (False, True))
    readings = (iso, month_first, day_first)
    counts = [times.notna().sum() for times in readings]
    if counts[1] == counts[2] > counts[0] and not month_first.equals(day_first):
        example = values[month_first.ne(day_first)].iloc[0]
        raise SmrfrError(f"{source}: dates such as {example!r} may be day/month or month/day: "
                         "write them as YYYY-MM-DD")
    return readings[counts.index(max(counts))].dt.tz_convert(None)


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


def gaps(times) -> list[tuple[pd.Timestamp, pd.Timestamp]]:
    """The missing stretches ``(first, last)`` of days between the first and last of the daily ``times``
    (none for an axis whose usual step is longer than a day, such as 8-day composites)."""
    days = pd.DatetimeIndex(times).normalize().unique().sort_values()
    steps = days[1:] - days[:-1]
    if len(steps) == 0 or steps.median() > pd.Timedelta(days=1):
        return []
    one = pd.Timedelta(days=1)
    return [(before + one, after - one)
            for before, after, step in zip(days[:-1], days[1:], steps) if step > one]


def days_within(times, start, end, source: str, feedback=None, what: str = "") -> pd.DatetimeIndex:
    """The days of the time axis ``times`` of ``source`` (e.g. "the product X") from ``start`` to ``end``
    (:func:`day_range`, ``what`` as there; an open end is the axis end). None of them is an error; a
    range reaching beyond the axis is cut to it, with a warning to ``feedback``."""
    times = pd.DatetimeIndex(times)
    first, last = day_range(start, end, what)
    first, last = times[0] if first is None else first, times[-1] if last is None else last
    days = times[(times >= first) & (times <= last)]
    asked = f"{what} dates {first.date()}..{last.date()}".strip()
    covers = f"{source}, which covers {times[0].date()}..{times[-1].date()}"
    before, after = times[times < first], times[times > last]
    if len(days) == 0 and len(before) and len(after):  # say, a missing yearly store
        raise SmrfrError(f"{asked} fall in a gap of {covers}: it has no day between {before[-1].date()} and "
                         f"{after[0].date()}")
    if len(days) == 0:
        raise SmrfrError(f"{asked} are outside {covers}")
    if feedback and (first < times[0] or last > times[-1]):
        feedback.warning(f"{asked} reach beyond {covers}: {days[0].date()}..{days[-1].date()} kept")
    return days
