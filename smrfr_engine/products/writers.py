"""Writers of the common model: Zarr (SMRFR layout), CF-1.8 NetCDF, folder of GeoTIFFs (COG).

All three stream block by block (dask), report progress, honour cancel and write atomically.
Layout on disk: one variable (or GeoTIFF file) per layer, named after the layer (``sml1_p``); data
variables other than ``soil_moisture`` (e.g. ``anomaly``) are written as ``<layer>_<variable>``.
Each variable carries ``layer_top`` / ``layer_bottom`` (cm) so that :func:`open_product` reads it back.
"""

from __future__ import annotations

import contextlib
import shutil
from pathlib import Path

import numpy as np
import pandas as pd
import xarray as xr

from .. import __version__
from ..atomic import FILE, GEOTIFF_FOLDER, ZARR_STORE, atomic_output, check_apart, check_target
from ..errors import SmrfrError
from ..feedback import Feedback
from .model import (
    DAILY_MEAN,
    DATA_VAR,
    STANDARD_NAME,
    bounds,
    crs_name,
    crs_wkt,
    file_axes,
    is_geographic,
    parse_crs,
    scheme_of,
    shown,
    transform,
    yearly_store,
)

FORMATS = ("zarr", "smrfr-yearly", "netcdf", "geotiff")
#: what each format writes, as :func:`smrfr_engine.atomic.check_target` knows it (smrfr-yearly: a folder of
#: no checked kind)
OUTPUT_KINDS = {"zarr": ZARR_STORE, "netcdf": FILE, "geotiff": GEOTIFF_FOLDER}
TIME_BLOCK = 32
SPACE_BLOCK = 512
#: how the days (and their bounds) are stored
TIME_ENCODING = {"units": "days since 1970-01-01", "dtype": "int32"}


def output_format(out: str | Path, fmt: str | None = None) -> str:
    """``fmt`` or the format implied by ``out``: ``.zarr`` -> zarr, ``.nc`` -> netcdf, else geotiff (a
    folder: a name ending in .tif is refused)."""
    if fmt is not None and fmt not in FORMATS:
        raise SmrfrError(f"unknown output format {fmt!r}; use one of {', '.join(FORMATS)}")
    suffix = Path(out).suffix.lower()
    fmt = fmt or {".zarr": "zarr", ".nc": "netcdf", ".nc4": "netcdf"}.get(suffix, "geotiff")
    if fmt == "geotiff" and suffix in (".tif", ".tiff"):
        raise SmrfrError(f"cannot write {out}: a GeoTIFF export is a folder (one GeoTIFF per layer, one band "
                         "per day), not one file; give a folder name without .tif, or a name ending in .nc "
                         "(NetCDF) or .zarr (Zarr store)")
    return fmt


def check_table_output(out: str | Path, formats: dict[str, str], *sources) -> None:
    """Refuse a table output ``out`` whose extension is none of ``formats`` (``{".csv": "CSV"}``): the
    extension chooses what is written, so any other would hold text of another format; that would
    replace or write into one of its inputs ``sources``; or that could not be put in place
    (:func:`~smrfr_engine.atomic.check_target`)."""
    if Path(out).suffix.lower() not in formats:
        raise SmrfrError(f"cannot write {out}: give a name ending in "
                         f"{' or '.join(f'{suffix} ({name})' for suffix, name in formats.items())}")
    check_apart(out, *sources)
    check_target(out)


def check_output(out: str | Path, fmt: str | None = None, source: str | Path | None = None) -> str:
    """The format of the output ``out`` (:func:`output_format`), after refusing, before anything is written,
    an output that could not be put in place (:func:`~smrfr_engine.atomic.check_target`) or that would
    replace or write into its input ``source``."""
    fmt = output_format(out, fmt)
    if source:
        check_apart(out, source)
    check_target(out, OUTPUT_KINDS.get(fmt))
    return fmt


