"""Cost per cell-day at equal accuracy: the ``published`` SMRFR forest vs the ``default`` preset.

On the demo region (``smrfr_engine.demo.run_demo``: 48 x 48 cells, 2019-2021, 40 stations):

- station-to-station CV (5 folds) ubRMSE per layer, training time, bundle size and load time, and
  cascade prediction speed (land cell-days per second through all five layers, predictors in memory)
  of ``published`` and ``default``. The published forest is trained with ``PUBLISHED_TREES`` of its
  1100 trees (full depth, every feature, full bootstrap; a development probe, not in the repository,
  found trees beyond ~100 change RMSE by < 0.5 %); its speed and size are linear in the number of trees
  (every tree is traversed / stored once), so they are scaled to 1100 trees: rows/s x trees/1100,
  bytes x 1100/trees. The ratios against the 100-tree forest as trained are printed too;
- peak RSS of ``smrfr infer --memory 96MB`` (a subprocess) over the region and over a region 4x as
  large (the cube tiled 2 x 2), ``DAYS`` days;
- ``--workers 2`` (Dask LocalCluster, loopback) vs the single process on the region, output compared;
- read costs of one cell's series for a year vs one day's map, in the cube and in the output store.

The last line is ``bench: speedup=... ubrmse_ratio=... size_ratio=... peak_rss_mb_1x=... peak_rss_mb_4x=...``.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import xarray as xr

PUBLISHED_TREES = 100
PUBLISHED_TOTAL = 1100
DAYS = ("2021-01-01", "2021-06-29")  # 180 days
MEMORY = "96MB"
#: ``smrfr`` reporting its own peak RSS: VmHWM of the process's memory (getrusage's ru_maxrss would
#: include the forking benchmark's, which survives fork and exec)
RSS_CODE = ("import re, sys; from smrfr_engine.cli import main; code = main(sys.argv[1:]); "
            "status = open('/proc/self/status').read(); "
            "print('maxrss_kb', re.search(r'VmHWM:\\s*(\\d+)', status).group(1), file=sys.stderr); "
            "sys.exit(code)")


def bundle_bytes(folder: Path) -> int:
    return sum(path.stat().st_size for path in folder.glob("layer*") if path.is_file())


def cascade_speed(bundle, cube: Path, start: str, end: str) -> tuple[float, int]:
    """Land cell-days per second through the whole cascade, predictors already in memory."""
    from smrfr_engine.model.infer import open_reader, predict_cascade

    reader = open_reader(cube).sel(time=slice(start, end))
    cells = np.flatnonzero(reader["land_mask"].values.astype(bool))
    ndays = reader.sizes["time"]
    lat2d, lon2d = np.meshgrid(reader.lat.values, reader.lon.values, indexing="ij")
    columns = {}
    for name in bundle.cube_predictors():
        values = {"lat": lat2d, "lon": lon2d}[name] if name in ("lat", "lon") else reader[name].values
        columns[name] = (values.reshape(ndays, -1)[:, cells].ravel() if values.ndim == 3
                         else np.tile(values.reshape(-1)[cells].astype("float32"), ndays))
    rows = ndays * len(cells)
    started = time.perf_counter()
    predict_cascade(bundle, columns.__getitem__, rows)
    return rows / (time.perf_counter() - started), rows


def tile_cube(cube: Path, out: Path, start: str, end: str) -> Path:
    """The cube over ``start``..``end`` tiled 2 x 2 (a region 4x as large, same chunking)."""
    from smrfr_engine.model.cube import SPACE_CHUNK, TIME_CHUNK

    ds = xr.open_zarr(cube).sel(time=slice(start, end))
    crs = ds["crs"]
    ds = ds.drop_vars("crs")
    height, width = ds.sizes["lat"], ds.sizes["lon"]
    resolution = float(abs(ds.lat[1] - ds.lat[0]))
    wide = xr.concat([ds, ds.assign_coords(lon=ds.lon + width * resolution)], dim="lon")
    tall = xr.concat([wide, wide.assign_coords(lat=wide.lat - height * resolution)], dim="lat")
    tall["crs"] = crs
    tall.attrs = ds.attrs
    encoding = {}
    for name, variable in tall.data_vars.items():
        variable.encoding.clear()
        if variable.ndim:
            chunks = (TIME_CHUNK, SPACE_CHUNK, SPACE_CHUNK)[-variable.ndim:]
            encoding[name] = {"chunks": tuple(min(c, n) for c, n in zip(chunks, variable.shape))}
    tall.chunk({"time": TIME_CHUNK, "lat": SPACE_CHUNK, "lon": SPACE_CHUNK}).to_zarr(
        out, mode="w", zarr_format=2, encoding=encoding, consolidated=True)
    return out


def infer_peak_rss(model: Path, cube: Path, out: Path) -> tuple[float, float]:
    """Peak RSS (MiB) and wall time of ``smrfr infer`` in a fresh process."""
    started = time.perf_counter()
    run = subprocess.run([sys.executable, "-c", RSS_CODE, "infer", "--model", str(model), "--cube", str(cube),
                          "--out", str(out), "--start", DAYS[0], "--end", DAYS[1], "--memory", MEMORY,
                          "--quiet"], capture_output=True, text=True)
    if run.returncode:
        raise RuntimeError(run.stderr)
    peak = [line for line in run.stderr.splitlines() if line.startswith("maxrss_kb")][-1]
    return int(peak.split()[1]) / 1024, time.perf_counter() - started


def read_costs(store: Path, variable: str) -> tuple[float, float, tuple]:
    """Seconds to read one cell's series over the store's period and one day's map (cold open each)."""
    ds = xr.open_zarr(store, chunks=None)
    started = time.perf_counter()
    ds[variable].isel(lat=ds.sizes["lat"] // 2, lon=ds.sizes["lon"] // 2).load()
    series = time.perf_counter() - started
    ds = xr.open_zarr(store, chunks=None)
    started = time.perf_counter()
    ds[variable].isel(time=ds.sizes["time"] // 2).load()
    day_map = time.perf_counter() - started
    return series, day_map, ds[variable].encoding.get("chunks")


def main() -> None:
    from smrfr_engine.demo import run_demo
    from smrfr_engine.model.bundle import load_bundle
    from smrfr_engine.model.estimators import DEFAULT_ALGORITHM
    from smrfr_engine.model.infer import infer
    from smrfr_engine.model.train import train_model

    with tempfile.TemporaryDirectory(prefix="smrfr_perf_") as tmp:
        tmp = Path(tmp)
        started = time.perf_counter()
        demo = run_demo(tmp / "demo")
        cube, stations = demo["cube"], tmp / "demo" / "training_stations.gpkg"
        print(f"demo region: {time.perf_counter() - started:.0f} s", flush=True)
        facts = {}
        for preset, params in (("published", {"n_estimators": PUBLISHED_TREES}), ("default", None)):
            started = time.perf_counter()
            result = train_model(cube, stations, tmp / preset, cv="station", preset=preset, params=params,
                                 importance=False)
            seconds = time.perf_counter() - started
            started = time.perf_counter()
            bundle = load_bundle(tmp / preset)
            load = time.perf_counter() - started
            speed, rows = cascade_speed(bundle, cube, *DAYS)
            facts[preset] = {"ubrmse": result["report"]["ubrmse"].to_numpy(), "train": seconds, "load": load,
                             "bytes": bundle_bytes(tmp / preset), "speed": speed, "rows": rows}
        published, default = facts["published"], facts["default"]
        scale = PUBLISHED_TOTAL / PUBLISHED_TREES
        print("| model | station-CV ubRMSE layer 1..5 | train s | bundle MiB | load s | cell-days/s |")
        print("|---|---|---|---|---|---|")
        for name, label in (("published", f"published RF, {PUBLISHED_TREES} of 1100 trees"),
                            ("default", f"default ({DEFAULT_ALGORITHM})")):
            item = facts[name]
            print(f"| {label} | {' / '.join(f'{v:.4f}' for v in item['ubrmse'])} | {item['train']:.1f} | "
                  f"{item['bytes'] / 2 ** 20:.2f} | {item['load']:.2f} | {item['speed']:,.0f} |")
        print(f"| published RF, 1100 trees (scaled x{scale:g}) | (same) | ~{published['train'] * scale:.0f} "
              "| "
              f"~{published['bytes'] * scale / 2 ** 20:.0f} | ~{published['load'] * scale:.0f} | "
              f"~{published['speed'] / scale:,.0f} |", flush=True)
        ubrmse_ratio = float(np.max(default["ubrmse"] / published["ubrmse"]))
        speedup = default["speed"] / (published["speed"] / scale)
        size_ratio = published["bytes"] * scale / default["bytes"]
        print(f"against the {PUBLISHED_TREES}-tree forest as trained: speedup "
              f"{default['speed'] / published['speed']:.1f}, size ratio "
              f"{published['bytes'] / default['bytes']:.0f}, "
              f"training {published['train'] / default['train']:.0f}x faster", flush=True)

        big = tile_cube(cube, tmp / "cube4x.zarr", *DAYS)
        rss_1x, time_1x = infer_peak_rss(tmp / "default", cube, tmp / "maps1x")
        rss_4x, time_4x = infer_peak_rss(tmp / "default", big, tmp / "maps4x")
        print(f"smrfr infer --memory {MEMORY}, {DAYS[0]}..{DAYS[1]}: 48 x 48 cells peak RSS {rss_1x:.0f} MiB "
              f"({time_1x:.0f} s); 96 x 96 cells {rss_4x:.0f} MiB ({time_4x:.0f} s)", flush=True)

        started = time.perf_counter()
        single = infer(tmp / "default", cube, tmp / "single", start=DAYS[0], end=DAYS[1], memory_mb=MEMORY)[0]
        single_time = time.perf_counter() - started
        started = time.perf_counter()
        spread = infer(tmp / "default", cube, tmp / "dask", start=DAYS[0], end=DAYS[1], memory_mb=MEMORY,
                       workers=2)[0]
        dask_time = time.perf_counter() - started
        one, other = xr.open_zarr(single), xr.open_zarr(spread)
        same = all(np.array_equal(one[n].values, other[n].values, equal_nan=True) for n in one.data_vars)
        print(f"Dask LocalCluster (2 workers) {dask_time:.1f} s vs single process {single_time:.1f} s; "
              f"identical output: {same}", flush=True)
        output = tmp / "maps4x" / "SMRFR_2021_v1.0.zarr"
        for label, store, variable in (("cube (96 x 96)", big, "era5sm#layer1"),
                                       ("output (96 x 96)", output, "sml1_p")):
            series, day_map, chunks = read_costs(store, variable)
            print(f"read {label} {variable}, chunks {chunks}: one cell's series {series * 1000:.0f} ms, "
                  f"one day's map {day_map * 1000:.0f} ms")
        print(f"bench: speedup={speedup:.1f} ubrmse_ratio={ubrmse_ratio:.3f} size_ratio={size_ratio:.0f} "
              f"peak_rss_mb_1x={rss_1x:.0f} peak_rss_mb_4x={rss_4x:.0f}", flush=True)


if __name__ == "__main__":
    main()
