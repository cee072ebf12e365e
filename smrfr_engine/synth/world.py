"""``generate``: build the synthetic region and write every input a user would bring, plus the truth."""

from __future__ import annotations

import json
from functools import partial
from pathlib import Path

import numpy as np
import pandas as pd

from .. import __version__
from ..atomic import DEMO_REGION, atomic_output, check_target
from ..dates import parse_day
from ..errors import SmrfrError
from ..feedback import Feedback
from ..layers import SCHEMES
from ..products.model import yearly_store
from . import sources, static, stations, waterbalance, weather, writers
from .grid import Grid, year_blocks

ERA5_ATTRS = {
    "swvl": ("Volumetric soil water layer {k}", "m**3 m**-3", (39, 40, 41, 42)),
    "stl": ("Soil temperature level {k}", "K", (139, 170, 183, 236)),
}
MODIS_SCALE, MODIS_NODATA = 10000, -3000
#: land cells per run of the water balance (its daily fluxes are float64 over the period)
CELL_BLOCK = 2048


def generate(out: str | Path, seed: int = 0, size: int = 48, start: str = "2019-01-01",
             end: str = "2021-12-31", n_stations: int = 40, feedback: Feedback | None = None) -> dict:
    """Generate the demo region into the folder ``out`` (replaced atomically) and return its manifest.
    The region holds its predictor configuration, ``predictors.toml`` (:func:`demo_predictor_config`).

    Same arguments, same bytes in every file. See the README section "The demo region".
    """
    from ..model.cube import demo_predictor_config

    feedback = feedback or Feedback()
    time = _period(start, end)
    if not 4 <= size <= 1000:
        raise SmrfrError(f"size {size} is out of range: use 4 to 1000 cells per side")
    if n_stations < 3:
        raise SmrfrError(f"n_stations {n_stations} is too small: use at least 3 stations")
    out = check_target(out, DEMO_REGION)  # before the work, not after
    rng = [np.random.default_rng(child) for child in np.random.SeedSequence(seed).spawn(6)]
    grid = Grid.centred(size)

    feedback.progress(0.0, "static fields: terrain, lake, soil texture, hydraulic parameters")
    world = static.make_static(grid, rng[0])
    land_cells = int(world.land.sum())
    if n_stations > land_cells:
        raise SmrfrError(f"{n_stations} stations are more than the {land_cells} land cells of a {size} x "
                         f"{size} region (one station per cell): use fewer stations or a larger size")
    feedback.progress(0.05, "weather from the ERA5 forcing")
    climate = weather.make_weather(world, time, rng[1], seed)
    zones = weather.koppen_zones(climate)
    feedback.progress(0.15, "water balance (the truth)")
    land = world.land
    truth = np.full((len(time), 5, *grid.shape), np.nan, np.float32)
    green = np.full((len(time), *grid.shape), np.nan, np.float32)
    rows, cols = np.nonzero(land)
    for first in range(0, len(rows), CELL_BLOCK):  # cells are independent: run them in blocks
        row, col = rows[first:first + CELL_BLOCK], cols[first:first + CELL_BLOCK]
        balance = waterbalance.simulate({k: v[:, row, col] for k, v in world.soil.items()},
                                        climate.precipitation[:, row, col], climate.pet[:, row, col],
                                        world.slope[row, col], world.greenness[row, col])
        truth[:, :, row, col] = balance.theta
        green[:, row, col] = balance.green
    feedback.progress(0.3, "stations")
    sites = stations.place_stations(world, n_stations, rng[4])
    for site in sites:
        stations.add_sensors(site, truth[:, :, site.row, site.col].astype(np.float64),
                             world.soil["sat"][:, site.row, site.col], rng[4])
    years = year_blocks(time)
    reanalysis = sources.make_reanalysis(grid, land, truth, world.soil["fc"], climate.temperature,
                                         climate.precipitation, rng[2], years)
    satellite = sources.make_satellite(truth[:, 0], land, world.greenness, rng[3], years)

    with atomic_output(out, kind=DEMO_REGION) as tmp:
        tmp.mkdir()
        files = _write_static(tmp, world, zones)
        feedback.progress(0.35, "the truth, the reanalysis and the satellite views of it, year by year")
        yearly, at_sites = _write_yearly(tmp, time, grid, truth, reanalysis, satellite, years, sites,
                                         feedback.span(0.35, 0.65))
        files.update(yearly)
        feedback.progress(0.65, "writing MODIS composites")
        files.update(_write_modis(tmp, time, grid, green, land, climate.precipitation, rng[5],
                                  feedback.span(0.65, 0.8)))
        feedback.progress(0.8, "writing the ISMN download")
        files["stations"] = _write_stations(tmp, sites, time, world, zones)
        files["predictors"] = "predictors.toml"
        manifest = _manifest(seed, size, time, grid, files, sites, truth, at_sites, zones,
                             sources.satellite_noise_std(world.greenness))
        (tmp / "manifest.json").write_text(json.dumps(manifest, indent=1) + "\n", encoding="utf-8")
        # after the manifest: the configuration takes the grid from it
        (tmp / files["predictors"]).write_text(demo_predictor_config(tmp), encoding="utf-8")
    feedback.progress(1.0, f"demo region written to {out}")
    return manifest


