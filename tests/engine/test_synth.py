"""The synthetic demo region: physics, real formats, determinism, and the planted station quality."""

import hashlib
import json
import subprocess
import zipfile
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
import rasterio
import xarray as xr

from smrfr_engine.cli import main
from smrfr_engine.errors import SmrfrError
from smrfr_engine.synth import generate
from smrfr_engine.synth.grid import Grid, year_blocks
from smrfr_engine.synth.soil import saxton_rawls
from smrfr_engine.synth.sources import ar1_noise, make_reanalysis, make_satellite, smooth_in_time
from smrfr_engine.synth.static import make_static
from smrfr_engine.synth.waterbalance import THICKNESS, simulate
from smrfr_engine.synth.weather import make_weather

REAL_STATIC = (Path(__file__).parents[1] / "data/ismn/header_values/COSMOS/ARM-1"
               / "COSMOS_COSMOS_ARM-1_static_variables.csv")
ETC_THRESHOLD = 0.762


@pytest.fixture(scope="module")
def world(tmp_path_factory):
    out = tmp_path_factory.mktemp("synth") / "region"
    manifest = generate(out, seed=3, size=12, start="2019-01-01", end="2019-12-31", n_stations=10)
    return out, manifest


@pytest.fixture(scope="module")
def balance():
    rng = np.random.default_rng(1)
    static = make_static(Grid.centred(8), rng)
    weather = make_weather(static, pd.date_range("2019-01-01", "2019-12-31"), rng)
    land = static.land
    params = {key: value[:, land] for key, value in static.soil.items()}
    result = simulate(params, weather.precipitation[:, land], weather.pet[:, land], static.slope[land],
                      static.greenness[land])
    return result, params


def test_saxton_rawls_reproduces_the_published_loam_and_sand():
    # Saxton and Rawls (2006) table 3 (OM 2.5 %): loam 40/20 -> FC 0.28, sat 0.46, Ks ~15 mm/h;
    # sand 88/5 -> WP 0.05, FC 0.10, Ks ~108 mm/h
    result = saxton_rawls(np.array([0.40, 0.88]), np.array([0.20, 0.05]), np.array([2.5, 2.5]))
    assert result["fc"] == pytest.approx([0.28, 0.10], abs=0.01)
    assert result["wp"][1] == pytest.approx(0.05, abs=0.01)
    assert result["sat"][0] == pytest.approx(0.46, abs=0.01)
    assert result["ks"] / 24 == pytest.approx([15.5, 108.1], rel=0.05)


def test_water_balance_closes_and_stays_between_wilting_point_and_porosity(balance):
    result, params = balance
    storage = (result.theta.astype(np.float64) * THICKNESS[None, :, None]).sum(1)
    inflow = (result.precipitation - result.runoff - result.evapotranspiration - result.drainage).sum(0)
    assert np.abs(storage[-1] - result.initial_storage - inflow).max() < 0.05  # mm over a year
    assert (result.theta >= params["wp"][None] - 1e-5).all()
    assert (result.theta <= params["sat"][None] + 1e-5).all()
    assert result.runoff.sum() > 0 and result.drainage.sum() > 0 and result.evapotranspiration.sum() > 0


def test_deep_layers_are_smoother_and_rain_reaches_the_top_layer_first(balance):
    result, _ = balance
    change = np.diff(result.theta, axis=0)
    roughness = np.abs(change).mean(axis=(0, 2))
    assert roughness[0] > roughness[2] > roughness[4]
    storms = result.precipitation[1:] > 20
    rise = [change[:, layer][storms].mean() for layer in range(5)]
    assert rise[0] > 0.02 and rise[0] > rise[2] > rise[4]


def test_manifest_lists_every_file_and_the_known_facts(world):
    out, manifest = world
    assert json.loads((out / "manifest.json").read_text()) == manifest
    assert manifest["grid"] == {"crs": "EPSG:4326", "resolution": 0.08, "west": manifest["grid"]["west"],
                                "south": manifest["grid"]["south"], "east": manifest["grid"]["east"],
                                "north": manifest["grid"]["north"], "nlat": 12, "nlon": 12}
    assert manifest["layers"] == [[0, 5], [5, 10], [10, 30], [30, 50], [50, 100]]
    for kind, paths in manifest["files"].items():
        for path in [paths] if isinstance(paths, str) else paths:
            assert (out / path).exists(), (kind, path)
    assert len(manifest["files"]["soilgrids"]) == 25 and len(manifest["files"]["modis_ndvi"]) == 23
    stations = manifest["stations"]
    assert len(stations) == 10 and sum(s["poor"] for s in stations) == 2
    assert all(s["station_id"] == f"SYNTH:{s['station']}" and 0.05 in s["depths_m"] for s in stations)
    good = [s["error_std"]["insitu"] for s in stations if not s["poor"]]
    poor = [s["error_std"]["insitu"] for s in stations if s["poor"]]
    assert max(good) < 0.03 < 0.05 < min(poor)


