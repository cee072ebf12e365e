"""Small hand-made predictor sources for the model tests (no tests here: imported by the others).

The fields are simple on purpose so that the cube values are known: ERA5-Land layer k holds the
constant ``0.1 * k`` (soil moisture) plus a daily signal, SoilGrids interval i holds ``100 * (i + 1)``,
the DEM rises 1 m per fine cell eastwards.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import rasterio
import xarray as xr
from affine import Affine

WEST, NORTH = 10.0, 46.0
EXTENT = 0.48  # six 0.08 deg cells
INTERVALS = ["0-5", "5-15", "15-30", "30-60", "60-100"]


def write_tif(path: Path, values: np.ndarray, res: float, nodata=None, dtype="float32") -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    profile = {"driver": "GTiff", "height": values.shape[0], "width": values.shape[1], "count": 1,
               "dtype": dtype, "crs": "EPSG:4326", "transform": Affine(res, 0, WEST, 0, -res, NORTH),
               "nodata": nodata}
    with rasterio.open(path, "w", **profile) as dst:
        dst.write(values.astype(dtype), 1)


def signal(days: pd.DatetimeIndex) -> np.ndarray:
    """The daily soil-moisture signal added to every ERA5-Land layer."""
    return 0.02 * np.sin(2 * np.pi * days.dayofyear.to_numpy() / 365.0)


def make_sources(folder: Path, start="2019-01-01", end="2019-12-31") -> Path:
    """ERA5-Land (daily, 0.1 deg), MODIS NDVI/EVI, SoilGrids, DEM and land mask around a 6 x 6 grid."""
    days = pd.date_range(start, end, freq="D")
    lats = np.round(np.arange(NORTH + 0.2, NORTH - EXTENT - 0.25, -0.1), 2)
    lons = np.round(np.arange(WEST - 0.2, WEST + EXTENT + 0.25, 0.1), 2)
    shape = (len(days), len(lats), len(lons))
    data = {}
    for k in range(1, 5):
        data[f"swvl{k}"] = np.full(shape, 0.1 * k) + signal(days)[:, None, None]
        data[f"stl{k}"] = np.full(shape, 280.0 + k)
    data["tp"] = np.full(shape, 0.002)  # 2 mm per day
    data["t2m"] = np.full(shape, 285.0)
    ds = xr.Dataset({name: (("valid_time", "latitude", "longitude"), values.astype("float32"))
                     for name, values in data.items()},
                    coords={"valid_time": days, "latitude": lats, "longitude": lons})
    (folder / "era5land").mkdir(parents=True, exist_ok=True)
    for year in sorted(set(days.year)):
        ds.sel(valid_time=str(year)).to_netcdf(folder / "era5land" / f"ERA5-Land_{year}.nc")
    fine = 0.01
    n = int(round(EXTENT / fine))
    for date in pd.date_range(pd.Timestamp(start) - pd.Timedelta(days=16), end, freq="16D"):
        value = 0.3 + 0.2 * np.sin(2 * np.pi * date.dayofyear / 365.0)
        for name in ("NDVI", "EVI"):
            raster = np.full((n // 2, n // 2), round(value * 10000))
            raster[0, 0] = -3000
            write_tif(folder / "modis" / f"{name}_{date.date()}.tif", raster, 2 * fine, -3000, "int16")
    for i, interval in enumerate(INTERVALS):
        for name in ("sand", "clay", "bdod"):
            write_tif(folder / "soilgrids" / f"{name}_{interval}cm_mean.tif",
                      np.full((n, n), 100.0 * (i + 1)), fine, -32768, "int16")
        write_tif(folder / "soilgrids" / f"fc_{interval}cm.tif", np.full((n, n), 300.0), fine, -32768,
                  "int16")
    write_tif(folder / "dem" / "dem.tif", np.tile(np.arange(n, dtype=float), (n, 1)), fine)
    land = np.ones((n, n))
    land[:8, :8] = 0  # the north-west cell is sea
    write_tif(folder / "static" / "land_mask.tif", land, fine, None, "uint8")
    return folder


def cube_config(folder: Path) -> Path:
    """The demo predictor configuration, pointed at the hand-made sources, with a grid bbox."""
    from smrfr_engine.model.cube import demo_predictor_config

    text = demo_predictor_config(folder).replace(
        "[grid]\n", f"[grid]\nbbox = [{WEST}, {NORTH - EXTENT}, {WEST + EXTENT}, {NORTH}]\n")
    text = text.replace('precipitation_sums = [7, 28]',
                        'precipitation_sums = [7, 28]\nair_temperature = "t2m"')
    path = folder / "predictors.toml"
    path.write_text(text, encoding="utf-8")
    return path


def make_stations(cube_path: Path, out: Path, n_stations: int = 12, seed: int = 0, passed_all: bool = True,
                  noise: float = 0.005, offset: float = 0.0) -> Path:
    """A stations GeoPackage at random land cells whose layers (the cube's) follow the cube (known truth):
    sm_N = 0.05 + offset + 0.5 * era5sm#layerN + 1.5 * signal + 0.002 * sand#layerN + noise, i.e. twice
    the reanalysis anomaly: the reanalysis ubRMSE is about sd(signal) = 0.014, a model's the noise."""
    from smrfr_engine.stations.store import STATION_COLUMNS, write_store

    cube = xr.open_zarr(cube_path)
    rng = np.random.default_rng(seed)
    land = np.argwhere(cube["land_mask"].values == 1)
    picks = land[rng.choice(len(land), n_stations, replace=n_stations > len(land))]
    stations, daily, screening = [], [], []
    days = pd.DatetimeIndex(cube.time.values)
    layers = sorted(int(name.split("#layer")[1]) for name in cube.data_vars
                    if name.startswith("era5sm#layer"))
    for number, (row, col) in enumerate(picks):
        station_id = f"TEST{seed}:S{number:02d}"
        lon = float(cube.lon[col]) + rng.uniform(-0.03, 0.03)
        lat = float(cube.lat[row]) + rng.uniform(-0.03, 0.03)
        stations.append({"station_id": station_id, "network": "TEST", "station": f"S{number:02d}", "lon": lon,
                         "lat": lat})
        for layer in layers:
            era5 = cube[f"era5sm#layer{layer}"].values[:, row, col]
            sand = float(cube[f"sand#layer{layer}"].values[row, col])
            sm = (0.05 + offset + 0.5 * era5 + 1.5 * signal(days) + 0.002 * sand
                  + rng.normal(0, noise, len(days)))
            daily.append(pd.DataFrame({"station_id": station_id, "layer": layer, "layer_top": 0.0,
                                       "layer_bottom": 0.0, "date": [str(d.date()) for d in days], "sm": sm,
                                       "n_obs": 24, "n_sensors": 1}))
            screening.append({"station_id": station_id, "layer": layer, "etc_rho2": 0.9, "etc_err_std": 0.01,
                              "etc_n": len(days), "etc_pass": int(passed_all or number % 2 == 0),
                              "etc_reason": ""})
    table = pd.DataFrame(stations).reindex(columns=STATION_COLUMNS)
    table["station_id"] = [s["station_id"] for s in stations]
    return write_store(out, table, {"daily": pd.concat(daily, ignore_index=True),
                                    "screening": pd.DataFrame(screening)})


#: small and fast forests for tests
FAST = {"n_estimators": 12, "max_depth": 10, "min_samples_leaf": 3}


def small_setup(folder: Path, n_stations: int = 12) -> tuple[Path, Path]:
    """Sources, cube and stations in ``folder``: returns ``(cube, stations)``."""
    from smrfr_engine.model.cube import build_cube

    make_sources(folder / "sources", "2019-01-01", "2019-06-30")
    cube = build_cube(cube_config(folder / "sources"), folder / "cube.zarr", "2019-01-01", "2019-06-30")
    return cube, make_stations(cube, folder / "stations.gpkg", n_stations=n_stations)
