"""Station screening by Extended Triple Collocation: in-situ vs a land-surface model vs a satellite.

Per station and layer the daily in-situ series is collocated with

- the land-surface model (LSM) at the station's cell, its layers mapped onto the station layer by
  thickness-weighted overlap (:meth:`LayerScheme.overlap_weights`), and
- the satellite surface soil moisture at the cell: as it is for layers whose top is above
  ``surface_depth`` (10 cm); for deeper layers its Soil Water Index, the
  exponential filter of Wagner et al. (1999) / Albergel et al. (2008)
  ``SWI_n = SWI_{n-1} + K_n (ssm_n - SWI_{n-1})``, ``K_n = K_{n-1} / (K_{n-1} + exp(-(t_n - t_{n-1}) / T))``
  with the characteristic time ``T = swi_days_per_cm * layer mid-depth`` (0.3 d/cm: 6 days at 20 cm,
  22 days at 75 cm). The SWI keeps the satellite's errors independent of the in-situ and LSM errors,
  which ETC requires, while matching the damped dynamics of deep soil.

Rules for the deep layers (``deep``):

- ``"station"`` (default): every layer is collocated and its result reported, but each layer takes
  the verdict of its station's shallowest screened layer, as SMRFR screened whole stations: the
  satellite senses the top few centimetres, so the SWI (and even the raw satellite at 5-10 cm) is a
  weak third source below, while a poor station is poor at every depth.
- ``"swi"``: each deep layer keeps its own SWI verdict.
- ``"skip"``: deep layers are "not screened: no independent third source" (``etc_pass`` 1: kept,
  never rejected without evidence).

A station layer passes when the in-situ rho^2 with the unknown truth is at least ``threshold``
(SMRFR: 0.762). The result is the table ``screening`` added to a copy of the input GeoPackage; no
station or value is deleted.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from .. import __version__
from ..atomic import check_apart, check_target
from ..errors import SmrfrError, check_range
from ..etc import DEFAULT_MIN_TRIPLETS, DEFAULT_THRESHOLD, etc_estimates
from ..feedback import Feedback
from .daily import weighted_layers
from .store import SCREENING_COLUMNS, copy_with_tables, read_stations, read_table, run_info_table, table_names

SURFACE_DEPTH = 10.0
SWI_DAYS_PER_CM = 0.3
DEEP_RULES = ("swi", "station", "skip")
#: screening reads the products as they are: other layouts are converted by a subset first
SCREEN_HINT = ("convert the product first with `smrfr subset --description` (Processing: Subset a product, "
               "with a product description) and screen with its output")


def soil_water_index(ssm: pd.Series, t_days: float) -> pd.Series:
    """Exponential filter of a surface series (NaN days skipped) with characteristic time ``t_days``."""
    valid = ssm.dropna()
    out = np.empty(len(valid))
    days = (valid.index - valid.index[0]).days.to_numpy(float) if len(valid) else np.array([])
    gain = 1.0
    for n, value in enumerate(valid.to_numpy(float)):
        if n == 0:
            out[0] = value
            continue
        gain = gain / (gain + np.exp(-(days[n] - days[n - 1]) / t_days))
        out[n] = out[n - 1] + gain * (value - out[n - 1])
    return pd.Series(out, index=valid.index).reindex(ssm.index)


def station_verdict(screening: pd.DataFrame) -> pd.DataFrame:
    """Give every layer of a station the verdict of its shallowest assessed layer (the one the
    satellite senses best; assessed: the collocation gave an rho^2, so not a layer that failed for
    lack of data); the layers' own collocations stay in ``etc_reason``."""
    screened = screening[screening["etc_reason"].str.match("pass|fail") & screening["etc_rho2"].notna()]
    top = screened.loc[screened.groupby("station_id")["layer"].idxmin()].set_index("station_id")
    below = screening["station_id"].map(top["layer"]) < screening["layer"]
    result = screening.copy()
    result.loc[below, "etc_pass"] = result.loc[below, "station_id"].map(top["etc_pass"]).astype(int)
    verdicts = result.loc[below, "etc_pass"].map({1: "pass", 0: "fail"})
    shallowest = result.loc[below, "station_id"].map(top["layer"]).astype(str)
    result.loc[below, "etc_reason"] = (verdicts + ": verdict of the station's layer " + shallowest
                                       + " (own: " + screening.loc[below, "etc_reason"] + ")")
    return result


def _screening_product(opener, source):
    """``opener(source)``; screening takes no kind or description, so an unrecognised layout is sent to
    the subset that converts it."""
    from ..products.readers import DESCRIBE_HINT

    try:
        return opener(source)
    except SmrfrError as error:
        raise SmrfrError(str(error).replace(DESCRIBE_HINT, SCREEN_HINT)) from None