def test_truth_zarr_opens_in_xarray_and_gdal_on_the_grid(world):
    out, manifest = world
    store = out / "truth/SMRFR_2019_v1.0.zarr"
    truth = xr.open_zarr(store)
    assert list(truth.data_vars) == ["crs", "sml1_p", "sml2_p", "sml3_p", "sml4_p", "sml5_p"]
    assert truth.sml1_p.dims == ("time", "lat", "lon") and truth.sml1_p.dtype == np.float32
    assert truth.sizes["time"] == 365 and truth.lat.values[0] > truth.lat.values[-1]
    assert truth.sml3_p.attrs["units"] == "m3 m-3" and truth.sml3_p.attrs["grid_mapping"] == "crs"
    assert "4326" in truth.crs.attrs["spatial_ref"]
    with rasterio.open(out / "static/land_mask.tif") as src:
        land = src.read(1).astype(bool)
    surface = truth.sml1_p.isel(time=100).values
    assert np.isnan(surface[~land]).all() and np.isfinite(surface[land]).all() and (~land).any()
    info = subprocess.run(["/usr/bin/gdalinfo", "-json", f'ZARR:"{store}":/sml1_p:0'],
                          capture_output=True, text=True, check=True)
    transform = json.loads(info.stdout)["geoTransform"]
    grid = manifest["grid"]
    assert transform[0] == pytest.approx(grid["west"], abs=0.04)
    assert transform[3] == pytest.approx(grid["north"], abs=0.04)
    assert transform[1] == pytest.approx(0.08) and transform[5] == pytest.approx(-0.08)


def test_rasters_are_scaled_like_soilgrids_and_modis(world):
    out, manifest = world
    texture = {}
    for prop in ("sand", "silt", "clay"):
        with rasterio.open(out / f"soilgrids/{prop}_15-30cm_mean.tif") as src:
            assert src.dtypes[0] == "int16" and src.nodata == -32768
            assert src.res == pytest.approx((0.01, 0.01))
            assert src.crs.to_epsg() == 4326 and src.bounds.left == pytest.approx(manifest["grid"]["west"])
            texture[prop] = src.read(1)
    valid = texture["sand"] != -32768
    assert (texture["sand"] + texture["silt"] + texture["clay"])[valid] == pytest.approx(1000, abs=1)
    with rasterio.open(out / "soilgrids/fc_0-5cm.tif") as src:
        fc = src.read(1, masked=True)
        assert 80 < fc.min() and fc.max() < 500
    with rasterio.open(out / "dem/dem.tif") as src:
        assert src.dtypes[0] == "float32" and src.res == pytest.approx((0.01, 0.01))
    with rasterio.open(out / manifest["files"]["modis_ndvi"][10]) as src:
        ndvi = src.read(1)
        assert src.dtypes[0] == "int16" and src.nodata == -3000 and src.res == pytest.approx((0.02, 0.02))
    assert 0.03 < (ndvi == -3000).mean() < 0.5
    assert ndvi[ndvi != -3000].max() <= 10000


def test_reanalysis_and_satellite_look_like_their_real_counterparts(world):
    out, manifest = world
    era = xr.open_dataset(out / "era5land/ERA5-Land_2019.nc")
    assert era.swvl1.dims == ("valid_time", "latitude", "longitude")
    assert {f"{v}{k}" for v in ("swvl", "stl") for k in range(1, 5)} | {"t2m", "tp"} <= set(era.data_vars)
    assert era.latitude.values[0] > era.latitude.values[-1]
    assert np.allclose(np.diff(era.longitude.values), 0.1)
    grid = manifest["grid"]
    assert era.longitude.min() - 0.05 <= grid["west"] and era.longitude.max() + 0.05 >= grid["east"]
    assert era.latitude.max() + 0.05 >= grid["north"] and era.latitude.min() - 0.05 <= grid["south"]
    assert era.stl1.attrs["units"] == "K" and float(era.t2m.mean()) > 280
    satellite = xr.open_dataset(out / "satellite/SSM_2019.nc")
    share = float(satellite.sm.notnull().mean())
    assert 0.3 < share < 0.7


