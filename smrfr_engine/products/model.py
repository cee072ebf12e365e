"""The common in-memory model every product reader produces and every operation consumes.

A ``xarray.Dataset`` with one data variable ``soil_moisture`` (float32, m3/m3, NaN = nodata) of dims
``(layer, time, lat, lon)``, lazily backed by dask:

- ``layer``: layer names (``sml1_p``, ``swvl1``, ...), with ``layer_top`` / ``layer_bottom`` in cm;
- ``time``: daily ``datetime64[ns]`` at midnight (sub-daily inputs are averaged to daily means);
- ``lat`` descending (north-up), ``lon`` ascending in -180..180 for geographic products; for projected
  products the same dims hold northing / easting in the CRS units (named ``y`` / ``x`` in the files
  written: :func:`file_axes`);
- attrs ``crs`` (``"EPSG:4326"`` or a WKT string), ``product`` (smrfr/era5/somo/smci/gssm/custom),
  ``source`` (path) and ``resolution`` (x, y cell size, positive).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import numpy as np
import pandas as pd
import xarray as xr

from ..dates import days_within
from ..errors import SmrfrError
from ..feedback import Feedback
from ..layers import Layer, LayerScheme
from ..options import as_names

DATA_VAR = "soil_moisture"
UNITS = "m3 m-3"
#: CF standard name of the soil-moisture layers (not of their anomalies, percentiles or uncertainty)
STANDARD_NAME = "volume_fraction_of_condensed_water_in_soil"
GEOGRAPHIC = "EPSG:4326"
#: CF cell method of daily values that are means over the day
DAILY_MEAN = "time: mean"
#: products whose daily values are daily means (SMRFR: of hourly data); those of other products are when a
#: reader averaged their sub-daily steps (:func:`daily`) or their files say so
DAILY_MEAN_PRODUCTS = ("smrfr",)
COORD_NAMES = {"lat": ("lat", "latitude", "y", "Latitude", "LAT"),
               "lon": ("lon", "longitude", "x", "Longitude", "LON"),
               "time": ("time", "valid_time", "date", "Time")}


def standard_dims(array: xr.DataArray) -> xr.DataArray:
    """Rename lat/lon/time aliases (``latitude``, ``y``, ``valid_time`` ...) to ``lat``, ``lon``, ``time``."""
    renames = {}
    for target, aliases in COORD_NAMES.items():
        for alias in aliases:
            if alias in array.dims and alias != target:
                renames[alias] = target
                break
    array = array.rename(renames)
    missing = {"lat", "lon"} - set(array.dims)
    if missing:
        raise SmrfrError(f"variable {array.name!r} has dims {list(array.dims)}; expected lat/lon "
                         "(or latitude/longitude, y/x) and time")
    return standard_calendar(array)


def standard_calendar(array: xr.DataArray) -> xr.DataArray:
    """Times of another CF calendar (``noleap``, ``360_day``: decoded as cftime dates) as the same days of the
    standard calendar (1 March of a noleap year is 1 March; its missing 29 February is a gap); a day the
    standard calendar lacks (30 February) is refused."""
    if "time" not in array.dims or not hasattr(array["time"].values[0], "calendar"):
        return array
    times = array["time"].values
    standard = [pd.Timestamp(t.year, t.month, t.day, t.hour, t.minute, t.second)
                if pd.Timestamp(t.year, t.month, 1).days_in_month >= t.day else None for t in times]
    if None in standard:
        odd = times[standard.index(None)]
        raise SmrfrError(f"variable {array.name!r} holds {odd.strftime('%Y-%m-%d')} of the {odd.calendar} "
                         "calendar, no day of the standard calendar: convert its times to the standard "
                         "calendar first")
    return array.assign_coords(time=pd.DatetimeIndex(standard))


def north_up(array: xr.DataArray, geographic: bool) -> xr.DataArray:
    """Latitude descending; longitudes 0..360 wrapped to -180..180 and sorted ascending."""
    if array.sizes["lat"] > 1 and float(array.lat[0]) < float(array.lat[-1]):
        array = array.isel(lat=slice(None, None, -1))
    if geographic and float(array.lon.max()) > 180:
        array = array.assign_coords(lon=((array.lon + 180) % 360) - 180)
    if array.sizes["lon"] > 1 and not array.indexes["lon"].is_monotonic_increasing:
        array = array.sortby("lon")
    return array


def daily(array: xr.DataArray) -> xr.DataArray:
    """Daily values at midnight: sub-daily steps are averaged to daily means (NaN ignored; ``cell_methods``
    then says so)."""
    times = pd.DatetimeIndex(array["time"].values)
    days = times.floor("D")
    if days.has_duplicates:
        return array.resample(time="1D").mean().assign_attrs({**array.attrs, "cell_methods": DAILY_MEAN})
    return array.assign_coords(time=days.astype("datetime64[ns]"))


def time_method(product: str, arrays: Sequence[xr.DataArray] = ()) -> dict:
    """``{"cell_methods": "time: mean"}`` when the daily values are daily means: of a product of
    :data:`DAILY_MEAN_PRODUCTS`, or ``arrays`` that all are (averaged by :func:`daily`, or declared so by
    their files, not as a climatology: ``time: mean within days``); else no attribute."""
    declared = [re.search(r"\btime: mean\b(?!\s+(within|over))", str(array.attrs.get("cell_methods", "")))
                for array in arrays]
    means = product in DAILY_MEAN_PRODUCTS or (bool(arrays) and all(declared))
    return {"cell_methods": DAILY_MEAN} if means else {}


def yearly_store(year: int) -> str:
    """The name of a year's store in a folder of yearly SMRFR stores: ``SMRFR_2019_v1.0.zarr``."""
    return f"SMRFR_{year}_v1.0.zarr"


