"""Regional inference: the cascade over every land cell and day, block by block, into yearly
SMRFR-layout Zarr v2 stores ``SMRFR_<YYYY>_v1.0.zarr`` (variables ``sml1_p``..``sml5_p``, dims
time, lat, lon, CF ``crs`` variable; GDAL reads ``ZARR:"SMRFR_2019_v1.0.zarr":/sml1_p:0``).

Blocks are ``days x rows x cols`` of the cube, sized so that the predictors, feature matrices and
estimates of one block fit in the memory budget next to the loaded model. Each year is written into
``.SMRFR_<YYYY>_v1.0.zarr.partial`` and renamed when complete; the finished blocks are listed in
``blocks_done.json`` inside it, so a cancelled or failed run restarts where it stopped (same model,
cube contents, cells, period and options), and nothing that looks complete exists before the rename.
Cells where a predictor is missing (sea, no data) are NaN, never zero. With ``uncertainty`` each
layer also gets, from a forest, ``<layer>_sd``, the standard deviation of the estimate across the
trees, and from a boosted model trained with quantiles (``smrfr train --quantiles``) ``<layer>_q10``
and ``<layer>_q90``, the estimates of its 10 % and 90 % quantile models (anchor added back like the
mean's) widened by the layer's conformal widening from cross-validation (``fit_cascade``); where the
two cross they are swapped, so q10 <= q90 everywhere. A boosted model without
quantile models refuses ``uncertainty``. The cascade input of the next layer is always the mean
estimate, so the uncertainty of a layer does not include the upper layer's.

Only land cells whose predictors are all present are predicted, from float32 feature rows; static
predictors are read once per block (not per day). Every model runs on all threads over chunks of rows
(:func:`.estimators.predict_rows`), so the values do not depend on the number of threads or workers.
With ``workers`` (a local Dask cluster) or ``scheduler`` (a running Dask scheduler) the blocks are
mapped over the cluster (:mod:`.cluster`), each written into its region of the store: the output is
identical to the single-process run.
"""

from __future__ import annotations

import hashlib
import json
import math
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd
import xarray as xr

from ..atomic import ZARR_STORE, check_apart, check_target, exclusive, move, remove_path, replace_output
from ..dates import days_within
from ..errors import SmrfrError
from ..feedback import Cancelled, Feedback
from ..products.model import yearly_store
from .bundle import Bundle, load_bundle, uncertainty_kinds
from .cube import SPACE_CHUNK, TIME_CHUNK, cube_grid, cube_predictors, cube_values, open_cube
from .estimators import QUANTILES, as_soil_moisture, predict_rows
from .features import COORDINATE_PREDICTORS, LOCAL_FEATURE, base_feature
from .grid import Grid

DONE_FILE = "blocks_done.json"
MAX_TILE = 256
#: default memory budget of one process (one Dask worker), MB
DEFAULT_MEMORY_MB = 2048
UNITS = {"": 1, "M": 1, "MB": 1, "MIB": 1, "G": 1024, "GB": 1024, "GIB": 1024, "T": 2 ** 20, "TB": 2 ** 20}
#: bytes per float32 value per cell-day needed besides the predictors (feature matrix copies, estimates)
BYTES_PER_FEATURE = 12
#: bytes per output variable per layer and cell-day (kept float32 estimate, float32 output grid and the
#: float64 values of the prediction)
BYTES_PER_OUTPUT = 16
#: ``long_name`` of the uncertainty variables ``<layer>_<kind>``
UNCERTAINTY_NAMES = {"sd": "standard deviation across trees",
                     "q10": "10 % quantile of soil moisture (quantile model)",
                     "q90": "90 % quantile of soil moisture (quantile model)"}


def parse_memory(value: float | str) -> float:
    """A memory budget in MB from ``2048``, ``"2GB"``, ``"512MB"``, ``"1.5G"`` (binary units)."""
    match = re.fullmatch(r"\s*(\d+(?:\.\d*)?)\s*([a-zA-Z]*)\s*", str(value))
    if not match or match.group(2).upper() not in UNITS or float(match.group(1)) <= 0:
        raise SmrfrError(f"memory budget {value!r} not understood: give e.g. 2GB, 512MB or a number of MB")
    return float(match.group(1)) * UNITS[match.group(2).upper()]