def test_year_blocks_split_the_period_at_new_year():
    time = pd.date_range("2019-12-30", "2021-01-02")
    assert year_blocks(time) == [slice(0, 2), slice(2, 368), slice(368, 370)]


def test_yearly_ar1_noise_is_the_series_drawn_at_once():
    # the whole series by hand: every shock, then the first value; y_t = phi y_(t-1) + shock_t
    phi, std, shape = 0.9, 0.01, (400, 3, 2)
    rng = np.random.default_rng(4)
    shocks = rng.standard_normal(shape) * np.sqrt(1 - phi**2)
    expected = np.empty(shape)
    expected[0] = rng.standard_normal(shape[1:])
    for t in range(1, shape[0]):
        expected[t] = phi * expected[t - 1] + shocks[t]
    yearly = np.random.default_rng(4)
    blocks = [slice(0, 150), slice(150, 151), slice(151, 400)]
    noise = ar1_noise(yearly, shape, std, phi, blocks)
    assert yearly.random() == rng.random()  # the draws of the series are behind both generators now
    assert np.array_equal(np.concatenate(list(noise)), expected * std)


def test_smoothing_goes_on_from_the_block_before():
    values = np.random.default_rng(2).random((50, 4))
    whole = smooth_in_time(values, 0.2)
    first = smooth_in_time(values[:20], 0.2)
    assert np.array_equal(np.concatenate([first, smooth_in_time(values[20:], 0.2, first[-1])]), whole)
    assert whole[1, 0] == values[0, 0] + 0.2 * (values[1, 0] - values[0, 0])


