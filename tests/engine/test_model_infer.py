"""Regional inference: SMRFR layout, nodata, memory-bounded blocks, cancel/resume, uncertainty, errors;
and local recalibration."""

import json
import shutil
import subprocess

import numpy as np
import pandas as pd
import pytest
import xarray as xr
from recorder import Recorder
from test_model_helpers import FAST, cube_config, make_stations, signal, small_setup

from smrfr_engine.errors import SmrfrError
from smrfr_engine.feedback import Cancelled
from smrfr_engine.model.bundle import load_bundle
from smrfr_engine.model.cube import build_cube
from smrfr_engine.model.features import LOCAL_FEATURE
from smrfr_engine.model.infer import infer
from smrfr_engine.model.recalibrate import recalibrate
from smrfr_engine.model.train import train_model
from smrfr_engine.products import subset
from smrfr_engine.stations.store import read_stations


@pytest.fixture(scope="module")
def setup(tmp_path_factory):
    folder = tmp_path_factory.mktemp("infer")
    cube, stations = small_setup(folder)
    train_model(cube, stations, folder / "model", cv="station", folds=3, algorithm="rf", params=FAST,
                importance=False)
    return folder, cube, stations


def truth(cube_path, layer):
    """The station formula of the test helpers evaluated on the cube (without noise)."""
    ds = xr.open_zarr(cube_path)
    days = ds.time.to_index()
    return (0.05 + 0.5 * ds[f"era5sm#layer{layer}"].values + 1.5 * signal(days)[:, None, None]
            + 0.002 * ds[f"sand#layer{layer}"].values[None])


def test_inference_writes_yearly_smrfr_stores_close_to_the_truth(setup, tmp_path):
    folder, cube, _ = setup
    stores = infer(folder / "model", cube, tmp_path / "out", start="2019-03-01", end="2019-05-31")
    assert [store.name for store in stores] == ["SMRFR_2019_v1.0.zarr"]
    ds = xr.open_zarr(stores[0])
    assert [name for name in ds.data_vars if name != "crs"] == [f"sml{i}_p" for i in range(1, 6)]
    assert ds.sizes == {"time": 92, "lat": 6, "lon": 6, "nv": 2}  # nv: the two bounds of each day
    assert ds["sml1_p"].attrs["grid_mapping"] == "crs"
    assert np.isnan(ds["sml3_p"].values[:, 0, 0]).all()  # sea: nodata, never zero
    expected = truth(cube, 3)[59:151]
    estimate = ds["sml3_p"].values
    land = np.isfinite(estimate)
    assert land.sum() == 92 * 35
    reanalysis = xr.open_zarr(cube)["era5sm#layer3"].values[59:151]
    model_error = np.sqrt(np.mean((estimate[land] - expected[land]) ** 2))
    reanalysis_error = np.std(reanalysis[land] - expected[land])
    assert model_error < 0.7 * reanalysis_error
    assert not list(tmp_path.glob("out/.*partial"))
    again = infer(folder / "model", cube, tmp_path / "out", start="2019-03-01", end="2019-03-10")[0]
    assert xr.open_zarr(again).sizes["time"] == 10  # the year is replaced whole, nothing left aside
    assert sorted(path.name for path in (tmp_path / "out").iterdir()) == ["SMRFR_2019_v1.0.zarr"]


@pytest.mark.skipif(shutil.which("gdalinfo") is None, reason="gdalinfo not installed")
def test_gdal_reads_the_stores(setup, tmp_path):
    folder, cube, _ = setup
    store = infer(folder / "model", cube, tmp_path / "out", start="2019-01-01", end="2019-01-05")[0]
    info = subprocess.run(["gdalinfo", f'ZARR:"{store}":/sml2_p:0'], capture_output=True, text=True)
    assert info.returncode == 0 and "Size is 6, 6" in info.stdout and "WGS 84" in info.stdout


def test_small_memory_budget_cancel_and_resume(setup, tmp_path):
    folder, cube, _ = setup
    out = tmp_path / "out"
    whole = infer(folder / "model", cube, tmp_path / "whole", start="2019-01-01", end="2019-02-28")[0]
    partial = out / ".SMRFR_2019_v1.0.zarr.partial"
    with pytest.raises(Cancelled, match=rf"block\(s\) are kept in {partial}; the same command resumes"):
        infer(folder / "model", cube, out, start="2019-01-01", end="2019-02-28", max_block_days=7,
              feedback=Recorder(checks=5))
    assert not (out / "SMRFR_2019_v1.0.zarr").exists()
    assert (partial / "blocks_done.json").exists()
    store = infer(folder / "model", cube, out, start="2019-01-01", end="2019-02-28", max_block_days=7,
                  feedback=(recorder := Recorder()))[0]
    assert any("resuming" in message for message in recorder.infos) and not partial.exists()
    np.testing.assert_allclose(xr.open_zarr(store)["sml5_p"].values, xr.open_zarr(whole)["sml5_p"].values)