def open_surface_product(source, variable: str | None = None):
    """A satellite surface product: any product :func:`open_product` recognises, else a NetCDF/Zarr file
    or folder whose one gridded variable (or ``variable``) is read as the 0-5 cm layer."""
    import xarray as xr

    from ..products import open_product

    try:
        return open_product(source)
    except SmrfrError as error:
        path = Path(source)
        files = sorted(path.glob("*.nc")) if path.is_dir() else [path]
        if not path.exists() or not files:
            raise
        try:
            cube = xr.open_dataset(files[0])
        except (OSError, ValueError):  # not a NetCDF either (a GeoTIFF, a text file): open_product's error
            raise error from None
        with cube:
            gridded = [str(name) for name in cube.data_vars if cube[name].ndim >= 3]
            if variable is None and len(gridded) != 1:
                raise SmrfrError(
                    f"{error}; or a surface product with one gridded variable "
                    f"(found {', '.join(gridded) or 'none'})"
                ) from None
            name = variable or gridded[0]
            fill = cube[name].encoding.get("_FillValue")
        layer = {"name": "ssm", "variable": name, "top": 0.0, "bottom": 5.0}
        return open_product(
            path,
            description={
                "layers": [layer],
                "product": "satellite",
                "fill": None if fill is None else float(fill),
            },
        )


#: the products a station's series is collocated with, as reasons name them
PRODUCT_NAMES = {"lsm": "land-surface model", "sat": "satellite product"}


def _collocate(
    insitu: pd.Series, lsm: pd.Series, sat: pd.Series, threshold: float, min_triplets: int
) -> tuple[float, float, int, int, str]:
    """``(rho2, err_std, n, pass, reason)`` of the in-situ series by ETC with the two products.

    The decision uses the in-situ rho^2 as estimated: above 1 (sampling noise of a near-perfect series)
    it passes, negative or undefined it fails; a product's rho^2 outside 0..1 is noted in the reason.
    """
    frame = pd.concat({"insitu": insitu, "lsm": lsm, "sat": sat}, axis=1, sort=True)
    try:
        etc = etc_estimates(
            frame["insitu"], frame["lsm"], frame["sat"], min_triplets, ("insitu", "lsm", "sat")
        )
    except SmrfrError as error:
        empty = [PRODUCT_NAMES[name] for name in PRODUCT_NAMES if frame[name].isna().all()]
        why = (f"the {' and the '.join(empty)} ha{'ve' if len(empty) > 1 else 's'} no value at the station "
               "(it lies outside the product or on its nodata)") if empty else str(error)
        return np.nan, np.nan, int(frame.notna().all(axis=1).sum()), 0, f"fail: {why}"
    result = etc["insitu"]
    doubtful = [
        f"{name} rho2 {r.rho2:.3g}" for name, r in etc.items() if name != "insitu" and not 0 <= r.rho2 <= 1
    ]
    note = f" ({', '.join(doubtful)} outside 0..1: ETC assumptions doubtful)" if doubtful else ""
    if not (np.isfinite(result.rho2) and result.rho2 >= 0):
        return (
            result.rho2,
            result.err_std,
            result.n,
            0,
            f"fail: invalid ETC solution rho2 {result.rho2:.3g}{note}",
        )
    passed = result.rho2 >= threshold
    return (
        result.rho2,
        result.err_std,
        result.n,
        int(passed),
        f"{'pass' if passed else 'fail'}: rho2 {result.rho2:.3f} {'>=' if passed else '<'} "
        f"{threshold:g}{note}",
    )


def screen_stations(
    stations_gpkg,
    lsm,
    sat,
    out,
    threshold: float = DEFAULT_THRESHOLD,
    min_triplets: int = DEFAULT_MIN_TRIPLETS,
    feedback: Feedback | None = None,
    deep: str = "station",
    surface_depth: float = SURFACE_DEPTH,
    swi_days_per_cm: float = SWI_DAYS_PER_CM,
) -> pd.DataFrame:
    """Screen every station layer of ``stations_gpkg`` by ETC with the ``lsm`` and ``sat`` products
    (paths opened by :func:`smrfr_engine.products.open_product`); write ``out`` = a copy of the input
    with the tables ``screening`` and ``run_info`` (options appended). Returns the screening table."""
    feedback = feedback or Feedback()
    if deep not in DEEP_RULES:
        raise SmrfrError(f"deep-layer rule {deep!r}: use one of {', '.join(DEEP_RULES)}")
    check_range("threshold", threshold, 0 <= threshold <= 1,
                f"an in-situ rho2 from 0 to 1 (SMRFR: {DEFAULT_THRESHOLD})")
    check_apart(out, stations_gpkg, lsm, sat)
    check_target(out)  # before the work, not after
    stations, daily = read_stations(stations_gpkg)
    if daily.empty:
        raise SmrfrError(f"{stations_gpkg}: no daily values to screen")
    feedback.progress(0.05, "opening the products")
    ids = list(daily["station_id"].unique())
    coords = stations.set_index("station_id").loc[ids]
    lsm_scheme, lsm_values, lsm_time, surface = _sample_products(lsm, sat, coords, feedback)
    rows = []
    groups = list(daily.groupby(["station_id", "layer"], sort=True))
    for number, ((station_id, layer), group) in enumerate(groups):
        feedback.progress(0.3 + 0.6 * number / len(groups), "triple collocation")
        point = ids.index(station_id)
        rows.append((station_id, int(layer), *_screen_layer(
            group, lsm_scheme, lsm_values[point], lsm_time, surface[point], threshold, min_triplets, deep,
            surface_depth, swi_days_per_cm)))
    screening = pd.DataFrame(rows, columns=SCREENING_COLUMNS)
    if deep == "station":
        screening = station_verdict(screening)
    info = _updated_run_info(stations_gpkg, {
        "screen_lsm": lsm,
        "screen_sat": sat,
        "screen_threshold": threshold,
        "screen_min_triplets": min_triplets,
        "screen_deep": deep,
        "screen_surface_depth": surface_depth,
        "screen_swi_days_per_cm": swi_days_per_cm,
        "screen_version": __version__,
    })
    feedback.progress(0.95, f"writing {out}")
    copy_with_tables(stations_gpkg, out, {"screening": screening, "run_info": info})
    n_pass = int(screening["etc_pass"].sum())
    feedback.info(f"{n_pass} of {len(screening)} station layers pass (rho2 >= {threshold:g})")
    feedback.progress(1.0, "done")
    return screening


