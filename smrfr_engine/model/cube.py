"""The predictor cube: every predictor on one target grid and a daily time axis, in one Zarr v2 store.

Built from a TOML configuration (paths relative to the configuration file; see
:func:`demo_predictor_config` for a complete example):

- ``[era5land]`` daily (or hourly, averaged to daily) ERA5-Land NetCDF files: ``swvl1..4``/``stl1..4``
  mapped to each target layer by thickness-weighted overlap (``era5sm#layerN``, ``era5st#layerN``),
  precipitation summed over trailing windows (``tp7d``, ``tp28d``, mm), optional ``t2m``. Regridded
  bilinearly (linear in lat and lon between the four surrounding ERA5 cells); where one of them is
  missing (coast, edge) the nearest ERA5 cell is used.
- ``[modis]`` NDVI/EVI 16-day composites (GeoTIFF, the composite's first day in the file name, as
  MOD13), averaged to the grid, placed at the composite's middle day (first day + 7.5 days;
  ``composite_days``, default 16), gaps filled along time per cell, linearly interpolated to daily
  (held constant beyond the ends).
- ``[soilgrids]`` texture, bulk density, field capacity GeoTIFFs per SoilGrids depth interval,
  averaged to the grid and mapped to each target layer by thickness-weighted overlap.
- ``[terrain]`` DEM averaged to the grid; slope (degrees) computed on the fine DEM in its own CRS
  (geographic or projected), then averaged;
  ``lon``/``lat`` of the cell centres (listed as predictors, read from the cube coordinates).
- ``[mask]`` land mask (cells at least half land); ``[[static]]``/``[[dynamic]]`` extra predictors;
  ``drop = [...]`` removes predictors by name or base name (``"EVI"``, ``"era5st"``).

The store holds one float32 variable per predictor, ``(time, lat, lon)`` or ``(lat, lon)``, chunked
``time`` x 64 x 64 cells (``TIME_CHUNK`` days): a station time series reads a few chunks per year, a
map tile one chunk per ``TIME_CHUNK`` days. Dynamic predictors are computed one variable and one
year at a time, so memory holds one year of one variable on the grid. Provenance (sources with size
and modification time, parameters, configuration, library versions) is in the store attributes.
"""

from __future__ import annotations

import datetime
import json
import re
import tomllib
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pandas as pd
import xarray as xr

from .. import __version__
from ..atomic import ZARR_STORE, atomic_output, check_target
from ..dates import day_range
from ..environment import versions
from ..errors import SmrfrError
from ..feedback import Feedback
from ..layers import LayerScheme, get_scheme
from .features import COORDINATE_PREDICTORS, layer_tag, split_tag
from .grid import DEFAULT_RESOLUTION, Grid

TIME_CHUNK = 92
#: MODIS composites read at least this many days around the period
COMPOSITE_MARGIN_DAYS = 40
SPACE_CHUNK = 64
SECTIONS = ("scheme", "drop", "grid", "era5land", "modis", "soilgrids", "terrain", "mask", "static",
            "dynamic")
SOILGRIDS_INTERVALS = ["0-5", "5-15", "15-30", "30-60", "60-100"]
DATE_PATTERN = r"(\d{4}-\d{2}-\d{2})"
#: days of a MODIS composite (MOD13: 16); the date in its file name is its first day
COMPOSITE_DAYS = 16
#: keys of ``[modis]`` that are settings, not predictors
MODIS_SETTINGS = ("scale", "date_pattern", "composite_days")


def load_config(config: str | Path | dict) -> tuple[dict, Path]:
    """The configuration as a dict and the folder its relative paths start from."""
    if isinstance(config, dict):
        return config, Path(config.get("base", "."))
    path = Path(config)
    try:
        parsed = tomllib.loads(path.read_text(encoding="utf-8"))
    except OSError as error:
        raise SmrfrError(f"cannot read the predictor configuration {path}: {error}") from None
    except tomllib.TOMLDecodeError as error:
        raise SmrfrError(f"predictor configuration {path} is not valid TOML: {error}") from None
    return parsed, path.parent


