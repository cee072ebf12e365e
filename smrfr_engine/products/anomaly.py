"""Daily anomalies against a smoothed day-of-year climatology, and climatological percentiles."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd
import xarray as xr

from ..errors import SmrfrError
from ..feedback import Feedback
from .model import DATA_VAR, select
from .ops import prepare
from .readers import open_product
from .writers import write_product

#: cells whose percentiles are computed together (their climatology fits in the cache: 512 cells x 20
#: years x 31 days x 4 bytes = 1.3 MB)
CELLS = 512


def noleap_doy(times) -> np.ndarray:
    """Day of year 1..365: 29 February shares 28 February's day (59), later leap days shift by one."""
    times = pd.DatetimeIndex(times)
    doy = np.asarray(times.dayofyear)
    return np.where(np.asarray(times.is_leap_year) & (doy > 59), doy - 1, doy)


def _window(doys: np.ndarray, window: int) -> np.ndarray:
    """(365, n) boolean: day ``d`` of the year is within the circular ``window`` centred on ``doys``."""
    distance = np.abs(np.arange(1, 366)[:, None] - doys[None, :])
    return np.minimum(distance, 365 - distance) <= window // 2


def _anomaly_core(values, clim, doy, clim_doy, window):
    """numpy kernel: time is the last axis of ``values`` (..., T) and ``clim`` (..., Tc)."""
    member = _window(clim_doy, window)  # (365, Tc)
    weights = member.T.astype(clim.dtype)
    sums = np.nan_to_num(clim) @ weights
    counts = (~np.isnan(clim)).astype(clim.dtype) @ weights  # whole numbers: exact in float32 below 2**24
    with np.errstate(invalid="ignore", divide="ignore"):
        mean = sums / counts.astype("float64")  # (..., 365): smoothed climatology
    anomaly = values - mean[..., doy - 1]
    return anomaly.astype("float32"), _percentiles(values, clim, doy, member, counts)


def _percentiles(values, clim, doy, member, counts):
    """The percentile of each value of ``values`` (..., T) among the climatology values ``clim`` (..., Tc)
    of its day's window ``member`` (365, Tc), ``counts`` (..., 365) of them valid. Every value is compared
    with each of them (a sort costs more than these comparisons at 20 years and one target year), cells
    :data:`CELLS` at a time with time first, so that their climatology stays in the processor's cache
    from one day of the year to the next."""
    current_all = values.reshape(-1, values.shape[-1]).T  # (T, cells)
    clim_all = clim.reshape(-1, clim.shape[-1]).T  # (Tc, cells)
    valid = counts.reshape(-1, counts.shape[-1]).T  # (365, cells)
    percentile = np.full(current_all.shape, np.nan, dtype="float32")
    windows = {day: np.flatnonzero(member[day - 1]) for day in np.unique(doy)}
    for first in range(0, current_all.shape[1], CELLS):
        cells = slice(first, first + CELLS)
        block = np.ascontiguousarray(clim_all[:, cells])
        for day, window in windows.items():
            today, samples, n = doy == day, block.take(window, axis=0), valid[day - 1, cells]
            current = current_all[today, cells][:, None]  # (k, 1, cells): the k days of this day of the year
            below = (samples < current).view(np.uint8).sum(1, dtype=np.int32)  # NaN: neither below nor equal
            equal = (samples == current).view(np.uint8).sum(1, dtype=np.int32)
            with np.errstate(invalid="ignore", divide="ignore"):
                rank = (below + 0.5 * equal) / n * 100
            percentile[today, cells] = np.where(np.isnan(current[:, 0]) | (n == 0), np.nan, rank)
    return percentile.T.reshape(values.shape)


def anomalies(ds: xr.Dataset, clim_start, clim_end, start=None, end=None, window: int = 31,
              feedback: Feedback | None = None) -> xr.Dataset:
    """``anomaly`` = value - climatology(doy) and ``percentile`` (0-100) of each day of ``start..end``.

    climatology(d) = mean of all values of ``clim_start..clim_end`` whose (no-leap) day of year is
    within ``window`` days centred on d (circular over the year); percentile = 100 * (number of those
    climatology values below the day's value + half the number equal) / number of values. Lazy.
    """
    if window < 1 or window > 365:
        raise SmrfrError(f"climatology window {window} must be 1..365 days")
    if not clim_start or not clim_end:
        raise SmrfrError("the climatology needs a start and an end date (YYYY-MM-DD)")
    clim = select(ds, start=clim_start, end=clim_end, feedback=feedback, what="climatology")[DATA_VAR]
    clim_period = "..".join(str(day.date()) for day in pd.DatetimeIndex(clim.time.values[[0, -1]]))
    target = select(ds, start=start, end=end, feedback=feedback)[DATA_VAR]
    covered = _window(noleap_doy(clim.time.values), window).any(axis=1)[noleap_doy(target.time.values) - 1]
    if not covered.all():
        first = pd.Timestamp(target.time.values[~covered][0]).date()
        raise SmrfrError(f"the climatology {clim_period} has no day within the "
                         f"{window}-day window of {int((~covered).sum())} of the days asked for (first "
                         f"{first}), which would be nodata: give a climatology of whole years")
    clim = clim.rename(time="clim_time").chunk({"clim_time": -1})
    anomaly, percentile = xr.apply_ufunc(
        _anomaly_core, target.chunk({"time": -1}), clim,
        kwargs={"doy": noleap_doy(target.time.values), "clim_doy": noleap_doy(clim.clim_time.values),
                "window": window},
        input_core_dims=[["time"], ["clim_time"]], output_core_dims=[["time"], ["time"]],
        dask="parallelized", output_dtypes=["float32", "float32"], keep_attrs=False)
    dims = ("layer", "time", "lat", "lon")
    anomaly = anomaly.transpose(*dims).assign_attrs(
        units="m3 m-3", long_name="soil moisture anomaly against the day-of-year climatology")
    percentile = percentile.transpose(*dims).assign_attrs(
        units="%", long_name="percentile of the day-of-year climatology")
    out = xr.Dataset({"anomaly": anomaly, "percentile": percentile}, attrs=ds.attrs)
    out = out.assign_coords(target.coords)  # chunking for apply_ufunc made the layer depths dask arrays too
    out.attrs.update(climatology=f"{clim_period}, window {window} days")
    return out


def anomaly(source, out, clim_start, clim_end, start=None, end=None, bbox=None, bbox_crs: str | None = None,
            aoi=None, aoi_layer: str | None = None, layers: Sequence[str] | None = None, window: int = 31,
            fmt: str | None = None, zarr_format: int = 2, kind: str | None = None, description=None,
            feedback: Feedback | None = None) -> dict:
    """Anomalies and percentiles of ``start..end`` over an AOI (or the whole product), written like
    ``subset`` (variables ``<layer>_anomaly`` and ``<layer>_percentile``). See :func:`anomalies` for the
    formulas (and for the lazy Dataset without writing). Returns ``{"out", "days", "layers"}``."""
    feedback = feedback or Feedback()
    with open_product(source, kind, description) as product:
        ds = prepare(product, bbox, bbox_crs, aoi, aoi_layer, None, None, layers)
        result = anomalies(ds, clim_start, clim_end, start, end, window, feedback)
        write_product(result, out, zarr_format=zarr_format, feedback=feedback, fmt=fmt)
    return {"out": str(out), "days": result.sizes["time"], "layers": [str(v) for v in result.layer.values]}
