"""Peak memory of subsetting a multi-year SMRFR product larger than 2 GB uncompressed.

Generates yearly stores ``SMRFR_YYYY_v1.0.zarr`` (5 layers, float32, random fields) in a temporary
folder, then subsets a box over all years (to Zarr; ``bench_subset.py subset.nc`` for NetCDF) and
reports the peak resident memory. Not a test; run with ``.venv/bin/python benchmarks/bench_subset.py``.
"""

from __future__ import annotations

import resource
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import pandas as pd
import xarray as xr

YEARS = (2019, 2020, 2021)
DAYS = 190  # per year
NLAT, NLON = 360, 720  # 0.5 degree global grid
OUT = sys.argv[1] if len(sys.argv) > 1 else "subset.zarr"  # or subset.nc, or a GeoTIFF folder name
CHUNKS = {"time": 32, "lat": 180, "lon": 360}


def write_store(path: Path, year: int) -> None:
    """One yearly store written chunk by chunk (never the whole year in memory)."""
    import dask.array as da

    time_axis = pd.date_range(f"{year}-01-01", periods=DAYS)
    lat = 89.75 - 0.5 * np.arange(NLAT)
    lon = -179.75 + 0.5 * np.arange(NLON)
    shape, chunks = (DAYS, NLAT, NLON), tuple(CHUNKS.values())
    layers = {}
    for index in range(1, 6):
        field = da.random.default_rng(year * 10 + index).random(shape, chunks=chunks, dtype="float32")
        layers[f"sml{index}_p"] = (("time", "lat", "lon"), (0.1 + 0.3 * field).astype("float32"))
    ds = xr.Dataset(layers, coords={"time": time_axis, "lat": lat, "lon": lon})
    ds.to_zarr(path, zarr_format=2, mode="w", consolidated=True)


def peak_rss_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> None:
    from smrfr_engine.products import info, subset

    with tempfile.TemporaryDirectory(prefix="smrfr_bench_") as tmp:
        folder = Path(tmp) / "smrfr"
        folder.mkdir()
        started = time.perf_counter()
        for year in YEARS:
            write_store(folder / f"SMRFR_{year}_v1.0.zarr", year)
        facts = info(folder)
        generated = time.perf_counter() - started
        before = peak_rss_mib()
        started = time.perf_counter()
        result = subset(folder, Path(tmp) / OUT, bbox="-60,-40,60,40", start=f"{YEARS[0]}-01-01",
                        end=f"{YEARS[-1]}-12-31", add_root_zone=True)
        elapsed = time.perf_counter() - started
        written = Path(tmp) / OUT
        files = written.rglob("*") if written.is_dir() else [written]
        out_size = sum(p.stat().st_size for p in files)
        print(f"product: {len(YEARS)} yearly stores, {facts['days']} days, {NLON} x {NLAT} cells, 5 layers: "
              f"{facts['size_uncompressed_bytes'] / 2**30:.2f} GiB uncompressed, "
              f"{facts['size_on_disk_bytes'] / 2**30:.2f} GiB on disk (generated in {generated:.0f} s)")
        print(f"subset: {result['shape'][1]} x {result['shape'][0]} cells, {result['days']} days, "
              f"{len(result['layers'])} layers -> {out_size / 2**20:.0f} MiB {OUT} in {elapsed:.0f} s")
        print(f"peak RSS: {peak_rss_mib():.0f} MiB (before the subset: {before:.0f} MiB)")
        sys.stdout.flush()


if __name__ == "__main__":
    main()
