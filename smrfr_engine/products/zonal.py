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
#: zones whose windows start in one square of this many cells a side are read together
GROUP_CELLS = 256
#: product values (layers x days x cells, float32) read at once for a group of zones
BLOCK_VALUES = 2 ** 26
#: values (rows x cells, float64) of one zone whose statistics are computed at once
STATS_VALUES = 2 ** 22
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
    counted = w > 0
    x, filled = np.where(counted, values, np.nan), np.where(counted, values, 0.0)
    total = w.sum(axis=1)
    with np.errstate(invalid="ignore", divide="ignore"):
        mean = (filled * w).sum(axis=1) / total
        out = {"mean": mean, "count": counted.sum(axis=1)}
        if "std" in stats:
            out["std"] = np.sqrt((w * (filled - mean[:, None]) ** 2).sum(axis=1) / total)
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
        zone_windows = []
        for zone, geometry in zip(frame[field], frame.geometry):
            try:
                window = crop(ds, Aoi(tuple(geometry.bounds), None, f"zone {zone}"))
            except SmrfrError:
                feedback.warning(f"zone {zone} is outside the product: skipped")
                continue
            weights = (cover_fractions(window, geometry) * cell_areas(window) if rule == "fraction"
                       else polygon_mask(window, [geometry], all_touched=False).astype("float64")).ravel()
            zone_windows.append((zone, _cells_of(ds, window), weights))
        if not zone_windows:
            raise SmrfrError(f"no zone of {vector_name(zones)} overlaps the product {ds.attrs['source']}")
        table = _zone_tables(ds, zone_windows, field, stats, feedback)
    if out is not None:
        _write_table(table, frame[[field, "geometry"]], field, Path(out))
    feedback.progress(1.0)
    return table


def _cells_of(ds, window) -> tuple[slice, slice]:
    """The rows and columns of ``ds`` that ``window`` (a crop of it) covers."""
    row = ds.indexes["lat"].get_loc(window.lat.values[0])
    col = ds.indexes["lon"].get_loc(window.lon.values[0])
    return slice(row, row + window.sizes["lat"]), slice(col, col + window.sizes["lon"])


def _zone_tables(ds, zone_windows, field: str, stats, feedback: Feedback) -> pd.DataFrame:
    """The statistics of every zone ``(zone, (rows, cols), weights)``, in their order: zones whose windows
    start in the same square of :data:`GROUP_CELLS` cells are read together (:func:`_group_tables`), so a
    cell is read about once however many zones cover it, and far apart zones never read what lies between."""
    groups: dict[tuple[int, int], list[int]] = {}
    for number, (_, (rows, cols), _) in enumerate(zone_windows):
        groups.setdefault((rows.start // GROUP_CELLS, cols.start // GROUP_CELLS), []).append(number)
    tables, done = [None] * len(zone_windows), 0
    for members in groups.values():
        span = feedback.span(done / len(zone_windows), (done + len(members)) / len(zone_windows))
        for number, table in zip(members, _group_tables(ds, [zone_windows[n] for n in members], field, stats,
                                                        span)):
            tables[number] = table
        done += len(members)
    return pd.concat(tables, ignore_index=True)


def _group_tables(ds, zone_windows, field: str, stats, feedback: Feedback) -> list[pd.DataFrame]:
    """One table per zone of ``zone_windows``: the area covering them all is read in blocks of days of at
    most :data:`BLOCK_VALUES` values (:func:`day_blocks`), and each zone's rows x cells are reduced in
    parts of at most :data:`STATS_VALUES` values."""
    rows = slice(min(r.start for _, (r, _), _ in zone_windows), max(r.stop for _, (r, _), _ in zone_windows))
    cols = slice(min(c.start for _, (_, c), _ in zone_windows), max(c.stop for _, (_, c), _ in zone_windows))
    area = ds[DATA_VAR].isel(lat=rows, lon=cols)
    nlayer, ntime = area.sizes["layer"], area.sizes["time"]
    days = max(1, BLOCK_VALUES // (nlayer * area.sizes["lat"] * area.sizes["lon"]))
    results = [{name: [] for name in stats} for _ in zone_windows]
    for start, stop in day_blocks(area.chunksizes.get("time", (ntime,)), days):
        block = np.asarray(area.isel(time=slice(start, stop)).values)  # (layer, time, lat, lon)
        for number, (_, (zone_rows, zone_cols), weights) in enumerate(zone_windows):
            feedback.progress((start + block.shape[1] * number / len(zone_windows)) / ntime)
            values = block[:, :, zone_rows.start - rows.start:zone_rows.stop - rows.start,
                           zone_cols.start - cols.start:zone_cols.stop - cols.start]
            values = values.reshape(-1, weights.size)  # rows: layer by layer, each its days
            cells = np.flatnonzero(weights) if weights.any() else slice(None)  # weight 0: counts nowhere
            used = weights[cells]
            step = max(1, STATS_VALUES // used.size)
            parts = [weighted_stats(values[first:first + step, cells].astype("float64"), used, stats)
                     for first in range(0, len(values), step)]
            for name, found in results[number].items():
                found.append(np.concatenate([part[name] for part in parts]).reshape(nlayer, -1))
    dates = pd.DatetimeIndex(area.time.values)
    return [pd.DataFrame({field: zone, "date": np.tile(dates, nlayer),
                          "layer": np.repeat(area.layer.values.astype(str), ntime),
                          **{name: np.concatenate(found, axis=1).ravel() for name, found in result.items()}})
            for (zone, _, _), result in zip(zone_windows, results)]


def day_blocks(chunks: Sequence[int], days: int) -> list[tuple[int, int]]:
    """``(start, stop)`` of consecutive blocks of at most ``days`` days over time chunks of the sizes
    ``chunks``: whole chunks, or equal parts of a chunk longer than ``days``, so that no chunk is read
    by two blocks unless it has to be cut (the chunks of a folder of yearly stores are not all as long:
    365 days in 92-day chunks end with one of 89)."""
    blocks, start, stop = [], 0, 0
    for size in chunks:
        if stop + size - start > days and stop > start:
            blocks.append((start, stop))
            start = stop
        stop += size
        if size > days:
            edges = np.linspace(start, stop, -(-size // days) + 1).round().astype(int).tolist()
            blocks += list(zip(edges[:-1], edges[1:]))
            start = stop
    return blocks + [(start, stop)] if stop > start else blocks


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
