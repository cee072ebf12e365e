"""Daily aggregation, gap filling, sensor-to-layer mapping, cell averaging and rescaling.

Layer mapping (documented in the README, rules of :meth:`LayerScheme.layer_for_sensor`): a point sensor
belongs to the layer containing its depth (a depth on a boundary to the layer above); a sensor spanning
an interval (cosmic-ray probe 0-19 cm) to the layer holding the largest share of it, ties to the upper
layer. When several sensors fall into one station layer, ``nearest`` keeps those whose mid-depth is
nearest the layer's mid-depth (SoMo.ml) and averages them (replicates at one depth); ``mean`` averages all.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..layers import LayerScheme


def to_daily(sm: pd.Series, min_obs: int = 6) -> pd.DataFrame:
    """Daily means (``sm``) of a time-indexed series with the number of values averaged (``n_obs``).

    Sub-daily series keep only days with at least ``min_obs`` values; a series already daily (median
    step of 23 h or more) keeps every day.
    """
    if sm.empty:
        return pd.DataFrame({"sm": [], "n_obs": []}, index=pd.DatetimeIndex([], name="date"))
    days = sm.index.floor("D")
    grouped = sm.groupby(days)
    daily = pd.DataFrame({"sm": grouped.mean(), "n_obs": grouped.count()})
    daily.index.name = "date"
    steps = np.diff(sm.index.to_numpy()).astype("timedelta64[m]").astype(float)
    sub_daily = len(steps) > 0 and np.median(steps) < 23 * 60
    return daily[daily["n_obs"] >= min_obs] if sub_daily else daily


def fill_gaps(daily: pd.DataFrame, max_days: int) -> pd.DataFrame:
    """Linearly interpolate missing days that have valid days within ``max_days`` on both sides (SMCI1.0
    uses 5). Filled days get ``n_obs = 0``."""
    if max_days <= 0 or len(daily) < 2:
        return daily
    full = daily.reindex(pd.date_range(daily.index[0], daily.index[-1], freq="D", name="date"))
    valid = pd.Series(np.where(full["sm"].notna(), np.arange(len(full)), np.nan), index=full.index)
    gap_before = np.arange(len(full)) - valid.ffill().to_numpy()
    gap_after = valid.bfill().to_numpy() - np.arange(len(full))
    fillable = full["sm"].isna().to_numpy() & (gap_before <= max_days) & (gap_after <= max_days)
    full["sm"] = full["sm"].interpolate(limit_area="inside").where(full["sm"].notna() | fillable)
    full["n_obs"] = full["n_obs"].fillna(0).astype(int)
    return full[full["sm"].notna()]


def depth_cm(metres: float) -> float:
    """A sensor depth in metres as cm, rounded to 1e-6 cm: 0.07 m is 7 cm, not 7.000000000000001."""
    return round(metres * 100, 6)


def sensor_layer(scheme: LayerScheme, depth_from: float, depth_to: float) -> tuple[int | None, str]:
    """0-based layer index of a sensor with depths in metres, or None with the reason; the depths are
    compared in :func:`depth_cm`, so a sensor on a boundary goes to the layer above."""
    if not (np.isfinite(depth_from) and np.isfinite(depth_to)) or min(depth_from, depth_to) < 0:
        return None, f"unknown depth {depth_from:g}-{depth_to:g} m"
    index = scheme.layer_for_sensor(depth_cm(depth_from), depth_cm(depth_to))
    if index is None:
        return None, (
            f"depth {depth_from * 100:g}-{depth_to * 100:g} cm outside the {scheme.name} layers "
            f"({scheme[0].top:g}-{scheme[-1].bottom:g} cm)"
        )
    return index, ""


def choose_sensors(mid_depths: dict[str, float], layer_mid: float, rule: str) -> list[str]:
    """Keys of the sensors used for one station layer: all (``mean``) or those whose mid-depth (cm) is
    nearest ``layer_mid`` (``nearest``)."""
    if rule == "mean":
        return list(mid_depths)
    distance = {key: abs(mid - layer_mid) for key, mid in mid_depths.items()}
    best = min(distance.values())
    return [key for key, value in distance.items() if np.isclose(value, best)]


def combine(dailies: list[pd.DataFrame]) -> pd.DataFrame:
    """Average several daily series day by day: ``sm`` mean, ``n_obs`` summed, ``n_sensors`` counted."""
    stacked = pd.concat(dailies, keys=range(len(dailies)), names=["sensor", "date"]).reset_index()
    grouped = stacked.groupby("date")
    return pd.DataFrame(
        {
            "sm": grouped["sm"].mean(),
            "n_obs": grouped["n_obs"].sum().astype(int),
            "n_sensors": grouped["sm"].count().astype(int),
        }
    )


def rescale(series: pd.Series, reference: pd.Series) -> pd.Series:
    """``(x - mean_x) * std_ref / std_x + mean_ref`` with both statistics over the common dates
    (SoMo.ml, SMCI1.0: station series matched to the reanalysis cell)."""
    common = series.index.intersection(reference.dropna().index)
    x, ref = series.loc[common], reference.loc[common]
    if len(common) < 2 or not x.std() > 1e-9:
        raise ValueError(f"only {len(common)} common days with the reference or a constant series")
    return (series - x.mean()) * ref.std() / x.std() + ref.mean()


def weighted_layers(values: np.ndarray, weights: list[float]) -> np.ndarray:
    """``sum_i w_i values[i]`` over the layers (first axis) with a non-zero weight (NaN elsewhere ignored)."""
    return sum(w * values[i] for i, w in enumerate(weights) if w > 0)