def demo_predictor_config(synth_dir: str | Path) -> str:
    """The predictor configuration (TOML text) of a demo region made by :func:`smrfr_engine.synth.generate`;
    paths are relative to ``synth_dir``, so save it there as ``predictors.toml``. The grid is the
    region's (from its ``manifest.json``) when there is one."""
    intervals = ", ".join(f'"{interval}"' for interval in SOILGRIDS_INTERVALS)
    manifest = Path(synth_dir) / "manifest.json"
    bbox = ""
    if manifest.is_file():
        grid = json.loads(manifest.read_text(encoding="utf-8"))["grid"]
        bbox = f"bbox = [{grid['west']}, {grid['south']}, {grid['east']}, {grid['north']}]\n"
    return f'''# SMRFR predictors of the demo region (paths relative to this file)
scheme = "smrfr"
drop = []

[grid]
{bbox}resolution = {DEFAULT_RESOLUTION}

[era5land]
files = "era5land/ERA5-Land_*.nc"
soil_moisture = ["swvl1", "swvl2", "swvl3", "swvl4"]
soil_temperature = ["stl1", "stl2", "stl3", "stl4"]
precipitation = "tp"          # m per day (or accumulated hourly), summed in mm
precipitation_sums = [7, 28]  # trailing windows in days (SMCI1.0)

[modis]
NDVI = "modis/NDVI_*.tif"
EVI = "modis/EVI_*.tif"
scale = 0.0001

[soilgrids]
intervals = [{intervals}]
sand = {{ files = "soilgrids/sand_{{interval}}cm_mean.tif", scale = 0.1 }}   # g/kg -> %
clay = {{ files = "soilgrids/clay_{{interval}}cm_mean.tif", scale = 0.1 }}   # g/kg -> %
bd = {{ files = "soilgrids/bdod_{{interval}}cm_mean.tif", scale = 0.01 }}    # cg/cm3 -> g/cm3
fca = {{ files = "soilgrids/fc_{{interval}}cm.tif", scale = 0.001 }}        # per mille -> m3/m3

[terrain]
dem = "dem/dem.tif"
slope = true
coordinates = true

[mask]
land = "static/land_mask.tif"
'''


def build_cube(config: str | Path | dict, out: str | Path, start: str, end: str, grid: Grid | None = None,
               feedback: Feedback | None = None) -> Path:
    """Build the predictor cube for the days ``start``..``end`` (inclusive) on ``grid`` (default: the
    configuration's ``[grid]`` with ``bbox`` and ``resolution``) into the Zarr store ``out``."""
    feedback = feedback or Feedback()
    settings, base = load_config(config)
    unknown = set(settings) - set(SECTIONS) - {"base"}
    if unknown:
        raise SmrfrError(f"unknown sections in the predictor configuration: {', '.join(sorted(unknown))}; "
                         f"known: {', '.join(SECTIONS)}")
    grid = grid or _config_grid(settings.get("grid", {}))
    scheme = get_scheme(settings.get("scheme", "smrfr"))
    period = day_range(start, end)
    days = pd.date_range(*period, freq="D")
    sources = Sources(settings, base, scheme, grid, settings.get("drop", []))
    static_names, dynamic_names = sources.static_names(), sources.dynamic_names()
    if not static_names and not dynamic_names:
        raise SmrfrError("the predictor configuration selects no predictors")
    out = check_target(out, ZARR_STORE)  # before the work, not after
    feedback.info(f"predictor cube {grid.shape[0]} x {grid.shape[1]} cells, {len(days)} days, "
                  f"{len(static_names) + len(dynamic_names)} predictors")
    with atomic_output(out, kind=ZARR_STORE) as tmp:
        _create_store(tmp, grid, days, scheme, static_names, dynamic_names)
        import zarr

        store = zarr.open_group(str(tmp), mode="r+", zarr_format=2)
        steps = len(static_names) + 1 + len(dynamic_names) * len(set(days.year))
        step = 0
        land = sources.land_mask()
        for name, values in sources.static():
            store[name][:] = np.where(land, values, np.nan).astype("float32")
            step += 1
            feedback.progress(step / steps, f"static predictor {name}")
        store["land_mask"][:] = land.astype("uint8")
        for year in sorted(set(days.year)):
            year_days = days[days.year == year]
            first = int(np.searchsorted(days, year_days[0]))
            for name, values in sources.dynamic(year_days):
                store[name][first:first + len(year_days)] = np.where(land, values, np.nan).astype("float32")
                step += 1
                feedback.progress(step / steps, f"{name} {year}")
        store.attrs.update(_provenance(settings, grid, scheme, *period, sources.used,
                                       static_names + dynamic_names))
        zarr.consolidate_metadata(str(tmp), zarr_format=2)
    feedback.progress(1.0, f"predictor cube written to {out}")
    return out


