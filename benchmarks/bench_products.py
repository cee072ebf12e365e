"""Time and peak memory of the product commands on multi-year products of yearly Zarr stores.

- ``smrfr anomaly`` of 2021 against the 2001-2020 climatology (31-day window) of a product of 100 x 100
  cells, 5 layers, in 92-day chunks (values to 0.001 m3/m3, so they tie; 1 % NaN and a water corner);
- ``smrfr zonal`` (mean, std) of 16 square zones over the same product, 2001-2021;
- ``info`` of the same 21 stores, and of 10 yearly stores of 256 x 256 cells in (92, 16, 16) chunks
  (51,420 files; their chunk files are written as the same bytes, as info reads none of them);
- ``smrfr series`` at one point of a SoMo.ml-like global 0.25 deg year stored contiguous (NetCDF4
  without chunks, 1.5 GB, as CDS downloads and NetCDF3 files are).

Each command runs in a subprocess that reports its own peak RSS. Takes about 3 minutes on 2 cores.
The last line is ``bench_products: anomaly_s=... anomaly_cpu_s=... anomaly_rss_mb=... zonal_s=...
zonal_cpu_s=... zonal_rss_mb=... info_s=... info_many_s=... series_s=... series_rss_mb=...``.
"""

from __future__ import annotations

import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import pandas as pd
import xarray as xr
from bench_performance import RSS_CODE

CELLS = 100
TIME_CHUNK = 92
MANY = {"years": 10, "cells": 256, "chunk": 16}


def grid(cells: int) -> dict:
    return {"lat": 10 - 0.08 * (np.arange(cells) + 0.5), "lon": 0.08 * (np.arange(cells) + 0.5)}


def write_years(folder: Path, first: int, last: int) -> Path:
    """Yearly stores of a seasonal cycle plus noise, to 0.001 m3/m3 (ties), with NaN."""
    for year in range(first, last + 1):
        days = pd.date_range(f"{year}-01-01", f"{year}-12-31")
        rng = np.random.default_rng(year)
        season = 0.25 + 0.1 * np.sin(2 * np.pi * days.dayofyear.values / 365)[:, None, None]
        layers = {}
        for number in range(1, 6):
            noise = 0.05 * rng.standard_normal((len(days), CELLS, CELLS))
            values = np.round(season + noise, 3).astype("float32")
            values[:, :3, :3] = np.nan
            values[rng.random(values.shape) < 0.01] = np.nan
            layers[f"sml{number}_p"] = (("time", "lat", "lon"), values)
        encoding = {name: {"chunks": (TIME_CHUNK, CELLS, CELLS)} for name in layers}
        xr.Dataset(layers, coords={"time": days, **grid(CELLS)}).to_zarr(
            folder / f"SMRFR_{year}_v1.0.zarr", zarr_format=2, consolidated=True, encoding=encoding)
    return folder