def write_product(ds: xr.Dataset, out: str | Path, zarr_format: int = 2, feedback: Feedback | None = None,
                  fmt: str | None = None) -> Path:
    """Write ``ds`` (common model, possibly with extra variables) to ``out`` and return ``out``.

    Format by ``fmt`` or by extension: ``x.zarr`` one Zarr store (format 2 by default: GDAL >= 3.4
    reads it as ``ZARR:"x.zarr":/sml1_p:<day index>``; ``zarr_format=3`` on request); ``x.nc`` CF-1.8
    NetCDF4 (zlib); ``fmt="smrfr-yearly"`` a folder of yearly stores ``SMRFR_YYYY_v1.0.zarr`` (the
    published layout); anything else a folder of GeoTIFFs, one per layer (and variable), one band per
    day whose description is the ISO date, NaN nodata, tiled and DEFLATE-compressed Cloud-Optimised
    GeoTIFF. Output is atomic: nothing is left at ``out`` on failure or cancel.
    """
    feedback = feedback or Feedback()
    fmt = check_output(out, fmt, ds.attrs.get("source"))
    out = Path(out)
    if ds.sizes["time"] == 0 or ds.sizes["lat"] == 0 or ds.sizes["lon"] == 0:
        raise SmrfrError(f"nothing to write to {out}: the selection is empty")
    with atomic_output(out, kind=OUTPUT_KINDS.get(fmt)) as tmp, _write_errors(out):
        if fmt == "zarr":
            _write_zarr(ds, tmp, zarr_format, feedback)
        elif fmt == "smrfr-yearly":
            tmp.mkdir()
            years = sorted(set(pd.DatetimeIndex(ds.time.values).year))
            for index, year in enumerate(years):
                part = ds.sel(time=str(year))
                _write_zarr(part, tmp / yearly_store(year), zarr_format,
                            feedback.span(index / len(years), (index + 1) / len(years)))
        elif fmt == "netcdf":
            _write_netcdf(ds, tmp, feedback)
        else:
            _write_geotiffs(ds, tmp, feedback)
    feedback.progress(1.0)
    return out


@contextlib.contextmanager
def _write_errors(out: Path):
    """A writer's failure (a full disk: OSError from Zarr and GDAL, RuntimeError 'NetCDF: HDF error' from
    NetCDF) as a :class:`SmrfrError` naming the output and the free space left."""
    try:
        yield
    except (OSError, RuntimeError) as error:
        if isinstance(error, RuntimeError) and not str(error).startswith("NetCDF:"):
            raise  # not the file system's refusal: a fault to see whole
        try:
            free = f"; {shutil.disk_usage(out.parent).free / 2 ** 20:.0f} MB free in {out.parent}"
        except OSError:
            free = ""
        reason = error.strerror if isinstance(error, OSError) and error.strerror else str(error)
        raise SmrfrError(f"cannot write {out}: {reason}{free}; check the free space and that the folder "
                         "accepts files") from error


def compute(delayed, feedback: Feedback) -> None:
    """Compute a dask graph, reporting progress per finished task and stopping on cancel. On cancel,
    Ctrl-C or an error the tasks already running are waited for (the others dropped) before returning,
    so none writes into the output after it was deleted."""
    from concurrent.futures import ThreadPoolExecutor

    import dask.threaded
    from dask.callbacks import Callback
    from dask.system import CPU_COUNT

    class Progress(Callback):
        def _start_state(self, dsk, state):
            self.total = max(1, sum(len(state[key]) for key in ("ready", "waiting", "running")))
            self.done = 0

        def _posttask(self, key, result, dsk, state, worker_id):
            self.done += 1
            feedback.progress(self.done / self.total)

    pool = getattr(dask.threaded, "ContextAwareThreadPoolExecutor", ThreadPoolExecutor)(CPU_COUNT)
    try:
        with Progress():
            delayed.compute(scheduler="threads", pool=pool)
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


#: attributes of a dataset that its outputs record (global attribute; GeoTIFF tag in capitals)
RECORDED = ("climatology",)


def layered(ds: xr.Dataset) -> xr.Dataset:
    """One ``(time, lat, lon)`` variable per layer and data variable, with CF and GDAL attributes; the
    axes named as :func:`~.model.file_axes` says (``y``, ``x`` on a projected grid)."""
    wkt = crs_wkt(ds.attrs["crs"])
    variables = {}
    for variable in ds.data_vars:
        for index, layer in enumerate(ds.layer.values):
            name = str(layer) if variable == DATA_VAR else f"{layer}_{variable}"
            array = ds[variable].isel(layer=index).drop_vars(["layer", "layer_top", "layer_bottom"])
            named = {"standard_name": STANDARD_NAME} if variable == DATA_VAR else {}
            array.attrs = {**ds[variable].attrs, **named, "layer_top": float(ds.layer_top[index]),
                           "layer_bottom": float(ds.layer_bottom[index]), "layer_index": index,
                           "grid_mapping": "crs"}
            variables[name] = array.astype("float32")
    geotransform = " ".join(f"{value!r}" for value in transform(ds))
    y, x = file_axes(ds)
    out = xr.Dataset(variables).drop_encoding().rename({"lat": y, "lon": x})
    out["crs"] = xr.DataArray(np.int32(0), attrs={**_cf_grid_mapping(wkt), "crs_wkt": wkt, "spatial_ref": wkt,
                                                   "GeoTransform": geotransform})
    for name, attrs in _axes(ds).items():
        out[name].attrs = attrs
        out[name].encoding["_FillValue"] = None  # CF: a coordinate variable has no missing values
    if any(array.attrs.get("cell_methods") == DAILY_MEAN for array in variables.values()):
        out = _day_bounds(out)
    out["time"].encoding.update(TIME_ENCODING)
    out.attrs = {**_discovery(ds), "product": str(ds.attrs.get("product", "custom")),
                 "source": str(ds.attrs.get("source", "")),
                 **{key: str(ds.attrs[key]) for key in RECORDED if key in ds.attrs}}
    return out


