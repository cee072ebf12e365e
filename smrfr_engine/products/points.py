"""Values at points: nearest cell (with the cell centre used and its distance) or bilinear."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd
import xarray as xr

from ..errors import SmrfrError
from ..options import SAMPLING_METHODS
from .model import DATA_VAR, is_geographic

EARTH_RADIUS_KM = 6371.0088


def distance_km(lon1, lat1, lon2, lat2, geographic: bool = True) -> np.ndarray:
    """Great-circle (haversine) distance in km; Euclidean distance / 1000 for projected metres."""
    lon1, lat1, lon2, lat2 = (np.asarray(v, dtype="float64") for v in (lon1, lat1, lon2, lat2))
    if not geographic:
        return np.hypot(lon2 - lon1, lat2 - lat1) / 1000.0
    p1, p2 = np.radians(lat1), np.radians(lat2)
    a = np.sin((p2 - p1) / 2) ** 2 + np.cos(p1) * np.cos(p2) * np.sin(np.radians(lon2 - lon1) / 2) ** 2
    return 2 * EARTH_RADIUS_KM * np.arcsin(np.sqrt(np.clip(a, 0, 1)))


def cells_as_text(table: pd.DataFrame) -> pd.DataFrame:
    """``cell_lon``/``cell_lat`` as text of 10 significant digits, for CSVs written with a short float
    format: ``%.6g`` wrote the UTM northing 4052165 of a 10 m cell as 4.05216e+06, another cell."""
    return table.assign(**{column: table[column].map(lambda v: f"{v:.10g}", na_action="ignore")
                           for column in ("cell_lon", "cell_lat") if column in table})


def check_sampling(method: str) -> None:
    """Refuse a sampling method other than those of :data:`SAMPLING_METHODS`."""
    if method not in SAMPLING_METHODS:
        raise SmrfrError(f"unknown sampling method {method!r}: use {' or '.join(SAMPLING_METHODS)}")


def sample_points(ds: xr.Dataset, lons: Sequence[float], lats: Sequence[float],
                  method: str = "nearest") -> xr.DataArray:
    """``soil_moisture`` at points given in the dataset's CRS, dims ``(point, layer, time)``.

    ``nearest``: the cell containing the point; coords ``cell_lon``, ``cell_lat`` (its centre) and
    ``distance_km`` (point to centre) per point. Points outside the grid (beyond its outer cell edges)
    get NaN values and NaN cell coordinates. ``bilinear``: linear interpolation between the four
    surrounding cell centres (cell_lon/cell_lat = the point, distance 0; NaN outside the centres).
    Longitudes beyond +-180 on a geographic grid are wrapped (0..360 to -180..180). The result is lazy;
    call ``.load()`` / ``.values``.
    """
    check_sampling(method)
    lons, lats = np.atleast_1d(np.asarray(lons, "float64")), np.atleast_1d(np.asarray(lats, "float64"))
    if lons.shape != lats.shape:
        raise SmrfrError(f"{lons.size} longitudes but {lats.size} latitudes")
    if is_geographic(ds):  # products are read -180..180; 300 (0..360) is -60
        lons = np.where(np.abs(lons) > 180, (lons + 180) % 360 - 180, lons)
    data = ds[DATA_VAR]
    if method == "bilinear":
        values = data.interp(lon=xr.DataArray(lons, dims="point"), lat=xr.DataArray(lats, dims="point"),
                             method="linear").drop_vars(["lat", "lon"])
        return values.transpose("point", "layer", "time").assign_coords(
            cell_lon=("point", lons), cell_lat=("point", lats), distance_km=("point", np.zeros(lons.size)))
    dx, dy = ds.attrs["resolution"]
    col = ds.indexes["lon"].get_indexer(lons, method="nearest")
    row = ds.indexes["lat"].get_indexer(lats, method="nearest")
    cell_lon, cell_lat = ds.lon.values[col], ds.lat.values[row]
    inside = (np.abs(lons - cell_lon) <= dx / 2 + 1e-9) & (np.abs(lats - cell_lat) <= dy / 2 + 1e-9)
    values = data.isel(lon=xr.DataArray(col, dims="point"), lat=xr.DataArray(row, dims="point"))
    values = values.drop_vars(["lat", "lon"]).where(xr.DataArray(inside, dims="point"))
    cell_lon, cell_lat = np.where(inside, cell_lon, np.nan), np.where(inside, cell_lat, np.nan)
    return values.transpose("point", "layer", "time").assign_coords(
        cell_lon=("point", cell_lon), cell_lat=("point", cell_lat),
        distance_km=("point", distance_km(lons, lats, cell_lon, cell_lat, is_geographic(ds))))
