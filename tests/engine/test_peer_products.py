"""Peer products (SoMo.ml, SMCI1.0, GSSM-10) laid out as CF files and GeoTIFFs are read as they store them:
values checked against the raw files by hand."""

import numpy as np
import pandas as pd
import pytest
import xarray as xr

from smrfr_engine.cli import main
from smrfr_engine.errors import SmrfrError
from smrfr_engine.products import info, open_product

#: a 0.25 degree SoMo.ml-like grid around (0, 0): latitude ascending, longitudes 0..360 as CF files often are
LAT = np.array([-0.375, -0.125, 0.125, 0.375])
LON = np.array([359.625, 359.875, 0.125, 0.375])


def cf_somo_file(path, name, days, values, extra=None) -> None:
    """A SoMo.ml-like layer file: ``name`` (time, lat, lon) packed to int16 with ``scale_factor`` 1e-4 and
    ``_FillValue`` -9999, times in days since 2000-01-01 with ``time_bnds``, plus ``extra`` variables."""
    offsets = np.asarray((days - pd.Timestamp("2000-01-01")).days, "float64")
    data = {"time_bnds": (("time", "bnds"), np.stack([offsets, offsets + 1], axis=1)),
            name: (("time", "lat", "lon"), values, {"units": "m3 m-3"}), **(extra or {})}
    coords = {"time": ("time", offsets, {"units": "days since 2000-01-01", "calendar": "standard",
                                         "bounds": "time_bnds"}),
              "lat": ("lat", LAT, {"units": "degrees_north"}), "lon": ("lon", LON, {"units": "degrees_east"})}
    encoding = {name: {"dtype": "int16", "scale_factor": 1e-4, "_FillValue": -9999}}
    xr.Dataset(data, coords=coords).to_netcdf(path, encoding=encoding)


def test_a_somo_file_with_time_bounds_is_read_by_its_one_gridded_variable(tmp_path):
    # the reader took the first variable of 2 dimensions, time_bnds (time, bnds): the folder was unreadable
    days = pd.date_range("2012-02-27", "2012-03-02")
    values = (0.2 + 0.01 * np.arange(len(days))[:, None, None] + 0.001 * np.arange(16).reshape(1, 4, 4))
    values[:, 0, 0] = np.nan
    cf_somo_file(tmp_path / "SoMo.ml_v1_layer1_2012.nc", "layer1", days, values.astype("float32"))
    with open_product(tmp_path) as ds:
        assert ds.attrs["product"] == "somo" and list(ds.layer.values) == ["layer1"]
        assert pd.DatetimeIndex(ds.time.values).equals(days)
        assert list(ds.lat.values) == [0.375, 0.125, -0.125, -0.375]
        assert list(ds.lon.values) == [-0.375, -0.125, 0.125, 0.375]
        # by hand: 2012-03-01 is day 3; latitude 0.125 is row 2 of the file, longitude 0.125 column 2
        cell = float(ds["soil_moisture"].sel(layer="layer1", time="2012-03-01", lat=0.125, lon=0.125))
        assert cell == pytest.approx(0.2 + 0.03 + 0.001 * 10, abs=5e-5)
        assert np.isnan(float(ds["soil_moisture"].sel(layer="layer1", time="2012-03-01", lat=-0.375,
                                                      lon=-0.375)))

    extra = {"layer1_std": (("time", "lat", "lon"), np.zeros(values.shape, "float32"))}
    cf_somo_file(tmp_path / "SoMo.ml_v1_layer1_2012.nc", "layer1", days, values.astype("float32"), extra)
    with pytest.raises(SmrfrError) as caught:
        open_product(tmp_path)
    assert str(caught.value) == (
        f"{tmp_path / 'SoMo.ml_v1_layer1_2012.nc'} has 2 variables on a lat/lon grid (variables: "
        "time_bnds('time', 'bnds'), layer1('time', 'lat', 'lon'), layer1_std('time', 'lat', 'lon')); "
        "a file of one layer has one: give a product description naming the variable")


