"""Small hand-made products for the product tests: known values at known cells and dates.

``truth(layer, dates)`` is what every store below encodes:
``0.1 * layer + 0.001 * day_index + 0.01 * row + 0.0001 * col`` on a 0.5 degree grid (6 x 8 cells,
north edge 43 N, west edge 10 E, rows counted from the north), ``day_index`` from 2019-12-28.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import xarray as xr

LAT = 42.75 - 0.5 * np.arange(6)  # north-up cell centres
LON = 10.25 + 0.5 * np.arange(8)
ORIGIN = pd.Timestamp("2019-12-28")
YEARS = {2019: pd.date_range("2019-12-28", "2019-12-31"), 2020: pd.date_range("2020-01-01", "2020-01-03")}


def truth(layer: int, dates) -> np.ndarray:
    """(time, lat, lon) float32 values of layer 1..5 (rows north to south)."""
    days = np.asarray((pd.DatetimeIndex(dates) - ORIGIN).days)
    rows, cols = np.arange(len(LAT)), np.arange(len(LON))
    return (0.1 * layer + 0.001 * days[:, None, None] + 0.01 * rows[None, :, None]
            + 0.0001 * cols[None, None, :]).astype("float32")


def smrfr_store(path: Path, dates, names=("lat", "lon"), ascending=False, zarr_format=2,
                consolidated=True) -> Path:
    """One SMRFR store ``sml1_p..sml5_p`` with dims (time, lat, lon) named ``names``."""
    order = slice(None, None, -1) if ascending else slice(None)
    data = {f"sml{layer}_p": (("time", *names), truth(layer, dates)[:, order]) for layer in range(1, 6)}
    ds = xr.Dataset(data, coords={"time": dates, names[0]: LAT[order], names[1]: LON})
    ds.to_zarr(path, zarr_format=zarr_format, consolidated=consolidated, mode="w")
    return path


def smrfr_folder(folder: Path, **kwargs) -> Path:
    """Yearly stores ``SMRFR_2019_v1.0.zarr`` (4 days) and ``SMRFR_2020_v1.0.zarr`` (3 days)."""
    folder.mkdir(parents=True, exist_ok=True)
    for year, dates in YEARS.items():
        smrfr_store(folder / f"SMRFR_{year}_v1.0.zarr", dates, **kwargs)
    return folder


def somo_folder(folder: Path) -> Path:
    """SoMo.ml NetCDF files, one per layer, of 3 days from 2010-01-01 on a 2 x 3 grid; layer N is 0.1 N."""
    folder.mkdir(parents=True)
    days = pd.date_range("2010-01-01", periods=3)
    for number in (1, 2, 3):
        values = np.full((3, 2, 3), 0.1 * number, "float32")
        xr.Dataset({"sm": (("time", "lat", "lon"), values)},
                   coords={"time": days, "lat": [40.5, 40.0], "lon": [100.0, 100.5, 101.0]}).to_netcdf(
            folder / f"SoMo.ml_v1_layer{number}_2010.nc")
    return folder


#: a GSSM-10 product in UTM 33N (EPSG:32633): 2 x 3 cells of 10 m, west edge 500000 E, north edge 4500020 N
UTM_DAYS = pd.date_range("2020-01-05", periods=3)
UTM_NORTHING, UTM_EASTING = 4500015.0 - 10 * np.arange(2), 500005.0 + 10 * np.arange(3)


def utm_truth() -> np.ndarray:
    """(time, y, x) float32 values of the UTM product: ``0.2 + 0.01 * day + 0.001 * (3 * row + col)``."""
    return (0.2 + 0.01 * np.arange(3)[:, None, None] + 0.001 * np.arange(6).reshape(2, 3)).astype("float32")


def utm_folder(folder: Path) -> Path:
    """GeoTIFFs ``GSSM_YYYYMMDD.tif`` of the UTM product, one per day."""
    import rasterio
    from rasterio.transform import from_origin

    folder.mkdir(parents=True)
    for day, values in zip(UTM_DAYS, utm_truth()):
        with rasterio.open(folder / f"GSSM_{day:%Y%m%d}.tif", "w", driver="GTiff", width=3, height=2, count=1,
                           dtype="float32", crs="EPSG:32633",
                           transform=from_origin(500000, 4500020, 10, 10)) as dst:
            dst.write(values, 1)
    return folder


def old_axis_names(path: Path, out: Path) -> Path:
    """A copy of the NetCDF or Zarr output ``path`` as earlier versions of the toolkit wrote a projected
    product: its ``y``, ``x`` axes named ``lat``, ``lon`` (attributes unchanged)."""
    opener = xr.open_zarr if path.suffix == ".zarr" else xr.open_dataset
    with opener(path) as ds:
        old = ds.rename({"y": "lat", "x": "lon"}).load()
    if out.suffix == ".zarr":
        old.to_zarr(out, zarr_format=2, consolidated=True)
    else:
        old.to_netcdf(out)
    return out
