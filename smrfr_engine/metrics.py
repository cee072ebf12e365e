"""Skill metrics of an estimate ``x`` against observations ``y`` over matched pairs (pytesmo style).

Every function takes two equal-length arrays of valid pairs (NaNs already dropped). ``compute_metrics``
drops NaNs pairwise, checks the sample size and returns every metric at once, and ``metrics_table``
does it per group of a table. Soil moisture is in m3/m3, so bias, RMSE, ubRMSE and MAE are too.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from pathlib import Path
from statistics import NormalDist

import numpy as np
import pandas as pd

from .atomic import atomic_output, check_apart, check_target
from .csvfile import read_csv
from .errors import SmrfrError, check_range
from .feedback import Feedback
from .options import MIN_N, as_names

#: anomaly window (days, centred) and the minimum number of values in it, as SoMo.ml
ANOMALY_WINDOW_DAYS = 35
ANOMALY_MIN_VALUES = 10
#: the columns of :func:`compute_metrics`, in order
METRIC_COLUMNS = ("n", "r", "r_low", "r_high", "r2", "bias", "rmse", "ubrmse", "mae", "nrmse", "nse",
                  "kge", "kge_r", "kge_alpha", "kge_beta", "anomaly_r", "anomaly_n", "reason")
#: the numeric skill scores summarised over stations
SCORES = ("r", "r2", "bias", "rmse", "ubrmse", "mae", "nrmse", "nse", "kge", "anomaly_r")


def bias(x: np.ndarray, y: np.ndarray) -> float:
    """bias = mean(x - y): positive when the estimate is too wet."""
    return float(np.mean(x - y))


def rmse(x: np.ndarray, y: np.ndarray) -> float:
    """RMSE = sqrt(mean((x - y)^2))."""
    return float(np.sqrt(np.mean((x - y) ** 2)))


def ubrmse(x: np.ndarray, y: np.ndarray) -> float:
    """ubRMSE = sqrt(mean(((x - mean x) - (y - mean y))^2)) = sqrt(RMSE^2 - bias^2)."""
    return float(np.sqrt(np.mean(((x - x.mean()) - (y - y.mean())) ** 2)))


def mae(x: np.ndarray, y: np.ndarray) -> float:
    """MAE = mean(|x - y|)."""
    return float(np.mean(np.abs(x - y)))


def nrmse(x: np.ndarray, y: np.ndarray) -> float:
    """NRMSE = RMSE / mean(y) (SoMo.ml); NaN when mean(y) is 0."""
    mean_y = float(np.mean(y))
    return rmse(x, y) / mean_y if mean_y != 0 else math.nan


def pearson_r(x: np.ndarray, y: np.ndarray) -> float:
    """R = sum((x - mean x)(y - mean y)) / sqrt(sum((x - mean x)^2) sum((y - mean y)^2)); NaN if
    either series is constant."""
    dx, dy = x - x.mean(), y - y.mean()
    denominator = math.sqrt(float(np.sum(dx * dx)) * float(np.sum(dy * dy)))
    return float(np.sum(dx * dy)) / denominator if denominator > 0 else math.nan


def nse(x: np.ndarray, y: np.ndarray) -> float:
    """NSE = 1 - SSE/SST with SSE = sum((x - y)^2), SST = sum((y - mean y)^2) (Nash-Sutcliffe).

    This is also the coefficient of determination R2 reported by the papers (``r2`` column); it is
    not the square of R and is negative when the estimate is worse than the observed mean.
    """
    sst = float(np.sum((y - y.mean()) ** 2))
    return 1.0 - float(np.sum((x - y) ** 2)) / sst if sst > 0 else math.nan


def kge(x: np.ndarray, y: np.ndarray) -> tuple[float, float, float, float]:
    """Kling-Gupta efficiency (Gupta et al. 2009) and its components ``(kge, r, alpha, beta)``:
    KGE = 1 - sqrt((r - 1)^2 + (alpha - 1)^2 + (beta - 1)^2), alpha = sd(x)/sd(y), beta = mean(x)/mean(y)
    (population standard deviations)."""
    r = pearson_r(x, y)
    sd_y, mean_y = float(np.std(y)), float(np.mean(y))
    alpha = float(np.std(x)) / sd_y if sd_y > 0 else math.nan
    beta = float(np.mean(x)) / mean_y if mean_y != 0 else math.nan
    score = 1.0 - math.sqrt((r - 1) ** 2 + (alpha - 1) ** 2 + (beta - 1) ** 2)
    return score, r, alpha, beta


def fisher_z_interval(r: float, n: int, confidence: float = 0.95) -> tuple[float, float]:
    """Confidence interval of a Pearson R by the Fisher z transform:
    z = atanh(r), se = 1/sqrt(n - 3), interval = tanh(z -+ z_(1+c)/2 * se); NaN when n <= 3."""
    if n <= 3 or not np.isfinite(r):
        return math.nan, math.nan
    z = math.atanh(min(max(r, -1 + 1e-15), 1 - 1e-15))
    half = NormalDist().inv_cdf(0.5 + confidence / 2) / math.sqrt(n - 3)
    return math.tanh(z - half), math.tanh(z + half)


def anomalies(values: np.ndarray, dates: Sequence, window: int = ANOMALY_WINDOW_DAYS,
              min_values: int = ANOMALY_MIN_VALUES) -> np.ndarray:
    """Anomalies of one daily series (SoMo.ml): value minus the mean of the values within the centred
    ``window``-day window (day t - (window-1)/2 .. t + (window-1)/2); NaN where the window holds fewer
    than ``min_values`` valid values. Dates must be unique."""
    values = np.asarray(values, dtype=float)
    days = pd.DatetimeIndex(dates).normalize()
    if days.has_duplicates:
        raise SmrfrError("anomalies need one value per day: the series has repeated dates "
                         f"(e.g. {days[days.duplicated()][0].date()})")
    if len(values) == 0:
        return values
    index = ((days - days.min()) // pd.Timedelta(days=1)).to_numpy()
    dense = np.full(index.max() + 1, np.nan)
    dense[index] = values
    valid = np.isfinite(dense)
    sums = np.concatenate([[0.0], np.cumsum(np.where(valid, dense, 0.0))])
    counts = np.concatenate([[0], np.cumsum(valid)])
    half = (window - 1) // 2
    low, high = np.clip(index - half, 0, len(dense)), np.clip(index + half + 1, 0, len(dense))
    count = counts[high] - counts[low]
    with np.errstate(invalid="ignore", divide="ignore"):
        mean = (sums[high] - sums[low]) / count
    return np.where(count >= min_values, values - mean, np.nan)


def _series_anomalies(x: np.ndarray, y: np.ndarray, dates, series) -> tuple[np.ndarray, np.ndarray]:
    """Anomalies of x and y computed within each series (station), over the valid pairs only."""
    frame = pd.DataFrame({"x": x, "y": y, "date": pd.to_datetime(dates),
                          "series": 0 if series is None else np.asarray(series)})
    ax, ay = np.full(len(x), np.nan), np.full(len(x), np.nan)
    for name, rows in frame.groupby("series", sort=False).indices.items():
        part = frame.iloc[rows]
        try:
            ax[rows] = anomalies(part["x"].to_numpy(), part["date"])
        except SmrfrError as error:
            within = "" if series is None else f" (series {name})"
            raise SmrfrError(f"{error}{within}: give the series (station) column, and group by what tells "
                             "a day's values apart, e.g. the product, layer and depth") from None
        ay[rows] = anomalies(part["y"].to_numpy(), part["date"])
    return ax, ay


def compute_metrics(estimate, observed, dates=None, series=None, min_n: int = MIN_N) -> dict:
    """Every metric of ``estimate`` against ``observed`` (see :data:`METRIC_COLUMNS`).

    NaNs are dropped pairwise. With fewer than ``min_n`` valid pairs, or a constant observed series,
    the scores are NaN and ``reason`` says why (it is empty otherwise). ``anomaly_r`` needs ``dates``
    (and ``series``, e.g. station ids, when several series are pooled: anomalies are computed within
    each series); ``r_low``/``r_high`` are the 95 % Fisher-z interval of ``r``.
    """
    x, y = _as_float(estimate, "estimate"), _as_float(observed, "observed")
    if len(x) != len(y):
        raise SmrfrError(f"estimate and observed differ in length ({len(x)} and {len(y)} values)")
    keep = np.isfinite(x) & np.isfinite(y)
    x, y = x[keep], y[keep]
    result = dict.fromkeys(METRIC_COLUMNS, math.nan)
    result.update(n=int(keep.sum()), anomaly_n=0, reason="")
    if result["n"] < min_n:
        result["reason"] = f"only {result['n']} valid pairs (at least {min_n} needed)"
        return result
    if np.ptp(y) == 0:
        result["reason"] = "observed values are constant"
        return result
    r = pearson_r(x, y)
    result.update(r=r, bias=bias(x, y), rmse=rmse(x, y), ubrmse=ubrmse(x, y), mae=mae(x, y),
                  nrmse=nrmse(x, y), nse=nse(x, y))
    result["r2"] = result["nse"]
    result["r_low"], result["r_high"] = fisher_z_interval(r, result["n"])
    result["kge"], result["kge_r"], result["kge_alpha"], result["kge_beta"] = kge(x, y)
    if dates is not None:
        dates = pd.to_datetime(np.asarray(dates)[keep])
        ax, ay = _series_anomalies(x, y, dates, None if series is None else np.asarray(series)[keep])
        both = np.isfinite(ax) & np.isfinite(ay)
        result["anomaly_n"] = int(both.sum())
        if result["anomaly_n"] >= min_n:
            result["anomaly_r"] = pearson_r(ax[both], ay[both])
    if not np.isfinite(r):
        result["reason"] = "estimate is constant: r undefined"
    return result


def _as_float(values, name: str) -> np.ndarray:
    try:
        return np.asarray(values, dtype=float)
    except (TypeError, ValueError):
        bad = next((v for v in np.asarray(values, dtype=object) if not _is_number(v)), None)
        raise SmrfrError(f"{name} values must be numbers; found {bad!r}") from None


def _is_number(value) -> bool:
    try:
        float(value)
    except (TypeError, ValueError):
        return False
    return True


def numeric_column(df: pd.DataFrame, column: str, source: str = "the table") -> pd.Series:
    """Column ``column`` of ``df`` as floats (empty cells become NaN); a clear error on text values."""
    if column not in df.columns:
        raise SmrfrError(f"{source} has no column {column!r}; available: {', '.join(map(str, df.columns))}")
    values = df[column]
    if not pd.api.types.is_numeric_dtype(values):
        values = values.replace(r"^\s*$", np.nan, regex=True)
    converted = pd.to_numeric(values, errors="coerce")
    bad = converted.isna() & values.notna()
    if bad.any():
        row = bad.idxmax()
        raise SmrfrError(f"column {column!r} of {source} must hold numbers; row {row} has "
                         f"{values[row]!r} ({int(bad.sum())} such values)")
    return converted.astype(float)


def check_min_n(min_n: int) -> None:
    check_range("min_n", min_n, min_n >= 2, "at least 2 valid pairs (a correlation needs two)")


def metrics_table(df: pd.DataFrame, estimate: str, observed: str, group: Sequence[str] = (),
                  date: str | None = None, series: str | None = None, min_n: int = MIN_N,
                  source: str = "the table") -> pd.DataFrame:
    """Metrics per group of ``df``: the group columns followed by :data:`METRIC_COLUMNS`.

    ``date`` (column name) enables ``anomaly_r``; ``series`` (e.g. the station column) makes the
    anomalies be computed within each series. Groups too small get NaN scores and a ``reason``.
    """
    check_min_n(min_n)
    group = as_names(group)
    for column in [estimate, observed] + group + [c for c in (date, series) if c]:
        if column not in df.columns:
            raise SmrfrError(f"{source} has no column {column!r}; available: "
                             f"{', '.join(map(str, df.columns))}")
    x, y = numeric_column(df, estimate, source), numeric_column(df, observed, source)
    dates = None
    if date:
        dates = pd.to_datetime(df[date], errors="coerce")
        if dates.isna().any():
            row = dates.isna().idxmax()
            raise SmrfrError(f"column {date!r} of {source} must hold dates (YYYY-MM-DD); row {row} has "
                             f"{df[date][row]!r}")
    rows = []
    groups = (df.groupby(group, sort=True, dropna=False).indices.items() if group
              else [((), np.arange(len(df)))])
    for key, index in groups:
        key = key if isinstance(key, tuple) else (key,)
        metrics = compute_metrics(x.to_numpy()[index], y.to_numpy()[index],
                                  None if dates is None else dates.to_numpy()[index],
                                  None if series is None else df[series].to_numpy()[index], min_n)
        rows.append(dict(zip(group, key)) | metrics)
    return pd.DataFrame(rows, columns=group + list(METRIC_COLUMNS))


def summarise_stations(by_station: pd.DataFrame, group: Sequence[str] = ()) -> pd.DataFrame:
    """Per-station metrics summarised per group: ``stations`` (with valid scores), and for every score
    its ``<score>_median``, ``<score>_q25``, ``<score>_q75`` and ``<score>_iqr`` (= q75 - q25) over the
    stations (pooled and per-station views differ a lot, as SMCI1.0 shows)."""
    group = as_names(group)
    rows = []
    groups = by_station.groupby(group, sort=True, dropna=False) if group else [((), by_station)]
    for key, part in groups:
        key = key if isinstance(key, tuple) else (key,)
        row = dict(zip(group, key))
        row["stations"] = int(part["r"].notna().sum())
        for score in SCORES:
            values = part[score].dropna()
            q25, median, q75 = (values.quantile([0.25, 0.5, 0.75]).tolist() if len(values)
                                else [math.nan] * 3)
            row |= {f"{score}_median": median, f"{score}_q25": q25, f"{score}_q75": q75,
                    f"{score}_iqr": q75 - q25}
        rows.append(row)
    return pd.DataFrame(rows)


def station_outputs(out: str | Path) -> dict[str, Path]:
    """The files of :func:`metrics_report` next to ``out``: pooled, by_station, station_summary."""
    out = Path(out)
    return {"pooled": out, "by_station": out.with_name(f"{out.stem}_by_station.csv"),
            "station_summary": out.with_name(f"{out.stem}_station_summary.csv")}


def metrics_report(table: pd.DataFrame | str | Path, estimate: str, observed: str,
                   group: Sequence[str] = (), date: str | None = None, station: str | None = None,
                   min_n: int = MIN_N, out: str | Path | None = None,
                   feedback: Feedback | None = None) -> dict[str, pd.DataFrame]:
    """``smrfr metrics``: pooled metrics per group of a paired table (CSV path or DataFrame) and, with a
    ``station`` column, metrics per station and their summary (median, IQR) per group.

    Returns the tables by name (``pooled``, ``by_station``, ``station_summary``) and writes them as CSV
    (:func:`station_outputs`) when ``out`` is given.
    """
    feedback = feedback or Feedback()
    names = ("pooled", "by_station", "station_summary") if station else ("pooled",)
    paths = {} if out is None else {  # every output, before any work; the user's text names the first
        name: check_target(out if name == "pooled" else path) for name, path in station_outputs(out).items()
        if name in names}
    for path in paths.values():  # never over the table read
        check_apart(path, table)
    source = "the table"
    if not isinstance(table, pd.DataFrame):
        source, table = str(table), read_csv(table, text=[station] if station else ())
    group = as_names(group)
    tables = {"pooled": metrics_table(table, estimate, observed, group, date, station, min_n, source)}
    feedback.progress(0.5, f"pooled metrics of {len(tables['pooled'])} group(s)")
    if station:
        by_station = metrics_table(table, estimate, observed, group + [station], date, station, min_n, source)
        tables |= {"by_station": by_station, "station_summary": summarise_stations(by_station, group)}
    for name, path in paths.items():
        with atomic_output(path) as tmp:
            tables[name].to_csv(tmp, index=False)
    feedback.progress(1.0)
    return tables
