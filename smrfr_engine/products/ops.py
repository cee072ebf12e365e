"""User operations on products: info, subset (crop, mask, derived layers, export) and point series."""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pandas as pd
import xarray as xr

from ..atomic import atomic_output
from ..dates import gaps
from ..errors import SmrfrError
from ..feedback import Feedback
from .aggregate import depth_aggregate, root_zone
from .aoi import crop, load_aoi, reproject_geometries
from .model import DATA_VAR, bounds, crs_name, is_geographic, scheme_of, select, shown, shown_text
from .points import cells_as_text, sample_points
from .readers import open_product
from .writers import check_table_output, write_product

#: what a point series is written as, by the output's extension
SERIES_FORMATS = {".csv": "CSV"}


def info(source: str | Path, kind: str | None = None, description=None) -> dict:
    """What a product holds: layers and depths, extent, resolution, CRS, dates, size on disk."""
    with open_product(source, kind, description) as ds:
        return _facts(ds, Path(source))


def _facts(ds: xr.Dataset, path: Path) -> dict:
    """The facts of :func:`info` from an opened product."""
    times = pd.DatetimeIndex(ds.time.values)
    return {
        "source": str(path), "product": ds.attrs["product"],
        "layers": [{"name": layer.name, "top_cm": layer.top, "bottom_cm": layer.bottom}
                   for layer in scheme_of(ds).layers],
        "extent": list(shown(bounds(ds), ds)), "resolution": list(ds.attrs["resolution"]),
        "shape": {"lat": ds.sizes["lat"], "lon": ds.sizes["lon"], "time": ds.sizes["time"]},
        "crs": crs_name(ds.attrs["crs"]),
        "start": str(times[0].date()), "end": str(times[-1].date()), "days": len(times),
        "gaps": [[str(first.date()), str(last.date())] for first, last in gaps(times)],
        "size_on_disk_bytes": size_on_disk(path),
        "size_uncompressed_bytes": int(ds[DATA_VAR].size * 4),
    }


def size_on_disk(path: Path) -> int:
    """Bytes of the file ``path`` or of every file under the folder ``path`` (symbolic links to folders
    not followed): one ``stat`` per file, the folders listed with ``os.scandir``."""
    if path.is_file():
        return path.stat().st_size
    total, folders = 0, [path]
    while folders:
        with os.scandir(folders.pop()) as entries:
            for entry in entries:
                if entry.is_dir(follow_symlinks=False):
                    folders.append(entry.path)
                elif entry.is_file():
                    total += entry.stat().st_size
    return total


def format_info(facts: dict) -> str:
    """Human-readable lines of :func:`info`."""
    layers = ", ".join(f"{item['name']} ({item['top_cm']:g}-{item['bottom_cm']:g} cm)"
                       for item in facts["layers"])
    west, south, east, north = facts["extent"]
    missing = "".join(f"; no data {first} .. {last}" for first, last in facts["gaps"])
    return "\n".join([
        f"source:     {facts['source']}", f"product:    {facts['product']}", f"layers:     {layers}",
        f"extent:     W {west:.10g}, S {south:.10g}, E {east:.10g}, N {north:.10g}",
        f"resolution: {facts['resolution'][0]:.10g} x {facts['resolution'][1]:.10g}",
        f"grid:       {facts['shape']['lon']} x {facts['shape']['lat']} cells", f"crs:        {facts['crs']}",
        f"dates:      {facts['start']} .. {facts['end']} ({facts['days']} days{missing})",
        f"size:       {facts['size_on_disk_bytes'] / 2**20:.1f} MiB on disk, "
        f"{facts['size_uncompressed_bytes'] / 2**20:.1f} MiB uncompressed"])


def parse_depths(spec: str) -> list[tuple[float, float]]:
    """``0-10,10-40`` -> [(0, 10), (10, 40)]."""
    try:
        return [tuple(float(v) for v in part.split("-", 1)) for part in spec.split(",") if part]
    except ValueError:
        raise SmrfrError(f"depth ranges {spec!r} must look like 0-10,10-40 (cm)") from None


def derive_layers(ds: xr.Dataset, add_root_zone: bool = False,
                  depth_ranges: Sequence[tuple[float, float]] = ()) -> xr.Dataset:
    """Append the root-zone layer and/or depth-range aggregates to the dataset's layers."""
    derived = [root_zone(ds)] if add_root_zone else []
    derived += [depth_aggregate(ds, top, bottom) for top, bottom in depth_ranges]
    return xr.concat([ds, *derived], dim="layer", coords="different", compat="equals") if derived else ds


def prepare(ds: xr.Dataset, bbox=None, bbox_crs=None, aoi=None, aoi_layer=None, start=None, end=None,
            layers=None, feedback: Feedback | None = None) -> xr.Dataset:
    """Select layers and dates of an opened product, crop to the AOI and mask outside its polygons (lazy)."""
    ds = select(ds, layers, start, end, feedback)
    return crop(ds, load_aoi(ds.attrs["crs"], bbox, bbox_crs, aoi, aoi_layer))