def _sample_products(lsm, sat, coords: pd.DataFrame, feedback: Feedback) -> tuple:
    """``(scheme, layers, times, surface)``: the land-surface model's layer scheme, its values at each station
    of ``coords`` (lon, lat; by station, layer, day) and their days, and the satellite's surface series at
    each station."""
    from ..products import open_product, sample_points, scheme_of

    with (_screening_product(open_product, lsm) as lsm_ds,
          _screening_product(open_surface_product, sat) as sat_ds):
        lsm_scheme, sat_scheme = scheme_of(lsm_ds), scheme_of(sat_ds)
        feedback.progress(0.1, f"sampling the products at {len(coords)} stations")
        lsm_values = sample_points(lsm_ds, coords["lon"].to_numpy(), coords["lat"].to_numpy()).load()
        sat_values = sample_points(sat_ds, coords["lon"].to_numpy(), coords["lat"].to_numpy()).load()
    sat_time = pd.DatetimeIndex(sat_values["time"].values)
    sat_surface = sat_scheme.overlap_weights(sat_scheme[0].top, sat_scheme[0].bottom)
    surface = [pd.Series(weighted_layers(point, sat_surface), index=sat_time) for point in sat_values.values]
    return lsm_scheme, lsm_values.values, pd.DatetimeIndex(lsm_values["time"].values), surface


def _screen_layer(group: pd.DataFrame, lsm_scheme, lsm_layers: np.ndarray, lsm_time: pd.DatetimeIndex,
                  ssm: pd.Series, threshold: float, min_triplets: int, deep: str, surface_depth: float,
                  swi_days_per_cm: float) -> tuple[float, float, int, int, str]:
    """``(rho2, err_std, n, pass, reason)`` of one station layer's daily values ``group``: collocated with
    the land-surface model's layers at its cell mapped onto it and with the satellite's surface series
    ``ssm`` (its Soil Water Index below ``surface_depth``), or not screened (a layer the model does not
    reach, or a deep one with ``deep`` ``"skip"``)."""
    top, bottom = float(group["layer_top"].iloc[0]), float(group["layer_bottom"].iloc[0])
    insitu = pd.Series(group["sm"].to_numpy(float), index=pd.DatetimeIndex(pd.to_datetime(group["date"])))
    try:
        weights = lsm_scheme.overlap_weights(top, bottom)
    except SmrfrError as error:
        return np.nan, np.nan, 0, 0, f"not screened: {error}"
    lsm_series = pd.Series(weighted_layers(lsm_layers, weights), index=lsm_time)
    if top >= surface_depth and deep == "skip":
        return np.nan, np.nan, 0, 1, (f"not screened: no independent third source below {surface_depth:g} cm "
                                      "(kept)")
    if top >= surface_depth:
        ssm = soil_water_index(ssm, swi_days_per_cm * (top + bottom) / 2)
    return _collocate(insitu, lsm_series, ssm, threshold, min_triplets)


def _updated_run_info(stations_gpkg, options: dict) -> pd.DataFrame:
    """The run_info table of ``stations_gpkg`` (empty when it has none) with ``options``, which replace the
    values of their keys."""
    info = (
        read_table(stations_gpkg, "run_info")
        if "run_info" in table_names(stations_gpkg)
        else run_info_table({})
    )
    extra = run_info_table(options)
    return pd.concat([info[~info["key"].isin(extra["key"])], extra], ignore_index=True)
