"""The predictor cube: known values from hand-made sources, provenance, configuration errors."""

import datetime
import json
import re

import numpy as np
import pandas as pd
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


def test_a_cube_built_from_date_objects_records_its_days(sources, tmp_path):
    """The provenance recorded str(start): '2019-01-01 00:00:00' for a Timestamp from a notebook."""
    cube = build_cube(cube_config(sources), tmp_path / "c.zarr", pd.Timestamp("2019-01-01"),
                      datetime.date(2019, 1, 10))
    parameters = json.loads(open_cube(cube).attrs["parameters"])
    assert (parameters["start"], parameters["end"]) == ("2019-01-01", "2019-01-10")
    assert open_cube(cube).sizes["time"] == 10


def test_drop_and_other_resolutions(sources, tmp_path):
    config = sources / "dropped.toml"
    config.write_text(cube_config(sources).read_text().replace("drop = []", 'drop = ["EVI", "era5st"]'))
    grid = Grid.from_bbox((10.0, 45.8, 10.2, 46.0), 0.04)
    ds = open_cube(build_cube(config, tmp_path / "fine.zarr", "2019-01-10", "2019-01-20", grid))
    assert ds.sizes == {"time": 11, "lat": 5, "lon": 5}
    assert "EVI" not in ds and "era5st#layer1" not in ds and "era5sm#layer1" in ds


def test_a_reversed_period_is_refused_in_the_wording_of_every_command(sources, tmp_path):
    with pytest.raises(SmrfrError, match="end date 2019-01-10 is before start date 2019-01-20"):
        build_cube(cube_config(sources), tmp_path / "cube.zarr", "2019-01-20", "2019-01-10")
    assert not (tmp_path / "cube.zarr").exists()