def packed_geotiff(path, raw, crs="EPSG:32650", nodata=65535, scale=1e-3, offset=0.0,
                   corner=(399960, 3300040), cell=10, days=None) -> None:
    """A uint16 GeoTIFF of ``cell`` m cells (GSSM-10-like, UTM 50N; north-west corner ``corner``) whose bands
    declare ``scale``, ``offset`` (GDAL metadata) and ``nodata``: one band, or one per day of ``days`` (raw
    of shape days x rows x columns), dated by its description."""
    import rasterio
    from rasterio.transform import from_origin

    raw = raw if days is None else np.asarray(raw)
    count = 1 if days is None else len(days)
    with rasterio.open(path, "w", driver="GTiff", width=raw.shape[-1], height=raw.shape[-2], count=count,
                       dtype="uint16", nodata=nodata, crs=crs,
                       transform=from_origin(*corner, cell, cell)) as dst:
        dst.write(raw, 1) if days is None else dst.write(raw)
        dst.scales, dst.offsets = (scale,) * count, (offset,) * count
        for band, day in enumerate(days or [], 1):
            dst.set_band_description(band, day)


def test_a_geotiff_band_is_unpacked_with_its_own_scale_and_offset(tmp_path):
    # GeoTIFFs of integers declaring a scale were read raw: 250 m3/m3 instead of 0.25
    raw = np.array([[250, 301, 65535], [0, 412, 1000]], "uint16")
    packed_geotiff(tmp_path / "GSSM_20200105.tif", raw)
    with open_product(tmp_path) as ds:
        values = ds["soil_moisture"].sel(layer="ssm").values[0]
    np.testing.assert_allclose(values, [[0.25, 0.301, np.nan], [0.0, 0.412, 1.0]], rtol=1e-6)
    assert list(ds.lon.values) == [399965, 399975, 399985] and list(ds.lat.values) == [3300035, 3300025]

    # a description's own scale, offset and fill replace the band's; what it leaves out stays the band's
    packed_geotiff(tmp_path / "GSSM_20200105.tif", raw, scale=0.5, offset=-1.0)
    layer = {"name": "top", "top": 0, "bottom": 5}
    with open_product(tmp_path, description={"layers": [layer], "scale": 1e-3}) as ds:
        np.testing.assert_allclose(ds["soil_moisture"].values[0, 0], [[-0.75, -0.699, np.nan],
                                                                      [-1.0, -0.588, 0.0]], rtol=1e-6)
    with open_product(tmp_path, description={"layers": [layer], "offset": 0, "fill": 0}) as ds:
        np.testing.assert_allclose(ds["soil_moisture"].values[0, 0], [[125, 150.5, 32767.5],
                                                                      [np.nan, 206, 500]], rtol=1e-6)


def test_a_described_netcdf_is_unpacked_with_its_own_scale_factor_and_add_offset(tmp_path):
    # a description without "scale" read a CF-packed variable raw (int16 counts as m3/m3)
    days = pd.date_range("2020-01-01", periods=2)
    values = np.array([[[0.25, np.nan], [0.3, 0.31]], [[0.26, 0.27], [0.0, 0.33]]], "float32")
    cube = xr.Dataset({"sm": (("time", "lat", "lon"), values)},
                      coords={"time": days, "lat": [45.5, 45.0], "lon": [10.0, 10.5]})
    cube.to_netcdf(tmp_path / "packed.nc", encoding={"sm": {"dtype": "int16", "scale_factor": 2e-4,
                                                            "add_offset": 0.1, "_FillValue": -32768}})
    description = {"layers": [{"name": "sm", "variable": "sm", "top": 0, "bottom": 5}]}
    with open_product(tmp_path / "packed.nc", description=description) as ds:
        np.testing.assert_allclose(ds["soil_moisture"].values[0], values, atol=1e-4)


