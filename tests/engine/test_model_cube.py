"""The predictor cube: known values from hand-made sources, provenance, configuration errors."""

import json

import numpy as np
import pytest
import xarray as xr
from test_model_helpers import cube_config, make_sources, signal

from smrfr_engine.errors import SmrfrError
from smrfr_engine.model.cube import build_cube, daily_from_composites, open_cube, slope_degrees
from smrfr_engine.model.grid import Grid


@pytest.fixture(scope="module")
def sources(tmp_path_factory):
    return make_sources(tmp_path_factory.mktemp("sources"), "2019-01-01", "2019-03-31")


@pytest.fixture(scope="module")
def cube(sources):
    return build_cube(cube_config(sources), sources / "cube.zarr", "2019-01-01", "2019-03-31")


def test_era5_layers_are_thickness_weighted_and_regridded(cube):
    ds = open_cube(cube)
    days = ds.time.to_index()
    # 5-10 cm = (2 swvl1 + 3 swvl2) / 5 and 10-30 cm = (18 swvl2 + 2 swvl3) / 20, plus the daily signal
    for layer, constant in ((1, 0.1), (2, 0.16), (3, 0.21), (5, 0.3)):
        values = ds[f"era5sm#layer{layer}"].values[:, 3, 3]
        np.testing.assert_allclose(values, constant + signal(days), atol=1e-6)
    np.testing.assert_allclose(ds["era5st#layer2"].values[:, 2, 2], 281.6, atol=1e-4)


def test_soilgrids_map_to_layers_by_overlap_with_unit_scaling(cube):
    ds = open_cube(cube)
    # intervals hold 100, 200, ..., 500 g/kg (x 0.1 = %):
    # 10-30 cm = (5 * 200 + 15 * 300) / 20; 50-100 cm = (10 * 400 + 40 * 500) / 50
    assert ds["sand#layer3"].values[2, 2] == pytest.approx(27.5)
    assert ds["sand#layer5"].values[2, 2] == pytest.approx(48.0)
    assert ds["bd#layer1"].values[2, 2] == pytest.approx(1.0)
    assert ds["fca#layer4"].values[2, 2] == pytest.approx(0.3)


def test_terrain_precipitation_and_vegetation(cube):
    ds = open_cube(cube)
    # the DEM rises 1 m per 0.01 deg eastwards: slope = atan(1 m / (0.01 deg * 111320 m cos(lat)))
    lat = float(ds.lat[2])
    expected = np.degrees(np.arctan(1 / (0.01 * 111320 * np.cos(np.radians(lat)))))
    assert ds["slope"].values[2, 2] == pytest.approx(expected, rel=1e-3)
    assert ds["dem"].values[2, 3] - ds["dem"].values[2, 2] == pytest.approx(8.0)
    np.testing.assert_allclose(ds["tp7d"].values[:, 2, 2], 14.0, rtol=1e-5)  # 2 mm a day
    np.testing.assert_allclose(ds["tp28d"].values[:, 2, 2], 56.0, rtol=1e-5)
    assert np.isfinite(ds["NDVI"].values[:, 1:, 1:]).all()
    assert 0.1 < float(ds["NDVI"].values[45, 2, 2]) < 0.6


def test_sea_cells_are_nodata_and_coordinates_are_predictors(cube):
    ds = open_cube(cube)
    assert ds["land_mask"].values[0, 0] == 0 and ds["land_mask"].values[1:, 1:].all()
    assert np.isnan(ds["sand#layer1"].values[0, 0]) and np.isnan(ds["era5sm#layer1"].values[:, 0, 0]).all()
    predictors = json.loads(ds.attrs["predictors"])
    assert {"lon", "lat", "NDVI", "EVI", "era5sm#layer5", "t2m"} <= set(predictors)
    assert "lon" not in ds.data_vars  # taken from the coordinates


def test_provenance_and_gdal_friendly_layout(cube):
    ds = open_cube(cube)
    sources = json.loads(ds.attrs["sources"])
    assert any(item["file"].endswith("ERA5-Land_2019.nc") for item in sources)
    assert json.loads(ds.attrs["parameters"])["grid"]["resolution"] == 0.08
    assert "scikit-learn" in json.loads(ds.attrs["libraries"])
    assert "spatial_ref" in ds["crs"].attrs and ds["NDVI"].attrs["grid_mapping"] == "crs"
    assert xr.open_zarr(cube, zarr_format=2)["NDVI"].encoding["chunks"] == (90, 6, 6)


def test_drop_and_other_resolutions(sources, tmp_path):
    config = sources / "dropped.toml"
    config.write_text(cube_config(sources).read_text().replace("drop = []", 'drop = ["EVI", "era5st"]'))
    grid = Grid.from_bbox((10.0, 45.8, 10.2, 46.0), 0.04)
    ds = open_cube(build_cube(config, tmp_path / "fine.zarr", "2019-01-10", "2019-01-20", grid))
    assert ds.sizes == {"time": 11, "lat": 5, "lon": 5}
    assert "EVI" not in ds and "era5st#layer1" not in ds and "era5sm#layer1" in ds


@pytest.mark.parametrize("change, message", [
    (lambda text: text.replace("dem/dem.tif", "dem/missing.tif"), "missing.tif"),
    (lambda text: text + "\n[unknown]\nx = 1\n", "unknown"),
    (lambda text: text.replace('precipitation = "tp"', 'precipitation = "rain"'), "rain"),
    (lambda text: text.replace("scheme = ", "scheme = [\n"), "not valid TOML"),
])
def test_configuration_errors_name_the_problem(sources, tmp_path, change, message):
    config = sources / "bad.toml"
    config.write_text(change(cube_config(sources).read_text()))
    with pytest.raises(SmrfrError, match=message):
        build_cube(config, tmp_path / "cube.zarr", "2019-01-01", "2019-01-10")
    assert not (tmp_path / "cube.zarr").exists()


def test_composites_fill_gaps_and_interpolate_linearly():
    import pandas as pd

    dates = pd.DatetimeIndex(["2019-01-01", "2019-01-17", "2019-02-02"])
    stack = np.array([[0.2], [np.nan], [0.6]])
    days = pd.date_range("2018-12-30", "2019-02-04")
    daily = daily_from_composites(stack, dates, days)[:, 0]
    assert daily[0] == pytest.approx(0.2) and daily[-1] == pytest.approx(0.6)
    assert daily[days.get_loc("2019-01-17")] == pytest.approx(0.4)


def test_slope_of_a_flat_dem_is_zero():
    from affine import Affine

    assert np.allclose(slope_degrees(np.full((4, 4), 100.0), Affine(0.01, 0, 0, 0, -0.01, 45)), 0)