def subset(source, out, bbox=None, bbox_crs: str | None = None, aoi=None, aoi_layer: str | None = None,
           start=None, end=None, layers: Sequence[str] | None = None, add_root_zone: bool = False,
           depth_ranges: Sequence[tuple[float, float]] = (), fmt: str | None = None, zarr_format: int = 2,
           kind: str | None = None, description=None, feedback: Feedback | None = None) -> dict:
    """Crop a product to an AOI and date range and export it (format by ``out``, see write_product).

    The AOI is a bbox ``W,S,E,N`` in ``bbox_crs`` (default: the product CRS) or the polygons of a
    vector file or of a ``geopandas.GeoDataFrame`` (reprojected to the product CRS); without either, the
    whole product. Cells whose extent intersects the AOI's bounding box are kept; with polygons, cells
    touched by no polygon are set to NaN. Derived layers (root zone 0-100 cm, depth ranges) are appended.
    Streams block by block; atomic output. Returns ``{"out", "layers", "days", "shape" ([lat, lon] cells),
    "bounds" (W, S, E, N)}``.
    """
    feedback = feedback or Feedback()
    with open_product(source, kind, description) as product:
        ds = prepare(product, bbox, bbox_crs, aoi, aoi_layer, start, end, None, feedback)
        names = [str(name) for name in select(ds, layers).layer.values]  # checks the names
        derived = derive_layers(ds, add_root_zone, depth_ranges)  # from all layers, then keep the asked ones
        ds = derived.sel(layer=names + [str(name) for name in derived.layer.values[ds.sizes["layer"]:]])
        feedback.info(f"{ds.sizes['layer']} layers, {ds.sizes['time']} days, {ds.sizes['lon']} x "
                      f"{ds.sizes['lat']} cells -> {out}")
        write_product(ds, out, zarr_format=zarr_format, feedback=feedback, fmt=fmt)
    return {"out": str(out), "layers": [str(v) for v in ds.layer.values], "days": ds.sizes["time"],
            "shape": [ds.sizes["lat"], ds.sizes["lon"]], "bounds": list(shown(bounds(ds), ds))}


def point_series(source, lon: float, lat: float, out=None, crs: str | None = None, start=None, end=None,
                 layers: Sequence[str] | None = None, method: str = "nearest", kind: str | None = None,
                 description=None, feedback: Feedback | None = None) -> tuple[pd.DataFrame, dict]:
    """Daily series of every layer at a point (``lon``, ``lat`` in ``crs``, default the product's).

    Returns a table (a daily ``DatetimeIndex`` named ``date``, one column per layer) and facts: the cell
    centre used (product CRS), its distance in km. Writes CSV to ``out`` when given.
    """
    feedback = feedback or Feedback()
    if np.ndim(lon) or np.ndim(lat):
        raise SmrfrError(f"a point series is of one point: give lon and lat as numbers, not {lon!r}, {lat!r} "
                         "(sample_points reads the product at several points)")
    if out is not None:
        check_table_output(out, SERIES_FORMATS, source)
    with open_product(source, kind, description) as product:
        table, facts = _series(select(product, layers, start, end, feedback), lon, lat, crs, method, feedback)
    if out is not None:
        with atomic_output(out) as tmp:
            written = table.assign(cell_lon=facts["cell_lon"], cell_lat=facts["cell_lat"],
                                   distance_km=round(facts["distance_km"], 3))
            cells_as_text(written).to_csv(tmp, float_format="%.6g")
    feedback.progress(1.0)
    return table, facts


def _series(ds: xr.Dataset, lon: float, lat: float, crs: str | None, method: str,
            feedback: Feedback) -> tuple[pd.DataFrame, dict]:
    """The series table and facts of :func:`point_series` from an opened product."""
    x, y = lon, lat
    if crs is not None:
        from shapely.geometry import Point

        point = reproject_geometries([Point(lon, lat)], crs, ds.attrs["crs"])[0]
        x, y = point.x, point.y
    values = sample_points(ds, [x], [y], method=method)
    if np.isnan(values.cell_lon.values[0]):
        extent = shown_text(bounds(ds), ds)
        lonlat = crs is None and not is_geographic(ds)  # longitude, latitude read as metres?
        where = f" (x,y in the product CRS {crs_name(ds.attrs['crs'])})" if lonlat else ""
        hint = "; give the point's CRS (EPSG:4326 for longitude, latitude)" if lonlat else ""
        raise SmrfrError(f"point {lon:g},{lat:g}{where} is outside the product {ds.attrs['source']} "
                         f"(extent W,S,E,N {extent}){hint}")
    feedback.progress(0.2, "reading the series")
    table = values.isel(point=0).load().to_pandas().T
    table.index = pd.DatetimeIndex(table.index, name="date")
    table.columns = [str(name) for name in table.columns]
    facts = {"cell_lon": float(values.cell_lon[0]), "cell_lat": float(values.cell_lat[0]),
             "distance_km": float(values.distance_km[0]), "days": len(table)}
    return table, facts