def noleap_year(path, name="layer1", dims=("lat", "lon")) -> None:
    """A file of 2012 in the noleap calendar (noon of each of its 365 days, no 29 February) on the SoMo.ml
    grid: day i of the year (from 0) holds i / 1000 in every cell."""
    values = np.broadcast_to(np.arange(365, dtype="float32")[:, None, None] / 1000, (365, 4, 4))
    offsets = 12 * 365 + np.arange(365) + 0.5  # noon of each day of 2012 in days since 2000-01-01, noleap
    time = ("time", offsets, {"units": "days since 2000-01-01", "calendar": "noleap"})
    xr.Dataset({name: (("time", *dims), values)},
               coords={"time": time, dims[0]: LAT, dims[1]: LON}).to_netcdf(path)


def test_times_of_a_noleap_calendar_are_the_same_days_of_the_standard_calendar(tmp_path):
    # cftime dates were replaced by 365 days from 1 January: 29 February took 1 March's values, and every
    # day after was a day early (the SoMo.ml reader); ERA5-like files failed with a cftime TypeError
    somo = tmp_path / "somo"
    somo.mkdir()
    noleap_year(somo / "SoMo.ml_v1_layer1_2012.nc")
    noleap_year(tmp_path / "era5.nc", "swvl1", ("latitude", "longitude"))
    values = np.broadcast_to(np.arange(365, dtype="float32")[:, None, None] / 1000, (365, 4, 4))
    for source in (somo, tmp_path / "era5.nc"):
        with open_product(source) as ds:
            series = ds["soil_moisture"].isel(layer=0, lat=0, lon=0).to_series()
        assert len(series) == 365 and "2012-02-29" not in series.index
        # by hand: 1 March is day 59 of a noleap year, 31 December day 364
        assert series["2012-02-28"] == pytest.approx(0.058) and series["2012-03-01"] == pytest.approx(0.059)
        assert series["2012-12-31"] == pytest.approx(0.364)
    assert info(somo)["gaps"] == [["2012-02-29", "2012-02-29"]]

    time = ("time", np.arange(360.0), {"units": "days since 2012-01-01", "calendar": "360_day"})
    xr.Dataset({"swvl1": (("time", "latitude", "longitude"), values[:360])},
               coords={"time": time, "latitude": LAT, "longitude": LON}).to_netcdf(tmp_path / "model.nc")
    message = (r"^variable 'swvl1' holds 2012-02-30 of the 360_day calendar, no day of the standard "
               r"calendar: convert its times to the standard calendar first$")
    with pytest.raises(SmrfrError, match=message):
        open_product(tmp_path / "model.nc")


def test_two_files_holding_the_same_days_are_refused_by_name(tmp_path):
    # two GSSM-10 files of one day were averaged into one (0.15 from 0.1 and 0.2); a SoMo.ml file and its
    # downloaded copy failed with pandas' "Index must be monotonic for resampling"
    gssm = tmp_path / "gssm"
    gssm.mkdir()
    for index, name in enumerate(("GSSM_20200105.tif", "GSSM_20200105_v2.tif", "GSSM_20200106.tif")):
        packed_geotiff(gssm / name, np.full((2, 3), 100 * (index + 1), "uint16"))
    with pytest.raises(SmrfrError) as caught:
        open_product(gssm)
    assert str(caught.value) == (
        f"{gssm / 'GSSM_20200105_v2.tif'} and {gssm / 'GSSM_20200105.tif'} both hold 2020-01-05..2020-01-05: "
        "each time of a product is in one file (a copy, or two files of one day?); move one of them out")
    (gssm / "GSSM_20200105_v2.tif").unlink()
    with open_product(gssm) as ds:
        assert ds["soil_moisture"].values[0, :, 0, 0].tolist() == pytest.approx([0.1, 0.3])

    somo = tmp_path / "somo"
    somo.mkdir()
    days = pd.date_range("2012-01-01", periods=3)
    for name in ("SoMo.ml_v1_layer1_2012.nc", "SoMo.ml_v1_layer1_2012 (1).nc"):
        cf_somo_file(somo / name, "layer1", days, np.full((3, 4, 4), 0.2, "float32"))
    with pytest.raises(SmrfrError, match=r"\(1\)\.nc both hold 2012-01-01\.\.2012-01-03: each time of a "):
        open_product(somo)