def _period(start: str, end: str) -> pd.DatetimeIndex:
    first, last = parse_day(start, "start"), parse_day(end, "end")
    if last < first + pd.Timedelta(days=29):
        raise SmrfrError(f"the period {start}..{end} is too short: the end must be at least 30 days "
                         "after the start")
    return pd.date_range(first, last, freq="D")


def _write_static(root: Path, world: static.Static, zones: np.ndarray) -> dict:
    files = {"soilgrids": [], "land_mask": "static/land_mask.tif", "koppen": "static/koppen.tif",
             "slope": "static/slope.tif", "dem": "dem/dem.tif"}
    for folder in ("static", "dem", "soilgrids"):
        (root / folder).mkdir()
    writers.write_geotiff(root / files["land_mask"], world.land.astype(np.uint8), world.grid, "uint8",
                          description="1 land, 0 water")
    writers.write_geotiff(root / files["koppen"], np.where(world.land, zones, 0), world.grid, "uint8", 0,
                          **{f"class_{k}": v[0] for k, v in weather.KOPPEN.items()})
    writers.write_geotiff(root / files["slope"], np.where(world.land, world.slope, np.nan), world.grid,
                          "float32", np.nan, units="degree")
    writers.write_geotiff(root / files["dem"], world.fine_elevation, world.fine_grid, "float32", -9999.0,
                          units="m")
    scaled = {"sand": ("mean", 1000, "g/kg"), "silt": ("mean", 1000, "g/kg"), "clay": ("mean", 1000, "g/kg"),
              "bdod": ("mean", 100, "cg/cm3"), "fc": (None, 1000, "10^-3 m3/m3")}
    for prop, (suffix, factor, units) in scaled.items():
        values = world.fine_soil["bd" if prop == "bdod" else prop]
        for index, (top, bottom) in enumerate(static.SOILGRIDS_DEPTHS):
            name = f"soilgrids/{prop}_{top}-{bottom}cm{'_' + suffix if suffix else ''}.tif"
            writers.write_geotiff(root / name, np.round(values[index] * factor), world.fine_grid, "int16",
                                  -32768, units=units, scale_factor=str(1 / factor))
            files["soilgrids"].append(name)
    return files


def _write_yearly(root: Path, time, grid, truth, reanalysis, satellite, years: list[slice],
                  sites: list[stations.Station], feedback: Feedback) -> tuple[dict, dict]:
    """Write the yearly truth, reanalysis and satellite files as ``reanalysis`` and ``satellite`` yield
    them; return the files and both series at the stations (for the manifest)."""
    files = {"truth": [], "era5land": [], "satellite": []}
    for folder in ("truth", "era5land", "satellite"):
        (root / folder).mkdir()
    era = sources.era5_grid(grid)
    era_rows, era_cols = era.index(np.array([s.lon for s in sites]), np.array([s.lat for s in sites]))
    rows, cols = np.array([s.row for s in sites]), np.array([s.col for s in sites])
    at_sites = {"reanalysis": [], "satellite": []}
    for index, (days, fields, sm) in enumerate(zip(years, reanalysis, satellite, strict=True)):
        feedback.progress(index / len(years))
        year = time[days.start].year
        name = f"truth/{yearly_store(year)}"
        writers.write_zarr(root / name, writers.smrfr_year(time[days], grid, truth[days],
                                                          SCHEMES["smrfr"].names, year))
        files["truth"].append(name)
        name = f"era5land/ERA5-Land_{year}.nc"
        writers.write_netcdf(root / name, _era5_dataset(time[days], era, fields))
        files["era5land"].append(name)
        name = f"satellite/SSM_{year}.nc"
        writers.write_netcdf(root / name, _satellite_dataset(time[days], grid, sm))
        files["satellite"].append(name)
        at_sites["reanalysis"].append(fields["swvl1"][:, era_rows, era_cols])
        at_sites["satellite"].append(sm[:, rows, cols])
    return files, {key: np.concatenate(parts) for key, parts in at_sites.items()}