def open_cube(path: str | Path) -> xr.Dataset:
    """Open a predictor cube lazily; refuses a store that is not one."""
    from ..products.readers import check_zarr_sizes

    path = Path(path)
    if not path.exists():
        raise SmrfrError(f"predictor cube {path} does not exist")
    try:
        check_zarr_sizes(path)
        ds = xr.open_zarr(path, zarr_format=2)
    except SmrfrError:
        raise
    except Exception as error:
        raise SmrfrError(f"cannot open the predictor cube {path}: {error}") from None
    if "predictors" not in ds.attrs:
        raise SmrfrError(f"{path} is not a predictor cube (no 'predictors' attribute); build one with "
                         "smrfr predictors build (Processing: Build the predictor cube)")
    lost = [name for name in ds.variables if not (path / str(name) / ".zarray").is_file()]
    if lost:  # listed in the consolidated metadata, so xarray would read its missing chunks as NaN
        raise SmrfrError(f"the predictor cube {path} is damaged: the array metadata (.zarray) of "
                         f"{', '.join(map(str, lost))} is missing; rebuild the cube")
    return ds


def cube_grid(ds: xr.Dataset) -> Grid:
    return Grid.from_coords(ds.lat.values, ds.lon.values)


def cube_predictors(ds: xr.Dataset) -> list[str]:
    """The predictors the cube's attributes list and it holds, as variables or coordinates (lon, lat): a
    variable removed after the build, with the list left as it was, is no predictor of it."""
    return [name for name in json.loads(ds.attrs["predictors"]) if name in ds.variables]


def cube_values(array: xr.DataArray, ds: xr.Dataset) -> np.ndarray:
    """The values of ``array``, a piece of a variable of the cube ``ds``; :class:`SmrfrError` naming the
    variable and the cube when a chunk cannot be decoded (cut short or altered), not the codec's
    traceback."""
    try:
        return array.values
    except MemoryError:
        raise
    except Exception as error:
        raise SmrfrError(f"cannot read {array.name} of the predictor cube {ds.encoding.get('source')}: "
                         f"{type(error).__name__}: {error}; a chunk of it is damaged (cut short or "
                         "altered): rebuild the cube") from None


def cube_scheme(ds: xr.Dataset) -> LayerScheme:
    return get_scheme(ds.attrs.get("scheme", "smrfr"))


def _config_grid(section: dict) -> Grid:
    if "bbox" not in section:
        raise SmrfrError("no grid given: give a product to take the grid from (--grid; Processing: GRID or "
                         "GRID_FOLDER) or an extent and a resolution (--bbox, --resolution; Processing: "
                         "EXTENT, RESOLUTION), or set [grid] bbox in the predictor configuration")
    return Grid.from_bbox(section["bbox"], float(section.get("resolution", DEFAULT_RESOLUTION)))