def smci_daily_files(folder, days=("20100101", "20100102", "20100103", "20100105"), depths=(10,)) -> None:
    """SMCI1.0-like files of one day and one depth each (``SMCI_1km_<YYYYMMDD>_<D>cm.nc``), no time axis, on
    2 x 3 cells of 1/120 degree (north edge 30.5 N, west edge 100 E): integers in 0.001 m3/m3, 240 + 10 x
    the last digit of the day + the depth in cm - 10."""
    lat, lon = 30.5 - (np.arange(2) + 0.5) / 120, 100 + (np.arange(3) + 0.5) / 120
    for depth in depths:
        for day in days:
            raw = np.full((2, 3), 240 + 10 * int(day[-1]) + depth - 10, "int16")
            xr.Dataset({"SMCI": (("lat", "lon"), raw)},
                       coords={"lat": lat, "lon": lon}).to_netcdf(folder / f"SMCI_1km_{day}_{depth}cm.nc")


def test_daily_files_without_a_time_axis_are_of_the_date_in_their_names(tmp_path):
    # SMCI1.0-like files of one day each, integers in 0.001 m3/m3, no time axis: refused for want of a year
    # ("SMCI_1km_20100101_10cm.nc has no time coordinate and no year in its name")
    smci_daily_files(tmp_path)
    with open_product(tmp_path) as ds:
        series = ds["soil_moisture"].isel(layer=0, lat=1, lon=2).to_series()
    days = ["2010-01-01", "2010-01-02", "2010-01-03", "2010-01-05"]
    assert series.index.strftime("%Y-%m-%d").tolist() == days
    np.testing.assert_allclose(series.values, [0.25, 0.26, 0.27, 0.29], rtol=1e-6)
    assert info(tmp_path)["gaps"] == [["2010-01-04", "2010-01-04"]]
    (tmp_path / "SMCI_1km_20100105_10cm.nc").rename(tmp_path / "SMCI_1km_20101305_10cm.nc")
    with pytest.raises(SmrfrError, match=r"_20101305_10cm.nc has no time coordinate, and 2010-13-05 in its "):
        open_product(tmp_path)


@pytest.mark.parametrize("stored", ["contiguous", "chunked"])
def test_a_netcdf_is_read_in_pieces_of_the_dask_chunk_size(tmp_path, stored):
    """A NetCDF variable stored contiguous (NetCDF3, or NetCDF4 without chunking: CDS downloads, many
    peer products) was one dask chunk, so a point series read the whole variable (1.6 GB of memory for one
    year of a global 0.25 deg layer; bench_products). It is now read in pieces of at most dask's
    ``array.chunk-size``; a chunked variable in whole multiples of its own chunks."""
    import dask

    days, values = pd.date_range("2010-01-01", periods=40), np.random.default_rng(0).random((40, 60, 80))
    encoding = {"contiguous": True} if stored == "contiguous" else {"chunksizes": (10, 20, 20)}
    coords = {"time": days, "lat": 40 - 0.25 * np.arange(60), "lon": 0.25 * np.arange(80)}
    xr.Dataset({"sm": (("time", "lat", "lon"), values.astype("float32"))}, coords=coords).to_netcdf(
        tmp_path / "SoMo.ml_v1_layer1_2010.nc", encoding={"sm": encoding})  # 768 KB
    with dask.config.set({"array.chunk-size": "100KiB"}):
        product = open_product(tmp_path, "somo")
    chunks = product.soil_moisture.data.chunks[-3:]  # time, lat, lon
    assert np.prod([max(sizes) for sizes in chunks]) * 4 <= 100 * 1024
    if stored == "chunked":
        assert all(size % own == 0 for sizes, own in zip(chunks, (10, 20, 20)) for size in sizes[:-1])
    np.testing.assert_array_equal(product.soil_moisture.isel(layer=0).values, values.astype("float32"))