def uncertainty_variables(bundle: Bundle) -> tuple[str, ...]:
    """:func:`uncertainty_kinds` of ``bundle``; :class:`SmrfrError` when it has none."""
    kinds = uncertainty_kinds(bundle.algorithm, set(bundle.quantile_models) >= set(bundle.layers))
    if kinds:
        return kinds
    raise SmrfrError(f"uncertainty of a {bundle.algorithm} model comes from its 10/90 % quantile models, "
                     f"which the model {bundle.path} lacks: retrain it with --quantiles (Processing: "
                     "'Also fit 10/90 % quantile models'), or train a forest (--algorithm rf) for the "
                     "spread across trees")


def check_cube_serves(bundle: Bundle, ds: xr.Dataset, cube: str | Path) -> None:
    """:class:`SmrfrError` naming the predictors ``bundle`` needs that the cube ``ds`` (at ``cube``) lacks."""
    missing = sorted(set(bundle.cube_predictors()) - set(cube_predictors(ds)) - set(COORDINATE_PREDICTORS))
    if missing:
        raise SmrfrError(f"the predictor cube {cube} lacks predictor(s) the model {bundle.path} needs: "
                         f"{', '.join(missing)}; rebuild the cube with them")


def predict_samples(bundle: Bundle, samples: pd.DataFrame,
                    uncertainty: bool = False) -> dict[str, tuple[np.ndarray, dict[str, np.ndarray]]]:
    """:func:`predict_cascade` for a sample table: one row per cell and day, with every cube predictor
    the model needs (:meth:`Bundle.cube_predictors`) as a column, such as the samples of
    :func:`.samples.station_samples`; :class:`SmrfrError` naming the predictors the table lacks."""
    missing = [name for name in bundle.cube_predictors() if name not in samples.columns]
    if missing:
        raise SmrfrError(f"the sample table lacks predictor(s) the model {bundle.path} needs: "
                         f"{', '.join(missing)}")
    return predict_cascade(bundle, lambda name: samples[name].to_numpy(dtype="float64"), len(samples),
                           uncertainty)


def with_base_estimates(base: Bundle, samples: pd.DataFrame) -> pd.DataFrame:
    """``samples`` plus the ``base`` estimate of each layer as a predictor (:func:`base_feature`)."""
    estimates = predict_samples(base, samples)
    return samples.assign(**{base_feature(name): mean for name, (mean, _) in estimates.items()})


def predict_cascade(bundle: Bundle, column: Callable[[str], np.ndarray], rows: int,
                    uncertainty: bool = False,
                    threads: int | None = None) -> dict[str, tuple[np.ndarray, dict[str, np.ndarray]]]:
    """Estimates ``{layer name: (mean, {kind: values})}`` (float32) for ``rows`` samples whose cube
    predictors ``column(name)`` returns; rows missing a predictor get NaN. The kinds are
    :func:`uncertainty_variables` with ``uncertainty`` (``sd``, or ``q10`` and ``q90``), else none."""
    kinds = uncertainty_variables(bundle) if uncertainty else ()
    produced: dict[str, np.ndarray] = {LOCAL_FEATURE: np.ones(rows, dtype="float32")}
    if bundle.base is not None:
        for name, (mean, _) in predict_cascade(bundle.base, column, rows, threads=threads).items():
            produced[base_feature(name)] = mean
    result = {}
    for layer in bundle.layers:
        names = bundle.features[layer]
        matrix = np.empty((rows, len(names)), dtype="float32")
        for index, name in enumerate(names):
            matrix[:, index] = produced[name] if name in produced else column(name)
        valid = np.isfinite(matrix).all(axis=1)
        mean = np.full(rows, np.nan, dtype="float32")
        extra = {kind: np.full(rows, np.nan, dtype="float32") for kind in kinds}
        if valid.any():
            features = matrix[valid]
            anchor = bundle.anchors.get(layer)
            offset = features[:, names.index(anchor)] if anchor else 0.0
            values, sd = predict_rows(bundle.models[layer], features, bundle.algorithm, threads,
                                      "sd" in kinds)
            mean[valid] = as_soil_moisture(values + offset)
            if sd is not None:
                extra["sd"][valid] = sd
            if QUANTILES.keys() & set(kinds):
                # sorted across the levels: crossing quantile models are rearranged (q10 <= q90)
                models, widen = bundle.quantile_models[layer], bundle.quantile_widening.get(layer, 0.0)
                low, high = (predict_rows(models[kind], features, bundle.algorithm, threads)[0]
                             for kind in QUANTILES)
                levels = np.sort([low - widen, high + widen], axis=0)
                for kind, level in zip(QUANTILES, levels):
                    extra[kind][valid] = as_soil_moisture(level + offset)
        produced[bundle.layer_names[layer]] = mean
        result[bundle.layer_names[layer]] = (mean, extra)
    return result