def _era5_dataset(time, era: Grid, fields: dict[str, np.ndarray]):
    import xarray as xr

    data = {}
    for name, values in fields.items():
        prefix, k = name.rstrip("1234"), name[-1]
        if prefix in ERA5_ATTRS:
            long_name, units, ids = ERA5_ATTRS[prefix]
            attrs = {"long_name": long_name.format(k=k), "units": units, "GRIB_paramId": ids[int(k) - 1]}
        elif name == "t2m":
            attrs = {"long_name": "2 metre temperature", "units": "K", "GRIB_paramId": 167}
        else:
            attrs = {"long_name": "Total precipitation", "units": "m", "GRIB_paramId": 228,
                     "comment": "daily total (metres of water per day)"}
        attrs.update(GRIB_shortName=name, GRIB_gridType="regular_ll")
        data[name] = xr.DataArray(values, dims=("valid_time", "latitude", "longitude"), attrs=attrs)
    coords = {"valid_time": ("valid_time", time, {"long_name": "time", "standard_name": "time"}),
              "latitude": ("latitude", era.lat, {"units": "degrees_north", "standard_name": "latitude",
                                                 "long_name": "latitude"}),
              "longitude": ("longitude", era.lon, {"units": "degrees_east", "standard_name": "longitude",
                                                   "long_name": "longitude"}),
              "number": ((), 0, {"long_name": "ensemble member numerical id"}),
              "expver": ("valid_time", np.full(len(time), "0001"))}
    dataset = xr.Dataset(data, coords=coords, attrs={
        "GRIB_centre": "ecmf", "GRIB_centreDescription": "European Centre for Medium-Range Weather Forecasts",
        "Conventions": "CF-1.7", "institution": "European Centre for Medium-Range Weather Forecasts",
        "title": "Synthetic ERA5-Land-like daily means (smrfr demo region)",
        "comment": "daily means at valid_time 00:00 UTC of each day; tp is the daily total"})
    dataset["valid_time"].encoding.update(units="seconds since 1970-01-01", dtype="int64")
    return dataset


def _satellite_dataset(time, grid: Grid, sm: np.ndarray):
    import xarray as xr

    return xr.Dataset({
        "sm": xr.DataArray(sm, dims=("time", "lat", "lon"), attrs={
            "units": "m3 m-3", "long_name": "surface soil moisture 0-5 cm (synthetic satellite retrieval)",
            "grid_mapping": "crs"}),
        "crs": writers.crs_variable()},
        coords={"time": time,
                "lat": ("lat", grid.lat, {"units": "degrees_north", "standard_name": "latitude"}),
                "lon": ("lon", grid.lon, {"units": "degrees_east", "standard_name": "longitude"})},
        attrs={"title": "Synthetic satellite surface soil moisture", "Conventions": "CF-1.8"})


def _write_modis(root: Path, time, grid: Grid, green, land, precipitation, rng, feedback: Feedback) -> dict:
    (root / "modis").mkdir()
    files = {"modis_ndvi": [], "modis_evi": []}
    modis_grid = grid.refine(sources.MODIS_FINE)
    count = len(sources.composite_dates(time))
    for index, (date, ndvi, evi) in enumerate(sources.make_modis(time, green, land, precipitation, rng)):
        feedback.progress(index / max(count, 1))
        for kind, values in (("NDVI", ndvi), ("EVI", evi)):
            name = f"modis/{kind}_{date:%Y-%m-%d}.tif"
            scaled = np.where(np.isnan(values), MODIS_NODATA, np.round(values * MODIS_SCALE))
            writers.write_geotiff(root / name, scaled, modis_grid, "int16", MODIS_NODATA,
                                  scale_factor="0.0001", composite_days="16")
            files[f"modis_{kind.lower()}"].append(name)
    return files