def _extent(lons, lats) -> str:
    """``lon W..E, lat S..N`` of coordinates, for messages."""
    return f"lon {np.min(lons):g}..{np.max(lons):g}, lat {np.min(lats):g}..{np.max(lats):g}"


def _create_store(path: Path, grid: Grid, days: pd.DatetimeIndex, scheme: LayerScheme,
                  static_names: list[str], dynamic_names: list[str]) -> None:
    import dask.array as da

    from ..products.model import GEOGRAPHIC, crs_wkt

    nlat, nlon = grid.shape
    space = (min(SPACE_CHUNK, nlat), min(SPACE_CHUNK, nlon))
    chunks3 = (min(TIME_CHUNK, len(days)), *space)
    variables = {name: (("lat", "lon"), da.full((nlat, nlon), np.nan, dtype="float32", chunks=space))
                 for name in static_names if name not in COORDINATE_PREDICTORS}
    variables |= {name: (("time", "lat", "lon"), da.full((len(days), nlat, nlon), np.nan, dtype="float32",
                                                        chunks=chunks3)) for name in dynamic_names}
    variables["land_mask"] = (("lat", "lon"), da.zeros((nlat, nlon), dtype="uint8", chunks=space))
    ds = xr.Dataset(variables, coords={"time": days.values, "lat": grid.lats, "lon": grid.lons})
    wkt = crs_wkt(GEOGRAPHIC)
    ds["crs"] = xr.DataArray(np.int32(0), attrs={"grid_mapping_name": "latitude_longitude", "crs_wkt": wkt,
                                                 "spatial_ref": wkt})
    for name in ds.data_vars:
        if name != "crs":
            ds[name].attrs["grid_mapping"] = "crs"
    encoding = {name: {"chunks": chunks3 if name in dynamic_names else space}
                for name in variables}
    ds.attrs["scheme"] = scheme.name if scheme.name != "custom" else ",".join(
        f"{layer.top:g}-{layer.bottom:g}" for layer in scheme.layers)
    ds.to_zarr(path, mode="w", zarr_format=2, compute=False, encoding=encoding, consolidated=False)


def _provenance(settings: dict, grid: Grid, scheme: LayerScheme, start: pd.Timestamp, end: pd.Timestamp,
                used: list[Path], predictors: list[str]) -> dict:
    sources = []
    for file in sorted(set(used)):
        stat = file.stat()
        modified = datetime.datetime.fromtimestamp(stat.st_mtime, datetime.timezone.utc).isoformat()
        sources.append({"file": str(file.resolve()), "bytes": stat.st_size, "modified": modified})
    parameters = {"grid": {"west": grid.west, "south": grid.south, "east": grid.east, "north": grid.north,
                           "resolution": grid.resolution}, "start": str(start.date()), "end": str(end.date()),
                  "layers": [[layer.name, layer.top, layer.bottom] for layer in scheme.layers],
                  "era5_regridding": "bilinear, nearest ERA5 cell where a neighbour is missing",
                  "static_aggregation": "spatial mean (rasterio average resampling)",
                  "modis_time": "composites at their middle day, gaps filled along time, linear "
                                "interpolation to daily",
                  "layer_mapping": "thickness-weighted overlap"}
    return {"predictors": json.dumps(predictors), "sources": json.dumps(sources),
            "parameters": json.dumps(parameters), "config": json.dumps(settings, default=str),
            "created": datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds"),
            "smrfr_version": __version__, "libraries": json.dumps(versions()),
            "title": "SMRFR predictor cube"}