def infer(model: str | Path, cube: str | Path, out: str | Path, start: str | None = None,
          end: str | None = None, bbox=None, aoi=None, uncertainty: bool = False,
          memory_mb: float | str = DEFAULT_MEMORY_MB, max_block_days: int = 366, workers: int | None = None,
          scheduler: str | None = None, feedback: Feedback | None = None) -> list[Path]:
    """Run the bundle ``model`` over the cube (optionally within ``bbox`` west,south,east,north or the
    polygons of ``aoi``, a vector file or a ``geopandas.GeoDataFrame``, and ``start``..``end``) and write
    one store per year into the folder ``out``, in blocks of at most ``max_block_days`` days within
    ``memory_mb`` (MB or a text such as ``"2GB"``; per process). ``workers`` runs the blocks on a local
    Dask cluster of that many processes, ``scheduler`` on the Dask cluster at that address. Returns the
    store paths."""
    feedback = feedback or Feedback()
    memory_mb = parse_memory(memory_mb)
    if scheduler and workers:
        raise SmrfrError("give either a Dask scheduler address or a number of local workers, not both")
    if workers is not None and workers < 1:
        raise SmrfrError(f"the number of local Dask workers must be at least 1, got {workers}")
    out = check_target(out, None)  # a folder the yearly stores go into, checked before the work
    bundle = load_bundle(model)
    if uncertainty:
        kinds = uncertainty_variables(bundle)
        feedback.info(f"uncertainty: {' and '.join(f'<layer>_{kind}' for kind in kinds)}")
    ds = open_cube(cube)
    check_cube_serves(bundle, ds, cube)
    check_apart(out, model, cube, aoi, may_hold=True)
    days = days_within(ds.time.values, start, end, f"the cube {cube}", feedback)
    rows, cols, inside = _area(cube_grid(ds), bbox, aoi, Path(cube))
    land = ds["land_mask"].values[rows, cols].astype(bool) & inside
    predictors = bundle.cube_predictors()
    block = _block_shape(bundle, len(predictors), (rows.stop - rows.start, cols.stop - cols.start), memory_mb,
                         max_block_days, uncertainty)
    shown = np.minimum(block, (len(days), *land.shape))  # a block is at most the whole request
    feedback.info(f"inference over {land.sum()} land cells, {len(days)} days, blocks of {shown[0]} days x "
                  f"{shown[1]} x {shown[2]} cells")
    years = sorted(set(days.year))
    signature = {"model": bundle.info["manifest_sha256"], "cube": str(Path(cube).resolve()),
                 "cube_metadata": _metadata_digest(Path(cube)), "cells": _mask_digest(land),
                 "rows": [rows.start, rows.stop], "cols": [cols.start, cols.stop], "uncertainty": uncertainty,
                 "block": list(block)}
    settings = BlockSettings(str(Path(model).resolve()), bundle.info["manifest_sha256"],
                             str(Path(cube).resolve()), uncertainty)
    _check_other_years(out, years, ds.lat.values[rows], ds.lon.values[cols])
    stores = []
    with _cluster(scheduler, workers) as client:
        out.mkdir(parents=True, exist_ok=True)
        for number, year in enumerate(years):
            year_days = days[days.year == year]
            step = feedback.span(number / len(years), (number + 1) / len(years))
            target = out / yearly_store(year)
            with exclusive(target):  # two runs would write one partial store
                _infer_year(settings, bundle, client, ds, target, year_days, rows, cols, land, block,
                            {**signature, "days": [str(year_days[0].date()), str(year_days[-1].date())]},
                            step)
            stores.append(target)
    feedback.progress(1.0, f"{len(stores)} yearly store(s) written to {out}")
    return stores