def write_many_chunks(folder: Path) -> Path:
    """Yearly stores of many chunks: metadata by xarray, every chunk file the same encoded bytes."""
    import dask.array as da
    import numcodecs

    cells, chunk = MANY["cells"], MANY["chunk"]
    for year in range(2011, 2011 + MANY["years"]):
        days = pd.date_range(f"{year}-01-01", f"{year}-12-31")
        shape, chunks = (len(days), cells, cells), (TIME_CHUNK, chunk, chunk)
        layers = {f"sml{n}_p": (("time", "lat", "lon"), da.zeros(shape, chunks=chunks, dtype="float32"))
                  for n in range(1, 6)}
        store = folder / f"SMRFR_{year}_v1.0.zarr"
        xr.Dataset(layers, coords={"time": days, **grid(cells)}).to_zarr(
            store, zarr_format=2, consolidated=True, compute=False,
            encoding={name: {"chunks": chunks} for name in layers})
        for name in layers:
            meta = json.loads((store / name / ".zarray").read_text())
            block = numcodecs.get_codec(meta["compressor"]).encode(np.full(chunks, 0.3, dtype="float32"))
            for index in np.ndindex(*(-(-size // step) for size, step in zip(shape, chunks))):
                (store / name / ".".join(map(str, index))).write_bytes(block)
    return folder


def write_contiguous_year(folder: Path) -> Path:
    """One year of a global 0.25 deg layer (365 x 720 x 1440 float32) stored contiguous, day by day."""
    import netCDF4

    folder.mkdir()
    with netCDF4.Dataset(folder / "SoMo.ml_v1_layer1_2010.nc", "w") as ds:
        for name, size in (("time", 365), ("lat", 720), ("lon", 1440)):
            ds.createDimension(name, size)
        ds.createVariable("time", "f8", ("time",))[:] = np.arange(365)
        ds["time"].units = "days since 2010-01-01"
        ds.createVariable("lat", "f8", ("lat",))[:] = 89.875 - 0.25 * np.arange(720)
        ds.createVariable("lon", "f8", ("lon",))[:] = -179.875 + 0.25 * np.arange(1440)
        layer = ds.createVariable("layer1", "f4", ("time", "lat", "lon"), contiguous=True)
        for day in range(365):
            layer[day] = np.full((720, 1440), 0.2 + day / 1e4, "float32")
    return folder


def command(*args: str) -> tuple[float, float, float]:
    """Wall seconds, CPU seconds (user + system: steadier than the wall time on a shared machine) and peak
    RSS (MiB) of one ``smrfr`` command in its own process."""
    started, before = time.perf_counter(), resource.getrusage(resource.RUSAGE_CHILDREN)
    run = subprocess.run([sys.executable, "-c", RSS_CODE, *args, "--quiet"], capture_output=True, text=True)
    if run.returncode:
        raise RuntimeError(run.stderr)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime
    peak = [line for line in run.stderr.splitlines() if line.startswith("maxrss_kb")][-1]
    return time.perf_counter() - started, cpu, int(peak.split()[1]) / 1024


def info_seconds(folder: Path) -> float:
    """Best of three in-process runs of info (the first one warms the file system cache)."""
    from smrfr_engine.products import info

    times = []
    for _ in range(3):
        started = time.perf_counter()
        info(folder)
        times.append(time.perf_counter() - started)
    return min(times)


def main() -> None:
    import geopandas
    from shapely.geometry import box

    with tempfile.TemporaryDirectory(prefix="smrfr_bench_") as tmp:
        tmp = Path(tmp)
        product = write_years(tmp / "smrfr", 2001, 2021)
        anomaly_s, anomaly_cpu, anomaly_mb = command(
            "anomaly", str(product), "--clim-start", "2001-01-01", "--clim-end", "2020-12-31", "--start",
            "2021-01-01", "--end", "2021-12-31", "--out", str(tmp / "anomaly.zarr"))
        print(f"anomaly 2021 against 2001-2020, {CELLS} x {CELLS} cells: {anomaly_s:.1f} s "
              f"({anomaly_cpu:.1f} s CPU), peak RSS {anomaly_mb:.0f} MiB", flush=True)
        zones = [box(0.1 + 2 * i, 2.1 + 2 * j, 1.9 + 2 * i, 3.9 + 2 * j) for i in range(4) for j in range(4)]
        geopandas.GeoDataFrame({"name": [f"z{k}" for k in range(16)]}, geometry=zones,
                               crs="EPSG:4326").to_file(tmp / "zones.gpkg")
        zonal_s, zonal_cpu, zonal_mb = command(
            "zonal", str(product), "--zones", str(tmp / "zones.gpkg"), "--field", "name", "--stat",
            "mean,std", "--out", str(tmp / "zonal.csv"))
        print(f"zonal mean,std of 16 zones, 21 years: {zonal_s:.1f} s ({zonal_cpu:.1f} s CPU), "
              f"peak RSS {zonal_mb:.0f} MiB", flush=True)
        info_s = info_seconds(product)
        many = write_many_chunks(tmp / "many")
        files = sum(1 for path in many.rglob("*") if path.is_file())
        info_many_s = info_seconds(many)
        print(f"info: 21 stores {info_s:.2f} s; {MANY['years']} stores of {files} files {info_many_s:.2f} s")
        series_s, _, series_mb = command("series", str(write_contiguous_year(tmp / "somo")), "--kind", "somo",
                                         "--point", "10.3,42.9", "--out", str(tmp / "series.csv"))
        print(f"series at a point of a contiguous 1.5 GB NetCDF year: {series_s:.1f} s, peak RSS "
              f"{series_mb:.0f} MiB", flush=True)
    print(f"bench_products: anomaly_s={anomaly_s:.1f} anomaly_cpu_s={anomaly_cpu:.1f} "
          f"anomaly_rss_mb={anomaly_mb:.0f} zonal_s={zonal_s:.1f} zonal_cpu_s={zonal_cpu:.1f} "
          f"zonal_rss_mb={zonal_mb:.0f} info_s={info_s:.2f} info_many_s={info_many_s:.2f} "
          f"series_s={series_s:.1f} series_rss_mb={series_mb:.0f}")


if __name__ == "__main__":
    main()