def resolution(lat: np.ndarray, lon: np.ndarray,
               fallback: tuple[float, float] | None = None) -> tuple[float, float]:
    """(x, y) cell size from regularly spaced centres; ``fallback`` for single-cell axes."""
    fx, fy = fallback or (np.nan, np.nan)
    dx = float(abs(lon[1] - lon[0])) if len(lon) > 1 else fx
    dy = float(abs(lat[0] - lat[1])) if len(lat) > 1 else fy
    if np.isnan(dx) or np.isnan(dy):
        dx, dy = (dy, dx) if np.isnan(dx) else (dx, dy)
    if np.isnan(dx):
        raise SmrfrError("cannot tell the cell size of a single-cell grid without a GeoTransform")
    return dx, dy


def assemble(arrays: Sequence[tuple[Layer, xr.DataArray]], crs: str, product: str, source: str,
             res: tuple[float, float] | None = None) -> xr.Dataset:
    """Build the common model from one ``(time, lat, lon)`` array per layer (already in m3/m3)."""
    if not arrays:
        raise SmrfrError(f"no soil-moisture layers found in {source}")
    geographic = crs == GEOGRAPHIC or "GEOGCRS" in crs[:10] or "GEOGCS" in crs[:10]
    prepared = []
    for _, array in arrays:
        array = north_up(daily(standard_dims(array)), geographic)
        keep = {"time", "lat", "lon"}
        array = array.drop_vars([c for c in array.coords if c not in keep]).transpose("time", "lat", "lon")
        prepared.append(array.astype("float32").rename(None))
    method = time_method(product, prepared)
    stacked = xr.concat([_with_layer_axis(array) for array in prepared], dim="layer", join="outer",
                        coords="minimal", compat="override")
    stacked = stacked.assign_coords(
        layer=("layer", np.array([layer.name for layer, _ in arrays], dtype=str)),
        layer_top=("layer", np.array([layer.top for layer, _ in arrays], dtype="float64")),
        layer_bottom=("layer", np.array([layer.bottom for layer, _ in arrays], dtype="float64")))
    stacked.attrs = {"units": UNITS, "long_name": "volumetric soil moisture", **method}
    dataset = xr.Dataset({DATA_VAR: stacked})
    dataset["time"].attrs = {}
    dataset.attrs = {"crs": crs, "product": product, "source": str(source),
                     "resolution": resolution(dataset.lat.values, dataset.lon.values, res)}
    return dataset


def _with_layer_axis(array: xr.DataArray) -> xr.DataArray:
    """``array`` with a leading ``layer`` axis of one: a view of numpy data, or added to dask data block by
    block in one graph layer (``xr.concat`` along a new dimension slices every chunk instead: 0.17 s per
    layer of 10 yearly stores of 1024 chunks)."""
    data = array.data
    if isinstance(data, np.ndarray):
        data = data[None]
    else:
        data = data.map_blocks(np.expand_dims, 0, new_axis=0, dtype=array.dtype)
    return xr.DataArray(data, dims=("layer", *array.dims), coords=array.coords)