def _metadata_digest(store: Path) -> str:
    """SHA-256 of the Zarr v2 metadata files of ``store`` (attributes, arrays, consolidated metadata): a cube
    rebuilt at the same path from other sources or with other settings records them there, so its
    finished blocks are not reused."""
    digest = hashlib.sha256()
    for path in sorted(store.rglob(".z*")):
        if path.is_file():
            digest.update(path.relative_to(store).as_posix().encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def _mask_digest(mask: np.ndarray) -> str:
    """SHA-256 of the cells to predict (land within the area: an AOI file changed in place changes them)."""
    return hashlib.sha256(repr(mask.shape).encode() + np.packbits(mask).tobytes()).hexdigest()


def _cluster(scheduler: str | None, workers: int | None):
    """The Dask client for the blocks, or a null context (single process)."""
    from contextlib import nullcontext

    if not scheduler and not workers:
        return nullcontext(None)
    from .cluster import dask_client

    return dask_client(scheduler, workers)


def _check_other_years(out: Path, years: list[int], lat: np.ndarray, lon: np.ndarray) -> None:
    """Refuse to add years to a folder whose other yearly stores have another grid: the folder would
    no longer read as one product."""
    from ..products.readers import SMRFR_STORE, YEAR_IN_NAME, axis_span, same_axis

    stores = sorted(path for path in out.iterdir() if SMRFR_STORE.match(path.name)) if out.is_dir() else []
    for store in stores:
        if int(YEAR_IN_NAME.search(store.name).group(1)) in years:  # replaced by this run
            continue
        try:
            with xr.open_zarr(store) as old:
                old_lat, old_lon = old.lat.values, old.lon.values
        except (OSError, ValueError, KeyError, AttributeError) as error:
            raise SmrfrError(f"{store} in the output folder is not a readable SMRFR store ({error}): write "
                             "to another folder or remove it") from None
        if not (same_axis(old_lat, lat) and same_axis(old_lon, lon)):
            raise SmrfrError(
                f"the output folder {out} holds {store.name} on another grid (lat {axis_span(old_lat)}, lon "
                f"{axis_span(old_lon)}) than this run's (lat {axis_span(lat)}, lon {axis_span(lon)}): the "
                "yearly stores of one folder must share one grid to read as one product; write to another "
                "folder")


def _area(grid: Grid, bbox, aoi, cube: Path) -> tuple[slice, slice, np.ndarray]:
    """Row/column slices of the cells to predict and the in-area mask on them: the cells a product
    subset keeps (:func:`..products.aoi.crop`: extent intersecting the area, touched by its polygons)."""
    from ..products.aoi import crop, load_aoi

    cells = xr.Dataset({"inside": (("lat", "lon"), np.ones(grid.shape, "float32"))},
                       coords={"lat": grid.lats, "lon": grid.lons},
                       attrs={"crs": "EPSG:4326", "resolution": (grid.resolution, grid.resolution),
                              "source": f"cube {cube}"})
    window = crop(cells, load_aoi("EPSG:4326", bbox, None, aoi))
    row = int(np.argmin(np.abs(grid.lats - float(window.lat[0]))))
    col = int(np.argmin(np.abs(grid.lons - float(window.lon[0]))))
    return (slice(row, row + window.sizes["lat"]), slice(col, col + window.sizes["lon"]),
            window["inside"].notnull().values)


def _block_shape(bundle: Bundle, n_predictors: int, shape: tuple[int, int], memory_mb: float,
                 max_days: int = 366, uncertainty: bool = False) -> tuple[int, int, int]:
    """``(days, rows, cols)`` of a block: the budget minus about twice the model files' size (a loaded
    forest takes about that; quantile models included), divided by the bytes one cell-day needs (the
    uncertainty variables count like the estimates)."""
    from ..products.ops import size_on_disk

    model_bytes = 2 * size_on_disk(bundle.path)
    features = max(len(names) for names in bundle.features.values())
    outputs = 1 + (len(uncertainty_variables(bundle)) if uncertainty else 0)
    per_cell_day = (4 * n_predictors + BYTES_PER_FEATURE * features
                    + BYTES_PER_OUTPUT * outputs * len(bundle.layers))
    available = memory_mb * 2 ** 20 - model_bytes
    if available < per_cell_day * 64:
        raise SmrfrError(f"memory budget {memory_mb:g} MB is too small: the model alone needs about "
                         f"{model_bytes / 2 ** 20:.0f} MB; raise the memory budget (--memory; Processing: "
                         "MEMORY)")
    cells_budget = int(available // per_cell_day)
    tile_rows, tile_cols = min(shape[0], MAX_TILE), min(shape[1], MAX_TILE)
    if tile_rows * tile_cols > cells_budget:
        side = _whole_chunks(max(8, int(math.sqrt(cells_budget))), SPACE_CHUNK)
        tile_rows, tile_cols = min(tile_rows, side), min(tile_cols, side)
    days = _whole_chunks(max(1, min(max_days, cells_budget // (tile_rows * tile_cols))), TIME_CHUNK)
    return days, tile_rows, tile_cols


def _whole_chunks(size: int, chunk: int) -> int:
    """``size`` rounded down to whole chunks when it spans more than one, so blocks never share a chunk."""
    return size if size <= chunk else size - size % chunk


def output_chunks(block: tuple[int, int, int]) -> tuple[int, int, int]:
    """Chunks of the output stores: the cube's (``TIME_CHUNK`` days x ``SPACE_CHUNK`` x ``SPACE_CHUNK``
    cells) within the block, so a block is whole chunks and station series and day maps read few."""
    return min(block[0], TIME_CHUNK), min(block[1], SPACE_CHUNK), min(block[2], SPACE_CHUNK)


def _template(bundle: Bundle, ds: xr.Dataset, days: pd.DatetimeIndex, rows: slice, cols: slice, block,
              uncertainty: bool, path: Path) -> None:
    """Create the empty store (all NaN) with the SMRFR layout."""
    import dask.array as da
    import numcodecs

    from ..products.model import time_method
    from ..products.writers import layered

    names = [bundle.layer_names[layer] for layer in bundle.layers]
    shape = (len(names), len(days), rows.stop - rows.start, cols.stop - cols.start)
    chunks = (1, *output_chunks(block))
    kinds = uncertainty_variables(bundle) if uncertainty else ()
    empty = {name: da.full(shape, np.nan, dtype="float32", chunks=chunks)
             for name in ("soil_moisture", *kinds)}
    layers = {bundle.layer_names[layer]: bundle.scheme[layer - 1] for layer in bundle.layers}
    common = xr.Dataset({name: (("layer", "time", "lat", "lon"), values) for name, values in empty.items()},
                        coords={"layer": names, "time": days.values, "lat": ds.lat.values[rows],
                                "lon": ds.lon.values[cols],
                                "layer_top": ("layer", [layers[n].top for n in names]),
                                "layer_bottom": ("layer", [layers[n].bottom for n in names])})
    resolution = cube_grid(ds).resolution
    common.attrs = {"crs": "EPSG:4326", "resolution": (resolution, resolution), "product": "smrfr",
                    "source": str(bundle.path)}
    common["soil_moisture"].attrs = {"units": "m3 m-3", "long_name": "soil moisture (SMRFR model)",
                                     **time_method("smrfr")}
    for kind in kinds:
        common[kind].attrs = {"units": "m3 m-3", "long_name": UNCERTAINTY_NAMES[kind]}
    store = layered(common)
    store.attrs["model"] = str(bundle.path)
    encoding = {}
    for name in store.data_vars:
        if name != "crs":
            encoding[name] = {"chunks": output_chunks(block), "dtype": "float32",
                              "_FillValue": np.float32("nan"),
                              "compressors": (numcodecs.Blosc(cname="lz4", clevel=5, shuffle=1),)}
            store[name].attrs["_CRS"] = {"wkt": store["crs"].attrs["crs_wkt"]}
    store.to_zarr(path, mode="w", zarr_format=2, consolidated=True, compute=False, encoding=encoding)


@dataclass(frozen=True)
class BlockSettings:
    """What every block needs besides its position: sent to the Dask workers (paths, no loaded model)."""

    model: str
    manifest_sha256: str
    cube: str
    uncertainty: bool


@dataclass(frozen=True)
class BlockJob:
    """One block: the store it goes to, its start (the key in ``blocks_done.json``), its slices in the
    store and in the cube, and the cells to predict (land within the area)."""

    store: str
    key: tuple[int, int, int]
    store_slices: tuple[slice, slice, slice]
    cube_slices: tuple[slice, slice, slice]
    land: np.ndarray


#: per worker process: the loaded bundle and the opened cube, by (model, checksum, cube)
_LOADED: dict[tuple[str, str, str], tuple[Bundle, xr.Dataset]] = {}


def open_reader(cube: str | Path) -> xr.Dataset:
    """The cube without Dask chunks: indexing a block reads just the Zarr chunks it touches."""
    return xr.open_zarr(cube, zarr_format=2, chunks=None)


def run_block(settings: BlockSettings, job: BlockJob) -> tuple[tuple[int, int, int], dict[str, int]]:
    """Predict and write one block on a Dask worker (model and cube loaded once per process)."""
    from .cluster import worker_threads

    key = (settings.model, settings.manifest_sha256, settings.cube)
    if key not in _LOADED:
        bundle = load_bundle(settings.model)
        if bundle.info["manifest_sha256"] != settings.manifest_sha256:
            raise SmrfrError(f"the model bundle {settings.model} seen by a Dask worker differs from the "
                             "one the run started with")
        _LOADED[key] = (bundle, open_reader(settings.cube))
    bundle, reader = _LOADED[key]
    return write_block(bundle, reader, settings, job, worker_threads())


def write_block(bundle: Bundle, reader: xr.Dataset, settings: BlockSettings, job: BlockJob,
                threads: int | None = None) -> tuple[tuple[int, int, int], dict[str, int]]:
    """Predict one block and write it into its region of the store; returns the block's key and its
    gaps: ``{predictor: land cell-days where the cube lacks it}``. A block without land is left to the
    store's fill value (NaN)."""
    import zarr

    if not job.land.any():
        return job.key, {}
    results, gaps = _predict_block(bundle, reader, job.cube_slices, job.land, settings.uncertainty, threads)
    group = zarr.open_group(job.store, mode="r+", zarr_format=2)
    for name, values in results.items():
        group[name][job.store_slices] = values
    return job.key, gaps


def _intact(store: Path) -> bool:
    """Has the partial ``store`` every metadata file its consolidated metadata lists (a store that lost a
    variable, or its group, to a run that deleted it, is started over, not resumed)?"""
    try:
        listed = json.loads((store / ".zmetadata").read_text())["metadata"]
    except (OSError, ValueError, KeyError, TypeError):
        return False
    return all((store / key).is_file() for key in listed)


def _infer_year(settings: BlockSettings, bundle: Bundle, client, ds, target: Path, days, rows, cols, land,
                block, signature: dict, feedback: Feedback) -> None:
    from functools import partial as bind

    partial = target.with_name(f".{target.name}.partial")
    done_file = partial / DONE_FILE
    done, gaps = set(), Counter()
    if done_file.is_file():
        try:
            state = json.loads(done_file.read_text())
        except (OSError, ValueError):  # cut short by a crash or a full disk: the blocks are unknown
            state = {}
            feedback.info(f"{done_file} is unreadable; starting {target.name} over")
        if isinstance(state, dict) and state.get("signature") == signature and not _intact(partial):
            state = {}
            feedback.info(f"{partial} lacks arrays its metadata lists; starting {target.name} over")
        if isinstance(state, dict) and state.get("signature") == signature:
            done, gaps = {tuple(item) for item in state["blocks"]}, Counter(state["gaps"])
            feedback.info(f"resuming {target.name}: {len(done)} block(s) already done")
    if not done:
        remove_path(partial)
        _template(bundle, ds, days, rows, cols, block, settings.uncertainty, partial)
    first_day = int(np.searchsorted(ds.time.values, days.values[0]))
    nrows, ncols = rows.stop - rows.start, cols.stop - cols.start
    starts = [(t, r, c) for t in range(0, len(days), block[0]) for r in range(0, nrows, block[1])
              for c in range(0, ncols, block[2])]
    jobs = []
    for t, r, c in starts:
        if (t, r, c) in done:
            continue
        t_sl, r_sl, c_sl = slice(t, min(t + block[0], len(days))), slice(r, min(r + block[1], nrows)), \
            slice(c, min(c + block[2], ncols))
        cube_slices = (slice(first_day + t_sl.start, first_day + t_sl.stop),
                       slice(rows.start + r_sl.start, rows.start + r_sl.stop),
                       slice(cols.start + c_sl.start, cols.start + c_sl.stop))
        jobs.append(BlockJob(str(partial), (t, r, c), (t_sl, r_sl, c_sl), cube_slices, land[r_sl, c_sl]))

    def finished(result: tuple[tuple[int, int, int], dict[str, int]]) -> None:
        key, block_gaps = result
        done.add(tuple(key))
        gaps.update(block_gaps)
        written = done_file.with_name(f".{DONE_FILE}.partial")  # replaced whole: never a torn list
        written.write_text(json.dumps({"signature": signature, "blocks": sorted(done), "gaps": gaps}))
        move(written, done_file, partial)
        feedback.progress(len(done) / len(starts), "")

    try:
        if client is None:
            reader = open_reader(settings.cube)
            for job in jobs:
                finished(write_block(bundle, reader, settings, job))
        else:
            from .cluster import map_blocks

            map_blocks(client, bind(run_block, settings), jobs, finished, feedback)
    except (Cancelled, KeyboardInterrupt):
        raise Cancelled(f"the {len(done)} finished block(s) are kept in {partial}; the same command "
                        "resumes from them") from None
    state = done_file.read_bytes()
    done_file.unlink()
    try:
        replace_output(partial, target, ZARR_STORE)
    except SmrfrError:
        done_file.write_bytes(state)  # the same command then only puts the store in place
        raise
    if gaps:
        cell_days = int(land.sum()) * len(days)
        feedback.warning(f"{target.name}: nodata where the cube lacks predictors on land: " + ", ".join(
            f"{name} on {count} of {cell_days} land cell-days ({100 * count / cell_days:.0f} %)"
            for name, count in gaps.most_common()))
    feedback.progress(1.0, f"{target.name} complete")


def _predict_block(bundle: Bundle, reader: xr.Dataset, slices: tuple[slice, slice, slice], land: np.ndarray,
                   uncertainty: bool, threads: int | None) -> tuple[dict[str, np.ndarray], dict[str, int]]:
    """Estimates of one block as ``{variable: (days, rows, cols) array}``, NaN off land, and the land
    cell-days each predictor lacks (those with a gap). Feature rows are day-major over the land cells; a
    static predictor is read once and repeated for every day."""
    ndays = slices[0].stop - slices[0].start
    cells = np.flatnonzero(land)
    part = reader.isel(time=slices[0], lat=slices[1], lon=slices[2])
    lat2d, lon2d = np.meshgrid(part.lat.values, part.lon.values, indexing="ij")
    coordinates = {"lat": lat2d, "lon": lon2d}
    loaded: dict[str, np.ndarray] = {}

    def column(name: str) -> np.ndarray:
        if name not in loaded:
            values = coordinates[name] if name in coordinates else cube_values(part[name], reader)
            if values.ndim == 3:
                loaded[name] = values.reshape(ndays, -1)[:, cells].ravel()
            else:
                loaded[name] = np.tile(values.reshape(-1)[cells].astype("float32"), ndays)
        return loaded[name]

    estimates = predict_cascade(bundle, column, ndays * len(cells), uncertainty, threads)
    out = {}
    for name, (mean, extra) in estimates.items():
        for variable, values in ((name, mean), *((f"{name}_{kind}", value) for kind, value in extra.items())):
            grid = np.full((ndays, land.size), np.nan, dtype="float32")
            grid[:, cells] = values.reshape(ndays, len(cells))
            out[variable] = grid.reshape(ndays, *land.shape)
    gaps = {name: int(np.isnan(values).sum()) for name, values in loaded.items()}
    return out, {name: count for name, count in gaps.items() if count}