class Sources:
    """Reads the configured sources onto the grid; ``used`` lists every file read (provenance)."""

    def __init__(self, settings: dict, base: Path, scheme: LayerScheme, grid: Grid, drop: list[str]):
        self.settings, self.base, self.scheme, self.grid, self.drop = settings, base, scheme, grid, set(drop)
        self.used: list[Path] = []
        self._static_planned = self._plan_static()

    # --- names ----------------------------------------------------------------------------------
    def _keep(self, name: str) -> bool:
        return name not in self.drop and split_tag(name)[0] not in self.drop

    def _layers(self) -> range:
        return range(1, len(self.scheme) + 1)

    def _plan_static(self) -> list[str]:
        names = []
        soil = self.settings.get("soilgrids", {})
        for base_name in [key for key in soil if key not in ("intervals",)]:
            names += [layer_tag(base_name, layer) for layer in self._layers()]
        terrain = self.settings.get("terrain", {})
        if "dem" in terrain:
            names.append("dem")
            if terrain.get("slope", True):
                names.append("slope")
        if terrain.get("coordinates", True):
            names += ["lon", "lat"]
        names += [item["name"] for item in self.settings.get("static", [])]
        return [name for name in names if self._keep(name)]

    def static_names(self) -> list[str]:
        return self._static_planned

    def dynamic_names(self) -> list[str]:
        names = []
        era5 = self.settings.get("era5land")
        if era5:
            for key, prefix in (("soil_moisture", "era5sm"), ("soil_temperature", "era5st")):
                if era5.get(key):
                    names += [layer_tag(prefix, layer) for layer in self._layers()]
            if era5.get("precipitation"):
                names += [f"tp{window}d" for window in era5.get("precipitation_sums", [7, 28])]
            if era5.get("air_temperature"):
                names.append("t2m")
        names += [key for key in self.settings.get("modis", {}) if key not in MODIS_SETTINGS]
        names += [item["name"] for item in self.settings.get("dynamic", [])]
        return [name for name in names if self._keep(name)]

    # --- files ----------------------------------------------------------------------------------
    def files(self, pattern: str, what: str) -> list[Path]:
        found = sorted(self.base.glob(pattern)) if any(c in pattern for c in "*?[") else [self.base / pattern]
        found = [path for path in found if path.exists()]
        if not found:
            raise SmrfrError(f"no file for {what}: {self.base / pattern} matches nothing")
        self.used += found
        return found

    # --- static ---------------------------------------------------------------------------------
    def land_mask(self) -> np.ndarray:
        land = self.settings.get("mask", {}).get("land")
        if not land:
            return np.ones(self.grid.shape, bool)
        fraction = self.aggregate(self.files(land, "the land mask")[0])
        return np.nan_to_num(fraction) >= 0.5

    def static(self) -> Iterator[tuple[str, np.ndarray]]:
        soil = self.settings.get("soilgrids", {})
        intervals = soil.get("intervals", SOILGRIDS_INTERVALS)
        source_scheme = get_scheme(",".join(intervals))
        for base_name, spec in soil.items():
            if base_name == "intervals":
                continue
            names = [layer_tag(base_name, layer) for layer in self._layers()]
            if not any(name in self._static_planned for name in names):
                continue
            spec = spec if isinstance(spec, dict) else {"files": spec}
            per_interval = [self.aggregate(self.files(spec["files"].replace("{interval}", interval),
                                                      f"soilgrids {base_name} {interval} cm")[0],
                                           float(spec.get("scale", 1.0))) for interval in intervals]
            for layer, name in zip(self.scheme.layers, names):
                weights = source_scheme.overlap_weights(layer.top, layer.bottom)
                yield name, sum(w * values for w, values in zip(weights, per_interval) if w > 0)
        terrain = self.settings.get("terrain", {})
        if "dem" in self._static_planned or "slope" in self._static_planned:
            dem_file = self.files(terrain["dem"], "the DEM")[0]
            if "dem" in self._static_planned:
                yield "dem", self.aggregate(dem_file)
            if "slope" in self._static_planned:
                yield "slope", self.aggregate(dem_file, derive=slope_degrees)
        for item in self.settings.get("static", []):
            if item["name"] in self._static_planned:
                yield item["name"], self.aggregate(self.files(item["file"], item["name"])[0],
                                                   float(item.get("scale", 1.0)))

    def aggregate(self, path: Path, scale: float = 1.0, derive=None) -> np.ndarray:
        """Spatial mean of a raster over each grid cell (``derive(values, transform, crs)`` first, if
        given; ``crs`` None when the raster has none)."""
        import rasterio
        from rasterio.warp import Resampling, reproject

        try:
            with rasterio.open(path) as src:
                values = src.read(1, masked=True).astype("float64").filled(np.nan)
                transform, own_crs = src.transform, src.crs
                crs = own_crs or "EPSG:4326"
        except rasterio.errors.RasterioIOError as error:
            raise SmrfrError(f"cannot read raster {path}: {error}") from None
        if derive is not None:
            values = derive(values, transform, own_crs)
        out = np.full(self.grid.shape, np.nan, dtype="float64")
        reproject(values, out, src_transform=transform, src_crs=crs, src_nodata=np.nan,
                  dst_transform=self.grid.transform, dst_crs="EPSG:4326", dst_nodata=np.nan,
                  resampling=Resampling.average)
        return out * scale

    # --- dynamic --------------------------------------------------------------------------------
    def dynamic(self, days: pd.DatetimeIndex) -> Iterator[tuple[str, np.ndarray]]:
        wanted = set(self.dynamic_names())
        era5 = self.settings.get("era5land")
        if era5 and wanted & set(self._era5_names()):
            yield from self._era5(era5, days, wanted)
        modis = self.settings.get("modis", {})
        for name in [key for key in modis if key not in MODIS_SETTINGS and key in wanted]:
            yield name, self._modis(modis[name], name, float(modis.get("scale", 1.0)),
                                    modis.get("date_pattern", DATE_PATTERN), days,
                                    float(modis.get("composite_days", COMPOSITE_DAYS)))
        for item in self.settings.get("dynamic", []):
            if item["name"] in wanted:
                array = self._netcdf(item["files"], [item["variable"]], days, item["name"])[item["variable"]]
                yield item["name"], self._regrid(array * float(item.get("scale", 1.0)))

    def _era5_names(self) -> list[str]:
        return [name for name in self.dynamic_names() if split_tag(name)[0] in ("era5sm", "era5st")
                or re.fullmatch(r"tp\d+d|t2m", name)]

    def _era5(self, era5: dict, days: pd.DatetimeIndex, wanted: set[str]) -> Iterator[tuple[str, np.ndarray]]:
        era5_scheme = get_scheme("era5")
        for key, prefix in (("soil_moisture", "era5sm"), ("soil_temperature", "era5st")):
            variables = era5.get(key)
            names = [layer_tag(prefix, layer) for layer in self._layers()]
            if not variables or not wanted & set(names):
                continue
            if len(variables) != len(era5_scheme):
                raise SmrfrError(f"[era5land] {key} must name the {len(era5_scheme)} ERA5-Land layers "
                                 f"(0-7, 7-28, 28-100, 100-289 cm); got {variables}")
            data = self._netcdf(era5["files"], variables, days, "ERA5-Land")
            for layer, name in zip(self.scheme.layers, names):
                if name in wanted:
                    weights = era5_scheme.overlap_weights(layer.top, layer.bottom)
                    mapped = sum(w * data[v] for w, v in zip(weights, variables) if w > 0)
                    yield name, self._regrid(mapped)
        sums = [name for name in wanted if re.fullmatch(r"tp\d+d", name)]
        if sums and era5.get("precipitation"):
            longest = max(int(name[2:-1]) for name in sums)
            history = pd.date_range(days[0] - pd.Timedelta(days=longest - 1), days[-1], freq="D")
            rain = self._netcdf(era5["files"], [era5["precipitation"]], history, "ERA5-Land",
                                accumulated=True)[era5["precipitation"]] * 1000.0
            rain = self._regrid(rain, as_array=False)
            for window in sorted(int(name[2:-1]) for name in sums):
                # trailing window ending on the day; at the start of the record and over missing
                # days the available days are scaled up: mean over the available days x window
                total = rain.rolling(time=window, min_periods=1).mean() * window
                yield f"tp{window}d", total.sel(time=days).values
        if "t2m" in wanted:
            variable = era5["air_temperature"]
            yield "t2m", self._regrid(self._netcdf(era5["files"], [variable], days, "ERA5-Land")[variable])

    def _netcdf(self, pattern: str, variables: list[str], days: pd.DatetimeIndex, what: str,
                accumulated: bool = False) -> xr.Dataset:
        """Daily ``variables`` over ``days`` and the grid (with a margin) from NetCDF files."""
        from ..products.model import standard_dims

        parts = []
        margin = 3 * max(self.grid.resolution, 0.1)
        for file in self.files(pattern, what):
            with xr.open_dataset(file) as ds:
                missing = [v for v in variables if v not in ds.data_vars]
                if missing:
                    raise SmrfrError(f"{file} has no variable {', '.join(missing)}; available: "
                                     f"{', '.join(map(str, ds.data_vars))}")
                data = xr.Dataset({v: standard_dims(ds[v]) for v in variables})
                if float(data.lon.max()) > 180:
                    data = data.assign_coords(lon=((data.lon + 180) % 360) - 180).sortby("lon")
                data = data.sortby("lat", ascending=False)
                covered = data.sel(lat=slice(self.grid.north + margin, self.grid.south - margin),
                                   lon=slice(self.grid.west - margin, self.grid.east + margin))
                if not covered.sizes["lat"] or not covered.sizes["lon"]:
                    grid = _extent((self.grid.west, self.grid.east), (self.grid.south, self.grid.north))
                    raise SmrfrError(f"{what} file {file} does not cover the grid ({grid}): it spans "
                                     f"{_extent(data.lon.values, data.lat.values)}")
                data = covered
                times = pd.DatetimeIndex(data.time.values)
                # up to 00 UTC after the last day: the step that closes its accumulation (hourly data)
                inside = (times >= days[0]) & (times <= days[-1] + pd.Timedelta(days=1))
                if inside.any():
                    parts.append(data.isel(time=np.flatnonzero(inside)).load())
        if not parts:
            raise SmrfrError(f"{what} files {self.base / pattern} hold no data for "
                             f"{days[0].date()}..{days[-1].date()}")
        data = xr.concat(parts, dim="time").sortby("time")
        step = pd.Timedelta(np.diff(data.time.values).min()) if len(data.time) > 1 else None
        if step is not None and step < pd.Timedelta(days=1):
            # hourly: means of the steps 00..23 UTC. Accumulated precipitation (ERA5-Land: since 00 UTC,
            # labelled at the end of the step, so 00 UTC holds the previous day's total): each step goes
            # to the day of its start, and a day's total is its largest value, the one at 00 UTC of d+1
            if accumulated:
                data = data.assign_coords(time=data.time - step)
            resampled = data.resample(time="1D")
            data = resampled.max() if accumulated else resampled.mean()
        data = data.assign_coords(time=pd.DatetimeIndex(data.time.values).normalize())
        return data.reindex(time=days)

    def _regrid(self, array: xr.DataArray, as_array: bool = True):
        """Bilinear to the grid cell centres; nearest source cell where bilinear has a missing neighbour."""
        lats = xr.DataArray(self.grid.lats, dims="lat")
        lons = xr.DataArray(self.grid.lons, dims="lon")
        linear = array.interp(lat=lats, lon=lons, method="linear")
        nearest = array.sel(lat=lats, lon=lons, method="nearest")
        nearest = nearest.assign_coords(lat=self.grid.lats, lon=self.grid.lons)
        result = linear.fillna(nearest).transpose("time", "lat", "lon")
        return result.values if as_array else result

    def _modis(self, pattern: str, name: str, scale: float, date_pattern: str,
               days: pd.DatetimeIndex, composite_days: float = COMPOSITE_DAYS) -> np.ndarray:
        """Daily values from the composites; a composite of the ``composite_days`` days from the date in
        its file name is placed at their middle, date + (composite_days - 1) / 2 days (MOD13: + 7.5)."""
        if not composite_days >= 1:
            raise SmrfrError(f"[modis] composite_days must be at least 1 (MOD13: 16); got {composite_days:g}")
        centre = pd.Timedelta(days=(composite_days - 1) / 2)
        dated = []
        for file in self.files(pattern, name):
            match = re.search(date_pattern, file.name)
            if not match:
                raise SmrfrError(f"no date in the file name {file.name}; expected {date_pattern}")
            dated.append((pd.Timestamp(match.group(1)) + centre, file))
        composites = sorted(dated)
        dates = pd.DatetimeIndex([date for date, _ in composites])
        margin = pd.Timedelta(days=COMPOSITE_MARGIN_DAYS)
        first = int(dates.searchsorted(days[0] - margin))
        last = int(dates.searchsorted(days[-1] + margin, side="right"))
        if first >= last:
            raise SmrfrError(f"no {name} composite within {COMPOSITE_MARGIN_DAYS} days of "
                             f"{days[0].date()}..{days[-1].date()}")
        stack = [self.aggregate(file, scale) for _, file in composites[first:last]]
        # widen until every cell seen has a valid composite on both sides of the period, so that a day's
        # value does not depend on the period built (interpolation only uses the nearest valid ones)
        while first > 0 and not _covered(stack, dates[first:last] <= days[0]):
            first -= 1
            stack.insert(0, self.aggregate(composites[first][1], scale))
        while last < len(composites) and not _covered(stack, dates[first:last] >= days[-1]):
            stack.append(self.aggregate(composites[last][1], scale))
            last += 1
        return daily_from_composites(np.stack(stack), dates[first:last], days)


