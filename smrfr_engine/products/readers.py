"""Product readers: small adapters from each product's files onto the common model (see model.py).

Everything is opened lazily (xarray + dask); nothing is loaded until an operation computes it.
"""

from __future__ import annotations

import itertools
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
#: GeoTIFFs of one layer are on one grid of cells when their cell edges are less than this part of a cell off
ALIGNED = 1e-3
#: tiles of one day agree on the cells they share when their values differ by less than this
AGREE = 1e-6
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
            raise SmrfrError(_both_hold(files[after], files[before], later[0], min(times[-1], later[-1])))
    return xr.concat([parts[index] for index in order], dim=time_dim, coords="minimal", compat="override",
                     join="override")


def _both_hold(file: Path, other: Path, first, last) -> str:
    """The refusal of two files holding the same days (``first..last``) on the same cells."""
    return (f"{file} and {other} both hold {pd.Timestamp(first).date()}..{pd.Timestamp(last).date()}: each "
            "time of a product is in one file (a copy, or two files of one day?); move one of them out")


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
    arrays = [(layer, _tif_layer([_tif_header(file) for file in groups[layer]], spec))
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


@dataclass
class _Tif:
    """What the header of one GeoTIFF says: its dates (one per band), grid, blocks and packing."""

    file: Path
    dates: pd.DatetimeIndex
    crs: object  # a rasterio CRS, or None
    transform: object  # an affine.Affine
    height: int
    width: int
    block: tuple[int, int]
    nodata: float | None
    scales: np.ndarray  # (bands, 1, 1)
    offsets: np.ndarray


def _tif_header(file: Path) -> _Tif:
    import rasterio

    with rasterio.open(file) as src:
        return _Tif(file, _tif_dates(file, src.descriptions, src.count), src.crs, src.transform, src.height,
                    src.width, src.block_shapes[0], src.nodata, np.array(src.scales)[:, None, None],
                    np.array(src.offsets)[:, None, None])


def _tif_values(tif: _Tif, spec: ProductDescription | None, window,
                bands: list[int] | None = None) -> np.ndarray:
    """The bands (numbered from 1; all when None) of a GeoTIFF over a window, as float32 with NaN at the fill
    and unpacked with the scale and offset (see :func:`_packing`)."""
    import rasterio

    with rasterio.open(tif.file) as src:
        values = src.read(bands, window=window).astype("float32")
    fill = spec.fill if spec is not None and spec.fill is not None else tif.nodata
    if fill is not None and not np.isnan(fill):
        values[values == fill] = np.nan
    index = slice(None) if bands is None else np.array(bands) - 1
    scale, offset = _packing(spec, tif.scales[index], tif.offsets[index])
    return (values * scale + offset).astype("float32")


def _chunk_shape(bands: int, height: int, width: int, block: tuple[int, int]) -> tuple[int, int]:
    """Rows and columns of a chunk of ``bands`` bands: :data:`TIF_CHUNK_VALUES` values or one block."""
    side = math.isqrt(max(1, TIF_CHUNK_VALUES // bands))
    return (min(height, max(block[0], side - side % block[0])),
            min(width, max(block[1], side - side % block[1])))


def _centres(transform, rows: np.ndarray, cols: np.ndarray) -> dict[str, np.ndarray]:
    """``lat``/``lon`` (northing/easting) of the centres of cells numbered on the grid of ``transform``."""
    return {"lat": transform.f + transform.e * (rows + 0.5), "lon": transform.c + transform.a * (cols + 0.5)}


def _tif_array(tif: _Tif, spec: ProductDescription | None, grid) -> xr.DataArray:
    """A lazy (time, lat, lon) array over the bands of one GeoTIFF, its cell centres those of the transform
    ``grid`` (the first file's: files aligned to :data:`ALIGNED` share its coordinates), in chunks of every
    band over whole blocks of the file (:func:`_chunk_shape`): a pixel-interleaved file (a COG that
    ``write_product`` wrote) stores all bands of a block together, so reading one band decompresses them
    all."""
    import dask
    import dask.array as da
    from rasterio.windows import Window

    height, width = tif.height, tif.width
    rows, cols = _chunk_shape(len(tif.dates), height, width, tif.block)

    def read(row: int, col: int) -> np.ndarray:
        return _tif_values(tif, spec, Window(col, row, min(cols, width - col), min(rows, height - row)))

    blocks = [[da.from_delayed(dask.delayed(read)(row, col),
                               (len(tif.dates), min(rows, height - row), min(cols, width - col)),
                               dtype="float32")
               for col in range(0, width, cols)] for row in range(0, height, rows)]
    return xr.DataArray(da.block([blocks]), dims=("time", "lat", "lon"),
                        coords={"time": tif.dates, **_centres(grid, np.arange(height), np.arange(width))})


def _tif_layer(tifs: list[_Tif], spec: ProductDescription | None) -> xr.DataArray:
    """The GeoTIFFs of one layer as one lazy (time, lat, lon) array: joined along time when they share one
    grid, else on the union of their extents (:func:`_mosaic`)."""
    places = [_place(tif, tifs[0]) for tif in tifs]
    if all(place == (0, 0) and (tif.height, tif.width) == (tifs[0].height, tifs[0].width)
           for place, tif in zip(places, tifs)):
        return _concat_time([_tif_array(tif, spec, tifs[0].transform) for tif in tifs],
                            [tif.file for tif in tifs])
    return _mosaic(tifs, places, spec)


def _place(tif: _Tif, first: _Tif) -> tuple[int, int]:
    """Row and column of the first cell of ``tif`` on the grid of ``first``; a grid not aligned with it
    (another CRS or cell size, or cell edges :data:`ALIGNED` or more of a cell off) is refused."""
    t, f = tif.transform, first.transform
    shift = np.array([(t.f - f.f) / f.e, (t.c - f.c) / f.a]) + 0.0  # no -0
    if tif.crs != first.crs:
        name = "none" if tif.crs is None else tif.crs.to_string()
        reason = f"CRS {name} against {'none' if first.crs is None else first.crs.to_string()}"
    elif not np.allclose([t.a, t.e], [f.a, f.e], rtol=1e-9, atol=0):
        reason = f"cells of {t.a:g} x {t.e:g} against {f.a:g} x {f.e:g}"
    elif np.abs(shift - np.round(shift)).max() >= ALIGNED:
        reason = f"cells shifted by {shift[1]:.6g} columns and {shift[0]:.6g} rows, not a whole number"
    else:
        return int(round(shift[0])), int(round(shift[1]))
    raise SmrfrError(f"{tif.file} has another grid than {first.file} ({reason}): the files of one product "
                     "must share their CRS, cell size and cell edges (tiles, or extents that differ by whole "
                     "cells); move the odd one out")


def _mosaic(tifs: list[_Tif], places: list[tuple[int, int]], spec: ProductDescription | None) -> xr.DataArray:
    """GeoTIFFs of aligned grids on the union of their extents, lazily (a chunk reads only the files it
    overlaps): NaN where no file of a day covers a cell, the files of one day (tiles) merged, their shared
    cells checked first (:func:`_check_overlaps`)."""
    import dask
    import dask.array as da
    from rasterio.windows import Window

    top, left = min(row for row, _ in places), min(col for _, col in places)
    height = max(row + tif.height for (row, _), tif in zip(places, tifs)) - top
    width = max(col + tif.width for (_, col), tif in zip(places, tifs)) - left
    spans = [(row - top, col - left) for row, col in places]  # first cell of each file on the union grid
    bands = [{day: band for band, day in enumerate(tif.dates, 1)} for tif in tifs]
    covering: dict[pd.Timestamp, list[int]] = {}
    for index, tif in enumerate(tifs):
        for day in tif.dates:
            covering.setdefault(day, []).append(index)
    _check_overlaps(tifs, spans, covering, bands, spec)
    # days read together: runs of days held by the same files (a file's bands are read at once)
    runs = [list(run) for _, run in itertools.groupby(sorted(covering), key=lambda day: covering[day])]
    rows, cols = _chunk_shape(max(map(len, runs)), height, width, tifs[0].block)

    def merge(pieces: tuple, shape: tuple[int, int, int]) -> np.ndarray:
        out = np.full(shape, np.nan, "float32")
        for index, wanted, (row, col), window in pieces:
            view = out[:, row:row + window[3], col:col + window[2]]
            np.copyto(view, _tif_values(tifs[index], spec, Window(*window), list(wanted)),
                      where=np.isnan(view))
        return out

    def chunk(run: list[pd.Timestamp], row: int, col: int):
        shape = (len(run), min(rows, height - row), min(cols, width - col))
        pieces = []
        for index in covering[run[0]]:
            (first_row, first_col), tif = spans[index], tifs[index]
            row0, row1 = max(row, first_row), min(row + shape[1], first_row + tif.height)
            col0, col1 = max(col, first_col), min(col + shape[2], first_col + tif.width)
            if row0 < row1 and col0 < col1:
                pieces.append((index, tuple(bands[index][day] for day in run), (row0 - row, col0 - col),
                               (col0 - first_col, row0 - first_row, col1 - col0, row1 - row0)))
        if not pieces:
            return da.full(shape, np.nan, dtype="float32")
        return da.from_delayed(dask.delayed(merge)(tuple(pieces), shape), shape, dtype="float32")

    blocks = [[[chunk(run, row, col) for col in range(0, width, cols)] for row in range(0, height, rows)]
              for run in runs]
    return xr.DataArray(da.block(blocks), dims=("time", "lat", "lon"),
                        coords={"time": pd.DatetimeIndex([day for run in runs for day in run]),
                                **_centres(tifs[0].transform, np.arange(top, top + height),
                                           np.arange(left, left + width))})


def _check_overlaps(tifs: list[_Tif], spans: list[tuple[int, int]], covering: dict, bands: list[dict],
                    spec: ProductDescription | None) -> None:
    """Refuse two files of one day on the same cells (a copy), or tiles of one day whose shared cells hold
    values that differ by :data:`AGREE` or more where both have one; only the shared cells are read."""
    from rasterio.windows import Window

    shared: dict[tuple[int, int], list[pd.Timestamp]] = {}
    for day, indexes in covering.items():
        for pair in itertools.combinations(indexes, 2):
            shared.setdefault(pair, []).append(day)
    for (one, other), days in shared.items():
        (row_a, col_a), (row_b, col_b), a, b = spans[one], spans[other], tifs[one], tifs[other]
        if (row_a, col_a, a.height, a.width) == (row_b, col_b, b.height, b.width):
            raise SmrfrError(_both_hold(b.file, a.file, min(days), max(days)))
        row0, row1 = max(row_a, row_b), min(row_a + a.height, row_b + b.height)
        col0, col1 = max(col_a, col_b), min(col_a + a.width, col_b + b.width)
        if row0 >= row1 or col0 >= col1:
            continue
        strip = max(1, TIF_CHUNK_VALUES // (len(days) * (col1 - col0)))
        for row in range(row0, row1, strip):
            rows = min(strip, row1 - row)
            first, second = (_tif_values(tif, spec, Window(col0 - left, row - top, col1 - col0, rows),
                                         [band[day] for day in days])
                             for tif, (top, left), band in ((a, spans[one], bands[one]),
                                                            (b, spans[other], bands[other])))
            differ = np.abs(first - second) >= AGREE  # False where either is NaN
            if differ.any():
                day, cell_row, cell_col = np.argwhere(differ)[0]
                at = _centres(a.transform, np.array([row + cell_row - row_a]),
                              np.array([col0 + cell_col - col_a]))
                values = f"{second[day, cell_row, cell_col]:g} against {first[day, cell_row, cell_col]:g}"
                raise SmrfrError(
                    f"{b.file} and {a.file} both hold {days[day].date()} with other values on a cell both "
                    f"cover (x {at['lon'][0]:.10g}, y {at['lat'][0]:.10g}: {values}): tiles of one day must "
                    "agree where they overlap; move one of them out")
