"""Zonal statistics of a product per polygon, per day and per layer."""

from __future__ import annotations

import warnings
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pandas as pd

from ..atomic import atomic_output
from ..errors import SmrfrError
from ..feedback import Feedback
from ..options import as_names
from .aoi import Aoi, cell_areas, cover_fractions, crop, polygon_mask, read_polygons, vector_name
from .model import DATA_VAR, select
from .readers import open_product
from .writers import check_table_output

STATS = ("mean", "median", "min", "max", "std", "count")
RULES = ("fraction", "centre")
TIME_BLOCK = 366
#: what the statistics are written as, by the output's extension
ZONAL_FORMATS = {".gpkg": "GeoPackage", ".csv": "CSV"}


def weighted_stats(values: np.ndarray, weights: np.ndarray, stats: Sequence[str]) -> dict[str, np.ndarray]:
    """Statistics of each row of ``values`` (rows x cells) with cell ``weights`` (NaN values ignored).

    mean = sum(w x) / sum(w); std = sqrt(sum(w (x - mean)^2) / sum(w)) (population);
    median = the value where the cumulative weight of the sorted values reaches half the total (the
    average of the two middle values when it lands exactly on a boundary, i.e. the usual median for
    equal weights); min / max over cells with weight > 0; count = number of such valid cells.
    """
    w = np.where(np.isnan(values), 0.0, np.broadcast_to(weights, values.shape))
    x = np.where(w > 0, values, np.nan)
    total = w.sum(axis=1)
    with np.errstate(invalid="ignore", divide="ignore"):
        mean = np.nansum(np.nan_to_num(x) * w, axis=1) / total
        out = {"mean": mean, "count": (w > 0).sum(axis=1)}
        if "std" in stats:
            out["std"] = np.sqrt((w * (np.nan_to_num(x) - mean[:, None]) ** 2).sum(axis=1) / total)
        if "min" in stats or "max" in stats:
            out["min"], out["max"] = np.fmin.reduce(x, axis=1), np.fmax.reduce(x, axis=1)
        if "median" in stats:
            out["median"] = _weighted_median(x, w, total)
    empty = out["count"] == 0
    return {name: np.where(empty, np.nan, out[name]) if name != "count" else out[name] for name in stats}


def _weighted_median(x: np.ndarray, w: np.ndarray, total: np.ndarray) -> np.ndarray:
    order = np.argsort(np.where(w > 0, x, np.inf), axis=1)
    xs, ws = np.take_along_axis(x, order, 1), np.take_along_axis(w, order, 1)
    cumulative = np.cumsum(ws, axis=1)
    half = total[:, None] / 2
    first = np.argmax(cumulative >= half - 1e-12 * total[:, None], axis=1)
    rows = np.arange(x.shape[0])
    exact = np.isclose(cumulative[rows, first], half[:, 0], rtol=1e-9, atol=0)
    nxt = np.minimum(first + 1, x.shape[1] - 1)
    upper = np.where(exact & (ws[rows, nxt] > 0), xs[rows, nxt], xs[rows, first])
    return (xs[rows, first] + upper) / 2


def zonal_stats(source, zones, field: str, out=None, start=None, end=None, stats: Sequence[str] = STATS,
                layers: Sequence[str] | None = None, rule: str = "fraction", zones_layer: str | None = None,
                kind: str | None = None, description=None, feedback: Feedback | None = None) -> pd.DataFrame:
    """Per polygon (named by ``field``), per day and per layer statistics of a product; ``zones`` is a
    vector file (GeoPackage, Shapefile, GeoJSON; its first layer unless ``zones_layer`` names another) or
    a ``geopandas.GeoDataFrame`` with a CRS.

    Rules: ``fraction`` weights each cell by its area inside the polygon (:func:`.aoi.cell_areas` times
    :func:`.aoi.cover_fractions`: cells partly inside count partly, and on a longitude/latitude grid a
    cell counts as its area on the sphere, so the mean is the zone's area mean); ``centre`` counts the
    cells whose centre is inside, with weight 1.
    Polygons are reprojected to the product CRS. Zones outside the product are skipped with a warning.
    Returns a long table ``<field>, date, layer, <stats>``; writes CSV or GeoPackage (``.gpkg``, the
    zone geometry on every row, layer ``zonal_stats``) to ``out`` when given.
    """
    feedback = feedback or Feedback()
    stats = as_names(stats)
    unknown = [name for name in stats if name not in STATS]
    if unknown or not stats:
        raise SmrfrError(f"unknown statistic(s) {', '.join(unknown) or 'none'}; "
                         f"choose from {', '.join(STATS)}")
    if rule not in RULES:
        raise SmrfrError(f"unknown coverage rule {rule!r}; use {' or '.join(RULES)}")
    if out is not None:
        check_table_output(out, ZONAL_FORMATS, source, zones)
    with open_product(source, kind, description) as product:
        ds = select(product, layers, start, end, feedback)
        frame = read_polygons(zones, zones_layer, field).to_crs(ds.attrs["crs"])
        tables = []
        for number, (zone, geometry) in enumerate(zip(frame[field], frame.geometry)):
            zone_feedback = feedback.span(number / len(frame), (number + 1) / len(frame))
            try:
                window = crop(ds, Aoi(tuple(geometry.bounds), None, f"zone {zone}"))
            except SmrfrError:
                feedback.warning(f"zone {zone} is outside the product: skipped")
                continue
            weights = (cover_fractions(window, geometry) * cell_areas(window) if rule == "fraction"
                       else polygon_mask(window, [geometry], all_touched=False).astype("float64")).ravel()
            tables.append(_zone_table(window, zone, field, weights, stats, zone_feedback))
    if not tables:
        raise SmrfrError(f"no zone of {vector_name(zones)} overlaps the product {ds.attrs['source']}")
    table = pd.concat(tables, ignore_index=True)
    if out is not None:
        _write_table(table, frame[[field, "geometry"]], field, Path(out))
    feedback.progress(1.0)
    return table


def _zone_table(window, zone, field: str, weights: np.ndarray, stats, feedback: Feedback) -> pd.DataFrame:
    parts = []
    ntime = window.sizes["time"]
    for start in range(0, ntime, TIME_BLOCK):
        block = window[DATA_VAR].isel(time=slice(start, start + TIME_BLOCK))
        values = np.asarray(block.values, dtype="float64")  # (layer, time, lat, lon)
        nlayer, ndays = values.shape[:2]
        result = weighted_stats(values.reshape(nlayer * ndays, -1), weights, stats)
        parts.append(pd.DataFrame({
            field: zone, "date": np.tile(pd.DatetimeIndex(block.time.values), nlayer),
            "layer": np.repeat(window.layer.values.astype(str), ndays), **result}))
        feedback.progress(min(1.0, (start + TIME_BLOCK) / ntime))
    return pd.concat(parts, ignore_index=True)


def _write_table(table: pd.DataFrame, zones, field: str, out: Path) -> None:
    with atomic_output(out) as tmp:
        if out.suffix.lower() == ".gpkg":
            import geopandas

            joined = geopandas.GeoDataFrame(table.merge(zones, on=field, how="left"), geometry="geometry",
                                            crs=zones.crs)
            with warnings.catch_warnings():  # the temporary name does not end in .gpkg
                warnings.simplefilter("ignore", RuntimeWarning)
                joined.to_file(tmp, layer="zonal_stats", driver="GPKG")
        else:
            table.assign(date=table["date"].dt.strftime("%Y-%m-%d")).to_csv(tmp, index=False)