def test_reanalysis_and_satellite_by_year_are_those_of_the_whole_period():
    rng = np.random.default_rng(5)
    static = make_static(Grid.centred(10), rng)
    time = pd.date_range("2019-11-01", "2020-02-29")
    climate = make_weather(static, time, rng)
    truth = np.where(static.land, 0.2 + 0.1 * rng.random((len(time), 5, 10, 10)), np.nan).astype(np.float32)
    years, whole = year_blocks(time), [slice(0, len(time))]
    assert len(years) == 2
    inputs = (Grid.centred(10), static.land, truth, static.soil["fc"], climate.temperature,
              climate.precipitation)
    yearly = list(make_reanalysis(*inputs, np.random.default_rng(6), years))
    [at_once] = make_reanalysis(*inputs, np.random.default_rng(6), whole)
    for name, values in at_once.items():
        assert np.array_equal(np.concatenate([year[name] for year in yearly]), values, equal_nan=True), name
    # the satellite by hand: every retrieval error of the period is drawn, then every dropout
    draws = np.random.default_rng(7)
    errors = draws.standard_normal(truth[:, 0].shape) * (0.03 + 0.025 * static.greenness)
    kept = draws.random(truth[:, 0].shape) > 0.15
    swath = (np.arange(len(time))[:, None, None] + np.arange(10)[None, None, :] // 6) % 3 != 0
    surface = np.clip(0.03 + 0.85 * truth[:, 0] + errors, 0, 0.6)
    expected = np.where(swath & kept & static.land, surface, np.nan)
    satellite = make_satellite(truth[:, 0], static.land, static.greenness, np.random.default_rng(7), years)
    assert np.array_equal(np.concatenate(list(satellite)), expected.astype(np.float32), equal_nan=True)


def _etc_rho2(x, y, z):
    """McColl et al. (2014): rho_1^2 = Q12 Q13 / (Q11 Q23) over the common days."""
    both = np.isfinite(x) & np.isfinite(y) & np.isfinite(z)
    q = np.cov(np.vstack([x[both], y[both], z[both]]))
    return q[0, 1] * q[0, 2] / (q[0, 0] * q[1, 2])


def test_etc_rejects_the_poor_stations_and_keeps_the_good_ones(world):
    out, manifest = world
    sensors = _read_zip_surface(out / manifest["files"]["stations"])
    era = xr.open_dataset(out / "era5land/ERA5-Land_2019.nc").swvl1
    satellite = xr.open_dataset(out / "satellite/SSM_2019.nc").sm
    days = pd.date_range("2019-01-01", "2019-12-31")
    for station in manifest["stations"]:
        insitu = sensors[station["station"]].reindex(days).to_numpy()
        reanalysis = era.sel(latitude=station["lat"], longitude=station["lon"], method="nearest").values
        sat = satellite.isel(lat=station["row"], lon=station["col"]).values
        rho2 = _etc_rho2(insitu, reanalysis, sat)
        if station["poor"]:
            assert rho2 < ETC_THRESHOLD - 0.15, station
        else:
            assert rho2 > ETC_THRESHOLD + 0.1, station


def _read_zip_surface(path):
    """Daily means of the good 0.05 m values of every station, read straight from the ISMN zip."""
    result = {}
    with zipfile.ZipFile(path) as archive:
        for name in archive.namelist():
            if name.endswith(".stm") and "_sm_0.050000_0.050000_" in name:
                lines = archive.read(name).decode().split("\r\n")[1:-1]
                rows = [line.split() for line in lines]
                frame = pd.DataFrame(rows, columns=["date", "time", "sm", "flag", "provider"])
                frame = frame[frame.flag == "G"]
                index = pd.to_datetime(frame.date + " " + frame.time, format="%Y/%m/%d %H:%M")
                series = pd.Series(frame.sm.astype(float).to_numpy(), index=index)
                result[name.split("/")[1]] = series.resample("D").mean()
    return result


def test_the_ismn_zip_matches_the_real_layout(world):
    out, manifest = world
    with zipfile.ZipFile(out / manifest["files"]["stations"]) as archive:
        names = archive.namelist()
        station = manifest["stations"][0]["station"]
        stm = next(n for n in names if n.startswith(f"SYNTH/{station}/") and "_sm_0.050000_0.050000_" in n)
        parts = stm.split("/")[-1][:-4].split("_")
        assert parts[:4] == ["SYNTH", "SYNTH", station, "sm"] and len(parts[-1]) == len(parts[-2]) == 8
        text = archive.read(stm).decode("ascii")
        static = archive.read(f"SYNTH/{station}/SYNTH_SYNTH_{station}_static_variables.csv").decode()
        all_flags = {line.split()[3] for n in names if n.endswith(".stm")
                     for line in archive.read(n).decode().split("\r\n")[1:-1]}
    header, first = text.split("\r\n")[:2]
    fields = header.split()
    assert fields[:3] == ["SYNTH", "SYNTH", station] and fields[6:9] == ["0.05", "0.05", "ThetaProbe-ML2X"]
    assert float(fields[3]) == pytest.approx(manifest["stations"][0]["lat"])
    assert len(header.split("ThetaProbe")[0]) == 90  # columns aligned as in the real files
    assert first[:16].count("/") == 2 and first.endswith(" M") and len(first.split()) == 5
    assert "\n" not in text.replace("\r\n", "")
    assert {"G", "D06", "D07", "D09"} <= all_flags and any("," in flag for flag in all_flags)
    real = REAL_STATIC.read_bytes().decode()
    real_rows = [line.split(";") for line in real.split("\r\n") if line]
    our_rows = [line.split(";") for line in static.split("\r\n") if line]
    assert static.endswith("\r\n") and our_rows[0] == real_rows[0]
    assert [(r[0], r[1], r[2], r[3], len(r)) for r in our_rows] == [(r[0], r[1], r[2], r[3], len(r))
                                                                    for r in real_rows]
    assert our_rows[-1][4] in {"Af", "Am", "Aw", "Cwb", "Cfb"}


def test_the_project_ismn_reader_reads_the_zip(world):
    ismn = pytest.importorskip("smrfr_engine.stations.ismn")
    out, manifest = world
    sensors, skips = ismn.read_ismn(out / manifest["files"]["stations"])
    assert skips == []
    assert {s.station_id for s in sensors} == {s["station_id"] for s in manifest["stations"]}
    assert sum(len(s["depths_m"]) for s in manifest["stations"]) == len(sensors)


def test_a_model_using_the_predictors_beats_the_reanalysis(world):
    out, manifest = world
    truth = xr.open_zarr(out / "truth/SMRFR_2019_v1.0.zarr").sml1_p.values
    era = xr.open_dataset(out / "era5land/ERA5-Land_2019.nc").swvl1
    grid = manifest["grid"]
    lat = grid["north"] - (np.arange(grid["nlat"]) + 0.5) * 0.08
    lon = grid["west"] + (np.arange(grid["nlon"]) + 0.5) * 0.08
    era_cells = era.sel(latitude=xr.DataArray(np.repeat(lat, len(lon)), dims="cell"),
                        longitude=xr.DataArray(np.tile(lon, len(lat)), dims="cell"), method="nearest").values
    with rasterio.open(out / "soilgrids/fc_0-5cm.tif") as src:
        fc = (src.read(1, masked=True).reshape(12, 8, 12, 8).mean(axis=(1, 3)) / 1000).filled(np.nan).ravel()
    target = truth.reshape(len(truth), -1)
    valid = np.isfinite(target) & np.isfinite(era_cells) & np.isfinite(fc)[None]
    soil = np.broadcast_to(fc, target.shape)[valid]
    features = np.column_stack([np.ones(valid.sum()), era_cells[valid], soil, era_cells[valid] * soil])
    coef, *_ = np.linalg.lstsq(features, target[valid], rcond=None)
    rmse_model = np.sqrt(np.mean((features @ coef - target[valid]) ** 2))
    rmse_era = np.sqrt(np.mean((era_cells[valid] - target[valid]) ** 2))
    assert rmse_model < 0.7 * rmse_era  # even a linear fit on two predictors beats it clearly


def _hashes(root: Path) -> dict:
    return {str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(root.rglob("*")) if p.is_file()}


def test_same_seed_same_bytes_other_seed_other_world(tmp_path):
    arguments = {"size": 6, "start": "2020-02-01", "end": "2020-03-31", "n_stations": 4}
    generate(tmp_path / "a", seed=7, **arguments)
    generate(tmp_path / "b", seed=7, **arguments)
    generate(tmp_path / "c", seed=8, **arguments)
    first = _hashes(tmp_path / "a")
    assert len(first) > 30 and first == _hashes(tmp_path / "b")
    other = _hashes(tmp_path / "c")
    assert other.keys() == first.keys() and other["manifest.json"] != first["manifest.json"]


def test_cli_prints_a_summary(tmp_path, capsys):
    out = tmp_path / "demo"
    assert main(["synth", "--out", str(out), "--size", "6", "--start", "2019-03-01", "--end", "2019-04-30",
                 "--stations", "5", "--seed", "2", "--quiet"]) == 0
    printed = capsys.readouterr().out
    assert str(out) in printed and "poor stations: 1 of 5" in printed
    assert json.loads((out / "manifest.json").read_text())["seed"] == 2


def test_a_folder_with_another_programs_manifest_is_no_region_to_replace(tmp_path, capsys):
    """A web project holds a manifest.json too: ``smrfr synth --out`` it deleted the whole project."""
    project = tmp_path / "webapp"
    (project / "src").mkdir(parents=True)
    files = {"manifest.json": '{"name": "my app"}', "src/app.js": "run()", "notes.txt": "thesis"}
    for name, text in files.items():
        (project / name).write_text(text)
    small = ["--size", "4", "--start", "2019-03-01", "--end", "2019-04-30", "--stations", "3", "--quiet"]
    assert main(["synth", "--out", str(project), *small]) == 2
    assert (f"output {project} is a folder holding other files (manifest.json, notes.txt, src), which this "
            "output would delete") in capsys.readouterr().err
    assert {str(p.relative_to(project)): p.read_text() for p in project.rglob("*") if p.is_file()} == files
    region = tmp_path / "region"  # a region of its own is replaced
    for seed in ("1", "2"):
        assert main(["synth", "--out", str(region), *small, "--seed", seed]) == 0
    assert json.loads((region / "manifest.json").read_text())["seed"] == 2


@pytest.mark.parametrize(("arguments", "message"), [
    ({"start": "2019-05-01", "end": "2019-04-01"}, "too short"),
    ({"start": "yesterday"}, "not a date"),
    ({"size": 2}, "size 2"),
    ({"n_stations": 1}, "n_stations 1"),
    ({"size": 6, "n_stations": 40}, r"40 stations are more than the \d+ land cells of a 6 x 6 region"),
])
def test_bad_arguments_are_named(tmp_path, arguments, message):
    with pytest.raises(SmrfrError, match=message):
        generate(tmp_path / "x", **arguments)
    assert not (tmp_path / "x").exists()