def _day_bounds(out: xr.Dataset) -> xr.Dataset:
    """``out`` with ``time_bnds``, the day each daily mean is over (00:00 to 00:00 of the next day): CF
    7.3 wants the interval of a ``time: mean``."""
    days = out.time.values
    out = out.assign_coords(time_bnds=(("time", "nv"), np.stack([days, days + np.timedelta64(1, "D")], 1)))
    out["time"].attrs["bounds"] = "time_bnds"
    out["time_bnds"].encoding = dict(TIME_ENCODING)
    return out


def _discovery(ds: xr.Dataset) -> dict:
    """CF and ACDD-1.3 global attributes: title, summary, extents (``geospatial_bounds`` a WKT polygon in
    the product CRS, axis order of its EPSG definition: latitude first for EPSG:4326), days, creation."""
    from rasterio.warp import transform_bounds

    product = str(ds.attrs.get("product", "custom"))
    west, south, east, north = shown(bounds(ds), ds)
    crs = crs_name(ds.attrs["crs"])
    corners = ((west, south), (east, south), (east, north), (west, north), (west, south))
    if is_geographic(ds):  # EPSG:4326 is latitude, longitude
        corners = tuple((y, x) for x, y in corners)
    polygon = "POLYGON ((" + ", ".join(f"{a!r} {b!r}" for a, b in corners) + "))"
    lon_min, lat_min, lon_max, lat_max = (round(value, 7) for value in
                                          transform_bounds(crs, "EPSG:4326", west, south, east, north))
    layers = scheme_of(ds).layers
    first, last = pd.DatetimeIndex(ds.time.values[[0, -1]])
    days = first.strftime("%Y-%m-%d"), last.strftime("%Y-%m-%d")
    what = ", ".join("soil moisture" if name == DATA_VAR else str(name) for name in ds.data_vars)
    created = pd.Timestamp.now(tz="UTC").strftime("%Y-%m-%dT%H:%M:%SZ")
    return {"Conventions": "CF-1.8, ACDD-1.3", "title": f"{product} soil moisture",
            "summary": f"Daily {what} of the {product} product, layers "
                       + ", ".join(f"{layer.name} ({layer.top:g}-{layer.bottom:g} cm)" for layer in layers)
                       + f", {days[0]} to {days[1]}.",
            "standard_name_vocabulary": "CF Standard Name Table v93",
            "date_created": created, "history": f"{created} written by the SMRFR toolkit {__version__}",
            "geospatial_bounds": polygon, "geospatial_bounds_crs": crs,
            "geospatial_lat_min": lat_min, "geospatial_lat_max": lat_max,
            "geospatial_lat_units": "degrees_north",
            "geospatial_lon_min": lon_min, "geospatial_lon_max": lon_max,
            "geospatial_lon_units": "degrees_east",
            "geospatial_vertical_min": min(layer.top for layer in layers),
            "geospatial_vertical_max": max(layer.bottom for layer in layers),
            "geospatial_vertical_units": "cm", "geospatial_vertical_positive": "down",
            "time_coverage_start": days[0], "time_coverage_end": days[1], "time_coverage_resolution": "P1D",
            "time_coverage_duration": f"P{(last - first).days + 1}D"}


def _axes(ds: xr.Dataset) -> dict[str, dict]:
    """CF attributes of the axes, by their names in the file (:func:`~.model.file_axes`): degrees, or the
    linear unit of a projected CRS (metres; ``0.3048006096012192 m`` for US survey feet)."""
    if is_geographic(ds):
        lat = {"standard_name": "latitude", "long_name": "latitude", "units": "degrees_north"}
        lon = {"standard_name": "longitude", "long_name": "longitude", "units": "degrees_east"}
    else:
        factor = parse_crs(ds.attrs["crs"]).linear_units_factor[1]
        units = "m" if factor == 1 else f"{factor!r} m"
        lat = {"standard_name": "projection_y_coordinate", "long_name": "y coordinate of projection",
               "units": units}
        lon = {"standard_name": "projection_x_coordinate", "long_name": "x coordinate of projection",
               "units": units}
    y, x = file_axes(ds)
    return {y: {**lat, "axis": "Y"}, x: {**lon, "axis": "X"},
            "time": {"standard_name": "time", "long_name": "time", "axis": "T"}}


def _cf_grid_mapping(wkt: str) -> dict:
    """CF grid-mapping attributes of the CRS (``grid_mapping_name`` and its parameters, pyproj's
    ``to_cf``); a CRS that CF has no grid mapping for gets ``crs_wkt`` alone."""
    from pyproj import CRS

    return {key: value for key, value in CRS.from_wkt(wkt).to_cf().items() if key != "crs_wkt"}