def test_aligned_tiles_and_extents_read_on_the_union_of_their_grids(tmp_path):
    # two GSSM-10 tiles of one day side by side, or a day downloaded over a larger area, were refused with
    # "has another grid than": the files of one product had to share one grid
    west = np.arange(1, 17, dtype="uint16").reshape(4, 4) * 10  # 0.01..0.16
    east = west + 500  # 0.51..0.66
    east[0, 0] = 65535  # nodata
    packed_geotiff(tmp_path / "GSSM_20200105_e.tif", east, corner=(400000, 3300040))
    packed_geotiff(tmp_path / "GSSM_20200105_w.tif", west, corner=(399960, 3300040))
    # the next day over one cell more on every side: 6 x 10 cells, 0.3 but 0.2 in its north-west cell
    larger = np.full((6, 10), 300, "uint16")
    larger[0, 0] = 200
    packed_geotiff(tmp_path / "GSSM_20200106.tif", larger, corner=(399950, 3300050))
    with open_product(tmp_path) as ds:
        sm = ds["soil_moisture"].sel(layer="ssm")
        # by hand: cell centres 399955..400045 east, 3300045..3299995 north
        assert ds.lon.values.tolist() == list(range(399955, 400046, 10))
        assert ds.lat.values.tolist() == list(range(3300045, 3299994, -10))
        assert sm.chunks[0] == (1, 1)  # a day at a time: the union grid of every day is never held at once
        day = sm.sel(time="2020-01-05").values
        np.testing.assert_array_equal(np.isnan(day[[0, 5]]), True)  # rows beyond both tiles
        np.testing.assert_array_equal(np.isnan(day[:, [0, 9]]), True)
        np.testing.assert_allclose(day[1, 1:9], [0.01, 0.02, 0.03, 0.04, np.nan, 0.52, 0.53, 0.54], rtol=1e-6)
        np.testing.assert_allclose(day[4, 1:9], [0.13, 0.14, 0.15, 0.16, 0.63, 0.64, 0.65, 0.66], rtol=1e-6)
        assert float(sm.sel(time="2020-01-06", lon=399955, lat=3300045)) == pytest.approx(0.2)
        assert np.nanmean(sm.sel(time="2020-01-06").values) == pytest.approx((59 * 0.3 + 0.2) / 60)
    assert info(tmp_path)["days"] == 2
    out = tmp_path.parent / f"{tmp_path.name}.csv"
    assert main(["series", str(tmp_path), "--point", "400015,3300035", "--crs", "EPSG:32650", "--out",
                 str(out)]) == 0
    assert pd.read_csv(out)["ssm"].tolist() == pytest.approx([0.52, 0.3])  # the east tile's cell (0, 1)


def test_overlapping_tiles_of_one_day_merge_where_they_agree(tmp_path):
    # two tiles sharing a column (tiles with a margin); the west one has no value in one shared cell
    west = np.full((2, 3), 100, "uint16")
    west[1, 2] = 65535
    east = np.array([[100, 400, 400], [100, 400, 400]], "uint16")
    packed_geotiff(tmp_path / "GSSM_20200105_a.tif", west, corner=(399960, 3300040))
    packed_geotiff(tmp_path / "GSSM_20200105_b.tif", east, corner=(399980, 3300040))
    with open_product(tmp_path) as ds:
        np.testing.assert_allclose(ds["soil_moisture"].values[0, 0], [[0.1, 0.1, 0.1, 0.4, 0.4]] * 2,
                                   rtol=1e-6)

    def refusal() -> str:
        with pytest.raises(SmrfrError) as caught:
            open_product(tmp_path)
        return str(caught.value)

    east[0, 0] = 101  # 0.101 where the west tile holds 0.1: cell x 399985, y 3300035
    packed_geotiff(tmp_path / "GSSM_20200105_b.tif", east, corner=(399980, 3300040))
    assert refusal() == (
        f"{tmp_path / 'GSSM_20200105_b.tif'} and {tmp_path / 'GSSM_20200105_a.tif'} both hold 2020-01-05 "
        "with other values on a cell both cover (x 399985, y 3300035: 0.101 against 0.1): tiles of one day "
        "must agree where they overlap; move one of them out")

    # a copy of a tile (same day, same extent) is refused as in a folder of one grid, though it agrees
    east[0, 0] = 100
    packed_geotiff(tmp_path / "GSSM_20200105_b.tif", east, corner=(399980, 3300040))
    packed_geotiff(tmp_path / "GSSM_20200105_a (1).tif", west, corner=(399960, 3300040))
    assert refusal() == (
        f"{tmp_path / 'GSSM_20200105_a.tif'} and {tmp_path / 'GSSM_20200105_a (1).tif'} both hold "
        "2020-01-05..2020-01-05: each time of a product is in one file (a copy, or two files of one day?); "
        "move one of them out")


