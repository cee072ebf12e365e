"""Product readers: small adapters from each product's files onto the common model (see model.py).

Everything is opened lazily (xarray + dask); nothing is loaded until an operation computes it.
"""

from __future__ import annotations

import json
import math
import re
import warnings
from collections.abc import Iterable
from contextlib import ExitStack
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd
import xarray as xr

from ..errors import SmrfrError, listing
from ..layers import SCHEMES, Layer, layer_extras
from ..options import PRODUCT_KINDS as KINDS
from .model import COORD_NAMES, GEOGRAPHIC, assemble, crs_name, standard_dims

LAYER_PATTERNS = {"smrfr": re.compile(r"^sml\d_p$"), "era5": re.compile(r"^swvl\d$")}
DATE_IN_NAME = re.compile(r"(\d{4})[-_]?(\d{2})[-_]?(\d{2})")
SMRFR_STORE = re.compile(r"^SMRFR_\d{4}_v[\d.]+\.zarr$")
YEAR_IN_NAME = re.compile(r"(?<!\d)(\d{4})(?!\d)")
SMCI_FILL = -999
NETCDF_SUFFIXES, GEOTIFF_SUFFIXES = (".nc", ".nc4"), (".tif", ".tiff")
#: what a product is read from, for the message when a file is none of it
PRODUCT_FORMATS = ("a product is a Zarr store, a NetCDF file (.nc, .nc4) or a GeoTIFF (.tif, .tiff), or a "
                   "folder of them")
#: values (bands x cells) of a GeoTIFF read at once, unless one block of the file holds more
TIF_CHUNK_VALUES = 2 ** 24
#: the most a Zarr array may make a reader hold at once: one chunk (decoded whole), or a whole coordinate
MAX_ZARR_READ = 2 ** 30
#: how to read a layout not recognised, in the commands that take ``--kind``/``--description``
DESCRIBE_HINT = "give the product kind or a product description"
#: what a product of each kind holds, for the message when a source is not of the kind given
KIND_LAYOUTS = {"smrfr": "variables sml1_p..sml5_p", "era5": "variables swvl1..swvl4",
                "somo": "NetCDF files named like SoMo.ml_v1_layer1_2010.nc",
                "smci": "NetCDF files named like SMCI_9km_2010_10cm.nc",
                "gssm": "GeoTIFFs named like GSSM_YYYYMMDD.tif", "custom": "a product description"}


#: what Windows refuses in a file name: these characters, device names (also with an extension) and a
#: trailing dot or space
UNSAFE_CHARACTERS = re.compile(r'[<>:"/\\|?*\x00-\x1f]')
RESERVED_NAMES = re.compile(r"(CON|PRN|AUX|NUL|COM[1-9]|LPT[1-9])(\..*)?$", re.IGNORECASE)


def _check_layer_names(names: list[str]) -> None:
    """Refuse layer names of a description that cannot name files on every system: a layer's name names
    its GeoTIFF, its Zarr variable (a folder) and its layer in QGIS, and Windows and macOS tell no case."""
    for name in names:
        bad = UNSAFE_CHARACTERS.search(name)
        reason = (f"it holds {bad.group()!r}, which Windows refuses in file names" if bad else
                  "Windows reserves it for a device" if RESERVED_NAMES.match(name) else
                  "Windows drops a trailing dot or space" if name.endswith((".", " ")) else "")
        if reason:
            raise SmrfrError(f"layer name {name!r} of the product description cannot name its files: "
                             f"{reason}; rename the layer")
    seen = {}
    for name in names:
        if name.casefold() in seen:
            raise SmrfrError(f"layers {seen[name.casefold()]!r} and {name!r} of the product description "
                             "would name the same files on Windows and macOS, which tell no case: give each "
                             "layer its own name")
        seen[name.casefold()] = name


