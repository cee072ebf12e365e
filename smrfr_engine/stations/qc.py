"""Quality control of sub-daily in-situ soil moisture: ISMN flags and Dorigo et al. (2013) checks.

Each check returns a boolean mask of the values it rejects, so every drop can be counted and logged.
ISMN data carry the flags of Dorigo et al. (2013) already; the plausibility checks here are for data
without flags (user tables) and follow the same rules in a simplified, documented form:

- range (C01-C03): ``sm < 0`` or ``sm > porosity`` (the station's saturation, else ``max_value``);
- spike (D06): a jump of more than ``spike_rel`` (relative) from the previous value that is reversed
  at the next value (the next value is back within half the jump of the previous one);
- break (D07): a drop by more than ``break_abs`` m3/m3 and ``break_rel`` (relative) in one step that is
  not reversed at the next value. Positive breaks (D08) need precipitation to tell them from rain and
  are not checked;
- plateau (D09/D10): a run of identical values lasting at least ``plateau_days``.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..options import QcOptions


def accepted_flags(options: QcOptions) -> set[str]:
    return set(options.accept_flags) | ({"U"} if options.accept_unchecked else set())


def flag_rejects(flags: pd.Series, options: QcOptions) -> dict[str, pd.Series]:
    """Masks of the values whose ISMN flag is not accepted, one per flag (comma-joined flags such as
    ``D03,D05`` are one flag value and rejected unless listed whole)."""
    rejected = ~flags.isin(accepted_flags(options))
    return {f"ISMN flag {flag}": flags == flag for flag in sorted(flags[rejected].unique())}


def range_rejects(sm: pd.Series, upper: float) -> pd.Series:
    """Values below 0 or above ``upper`` (porosity) m3/m3."""
    return (sm < 0) | (sm > upper)


def spike_rejects(sm: pd.Series, rel: float = 0.15) -> pd.Series:
    """Values that jump by more than ``rel`` relative to the previous one and come straight back."""
    before, after = sm.shift(1), sm.shift(-1)
    jump = sm - before
    with np.errstate(divide="ignore", invalid="ignore"):
        large = (jump.abs() / before.abs()) > rel
    back = (after - before).abs() < 0.5 * jump.abs()
    return (large & back).fillna(False).astype(bool)


def break_rejects(sm: pd.Series, abs_change: float = 0.01, rel: float = 0.10) -> pd.Series:
    """Values after a one-step drop larger than ``abs_change`` and ``rel`` that is not reversed."""
    before, after = sm.shift(1), sm.shift(-1)
    drop = before - sm
    with np.errstate(divide="ignore", invalid="ignore"):
        large = (drop > abs_change) & (drop / before > rel)
    reversed_ = (after - before).abs() < 0.5 * drop
    return (large & ~reversed_).fillna(False).astype(bool)


def plateau_rejects(sm: pd.Series, days: float = 5.0) -> pd.Series:
    """Values in runs of identical values lasting at least ``days`` (first to last time stamp)."""
    if sm.empty:
        return pd.Series(False, index=sm.index)
    run = (sm != sm.shift(1)).cumsum()
    times = pd.Series(sm.index, index=sm.index)
    span = times.groupby(run.to_numpy()).transform(lambda t: t.iloc[-1] - t.iloc[0])
    return (span >= pd.Timedelta(days=days)) & sm.notna()


def quality_control(
    data: pd.DataFrame, options: QcOptions, porosity: float = np.nan
) -> tuple[pd.Series, list[tuple[str, int, str]]]:
    """Apply the switched-on checks to ``data`` (columns ``sm`` and optionally ``flag``).

    Returns the kept values and ``(step, n_dropped, reason)`` for every check that dropped values. A time
    given twice (two exports of one period joined) keeps its first value.
    """
    sm = data["sm"].astype(float)
    log = []
    repeated = sm.index.duplicated()
    if repeated.any():
        log.append(("duplicate", int(repeated.sum()), "a time given again (the first value kept)"))
        sm = sm[~repeated]
        data = data[~repeated]
    missing = sm.isna()
    if missing.any():
        log.append(("missing", int(missing.sum()), "no value"))
        sm = sm[~missing]
    flags = data["flag"].reindex(sm.index).fillna("").astype(str) if "flag" in data else None
    has_flags = flags is not None and bool((flags != "").any())
    if has_flags:
        for reason, mask in flag_rejects(flags, options).items():
            log.append(("flag", int(mask.sum()), reason))
        sm = sm[flags.isin(accepted_flags(options))]
    if options.plausibility == "always" or (options.plausibility == "auto" and not has_flags):
        upper = porosity if np.isfinite(porosity) else options.max_value
        checks = [
            ("range", lambda s: range_rejects(s, upper), f"outside 0..{upper:g} m3/m3 (Dorigo C01-C03)"),
            (
                "spike",
                lambda s: spike_rejects(s, options.spike_rel),
                f"spike > {options.spike_rel:.0%} (Dorigo D06)",
            ),
            (
                "break",
                lambda s: break_rejects(s, options.break_abs, options.break_rel),
                f"negative break > {options.break_abs:g} m3/m3 and {options.break_rel:.0%} (Dorigo D07)",
            ),
            (
                "plateau",
                lambda s: plateau_rejects(s, options.plateau_days),
                f"constant for >= {options.plateau_days:g} days (Dorigo D09/D10)",
            ),
        ]
        for step, check, reason in checks:
            mask = check(sm)
            if mask.any():
                log.append((step, int(mask.sum()), reason))
                sm = sm[~mask]
    return sm, log