def _covered(stack: list[np.ndarray], side: np.ndarray) -> bool:
    """Whether every cell valid in some composite of ``stack`` is valid in one of the ``side`` ones."""
    valid = np.isfinite(np.stack(stack))
    return bool(side.any()) and bool((valid[side].any(axis=0) | ~valid.any(axis=0)).all())


def daily_from_composites(stack: np.ndarray, dates: pd.DatetimeIndex, days: pd.DatetimeIndex) -> np.ndarray:
    """Per cell, linear interpolation in time between the valid composites (which fills gaps, too),
    held constant before the first and after the last one: ``(len(days), *stack.shape[1:])``."""
    cells = stack.reshape(len(dates), -1)
    index = dates.union(days)
    frame = pd.DataFrame(np.nan, index=index, columns=range(cells.shape[1]))
    frame.loc[dates] = pd.DataFrame(cells, index=dates).groupby(level=0).mean().to_numpy()
    frame = frame.interpolate(method="time", limit_direction="both")
    return frame.loc[days].to_numpy().reshape(len(days), *stack.shape[1:])


def slope_degrees(dem, transform, crs=None) -> np.ndarray:
    """Slope in degrees of a DEM (elevations in metres): atan(hypot(dz/dx, dz/dy)), with cell sizes
    dx = res_x * 111320 * cos(lat) m and dy = res_y * 110574 m in a geographic CRS (or none), and
    dx = res_x, dy = res_y in the metres of a projected ``crs`` (its linear unit converted)."""
    if crs is not None and crs.is_projected:
        metres = crs.linear_units_factor[1]
        dx, dy = abs(transform.a) * metres, abs(transform.e) * metres
    else:
        rows = np.arange(dem.shape[0])
        lats = transform.f + transform.e * (rows + 0.5)
        dy = abs(transform.e) * 110574.0
        dx = abs(transform.a) * 111320.0 * np.cos(np.radians(lats))[:, None]
    grad_y, grad_x = np.gradient(dem)
    return np.degrees(np.arctan(np.hypot(grad_x / dx, grad_y / dy)))