@dataclass
class ProductDescription:
    """How to read a CF NetCDF / Zarr / GeoTIFF series that is none of the known products.

    ``layers``: one entry per layer ``{"name", "top", "bottom", "variable" (NetCDF/Zarr), "files"
    (glob relative to the source folder, default all files)}``; raw values are converted with
    ``value * scale + offset`` after masking ``fill`` (without them, the file's own: ``scale_factor``,
    ``add_offset``, ``_FillValue``, a GeoTIFF band's scale, offset and nodata); ``crs`` applies when the
    files do not carry one.
    A JSON file with these keys works too (``ProductDescription.load``).
    """

    layers: list[dict]
    scale: float | None = None
    offset: float | None = None
    fill: float | None = None
    crs: str | None = None
    product: str = "custom"
    extra: dict = field(default_factory=dict)

    @classmethod
    def load(cls, spec: ProductDescription | dict | str | Path) -> ProductDescription:
        if isinstance(spec, ProductDescription):
            return spec
        if not isinstance(spec, dict):
            try:
                spec = json.loads(Path(spec).read_text(encoding="utf-8"))
            except (OSError, ValueError) as error:
                raise SmrfrError(f"cannot read the product description {spec}: {error}") from None
        known = {"layers", "scale", "offset", "fill", "crs", "product"}
        try:
            layers = [dict(item) for item in spec["layers"]]
            for item in layers:
                item["top"], item["bottom"] = float(item["top"]), float(item["bottom"])
                item["name"] = str(item.get("name") or item.get("variable"))
        except (KeyError, TypeError, ValueError):
            raise SmrfrError("a product description needs 'layers': [{'name', 'variable' or 'files', "
                             "'top', 'bottom'}, ...]") from None
        _check_layer_names([item["name"] for item in layers])
        given = {key: spec[key] for key in known - {"layers"} if key in spec}
        for key in ("scale", "offset", "fill"):
            try:
                given[key] = None if given.get(key) is None else float(given[key])
            except (TypeError, ValueError):
                raise SmrfrError(f"the {key} of a product description must be a number, not "
                                 f"{given[key]!r}") from None
        given = {key: value for key, value in given.items() if value is not None}
        return cls(layers=layers, **given,
                   extra={key: value for key, value in spec.items() if key not in known})


def open_product(source: str | Path, kind: str | None = None,
                 description: ProductDescription | dict | str | Path | None = None) -> xr.Dataset:
    """Open a soil-moisture product lazily as the common model (see :mod:`.model`).

    ``source``: a Zarr store, a folder of yearly stores ``SMRFR_YYYY_v1.0.zarr``, a NetCDF file or a
    folder of them (ERA5-Land ``swvl1..4``, SoMo.ml one file per layer and year, SMCI1.0 one file per
    depth and year), a GeoTIFF or a folder of GeoTIFFs (GSSM-10, or what ``write_product`` wrote).
    ``kind`` (smrfr/era5/somo/smci/gssm/custom) is detected when None; ``description`` (dict, JSON
    path or :class:`ProductDescription`) maps any other CF NetCDF / GeoTIFF series.
    Raises :class:`SmrfrError` naming what was found when the layout is not recognised.
    ``close()`` (or ``with``) closes the product's files; they are closed at once when reading fails.
    """
    path = Path(source)
    if not path.exists():
        raise SmrfrError(f"product {path} does not exist")
    if description is not None:
        kind = "custom"
    if kind is not None and kind not in KINDS:
        raise SmrfrError(f"unknown product kind {kind!r}; use one of {', '.join(KINDS)}")
    files = _product_files(path)
    suffix = files[0].suffix.lower()
    with warnings.catch_warnings(), ExitStack() as opened:
        warnings.simplefilter("ignore")
        if suffix in GEOTIFF_SUFFIXES:
            return _open_geotiffs(path, files, kind, description)
        product = _open_cubes(path, files, kind, description, opened)
        product.set_close(opened.pop_all().close)
        return product