def scheme_of(ds: xr.Dataset) -> LayerScheme:
    """The dataset's layers as a :class:`LayerScheme` (depths from ``layer_top`` / ``layer_bottom``)."""
    return LayerScheme(str(ds.attrs.get("product", "product")), tuple(
        Layer(str(name), float(top), float(bottom))
        for name, top, bottom in zip(ds.layer.values, ds.layer_top.values, ds.layer_bottom.values)))


def select(ds: xr.Dataset, layers: Sequence[str] | None = None, start=None, end=None,
           feedback: Feedback | None = None, what: str = "") -> xr.Dataset:
    """Layers and an inclusive date range, with clear errors naming what is available; a range reaching
    beyond the product is cut to it, with a warning to ``feedback`` (``what`` names the range, as in
    :func:`~smrfr_engine.dates.days_within`); ``layers`` is one name or a sequence of them."""
    layers = as_names(layers)
    if layers:
        unknown = [name for name in layers if name not in ds.layer.values]
        if unknown:
            raise SmrfrError(f"unknown layer(s) {', '.join(unknown)} in {ds.attrs.get('source')}; "
                             f"available: {', '.join(map(str, ds.layer.values))}")
        ds = ds.sel(layer=layers)
    if start is not None or end is not None:
        days = days_within(ds.time.values, start, end, f"the product {ds.attrs.get('source')}", feedback,
                           what)
        ds = ds.sel(time=slice(days[0], days[-1]))
    return ds


def transform(ds: xr.Dataset) -> tuple[float, float, float, float, float, float]:
    """GDAL geotransform ``(west, dx, 0, north, 0, -dy)`` of the north-up grid."""
    dx, dy = ds.attrs["resolution"]
    return (float(ds.lon[0]) - dx / 2, dx, 0.0, float(ds.lat[0]) + dy / 2, 0.0, -dy)


def bounds(ds: xr.Dataset) -> tuple[float, float, float, float]:
    """Outer cell edges ``(west, south, east, north)``."""
    dx, dy = ds.attrs["resolution"]
    return (float(ds.lon[0]) - dx / 2, float(ds.lat[-1]) - dy / 2,
            float(ds.lon[-1]) + dx / 2, float(ds.lat[0]) + dy / 2)


def shown(values, ds: xr.Dataset) -> tuple[float, ...]:
    """Coordinates in the product CRS as :func:`.ops.info` and messages show them: rounded to about a
    thousandth of a cell, so that floating-point noise (``-6.9e-18`` for an edge at 0) does not show. The
    data are not rounded."""
    digits = 3 - int(np.floor(np.log10(min(ds.attrs["resolution"]))))
    return tuple(round(float(value), digits) + 0.0 for value in values)  # + 0.0 turns -0.0 into 0.0


def shown_text(values, ds: xr.Dataset) -> str:
    """``W,S,E,N`` text of :func:`shown` ``values``."""
    return ",".join(f"{value:.10g}" for value in shown(values, ds))


def parse_crs(crs: str):
    """A ``rasterio.crs.CRS`` from ``EPSG:xxxx`` or WKT.

    rasterio (not pyproj) on purpose: inside QGIS and qgis_process the pyproj wheel's bundled PROJ
    clashes with the PROJ QGIS already loaded and crashes the process; rasterio's GDAL does not.
    """
    from rasterio.crs import CRS
    from rasterio.errors import CRSError

    try:
        return CRS.from_user_input(crs)
    except (CRSError, ValueError, TypeError) as error:
        raise SmrfrError(f"unknown CRS {crs!r}: {error}") from None


def crs_wkt(crs: str) -> str:
    """WKT of a CRS given as EPSG code or WKT (what GDAL and xarray users both read)."""
    return parse_crs(crs).to_wkt()


def crs_name(crs: str) -> str:
    """``EPSG:xxxx`` when the CRS has a code, else its WKT."""
    parsed = parse_crs(crs)
    return f"EPSG:{parsed.to_epsg()}" if parsed.to_epsg() else parsed.to_wkt()


def is_geographic(ds: xr.Dataset) -> bool:
    return parse_crs(ds.attrs["crs"]).is_geographic


def file_axes(ds: xr.Dataset) -> tuple[str, str]:
    """Names of the ``lat``, ``lon`` axes of ``ds`` in the files written: ``lat``, ``lon`` on a geographic
    grid, ``y``, ``x`` (CF projection coordinates) on a projected one. Readers take both (``COORD_NAMES``),
    also the projected files of earlier versions, named ``lat``, ``lon``."""
    return ("lat", "lon") if is_geographic(ds) else ("y", "x")