def _write_stations(root: Path, sites: list[stations.Station], time, world: static.Static, zones) -> str:
    (root / "stations").mkdir()
    stamps = stations.hour_stamps(time)
    files = {}  # name -> its content, made when the zip writes it (one file in memory at a time)
    for site in sites:
        folder = f"{stations.NETWORK}/{site.name}"
        for sensor in site.sensors:
            files[f"{folder}/{stations.stm_name(site, sensor, stamps)}"] = partial(
                stations.stm_content, site, sensor, stamps)
        files[f"{folder}/{stations.NETWORK}_{stations.NETWORK}_{site.name}_static_variables.csv"] = partial(
            stations.static_variables_csv, site, world.soil, float(world.greenness[site.row, site.col]),
            int(zones[site.row, site.col]))
    name = f"stations/{stations.NETWORK}_ismn.zip"
    last = time[-1] + pd.Timedelta(days=1)
    stations.write_ismn_zip(root / name, sites, files, (last.year, last.month, last.day, 0, 0, 0))
    return name


def _manifest(seed, size, time, grid: Grid, files, sites, truth, at_sites: dict, zones,
              satellite_std) -> dict:
    era = sources.era5_grid(grid)
    entries = []
    for index, site in enumerate(sites):
        surface_truth = truth[:, 0, site.row, site.col].astype(np.float64)
        era_row, era_col = era.index(site.lon, site.lat)
        surface = next(s for s in site.sensors if s.depth == 0.05)
        entries.append({
            "station_id": site.station_id, "network": stations.NETWORK, "station": site.name,
            "lon": site.lon, "lat": site.lat, "elevation": site.elevation, "poor": site.poor,
            "depths_m": [s.depth for s in site.sensors], "row": site.row, "col": site.col,
            "era5_row": int(era_row), "era5_col": int(era_col),
            "koppen": weather.KOPPEN[int(zones[site.row, site.col])][0],
            "error_std": {
                "insitu": round(stations.residual_std(stations.daily_good_mean(surface), surface_truth), 5),
                "reanalysis": round(stations.residual_std(
                    at_sites["reanalysis"][:, index].astype(np.float64), surface_truth), 5),
                "satellite": round(stations.residual_std(
                    at_sites["satellite"][:, index].astype(np.float64), surface_truth), 5)},
            "design": {"representativeness_std": round(site.representativeness_std, 5),
                       "noise_std": site.noise_std,
                       "satellite_noise_std": round(float(satellite_std[site.row, site.col]), 5)},
        })
    return {
        "generator": f"smrfr_engine.synth {__version__}", "seed": seed, "size": size,
        "start": f"{time[0]:%Y-%m-%d}", "end": f"{time[-1]:%Y-%m-%d}", "grid": grid.as_dict(),
        "layers": [[int(layer.top), int(layer.bottom)] for layer in SCHEMES["smrfr"]],
        "files": files,
        "stations": entries,
        "poor_stations": [site.station_id for site in sites if site.poor],
        "koppen_classes": {str(k): {"code": code, "description": text}
                           for k, (code, text) in weather.KOPPEN.items()},
        "sources": {
            "truth": {"grid": "model", "variables": SCHEMES["smrfr"].names, "units": "m3 m-3",
                      "format": "zarr v2, consolidated"},
            "era5land": {"grid": era.as_dict(), "time_step": "daily", "time_dim": "valid_time",
                         "soil_moisture_units": "m**3 m**-3", "tp_units": "m per day"},
            "satellite": {"grid": "model", "variable": "sm", "layer_cm": [0, 5], "gaps": "NaN"},
            "modis": {"grid": grid.refine(sources.MODIS_FINE).as_dict(), "scale_factor": 1 / MODIS_SCALE,
                      "nodata": MODIS_NODATA, "composite_days": 16, "dtype": "int16"},
            "soilgrids": {"grid": grid.refine(static.FINE).as_dict(),
                          "depths_cm": [list(d) for d in static.SOILGRIDS_DEPTHS],
                          "units": {"sand": "g/kg", "silt": "g/kg", "clay": "g/kg", "bdod": "cg/cm3",
                                    "fc": "10^-3 m3/m3"}, "nodata": -32768},
            "dem": {"grid": grid.refine(static.FINE).as_dict(), "units": "m", "dtype": "float32"},
            "stations": {"format": "ISMN Header+values zip", "network": stations.NETWORK,
                         "time_step": "hourly", "good_flag": "G",
                         "error_std": "sd of the part of each daily source not explained linearly by the "
                                      "true 0-5 cm series (what Extended Triple Collocation estimates)"},
        },
    }