def _product_files(path: Path) -> list[Path]:
    if path.suffix.lower() == ".zarr" or path.is_file():
        return [path]
    visible = sorted(p for p in path.iterdir() if not p.name.startswith("."))
    yearly = [p for p in visible if SMRFR_STORE.match(p.name)]
    if yearly:
        return yearly
    for suffixes in ((".zarr",), NETCDF_SUFFIXES, GEOTIFF_SUFFIXES):
        files = [p for p in visible if p.suffix.lower() in suffixes]
        if files:
            return files
    if (path / ".zgroup").exists() or (path / "zarr.json").exists():
        return [path]
    raise SmrfrError(f"{path} holds no Zarr store, NetCDF or GeoTIFF (found: {listing(path.iterdir())})")


def _open_cube(path: Path, opened: ExitStack, **kwargs) -> xr.Dataset:
    """One Zarr store (v2 or v3, consolidated or not) or NetCDF file, lazily, closed with ``opened``."""
    try:
        if path.is_dir():
            check_zarr_sizes(path)
            return opened.enter_context(xr.open_zarr(path, chunks={}, consolidated=None, **kwargs))
        # "auto": a contiguous variable (NetCDF3, CDS downloads) in pieces of dask's array.chunk-size, not
        # one piece that a point read loads whole; a chunked one in multiples of its own chunks
        return opened.enter_context(xr.open_dataset(path, chunks="auto", **kwargs))
    except SmrfrError:
        raise
    except Exception as error:  # corrupted or unreadable store: one clear message
        if path.is_file() and path.suffix.lower() not in NETCDF_SUFFIXES:  # a CSV: no backend reads it
            raise SmrfrError(f"cannot read {path}: {PRODUCT_FORMATS}") from None
        reason = str(error).partition("\n")[0]  # xarray goes on with lines of installation advice
        raise SmrfrError(f"cannot read {path}: it is not a readable Zarr store or NetCDF file "
                         f"({type(error).__name__}: {reason})") from None


def check_zarr_sizes(path: Path) -> None:
    """Refuse, from its metadata alone, a Zarr store whose reading would hold more than
    :data:`MAX_ZARR_READ` bytes of one array at once: a chunk is decoded whole, a 1-D coordinate loaded
    whole (a crafted or broken store announcing 365 x 3000 x 4000 values in one chunk made a point series
    allocate 33 GiB)."""
    import zarr

    for name, array in zarr.open_group(path, mode="r").arrays():
        whole = array.shape if array.ndim == 1 else array.chunks
        if math.prod(whole) * array.dtype.itemsize > MAX_ZARR_READ:
            raise SmrfrError(f"cannot read {path}: its array {name} is stored in pieces of "
                             f"{' x '.join(map(str, whole))} values ({array.dtype}), more than "
                             f"{MAX_ZARR_READ >> 30} GiB to read at once; rechunk the store into smaller "
                             "chunks")


def _layer_variables(cube: xr.Dataset, kind: str | None, path: Path) -> tuple[str, list[tuple[Layer, str]]]:
    """Detect the product in one opened file and map its variables onto layers."""
    names = [str(name) for name in cube.data_vars]
    tagged = [name for name in names if "layer_top" in cube[name].attrs]
    extras = layer_extras(tagged)
    written = sorted((name for name in tagged if name not in extras),
                     key=lambda name: int(cube[name].attrs.get("layer_index", 0)))
    if written and kind in (None, cube.attrs.get("product")):
        return (str(cube.attrs.get("product", "custom")),
                [(Layer(name, float(cube[name].attrs["layer_top"]), float(cube[name].attrs["layer_bottom"])),
                  name) for name in written])
    for product, pattern in LAYER_PATTERNS.items():
        if kind in (None, product):
            found = [layer for layer in SCHEMES[product].layers
                     if layer.name in names and pattern.match(layer.name)]
            if found:
                return product, [(layer, layer.name) for layer in found]
    found = ", ".join(names) or "none"
    if kind is not None:
        raise SmrfrError(f"{path} is not a product of kind {kind}: expected {KIND_LAYOUTS[kind]}, found "
                         f"variables {found}")
    raise SmrfrError(f"unrecognised product layout: variables {found} in {path}; expected sml1_p..sml5_p or "
                     f"swvl1..swvl4; {DESCRIBE_HINT}")


