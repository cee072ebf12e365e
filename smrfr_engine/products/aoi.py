"""Areas of interest: a bounding box (in any CRS) or polygons from a vector file, in the product CRS."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np
import xarray as xr

from ..atomic import is_path
from ..errors import SmrfrError
from .model import bounds, is_geographic, parse_crs, shown_text, transform

#: share of a cell's width by which a bbox edge may miss the cell's edge and still count as on it
EDGE_TOLERANCE = 1e-6


@dataclass
class Aoi:
    """``bbox`` (west, south, east, north) and optional polygons, both in the product CRS."""

    bbox: tuple[float, float, float, float]
    geometries: list | None
    label: str


def parse_bbox(text: str) -> tuple[float, float, float, float]:
    """``W,S,E,N`` -> floats, checked (W < E, S < N)."""
    try:
        west, south, east, north = (float(value) for value in str(text).split(","))
    except ValueError:
        raise SmrfrError(f"bbox {text!r} must be four numbers W,S,E,N") from None
    if west >= east or south >= north:
        raise SmrfrError(f"bbox {text!r} must have west < east and south < north")
    return west, south, east, north


def same_crs(a: str, b: str) -> bool:
    return parse_crs(a) == parse_crs(b)


def load_aoi(crs: str, bbox=None, bbox_crs: str | None = None, aoi=None,
             aoi_layer: str | None = None) -> Aoi | None:
    """The AOI in ``crs``: a bbox (``W,S,E,N`` text or tuple, in ``bbox_crs``, default the product's)
    or every polygon of ``aoi`` (:func:`read_polygons`: layer ``aoi_layer`` of a vector file, or a
    GeoDataFrame), reprojected from its CRS; None, the whole product, when neither is given."""
    from shapely.geometry import box

    if bbox is not None and aoi is not None:
        raise SmrfrError("give one area of interest: a bbox (W,S,E,N) or an AOI file, not both")
    if bbox is None and aoi is None:
        return None
    if bbox is not None:
        values = parse_bbox(",".join(map(str, bbox))) if not isinstance(bbox, str) else parse_bbox(bbox)
        if bbox_crs is None or same_crs(bbox_crs, crs):
            return Aoi(values, None, f"bbox {','.join(f'{v:g}' for v in values)}")
        geometry = reproject_geometries([box(*values).segmentize(_segment(values))], bbox_crs, crs)[0]
        label = f"bbox {','.join(f'{v:g}' for v in values)} ({bbox_crs})"
        return Aoi(tuple(geometry.bounds), [geometry], label)
    frame = read_polygons(aoi, aoi_layer).to_crs(crs)
    geometries = [geom for geom in frame.geometry if geom is not None and not geom.is_empty]
    return Aoi(tuple(frame.total_bounds), geometries, f"AOI {vector_name(aoi)}")


def _segment(values) -> float:
    return max(values[2] - values[0], values[3] - values[1]) / 50


def reproject_geometries(geometries: list, source: str, target: str) -> list:
    """Shapely geometries from CRS ``source`` to ``target`` (GDAL/PROJ through rasterio)."""
    from rasterio.warp import transform_geom
    from shapely.geometry import mapping, shape

    source, target = parse_crs(source), parse_crs(target)
    return [shape(item) for item in transform_geom(source, target, [mapping(g) for g in geometries])]


def read_vector(path: str | Path, layer: str | None = None):
    """Layer ``layer`` of a vector file (``geopandas.read_file``), with a clear error when its text (a field
    name or value) is not in the encoding the file declares."""
    import geopandas

    try:
        return geopandas.read_file(path, layer=layer)
    except UnicodeDecodeError as error:
        where = f"{path}" if layer is None else f"{path} layer {layer}"
        shown = error.object[error.start:error.end + 8]
        raise SmrfrError(
            f"{where}: a field name or value is not {error.encoding} text as the file declares (bytes "
            f"{shown!r}): a Shapefile cuts field names at 10 bytes, which can split an accented letter, or "
            "its .cpg names the wrong encoding; rename the field, fix the .cpg or save the layer as a "
            "GeoPackage") from None


def vector_name(source) -> str:
    """How messages name polygons: the vector file's path, or ``GeoDataFrame`` for ones in memory."""
    return str(source) if is_path(source) else "GeoDataFrame"


def read_polygons(source, layer: str | None = None, field: str | None = None):
    """Polygons of a vector file (layer ``layer``, default the first) or of a ``geopandas.GeoDataFrame``
    with a CRS, as a GeoDataFrame with the geometry column ``geometry``, with clear errors (file, layer,
    CRS, field)."""
    import geopandas

    if isinstance(source, geopandas.GeoDataFrame):
        if layer is not None:
            raise SmrfrError(f"layer {layer!r} names a layer of a vector file: give none with a GeoDataFrame")
        if source.crs is None:
            raise SmrfrError("GeoDataFrame has no CRS: set it (e.g. frame.set_crs('EPSG:4326')) and retry")
        # the geometry column named as in a file (read_postgis names it geom)
        frame = source if source.geometry.name == "geometry" else source.rename_geometry("geometry")
        where = "GeoDataFrame"
    else:
        frame, where = _read_layer(source, layer)
    frame = frame[frame.geometry.notna() & frame.geometry.geom_type.isin(["Polygon", "MultiPolygon"])]
    if frame.empty:
        raise SmrfrError(f"{where} holds no polygons")
    if field is not None and field not in frame.columns:
        raise SmrfrError(f"field {field!r} is not in {vector_name(source)}; available: "
                         f"{', '.join(c for c in frame.columns if c != 'geometry')}")
    return frame


def _read_layer(source, layer: str | None):
    """Layer ``layer`` (default the first, as QGIS and GDAL take it) of the vector file ``source``, and
    how messages name it."""
    import geopandas
    import pyogrio

    if not is_path(source):
        raise SmrfrError(f"polygons come from a vector file or a geopandas.GeoDataFrame, not a "
                         f"{type(source).__name__}")
    path = Path(source)
    if not path.exists():
        raise SmrfrError(f"vector file {path} does not exist")
    try:
        layers = [str(name) for name in pyogrio.list_layers(path)[:, 0]]
    except Exception as error:
        raise SmrfrError(f"cannot read vector file {path}: {error}") from None
    if layer is not None and layer not in layers:
        raise SmrfrError(f"layer {layer!r} is not in {path}; available: {', '.join(layers)}")
    layer = layers[0] if layer is None else layer
    frame = read_vector(path, layer)
    if not isinstance(frame, geopandas.GeoDataFrame):  # a CSV or a table layer: no geometry
        raise SmrfrError(f"{path} layer {layer} has no geometry: give a polygon layer (GeoPackage, "
                         "Shapefile, GeoJSON)")
    if frame.crs is None:
        raise SmrfrError(f"{path} has no CRS: define it (e.g. save it with EPSG:4326) and try again")
    return frame, f"{path} layer {layer}"


def crop(ds: xr.Dataset, aoi: Aoi | None) -> xr.Dataset:
    """Cells whose extent overlaps the AOI bbox, masked outside its polygons (cells touched by a
    polygon are kept); all of ``ds`` when ``aoi`` is None. A cell that only shares an edge with the bbox
    is left out, even when the edge differs by a rounding error (:data:`EDGE_TOLERANCE` of a cell).
    Raises :class:`SmrfrError` when nothing of the product is inside the AOI."""
    if aoi is None:
        return ds
    west, south, east, north = aoi.bbox
    dx, dy = (abs(step) * (0.5 - EDGE_TOLERANCE) for step in ds.attrs["resolution"])
    lon, lat = ds.lon.values, ds.lat.values
    cols = np.flatnonzero((lon + dx > west) & (lon - dx < east))
    rows = np.flatnonzero((lat + dy > south) & (lat - dy < north))
    if cols.size == 0 or rows.size == 0:
        raise SmrfrError(f"the {aoi.label} (W,S,E,N {shown_text(aoi.bbox, ds)} in the product CRS) is "
                         f"outside the product {ds.attrs.get('source')}, whose extent is "
                         f"{shown_text(bounds(ds), ds)}")
    ds = ds.isel(lon=slice(cols[0], cols[-1] + 1), lat=slice(rows[0], rows[-1] + 1))
    if aoi.geometries:
        mask = polygon_mask(ds, aoi.geometries)
        if not mask.any():
            raise SmrfrError(f"the {aoi.label} covers no cell of the product {ds.attrs.get('source')}")
        ds = ds.where(xr.DataArray(mask, dims=("lat", "lon")))
    return ds


def polygon_mask(ds: xr.Dataset, geometries: list, all_touched: bool = True) -> np.ndarray:
    """Boolean (lat, lon) array: True where a cell is touched by (or, ``all_touched=False``, has its
    centre inside) one of ``geometries``."""
    from affine import Affine
    from rasterio.features import geometry_mask

    return geometry_mask(geometries, out_shape=(ds.sizes["lat"], ds.sizes["lon"]),
                         transform=Affine.from_gdal(*transform(ds)), all_touched=all_touched, invert=True)


def cover_fractions(ds: xr.Dataset, geometry) -> np.ndarray:
    """Fraction (0..1) of each cell's area inside ``geometry``, as a (lat, lon) array: 1 for cells wholly
    inside, 0 for cells it does not touch, the intersected area for the cells on its edge."""
    import shapely

    dx, dy = ds.attrs["resolution"]
    lon, lat = np.meshgrid(ds.lon.values, ds.lat.values)
    cells = shapely.box(lon - dx / 2, lat - dy / 2, lon + dx / 2, lat + dy / 2)
    shapely.prepare(geometry)  # (in place) the tests against every cell below use its index
    fractions = shapely.contains_properly(geometry, cells).astype("float64")
    edge = (fractions == 0) & shapely.intersects(geometry, cells)
    fractions[edge] = shapely.area(shapely.intersection(cells[edge], geometry)) / (dx * dy)
    return fractions


def cell_areas(ds: xr.Dataset) -> np.ndarray:
    """Relative area of each cell, as a (lat, lon) array: on a sphere a cell of height ``dy`` centred at
    latitude ``phi`` has the area ``R^2 dx (sin(phi + dy/2) - sin(phi - dy/2))``, i.e. in proportion to
    ``sin(phi + dy/2) - sin(phi - dy/2)`` (about ``cos(phi) dy``); 1 everywhere on a projected grid."""
    shape = (ds.sizes["lat"], ds.sizes["lon"])
    if not is_geographic(ds):
        return np.ones(shape)
    half = np.deg2rad(ds.attrs["resolution"][1]) / 2
    phi = np.deg2rad(np.clip(ds.lat.values.astype("float64"), -90, 90))
    band = np.sin(np.minimum(phi + half, np.pi / 2)) - np.sin(np.maximum(phi - half, -np.pi / 2))
    return np.broadcast_to(band[:, None] / band.max(), shape)