def test_a_second_run_into_the_same_store_is_refused_while_the_first_writes(setup, tmp_path):
    """Two runs of one command (a double click, a batch listing it twice) wrote the same partial store: the
    second deleted the first's arrays mid-run, failed with 'a folder holding other files' and left a partial
    store every later run resumed from and failed on. A run now holds the store's lock; the system drops it
    when the process ends, even killed."""
    import sys

    folder, cube, _ = setup
    out = tmp_path / "out"
    target = out / "SMRFR_2019_v1.0.zarr"
    out.mkdir()
    code = ("import sys, time; from pathlib import Path; from smrfr_engine.atomic import exclusive\n"
            "with exclusive(Path(sys.argv[1])):\n    print('held', flush=True); time.sleep(60)")
    holder = subprocess.Popen([sys.executable, "-c", code, str(target)], stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "held"
        with pytest.raises(SmrfrError, match=f"^another run is writing {target} now: wait for it to end"):
            infer(folder / "model", cube, out, start="2019-01-01", end="2019-01-31")
        assert not target.exists() and not (out / ".SMRFR_2019_v1.0.zarr.partial").exists()
        assert (out / ".SMRFR_2019_v1.0.zarr.lock").exists()  # the refused run leaves the holder's lock
    finally:
        holder.kill()
        holder.wait()
    store = infer(folder / "model", cube, out, start="2019-01-01", end="2019-01-31")[0]
    assert xr.open_zarr(store).sizes["time"] == 31
    assert sorted(path.name for path in out.iterdir()) == ["SMRFR_2019_v1.0.zarr"]  # no lock file left


def test_a_partial_store_that_lost_arrays_is_started_over(setup, tmp_path):
    folder, cube, _ = setup
    run = {"start": "2019-01-01", "end": "2019-02-28", "max_block_days": 7}
    with pytest.raises(Cancelled):
        infer(folder / "model", cube, tmp_path / "out", **run, feedback=Recorder(checks=5))
    partial = tmp_path / "out" / ".SMRFR_2019_v1.0.zarr.partial"
    shutil.rmtree(partial / "sml1_p")  # as another run's clean-up left it
    store = infer(folder / "model", cube, tmp_path / "out", **run, feedback=(recorder := Recorder()))[0]
    assert f"{partial} lacks arrays its metadata lists; starting SMRFR_2019_v1.0.zarr over" in recorder.infos
    fresh = infer(folder / "model", cube, tmp_path / "fresh", **run)[0]
    np.testing.assert_array_equal(xr.open_zarr(store)["sml1_p"].values, xr.open_zarr(fresh)["sml1_p"].values)


def test_a_store_in_use_on_windows_is_kept_and_the_run_resumes_without_predicting_again(setup, tmp_path,
                                                                                         monkeypatch):
    """Windows refuses to rename a store another program holds a file of (simulated: :mod:`windows_files`):
    the run stops naming the file, the earlier store is as it was, and the finished blocks are kept, so the
    same command, once the file is closed, only puts the new store in place."""
    from windows_files import hold_open

    folder, cube, _ = setup
    out = tmp_path / "out"
    store = infer(folder / "model", cube, out, start="2019-01-01", end="2019-01-10")[0]
    before = {p: p.read_bytes() for p in store.rglob("*") if p.is_file()}
    held = hold_open(monkeypatch, store / ".zgroup")
    with pytest.raises(SmrfrError, match=f"cannot replace output {store}: {store / '.zgroup'} is open in"):
        infer(folder / "model", cube, out, start="2019-01-01", end="2019-01-20", max_block_days=7)
    assert {p: p.read_bytes() for p in store.rglob("*") if p.is_file()} == before
    held.clear()
    infer(folder / "model", cube, out, start="2019-01-01", end="2019-01-20", max_block_days=7,
          feedback=(recorder := Recorder()))
    assert "resuming SMRFR_2019_v1.0.zarr: 3 block(s) already done" in recorder.infos
    assert xr.open_zarr(store).sizes["time"] == 20
    assert sorted(path.name for path in out.iterdir()) == ["SMRFR_2019_v1.0.zarr"]


def test_predictors_lost_from_the_cube_are_named_not_silent_nodata(setup, tmp_path):
    """A cube copied in part (chunks missing) or whose variable folder was emptied gave all-NaN maps with
    exit 0: Zarr reads a missing chunk as its fill value; a chunk cut short gave the codec's traceback."""
    folder, cube, _ = setup
    damaged = tmp_path / "cube.zarr"
    shutil.copytree(cube, damaged)
    (damaged / "NDVI" / "0.0.0").unlink()  # the first 92 days (TIME_CHUNK), up to 2019-04-02
    out, request = tmp_path / "out", {"start": "2019-03-25", "end": "2019-04-07", "max_block_days": 7}
    with pytest.raises(Cancelled):
        infer(folder / "model", damaged, out, feedback=Recorder(checks=0), **request)  # after block 1
    store = infer(folder / "model", damaged, out, feedback=(recorder := Recorder()), **request)[0]
    assert any("resuming" in message for message in recorder.infos)
    assert recorder.warnings == ["SMRFR_2019_v1.0.zarr: nodata where the cube lacks predictors on land: "
                                 "NDVI on 315 of 490 land cell-days (64 %)"]  # 9 of 14 days x 35 cells
    estimate = xr.open_zarr(store)["sml1_p"].values
    assert np.isnan(estimate[:9]).all() and np.isfinite(estimate[9:]).sum() == 5 * 35
    chunk = damaged / "EVI" / "0.0.0"
    chunk.write_bytes(chunk.read_bytes()[:100])  # cut short: blosc's RuntimeError traceback, no file named
    cut = f"^cannot read EVI of the predictor cube {damaged}: RuntimeError: .*; a chunk of it is damaged"
    with pytest.raises(SmrfrError, match=cut):
        infer(folder / "model", damaged, tmp_path / "other", **request)
    with pytest.raises(SmrfrError, match=cut):
        train_model(damaged, folder / "stations.gpkg", tmp_path / "model", cv="station", folds=3,
                    algorithm="rf", params=FAST, importance=False)
    metadata = (damaged / ".zmetadata").read_text()
    crafted = json.loads(metadata)
    crafted["metadata"]["NDVI/.zarray"]["chunks"] = [365, 30000, 30000]
    (damaged / ".zmetadata").write_text(json.dumps(crafted))
    with pytest.raises(SmrfrError, match=f"^cannot read {damaged}: its array NDVI is stored in pieces of "
                                         "365 x 30000 x 30000 values"):  # a crafted cube: 1.2 TiB per chunk
        infer(folder / "model", damaged, tmp_path / "lost")
    (damaged / ".zmetadata").write_text(metadata)
    for path in (damaged / "NDVI").iterdir():
        path.unlink()
    with pytest.raises(SmrfrError, match=f"^the predictor cube {damaged} is damaged: the array metadata "
                                         r"\(.zarray\) of NDVI is missing; rebuild the cube$"):
        infer(folder / "model", damaged, tmp_path / "lost")
    assert not (tmp_path / "lost").exists()


def test_resume_never_reuses_the_blocks_of_another_cube_or_area(setup, tmp_path):
    """A cancelled run left blocks predicted from a cube (or an AOI file) that was then rebuilt (edited) at
    the same path: the next run resumed from those stale blocks and wrote a store mixing both."""
    import geopandas
    from shapely.geometry import Polygon

    folder, _, _ = setup
    sources = shutil.copytree(folder / "sources", tmp_path / "sources")
    config, cube = cube_config(sources), tmp_path / "cube.zarr"
    build_cube(config, cube, "2019-01-01", "2019-02-28")
    run = {"start": "2019-01-01", "end": "2019-02-28", "max_block_days": 7}
    with pytest.raises(Cancelled):
        infer(folder / "model", cube, tmp_path / "out", **run, feedback=Recorder(checks=5))
    era5 = sources / "era5land" / "ERA5-Land_2019.nc"
    with xr.open_dataset(era5) as ds:
        wetter = ds.assign(swvl1=ds["swvl1"] + 0.1).load()
    wetter.to_netcdf(era5)
    build_cube(config, cube, "2019-01-01", "2019-02-28")  # rebuilt from changed sources, same path
    store = infer(folder / "model", cube, tmp_path / "out", **run, feedback=(recorder := Recorder()))[0]
    fresh = infer(folder / "model", cube, tmp_path / "fresh", **run)[0]
    assert not any("resuming" in message for message in recorder.infos)
    np.testing.assert_array_equal(xr.open_zarr(store)["sml1_p"].values, xr.open_zarr(fresh)["sml1_p"].values)
    aoi = tmp_path / "aoi.gpkg"
    for corners, checks in (([(10.0, 45.52), (10.48, 45.52), (10.48, 46.0), (10.0, 46.0)], 5),
                            ([(10.0, 45.52), (10.48, 45.52), (10.0, 46.0)], None)):  # same extent, a triangle
        geopandas.GeoDataFrame(geometry=[Polygon(corners)], crs="EPSG:4326").to_file(aoi)
        try:
            store = infer(folder / "model", cube, tmp_path / "aoi", **run, aoi=aoi,
                          feedback=(recorder := Recorder(checks=checks)))[0]
        except Cancelled:
            pass
    assert not any("resuming" in message for message in recorder.infos)
    fresh = infer(folder / "model", cube, tmp_path / "fresh_aoi", **run, aoi=aoi)[0]
    np.testing.assert_array_equal(xr.open_zarr(store)["sml1_p"].values, xr.open_zarr(fresh)["sml1_p"].values)
    with pytest.raises(Cancelled):
        infer(folder / "model", cube, tmp_path / "renamed", **run, aoi=aoi, feedback=Recorder(checks=5))
    renamed = aoi.rename(tmp_path / "same_cells.gpkg")  # the same cells: the kept blocks are still right
    store = infer(folder / "model", cube, tmp_path / "renamed", **run, aoi=renamed,
                  feedback=(recorder := Recorder()))[0]
    assert any("resuming" in message for message in recorder.infos)
    np.testing.assert_array_equal(xr.open_zarr(store)["sml1_p"].values, xr.open_zarr(fresh)["sml1_p"].values)


@pytest.mark.parametrize("state", ["", '{"signature": {"model": "a1'])
def test_a_torn_list_of_finished_blocks_starts_the_year_over(setup, tmp_path, state):
    """A run killed (or out of disk space) while writing blocks_done.json left it empty or cut short: every
    later run of the command stopped with a JSONDecodeError traceback until the user found and deleted the
    hidden folder."""
    folder, cube, _ = setup
    run = {"start": "2019-01-01", "end": "2019-01-31", "max_block_days": 7}
    with pytest.raises(Cancelled):
        infer(folder / "model", cube, tmp_path / "out", **run, feedback=Recorder(checks=3))
    (tmp_path / "out" / ".SMRFR_2019_v1.0.zarr.partial" / "blocks_done.json").write_text(state)
    store = infer(folder / "model", cube, tmp_path / "out", **run, feedback=(recorder := Recorder()))[0]
    assert any("blocks_done.json is unreadable; starting" in message for message in recorder.infos)
    whole = infer(folder / "model", cube, tmp_path / "whole", **run)[0]
    np.testing.assert_array_equal(xr.open_zarr(store)["sml2_p"].values, xr.open_zarr(whole)["sml2_p"].values)
    assert sorted(path.name for path in (tmp_path / "out").iterdir()) == ["SMRFR_2019_v1.0.zarr"]


def test_blocks_follow_the_memory_budget(setup):
    from smrfr_engine.model.bundle import load_bundle
    from smrfr_engine.model.infer import _block_shape

    bundle = load_bundle(setup[0] / "model")
    model_mb = 2 * sum(p.stat().st_size for p in bundle.path.rglob("*") if p.is_file()) / 2 ** 20
    assert _block_shape(bundle, 40, (500, 500), model_mb + 20000) == (276, 256, 256)  # whole 92-day chunks
    days, rows, cols = _block_shape(bundle, 40, (500, 500), model_mb + 20)
    assert rows * cols * days * 4 * 40 <= 20 * 2 ** 20 and 1 <= days < 366
    with pytest.raises(SmrfrError, match="memory budget"):
        _block_shape(bundle, 40, (500, 500), model_mb)


def test_bbox_aoi_and_uncertainty(setup, tmp_path):
    import geopandas
    from shapely.geometry import Point, Polygon

    folder, cube, _ = setup
    area = (10.1, 45.7, 10.3, 45.9)
    store = infer(folder / "model", cube, tmp_path / "bbox", start="2019-05-01", end="2019-05-10",
                  bbox=area, uncertainty=True)[0]
    ds = xr.open_zarr(store)
    whole = infer(folder / "model", cube, tmp_path / "whole", start="2019-05-01", end="2019-05-02")[0]
    cropped = subset(whole, tmp_path / "cropped.zarr", bbox=area)
    expected = xr.open_zarr(cropped["out"])
    assert (ds.sizes["lat"], ds.sizes["lon"]) == (expected.sizes["lat"], expected.sizes["lon"]) == (3, 3)
    np.testing.assert_allclose(ds.lat, expected.lat)
    np.testing.assert_allclose(ds.lon, expected.lon)
    spread = ds["sml1_p_sd"].values
    assert ds["sml1_p"].attrs["cell_methods"] == "time: mean" and "cell_methods" not in ds["sml1_p_sd"].attrs
    assert np.isfinite(spread).all() and (spread >= 0).all() and spread.max() > 0
    aoi = tmp_path / "aoi.gpkg"
    triangle = Polygon([(10.1, 45.7), (10.3, 45.7), (10.1, 45.9)])
    geopandas.GeoDataFrame(geometry=[triangle], crs="EPSG:4326").to_file(aoi)
    clipped = xr.open_zarr(infer(folder / "model", cube, tmp_path / "aoi", start="2019-05-01",
                                 end="2019-05-02", aoi=aoi)[0])
    subset(whole, tmp_path / "clipped.zarr", aoi=aoi)
    reference = xr.open_zarr(tmp_path / "clipped.zarr")["sml1_p"].values
    assert 0 < np.isfinite(clipped["sml1_p"].values).sum() < 2 * 16
    np.testing.assert_array_equal(np.isfinite(clipped["sml1_p"].values), np.isfinite(reference))
    in_memory = geopandas.GeoDataFrame(geometry=[triangle], crs="EPSG:4326")  # was a TypeError from Path()
    framed = xr.open_zarr(infer(folder / "model", cube, tmp_path / "frame", start="2019-05-01",
                                end="2019-05-02", aoi=in_memory)[0])
    np.testing.assert_array_equal(framed["sml1_p"].values, clipped["sml1_p"].values)
    points = tmp_path / "points.gpkg"
    geopandas.GeoDataFrame(geometry=[Point(10.2, 45.8)], crs="EPSG:4326").to_file(points)
    with pytest.raises(SmrfrError, match="holds no polygons"):
        infer(folder / "model", cube, tmp_path / "points", aoi=points)


def test_a_year_is_not_added_to_a_folder_of_another_grid(setup, tmp_path):
    # the folder would no longer read as one product: the new year's store is refused, not written
    folder, cube, _ = setup
    out, area = tmp_path / "maps", (10.1, 45.7, 10.3, 45.9)
    first = infer(folder / "model", cube, out, start="2019-05-01", end="2019-05-02", bbox=area)[0]
    shutil.move(first, out / "SMRFR_2018_v1.0.zarr")  # another year of the same grid: accepted
    assert infer(folder / "model", cube, out, start="2019-05-01", end="2019-05-02", bbox=area)[0].exists()
    before = sorted(path.name for path in out.iterdir())
    with pytest.raises(SmrfrError, match=r"holds SMRFR_2018_v1.0.zarr on another grid \(lat .*, 3 cells, lon "
                                         r".*3 cells\) than this run's \(lat .*, 6 cells, lon .*, 6 cells\)"):
        infer(folder / "model", cube, out, start="2019-05-01", end="2019-05-02")
    assert sorted(path.name for path in out.iterdir()) == before
    shutil.rmtree(out / "SMRFR_2018_v1.0.zarr")
    (out / "SMRFR_2018_v1.0.zarr").mkdir()
    with pytest.raises(SmrfrError, match="SMRFR_2018_v1.0.zarr in the output folder is not a readable"):
        infer(folder / "model", cube, out, start="2019-05-01", end="2019-05-02")


def test_missing_predictor_and_bad_requests_are_named(setup, tmp_path):
    folder, _, _ = setup
    sources = folder / "sources"
    config = sources / "no_evi.toml"
    config.write_text(cube_config(sources).read_text().replace("drop = []", 'drop = ["EVI"]'))
    no_evi = build_cube(config, tmp_path / "no_evi.zarr", "2019-01-01", "2019-01-10")
    with pytest.raises(SmrfrError, match="lacks predictor.*EVI"):
        infer(folder / "model", no_evi, tmp_path / "out")
    # a variable removed after the build, its name left in the cube's list: a KeyError traceback per block
    with xr.open_zarr(folder / "cube.zarr") as cube:
        trimmed = cube.drop_vars("NDVI").isel(time=slice(0, 10))
        for variable in trimmed.variables.values():
            variable.encoding.clear()
        trimmed.to_zarr(tmp_path / "no_ndvi.zarr", zarr_format=2)
    with pytest.raises(SmrfrError, match="lacks predictor.*the model .*model needs: NDVI; rebuild"):
        infer(folder / "model", tmp_path / "no_ndvi.zarr", tmp_path / "out")
    with pytest.raises(SmrfrError, match="lacks predictor.*the model .*model needs: EVI"):
        train_model(no_evi, folder / "stations.gpkg", tmp_path / "x", base_model=folder / "model")
    with pytest.raises(SmrfrError, match=r"dates 2030-01-01..2030-02-01 are outside the cube .*cube.zarr, "
                                         r"which covers 2019-01-01..2019-06-30$"):
        infer(folder / "model", folder / "cube.zarr", tmp_path / "out", start="2030-01-01", end="2030-02-01")
    infer(folder / "model", folder / "cube.zarr", tmp_path / "late", start="2019-06-29", end="2019-07-03",
          feedback=(recorder := Recorder()))
    assert recorder.warnings == [f"dates 2019-06-29..2019-07-03 reach beyond the cube {folder}/cube.zarr, "
                                 "which covers 2019-01-01..2019-06-30: 2019-06-29..2019-06-30 kept"]
    assert any(", 2 days, blocks of 2 days x 6 x 6 cells" in message for message in recorder.infos)
    with pytest.raises(SmrfrError, match="^end date 2019-01-01 is before start date 2019-01-05$"):
        infer(folder / "model", folder / "cube.zarr", tmp_path / "out", start="2019-01-05", end="2019-01-01")
    with pytest.raises(SmrfrError, match="is outside the product cube"):
        infer(folder / "model", folder / "cube.zarr", tmp_path / "out", bbox=(0, 0, 1, 1))


def test_a_sample_table_without_a_predictor_is_named_not_a_key_error(setup):
    """A notebook predicting a table of its own got pandas' KeyError traceback for a missing column."""
    from smrfr_engine.model.cube import open_cube
    from smrfr_engine.model.infer import predict_samples
    from smrfr_engine.model.samples import station_samples

    folder, cube, stations = setup
    bundle = load_bundle(folder / "model")
    with open_cube(cube) as ds:
        samples = station_samples(ds, stations, bundle.layers)
    estimates = predict_samples(bundle, samples)
    assert list(estimates) == [f"sml{layer}_p" for layer in bundle.layers]
    assert np.isfinite(estimates["sml1_p"][0]).all() and len(estimates["sml1_p"][0]) == len(samples)
    with pytest.raises(SmrfrError, match=f"^the sample table lacks predictor.s. the model {folder}/model "
                                         "needs: EVI, dem$"):
        predict_samples(bundle, samples.drop(columns=["dem", "EVI"]))


def test_boosting_without_quantile_models_refuses_uncertainty(setup, tmp_path):
    """A boosted bundle trained without --quantiles loads and infers, but --uncertainty tells the user to
    retrain with --quantiles (or use a forest) instead of writing anything."""
    from smrfr_engine.model.infer import _block_shape

    folder, cube, stations = setup
    train_model(cube, stations, tmp_path / "lgbm", layers="1", cv="kfold", folds=2, algorithm="lightgbm",
                params={"n_estimators": 20}, importance=False)
    bundle = load_bundle(tmp_path / "lgbm")
    assert bundle.quantile_models == {} and "quantile_files" not in bundle.info["layers"][0]
    assert infer(tmp_path / "lgbm", cube, tmp_path / "out", end="2019-01-03")
    with pytest.raises(SmrfrError, match="lacks: retrain it with --quantiles .* or train a forest"):
        infer(tmp_path / "lgbm", cube, tmp_path / "out2", end="2019-01-03", uncertainty=True)
    assert not (tmp_path / "out2").exists()
    with pytest.raises(SmrfrError, match="retrain it with --quantiles"):
        _block_shape(bundle, 40, (50, 50), 2048, uncertainty=True)


def test_refit_recalibration_removes_a_local_bias(setup, tmp_path):
    folder, cube, _ = setup
    local = make_stations(cube, tmp_path / "local.gpkg", n_stations=6, seed=3, offset=0.04)
    result = recalibrate(folder / "model", cube, local, tmp_path / "recal", mode="refit", folds=3)
    report = result["report"]
    assert len(result["holdout_stations"]) == 2
    assert (report["bias_base"].abs() > 0.03).all() and (report["bias_recalibrated"].abs() < 0.01).all()
    assert (tmp_path / "recal" / "base" / "model.json").exists()
    heldout_stations, heldout_values = read_stations(result["heldout"])  # to validate the maps on
    assert sorted(heldout_stations["station_id"]) == result["holdout_stations"]
    assert set(heldout_values["station_id"]) == set(result["holdout_stations"])
    bundle = load_bundle(tmp_path / "recal")  # the GeoPackage is not part of its checksums
    assert bundle.info["recalibration"]["seed"] == 0 and "heldout_stations.gpkg" not in bundle.info["files"]
    assert pd.read_csv(tmp_path / "recal" / "recalibration_report.csv")["layer"].tolist() == [1, 2, 3, 4, 5]
    store = infer(tmp_path / "recal", cube, tmp_path / "out", start="2019-01-01", end="2019-01-03")[0]
    base = infer(folder / "model", cube, tmp_path / "base_out", start="2019-01-01", end="2019-01-03")[0]
    shift = xr.open_zarr(store)["sml1_p"].values - xr.open_zarr(base)["sml1_p"].values
    assert np.nanmean(shift) == pytest.approx(0.04, abs=0.015)
    # a model built on the recalibrated one carries its models, not the files kept beside them
    train_model(cube, local, tmp_path / "on_recal", layers="1", cv="kfold", folds=2, algorithm="rf",
                params=FAST, importance=False, base_model=tmp_path / "recal")
    assert not (tmp_path / "on_recal" / "base" / "heldout_stations.gpkg").exists()
    assert load_bundle(tmp_path / "on_recal").base.base is not None


def test_training_on_a_base_model_learns_its_correction(setup, tmp_path, capsys):
    """smrfr train --base-model: each layer also takes the base model's estimate of it, so stations
    reading 0.04 wetter than the base model's are learnt as a correction of it (cross-validated), and
    the bundle carries the base, which inference runs first."""
    from smrfr_engine.cli import main

    folder, cube, _ = setup
    local = make_stations(cube, tmp_path / "local.gpkg", n_stations=6, seed=3, offset=0.04)
    report = train_model(cube, local, tmp_path / "local_model", cv="station", folds=3, algorithm="rf",
                         params=FAST, importance=False, base_model=folder / "model")["report"]
    bundle = load_bundle(tmp_path / "local_model")
    assert bundle.base is not None and (tmp_path / "local_model" / "base" / "model.json").exists()
    assert bundle.info["training"]["base_model"] == str((folder / "model").resolve())
    assert all(bundle.features[layer][-1] == f"base:{name}" for layer, name in bundle.layer_names.items())
    assert (report["bias_base"] < -0.03).all() and (report["bias"].abs() < 0.01).all()
    assert (report["rmse"] < 0.5 * report["rmse_base"]).all()
    store = infer(tmp_path / "local_model", cube, tmp_path / "out", start="2019-01-01", end="2019-01-03")[0]
    base = infer(folder / "model", cube, tmp_path / "base_out", start="2019-01-01", end="2019-01-03")[0]
    shift = xr.open_zarr(store)["sml2_p"].values - xr.open_zarr(base)["sml2_p"].values
    assert np.nanmean(shift) == pytest.approx(0.04, abs=0.015)

    two_layers = tmp_path / "two_layers"
    assert main(["train", "--cube", str(cube), "--stations", str(local), "--out", str(two_layers), "--layers",
                 "1-2", "--folds", "2", "--params", '{"n_estimators": 5}', "--algorithm", "rf",
                 "--no-importance", "--base-model", str(folder / "model"), "--quiet"]) == 0
    assert load_bundle(two_layers).features[2][-1] == "base:sml2_p"
    assert "ubrmse_base" in capsys.readouterr().out
    with pytest.raises(SmrfrError, match="two_layers has no model of layer.s. 3, 4, 5"):
        train_model(cube, local, tmp_path / "x", algorithm="rf", params=FAST, base_model=two_layers)
    assert not (tmp_path / "x").exists()


def test_combine_recalibration_learns_what_the_local_network_adds(setup, tmp_path):
    """Local stations read 0.04 wetter than the base stations at the same kind of places: pooling the
    two without telling them apart averages the offsets; the local indicator lets the model keep it."""
    folder, cube, stations = setup
    local = make_stations(cube, tmp_path / "local.gpkg", n_stations=6, seed=3, offset=0.04)
    result = recalibrate(folder / "model", cube, local, tmp_path / "combine", mode="combine", folds=3,
                         local_weight=5)
    report = result["report"]
    assert (report["bias_base"].abs() > 0.03).all() and (report["bias_recalibrated"].abs() < 0.005).all()
    assert (report["ubrmse_recalibrated"] < 0.01).all()
    bundle = load_bundle(tmp_path / "combine")
    assert all(bundle.features[layer][-1] == LOCAL_FEATURE for layer in bundle.layers)
    assert bundle.info["recalibration"]["local_weight"] == 5
    store = infer(tmp_path / "combine", cube, tmp_path / "out", start="2019-01-01", end="2019-01-10")[0]
    base = infer(folder / "model", cube, tmp_path / "base_out", start="2019-01-01", end="2019-01-10")[0]
    shift = xr.open_zarr(store)["sml3_p"].values - xr.open_zarr(base)["sml3_p"].values
    assert np.nanmean(shift) == pytest.approx(0.04, abs=0.01)


def test_scratch_recalibration_and_bad_modes(setup, tmp_path):
    from smrfr_engine.cli import main

    folder, cube, _ = setup
    local = make_stations(cube, tmp_path / "local.gpkg", n_stations=5, seed=4, offset=0.04)
    report = recalibrate(folder / "model", cube, local, tmp_path / "scratch", mode="scratch",
                         folds=2)["report"]
    assert (report["bias_recalibrated"].abs() < report["bias_base"].abs()).all()
    with pytest.raises(SmrfrError, match="unknown recalibration mode"):
        recalibrate(folder / "model", cube, local, tmp_path / "x", mode="magic")
    assert main(["recalibrate", "--model", str(folder / "model"), "--cube", str(cube), "--stations",
                 str(local), "--out", str(tmp_path / "cli"), "--mode", "scratch", "--all-stations", "--seed",
                 "3", "--quiet"]) == 0
    recalibration = load_bundle(tmp_path / "cli").info["recalibration"]
    assert (recalibration["mode"], recalibration["seed"]) == ("scratch", 3)


def test_model_commands_never_write_over_or_into_their_inputs(setup, tmp_path):
    """recalibrate --out MODEL replaced the base bundle it read; --out MODEL/base copied the base into
    itself until the path was too long; infer --out MODEL or a folder in the cube wrote maps into them."""
    folder, cube, stations = setup
    model = tmp_path / "model"
    shutil.copytree(folder / "model", model)
    before = sorted(p.relative_to(model) for p in model.rglob("*"))
    local = make_stations(cube, tmp_path / "local.gpkg", n_stations=6, seed=3, offset=0.04)
    for out in (model, model / "base", cube / "bundle"):
        with pytest.raises(SmrfrError, match=f"output {out} would replace its input .* or write into it"):
            recalibrate(model, cube, local, out, folds=3)
    with pytest.raises(SmrfrError, match=f"output {model} would replace its input"):
        train_model(cube, stations, model, algorithm="rf", params=FAST, base_model=model)
    for out in (model, cube, cube / "maps"):
        with pytest.raises(SmrfrError, match=f"output {out} would replace its input .* or write into it"):
            infer(model, cube, out, end="2019-01-02")
    assert sorted(p.relative_to(model) for p in model.rglob("*")) == before
    assert not (cube / "bundle").exists() and not (cube / "maps").exists()
    assert infer(model, cube, tmp_path, end="2019-01-02")  # a folder holding the inputs takes the maps


@pytest.mark.parametrize("mode", ["refit", "scratch"])
def test_recalibration_refuses_a_local_network_without_a_layer_by_name(setup, tmp_path, mode):
    """A network without 5-10 cm sensors: refit and scratch learn every layer from the local stations, so
    they stop before any fitting, naming the layer, the layers the stations measure and the way out."""
    import sqlite3

    folder, cube, _ = setup
    local = make_stations(cube, tmp_path / "local.gpkg", n_stations=6, seed=3, offset=0.04)
    with sqlite3.connect(local) as db:
        db.execute("DELETE FROM daily WHERE layer = 2")
    with pytest.raises(SmrfrError, match=r"local.gpkg: no local station trained on has values in layer 2 "
                       r"\(sml2_p, 5-10 cm\); they measure layers 1, 3, 4, 5: use the combine mode"):
        recalibrate(folder / "model", cube, local, tmp_path / "recal", mode=mode, folds=3)
    assert not (tmp_path / "recal").exists()


@pytest.mark.parametrize(("option", "value", "expected"), [
    ("holdout", 1.5, "a share of the local stations between 0 and 1 (exclusive)"),
    ("holdout", 0, "a share of the local stations between 0 and 1 (exclusive)"),
    ("local_weight", -1, "a weight of the local samples > 0"),
    ("local_weight", 0, "a weight of the local samples > 0")])
def test_impossible_holdout_and_local_weight_are_refused_before_any_work(tmp_path, option, value, expected):
    with pytest.raises(SmrfrError) as error:
        recalibrate(tmp_path / "none", tmp_path / "none.zarr", tmp_path / "none.gpkg", tmp_path / "out",
                    mode="combine", **{option: value})
    assert str(error.value).startswith(f"{option} {value:g} is out of range: use {expected}")


def test_command_line_train_infer_and_errors(setup, tmp_path, capsys):
    from smrfr_engine.cli import main

    folder, cube, stations = setup
    assert main(["train", "--cube", str(cube), "--stations", str(stations), "--out", str(tmp_path / "model"),
                 "--layers", "1-2", "--cv", "kfold", "--folds", "2", "--params", '{"n_estimators": 5}',
                 "--no-importance", "--quiet"]) == 0
    assert "ubrmse" in capsys.readouterr().out
    assert main(["infer", "--model", str(tmp_path / "model"), "--cube", str(cube), "--out",
                 str(tmp_path / "maps"), "--end", "2019-01-02", "--quiet"]) == 0
    assert "SMRFR_2019_v1.0.zarr" in capsys.readouterr().out
    assert main(["infer", "--model", str(tmp_path), "--cube", str(cube), "--out", str(tmp_path / "x")]) == 2
    assert "not a model bundle" in capsys.readouterr().err
    assert main(["predictors", "example", str(folder)]) == 0
    assert "era5land" in capsys.readouterr().out


# --- uncertainty of boosted models: 10 % and 90 % quantile models -------------------------------------

#: the 10-90 % width of the Gaussian station noise of the quantile tests (sd 0.02)
NOISE_BAND = 2 * 1.2816 * 0.02


@pytest.fixture(scope="module")
def quantile_setup(setup, tmp_path_factory):
    """A LightGBM bundle (default preset: learns the departure from fca) with quantile models, trained on
    stations whose observations are the known truth plus Gaussian noise of sd 0.02, and held-out
    stations (same truth, fresh noise)."""
    _, cube, _ = setup
    folder = tmp_path_factory.mktemp("quantiles")
    train = make_stations(cube, folder / "train.gpkg", n_stations=12, seed=11, noise=0.02)
    held_out = make_stations(cube, folder / "held_out.gpkg", n_stations=8, seed=21, noise=0.02)
    train_model(cube, train, folder / "model", layers="1-2", cv="kfold", folds=2, params={"n_estimators": 30},
                importance=False, quantiles=True)
    return folder / "model", cube, held_out


def held_out_estimates(model, cube, stations, layers, uncertainty=True):
    """The held-out samples and the cascade's estimates for them."""
    from smrfr_engine.model.cube import open_cube
    from smrfr_engine.model.infer import predict_samples
    from smrfr_engine.model.samples import build_samples
    from smrfr_engine.stations.store import read_stations

    table, daily = read_stations(stations)
    samples = build_samples(open_cube(cube), table, daily, layers)
    return samples, predict_samples(load_bundle(model), samples, uncertainty)


def band_scores(samples, estimates, layer):
    """Shares of held-out observations below, within and above the q10-q90 band, the share of estimates
    strictly inside the band and its mean width."""
    from smrfr_engine.model.samples import target_column

    mean, extra = estimates[f"sml{layer}_p"]
    observed = samples[target_column(layer)].to_numpy(float)
    keep = np.isfinite(observed)
    assert keep.sum() > 1000 and np.isfinite(mean[keep]).all()
    low, high, observed, mean = extra["q10"][keep], extra["q90"][keep], observed[keep], mean[keep]
    return {"below": np.mean(observed < low), "within": np.mean((observed >= low) & (observed <= high)),
            "above": np.mean(observed > high), "mean_inside": np.mean((low < mean) & (mean < high)),
            "width": float(np.mean(high - low))}


def test_quantile_models_bracket_about_80_percent_of_held_out_observations(quantile_setup):
    """Held-out stations with noise of sd 0.02: at least about 80 % of their observations fall within
    q10..q90 (measured 0.88 and 0.88: the widening calibrated on 12 stations aims at 0.8 * 13/12 = 0.87),
    about 6 % on either side, the band is about the noise's 10-90 % width (0.051; measured 0.063) and holds
    the mean estimate. Wrong anchor handling or quantile models that were the mean
    model would put almost nothing in the band."""
    model, cube, held_out = quantile_setup
    bundle = load_bundle(model)
    assert bundle.info["training"]["quantiles"] == {"q10": 0.1, "q90": 0.9}
    assert set(bundle.quantile_models) == {1, 2} and all(
        set(models) == {"q10", "q90"} for models in bundle.quantile_models.values())
    for item in bundle.info["layers"]:
        layer = item["layer"]
        assert item["quantile_files"] == {"q10": f"layer{layer}_q10.txt", "q90": f"layer{layer}_q90.txt"}
        assert item["quantile_widening_rule"].startswith("conformal by held-out station")
        assert set(item["quantile_files"].values()) <= set(bundle.info["files"])  # checksummed
    samples, estimates = held_out_estimates(model, cube, held_out, [1, 2])
    for layer in (1, 2):
        scores = band_scores(samples, estimates, layer)
        assert 0.65 <= scores["within"] <= 0.92, scores
        assert 0.04 <= scores["below"] <= 0.2 and 0.04 <= scores["above"] <= 0.2, scores
        assert scores["mean_inside"] >= 0.95, scores
        assert 0.6 * NOISE_BAND <= scores["width"] <= 1.5 * NOISE_BAND, scores
    # the cascade input of layer 2 is the mean estimate: uncertainty leaves the means untouched
    _, plain = held_out_estimates(model, cube, held_out, [1, 2], uncertainty=False)
    for name in ("sml1_p", "sml2_p"):
        np.testing.assert_array_equal(plain[name][0], estimates[name][0])
        assert plain[name][1] == {}


def test_inference_writes_quantile_bands_where_the_mean_is(quantile_setup, tmp_path):
    model, cube, _ = quantile_setup
    store = infer(model, cube, tmp_path / "out", start="2019-03-01", end="2019-03-10", uncertainty=True)[0]
    ds = xr.open_zarr(store)
    assert set(ds.data_vars) == {"crs", "sml1_p", "sml2_p", "sml1_p_q10", "sml2_p_q10", "sml1_p_q90",
                                 "sml2_p_q90"}
    plain = xr.open_zarr(infer(model, cube, tmp_path / "plain", start="2019-03-01", end="2019-03-10")[0])
    for layer in ("sml1_p", "sml2_p"):
        mean, low, high = (ds[name].values for name in (layer, f"{layer}_q10", f"{layer}_q90"))
        np.testing.assert_array_equal(mean, plain[layer].values)
        assert np.isnan(mean[:, 0, 0]).all() and np.isfinite(mean).sum() == 10 * 35
        for band in (low, high):
            np.testing.assert_array_equal(np.isnan(band), np.isnan(mean))  # NaN exactly where the mean is
        land = np.isfinite(mean)
        assert (low[land] <= high[land]).all() and np.mean((low < mean) & (mean < high)) >= 0.95 * land.mean()
        assert 0.6 * NOISE_BAND <= np.mean(high[land] - low[land]) <= 1.5 * NOISE_BAND
        for kind, level in (("q10", "10 %"), ("q90", "90 %")):
            variable = ds[f"{layer}_{kind}"]
            assert variable.dtype == np.float32 and variable.attrs["units"] == "m3 m-3"
            assert variable.attrs["long_name"].startswith(level) and variable.attrs["grid_mapping"] == "crs"
            assert variable.encoding["chunks"] == ds[layer].encoding["chunks"]


def test_quantile_run_resumes_and_counts_in_the_memory_budget(quantile_setup, tmp_path):
    from smrfr_engine.model.infer import _block_shape

    model, cube, _ = quantile_setup
    bundle = load_bundle(model)
    budget = 2 * sum(p.stat().st_size for p in bundle.path.rglob("*") if p.is_file()) / 2 ** 20 + 2000
    plain_days = _block_shape(bundle, 40, (500, 500), budget)[0]
    assert _block_shape(bundle, 40, (500, 500), budget, uncertainty=True)[0] < plain_days
    whole = infer(model, cube, tmp_path / "whole", end="2019-02-28", uncertainty=True)[0]
    out = tmp_path / "out"
    with pytest.raises(Cancelled):
        infer(model, cube, out, end="2019-02-28", uncertainty=True, max_block_days=7,
              feedback=Recorder(checks=5))
    assert (out / ".SMRFR_2019_v1.0.zarr.partial" / "blocks_done.json").exists()
    store = infer(model, cube, out, end="2019-02-28", uncertainty=True, max_block_days=7,
                  feedback=(recorder := Recorder()))[0]
    assert any("resuming" in message for message in recorder.infos)
    resumed, complete = xr.open_zarr(store), xr.open_zarr(whole)
    for name in ("sml2_p", "sml1_p_q10", "sml2_p_q90"):
        np.testing.assert_array_equal(resumed[name].values, complete[name].values)


def test_tampered_or_missing_quantile_file_is_refused(quantile_setup, tmp_path):
    import json

    from smrfr_engine.model.bundle import _manifest_checksum

    model = quantile_setup[0]
    tampered = shutil.copytree(model, tmp_path / "tampered")
    with open(tampered / "layer2_q10.txt", "a") as handle:
        handle.write("\n")
    with pytest.raises(SmrfrError, match="layer2_q10.txt does not match its checksum"):
        load_bundle(tampered)
    missing = shutil.copytree(model, tmp_path / "missing")
    (missing / "layer1_q90.txt").unlink()
    with pytest.raises(SmrfrError, match="incomplete: layer1_q90.txt is missing"):
        load_bundle(missing)
    renamed = shutil.copytree(model, tmp_path / "renamed")
    info = json.loads((renamed / "model.json").read_text())
    info["layers"][0]["quantile_files"] = {"q05": "layer1_q10.txt", "q90": "layer1_q90.txt"}
    info["manifest_sha256"] = _manifest_checksum(info)
    (renamed / "model.json").write_text(json.dumps(info))
    with pytest.raises(SmrfrError, match="quantile models q05, q90; this smrfr reads q10, q90"):
        load_bundle(renamed)


def test_quantiles_are_for_boosted_models(setup, tmp_path):
    """Forests are refused (they have the spread across trees) before any work; XGBoost gets its
    quantile models with reg:quantileerror in its own file format."""
    from smrfr_engine.model.samples import target_column

    folder, cube, stations = setup
    for algorithm in ("rf", "extratrees"):
        with pytest.raises(SmrfrError, match="quantile models are for the boosted algorithms"):
            train_model(cube, stations, tmp_path / algorithm, algorithm=algorithm, quantiles=True)
        assert not (tmp_path / algorithm).exists()
    held_out = make_stations(cube, tmp_path / "held_out.gpkg", n_stations=8, seed=21, noise=0.02)
    train_model(cube, make_stations(cube, tmp_path / "train.gpkg", n_stations=12, seed=11, noise=0.02),
                tmp_path / "xgb", layers="1", cv="kfold", folds=2, algorithm="xgboost",
                params={"n_estimators": 20, "max_depth": 4, "learning_rate": 0.2}, importance=False,
                quantiles=True)
    assert {"layer1_q10.ubj", "layer1_q90.ubj"} <= {path.name for path in (tmp_path / "xgb").iterdir()}
    samples, estimates = held_out_estimates(tmp_path / "xgb", cube, held_out, [1])
    scores = band_scores(samples, estimates, 1)
    assert 0.65 <= scores["within"] <= 0.92 and scores["mean_inside"] >= 0.95, scores
    assert target_column(1) in samples


def test_command_line_quantiles_and_uncertainty(setup, tmp_path, capsys):
    from smrfr_engine.cli import main

    _, cube, stations = setup
    assert main(["train", "--cube", str(cube), "--stations", str(stations), "--out", str(tmp_path / "model"),
                 "--layers", "1", "--cv", "kfold", "--folds", "2", "--params", '{"n_estimators": 10}',
                 "--no-importance", "--quantiles", "--repeats", "2", "--quiet"]) == 0
    assert "ubrmse_max" in capsys.readouterr().out  # the range over the two dealings
    assert main(["infer", "--model", str(tmp_path / "model"), "--cube", str(cube), "--out",
                 str(tmp_path / "maps"), "--end", "2019-01-02", "--uncertainty", "--quiet"]) == 0
    store = capsys.readouterr().out.split()[-1]
    assert {"sml1_p_q10", "sml1_p_q90"} <= set(xr.open_zarr(store).data_vars)
    assert main(["train", "--cube", str(cube), "--stations", str(stations), "--out", str(tmp_path / "rf"),
                 "--algorithm", "rf", "--quantiles", "--quiet"]) == 2
    assert "forest has its spread across trees" in capsys.readouterr().err