def _chunks(ds: xr.Dataset) -> dict[str, int]:
    """Chunks of the written ``(time, y, x)`` variables, by the names of their axes in the file."""
    y, x = file_axes(ds)
    return {"time": min(TIME_BLOCK, ds.sizes["time"]), y: min(SPACE_BLOCK, ds.sizes["lat"]),
            x: min(SPACE_BLOCK, ds.sizes["lon"])}


def _write_zarr(ds: xr.Dataset, path: Path, zarr_format: int, feedback: Feedback) -> None:
    import numcodecs

    if zarr_format not in (2, 3):
        raise SmrfrError(f"zarr_format must be 2 or 3, not {zarr_format}")
    out = layered(ds)
    chunks = _chunks(ds)
    out = out.chunk(chunks)
    encoding = {}
    for name in out.data_vars:
        if name == "crs":
            continue
        encoding[name] = {"chunks": tuple(chunks.values()), "dtype": "float32",
                          "_FillValue": np.float32("nan")}
        if zarr_format == 2:
            encoding[name]["compressors"] = (numcodecs.Blosc(cname="lz4", clevel=5, shuffle=1),)
        # GDAL reads the CRS of a Zarr array from its ``_CRS`` attribute
        out[name].attrs["_CRS"] = {"wkt": out["crs"].attrs["crs_wkt"]}
    delayed = out.to_zarr(path, mode="w", zarr_format=zarr_format, consolidated=zarr_format == 2,
                          compute=False, encoding=encoding)
    compute(delayed, feedback)


def _write_netcdf(ds: xr.Dataset, path: Path, feedback: Feedback) -> None:
    out = layered(ds)
    chunks = _chunks(ds)
    out = out.chunk(chunks)
    encoding = {name: {"zlib": True, "complevel": 4, "shuffle": True, "dtype": "float32",
                       "_FillValue": np.float32("nan"), "chunksizes": tuple(chunks.values())}
                for name in out.data_vars if name != "crs"}
    delayed = out.to_netcdf(path, engine="netcdf4", format="NETCDF4", encoding=encoding, compute=False)
    compute(delayed, feedback)


def _write_geotiffs(ds: xr.Dataset, folder: Path, feedback: Feedback) -> None:
    """One COG per layer and variable, one band per day (description = ISO date)."""
    import rasterio
    import rasterio.shutil
    from affine import Affine
    from rasterio._err import CPLE_BaseError

    folder.mkdir()
    out = layered(ds)
    names = [name for name in out.data_vars if name != "crs"]
    wkt = out["crs"].attrs["crs_wkt"]
    geotransform = Affine.from_gdal(*transform(ds))
    dates = [str(day)[:10] for day in pd.DatetimeIndex(ds.time.values).date]
    ntime, nlat, nlon = ds.sizes["time"], ds.sizes["lat"], ds.sizes["lon"]
    steps = len(names) * (-(-ntime // TIME_BLOCK))
    done = 0
    for name in names:
        array = out[name]
        striped = folder / f".{name}.striped.tif"
        profile = {"driver": "GTiff", "width": nlon, "height": nlat, "count": ntime, "dtype": "float32",
                   "crs": wkt, "transform": geotransform, "nodata": np.nan, "tiled": True, "blockxsize": 256,
                   "blockysize": 256, "compress": "deflate", "predictor": 3, "interleave": "band",
                   "BIGTIFF": "IF_SAFER"}
        with rasterio.open(striped, "w", **profile) as dst:
            dst.update_tags(PRODUCT=out.attrs["product"], LAYER_NAME=name, LAYER_TOP=array.attrs["layer_top"],
                            LAYER_BOTTOM=array.attrs["layer_bottom"], UNITS=array.attrs.get("units", ""),
                            **{key.upper(): out.attrs[key] for key in RECORDED if key in out.attrs})
            for start in range(0, ntime, TIME_BLOCK):
                block = np.asarray(array.isel(time=slice(start, start + TIME_BLOCK)).values, dtype="float32")
                for offset, values in enumerate(block):
                    band = start + offset + 1
                    dst.write(values, band)
                    dst.set_band_description(band, dates[band - 1])
                done += 1
                feedback.progress(done / steps)
        try:
            rasterio.shutil.copy(striped, folder / f"{name}.tif", driver="COG", compress="DEFLATE",
                                 predictor="FLOATING_POINT", blocksize=256, overviews="NONE",
                                 BIGTIFF="IF_SAFER")
        except CPLE_BaseError as error:  # GDAL reports a failed write of the striped file only here
            raise OSError(f"GDAL could not write {name}.tif ({error})") from error
        striped.unlink()