def test_files_of_several_days_merge_day_by_day(tmp_path):
    # a file of 5-7 January and one of 7-8 January one column further east: 7 January is both, merged
    packed_geotiff(tmp_path / "GSSM_a.tif", [np.full((1, 2), 100 * n, "uint16") for n in (1, 2, 3)],
                   days=["2020-01-05", "2020-01-06", "2020-01-07"])
    packed_geotiff(tmp_path / "GSSM_b.tif", [[[300, 500]], [[400, 400]]], corner=(399970, 3300040),
                   days=["2020-01-07", "2020-01-08"])
    with open_product(tmp_path) as ds:
        assert pd.DatetimeIndex(ds.time.values).equals(pd.date_range("2020-01-05", "2020-01-08"))
        np.testing.assert_allclose(ds["soil_moisture"].values[0, :, 0],
                                   [[0.1, 0.1, np.nan], [0.2, 0.2, np.nan], [0.3, 0.3, 0.5],
                                    [np.nan, 0.4, 0.4]], rtol=1e-6)


def test_files_of_one_extent_aligned_to_a_thousandth_of_a_cell_share_the_first_files_grid(tmp_path):
    # a day whose origin is 5e-6 deg (0.0005 of a 0.01 deg cell) off was refused when on the first day's
    # extent ("has another grid than ... (lon 100.005..100.035, 4 cells against 100.005..100.035, 4 cells)"),
    # though the same offset on a tile elsewhere was read as aligned
    for day, x in (("20200105", 100.0), ("20200106", 100.000005)):
        packed_geotiff(tmp_path / f"GSSM_{day}.tif", np.full((2, 4), int(day[-2:]) * 10, "uint16"),
                       crs="EPSG:4326", corner=(x, 30.0), cell=0.01)
    with open_product(tmp_path) as ds:
        np.testing.assert_allclose(ds.lon.values, [100.005, 100.015, 100.025, 100.035])
        np.testing.assert_allclose(ds.lat.values, [29.995, 29.985])
        np.testing.assert_allclose(ds["soil_moisture"].values[0, :, :, 0], [[0.05, 0.05], [0.06, 0.06]],
                                   rtol=1e-6)


def test_grids_not_aligned_are_refused_naming_both_files(tmp_path):
    packed_geotiff(tmp_path / "GSSM_20200105.tif", np.full((4, 4), 100, "uint16"))
    odd = tmp_path / "GSSM_20200106.tif"
    first = tmp_path / "GSSM_20200105.tif"
    end = ("): the files of one product must share their CRS, cell size and cell edges (tiles, or extents "
           "that differ by whole cells); move the odd one out")
    for reason, options in (("cells shifted by 4.5 columns and 0 rows, not a whole number",
                             {"corner": (400005, 3300040)}),
                            ("cells of 20 x -20 against 10 x -10", {"cell": 20}),
                            ("CRS EPSG:32651 against EPSG:32650", {"crs": "EPSG:32651"})):
        packed_geotiff(odd, np.full((4, 4), 200, "uint16"), **options)
        with pytest.raises(SmrfrError) as caught:
            open_product(tmp_path)
        assert str(caught.value) == f"{odd} has another grid than {first} ({reason}{end}"
    # a shift of whole cells is a tile of the same grid: a day of 4 x 4 cells 50 m east
    packed_geotiff(odd, np.full((4, 4), 200, "uint16"), corner=(400010, 3300040))
    with open_product(tmp_path) as ds:
        assert ds.sizes["lon"] == 9 and ds.sizes["lat"] == 4