@pytest.mark.parametrize("change, message", [
    (lambda text: text.replace("dem/dem.tif", "dem/missing.tif"), "missing.tif"),
    (lambda text: text + "\n[unknown]\nx = 1\n", "unknown"),
    (lambda text: text.replace('precipitation = "tp"', 'precipitation = "rain"'), "rain"),
    (lambda text: text.replace("scheme = ", "scheme = [\n"), "not valid TOML"),
    (lambda text: re.sub(r"bbox = \[.*\]", "bbox = [-60, -10, -59, -9]", text),
     r"ERA5-Land file .* does not cover the grid \(lon -60\..*\): it spans lon 9.8..10.7, lat 45.3..46.2"),
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


def test_a_composite_stands_for_the_middle_of_its_16_days(tmp_path):
    """MOD13 names a composite by its first day and holds the mean over its 16 days: of a daily NDVI
    rising 0.002 a day, the composite of day 0 holds the value of day 7.5. Placed at its first day, it
    made every day's NDVI that of 7.5 days later (0.015 too high here)."""
    import pandas as pd
    from test_model_helpers import WEST, write_tif

    start = pd.Timestamp("2019-01-01")
    for date in pd.date_range(start, "2019-04-30", freq="16D"):
        day = (date - start).days
        composite = np.mean([0.2 + 0.002 * (day + k) for k in range(16)])
        write_tif(tmp_path / "modis" / f"NDVI_{date.date()}.tif", np.full((8, 8), composite), 0.02)
    config = tmp_path / "modis.toml"
    config.write_text(f'[grid]\nbbox = [{WEST}, 45.84, {WEST + 0.16}, 46.0]\nresolution = 0.08\n\n'
                      '[modis]\nNDVI = "modis/NDVI_*.tif"\n\n[terrain]\ncoordinates = false\n')
    ds = open_cube(build_cube(config, tmp_path / "cube.zarr", "2019-02-01", "2019-03-31"))
    days = (ds.time.to_index() - start).days.to_numpy()
    np.testing.assert_allclose(ds["NDVI"].values[:, 1, 1], 0.2 + 0.002 * days, atol=1e-6)


def test_slope_of_a_flat_dem_is_zero():
    from affine import Affine

    assert np.allclose(slope_degrees(np.full((4, 4), 100.0), Affine(0.01, 0, 0, 0, -0.01, 45)), 0)


def test_slope_of_a_projected_dem_uses_its_metres(tmp_path):
    """A UTM DEM (zone 32N around the grid) rising 1 m per 30 m cell eastwards: slope atan(1/30) =
    1.909 deg everywhere. Its cell size was read as degrees and its northings as latitudes: 3.6e-5 deg."""
    import rasterio
    from affine import Affine
    from pyproj import Transformer
    from test_model_helpers import WEST

    from smrfr_engine.model.cube import Sources

    to_utm = Transformer.from_crs("EPSG:4326", "EPSG:32632", always_xy=True)
    (x0, y0), (x1, y1) = to_utm.transform(WEST - 0.1, 46.1), to_utm.transform(WEST + 0.3, 45.75)
    width, height = int((x1 - x0) / 30) + 1, int((y0 - y1) / 30) + 1
    profile = {"driver": "GTiff", "width": width, "height": height, "count": 1, "dtype": "float32",
               "crs": "EPSG:32632", "transform": Affine(30.0, 0, x0, 0, -30.0, y0)}
    with rasterio.open(tmp_path / "dem.tif", "w", **profile) as dst:
        dst.write(np.tile(np.arange(width, dtype="float32"), (height, 1)), 1)
    sources = Sources({}, tmp_path, None, Grid.from_bbox([WEST, 45.84, WEST + 0.16, 46.0], 0.08), [])
    slope = sources.aggregate(tmp_path / "dem.tif", derive=slope_degrees)
    np.testing.assert_allclose(slope, np.degrees(np.arctan(1 / 30)), rtol=1e-4)


def _hourly_era5(hours, lats, lons, swvl, stl, t2m, tp):
    """An ERA5-Land-like hourly dataset laid out like the demo's files (valid_time/latitude/longitude,
    expver along valid_time, the scalar ensemble number), every field constant in space."""
    import pandas as pd

    shape = (len(hours), len(lats), len(lons))

    def field(values, attrs):
        return xr.DataArray(np.broadcast_to(np.asarray(values, "float32")[:, None, None], shape).copy(),
                            dims=("valid_time", "latitude", "longitude"), attrs=attrs)

    data = {f"swvl{k}": field(swvl(k), {"units": "m**3 m**-3"}) for k in range(1, 5)}
    data |= {f"stl{k}": field(stl(k), {"units": "K"}) for k in range(1, 5)}
    data["t2m"] = field(t2m, {"units": "K"})
    data["tp"] = field(tp, {"units": "m", "long_name": "Total precipitation"})
    coords = {"valid_time": ("valid_time", pd.DatetimeIndex(hours), {"standard_name": "time"}),
              "latitude": ("latitude", lats, {"units": "degrees_north"}),
              "longitude": ("longitude", lons, {"units": "degrees_east"}),
              "number": ((), 0), "expver": ("valid_time", np.full(len(hours), "0001"))}
    dataset = xr.Dataset(data, coords=coords)
    dataset["valid_time"].encoding.update(units="seconds since 1970-01-01", dtype="int64")
    return dataset


def test_hourly_era5_land_is_averaged_and_its_accumulated_precipitation_read_per_day(tmp_path):
    """Hourly ERA5-Land in two files split at a day boundary (as monthly downloads are). State variables
    become the mean of the day's 24 steps 00..23 UTC. Precipitation is accumulated from 00 UTC: the
    step at h UTC holds the day's rain up to h (h = 1..23) and 00 UTC of the next day holds the whole
    day's total (ECMWF: daily tp of ERA5-Land = tp at 00 UTC of d+1)."""
    import pandas as pd

    hours = pd.date_range("2020-03-01 00:00", "2020-03-04 23:00", freq="h")
    day = (hours.normalize() - pd.Timestamp("2020-03-01")).days.to_numpy()  # 0..3
    hour = hours.hour.to_numpy()
    rate = np.array([0.5, 0.0, 0.25, 1.0]) / 1000  # m per hour on 1, 2, 3, 4 March
    # 00 UTC of 1 March closes 29 February: 8 mm; at h = 1..23, h hours of the day's rate
    tp = np.where(hour == 0, np.r_[0.008, rate * 24][day], rate[day] * hour)
    lats = np.round(np.arange(46.2, 45.25, -0.1), 2)
    lons = np.round(np.arange(9.8, 10.75, 0.1), 2)
    era5 = _hourly_era5(hours, lats, lons, swvl=lambda k: 0.1 * k + 0.01 * day + 0.001 * hour,
                        stl=lambda k: 270.0 + k + 0.1 * hour, t2m=260.0 + hour, tp=tp)
    (tmp_path / "era5").mkdir()
    era5.isel(valid_time=slice(0, 48)).to_netcdf(tmp_path / "era5" / "ERA5-Land_a.nc")
    era5.isel(valid_time=slice(48, None)).to_netcdf(tmp_path / "era5" / "ERA5-Land_b.nc")
    config = tmp_path / "hourly.toml"
    config.write_text('scheme = "smrfr"\n\n[grid]\nbbox = [10.0, 45.52, 10.48, 46.0]\nresolution = 0.08\n\n'
                      '[era5land]\nfiles = "era5/ERA5-Land_*.nc"\n'
                      'soil_moisture = ["swvl1", "swvl2", "swvl3", "swvl4"]\n'
                      'soil_temperature = ["stl1", "stl2", "stl3", "stl4"]\n'
                      'precipitation = "tp"\nprecipitation_sums = [1, 3]\nair_temperature = "t2m"\n')
    ds = open_cube(build_cube(config, tmp_path / "cube.zarr", "2020-03-01", "2020-03-03"))
    assert list(ds.time.to_index().strftime("%d")) == ["01", "02", "03"]

    def daily(name):
        values = ds[name].values
        np.testing.assert_allclose(values, np.broadcast_to(values[:, :1, :1], values.shape), rtol=1e-6)
        return values[:, 3, 2]

    # mean over 00..23 UTC of 0.001 h is 0.0115; 0-5 cm is swvl1, 5-10 cm (2 swvl1 + 3 swvl2) / 5
    np.testing.assert_allclose(daily("era5sm#layer1"), [0.1115, 0.1215, 0.1315], rtol=1e-5)
    np.testing.assert_allclose(daily("era5sm#layer2"), [0.1715, 0.1815, 0.1915], rtol=1e-5)
    np.testing.assert_allclose(daily("era5st#layer1"), 271.0 + 1.15, rtol=1e-6)
    np.testing.assert_allclose(daily("t2m"), 271.5, rtol=1e-6)
    # daily totals in mm: 29 Feb 8, 1 March 12, 2 March 0 (dry after a wet day), 3 March 6 (its
    # last hour is in the second file)
    np.testing.assert_allclose(daily("tp1d"), [12.0, 0.0, 6.0], rtol=1e-5, atol=1e-6)
    # 3-day trailing sums; 28 February is not in the files: the mean of the available days x 3
    np.testing.assert_allclose(daily("tp3d"), [(8 + 12) / 2 * 3, 8 + 12 + 0, 12 + 0 + 6], rtol=1e-5)


def test_a_days_vegetation_does_not_depend_on_the_period_built(tmp_path):
    """Seven weeks of cloud (composites 2019-01-17 to 03-06 all nodata): a cube of ten days of March
    reads back to the last clear composite before them, as the cube of the whole quarter does."""
    import rasterio

    sources = make_sources(tmp_path / "sources", "2019-01-01", "2019-03-31")
    for date in ("2019-01-17", "2019-02-02", "2019-02-18", "2019-03-06"):
        for name in ("NDVI", "EVI"):
            path = sources / "modis" / f"{name}_{date}.tif"
            with rasterio.open(path, "r+") as raster:
                raster.write(np.full((raster.height, raster.width), -3000, "int16"), 1)
    config = cube_config(sources)
    whole = open_cube(build_cube(config, tmp_path / "quarter.zarr", "2019-01-01", "2019-03-31"))
    short = open_cube(build_cube(config, tmp_path / "march.zarr", "2019-03-10", "2019-03-20"))
    for name in ("NDVI", "EVI"):
        expected = whole[name].sel(time=slice("2019-03-10", "2019-03-20")).values
        assert np.isfinite(expected[:, 1:, 1:]).all()
        np.testing.assert_allclose(short[name].values, expected, rtol=1e-6)


@pytest.mark.parametrize("resolution", ["0", "-0.08"])
def test_a_resolution_that_is_no_cell_size_is_refused_not_taken_for_the_default(tmp_path, capsys, resolution):
    from smrfr_engine.cli import main

    assert main(["predictors", "build", "--config", str(tmp_path / "p.toml"), "--bbox", "10,45,11,46",
                 "--resolution", resolution, "--start", "2019-01-01", "--end", "2019-01-31", "--out",
                 str(tmp_path / "c.zarr"), "--quiet"]) == 2
    error = capsys.readouterr().err.strip().splitlines()[-1]
    expected = f"resolution {float(resolution):g} is out of range: use a cell size > 0 degrees"
    assert error == f"smrfr: error: {expected}"


def test_the_grid_is_a_products_or_an_extents_never_both(tmp_path):
    import rasterio
    from rasterio.transform import from_origin

    from smrfr_engine.model.grid import Grid

    product = tmp_path / "p.tif"
    with rasterio.open(product, "w", driver="GTiff", width=4, height=2, count=1, dtype="float32",
                       crs="EPSG:4326", transform=from_origin(10, 46, 0.25, 0.25)) as raster:
        raster.write(np.zeros((1, 2, 4), "float32"))
    assert Grid.chosen(product) == Grid(10, 45.5, 11, 46, 0.25)
    assert Grid.chosen(product, resolution=0.125).shape == (4, 8)
    assert Grid.chosen(bbox=(10, 45, 11, 46)).resolution == 0.08
    assert Grid.chosen() is None
    with pytest.raises(SmrfrError, match=r"either a product .*\(--grid, Processing GRID\) or an extent "
                                         r"\(--bbox, Processing EXTENT\), not both"):
        Grid.chosen(product, (10, 45, 11, 46))
    with pytest.raises(SmrfrError, match=r"a resolution \(0.05\) needs a product .* or an extent"):
        Grid.chosen(resolution=0.05)