def _open_cubes(path: Path, files: list[Path], kind, description, opened: ExitStack) -> xr.Dataset:
    if description is not None:
        return _open_described_cubes(path, files, ProductDescription.load(description), opened)
    name = files[0].name.lower()
    if kind == "somo" or (kind is None and name.startswith("somo")):
        return _open_per_layer_files(path, files, "somo", _somo_layer, opened)
    if kind == "smci" or (kind is None and name.startswith("smci")):
        return _open_per_layer_files(path, files, "smci", _smci_layer, opened)
    cubes = [_open_cube(file, opened) for file in files]
    product, mapping = _layer_variables(cubes[0], kind, path)
    arrays = [(layer, _concat_time([_decoded(cube, variable) for cube in cubes], files))
              for layer, variable in mapping]
    crs, res = _crs_of(cubes[0], arrays[0][1])
    return assemble(arrays, crs, product, str(path), res)


def _somo_layer(name: str) -> Layer | None:
    match = re.search(r"layer(\d)", name, re.IGNORECASE)
    number = int(match.group(1)) if match else 0
    return SCHEMES["somo"].layers[number - 1] if 1 <= number <= 3 else None


def _smci_layer(name: str) -> Layer | None:
    match = re.search(r"(\d+)cm", name)
    if not match or int(match.group(1)) % 10 or not 10 <= int(match.group(1)) <= 100:
        return None
    return SCHEMES["smci"].layers[int(match.group(1)) // 10 - 1]


def _open_per_layer_files(path: Path, files: list[Path], product: str, layer_of,
                          opened: ExitStack) -> xr.Dataset:
    """SoMo.ml / SMCI1.0: one file per layer (and year) with one data variable each."""
    groups: dict[Layer, list[Path]] = {}
    for file in files:
        layer = layer_of(file.name)
        if layer is None:
            example = "SoMo.ml_v1_layer1_2010.nc" if product == "somo" else "SMCI_9km_2010_10cm.nc"
            raise SmrfrError(f"cannot tell the layer of {file.name} ({product} files are named like "
                             f"{example})")
        groups.setdefault(layer, []).append(file)
    arrays, first = [], None
    for layer in sorted(groups, key=lambda item: item.top):
        parts = []
        for file in groups[layer]:
            cube = _open_cube(file, opened)
            first = first if first is not None else cube
            parts.append(_with_time(_decoded(cube, _gridded_variable(cube, file)), file))
        arrays.append((layer, _concat_time(parts, groups[layer])))
    crs, res = _crs_of(first, arrays[0][1])
    return assemble(arrays, crs, product, str(path), res)


def _gridded_variable(cube: xr.Dataset, file: Path) -> str:
    """The one variable on the latitude/longitude grid of a file holding one layer; bounds (``time_bnds``,
    ``lat_bnds``) and a grid mapping are not."""
    gridded = [str(name) for name in cube.data_vars
               if all(set(COORD_NAMES[axis]) & set(cube[name].dims) for axis in ("lat", "lon"))]
    if len(gridded) != 1:
        found = ", ".join(f"{name}{tuple(map(str, cube[name].dims))}" for name in cube.data_vars) or "none"
        raise SmrfrError(f"{file} has {len(gridded) or 'no'} variables on a lat/lon grid (variables: "
                         f"{found}); a file of one layer has one: give a product description naming the "
                         "variable")
    return gridded[0]


def _open_described_cubes(path: Path, files: list[Path], spec: ProductDescription,
                          opened: ExitStack) -> xr.Dataset:
    arrays, first = [], None
    for item in spec.layers:
        chosen = [f for f in files if f.match(item["files"])] if "files" in item else files
        parts = []
        for file in chosen:
            cube = _open_cube(file, opened, mask_and_scale=False)
            first = first if first is not None else cube
            variable = item.get("variable", item["name"])
            if variable not in cube:
                raise SmrfrError(f"variable {variable!r} of the description is not in {file}; available: "
                                 f"{', '.join(map(str, cube.data_vars))}")
            parts.append(_with_time(_scaled(standard_dims(cube[variable]), spec), file))
        if not parts:
            raise SmrfrError(f"no file in {path} matches {item.get('files')!r} for layer {item['name']}")
        arrays.append((Layer(item["name"], item["top"], item["bottom"]), _concat_time(parts, chosen)))
    crs, res = _crs_of(first, arrays[0][1])
    return assemble(arrays, spec.crs or crs, spec.product, str(path), res)


def _scaled(array: xr.DataArray, spec: ProductDescription) -> xr.DataArray:
    """Raw values masked at the description's fill, else at the fill the file declares (``_FillValue``,
    ``missing_value``, as a GeoTIFF's nodata), then scaled and offset (see :func:`_packing`)."""
    fill = spec.fill
    if fill is None:
        fill = array.attrs.get("_FillValue", array.attrs.get("missing_value"))
    scale, offset = _packing(spec, array.attrs.get("scale_factor", 1.0), array.attrs.get("add_offset", 0.0))
    array = array.astype("float32")
    if fill is not None:
        array = array.where(array != np.float32(fill))
    return (array * scale + offset).astype("float32")


def _packing(spec: ProductDescription | None, scale, offset) -> tuple:
    """The scale and offset that unpack raw values: the description's, else the file's own ``scale``,
    ``offset`` (CF ``scale_factor``/``add_offset``, a GeoTIFF band's scale/offset)."""
    if spec is not None:
        scale = scale if spec.scale is None else spec.scale
        offset = offset if spec.offset is None else spec.offset
    return scale, offset


def _decoded(cube: xr.Dataset, variable: str) -> xr.DataArray:
    """A variable in m3/m3: integers stored without a ``scale_factor`` (SMCI1.0: 0.001 m3/m3, fill -999)
    are scaled here; the stored dtype decides, as xarray decodes integers with a ``_FillValue`` to floats."""
    array = standard_dims(cube[variable])
    stored = np.dtype(array.encoding.get("dtype", array.dtype))
    if np.issubdtype(stored, np.integer) and "scale_factor" not in array.encoding:
        array = array.where(array != SMCI_FILL).astype("float32") * 0.001
    return array


def _with_time(array: xr.DataArray, file: Path) -> xr.DataArray:
    """Add daily dates when the file has no decodable time axis: a file of one day is of the date in its name
    (``YYYYMMDD``, as a single-band GeoTIFF), another starts on 1 January of the year in its name."""
    time_dim = next((d for d in array.dims if d in COORD_NAMES["time"]), None)
    if time_dim is not None and np.issubdtype(array[time_dim].dtype, np.datetime64):
        return array
    if time_dim is None:
        array = array.expand_dims("time")
        time_dim = "time"
    day = DATE_IN_NAME.search(file.name) if array.sizes[time_dim] == 1 else None
    year = YEAR_IN_NAME.search(file.name)
    if day is None and year is None:
        raise SmrfrError(f"{file} has no time coordinate and no date (a file of one day: YYYYMMDD) or year "
                         "in its name")
    start = "-".join(day.groups()) if day else f"{year.group(1)}-01-01"
    try:
        dates = pd.date_range(start, periods=array.sizes[time_dim], freq="D")
    except ValueError:
        raise SmrfrError(f"{file} has no time coordinate, and {start} in its name is no date") from None
    return array.assign_coords({time_dim: dates})


def _concat_time(parts: list[xr.DataArray], files: list[Path]) -> xr.DataArray:
    """The parts (one per file) joined along time; they must share one grid."""
    if len(parts) == 1:
        return parts[0]
    time_dim = next(d for d in parts[0].dims if d in COORD_NAMES["time"])
    for part, file in zip(parts[1:], files[1:]):
        for dim in (d for d in parts[0].dims if d != time_dim):
            first, other = parts[0][dim].values, part[dim].values
            if not same_axis(first, other):
                raise SmrfrError(f"{file} has another grid than {files[0]} ({dim} {axis_span(other)} against "
                                 f"{axis_span(first)}): the files of one product must share one grid; move "
                                 "the odd one out")
    order = sorted(range(len(parts)), key=lambda index: parts[index][time_dim].values[0])
    for before, after in zip(order, order[1:]):
        times, later = parts[before][time_dim].values, parts[after][time_dim].values
        if later[0] <= times[-1]:
            shared = f"{pd.Timestamp(later[0]).date()}..{pd.Timestamp(min(times[-1], later[-1])).date()}"
            raise SmrfrError(f"{files[after]} and {files[before]} both hold {shared}: each time of a product "
                             "is in one file (a copy, or two files of one day?); move one of them out")
    return xr.concat([parts[index] for index in order], dim=time_dim, coords="minimal", compat="override",
                     join="override")


def same_axis(first: np.ndarray, other: np.ndarray) -> bool:
    """True when two coordinate axes hold the same cells (to 1e-9)."""
    return first.shape == other.shape and np.allclose(first, other, rtol=1e-9, atol=1e-9)


def axis_span(values: np.ndarray) -> str:
    """``first..last, n cells`` of a coordinate axis, for messages."""
    return f"{values[0]:g}..{values[-1]:g}, {len(values)} cells" if len(values) else "no cells"


def _crs_of(cube: xr.Dataset, array: xr.DataArray) -> tuple[str, tuple[float, float] | None]:
    """CRS and cell size recorded in a CF grid mapping (``crs_wkt`` / ``spatial_ref``, ``GeoTransform``)."""
    mapping = cube.get(array.attrs.get("grid_mapping", "crs"))
    if mapping is None:
        mapping = cube.get("spatial_ref")
    res = None
    wkt = None
    if mapping is not None:
        wkt = mapping.attrs.get("crs_wkt") or mapping.attrs.get("spatial_ref")
        geotransform = mapping.attrs.get("GeoTransform")
        if geotransform:
            values = [float(v) for v in str(geotransform).split()]
            res = (abs(values[1]), abs(values[5]))
    if wkt:
        crs = crs_name(wkt)
        return (GEOGRAPHIC if crs == GEOGRAPHIC else crs), res
    return GEOGRAPHIC, res


def _open_geotiffs(path: Path, files: list[Path], kind, description) -> xr.Dataset:
    """GSSM-10 GeoTIFFs (one surface layer; "GSSM" in the name unless kind is gssm), the GeoTIFF folders
    write_product writes, or a described series: bands are days (dates from band descriptions or the name)."""
    import rasterio

    spec = ProductDescription.load(description) if description is not None else None
    groups: dict[Layer, list[Path]] = {}
    unknown = []
    product = "gssm"
    for file in files:
        with rasterio.open(file) as src:
            tags = src.tags()
        if spec is not None:
            product = spec.product
            for item in spec.layers:
                if "files" not in item or file.match(item["files"]):
                    groups.setdefault(Layer(item["name"], item["top"], item["bottom"]), []).append(file)
        elif "LAYER_NAME" in tags and kind in (None, tags.get("PRODUCT")):
            product = tags.get("PRODUCT", "custom")
            layer = Layer(tags["LAYER_NAME"], float(tags["LAYER_TOP"]), float(tags["LAYER_BOTTOM"]))
            groups.setdefault(layer, []).append(file)
        elif kind == "gssm" or (kind is None and "gssm" in file.name.lower()):
            groups.setdefault(SCHEMES["gssm"].layers[0], []).append(file)
        else:
            unknown.append(file)
    extras = layer_extras(layer.name for layer in groups)
    groups = {layer: sorted(group) for layer, group in groups.items() if layer.name not in extras}
    if unknown and kind is not None:
        raise SmrfrError(f"{path} is not a product of kind {kind}: expected {KIND_LAYOUTS[kind]}, found "
                         f"{listing(unknown)}")
    if unknown:
        raise SmrfrError(f"unrecognised GeoTIFF product {path} (found: {listing(unknown)}); expected "
                         "GSSM-10 files with GSSM in the name (GSSM_YYYYMMDD.tif) or GeoTIFFs written by "
                         f"write_product (LAYER_NAME tags); {DESCRIBE_HINT}")
    arrays = [(layer, _concat_time([_tif_array(file, spec) for file in groups[layer]], groups[layer]))
              for layer in sorted(groups, key=lambda item: item.top)]
    with rasterio.open(files[0]) as src:
        crs = src.crs
        res = (abs(src.transform.a), abs(src.transform.e))
    if crs is None and not (spec and spec.crs):
        raise SmrfrError(f"{files[0]} has no CRS; give one in a product description ('crs')")
    crs_text = spec.crs if spec and spec.crs else (GEOGRAPHIC if crs.to_epsg() == 4326 else crs.to_wkt())
    return assemble(arrays, crs_text, product, str(path), res)


def _tif_dates(file: Path, descriptions: Iterable[str | None], count: int) -> pd.DatetimeIndex:
    try:
        dates = pd.DatetimeIndex([pd.Timestamp(d) for d in descriptions])
        if dates.hasnans:
            raise ValueError("band without a date")
        return dates
    except (TypeError, ValueError):
        match = DATE_IN_NAME.search(file.name)
        if match is None or count != 1:
            raise SmrfrError(f"cannot tell the dates of {file}: band descriptions must be ISO dates, or a "
                             "single-band file must carry its date in its name (YYYYMMDD)") from None
        return pd.DatetimeIndex([pd.Timestamp("-".join(match.groups()))])


def _tif_array(file: Path, spec: ProductDescription | None) -> xr.DataArray:
    """A lazy (time, lat, lon) array over the bands of one GeoTIFF, in chunks of every band over whole
    blocks of the file (:data:`TIF_CHUNK_VALUES` values or one block): a pixel-interleaved file (a COG
    that ``write_product`` wrote) stores all bands of a block together, so reading one band decompresses
    them all."""
    import dask
    import dask.array as da
    import rasterio
    from rasterio.windows import Window

    with rasterio.open(file) as src:
        dates = _tif_dates(file, src.descriptions, src.count)
        height, width, t = src.height, src.width, src.transform
        nodata = src.nodata
        block_rows, block_cols = src.block_shapes[0]
        per_band = np.array(src.scales)[:, None, None], np.array(src.offsets)[:, None, None]
    scale, offset = _packing(spec, *per_band)
    fill = spec.fill if spec is not None and spec.fill is not None else nodata
    side = math.isqrt(max(1, TIF_CHUNK_VALUES // len(dates)))
    rows = min(height, max(block_rows, side - side % block_rows))
    cols = min(width, max(block_cols, side - side % block_cols))

    def read(row: int, col: int) -> np.ndarray:
        with rasterio.open(file) as src:
            values = src.read(window=Window(col, row, min(cols, width - col), min(rows, height - row)))
        values = values.astype("float32")
        if fill is not None and not np.isnan(fill):
            values[values == fill] = np.nan
        return (values * scale + offset).astype("float32")

    blocks = [[da.from_delayed(dask.delayed(read)(row, col),
                               (len(dates), min(rows, height - row), min(cols, width - col)), dtype="float32")
               for col in range(0, width, cols)] for row in range(0, height, rows)]
    lon = t.c + t.a * (np.arange(width) + 0.5)
    lat = t.f + t.e * (np.arange(height) + 0.5)
    return xr.DataArray(da.block([blocks]), dims=("time", "lat", "lon"),
                        coords={"time": dates, "lat": lat, "lon": lon})
